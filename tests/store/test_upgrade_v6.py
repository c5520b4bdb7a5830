"""Upgrading a v5 database (statements without ``act`` or ``negated``) in place to v6: each
statement gets both from its article's stored record — a record written before statements
carried an act gets the one its cue implies —, nothing else is rewritten, and the result
equals a store made now."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from onrecord.model import Article
from onrecord.store import Store
from onrecord.store.schema import VERSION

from store.kit import Quote, article, check_integrity, rich
from store.versions import FIRST_SAVES, SPEAKER_LINKS, SPEAKERS, rewriting, rows, strip_v6


def minds() -> list[Article]:
    """Speech, thought, evidence and a negated thought, in two articles, and ``rich()``."""
    return [
        article(Quote("Olaf Scholz", "the sanctions were ready"),
                Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                published="2022-01-30"),
        article(Quote(None, "most voters backed the plan", mention="A poll", verb="shows", act="evidence"),
                Quote("Vladimir Putin", "troops would cross", verb="did not intend", act="thought", negated=True),
                published="2022-02-01"),
        rich(),
    ]


def as_written_before_acts(conn: sqlite3.Connection, article_id: str) -> None:
    """The stored record of ``article_id`` as onrecord wrote it before statements had an act."""
    (record,) = conn.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
    data = json.loads(record)
    for statement in data["statements"]:
        del statement["act"], statement["negated"]
    conn.execute("UPDATE articles SET record = ? WHERE id = ?",
                 (json.dumps(data, ensure_ascii=False, separators=(",", ":")), article_id))


def make_v5(path: Path, saved: list[Article], old_records: tuple[str, ...] = ()) -> None:
    """What onrecord wrote at v5: the same rows as now without the act columns; the articles
    ``old_records`` with records from before acts."""
    with Store(path) as store:
        store.save_many(saved)
    with rewriting(path) as conn:
        strip_v6(conn)
        for article_id in old_records:
            as_written_before_acts(conn, article_id)


def acts(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT article_id, sid, text, act, negated FROM statements ORDER BY 1, 2").fetchall()


def test_v5_database_gets_the_act_of_every_statement(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    make_v5(old, minds())
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    kept = (FIRST_SAVES, SPEAKERS, SPEAKER_LINKS)
    before = rows(old, *kept)
    with Store(old) as s:
        assert [r["text"] for r in s.statements(act="thought")] == ["the talks would fail", "troops would cross"]
        assert [r["text"] for r in s.statements(act="evidence")] == ["most voters backed the plan"]
        assert [r["negated"] for r in s.statements(act="thought")] == [False, True]
        assert len(s.statements(act="speech")) == 4
    with Store(new) as s:
        s.save_many(minds())
    assert acts(old) == acts(new)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 6
    # nothing else is rewritten: records, first saves, speakers and their links stay
    assert rows(old, *kept) == before
    check_integrity(old)


def test_a_record_from_before_acts_gets_the_act_its_cue_implies(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    saved = minds()
    make_v5(path, saved, old_records=(saved[0].id, saved[1].id))
    with Store(path) as s:
        rows = {r["text"]: (r["act"], r["negated"]) for r in s.statements(limit=None)}
        # the record is read as it is, never rewritten: it still has no act
        assert "act" not in s.article(saved[0].id)["record"]["statements"][0]
    assert rows["the sanctions were ready"] == ("speech", False)            # "said"
    assert rows["the talks would fail"] == ("thought", False)               # "believes"
    assert rows["most voters backed the plan"] == ("evidence", False)       # "shows"
    # "did not intend" is a thought; that it was denied, an old record does not say
    assert rows["troops would cross"] == ("thought", False)
    check_integrity(path)


def test_empty_v5_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    make_v5(path, [])
    with Store(path) as s:
        assert s.statements() == [] and s.save(minds()[1]) is True
        assert [(r["act"], r["negated"]) for r in s.statements()] == [("evidence", False), ("thought", True)]
    check_integrity(path)
