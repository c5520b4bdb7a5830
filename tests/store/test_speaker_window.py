"""A page of one speaker's statements is looked for in the next few of their articles only
(``queries.speaker_window``): walking the pages, either way, by id or by a name that finds
several speakers, gives exactly the statements of the whole list, in its order."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.store import Store

from store.kit import Quote, article

ARTICLES = [
    article(*(Quote("Ana Ruiz", f"the harbour needs plan {n}") for n in range(3)), published="2024-01-01", tail="A."),
    # the same day as the first: its articles' order is decided by their ids
    article(Quote("Ana Ruiz", "the ferry is late"), Quote("Ben Hale", "the bridge is shut"),
            published="2024-01-01", tail="B."),
    article(Quote("Ana Ruiz", "the pier is unsafe"), Quote("Ana Ruiz", "the port will close"), tail="Undated."),
    article(Quote("Ana Ruiz", "the museum opens"),
            Quote("Ana Ruiz and Ben Hale", "the tunnel is needed", speakers=("Ana Ruiz", "Ben Hale")),
            published="2023-12-01", tail="D."),
    # a speaker known only as "Ruiz": the name "Ruiz" finds both her and Ana Ruiz
    article(Quote("Ruiz", "the buses are full"), Quote("Ruiz", "the fares will rise"), published="2024-02-01",
            tail="E."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("window") / "w.db") as s:
        s.save_many(ARTICLES)
        yield s


def walk(store: Store, size: int, **query) -> list[tuple[str, str]]:
    ids, cursor = [], None
    while True:
        page = store.statements_page(limit=size, cursor=cursor, **query)
        assert len(page["items"]) <= size
        ids += [(row["article_id"], row["sid"]) for row in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return ids


def whole(store: Store, order: str, **query) -> list[tuple[str, str]]:
    """The list at once (no limit: no window), oldest first; newest first is the reverse of
    its dated statements, then the reverse of its undated ones (undated last either way)."""
    rows = store.statements(**query)
    dated, undated = ([(r["article_id"], r["sid"]) for r in rows if (r["published"] is None) is none]
                      for none in (False, True))
    return dated + undated if order == "asc" else dated[::-1] + undated[::-1]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 50])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_pages_of_one_speaker_are_the_whole_list(store: Store, size: int, order: str) -> None:
    ana = next(r["id"] for r in store.speakers() if r["name"] == "Ana Ruiz")
    expected = whole(store, speaker_id=ana, order=order)
    assert len(expected) == 8                      # the joint statement is hers too
    assert walk(store, size, speaker_id=ana, order=order) == expected


@pytest.mark.parametrize("size", [1, 2, 4])
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_pages_of_a_name_of_several_speakers_are_the_whole_list(store: Store, size: int, order: str) -> None:
    expected = whole(store, speaker="Ruiz", order=order)
    assert len(expected) == 10
    assert walk(store, size, speaker="Ruiz", order=order) == expected


def test_undated_articles_come_last_either_way(store: Store) -> None:
    for order in ("asc", "desc"):
        rows = store.statements_page(speaker="Ana Ruiz", order=order, limit=50)["items"]
        dates = [row["published"] for row in rows]
        assert dates[-2:] == [None, None] and None not in dates[:-2]


def test_the_window_holds_only_the_articles_the_page_needs(store: Store) -> None:
    from onrecord.store.queries import speaker_window

    ana = next(r["id"] for r in store.speakers() if r["name"] == "Ana Ruiz")
    first_two, then_one = ARTICLES[3].id, sorted([ARTICLES[0].id, ARTICLES[1].id])[0]
    with store._snapshot() as conn:
        assert speaker_window(conn, (ana,), "asc", None, 2) == [first_two]     # its two statements
        assert speaker_window(conn, (ana,), "asc", None, 3) == [first_two, then_one]
        # from a cursor in the middle of the oldest article on, that article counts for nothing
        assert speaker_window(conn, (ana,), "asc", [0, "2023-12-01", first_two], 1) == [first_two, then_one]
