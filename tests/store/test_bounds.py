"""Numbers beyond SQLite's 64-bit integers (ids, limits, cursor keys) are no crash: an id no
row can have is not found, a limit beyond any count is no limit, a cursor holding one is not
a cursor."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.store import Store

from store.kit import rich
from store.subjects import all_subjects

HUGE = 99999999999999999999


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "bounds.db") as s:
        s.save_many([*all_subjects(), rich()])
        yield s


@pytest.mark.parametrize("ref", [str(HUGE), f" {HUGE} ", HUGE, 2 ** 63, -HUGE, -(2 ** 63) - 1])
def test_an_id_beyond_sqlite_integers_is_not_found(store: Store, ref: int | str) -> None:
    assert store.quote(ref) is None
    assert store.event(ref) is None
    assert store.speaker(ref) is None


def test_the_largest_integer_is_still_an_id(store: Store) -> None:
    assert store.quote(2 ** 63 - 1) is None and store.event(str(2 ** 63 - 1)) is None
    assert store.event(str(store.events()["items"][0]["id"])) is not None


@pytest.mark.parametrize("ref", ["²", "١"])
def test_other_digits_are_not_ids(store: Store, ref: str) -> None:
    with pytest.raises(InputError, match="not a quote id"):
        store.quote(ref)
    with pytest.raises(InputError, match="not an event id"):
        store.event(ref)


def test_limits_and_offsets_beyond_any_count(store: Store) -> None:
    assert len(store.statements(limit=HUGE)) == len(store.statements(limit=None))
    assert len(store.claims(limit=HUGE)) == len(store.claims())
    assert store.statements(speaker_id=HUGE) == []
    assert store.quotes(min_articles=HUGE)["items"] == []
    assert store.speakers(offset=HUGE) == []


def _cursor(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


@pytest.mark.parametrize("listing, cursor", [
    ("quotes", _cursor("quotes", "desc", HUGE, 1)),
    ("topics", _cursor("topics", "desc", 1, 1, HUGE)),
    ("events", _cursor("events", "desc", 1, "2022-02-07", -HUGE)),
    ("articles", _cursor("articles", "desc", HUGE, "a", "b")),
    ("statements_page", _cursor("statements", "asc", HUGE, "a", "b", 1, 1)),
])
def test_a_cursor_with_a_huge_number_is_not_a_cursor(store: Store, listing: str, cursor: str) -> None:
    with pytest.raises(InputError, match="not a cursor"):
        getattr(store, listing)(cursor=cursor)
