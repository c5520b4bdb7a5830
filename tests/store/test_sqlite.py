"""The SQLite store: round trips, idempotent saves, speaker and full-text queries, and the
errors a user can cause (bad paths, foreign files, locks), all as StoreError."""
from __future__ import annotations

import dataclasses
import os
import sqlite3
from pathlib import Path

import pytest

import onrecord

from onrecord.errors import InputError, StoreError
from onrecord.model import Article, Entity, Span, Speaker, Statement
from onrecord.store import Store
from onrecord.store.schema import VERSION
from onrecord.store.sqlite import _reason, fts_words

from store.kit import totals

FAST = 0.05  # seconds; lock tests must not wait the default 5 s


# -- fixtures -------------------------------------------------------------------------------

def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span.of(text, start, start + len(part))


def statement(text: str, sid: str, kind: str, content: str, cue: str,
              name: str | None, mention: str | None = None, confidence: float = 0.8) -> Statement:
    body = span(text, content)
    return Statement(
        id=sid, kind=kind, text=body.text, start=body.start, end=body.end,
        cue=span(text, cue),
        speaker=Speaker(name, span(text, mention) if mention else None, None),
        confidence=confidence,
    )


def kremlin() -> Article:
    text = ("Vladimir Putin said that NATO's expansion was a threat to Russia. "
            '"We will not accept this," the Russian leader told reporters. '
            "Emmanuel Macron said that talks would continue.")
    return Article(
        text=text, source="kremlin.txt", title="Putin warns NATO", published="2022-02-07",
        site="example.org", authors=("A. Writer",),
        boilerplate=(Span.of(text, 0, 0),),
        statements=(
            statement(text, "s1", "indirect", "NATO's expansion was a threat to Russia",
                      "said", "Vladimir Putin", "Vladimir Putin", 0.9),
            statement(text, "s2", "direct", "We will not accept this", "told",
                      "Vladimir Putin", "the Russian leader"),
            statement(text, "s3", "indirect", "talks would continue", "said that talks",
                      "Emmanuel Macron", "Emmanuel Macron"),
        ),
        entities=(
            Entity("e1", "Vladimir Putin", "PERSON", (span(text, "Vladimir Putin"),)),
            Entity("e2", "NATO", "ORG", (span(text, "NATO"),)),
        ),
    )


def berlin() -> Article:
    text = ("Olaf Scholz stressed that sanctions were ready. "
            '"The door to diplomacy stays open," Scholz added. '
            "Maroš Šefčovič said that sanctions, sanctions and sanctions would follow.")
    return Article(
        text=text, source="berlin.txt", title="Scholz on sanctions", published="2022-01-30",
        statements=(
            statement(text, "s1", "indirect", "sanctions were ready", "stressed",
                      "Olaf Scholz", "Olaf Scholz"),
            statement(text, "s2", "direct", "The door to diplomacy stays open", "added",
                      "Olaf Scholz", "Scholz"),
            statement(text, "s3", "indirect", "sanctions, sanctions and sanctions would follow",
                      "said that sanctions", "Maroš Šefčovič", "Maroš Šefčovič"),
        ),
        entities=(Entity("e1", "Olaf Scholz", "PERSON", (span(text, "Olaf Scholz"),)),),
    )


