"""Writing an article: its record, and the rows that project it for queries.

``articles.record`` (the full ``Article.to_dict()``) is the truth; statements, speaker links,
entities, mentions, amounts and dates are rebuilt from it whenever it changes, and for every
stored article when a migration changes what they hold (``reproject_all``).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from typing import Any

from onrecord.model import Article, Statement
from onrecord.store.speakers import drop_unused, names_of, resolve, statement_names

_INSERT_ARTICLE = """
INSERT INTO articles
    (id, source, title, published, site, authors, language, text, boilerplate, record, ingested_at)
VALUES
    (:id, :source, :title, :published, :site, :authors, :language, :text, :boilerplate, :record,
     :ingested_at)
"""

_INSERT_STATEMENT = """
INSERT INTO statements
    (article_id, sid, kind, text, start, "end", cue, speaker_name, speaker_mention, confidence,
     speaker_id)
VALUES
    (:article_id, :sid, :kind, :text, :start, :end, :cue, :speaker_name, :speaker_mention,
     :confidence, :speaker_id)
"""

_INSERT_LINK = "INSERT INTO statement_speakers (statement_id, speaker_id, position) VALUES (?, ?, ?)"
_INSERT_ENTITY = "INSERT INTO entities (article_id, eid, name, type) VALUES (?, ?, ?, ?)"
_INSERT_MENTION = 'INSERT INTO mentions (article_id, eid, text, start, "end") VALUES (?, ?, ?, ?, ?)'
_INSERT_AMOUNT = """
INSERT INTO amounts (article_id, text, start, "end", value, low, high, unit, qualifier, sid)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_DATE = 'INSERT INTO dates (article_id, text, start, "end", value, resolution) VALUES (?, ?, ?, ?, ?, ?)'

_SPEAKERS_OF = """
SELECT DISTINCT l.speaker_id FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id WHERE s.article_id = ?
"""


def upsert(conn: sqlite3.Connection, article: Article) -> bool:
    """Write ``article`` unless the same record is stored; True if anything changed.

    The same text read from another place is the same article: the first source stays.
    """
    data = article.to_dict()
    record = to_json(data)
    old = conn.execute(
        "SELECT record, ingested_at FROM articles WHERE id = ?", (article.id,)
    ).fetchone()
    if old is not None and old["record"] == to_json(dict(data, source=json.loads(old["record"])["source"])):
        return False
    old_speakers: list[int] = []
    if old is not None:
        old_speakers = [row[0] for row in conn.execute(_SPEAKERS_OF, (article.id,))]
        # Replace whole: the cascades and the FTS triggers clear every row projected from it.
        conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    ingested_at = old["ingested_at"] if old is not None else _now()
    conn.execute(_INSERT_ARTICLE, _article_row(article, record, ingested_at))
    project(conn, article)
    # Only now, so a speaker the new version still names keeps its id.
    drop_unused(conn, old_speakers)
    return True


def project(conn: sqlite3.Connection, article: Article) -> None:
    """Insert the rows projected from ``article`` (whose ``articles`` row exists)."""
    speaker_ids = {name: resolve(conn, named) for name, named in names_of(article).items()}
    for statement in article.statements:
        ids = list(dict.fromkeys(speaker_ids[name] for name in statement_names(statement)))
        row = _statement_row(article.id, statement, ids[0] if ids else None)
        rowid = conn.execute(_INSERT_STATEMENT, row).lastrowid
        conn.executemany(_INSERT_LINK, ((rowid, sid, n) for n, sid in enumerate(ids)))
    aid = article.id
    conn.executemany(_INSERT_ENTITY, ((aid, e.id, e.name, e.type) for e in article.entities))
    conn.executemany(_INSERT_MENTION, ((aid, e.id, m.text, m.start, m.end)
                                       for e in article.entities for m in e.mentions))
    conn.executemany(_INSERT_AMOUNT, ((aid, a.text, a.start, a.end, a.value, a.low, a.high, a.unit,
                                       a.qualifier, a.statement) for a in article.amounts))
    conn.executemany(_INSERT_DATE, ((aid, d.text, d.start, d.end, d.value, d.resolution)
                                    for d in article.dates))


def reproject_all(conn: sqlite3.Connection) -> None:
    """Rebuild every article's rows from its record, in the order they were first saved
    (so speakers are matched as they would have been had the articles been saved now)."""
    conn.execute("DELETE FROM statement_speakers")
    conn.execute("DELETE FROM speakers")
    rows = conn.execute("SELECT record FROM articles ORDER BY ingested_at, rowid").fetchall()
    for row in rows:
        article = Article.from_dict(json.loads(row[0]))
        for table in ("statements", "entities", "amounts", "dates"):  # mentions go with entities
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
        project(conn, article)


def _article_row(article: Article, record: str, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "site": article.site,
        "authors": to_json(list(article.authors)),
        "language": article.language,
        "text": article.text,
        "boilerplate": to_json([{"text": b.text, "start": b.start, "end": b.end}
                                for b in article.boilerplate]),
        "record": record,
        "ingested_at": ingested_at,
    }


def _statement_row(article_id: str, statement: Statement, speaker_id: int | None) -> dict[str, Any]:
    mention = statement.speaker.mention
    return {
        "article_id": article_id,
        "sid": statement.id,
        "kind": statement.kind,
        "text": statement.text,
        "start": statement.start,
        "end": statement.end,
        "cue": statement.cue.text if statement.cue else None,
        "speaker_name": statement.speaker.name,
        "speaker_mention": mention.text if mention else None,
        "confidence": statement.confidence,
        "speaker_id": speaker_id,
    }


def to_json(value: Any) -> str:
    # Compact and deterministic, so an unchanged record compares equal as a string.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["project", "reproject_all", "to_json", "upsert"]
