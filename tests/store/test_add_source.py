"""Store.add_source: one more place a stored text was read, recorded without analysing it
again (an ingest skips texts the store holds, but not where it met them)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from onrecord.store import Store

from store.copies import reanalysed, syndicated, wire

LATER = {"source": "https://mirror.example/harbour", "site": "mirror.example", "title": "Harbour mirror",
         "published": "2024-04-01"}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "sources.db") as s:
        s.save_many([wire(), syndicated()])
        yield s


def _sources(store: Store, article_id: str) -> list[tuple[object, ...]]:
    return [(s["source"], s["site"], s["title"], s["published"], s["text_id"], s["similarity"])
            for s in store.article(article_id)["sources"]]


def test_the_same_text_from_another_place_adds_a_source_and_keeps_the_analysis(store: Store) -> None:
    story = wire()
    before = store.article(story.id)
    copy = dataclasses.replace(reanalysed(story), **LATER)     # another analysis: not read
    assert store.add_source(copy)
    assert _sources(store, story.id)[-1] == (*LATER.values(), story.id, 1.0)
    after = store.article(story.id)
    assert after["record"] == before["record"] and after["statements"] == before["statements"]
    assert (after["source"], after["title"]) == (before["source"], before["title"])
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert not store.add_source(copy)                           # listed now
    assert not store.add_source(story)                          # its first source
    assert len(store.article(story.id)["sources"]) == len(after["sources"])


def test_a_folded_copy_from_another_place_is_a_source_of_its_article(store: Store) -> None:
    copy = syndicated()
    assert store.canonical(copy.id) == wire().id
    assert not store.add_source(copy)                           # folded from this source already
    assert store.add_source(dataclasses.replace(copy, **LATER))
    (*_, text_id, similarity) = _sources(store, wire().id)[-1]
    folded = [s for s in store.article(wire().id)["sources"] if s["text_id"] == copy.id]
    assert text_id == copy.id and similarity == folded[0]["similarity"] < 1.0
    assert store.counts()["articles"] == 1


def test_a_text_not_stored_or_without_source_adds_nothing(store: Store) -> None:
    counted = store.counts()
    unknown = dataclasses.replace(wire(), text=wire().text + " A new paragraph.")
    assert not store.add_source(unknown)
    assert not store.add_source(dataclasses.replace(wire(), source=None))
    assert store.counts() == counted
    assert len(store.article(wire().id)["sources"]) == 2