def undated() -> Article:
    text = "An official said nothing had changed."
    return Article(text=text, statements=(
        statement(text, "s1", "indirect", "nothing had changed", "said", None, "An official"),
    ))


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    path = ":memory:" if request.param == "memory" else tmp_path / "onrecord.db"
    with Store(path) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    store.save_many([kremlin(), berlin(), undated()])
    return store


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with plain sqlite3 (no onrecord code)."""
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("articles", "statements", "entities")}


def sids(rows: list[dict]) -> list[tuple[str, str]]:
    return [(row["title"], row["sid"]) for row in rows]


# -- saving and reading back ---------------------------------------------------------------

def test_round_trip(store: Store) -> None:
    article = kremlin()
    assert store.save(article) is True
    assert store.get(article.id) == article
    assert store.get("0" * 64) is None


def test_round_trip_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save_many([kremlin(), berlin()])
    with Store(str(path)) as s:
        assert s.get(berlin().id) == berlin()
        assert totals(s) == {"articles": 2, "statements": 6, "entities": 3}


def test_saving_twice_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        assert s.save(kremlin()) is True
        before = dump(path)
        assert s.save(kremlin()) is False
        assert s.save_many([kremlin(), kremlin()]) == 0
        assert totals(s) == {"articles": 1, "statements": 3, "entities": 2}
    assert dump(path) == before


def test_save_many_counts_changes(store: Store) -> None:
    assert store.save_many([kremlin(), berlin(), kremlin()]) == 2
    assert store.save_many(iter([berlin(), undated()])) == 1
    assert totals(store) == {"articles": 3, "statements": 7, "entities": 3}


def test_changed_record_replaces_rows_and_index(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    original = kremlin()
    fewer = dataclasses.replace(original, statements=original.statements[:1], entities=())
    with Store(path) as s:
        s.save(original)
        first_ingested = dump(path)["articles"][0][-1]
        assert s.save(fewer) is True
        assert s.get(original.id) == fewer
        assert totals(s) == {"articles": 1, "statements": 1, "entities": 0}
        assert s.statements(search="accept") == []
    assert dump(path)["articles"][0][-1] == first_ingested
    _check_fts(path)


def test_act_and_negation_are_stored_and_follow_a_changed_record(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    original = kremlin()
    s1, s2, s3 = original.statements
    minded = dataclasses.replace(original, statements=(dataclasses.replace(s1, act="thought"),
                                                       dataclasses.replace(s2, negated=True), s3))
    with Store(path) as s:
        s.save(original)
        assert s.save(minded) is True
        assert s.get(original.id) == minded
        rows = {r["sid"]: (r["act"], r["negated"]) for r in s.statements_page()["items"]}
    assert rows == {"s1": ("thought", False), "s2": ("speech", True), "s3": ("speech", False)}
    with sqlite3.connect(path) as conn:        # plain columns any SQLite tool reads: 0 or 1
        assert conn.execute("SELECT sid, act, negated FROM statements ORDER BY sid").fetchall() == [
            ("s1", "thought", 0), ("s2", "speech", 1), ("s3", "speech", 0)]
    _check_fts(path)


def test_failed_batch_saves_nothing(store: Store) -> None:
    broken = dataclasses.replace(berlin(), statements=berlin().statements[:1] * 2)  # same sid
    with pytest.raises(StoreError):
        store.save_many([kremlin(), broken])
    assert totals(store) == {"articles": 0, "statements": 0, "entities": 0}
    assert store.save(kremlin()) is True  # the store is still usable


# -- querying statements -------------------------------------------------------------------

def test_statement_rows_carry_article_and_speaker(filled: Store) -> None:
    row = filled.statements(search="accept")[0]
    assert row == {
        "article_id": kremlin().id, "source": "kremlin.txt", "title": "Putin warns NATO",
        "published": "2022-02-07", "sid": "s2", "kind": "direct",
        "text": "We will not accept this", "start": 67, "end": 90, "cue": "told",
        "speaker_name": "Vladimir Putin", "speaker_mention": "the Russian leader",
        "confidence": 0.8,
        # the hand-made record carries no speaker evidence
        "speaker_title": None, "speaker_resolution": None, "speaker_confidence": None, "speaker_antecedent": None,
        "act": "speech", "negated": False, "words": "We will not accept this",
        "site": "example.org", "speaker_id": row["speaker_id"], "speakers": [{"id": row["speaker_id"], "name": "Vladimir Putin"}],
        "quote_id": row["quote_id"], "quote_articles": 1, "speaker_antecedent_start": None, "speaker_antecedent_end": None,
    }
    assert isinstance(row["speaker_id"], int) and isinstance(row["quote_id"], int)
    assert kremlin().text[row["start"]:row["end"]] == row["text"]


def test_unfiltered_order_is_date_article_offset(filled: Store) -> None:
    assert sids(filled.statements()) == [
        ("Scholz on sanctions", "s1"), ("Scholz on sanctions", "s2"),
        ("Scholz on sanctions", "s3"), ("Putin warns NATO", "s1"),
        ("Putin warns NATO", "s2"), ("Putin warns NATO", "s3"), (None, "s1"),
    ]
    assert len(filled.statements(limit=2)) == 2
    assert filled.statements(limit=0) == []


@pytest.mark.parametrize("speaker, expected", [
    ("Putin", {"Vladimir Putin"}),
    ("putin", {"Vladimir Putin"}),
    ("VLADIMIR", {"Vladimir Putin"}),
    ("Vladimir Putin", {"Vladimir Putin"}),
    ("Scholz", {"Olaf Scholz"}),
    ("sefcovic", {"Maroš Šefčovič"}),       # case and accents folded
    ("Vladimir Macron", set()),             # words of a name, not of any name
    ("Put", set()),                         # whole words only
    ("!!", set()),
])
def test_speaker_filter(filled: Store, speaker: str, expected: set[str]) -> None:
    assert {row["speaker_name"] for row in filled.statements(speaker=speaker)} == expected


def test_speaker_filter_keeps_date_order(filled: Store) -> None:
    assert sids(filled.statements(speaker="Putin")) == [
        ("Putin warns NATO", "s1"), ("Putin warns NATO", "s2"),
    ]


def test_search_finds_by_word_and_prefix(filled: Store) -> None:
    assert sids(filled.statements(search="expansion")) == [("Putin warns NATO", "s1")]
    assert sids(filled.statements(search="DIPLOMACY")) == [("Scholz on sanctions", "s2")]
    assert sids(filled.statements(search="diplo*")) == [("Scholz on sanctions", "s2")]
    assert filled.statements(search="diplo") == []


def test_search_ranks_by_relevance(filled: Store) -> None:
    rows = filled.statements(search="sanctions")
    assert [row["sid"] for row in rows] == ["s3", "s1"]  # three mentions beat one


def test_search_and_speaker_combine(filled: Store) -> None:
    assert sids(filled.statements(speaker="Putin", search="NATO")) == [("Putin warns NATO", "s1")]
    assert filled.statements(speaker="Macron", search="NATO") == []


@pytest.mark.parametrize("query", [
    'NATO\'s "expansion', "AND OR (", '"', "(", ")", "*", "**", "AND", "NOT", "NEAR(",
    "text:", "speaker_name : x", "{text cue}", "^", "-", "+", "a OR", "'", "\\", "%_",
    '"unbalanced', "expansion)", "NOT expansion", "NATO - AND",
])
def test_hostile_search_never_raises(filled: Store, query: str) -> None:
    assert isinstance(filled.statements(search=query), list)
    assert isinstance(filled.statements(speaker=query), list)


def test_search_words_are_literal(filled: Store) -> None:
    assert sids(filled.statements(search='NATO\'s "expansion')) == [("Putin warns NATO", "s1")]
    # "NOT" is a word to find here, not an operator excluding "expansion".
    assert filled.statements(search="NOT expansion") == []
    assert filled.statements(search="*") == []
    assert len(filled.statements(search="")) == len(filled.statements(search="  ")) == 7


def test_fts_words() -> None:
    assert fts_words('NATO\'s "expansion AND ( * expan*') == \
        '"NATO\'s" """expansion" "AND" "expan"*'
    assert fts_words("") == fts_words("( ) *") == ""


