"""Read queries about speakers (the people and organisations across articles), and the
store's totals. Plain dicts of JSON values, as in ``queries``."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from onrecord.errors import InputError
from onrecord.store.queries import MAX_INTEGER, Filters, as_id, page_size, public, statement_rows, storable
from onrecord.store.speakers import lookup, name_key

_SPEAKER_COLUMNS = """
SELECT p.id, p.name, p.kind,
       count(l.statement_id) AS statement_count,
       count(DISTINCT s.article_id) AS article_count,
       (SELECT json_group_array(alias) FROM
          (SELECT alias FROM speaker_aliases WHERE speaker_id = p.id
           ORDER BY length(alias) DESC, alias)) AS aliases
FROM speakers AS p
LEFT JOIN statement_speakers AS l ON l.speaker_id = p.id
LEFT JOIN statements AS s ON s.id = l.statement_id
"""

_TIMELINE = """
SELECT substr(a.published, 1, 7) AS period, count(*) AS statements
FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id
JOIN articles AS a ON a.id = s.article_id
WHERE l.speaker_id = ? AND a.published IS NOT NULL
GROUP BY period ORDER BY period
"""

_SPAN = """
SELECT min(a.published) AS first_published, max(a.published) AS last_published
FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id
JOIN articles AS a ON a.id = s.article_id
WHERE l.speaker_id = ?
"""

# Entities of the articles the speaker is quoted in, by how many of those articles name them.
_ENTITIES = """
SELECT e.name, e.type, count(DISTINCT e.article_id) AS articles,
       sum((SELECT count(*) FROM mentions AS m WHERE m.article_id = e.article_id AND m.eid = e.eid))
           AS mentions
FROM entities AS e
WHERE e.article_id IN (SELECT s.article_id FROM statements AS s
                       JOIN statement_speakers AS l ON l.statement_id = s.id WHERE l.speaker_id = ?)
GROUP BY e.name, e.type
ORDER BY articles DESC, mentions DESC, e.name
LIMIT ?
"""

_COUNTS = """
SELECT (SELECT count(*) FROM articles)   AS articles,
       (SELECT count(*) FROM statements) AS statements,
       (SELECT count(*) FROM speakers)   AS speakers,
       (SELECT count(DISTINCT site) FROM articles) AS sites
"""

TOP_ENTITIES = 10


def speaker_rows(conn: sqlite3.Connection, q: str | None, limit: int, offset: int) -> list[dict[str, Any]]:
    """Speakers with their statement and article counts, most quoted first; ``q`` finds words
    anywhere in any of their names, case and accents folded ("put" finds Vladimir Putin)."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InputError("offset", f"not a whole number ≥ 0: {offset!r}")
    params: dict[str, Any] = {"limit": page_size(limit), "offset": min(offset, MAX_INTEGER)}  # past the end
    where = ""
    if q is not None and q.strip():
        key = name_key(q)
        if not key:
            return []
        params["pattern"] = "%" + key.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
        where = "WHERE p.id IN (SELECT speaker_id FROM speaker_aliases WHERE key LIKE :pattern ESCAPE '\\')"
    sql = (f"{_SPEAKER_COLUMNS} {where} GROUP BY p.id "
           "ORDER BY statement_count DESC, p.name, p.id LIMIT :limit OFFSET :offset")
    return [_speaker(row) for row in conn.execute(sql, params)]


def find_speaker(conn: sqlite3.Connection, ref: int | str) -> int | None:
    """The id ``ref`` denotes (an id, or a name as `speakers.lookup` matches it); None if no
    speaker; InputError when the name fits several."""
    ref = as_id(ref)
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not storable(ref):
            return None
        ids = [ref]
    elif isinstance(ref, str):
        ids = lookup(conn, ref)
    else:
        raise InputError("speaker", f"not a name or id: {ref!r}")
    if len(ids) > 1:
        names = conn.execute(
            f"SELECT name, id FROM speakers WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY id", ids)
        listed = "; ".join(f"{name} (id {sid})" for name, sid in names)
        raise InputError(str(ref), f"more than one speaker fits: {listed}")
    if not ids or conn.execute("SELECT 1 FROM speakers WHERE id = ?", ids).fetchone() is None:
        return None
    return ids[0]


def speaker_detail(conn: sqlite3.Connection, sid: int, limit: int) -> dict[str, Any]:
    """One speaker: names, counts, statements over time (oldest first, undated last), the
    statements themselves (up to ``limit``) and the entities most often around them."""
    row = conn.execute(f"{_SPEAKER_COLUMNS} WHERE p.id = ? GROUP BY p.id", (sid,)).fetchone()
    out = _speaker(row)
    out.update(dict(conn.execute(_SPAN, (sid,)).fetchone()))
    out["timeline"] = [dict(r) for r in conn.execute(_TIMELINE, (sid,))]
    rows = statement_rows(conn, Filters(speaker_id=sid), page_size(limit), ranked=False)
    out["statements"] = [public(r) for r in rows]
    own = {name_key(alias) for alias in out["aliases"]}
    entities = conn.execute(_ENTITIES, (sid, TOP_ENTITIES + len(own))).fetchall()
    out["entities"] = [dict(e) for e in entities if name_key(e["name"]) not in own][:TOP_ENTITIES]
    return out


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute(_COUNTS).fetchone())


def _speaker(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["aliases"] = json.loads(out["aliases"]) if out["aliases"] else []
    return out


__all__ = ["counts", "find_speaker", "speaker_detail", "speaker_rows"]
