"""The article page's data: which part of the text a page of statements shows, and the
sidebars, all computed from the stored record and the page's rows.

A long article is read a page of statements at a time; each page shows the stretch of text
that holds its statements, so the pages together show the text once, in order, and every
statement whole. The cut between two pages is decided by the next page's first statement
alone, so the page before and the page after agree on it whichever is asked for.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from onrecord.serve.attribution import speaker_lines
from onrecord.serve.highlight import highlight

if TYPE_CHECKING:
    from markupsafe import Markup

    from onrecord.store.rows import ArticleDetail, StatementRow


def _placed(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, id) of the record's statements with usable offsets, in text order."""
    out = []
    for n, st in enumerate(record.get("statements") or ()):
        if isinstance(st, dict) and isinstance(st.get("start"), int) and isinstance(st.get("end"), int):
            out.append((st["start"], st["end"], str(st.get("id") or n)))
    return sorted(out, key=lambda p: p[0])


def cut_before(text: str, placed: list[tuple[int, int, str]], start: int) -> int:
    """Where a page whose first statement starts at ``start`` begins: the start of that
    statement's paragraph (its speaker and cue are read with it), but never before the end of
    an earlier statement, which stays whole on the page before."""
    paragraph = text.rfind("\n\n", 0, start)
    at = paragraph + 2 if paragraph >= 0 else 0
    ends = [e for s, e, _ in placed if s < start and e <= start]
    return min(start, max([at, *ends]))


def window(record: dict[str, Any], rows: Sequence[StatementRow], first: bool,
           last: bool) -> tuple[int, int] | None:
    """The part of the text a page of ``rows`` shows; None for the whole text (one page)."""
    text = record.get("text") or ""
    if first and last:
        return None
    placed = _placed(record)
    low = 0 if first or not rows else cut_before(text, placed, rows[0]["start"])
    high = len(text)
    if not last and rows:
        # The next page begins with the statement after this page's last, in the store's
        # order (offset, then the order saved); the record keeps that order.
        ids = [sid for _, _, sid in placed]
        position = ids.index(rows[-1]["sid"]) if rows[-1]["sid"] in ids else None
        if position is not None and position + 1 < len(placed):
            high = cut_before(text, placed, placed[position + 1][0])
    return low, max(low, high)


def article_view(data: ArticleDetail, first: bool) -> dict[str, Any]:
    """What article.html shows besides ``data``: the highlighted text of this page, the
    speakers and topics of the whole article, and this page's lines and shared quotes."""
    rows, record = data["statements"], data["record"]
    # The conditions keep only the ids that are set, which mypy cannot see through r.get().
    speaker_ids = cast("dict[str, int]",
                       {r["sid"]: r["speaker_id"] for r in rows if r.get("speaker_id") is not None})
    # Statements whose words other articles report too link to the quote's page.
    shared = cast("dict[str, tuple[int, int]]",
                  {r["sid"]: (r["quote_id"], r["quote_articles"]) for r in rows
                   if r.get("quote_id") is not None and (r.get("quote_articles") or 0) > 1})
    acts = {r["sid"]: (r["act"], r["negated"]) for r in rows}
    part = window(record, rows, first, data["next_cursor"] is None)
    on_page = {r["sid"] for r in rows}
    said_by = speaker_lines(_only(record, on_page)) if part is not None else speaker_lines(record)
    return {"body": highlight(record, speaker_ids, shared, acts, part), "said_by": said_by,
            "part": part, "entities": top_entities(record), "topics": article_topics(record),
            "shared": [r for r in rows if r["sid"] in shared]}


def _only(record: dict[str, Any], sids: set[str]) -> dict[str, Any]:
    """The record with only the statements of ``sids`` (the lines of one page)."""
    kept = [st for st in record.get("statements") or () if isinstance(st, dict) and str(st.get("id")) in sids]
    return {**record, "statements": kept}


def article_topics(record: dict[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    """The article's topics, most mentioned first."""
    topics = sorted(record.get("topics") or (), key=lambda t: -len(t.get("mentions") or ()))
    return [{"key": t.get("key"), "name": t.get("name")} for t in topics[:limit] if t.get("key")]


def top_entities(record: dict[str, Any], limit: int = 12) -> list[dict[str, Any]]:
    entities = sorted(record.get("entities") or (), key=lambda e: -len(e.get("mentions") or ()))
    return [{"name": e.get("name"), "type": e.get("type"), "mentions": len(e.get("mentions") or ())}
            for e in entities[:limit]]


__all__ = ["article_topics", "article_view", "cut_before", "top_entities", "window"]
