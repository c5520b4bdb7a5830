"""Totals kept for each speaker as articles are saved, so a speaker's page and the list of
speakers read a few rows instead of every statement of the speaker.

Kept per speaker (schema v9):

- ``speakers.statement_count`` and ``article_count``: what the speaker list ranks by;
- ``speaker_articles``: one row per article quoting the speaker, with how many of its
  statements and the article's date (the speaker's timeline and first and last dates);
- ``speaker_months``: their statements in dated articles, month by month (their timeline);
- ``speaker_entities``: the entities of those articles, each with how many of the articles name
  it and how often (the entities "around" the speaker).

An article adds to them once its statement links, entities and mentions are written, and takes
away from them before they are deleted (``count``, beside the alias counts of
``speakers.count_article``). Articles are only ever replaced, never deleted, and every
replacement takes its old rows away first, so the totals always equal a count over the rows;
the upgrade to v9 fills them by that count (``schema.MIGRATIONS[8]``).
"""
from __future__ import annotations

import sqlite3

# The statements of one article linked to each of its speakers, with the article's date.
_LINKED = """
SELECT l.speaker_id, count(*), a.published
FROM statements AS s
JOIN statement_speakers AS l ON l.statement_id = s.id
JOIN articles AS a ON a.id = s.article_id
WHERE s.article_id = ? GROUP BY l.speaker_id
"""

# The entities of one article by name and type (two entities may share both), with their mentions.
_ENTITIES = """
SELECT e.name, e.type,
       sum((SELECT count(*) FROM mentions AS m WHERE m.article_id = e.article_id AND m.eid = e.eid))
FROM entities AS e WHERE e.article_id = ? GROUP BY e.name, e.type
"""

_ADD_ARTICLE = "INSERT INTO speaker_articles (speaker_id, article_id, statements, published) VALUES (?, ?, ?, ?)"
_ADD_COUNTS = "UPDATE speakers SET statement_count = statement_count + ?, article_count = article_count + 1 WHERE id = ?"
_ADD_ENTITY = """
INSERT INTO speaker_entities (speaker_id, name, type, articles, mentions) VALUES (?, ?, ?, 1, ?)
ON CONFLICT (speaker_id, name, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions
"""

_ADD_MONTH = """
INSERT INTO speaker_months (speaker_id, period, statements) VALUES (?, substr(?, 1, 7), ?)
ON CONFLICT (speaker_id, period) DO UPDATE SET statements = statements + excluded.statements
"""

_OWN_ARTICLES = "SELECT speaker_id, statements, published FROM speaker_articles WHERE article_id = ?"
_TAKE_MONTH = "UPDATE speaker_months SET statements = statements - ? WHERE speaker_id = ? AND period = substr(?, 1, 7)"
_DROP_EMPTY_MONTH = "DELETE FROM speaker_months WHERE speaker_id = ? AND period = substr(?, 1, 7) AND statements <= 0"
_TAKE_COUNTS = "UPDATE speakers SET statement_count = statement_count - ?, article_count = article_count - 1 WHERE id = ?"
_TAKE_ENTITY = """
UPDATE speaker_entities SET articles = articles - 1, mentions = mentions - ?
WHERE speaker_id = ? AND name = ? AND type = ?
"""
_DROP_EMPTY = "DELETE FROM speaker_entities WHERE speaker_id = ? AND articles <= 0"


def add(conn: sqlite3.Connection, article_id: str) -> None:
    """Count the stored article ``article_id`` (its links, entities and mentions written) into
    the totals of the speakers it quotes."""
    linked = conn.execute(_LINKED, (article_id,)).fetchall()
    if not linked:
        return
    entities = conn.execute(_ENTITIES, (article_id,)).fetchall()
    conn.executemany(_ADD_ARTICLE, [(sid, article_id, n, published) for sid, n, published in linked])
    conn.executemany(_ADD_COUNTS, [(n, sid) for sid, n, _ in linked])
    conn.executemany(_ADD_MONTH, [(sid, published, n) for sid, n, published in linked if published])
    conn.executemany(_ADD_ENTITY, [(sid, name, kind, mentions)
                                   for sid, _, _ in linked for name, kind, mentions in entities])


def take(conn: sqlite3.Connection, article_id: str) -> None:
    """Take the article ``article_id`` out of the totals it was counted into (before its
    entities and mentions are deleted: what it added is read from them)."""
    counted = conn.execute(_OWN_ARTICLES, (article_id,)).fetchall()
    if not counted:
        return
    entities = conn.execute(_ENTITIES, (article_id,)).fetchall()
    conn.execute("DELETE FROM speaker_articles WHERE article_id = ?", (article_id,))
    conn.executemany(_TAKE_COUNTS, [(n, sid) for sid, n, _ in counted])
    dated = [(sid, n, published) for sid, n, published in counted if published]
    conn.executemany(_TAKE_MONTH, [(n, sid, published) for sid, n, published in dated])
    conn.executemany(_DROP_EMPTY_MONTH, [(sid, published) for sid, _, published in dated])
    conn.executemany(_TAKE_ENTITY, [(mentions, sid, name, kind)
                                    for sid, _, _ in counted for name, kind, mentions in entities])
    conn.executemany(_DROP_EMPTY, [(sid,) for sid, _, _ in counted])


def count(conn: sqlite3.Connection, article_id: str, sign: int) -> None:
    """``add`` (``sign`` 1) or ``take`` (-1) the article ``article_id``."""
    (add if sign > 0 else take)(conn, article_id)


def clear(conn: sqlite3.Connection) -> None:
    """Forget every total (before every speaker link is derived again and counted anew)."""
    conn.execute("DELETE FROM speaker_entities")
    conn.execute("DELETE FROM speaker_months")
    conn.execute("DELETE FROM speaker_articles")
    conn.execute("UPDATE speakers SET statement_count = 0, article_count = 0")


__all__ = ["add", "clear", "count", "take"]
