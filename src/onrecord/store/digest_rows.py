"""What a digest of a speaker or a topic reads: their latest statements with the topics,
amounts and dates inside them, from the store's tables rather than the articles' records, so
that it costs the same whatever the size of the store and of the articles.

The latest are found newest article first down an index (``speaker_articles_newest`` for a
speaker, through ``queries.speaker_window``; ``articles_newest`` for a topic), reading no more
articles than statements wanted.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.store.people import find_speaker
from onrecord.store.queries import speaker_window
from onrecord.store.topic_ids import find_topic

_STATEMENTS = """
SELECT s.id AS rowid, s.article_id, s.sid, s.kind, s.text, s.words, s.start, s."end", s.cue, s.speaker_name,
       s.confidence, s.act, s.negated, a.published, a.site, a.source
FROM statements AS s JOIN articles AS a ON a.id = s.article_id
WHERE s.article_id IN (SELECT value FROM json_each(:articles)) AND {which}
"""
_BY_SPEAKERS = ("EXISTS (SELECT 1 FROM statement_speakers AS l WHERE l.statement_id = s.id "
                "AND l.speaker_id IN (SELECT value FROM json_each(:ids)))")
_ABOUT_TOPIC = "EXISTS (SELECT 1 FROM statement_topics AS t WHERE t.statement_id = s.id AND t.topic_id = :tid)"

_TOPIC_ARTICLES = """
SELECT a.id FROM articles AS a
WHERE EXISTS (SELECT 1 FROM article_topics AS x WHERE x.article_id = a.id AND x.topic_id = :tid)
ORDER BY a.published IS NOT NULL DESC, coalesce(a.published, '') DESC, a.id DESC LIMIT :limit
"""
# Each topic by the name its article shows it by, as the article's record has it.
_TOPICS = """
SELECT t.statement_id, p.key,
       coalesce((SELECT x.name FROM article_topics AS x WHERE x.article_id = s.article_id AND x.topic_id = p.id
                 ORDER BY x.tid LIMIT 1), p.name) AS name
