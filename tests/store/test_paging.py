"""One article's and one speaker's statements a page at a time: each cursor walk gives every
statement exactly once, in order, while the counts stay the totals."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.store import Store

from store.kit import Quote, article

# One long article (Ana 5 times, Ben twice) and a short one where Ana speaks again.
LONG = article(*(Quote("Ana Ruiz", f"the harbour needs plan number {n}") for n in range(5)),
               Quote("Ben Hale", "the ferry is late"), Quote("Ben Hale", "the bridge is shut"),
               published="2024-03-01", tail="Long.")
SHORT = article(Quote("Ana Ruiz", "the museum opens in May"), published="2024-01-01", tail="Short.")


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "paging.db") as s:
        s.save_many([LONG, SHORT])
        yield s


def walk(fetch, size: int) -> tuple[list[list[str]], list[dict]]:
    """The pages of ``fetch(limit, cursor)`` as lists of statement texts, and every answer."""
    pages, answers, cursor = [], [], None
    while True:
        found = fetch(size, cursor)
        answers.append(found)
        pages.append([s["text"] for s in found["statements"]])
        cursor = found["next_cursor"]
        if cursor is None:
            return pages, answers


@pytest.mark.parametrize("size", [1, 2, 3, 7, 50])
def test_article_pages_walk_every_statement_once_in_text_order(store: Store, size: int) -> None:
    whole = store.article(LONG.id)
    pages, answers = walk(lambda limit, cursor: store.article(LONG.id, limit=limit, cursor=cursor), size)
    assert [t for p in pages for t in p] == [s["text"] for s in whole["statements"]]
    assert all(0 < len(p) <= size for p in pages) and len(pages) == -(-7 // size)
    assert {a["statement_count"] for a in answers} == {7}
    # Who is quoted counts every statement of the article on every page.
    assert all([(p["name"], p["statements"]) for p in a["speakers"]] == [("Ana Ruiz", 5), ("Ben Hale", 2)]
               for a in answers)


def test_article_without_limit_has_every_statement_and_no_cursor(store: Store) -> None:
    found = store.article(LONG.id)
    assert len(found["statements"]) == 7 and found["next_cursor"] is None


@pytest.mark.parametrize("size", [1, 2, 4, 6])
def test_speaker_pages_walk_every_statement_once_oldest_first(store: Store, size: int) -> None:
    sid = store.speakers(q="Ana")[0]["id"]
    pages, answers = walk(lambda limit, cursor: store.speaker(sid, limit=limit, cursor=cursor), size)
    texts = [t for p in pages for t in p]
    assert texts[0] == "the museum opens in May"               # the older article first
    assert sorted(texts) == sorted(["the museum opens in May", *(f"the harbour needs plan number {n}" for n in range(5))])
    assert len(set(texts)) == 6 and all(len(p) <= size for p in pages)
    assert {(a["statement_count"], a["article_count"]) for a in answers} == {(6, 2)}
    assert answers[-1]["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["nonsense", "", "W10"])
def test_a_bad_cursor_is_one_input_error(store: Store, cursor: str) -> None:
    with pytest.raises(InputError, match="cursor"):
        store.article(LONG.id, limit=2, cursor=cursor or "x")
    with pytest.raises(InputError, match="cursor"):
        store.speaker("Ana Ruiz", limit=2, cursor=cursor or "x")


def test_cursors_belong_to_their_list(store: Store) -> None:
    """A speaker's cursor is no article's, and a statements list cursor neither."""
    of_speaker = store.speaker("Ana Ruiz", limit=1)["next_cursor"]
    of_list = store.statements_page(limit=1)["next_cursor"]
    for cursor in (of_speaker, of_list):
        with pytest.raises(InputError, match="cursor"):
            store.article(LONG.id, limit=1, cursor=cursor)
    with pytest.raises(InputError, match="cursor"):
        store.speaker("Ana Ruiz", limit=1, cursor=store.article(LONG.id, limit=1)["next_cursor"])