# -- the database file ---------------------------------------------------------------------

def test_file_is_wal_with_foreign_keys_and_plain_tables(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save(kremlin())
        conn = s._conn
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(path) as plain:  # no onrecord code needed to read it
        assert plain.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert plain.execute(
            "SELECT a.title, s.speaker_name FROM statements s JOIN articles a "
            "ON a.id = s.article_id WHERE s.sid = 's2'").fetchone() == \
            ("Putin warns NATO", "Vladimir Putin")
        assert plain.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'warns'").fetchone()[0] == 1


def test_deleting_an_article_cascades_and_keeps_index(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save_many([kremlin(), berlin()])
        s._conn.execute("DELETE FROM articles WHERE id = ?", (kremlin().id,))
        assert totals(s) == {"articles": 1, "statements": 3, "entities": 1}
        assert s.statements(search="expansion") == []
    _check_fts(path)


def _check_fts(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        for fts in ("statements_fts", "articles_fts"):
            # rank 1 also checks the index against its content table.
            conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    with pytest.raises(StoreError, match="newer onrecord"):
        Store(path)


def test_closed_store_raises_store_error() -> None:
    with Store(":memory:") as s:
        pass
    with pytest.raises(StoreError, match="closed"):
        s.counts()


# -- errors the user can cause -------------------------------------------------------------

def test_locked_database_on_write(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    Store(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Store(path, timeout=FAST) as s:
            assert s.counts()["articles"] == 0  # WAL: reading is still fine
            with pytest.raises(StoreError) as caught:
                s.save(kremlin())
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.subject == str(path)
    assert "locked" in caught.value.reason
    assert not caught.value.lasting          # the other writer finishes: a later save may work
    with Store(path) as s:
        assert s.save(kremlin()) is True


def test_a_store_that_can_grow_no_more_fails_for_good(tmp_path: Path) -> None:
    with Store(tmp_path / "onrecord.db") as s:
        s.save(kremlin())
        conn = s._connection()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")     # SQLite's own "database or disk is full"
        with pytest.raises(StoreError) as caught:
            s.save_batch([berlin(), undated()])
    assert caught.value.reason == "disk is full" and caught.value.lasting


def test_a_closed_store_fails_for_good(tmp_path: Path) -> None:
    s = Store(tmp_path / "onrecord.db")
    s.close()
    with pytest.raises(StoreError, match="closed") as caught:
        s.save(kremlin())
    assert caught.value.lasting


def test_locked_database_on_open(tmp_path: Path) -> None:
    path = tmp_path / "other.db"  # a fresh file in rollback-journal mode, so the lock blocks all
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE t (x)")
    try:
        with pytest.raises(StoreError, match="locked") as caught:
            Store(path, timeout=FAST)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.subject == str(path)


def test_missing_directory(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "onrecord.db"
    with pytest.raises(StoreError, match="does not exist") as caught:
        Store(path)
    assert caught.value.subject == str(path)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 50)
    with pytest.raises(StoreError, match="not a SQLite database") as caught:
        Store(path)
    assert caught.value.subject == str(path)
    assert path.read_text().startswith("These are my notes")  # left untouched


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    Store(path).close()
    path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only|not writable"):
        with Store(path) as s:
            s.save(kremlin())


@pytest.mark.parametrize("message, reason", [
    ("database is locked", "locked by another connection (waited 5s)"),
    ("attempt to write a readonly database", "read-only"),
    ("file is not a database", "not a SQLite database"),
    ("database or disk is full", "disk is full"),
    ("database disk image is malformed", "damaged"),
])
def test_reasons(message: str, reason: str) -> None:
    assert reason in _reason(sqlite3.OperationalError(message), "x.db", 5.0)


def test_save_batch_tells_each_article_apart(store: Store) -> None:
    assert store.save_batch([kremlin(), berlin(), kremlin()]) == [True, True, False]
    assert store.save_batch([berlin(), undated()]) == [False, True]


def test_a_split_quotation_is_shown_without_the_writers_words(tmp_path: Path, analyzer) -> None:
    text = "Harbour news\n\n“The pier is unsafe,” the harbour master said. “We close it on Monday.”"
    article = onrecord.extract(text, analyzer=analyzer)
    (statement,) = article.statements
    assert statement.words == "The pier is unsafe, … We close it on Monday."
    with Store(tmp_path / "s.db") as store:
        store.save(article)
        (row,) = store.statements()
        page = store.statements_page()["items"]
    assert row["words"] == page[0]["words"] == statement.words and "said" not in row["words"]
    assert "said" in row["text"]                          # the span itself stays verbatim


def test_an_article_without_its_record(store: Store) -> None:
    store.save(kremlin())
    whole, bare = store.article(kremlin().id), store.article(kremlin().id, record=False)
    assert "record" in whole and "record" not in bare
    assert {k: v for k, v in whole.items() if k != "record"} == bare


def test_latest_statements_of_a_speaker_and_of_nobody(store: Store) -> None:
    store.save_many([kremlin(), berlin()])
    name = store.speakers()[0]["name"]
    found = store.latest_statements(speaker=name, limit=1)
    assert found.title == name and len(found.statements) == 1 and found.total == store.speakers()[0]["statement_count"]
    with pytest.raises(InputError, match="no such speaker"):
        store.latest_statements(speaker="Nobody Atall")
    with pytest.raises(InputError, match="give a speaker or a topic"):
        store.latest_statements()
