"""Claims: every stored amount with what it is about, who claimed it, where and when.

The rows are plain dicts, one per amount, ready to be compared across articles
(``onrecord.claims.compare``); ``about`` narrows them to a subject here, by words.
"""
from __future__ import annotations

import sqlite3
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.keys import topic_key
from onrecord.store.queries import MAX_INTEGER
from onrecord.store.rows import ClaimRow

_COLUMNS = """
SELECT a.id AS article_id, a.source, a.title, a.site, a.published, m.sid AS statement, m.claimed_by,
       m.text, m.start, m."end", m.value, m.low, m.high, m.unit, m.qualifier, m.about, m.about_key
"""
_ALL = "FROM amounts AS m JOIN articles AS a ON a.id = m.article_id"
# The latest: articles newest first down the articles_newest index, each one's amounts by
# amounts_article (CROSS JOIN keeps that nesting), so that reading a few hundred costs the same
# in a store of any size instead of sorting every amount.
_LATEST = ("FROM articles AS a CROSS JOIN amounts AS m ON m.article_id = a.id",
           "ORDER BY a.published IS NOT NULL DESC, coalesce(a.published, '') DESC, a.id DESC, m.start DESC")


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")


def claim_rows(conn: sqlite3.Connection, about: str | None, limit: int | None,
               counted: bool = False) -> list[ClaimRow]:
    """Amounts in date, article and text order (undated last): all of them, or the latest
    ``limit``. ``about``: the subject's key is the key of these words ("the North Atlantic
    Alliance" finds NATO's), or every word is a word of the subject or of the unit.
    ``counted`` keeps only amounts with a unit (what comparing needs)."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InputError("limit", f"not a whole number ≥ 1: {limit!r}")
    where: list[str] = []
    params: dict[str, Any] = {"limit": -1 if limit is None else min(limit, MAX_INTEGER)}   # more: all
    if counted:
        where.append("m.unit IS NOT NULL AND trim(m.unit) != ''")
    if about is not None and about.strip():
        where.append(_about_where(about, params))
    tables, order = ((_ALL, "ORDER BY a.published IS NULL, coalesce(a.published, ''), a.id, m.start")
                     if limit is None else _LATEST)
    sql = f"{_COLUMNS} {tables} WHERE {' AND '.join(where) or '1'} {order} LIMIT :limit"
    rows = cast("list[ClaimRow]", [dict(row) for row in conn.execute(sql, params)])   # the columns of _COLUMNS
    if limit is not None:                     # read newest first, listed in date order
        rows.sort(key=lambda r: (r["published"] is None, r["published"] or "", r["article_id"], r["start"]))
    return rows


def _about_where(about: str, params: dict[str, Any]) -> str:
    each = []
    for n, word in enumerate(about.split()):
        params[f"k{n}"] = f"% {_like(topic_key(word))} %"
        params[f"w{n}"] = f"%{_like(word)}%"
        each.append(f"(' ' || m.about_key || ' ' LIKE :k{n} ESCAPE '\\' OR m.about LIKE :w{n} ESCAPE '\\' "
                    f"OR m.unit LIKE :w{n} ESCAPE '\\')")
    params["exact"] = topic_key(about)
    return f"(m.about_key = :exact OR ({' AND '.join(each)}))"


__all__ = ["claim_rows"]
