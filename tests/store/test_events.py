"""An event's first report and its reports a page at a time: the listing's first report is
the earliest dated article's whatever order the articles were saved in."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from onrecord.store import Store

from store.subjects import alliance, moscow_talks


def meeting(store: Store) -> dict:
    (found,) = [e for e in store.events()["items"] if e["type"] == "meeting"]
    return found


def test_the_first_report_is_the_earliest_dated_one_saved_first_or_not(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as s:
        s.save_many([alliance(), moscow_talks()])          # the later article saved first
        first = meeting(s)["first_report"]
    assert (first["article_id"], first["published"]) == (moscow_talks().id, "2022-02-07")


def test_undated_reports_give_the_first_saved(tmp_path: Path) -> None:
    undated = [dataclasses.replace(a, published=None) for a in (alliance(), moscow_talks())]
    with Store(tmp_path / "e.db") as s:
        s.save_many(undated)
        first = meeting(s)["first_report"]
    assert first["article_id"] == undated[0].id and first["published"] is None


def test_an_event_gives_its_first_reports_up_to_the_limit_and_counts_them_all(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db") as s:
        s.save_many([alliance(), moscow_talks()])
        gid = meeting(s)["id"]
        one, every = s.event(gid, limit=1), s.event(gid)
    assert [r["article_id"] for r in one["reports"]] == [moscow_talks().id]
    assert one["report_count"] == every["report_count"] == len(every["reports"]) == 2
