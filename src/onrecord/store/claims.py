"""Claims: every stored amount with what it is about, who claimed it, where and when.

The rows are plain dicts, one per amount, ready to be compared across articles
(``onrecord.claims.compare``); ``about`` narrows them to a subject here, by words.
"""
from __future__ import annotations

import sqlite3
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.store.queries import MAX_INTEGER
from onrecord.store.rows import ClaimRow

_COLUMNS = """
SELECT a.id AS article_id, a.source, a.title, a.site, a.published, m.sid AS statement, m.claimed_by,
       m.text, m.start, m."end", m.value, m.low, m.high, m.unit, m.qualifier, m.about, m.about_key
FROM amounts AS m JOIN articles AS a ON a.id = m.article_id
"""


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%")


def claim_rows(conn: sqlite3.Connection, about: str | None, limit: int | None,
               counted: bool = False) -> list[ClaimRow]:
    """Amounts in date, article and text order. ``about``: the subject's key is the key of
    these words ("the North Atlantic Alliance" finds NATO's), or every word is a word of the
    subject or of the unit. ``counted`` keeps only amounts with a unit (what comparing needs)."""
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise InputError("limit", f"not a whole number ≥ 1: {limit!r}")
    where: list[str] = []
    params: dict[str, Any] = {"limit": -1 if limit is None else min(limit, MAX_INTEGER)}   # more: all
    if counted:
        where.append("m.unit IS NOT NULL AND trim(m.unit) != ''")
    if about is not None and about.strip():
        from onrecord.store.topic_ids import topic_key

        words = about.split()
        each = []
        for n, word in enumerate(words):
            params[f"k{n}"] = f"% {_like(topic_key(word))} %"
            params[f"w{n}"] = f"%{_like(word)}%"
            each.append(f"(' ' || m.about_key || ' ' LIKE :k{n} ESCAPE '\\' OR m.about LIKE :w{n} ESCAPE '\\' "
                        f"OR m.unit LIKE :w{n} ESCAPE '\\')")
        params["exact"] = topic_key(about)
        where.append(f"(m.about_key = :exact OR ({' AND '.join(each)}))")
    sql = (f"{_COLUMNS} WHERE {' AND '.join(where) or '1'} "
           "ORDER BY a.published IS NULL, coalesce(a.published, ''), a.id, m.start LIMIT :limit")
    return cast("list[ClaimRow]", [dict(row) for row in conn.execute(sql, params)])   # the columns of _COLUMNS


__all__ = ["claim_rows"]
