"""Topics across articles: what statements are about, one row per topic key.

An article record names its topics (``Topic``: a key that is the same across articles, and
the name the article shows); each is stored once per key in ``topics``, linked to the
articles that mention it (``article_topics``) and the statements about it
(``statement_topics``). Counts and first/last dates are kept on the row, as for quotes: added
to when an article is written, recounted when one is replaced; a topic no article mentions any
more is deleted.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any, cast

from onrecord.model import Article
from onrecord.store.queries import Filters, decode_cursor, encode_cursor, page_size, public, statement_rows
from onrecord.store.counters import drop_empty, recount
from onrecord.store.rows import TopicDetail, TopicRow
from onrecord.keys import name_key, topic_key
from onrecord.store.topic_ids import find_topic

TOP_SPEAKERS = 10
TOP_RELATED = 10


# -- writing -----------------------------------------------------------------------------------

def topic_of(conn: sqlite3.Connection, key: str, name: str) -> int:
    row = conn.execute("SELECT id FROM topics WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    # lastrowid is typed optional, but an INSERT that ran has always set it
    return cast(int, conn.execute("INSERT INTO topics (key, name) VALUES (?, ?)", (key, name)).lastrowid)


def project_topics(conn: sqlite3.Connection, article: Article, rowids: Mapping[str, int]) -> list[int]:
    """Link ``article`` and its statements (``rowids``: statement id → row id) to their
    topics; the topic ids touched, for ``refresh``."""
    ids: dict[str, int] = {}
    touched: list[int] = []
    for topic in article.topics:
        if not topic.key:
            continue
        # A topic id repeated in the record: the first is linked to the article, the last to
        # its statements; both are touched.
        ids[topic.id] = topic_of(conn, topic.key, topic.name or topic.key)
        touched.append(ids[topic.id])
        conn.execute("INSERT OR IGNORE INTO article_topics (article_id, tid, topic_id, name, mentions) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (article.id, topic.id, ids[topic.id], topic.name or topic.key, len(topic.mentions)))
    links = {(rowids[s.id], ids[t]) for s in article.statements if s.id in rowids
             for t in s.topics if t in ids}
    conn.executemany("INSERT OR IGNORE INTO statement_topics (statement_id, topic_id) VALUES (?, ?)",
                     sorted(links))
    return list(dict.fromkeys(touched))


_REFRESH = """
UPDATE topics SET
    statement_count = (SELECT count(*) FROM statement_topics WHERE topic_id = topics.id),
    article_count = (SELECT count(DISTINCT article_id) FROM article_topics WHERE topic_id = topics.id),
    first_seen = (SELECT min(a.published) FROM article_topics AS t JOIN articles AS a ON a.id = t.article_id
                  WHERE t.topic_id = topics.id),
    last_seen = (SELECT max(a.published) FROM article_topics AS t JOIN articles AS a ON a.id = t.article_id
                 WHERE t.topic_id = topics.id)
WHERE id = ?
"""

# What one newly projected article adds to each of its topics: as _REFRESH would count them,
# but reading only that article's rows.
_ADDED = """
SELECT topic_id, sum(statements) AS statements, max(linked) AS linked FROM (
    SELECT l.topic_id, count(*) AS statements, 0 AS linked
    FROM statements AS s JOIN statement_topics AS l ON l.statement_id = s.id
    WHERE s.article_id = :aid GROUP BY l.topic_id
    UNION ALL
    SELECT DISTINCT topic_id, 0, 1 FROM article_topics WHERE article_id = :aid)
GROUP BY topic_id
"""

# min()/max() over the linked articles' dates, which skip nulls, kept up one date at a time.
_ADD = """
UPDATE topics SET
    statement_count = statement_count + :statements,
    article_count = article_count + :linked,
    first_seen = CASE WHEN :linked = 0 OR :published IS NULL THEN first_seen
                      WHEN first_seen IS NULL OR :published < first_seen THEN :published
                      ELSE first_seen END,
    last_seen = CASE WHEN :linked = 0 OR :published IS NULL THEN last_seen
                     WHEN last_seen IS NULL OR :published > last_seen THEN :published
                     ELSE last_seen END
