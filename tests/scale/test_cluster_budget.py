"""Budgets on a Dask cluster: an article that hangs or kills the process analysing it is
failed alone, with the reason a local run gives, the rest of its task is stored, and the
run ends; the analysing process (and its model) serves task after task.

The cluster's workers start their analysing processes with hooks/ on the PYTHONPATH, whose
sitecustomize makes an article with SLOW-ME hang and one with CRASH-ME kill its process.
"""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import psutil
import pytest

from onrecord.scale import Budget, cluster, ingest_dask
from onrecord.store import Store

from clirun import one_model, run  # noqa: F401  (one_model is an autouse fixture)

HOOKS = Path(__file__).with_name("hooks")
PLACES = ("Vigo", "Kiel", "Cork", "Porto", "Brest", "Derry")


def story(n: int, mark: str = "") -> dict:
    return {"url": f"https://example.org/{n}",
            "text": f"Mayor Ana Ruiz said that the ferry to {PLACES[n]} would run all winter. {mark}"}


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    path = os.pathsep.join(p for p in (str(HOOKS), os.environ.get("PYTHONPATH")) if p)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                      env={"ONRECORD_TEST_HOOKS": "1", "PYTHONPATH": path}) as local:
        yield local.scheduler_address


def analysing_pids(scheduler: str) -> list[int]:
    from distributed import Client

    def pids() -> list[int]:
        return sorted(pid for workers in cluster._budgeted.values()
                      for pid in (workers.pool._processes or {}))

    with Client(scheduler) as client:
        return [pid for found in client.run(pids).values() for pid in found]


def test_an_article_that_hangs_or_kills_its_process_is_failed_alone(scheduler, tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [story(0), story(1, "CRASH-ME"), story(2), story(3, "SLOW-ME"), story(4)]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "one.txt").write_text(story(5)["text"], encoding="utf-8")
    errors: list[tuple[str, str]] = []
    started = time.monotonic()
    report = ingest_dask([feed, tmp_path / "one.txt"], scheduler, db=str(tmp_path / "s.db"),
                         budget=Budget(seconds=1.0), on_error=lambda s, r: errors.append((s, r)))
    assert time.monotonic() - started < 120                      # ended, never hung
    assert sorted(report.failed) == sorted(errors) == [
        ("https://example.org/1", "analysis stopped: its worker died (killed, or out of memory)"),
        ("https://example.org/3", "analysis stopped: it took longer than its budget of 1 s")]
    assert report.saved == 4
    with Store(tmp_path / "s.db") as store:
        sources = {a["source"] for a in store.articles(limit=10)["items"]}
    assert sources == {"https://example.org/0", "https://example.org/2", "https://example.org/4",
                       str(tmp_path / "one.txt")}


def test_a_stopped_input_is_remembered_and_failed_at_once_by_a_later_run(scheduler, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(line) + "\n" for line in (story(0), story(1, "CRASH-ME"))),
                    encoding="utf-8")
    db = str(tmp_path / "s.db")
    first = ingest_dask([feed], scheduler, db=db, budget=Budget(seconds=5.0))
    died = "analysis stopped: its worker died (killed, or out of memory)"
    assert first.failed == [("https://example.org/1", died)] and first.saved == 1
    with Store(db) as store:
        assert list(store.stopped_inputs().values()) == [died]
    # The complete run left no shards: a repeat reads the feed again, and fails the input
    # that killed its process without starting on it.
    started = time.monotonic()
    again = ingest_dask([feed], scheduler, db=db, budget=Budget(seconds=5.0))
    assert again.failed == [("https://example.org/1", f"{died} in an earlier run; "
                             "not analysed again (retry with --retry-stopped)")]
    assert (again.saved, again.unchanged) == (0, 1) and time.monotonic() - started < 60
    retried = ingest_dask([feed], scheduler, db=db, budget=Budget(seconds=5.0), retry_stopped=True)
    assert retried.failed == first.failed                      # analysed, and stopped, again


def test_the_analysing_process_serves_later_tasks_and_runs(scheduler, tmp_path):
    (tmp_path / "a.txt").write_text(story(0)["text"], encoding="utf-8")
    first = ingest_dask([tmp_path / "a.txt"], scheduler, db=str(tmp_path / "s.db"), budget=Budget(30.0))
    before = analysing_pids(scheduler)
    (tmp_path / "b.txt").write_text(story(1)["text"], encoding="utf-8")
    again = ingest_dask([tmp_path / "b.txt"], scheduler, db=str(tmp_path / "s.db"), budget=Budget(30.0))
    assert (first.saved, again.saved, first.failed, again.failed) == (1, 1, [], [])
    assert len(before) == 1 and analysing_pids(scheduler) == before      # the model loaded once


def test_the_cli_gives_the_budgets_to_the_cluster(tmp_path, monkeypatch):
    import onrecord.scale
    from onrecord.scale.local import IngestReport

    given = {}

    def fake(paths, scheduler, **kwargs):
        given.update(kwargs, scheduler=scheduler)
        return IngestReport()

    monkeypatch.setattr(onrecord.scale, "ingest_dask", fake)
    (tmp_path / "a.txt").write_text(story(0)["text"], encoding="utf-8")
    run("ingest", tmp_path / "a.txt", "--dask", "local", "--db", tmp_path / "s.db",
        "--time-budget", "2.5", "--memory-budget", "900")
    assert given["scheduler"] == "local" and given["budget"] == Budget(2.5, 900)
    run("ingest", tmp_path / "a.txt", "--dask", "local", "--db", tmp_path / "s.db")
    assert given["budget"] == Budget(300.0, None)                         # always a budget


def test_an_analysing_process_ends_with_its_killed_worker(scheduler):
    # last in this module: the worker is killed (its nanny starts another)
    (pid,) = analysing_pids(scheduler)
    worker = psutil.Process(pid).parent()
    assert worker is not None
    os.kill(worker.pid, signal.SIGKILL)          # its pool cannot shut down: the tether ends it
    assert psutil.wait_procs([psutil.Process(pid)], timeout=15)[1] == []
