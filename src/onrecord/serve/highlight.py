"""An article's text as HTML with its statements marked, built from the record's offsets.

The text is cut at every span boundary into segments; each segment is escaped on its own and
wrapped in tags this module writes. No markup is ever inserted into the raw text and
re-parsed, so a quote that contains ``</mark>`` or ``<script>`` is shown as those characters.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from markupsafe import Markup, escape

from onrecord.acts import ACTS
from onrecord.labels import act_label
from onrecord.serve.attribution import anchor_id, linked_antecedent

if TYPE_CHECKING:
    from onrecord.store.rows import EventReport, Span

# Styles of the spans that are not statements, by record field.
LAYERS = ("boilerplate", "headings")


@dataclass(slots=True)
class Segment:
    start: int
    end: int
    statement: int | None = None          # index into the record's statements
    classes: set[str] = field(default_factory=set)
    anchor: str | None = None             # id of the antecedent starting here, for its link


def _near(statement: Any, low: int, high: int) -> bool:
    """Whether a span of ``statement`` may be drawn in [low, high): its own, its cue's or its
    mention's crosses it, or it has words naming its speaker elsewhere (an antecedent,
    anchored wherever it is). The others need no closer look."""
    if not isinstance(statement, dict):
        return False
    speaker = statement.get("speaker") or {}
    if isinstance(speaker, dict) and speaker.get("antecedent"):
        return True
    parts = (statement, statement.get("cue"), speaker.get("mention") if isinstance(speaker, dict) else None)
    return any(isinstance(p, dict) and isinstance(p.get("start"), int) and isinstance(p.get("end"), int)
               and p["start"] < high and p["end"] > low for p in parts)


def _valid(span: Any, size: int) -> bool:
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= size


def segments(record: dict[str, Any], window: tuple[int, int] | None = None) -> list[Segment]:
    """The text cut at every boundary of a statement, cue, speaker mention, antecedent (the
    words naming a speaker found elsewhere, anchored at its first segment), heading or piece
    of boilerplate; spans with impossible offsets are ignored rather than trusted. With
    ``window`` (start, end), only the segments of that part of the text (a page of a long
    article); spans crossing its edges are cut there."""
    text, size = record.get("text") or "", len(record.get("text") or "")
    low, high = (0, size) if window is None else (max(0, min(window[0], size)), max(0, min(window[1], size)))
    spans: list[tuple[dict[str, Any], str | int]] = []
    for n, st in enumerate(record.get("statements") or ()):
        if window is not None and not _near(st, low, high):
            continue                      # another page's statement: its parts are not drawn here
        spans.append((st, n))
        spans += [(s, "cue") for s in (st.get("cue"),) if s]
        spans += [(s, "mention") for s in ((st.get("speaker") or {}).get("mention"),) if s]
        spans += [(s, "antecedent") for s in (linked_antecedent(st, text),) if s]
    for layer in LAYERS:
        spans += [(s, layer) for s in record.get(layer) or ()]
    spans = [(s, tag) for s, tag in spans if isinstance(s, dict) and _valid(s, size)
             and s["start"] < high and s["end"] > low]
    cuts = sorted({low, high, *(min(max(s["start"], low), high) for s, _ in spans),
                   *(min(max(s["end"], low), high) for s, _ in spans)})
    parts = [Segment(a, b) for a, b in zip(cuts, cuts[1:])]
    # Longest first, so where statements overlap (they should not) the shorter one is drawn
    # on top: a statement nested in another stays visible, the outer one resumes around it.
    for span, tag in sorted(spans, key=lambda item: item[0]["start"] - item[0]["end"]):
        start, end = max(span["start"], low), min(span["end"], high)
        for seg in parts[bisect_left(cuts, start):bisect_left(cuts, end)]:
            if isinstance(tag, str):
                seg.classes.add(tag)
            else:
                seg.statement = tag
        if tag == "antecedent" and span["start"] >= low:
            parts[bisect_left(cuts, start)].anchor = anchor_id(span)
    return parts if text and low < high else []


# The marks are written as plain strings of escaped parts and made Markup once, whole:
# Markup.format per segment cost more than everything else on a long article's page.

def _label(st: dict[str, Any], speaker_ids: dict[str, int]) -> str:
    """The speaker's name at the start of a statement, linking to their page when known."""
    name = escape((st.get("speaker") or {}).get("name") or "unknown speaker")
    sid = speaker_ids.get(st.get("id") or "")
    if sid is not None:
        return f'<a class="who" href="/speakers/{int(sid)}">{name}</a>'
    return f'<span class="who">{name}</span>'


