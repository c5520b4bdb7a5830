"""Copies of one article: the same text from another source and near-duplicates (MinHash with
LSH bands in SQLite) are stored once, with every source listed."""
from __future__ import annotations

import dataclasses
import sqlite3
import time
from pathlib import Path

import pytest

from onrecord.store import Store
from onrecord.store import dedupe

from store.copies import BODY, CHANGED, other, prose, reanalysed, story, syndicated, wire
from store.kit import check_integrity, dump, totals


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "copies.db"


def rows(path: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()


# -- signatures ----------------------------------------------------------------------------------

def test_copy_is_similar_and_other_story_is_not() -> None:
    original, copy, different = (dedupe.signature(a) for a in (wire(), syndicated(), other()))
    assert original is not None and len(original) == 4 * dedupe.NUM_PERM
    assert dedupe.similarity(original, copy) >= dedupe.THRESHOLD
    assert dedupe.similarity(original, different) < 0.3
    # the copy shares at least one LSH band with the original, the other story none
    assert set(dedupe.band_keys(original)) & set(dedupe.band_keys(copy))
    assert not set(dedupe.band_keys(original)) & set(dedupe.band_keys(different))


def test_headings_and_boilerplate_are_left_out_of_the_shingles() -> None:
    a, b = story("One headline", "By A", source="a"), story("A wholly different title here", "By A", source="b")
    assert dedupe.signature(a) == dedupe.signature(b)
    assert "headline" not in dedupe.content(a) and "One" not in dedupe.content(a)


def test_short_texts_have_no_signature() -> None:
    short = story("Short", "By A", body="The council voted to reopen the harbour on Tuesday.")
    assert dedupe.signature(short) is None


def test_signing_a_5000_character_article_is_fast() -> None:
    long = story("Head", "By A", body=prose(0))
    assert len(long.text) > 4500
    start = time.perf_counter()
    for _ in range(20):
        dedupe.signature(long)
    assert (time.perf_counter() - start) / 20 < 0.02


# -- the same text from another source -----------------------------------------------------------

def test_same_text_from_a_second_source_is_one_article_with_two_sources(path: Path) -> None:
    first = wire()
    second = dataclasses.replace(first, source="https://mirror.example/h", site="mirror.example",
                                 title="Mirrored", published="2024-03-07")
    with Store(path) as s:
        assert s.save(first) is True
        assert s.save(second) is False
        assert s.save(second) is False                 # known already: no second row
        found = s.article(first.id)
        assert s.counts()["articles"] == 1
    assert [(x["source"], x["site"], x["title"], x["text_id"], x["similarity"]) for x in found["sources"]] == [
        (first.source, "wire.example", first.title, first.id, 1.0),
        ("https://mirror.example/h", "mirror.example", "Mirrored", first.id, 1.0)]
    assert found["source_count"] == 2
    # the article keeps its first source's metadata
    assert (found["source"], found["title"], found["record"]["site"]) == (first.source, first.title, first.site)
    check_integrity(path)


# -- near-duplicates -----------------------------------------------------------------------------

def test_syndicated_copy_is_folded_into_the_wire_story(path: Path) -> None:
    original, copy = wire(), syndicated()
    assert original.id != copy.id
    with Store(path) as s:
        assert s.save(original) is True
        before = dump(path)
        assert s.save(copy) is False
        assert s.has(copy.id) and s.canonical(copy.id) == original.id
        assert s.get(copy.id) is None                  # its text is not stored
        found = s.article(original.id)
        assert totals(s) == {"articles": 1, "statements": 3, "entities": 2}
    assert dump(path) == before                        # no statement, speaker or entity added
    first, folded = found["sources"]
    assert first["text_id"] == original.id and first["similarity"] == 1.0
    assert (folded["source"], folded["site"], folded["title"], folded["published"]) == (
        copy.source, "daily.example", copy.title, "2024-03-06")
    assert folded["text_id"] == copy.id
    assert dedupe.THRESHOLD <= folded["similarity"] < 1.0
    check_integrity(path)


def test_a_different_article_is_not_folded(path: Path) -> None:
    with Store(path) as s:
        assert s.save_batch([wire(), other()]) == [True, True]
        assert s.counts()["articles"] == 2
        assert [x["text_id"] for x in s.article(other().id)["sources"]] == [other().id]
        assert len(s.article(wire().id)["sources"]) == 1


def test_a_copy_in_the_same_batch_is_folded_and_counted_as_nothing_new(path: Path) -> None:
    with Store(path) as s:
        assert s.save_batch([wire(), syndicated(), other(), syndicated()]) == [True, False, True, False]
        assert s.save_many([syndicated(), wire()]) == 0
        assert s.counts()["articles"] == 2
        assert len(s.article(wire().id)["sources"]) == 2


def test_the_copy_text_from_a_third_source_is_one_more_source(path: Path) -> None:
    third = dataclasses.replace(syndicated(), source="https://third.example/x", site="third.example")
    with Store(path) as s:
        s.save_many([wire(), syndicated()])
        assert s.save(third) is False
        sources = s.article(wire().id)["sources"]
    assert [x["site"] for x in sources] == ["wire.example", "daily.example", "third.example"]
    assert sources[1]["text_id"] == sources[2]["text_id"] == syndicated().id
    assert sources[1]["similarity"] == sources[2]["similarity"] < 1.0


def test_copy_saved_first_holds_the_article(path: Path) -> None:
    with Store(path) as s:
        assert s.save(syndicated()) is True
        assert s.save(wire()) is False
        assert s.canonical(wire().id) == syndicated().id
        assert "within four years" in s.get(syndicated().id).text


def test_short_near_identical_texts_stay_apart(path: Path) -> None:
    a = story("A", "By A", body="The council voted to reopen the harbour on Tuesday night.")
    b = story("A", "By A", body="The council voted to reopen the harbour on Tuesday evening.")
    with Store(path) as s:
        assert s.save_batch([a, b]) == [True, True]
    assert rows(path, "SELECT count(*) FROM minhashes") == [(0,)]


def test_bands_are_kept_in_an_indexed_table(path: Path) -> None:
    with Store(path) as s:
        s.save_many([wire(), syndicated(), other()])
    assert rows(path, "SELECT count(*) FROM minhash_bands") == [(2 * dedupe.BANDS,)]
    assert rows(path, "SELECT count(*) FROM minhashes") == [(2,)]
    plan = " ".join(r[-1] for r in rows(path, "EXPLAIN QUERY PLAN SELECT article_id FROM minhash_bands WHERE key = 1"))
    assert "USING PRIMARY KEY" in plan or "USING COVERING INDEX" in plan


def test_folding_costs_a_few_milliseconds(path: Path) -> None:
    texts = [prose(n) for n in range(20)]
    assert all(len(t) > 4500 for t in texts)
    originals = [story("Head", "By A", body=t, source=f"a{n}") for n, t in enumerate(texts)]
    copies = [story("Other head", "By B", body=t.replace(" ", " and ", 1), source=f"b{n}")
              for n, t in enumerate(texts)]
    with Store(path) as s:
        start = time.perf_counter()
        assert s.save_batch(originals) == [True] * 20
        middle = time.perf_counter()
        assert s.save_batch(copies) == [False] * 20
        end = time.perf_counter()
        assert s.counts()["articles"] == 20
        assert all(s.canonical(c.id) == o.id for o, c in zip(originals, copies))
    # generous bounds for slow machines; a save takes a few milliseconds
    assert (middle - start) / 20 < 0.05 and (end - middle) / 20 < 0.05


# -- re-analysis ---------------------------------------------------------------------------------

def test_reanalysis_replaces_the_record_and_keeps_sources(path: Path) -> None:
    with Store(path) as s:
        s.save_many([wire(), syndicated()])
        first = rows(path, "SELECT ingested_at FROM articles")
        assert s.save(reanalysed(wire())) is True
        assert s.get(wire().id) == reanalysed(wire())
        assert s.counts()["statements"] == 2
        assert len(s.article(wire().id)["sources"]) == 2
        assert s.save(reanalysed(wire())) is False
    assert rows(path, "SELECT ingested_at FROM articles") == first
    check_integrity(path)


def test_new_analysis_arriving_with_another_source_keeps_the_first_source(path: Path) -> None:
    copy = dataclasses.replace(reanalysed(wire()), source="https://mirror.example/h", title="Mirror")
    with Store(path) as s:
        s.save(wire())
        assert s.save(copy) is True                     # a new analysis of the stored text
        stored = s.get(wire().id)
        sources = s.article(wire().id)["sources"]
    assert stored.statements == reanalysed(wire()).statements
    assert (stored.source, stored.title) == (wire().source, wire().title)
    assert [x["source"] for x in sources] == [wire().source, "https://mirror.example/h"]


def test_resaving_with_new_metadata_updates_the_first_source(path: Path) -> None:
    renamed = dataclasses.replace(wire(), title="Council reopens harbour")
    with Store(path) as s:
        s.save(wire())
        assert s.save(renamed) is True
        assert [x["title"] for x in s.article(wire().id)["sources"]] == ["Council reopens harbour"]


def test_a_changed_boilerplate_updates_the_signature(path: Path) -> None:
    original = wire()
    cut = dataclasses.replace(original, boilerplate=(original.headings[0],), headings=())
    moved = dataclasses.replace(original, headings=(), boilerplate=())
    with Store(path) as s:
        s.save(original)
        assert s.save(cut) is True
        same = rows(path, "SELECT signature FROM minhashes")
        assert s.save(moved) is True                  # the headline now counts as text
    assert rows(path, "SELECT signature FROM minhashes") != same
    assert rows(path, "SELECT count(*) FROM minhash_bands") == [(dedupe.BANDS,)]


def test_one_changed_word_is_the_only_difference() -> None:
    # guards the fixture itself: the copy differs by its head lines and one phrase
    assert BODY.count(CHANGED[0]) == 1 and CHANGED[1] in syndicated().text