FROM statement_topics AS t JOIN topics AS p ON p.id = t.topic_id JOIN statements AS s ON s.id = t.statement_id
WHERE t.statement_id IN (SELECT value FROM json_each(:ids)) ORDER BY t.statement_id, p.id
"""
_AMOUNTS = """
SELECT article_id, sid, text, value, low, high, unit, about FROM amounts
WHERE article_id IN (SELECT value FROM json_each(:articles)) AND sid IS NOT NULL ORDER BY rowid
"""
_DATES = """
SELECT article_id, text, value, start, "end" FROM dates
WHERE article_id IN (SELECT value FROM json_each(:articles)) ORDER BY rowid
"""
_EVENTS = """
SELECT article_id, type, participants, place, date_value, date_text, status, text FROM events
WHERE article_id IN (SELECT value FROM json_each(:articles)) ORDER BY article_id, id LIMIT :limit
"""


def speaker_statements(conn: sqlite3.Connection, ids: list[int], limit: int) -> tuple[list[dict[str, Any]], int]:
    """The latest ``limit`` statements of one person's speakers ``ids`` (newest first), each
    with its ``topics``, ``amounts`` and ``dates``; and how many statements they have in all."""
    articles = speaker_window(conn, tuple(ids), "desc", None, limit)
    total = conn.execute("SELECT coalesce(sum(statement_count), 0) FROM speakers "
                         "WHERE id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(ids)}).fetchone()[0]
    rows = _statements(conn, _BY_SPEAKERS, {"ids": json.dumps(ids)}, articles, limit)
    return rows, max(total, len(rows))


def topic_statements(conn: sqlite3.Connection, tid: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """The latest statements about topic ``tid``, of its latest ``limit`` articles (newest
    first, at most ``limit``), each with its ``topics``, ``amounts`` and ``dates``; and how
    many statements are about it in all."""
    articles = [row[0] for row in conn.execute(_TOPIC_ARTICLES, {"tid": tid, "limit": limit})]
    total = conn.execute("SELECT statement_count FROM topics WHERE id = ?", (tid,)).fetchone()[0]
    rows = _statements(conn, _ABOUT_TOPIC, {"tid": tid}, articles, limit)
    return rows, max(total, len(rows))


@dataclass(frozen=True)
class Latest:
    """A speaker's or topic's latest statements (``speaker_statements``, ``topic_statements``)
    with the events their articles report (``article_events``)."""
    title: str                        # the speaker's or topic's display name
    statements: list[dict[str, Any]]  # newest first
    total: int                        # their statements in all
    events: list[dict[str, Any]]


def latest(conn: sqlite3.Connection, speaker: str | None, topic: str | None, limit: int,
           events: int) -> Latest:
    """The latest ``limit`` statements of ``speaker`` (a name or id), or else about ``topic``
    (a key or name), and the first ``events`` events of their articles; InputError when the
    store has no such speaker or topic."""
    if speaker is not None:
        ids = find_speaker(conn, speaker)
        if not ids:
            raise InputError(speaker, "no such speaker in the store (see `onrecord speakers`)")
        title = conn.execute("SELECT name FROM speakers WHERE id = ?", (ids[0],)).fetchone()[0]
        rows, total = speaker_statements(conn, ids, limit)
    else:
        tid = find_topic(conn, cast(str, topic))
        if tid is None:
            raise InputError(cast(str, topic), "no such topic in the store (see `onrecord topics`)")
        title = conn.execute("SELECT name FROM topics WHERE id = ?", (tid,)).fetchone()[0]
        rows, total = topic_statements(conn, tid, limit)
    return Latest(title, rows, total, article_events(conn, dict.fromkeys(r["article_id"] for r in rows), events))


def article_events(conn: sqlite3.Connection, articles: Iterable[str], limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` events reported by ``articles`` (``participants`` a list)."""
    rows = [dict(r) for r in conn.execute(_EVENTS, {"articles": json.dumps(list(articles)), "limit": limit})]
    for row in rows:
        row["participants"] = json.loads(row["participants"] or "[]")
    return rows


def _statements(conn: sqlite3.Connection, which: str, params: dict[str, Any], articles: list[str],
                limit: int) -> list[dict[str, Any]]:
    given = {**params, "articles": json.dumps(articles)}
    rows = [dict(r) for r in conn.execute(_STATEMENTS.format(which=which), given)]
    rows.sort(key=lambda r: (r["published"] is not None, r["published"] or "", r["article_id"], r["start"]),
              reverse=True)
    rows = rows[:limit]
    _add_facts(conn, rows)
    return rows


def _add_facts(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Each row's ``topics`` ([(key, name)]), ``amounts`` (those the statement holds) and
    ``dates`` (those inside its words)."""
    topics: dict[int, list[tuple[str, str]]] = {}
    for r in conn.execute(_TOPICS, {"ids": json.dumps([row["rowid"] for row in rows])}):
        topics.setdefault(r["statement_id"], []).append((r["key"], r["name"]))
    articles = {"articles": json.dumps(list(dict.fromkeys(row["article_id"] for row in rows)))}
    amounts: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in conn.execute(_AMOUNTS, articles):
        amounts.setdefault((r["article_id"], r["sid"]), []).append(
            {k: r[k] for k in ("text", "value", "low", "high", "unit", "about")})
    dates: dict[str, list[sqlite3.Row]] = {}
    for r in conn.execute(_DATES, articles):
        dates.setdefault(r["article_id"], []).append(r)
    for row in rows:
        row["topics"] = topics.get(row["rowid"], [])
        row["amounts"] = amounts.get((row["article_id"], row["sid"]), [])
        row["dates"] = [{"text": d["text"], "value": d["value"]} for d in dates.get(row["article_id"], [])
                        if row["start"] <= d["start"] and d["end"] <= row["end"]]


__all__ = ["Latest", "article_events", "latest", "speaker_statements", "topic_statements"]