WHERE id = :id
"""


# A topic's statements month by month (``topic_months``), counted from its rows.
_COUNT_MONTHS = """
INSERT INTO topic_months (topic_id, period, statements)
SELECT :id, substr(a.published, 1, 7), sum(x.statements)
FROM (SELECT s.article_id, count(*) AS statements
      FROM statement_topics AS l JOIN statements AS s ON s.id = l.statement_id
      WHERE l.topic_id = :id GROUP BY s.article_id) AS x
JOIN articles AS a ON a.id = x.article_id
WHERE a.published IS NOT NULL GROUP BY 2
"""

_ADD_MONTH = """
INSERT INTO topic_months (topic_id, period, statements) VALUES (:id, substr(:published, 1, 7), :statements)
ON CONFLICT (topic_id, period) DO UPDATE SET statements = statements + excluded.statements
"""


# Who speaks of each topic, with how many statements (``topic_speakers``).
_SPEAKERS_OF = """
SELECT l.topic_id, x.speaker_id, count(*) FROM statement_topics AS l
JOIN statement_speakers AS x ON x.statement_id = l.statement_id {join}
WHERE {which} GROUP BY 1, 2
"""
_ADD_SPEAKERS = ("INSERT INTO topic_speakers (topic_id, speaker_id, statements) "
                 + _SPEAKERS_OF.format(join="JOIN statements AS s ON s.id = l.statement_id", which="s.article_id = ?")
                 + " ON CONFLICT (topic_id, speaker_id) DO UPDATE SET statements = statements + excluded.statements")
_COUNT_SPEAKERS = "INSERT INTO topic_speakers (topic_id, speaker_id, statements) " + _SPEAKERS_OF.format(
    join="", which="l.topic_id = ?")


def refresh(conn: sqlite3.Connection, ids: Iterable[int | None]) -> None:
    """Recount the topics ``ids``, their months and their speakers; those no article mentions
    any more are deleted.

    Reads every row of each topic: for an article replaced, not for one added (``add``)."""
    wanted = [tid for tid in dict.fromkeys(ids) if tid is not None]
    for table in ("topic_months", "topic_speakers"):
        conn.executemany(f"DELETE FROM {table} WHERE topic_id = ?", [(tid,) for tid in wanted])
    conn.executemany(_COUNT_MONTHS, [{"id": tid} for tid in wanted])
    conn.executemany(_COUNT_SPEAKERS, [(tid,) for tid in wanted])
    recount(conn, _REFRESH, "topics", "article_count", wanted)


def add(conn: sqlite3.Connection, article_id: str, ids: Iterable[int | None], published: str | None) -> None:
    """Count the newly projected article ``article_id`` (none of whose rows were counted before;
    ``published``: its stored date) into its topics ``ids``, as ``refresh`` would, without
    reading the topics' other articles: a recount of a topic costs as many rows as the topic
    has, and saving would slow down as the store grows."""
    added = conn.execute(_ADDED, {"aid": article_id}).fetchall()
    counts = [{"id": tid, "statements": statements, "linked": linked, "published": published}
              for tid, statements, linked in added]
    conn.executemany(_ADD, counts)
    if published is not None:
        conn.executemany(_ADD_MONTH, [c for c in counts if c["statements"]])
    conn.execute(_ADD_SPEAKERS, (article_id,))
    # A topic made for the article but left unlinked (a repeated topic id) goes, as in refresh.
    drop_empty(conn, "topics", "article_count", ids)


def recount_speakers(conn: sqlite3.Connection) -> None:
    """Count every topic's speakers anew (after every speaker link was derived again)."""
    conn.execute("DELETE FROM topic_speakers")
    conn.execute("INSERT INTO topic_speakers (topic_id, speaker_id, statements) "
                 + _SPEAKERS_OF.format(join="", which="1"))


