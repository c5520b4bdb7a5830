"""Bulk ingest on this machine: an input whose analysis was stopped is remembered, so a
resumed run fails it at once rather than stopping on it again."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from onrecord import api
from onrecord.scale import Budget

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
