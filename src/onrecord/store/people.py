"""Read queries about speakers (the people and organisations across articles), and the
store's totals. Plain dicts of JSON values, as in ``queries``."""
from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.store.queries import (
    MAX_INTEGER, Filters, as_id, page_size, statement_page, storable,
)
from onrecord.store.rows import Counts, SpeakerDetail, SpeakerRow
from onrecord.keys import name_key
from onrecord.store.speakers import denoted

# A speaker's row with the totals kept at write time (``speaker_totals``).
_SPEAKER_COLUMNS = """
SELECT p.id, p.name, p.kind, p.statement_count, p.article_count,
       (SELECT json_group_array(alias) FROM
          (SELECT alias FROM speaker_aliases WHERE speaker_id = p.id
           ORDER BY length(alias) DESC, alias)) AS aliases
FROM speakers AS p
"""

# One speaker's timeline, first and last dates and entities, from the totals kept for them.
_OWN_TIMELINE = "SELECT period, statements FROM speaker_months WHERE speaker_id = :id ORDER BY period"

# (in the order of the speaker_articles_oldest and _newest indexes, so each is one index read)
_OWN_SPAN = """
SELECT (SELECT published FROM speaker_articles WHERE speaker_id = :id AND published IS NOT NULL
        ORDER BY published IS NULL, coalesce(published, ''), article_id LIMIT 1) AS first_published,
       (SELECT published FROM speaker_articles WHERE speaker_id = :id AND published IS NOT NULL
        ORDER BY published IS NOT NULL DESC, coalesce(published, '') DESC, article_id DESC LIMIT 1)
           AS last_published
"""

_OWN_ENTITIES = """
SELECT name, type, articles, mentions FROM speaker_entities WHERE speaker_id = :id
ORDER BY articles DESC, mentions DESC, name LIMIT :limit
"""

# The queries below read a group of speakers (``:ids``, a JSON array): one person's, as a
# bare surname finds them (Vladimir Putin and the speakers known only as "Putin"). An article
# may quote two of them, so the group's totals are counted from the links themselves.
_GROUP = "(SELECT value FROM json_each(:ids))"

_GROUP_COUNTS = f"""
SELECT count(DISTINCT l.statement_id) AS statement_count, count(DISTINCT s.article_id) AS article_count,
       (SELECT json_group_array(alias) FROM
          (SELECT DISTINCT alias FROM speaker_aliases WHERE speaker_id IN {_GROUP}
           ORDER BY length(alias) DESC, alias)) AS aliases
FROM statement_speakers AS l JOIN statements AS s ON s.id = l.statement_id
WHERE l.speaker_id IN {_GROUP}
"""

_TIMELINE = f"""
SELECT substr(a.published, 1, 7) AS period, count(DISTINCT s.id) AS statements
FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id
JOIN articles AS a ON a.id = s.article_id
WHERE l.speaker_id IN {_GROUP} AND a.published IS NOT NULL
GROUP BY period ORDER BY period
"""

_SPAN = f"""
SELECT min(a.published) AS first_published, max(a.published) AS last_published
FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id
JOIN articles AS a ON a.id = s.article_id
WHERE l.speaker_id IN {_GROUP}
"""

# Entities of the articles the speaker is quoted in, by how many of those articles name them.
_ENTITIES = f"""
SELECT e.name, e.type, count(DISTINCT e.article_id) AS articles,
       sum((SELECT count(*) FROM mentions AS m WHERE m.article_id = e.article_id AND m.eid = e.eid))
           AS mentions
FROM entities AS e
WHERE e.article_id IN (SELECT s.article_id FROM statements AS s
                       JOIN statement_speakers AS l ON l.statement_id = s.id WHERE l.speaker_id IN {_GROUP})
GROUP BY e.name, e.type
ORDER BY articles DESC, mentions DESC, e.name
LIMIT :limit
"""