def topics_of(conn: sqlite3.Connection, article_id: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT topic_id FROM article_topics WHERE article_id = ?", (article_id,))]


# -- reading -----------------------------------------------------------------------------------

_TOPIC_COLUMNS = """
SELECT t.id, t.key, t.name, t.first_seen, t.last_seen, t.article_count, t.statement_count
FROM topics AS t
"""

_NAMES = """
SELECT name, count(*) AS articles FROM article_topics WHERE topic_id = ?
GROUP BY name ORDER BY articles DESC, name
"""

_TIMELINE = "SELECT period, statements FROM topic_months WHERE topic_id = ? ORDER BY period"

# (kept by ``add`` and ``refresh``; the names of the few listed read from their rows)
_SPEAKERS = """
SELECT p.id, p.name, x.statements FROM topic_speakers AS x JOIN speakers AS p ON p.id = x.speaker_id
WHERE x.topic_id = ? ORDER BY x.statements DESC, p.name LIMIT ?
"""

# Topics the same statements are about too, by how many statements they share.
_RELATED = """
SELECT t.key, t.name, count(*) AS statements
FROM statement_topics AS l
JOIN statement_topics AS o ON o.statement_id = l.statement_id AND o.topic_id != l.topic_id
JOIN topics AS t ON t.id = o.topic_id
WHERE l.topic_id = ?
GROUP BY t.id ORDER BY statements DESC, t.name LIMIT ?
"""


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"


def topic_rows(conn: sqlite3.Connection, q: str | None, limit: int,
               cursor: str | None) -> tuple[list[TopicRow], str | None]:
    """One page of topics, most discussed (statements, then articles) first; ``q`` is words of
    any of their names ("alliance" finds NATO, as does "the North Atlantic Alliance")."""
    size = page_size(limit)
    params: dict[str, Any] = {"limit": size + 1}
    where: list[str] = []
    if q is not None and q.strip():
        words = name_key(q).split()
        if not words:
            return [], None
        each = []
        for n, word in enumerate(words):
            params[f"w{n}"] = _like(word)
            each.append(f"(t.key LIKE :w{n} ESCAPE '\\' OR t.id IN (SELECT topic_id FROM article_topics "
                        f"WHERE name LIKE :w{n} ESCAPE '\\'))")
        params["exact"] = topic_key(q)
        where.append(f"(t.key = :exact OR ({' AND '.join(each)}))")
    if cursor is not None:
        count, articles, last = decode_cursor(cursor, "topics", "desc", (int, int, int))
        where.append("(t.statement_count < :c0 OR (t.statement_count = :c0 AND (t.article_count < :c1 "
                     "OR (t.article_count = :c1 AND t.id > :c2))))")
        params.update(c0=count, c1=articles, c2=last)
    sql = (f"{_TOPIC_COLUMNS} WHERE {' AND '.join(where) or '1'} "
           "ORDER BY t.statement_count DESC, t.article_count DESC, t.id LIMIT :limit")
    rows = cast("list[TopicRow]", [dict(row) for row in conn.execute(sql, params)])
    more = len(rows) > size
    rows = rows[:size]
    after = (encode_cursor("topics", "desc", [rows[-1]["statement_count"], rows[-1]["article_count"],
                                              rows[-1]["id"]]) if more else None)
    return rows, after


def topic_detail(conn: sqlite3.Connection, tid: int, limit: int) -> TopicDetail:
    """One topic: its names, counts, statements over time, who speaks of it, the topics spoken
    of with it, and its statements (oldest first, at most ``limit``)."""
    out = dict(conn.execute(f"{_TOPIC_COLUMNS} WHERE t.id = ?", (tid,)).fetchone())
    out["names"] = [row["name"] for row in conn.execute(_NAMES, (tid,))]
    out["timeline"] = [dict(r) for r in conn.execute(_TIMELINE, (tid,))]
    out["speakers"] = [dict(r) for r in conn.execute(_SPEAKERS, (tid, TOP_SPEAKERS))]
    out["related"] = [dict(r) for r in conn.execute(_RELATED, (tid, TOP_RELATED))]
    rows = statement_rows(conn, Filters(topic_id=tid), page_size(limit), ranked=False)
    out["statements"] = [public(r) for r in rows]
    return cast(TopicDetail, out)


__all__ = ["add", "find_topic", "project_topics", "recount_speakers", "refresh", "topic_detail", "topic_key", "topic_of",
           "topic_rows", "topics_of"]
