"""Upgrading a v3 database (no topics, events or claim fields) in place to v4: they are
projected from the stored records, and the result equals a store made now."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from onrecord.store import Store
from onrecord.store.schema import VERSION

from store.copies import wire
from store.kit import check_integrity, rich
from store.subjects import all_subjects
from store.versions import FIRST_SAVES, SPEAKERS, rewriting, rows, strip_v5

V4_TABLES = ("event_participants", "events", "event_groups", "statement_topics", "article_topics", "topics")
V4_COLUMNS = ("about", "about_start", "about_end", "about_key", "claimed_by")


def make_v3(path: Path, articles) -> None:
    """What onrecord wrote at v3: the same rows as now, without what v4 and v5 added."""
    with Store(path) as store:
        store.save_many(articles)
    with rewriting(path) as conn:
        strip_v5(conn)
        for table in V4_TABLES:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP INDEX amounts_about")
        for column in V4_COLUMNS:
            conn.execute(f"ALTER TABLE amounts DROP COLUMN {column}")
        conn.execute("PRAGMA user_version = 3")


def portable(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            "topics": conn.execute("SELECT key, name, first_seen, last_seen, article_count, statement_count "
                                   "FROM topics ORDER BY key").fetchall(),
            "links": conn.execute("SELECT s.article_id, s.sid, t.key FROM statement_topics AS l "
                                  "JOIN statements AS s ON s.id = l.statement_id JOIN topics AS t ON t.id = l.topic_id "
                                  "ORDER BY 1, 2, 3").fetchall(),
            "article_topics": conn.execute("SELECT article_id, tid, name, mentions FROM article_topics "
                                           "ORDER BY 1, 2").fetchall(),
            "groups": conn.execute("SELECT key, type, participants, date, status, first_seen, article_count "
                                   "FROM event_groups ORDER BY key").fetchall(),
            "events": conn.execute('SELECT e.article_id, e.vid, g.key, e.text, e.start, e."end", e.place, '
                                   "e.date_value, e.participants FROM events AS e "
                                   "JOIN event_groups AS g ON g.id = e.group_id ORDER BY 1, 2").fetchall(),
            "participants": conn.execute("SELECT e.article_id, p.position, p.name, p.key FROM event_participants AS p "
                                         "JOIN events AS e ON e.id = p.event_id ORDER BY 1, 2").fetchall(),
            "amounts": conn.execute("SELECT * FROM amounts ORDER BY article_id, start").fetchall(),
        }


def test_v3_database_gets_topics_events_and_claims(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    articles = [*all_subjects(), rich(), wire()]
    make_v3(old, articles)
    kept = (FIRST_SAVES, SPEAKERS, "SELECT id, key FROM quotes ORDER BY id")
    before = rows(old, *kept)
    with Store(old) as s:
        assert [t["key"] for t in s.topics()["items"]] == ["nato", "ukraine", "russia"]
        assert s.events(type="meeting")["items"][0]["article_count"] == 2
        assert [r["about_key"] for r in s.claims(about="Russia")] == ["russia", "russia"]
        assert len(s.statements(topic="the North Atlantic Alliance")) == 2
    with Store(new) as s:
        s.save_many(articles)
    assert portable(old) == portable(new)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 4
    # nothing else is rewritten: records, first saves and quote ids stay; the speakers,
    # derived again at v5, are those the current rules made
    assert rows(old, *kept) == before
    check_integrity(old)


def test_empty_v3_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    make_v3(path, [])
    with Store(path) as s:
        assert s.topics()["items"] == [] and s.save(all_subjects()[0]) is True
        assert [t["key"] for t in s.topics()["items"]] == ["nato", "ukraine", "russia"]
    check_integrity(path)
