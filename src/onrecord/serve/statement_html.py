"""One statement as every list shows it (the ``statement`` macro of ``_macros.html`` calls
this): its words, speakers, cue, kind, act, site, date and links.

Written in Python rather than in the template because pages list up to 200 statements and the
template's version cost about a quarter of a millisecond each, most of a speaker's page. Every
value is escaped (``markupsafe.escape``, as ``e``) as the template's autoescape would.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape as e

from onrecord.labels import act_label
from onrecord.serve.security import safe_url
from onrecord.serve.formatting import KIND_LABELS, path_part, short_date


def speaker_names(s: Mapping[str, Any]) -> str:
    """The statement's speakers, each linked to their page, as HTML; the name the article gave
    when none is stored."""
    if s.get("speakers"):
        return " and ".join(f'<a href="/speakers/{e(p["id"])}">{e(p["name"])}</a>' for p in s["speakers"])
    name = e(s.get("speaker_name") or "unknown speaker")
    if s.get("speaker_id"):
        return f'<a href="/speakers/{e(s["speaker_id"])}">{name}</a>'
    return f'<span class="unknown">{name}</span>'


def statement_html(s: Mapping[str, Any], show_speaker: bool = True, show_article: bool = True,
                   show_quote: bool = True) -> Markup:
    kind, act, negated = e(s.get("kind")), s.get("act"), bool(s.get("negated"))
    meta = []
    if show_speaker:
        meta.append(f'<span class="who">{speaker_names(s)}</span>')
    if s.get("cue"):
        meta.append(f'<span class="cue">{e(s["cue"])}</span>')
    label = KIND_LABELS.get(s.get("kind") or "", s.get("kind") or "")
    meta.append(f'<span class="kind k-{kind}">{e(label)}</span>')
    meta.append(f'<span class="act a-{e(act)}{" negated" if negated else ""}">{e(act_label(act, negated))}</span>')
    if s.get("site"):
        meta.append(f'<span class="site">{e(s["site"])}</span>')
    if s.get("published"):
        day = e(short_date(s["published"]))
        meta.append(f'<time datetime="{day}">{day}</time>')
    if show_quote and s.get("quote_id") and (s.get("quote_articles") or 0) > 1:
        meta.append(f'<a class="also" href="/quotes/{e(s["quote_id"])}">same words in {e(s["quote_articles"])} articles</a>')
    if show_article:
        meta.append(f'<a class="to-article" href="/articles/{e(path_part(s["article_id"]))}#st-{e(s["sid"])}">'
                    f'{e(s.get("title") or "article")}</a>')
    source = safe_url(s.get("source"))
    if source:
        meta.append(f'<a class="source" href="{e(source)}" rel="noopener noreferrer nofollow">source ↗</a>')
    joined = "\n    ".join(meta)
    return Markup(f'<article class="statement k-{kind}">\n  <blockquote>{e(s.get("words") or s.get("text"))}</blockquote>'
                  f'\n  <p class="meta">\n    {joined}\n  </p>\n</article>')


__all__ = ["speaker_names", "statement_html"]