def _shared(st: dict[str, Any], shared: dict[str, tuple[int, int]]) -> str:
    """A link to the quote's page when other articles report the same words."""
    found = shared.get(st.get("id") or "")
    if found is None:
        return ""
    quote, articles = int(found[0]), int(found[1])
    return (f'<a class="also" href="/quotes/{quote}" title="the same words in {articles} articles">'
            f'{articles} articles</a>')


def _act(act: tuple[str, bool] | None) -> str:
    """What the source did, after the speaker's label: "thought", "negated speech"."""
    if act is None:
        return ""
    css = f"act a-{act[0] if act[0] in ACTS else 'other'}" + (" negated" if act[1] else "")
    return f'<span class="{escape(css)}">{escape(act_label(*act))}</span>'


def _open_mark(n: int, st: dict[str, Any], first: bool, speaker_ids: dict[str, int],
               shared: dict[str, tuple[int, int]], acts: dict[str, tuple[str, bool]]) -> str:
    name = (st.get("speaker") or {}).get("name") or "unknown speaker"
    cue = (st.get("cue") or {}).get("text") or ""
    kind = st.get("kind") if st.get("kind") in ("direct", "indirect", "mixed") else "other"
    act = acts.get(st.get("id") or "")
    title = escape(" · ".join(x for x in (name, cue, kind, act and act_label(*act)) if x))
    if not first:
        return f'<mark class="st {kind}" title="{title}">'
    # Anchored by statement id, so a search result can link to its place in the article.
    anchor = escape(st.get("id") or n)
    return (f'<mark class="st {kind}" id="st-{anchor}" title="{title}">'
            + _label(st, speaker_ids) + _act(act) + _shared(st, shared))


def highlight(record: dict[str, Any], speaker_ids: dict[str, int] | None = None,
              shared: dict[str, tuple[int, int]] | None = None,
              acts: dict[str, tuple[str, bool]] | None = None,
              window: tuple[int, int] | None = None) -> Markup:
    """The article text as HTML: ``<mark>`` per statement (labelled with its speaker at its
    first segment), cue, mention, heading and boilerplate spans; the text escaped piecewise.
    ``speaker_ids`` maps a statement id to its stored speaker's id, for the label's link;
    ``shared`` maps it to (quote id, articles) when other articles report the same words;
    ``acts`` to (act, negated) as stored, shown after the label (the stored rows, not the
    record: a record older than acts has none, its rows have the one its cue implies).
    ``window`` (start, end) draws only that part of the text (``segments``)."""
    text, statements = record.get("text") or "", record.get("statements") or ()
    ids = speaker_ids or {}
    quotes = shared or {}
    done = acts or {}
    out: list[str] = []
    current: int | None = None
    labelled: set[int] = set()
    for seg in segments(record, window):
        if seg.statement != current:
            if current is not None:
                out.append("</mark>")
            if seg.statement is not None:
                st = statements[seg.statement]
                out.append(_open_mark(seg.statement, st, seg.statement not in labelled, ids, quotes, done))
                labelled.add(seg.statement)
            current = seg.statement
        piece = escape(text[seg.start:seg.end])
        css = " ".join(sorted(seg.classes))
        if seg.anchor is not None:
            out.append(f'<span class="{css}" id="{escape(seg.anchor)}">{piece}</span>')
        elif seg.classes:
            out.append(f'<span class="{css}">{piece}</span>')
        else:
            out.append(piece)
    if current is not None:
        out.append("</mark>")
    return Markup("".join(out))      # every part above was escaped where it was written


def evidence(report: EventReport) -> Markup:
    """An event's evidence sentence as HTML, its trigger ("met") marked and its place
    underlined; offsets are the article's, so they are taken relative to the sentence and
    any that fall outside it are ignored."""
    text, base = report.get("text") or "", report.get("start")
    if not isinstance(base, int):
        return escape(text)
    spans = []
    for name, css in (("trigger", "trigger"), ("place", "place")):
        # name is "trigger" or "place", both spans; mypy sees only a str key
        span: Mapping[str, Any] = cast("Span | None", report.get(name)) or {}
        start, end = span.get("start"), span.get("end")
        if isinstance(start, int) and isinstance(end, int) and base <= start < end <= base + len(text):
            spans.append((start - base, end - base, css))
    spans.sort()
    out: list[Markup | str] = []
    at = 0
    for start, end, css in spans:
        if start < at:
            continue                          # overlapping spans: the first one wins
        out.append(escape(text[at:start]))
        tag = "mark" if css == "trigger" else "span"
        out.append(Markup('<{0} class="{1}">{2}</{0}>').format(Markup(tag), css, text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)
__all__ = ["Segment", "evidence", "highlight", "segments"]
