"""Upgrading a v4 database in place to v5: speakers, their aliases and statement links are
derived again from the stored records with the one-person rules (Barack Obama's words leave
Michelle Obama), the statements get the speaker columns v5 added, nothing else is rewritten,
and the result equals a store made now."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from onrecord.model import Article
from onrecord.store import Store
from onrecord.store.schema import VERSION

from store.kit import Quote, article, check_integrity, rich, titled
from store.versions import FIRST_SAVES, TOPIC_LINKS, merge_as_v4_did, rewriting, rows, strip_v5


def articles() -> list[Article]:
    return [
        article(Quote("Michelle Obama", "the garden would grow"), published="2016-05-01"),
        titled(),
        article(Quote("Obama", "the deal was done"), Quote("Obama", "the talks had failed"), published="2016-05-03"),
        article(Quote("Melania Trump", "the children came first"), published="2017-01-01"),
        article(Quote("Donald J. Trump", "the wall would be built"), published="2017-01-02"),
        article(Quote("Donald Trump", "the economy had grown"), Quote("Trump", "the deal was great"),
                Quote("Donald Trump", "the jobs came back"), published="2017-01-03"),
        rich(),
    ]


# The people v4 ran together: every Obama under Michelle Obama, saved first; every Trump under Melania.
V4_MERGES = {"Barack Obama": "Michelle Obama", "Obama": "Michelle Obama", "Trump": "Melania Trump",
             "Donald J. Trump": "Melania Trump", "Donald Trump": "Melania Trump"}


def make_v4(path: Path, saved: list[Article]) -> None:
    with Store(path) as store:
        store.save_many(saved)
    with rewriting(path) as conn:
        strip_v5(conn)
        merge_as_v4_did(conn, V4_MERGES)


def speaker_rows(path: Path) -> dict[str, list[tuple]]:
    """Speakers, aliases and links as plain rows (statements by article and sid, not rowid)."""
    with sqlite3.connect(path) as conn:
        return {
            "speakers": conn.execute("SELECT * FROM speakers ORDER BY id").fetchall(),
            "aliases": conn.execute("SELECT speaker_id, alias, key, last, statements FROM speaker_aliases "
                                    "ORDER BY speaker_id, key").fetchall(),
            "links": conn.execute("SELECT s.article_id, s.sid, l.speaker_id, l.position, l.name_key "
                                  "FROM statement_speakers AS l JOIN statements AS s ON s.id = l.statement_id "
                                  "ORDER BY 1, 2, 4").fetchall(),
            "statements": conn.execute(
                'SELECT article_id, sid, speaker_id, speaker_title, speaker_resolution, speaker_confidence, '
                "speaker_antecedent, speaker_antecedent_start, speaker_antecedent_end FROM statements "
                "ORDER BY 1, 2").fetchall(),
        }


def names(store: Store) -> dict[str, int]:
    return {row["name"]: row["statement_count"] for row in store.speakers(limit=500)}


def test_v4_database_gets_one_person_per_speaker(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    make_v4(old, articles())
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        wrong = dict(conn.execute("SELECT p.name, count(*) FROM statement_speakers AS l "
                                  "JOIN speakers AS p ON p.id = l.speaker_id GROUP BY p.id").fetchall())
    assert wrong == {"Michelle Obama": 4, "Melania Trump": 5, "Vladimir Putin": 3}    # the bug, as reported
    kept = (FIRST_SAVES, "SELECT * FROM quotes ORDER BY id", TOPIC_LINKS)
    before = rows(old, *kept)
    with Store(old) as s:
        assert names(s) == {"Michelle Obama": 1, "Barack Obama": 1, "Obama": 2, "Melania Trump": 1,
                            "Donald Trump": 3, "Trump": 1, "Vladimir Putin": 3}
        assert [r["text"] for r in s.speaker("Michelle Obama")["statements"]] == ["the garden would grow"]
        (row,) = s.statements(speaker="Barack Obama")
        assert row["text"] == "the law would pass"
        assert s.save(articles()[1]) is False                              # still the same record
    with Store(new) as s:
        s.save_many(articles())
    assert speaker_rows(old) == speaker_rows(new)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 5
    # nothing else is rewritten: records, first saves, quotes and topic links stay
    assert rows(old, *kept) == before
    check_integrity(old)


def test_upgrade_fills_the_speaker_columns_from_the_records(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v4(path, articles())
    with Store(path) as s:
        (row,) = s.statements_page(speaker="Barack Obama")["items"]
        others = [r for r in s.statements_page(limit=50)["items"] if r["sid"] != "s1" or r["article_id"] != titled().id]
    assert (row["speaker_title"], row["speaker_resolution"], row["speaker_confidence"]) == ("Mr.", "surname", 0.85)
    assert (row["speaker_antecedent"], row["speaker_antecedent_start"], row["speaker_antecedent_end"]) == (
        "Barack Obama", 0, 12)
    assert row["speaker_mention"] == "Obama" and row["speakers"] == [{"id": row["speaker_id"], "name": "Barack Obama"}]
    assert others and all(r["speaker_title"] is None and r["speaker_antecedent"] is None for r in others)


def test_saving_after_the_upgrade_follows_the_new_rules(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_v4(path, articles())
    with Store(path) as s:
        assert s.save(article(Quote("Barack H. Obama", "the plan was sound"))) is True
        assert s.save(article(Quote("Obama", "the vote was close"))) is True
        assert names(s)["Barack Obama"] == 2 and names(s)["Obama"] == 3 and names(s)["Michelle Obama"] == 1
    check_integrity(path)


def test_empty_v4_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    make_v4(path, [])
    with Store(path) as s:
        assert s.speakers() == [] and s.save(titled()) is True
        assert names(s) == {"Barack Obama": 1}
    check_integrity(path)
