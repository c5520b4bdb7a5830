"""A digest as Markdown, HTML or JSON. Generated text is marked in each: ``[generated]`` in
Markdown, ``class="generated"`` in HTML, ``"generated": true`` in JSON."""
from __future__ import annotations

import json
import re
from functools import cache

from .digest import Digest, Line
from .labels import act_label

LEGEND = ("Text marked [generated] is written by onrecord; everything else is the articles' own "
          "words, quoted verbatim, each line linked to its source.")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def to_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2)


def to_markdown(digest: Digest) -> str:
    out = [f"# {_md(digest.title)}", "", f"_[generated] {_md(digest.context)}_", ""]
    out += [line for note in digest.notes for line in (f"_[generated] {_md(note)}_", "")]
    if digest.events:
        out += ["**Events**", ""]
        for e in digest.events:
            facts = " · ".join(x for x in (e.type, ", ".join(e.participants), e.place, e.date, e.status) if x)
            out.append(f"- _[generated] {_md(facts)}_ — {_md(e.evidence)} {_ref('source', e.link)}")
        out.append("")
    for section in digest.sections:
        title = _md(section.title) + (" _[generated]_" if section.generated else "")
        out += [f"## {title}", ""]
        if section.topics and not section.generated:
            out += [f"_[generated] topics: {_md(', '.join(section.topics))}_", ""]
        for line in section.lines:
            out += _md_line(line)
        out.append("")
    out += ["---", f"_{_md(LEGEND)}_", ""]
    return "\n".join(out)


def _md_line(line: Line) -> list[str]:
    said = f" — {_md(line.cue)}" if line.cue else ""
    act = f" _({act_label(line.act, line.negated)})_"
    rows = [f"- **{_md(line.speaker or 'unknown speaker')}**{said}{act}: {_md(words(line))} "
            f"{_ref(line.statement_id, line.link)}"]
    for amount in line.amounts:
        about = f" _[generated] about {_md(amount['about'])}_" if amount.get("about") else ""
        rows.append(f"  - amount: {_md(amount['text'])}{about}")
    for date in line.dates:
        placed = f" = {date['value']}" if date.get("value") else ""
        rows.append(f"  - date: {_md(date['text'])}{placed}")
    return rows


def words(line: Line) -> str:
    """The statement's words as said: a quotation in quotation marks (its pieces joined by
    an ellipsis when the cue split it), reported speech as reported."""
    if line.kind == "direct":
        return " … ".join(f"“{piece.strip()}”" for piece in line.pieces)
    return line.text


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _ref(label: str, link: str) -> str:
    """``([label](link))``, or ``(label)`` when there is nothing safe to link to."""
    return f"([{label}]({_url(link)}))" if link else f"({label})"


def _url(link: str) -> str:
    return link.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


@cache
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("onrecord", "templates"), autoescape=select_autoescape(["html"]))
    env.filters["words"] = words
    env.filters["act_label"] = act_label
    return env.get_template("digest.html")


def to_html(digest: Digest) -> str:
    """A standalone page (no script, no remote asset): every text escaped."""
    return _template().render(digest=digest, legend=LEGEND)


__all__ = ["to_json", "to_markdown", "to_html", "words", "LEGEND"]