# Kept by triggers (``schema._TOTALS``): no count of every row on each home page.
_COUNTS = """
SELECT (SELECT n FROM totals WHERE name = 'articles')   AS articles,
       (SELECT n FROM totals WHERE name = 'statements') AS statements,
       (SELECT n FROM totals WHERE name = 'entities')   AS entities,
       (SELECT n FROM totals WHERE name = 'speakers')   AS speakers,
       (SELECT count(*) FROM site_articles) AS sites
"""

TOP_ENTITIES = 10


def speaker_rows(conn: sqlite3.Connection, q: str | None, limit: int, offset: int) -> list[SpeakerRow]:
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
    # Read in order from the speakers_rank index: the totals are kept at write time.
    sql = f"{_SPEAKER_COLUMNS} {where} ORDER BY p.statement_count DESC, p.name, p.id LIMIT :limit OFFSET :offset"
    return cast("list[SpeakerRow]", [_speaker(row) for row in conn.execute(sql, params)])


def find_speaker(conn: sqlite3.Connection, ref: int | str) -> list[int] | None:
    """The speakers ``ref`` denotes: an id (that speaker alone), or a name as
    ``speakers.denoted`` finds one person's (the full-name speaker first); None if no speaker;
    InputError when the name fits several people."""
    ref = as_id(ref)
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not storable(ref):
            return None
        ids = [ref]
    elif isinstance(ref, str):
        ids = denoted(conn, ref)
    else:
        raise InputError("speaker", f"not a name or id: {ref!r}")
    if not ids or conn.execute("SELECT 1 FROM speakers WHERE id = ?", ids[:1]).fetchone() is None:
        return None
    return ids


def speaker_detail(conn: sqlite3.Connection, ids: list[int], limit: int,
                   cursor: str | None = None) -> SpeakerDetail:
    """One person's speakers ``ids`` as one: the first one's id, name and kind; names and
    counts of them all, with ``surname_only`` the others (``[{"id", "name",
    "statement_count"}]``, known only by the surname); statements over time (oldest first,
    undated last), the statements themselves (up to ``limit``, after ``cursor``, with the
    ``next_cursor`` of the page after) and the entities most often around them."""
    group: dict[str, Any] = {"ids": json.dumps(ids)}
    found = {r["id"]: _speaker(r) for r in conn.execute(f"{_SPEAKER_COLUMNS} WHERE p.id IN {_GROUP}", group)}
    out = found[ids[0]]
    out["surname_only"] = [{k: found[sid][k] for k in ("id", "name", "statement_count")}
                           for sid in ids[1:] if sid in found]
    if out["surname_only"]:
        out.update(_speaker(conn.execute(_GROUP_COUNTS, group).fetchone()))
        span, timeline, entities = _SPAN, _TIMELINE, _ENTITIES
    else:
        group = {"id": ids[0]}
        span, timeline, entities = _OWN_SPAN, _OWN_TIMELINE, _OWN_ENTITIES
    out.update(dict(conn.execute(span, group).fetchone()))
    out["timeline"] = [dict(r) for r in conn.execute(timeline, group)]
    out["statements"], out["next_cursor"] = statement_page(
        conn, Filters(speaker_ids=tuple(ids)), page_size(limit), "speaker", cursor=cursor)
    own = {name_key(alias) for alias in out["aliases"]}
    around = conn.execute(entities, {**group, "limit": TOP_ENTITIES + len(own)}).fetchall()
    out["entities"] = [dict(e) for e in around if name_key(e["name"]) not in own][:TOP_ENTITIES]
    return cast(SpeakerDetail, out)


def counts(conn: sqlite3.Connection) -> Counts:
    return cast(Counts, dict(conn.execute(_COUNTS).fetchone()))


def _speaker(row: sqlite3.Row) -> dict[str, Any]:
    """A row of _SPEAKER_COLUMNS (a ``SpeakerRow``), or of _GROUP_COUNTS (its counts and aliases)."""
    out = dict(row)
    out["aliases"] = json.loads(out["aliases"]) if out["aliases"] else []
    return out


__all__ = ["counts", "find_speaker", "speaker_detail", "speaker_rows"]
