"""Looking speakers up by name for queries (``statements``, ``speaker``, the API): a full name
finds its person; a bare surname finds the one full-name person of that surname together with
the speakers known only by it, and is an error when it fits two people."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.model import Article
from onrecord.store import Store

from store.kit import Quote, article


def said(who: str, words: str, published: str | None = None) -> Article:
    return article(Quote(who, words), published=published)


@pytest.fixture
def store(tmp_path: Path):
    """Putin by full name and by surname alone; two Obamas and a bare "Obama"; Donald Trump and
    his son; Boris Johnson alone."""
    with Store(tmp_path / "people.db") as s:
        s.save_many([
            said("Putin", "talks would go on", "2022-01-30"),
            said("Vladimir Putin", "NATO must stop", "2022-02-07"),
            said("Vladimir Putin", "the West had ignored Russia", "2022-03-01"),
            said("Barack Obama", "the law would pass"),
            said("Michelle Obama", "the garden would grow"),
            said("Obama", "the deal was done"),
            said("Donald Trump", "the wall would be built"),
            said("Donald Trump Jr.", "the campaign was strong"),
            said("Boris Johnson", "the vote would pass"),
        ])
        yield s


def texts(rows: list[dict]) -> set[str]:
    return {r["text"] for r in rows}


def test_a_surname_of_one_full_name_person_finds_them_with_the_bare_surname(store: Store) -> None:
    everything = {"talks would go on", "NATO must stop", "the West had ignored Russia"}
    assert texts(store.statements(speaker="Putin")) == everything
    assert texts(store.statements_page(speaker="PUTIN")["items"]) == everything
    found = store.speaker("Putin")
    assert (found["name"], found["statement_count"], found["article_count"]) == ("Vladimir Putin", 3, 3)
    assert [s["name"] for s in found["surname_only"]] == ["Putin"]
    assert texts(found["statements"]) == everything
    assert (found["first_published"], found["last_published"]) == ("2022-01-30", "2022-03-01")
    assert found["timeline"] == [{"period": "2022-01", "statements": 1}, {"period": "2022-02", "statements": 1},
                                 {"period": "2022-03", "statements": 1}]


def test_a_full_name_or_an_id_finds_that_speaker_alone(store: Store) -> None:
    his = {"NATO must stop", "the West had ignored Russia"}
    assert texts(store.statements(speaker="Vladimir Putin")) == his
    found = store.speaker("vladimir putin")
    assert found["statement_count"] == 2 and found["surname_only"] == []
    assert store.speaker(found["id"])["statements"] == found["statements"]
    assert texts(store.statements(speaker="Michelle Obama")) == {"the garden would grow"}
    assert texts(store.statements(speaker="Donald Trump Jr.")) == {"the campaign was strong"}


def test_a_full_name_finds_the_person_by_another_middle_name(store: Store) -> None:
    assert texts(store.statements(speaker="Donald J. Trump")) == {"the wall would be built"}
    assert store.speaker("Donald John Trump")["name"] == "Donald Trump"
    assert store.speaker("Barry Obama") is None                          # another first name
    assert store.statements(speaker="Barry Obama") == []


@pytest.mark.parametrize("surname, people", [
    ("Obama", ["Barack Obama", "Michelle Obama", "Obama"]),
    ("Trump", ["Donald Trump", "Donald Trump Jr."]),                      # the father or the son
])
def test_a_surname_of_two_people_is_ambiguous(store: Store, surname: str, people: list[str]) -> None:
    pattern = "more than one speaker fits: " + r".*; ".join(people)
    with pytest.raises(InputError, match=pattern):
        store.speaker(surname)
    with pytest.raises(InputError, match=pattern):
        store.statements(speaker=surname)
    with pytest.raises(InputError, match=pattern):
        store.quotes(speaker=surname)


def test_a_surname_of_one_person_without_a_bare_speaker(store: Store) -> None:
    found = store.speaker("Johnson")
    assert found["name"] == "Boris Johnson" and found["surname_only"] == []
    assert texts(store.statements(speaker="johnson")) == {"the vote would pass"}


def test_a_word_no_speaker_goes_by_matches_the_names_by_their_words(store: Store) -> None:
    assert store.speaker("Vladimir") is None
    assert texts(store.statements(speaker="Vladimir")) == {"NATO must stop", "the West had ignored Russia"}
    assert store.statements(speaker="Merkel") == []


def test_the_api_looks_names_up_the_same_way(store: Store) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from onrecord.serve import create_app

    with TestClient(create_app(store.path, token="")) as client:
        putin = client.get("/api/speakers/Putin").json()
        assert putin["name"] == "Vladimir Putin" and putin["statement_count"] == 3
        items = client.get("/api/statements?speaker=Putin").json()["items"]
        assert texts(items) == {"talks would go on", "NATO must stop", "the West had ignored Russia"}
        for url in ("/api/speakers/Obama", "/api/statements?speaker=Obama"):
            response = client.get(url)
            assert response.status_code == 400 and "more than one speaker fits" in response.text
