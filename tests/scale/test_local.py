"""Bulk ingest on this machine: an input whose analysis was stopped is remembered, so a
resumed run fails it at once rather than stopping on it again; a store that can take nothing
more stops the run, one that fails one save fails that article alone."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from onrecord import api
from onrecord.errors import StoreError
from onrecord.ingest.reading import read
from onrecord.scale import Budget
from onrecord.scale.local import IngestReport, IngestStopped, save_counted

FERRY = "Mayor Ana Ruiz said that the ferry to Vigo would run all winter."


def ingest(folder: Path, db: Path, **given) -> dict[str, str]:
    """Each failed input's file name and reason, of one run over ``folder`` into ``db``."""
    report = api.ingest_paths([folder], db, workers=1, budget=Budget(seconds=1.0), **given)
    return {Path(subject).name: reason for subject, reason in report.failed}


def test_an_input_that_ran_over_its_budget_is_failed_at_once_when_the_run_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ferry.txt").write_text(FERRY)
    (folder / "chain.txt").write_text("said " * 30000)          # takes far longer than 1 s
    db = tmp_path / "s.db"

    first = ingest(folder, db)
    assert list(first) == ["chain.txt"]
    assert first["chain.txt"].startswith("analysis stopped: it took longer than its budget of 1 s")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT source, reason FROM stopped_articles").fetchall() == [
            (str(folder / "chain.txt"), first["chain.txt"])]

    again = ingest(folder, db)
    assert again == {"chain.txt": f"{first['chain.txt']} in an earlier run; "
                                  "not analysed again (retry with --retry-stopped)"}

    retried = ingest(folder, db, retry_stopped=True)
    assert retried == first                                        # analysed, and stopped, again
    assert len(api.statements(db)) == 1                            # the ferry, stored once


class FailingStore:
    """A store whose every save fails with ``reason`` (``lasting``: as every later one would)."""
    path = "s.db"

    def __init__(self, reason: str, lasting: bool = False):
        self.reason, self.lasting = reason, lasting

    def save_batch(self, articles):
        raise StoreError(self.path, self.reason, lasting=self.lasting)

    save = save_batch


def test_a_store_that_can_take_nothing_more_stops_the_run_with_what_it_did() -> None:
    report = IngestReport(saved=3, statements=7)
    with pytest.raises(IngestStopped, match="disk is full; the run stopped") as stopped:
        save_counted(FailingStore("disk is full", lasting=True), [read(FERRY)], report, lambda *failure: None)
    assert stopped.value.report is report and report.saved == 3


def test_a_save_that_fails_for_one_article_fails_that_article_alone() -> None:
    failures: list[tuple[str, str]] = []
    article = read(FERRY)
    pending = [article]
    save_counted(FailingStore("database is locked by another connection (waited 5s)"), pending,
                 IngestReport(), lambda *failure: failures.append(failure))
    assert failures == [(article.id[:12], "not saved: database is locked by another connection (waited 5s)")]
    assert pending == []
