"""Analysis on worker processes gives what one process gives, in input order."""
from __future__ import annotations

import os
import pickle

import pytest

import onrecord
from onrecord import api
from onrecord.errors import InputError, StoreError
from onrecord.scale import analyse_parallel

TEXTS = [f"Mayor Ana Ruiz said that the ferry to {place} would run all winter." for place in
         ("Vigo", "Kiel", "Cork", "Porto", "Brest")]


def test_two_workers_agree_with_one_process_and_keep_the_order(analyzer):
    articles = [onrecord.read(t) for t in TEXTS]
    parallel = list(analyse_parallel(articles, workers=2))
    assert [a.to_dict() for a in parallel] == [analyzer.analyse(a).to_dict() for a in articles]


def test_ingest_with_workers_stores_every_article_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "store.db"
    report = api.ingest_paths([folder], db, workers=2)
    assert (report.saved, report.unchanged) == (5, 0) and [r for _, r in report.failed] == ["empty file"]
    again = api.ingest_paths([folder], db, workers=2)
    assert (again.saved, again.unchanged) == (0, 5)


def test_errors_cross_process_boundaries():
    for err in (InputError("a.txt", "empty file"), StoreError("x.db", "locked")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and (back.subject, back.reason) == (err.subject, err.reason)
    full = pickle.loads(pickle.dumps(StoreError("x.db", "disk is full", lasting=True)))
    assert full.lasting and not pickle.loads(pickle.dumps(StoreError("x.db", "locked"))).lasting


def test_input_is_read_only_a_window_ahead_and_order_is_kept(analyzer):
    from onrecord.scale import pool

    taken = []

    def articles():
        for n in range(40):
            taken.append(n)
            yield onrecord.read(f"Officials said that pier {n} would close.")

    results = analyse_parallel(articles(), workers=2, chunksize=3)
    first = next(results)
    assert len(taken) <= 2 * pool.WINDOW * 3 < 40           # not the whole input
    rest = [first, *results]
    assert len(taken) == 40
    assert [a.statements[0].text for a in rest] == [f"pier {n} would close" for n in range(40)]


def test_a_failing_article_is_reported_in_its_place_and_its_batch_still_analysed():
    from onrecord.model import Article, Span

    good = [onrecord.read(t) for t in TEXTS[:3]]
    bad = Article("Too short.", source="bad.txt", boilerplate=(Span("x", 5, 500),))
    out = list(analyse_parallel([good[0], bad, good[1], good[2]], workers=2, chunksize=2))
    assert [type(a).__name__ for a in out] == ["Article", "tuple", "Article", "Article"]
    assert out[1][0] == "bad.txt" and out[1][1].startswith("analysis failed (IndexError")
    assert [a.statements[0].text for a in (out[0], out[2], out[3])] == [
        f"the ferry to {p} would run all winter" for p in ("Vigo", "Kiel", "Cork")]


def test_an_article_over_its_time_budget_is_failed_and_the_rest_analysed():
    from onrecord.scale import Budget

    slow = onrecord.read("said " * 30000, )
    articles = [onrecord.read(TEXTS[0]), slow, onrecord.read(TEXTS[1])]
    out = list(analyse_parallel(articles, workers=1, chunksize=3, budget=Budget(seconds=1.0)))
    assert [type(a).__name__ for a in out] == ["Article", "Stopped", "Article"]
    assert "longer than its budget of 1 s" in out[1].reason and out[1].article_id == slow.id


def test_nothing_to_analyse_starts_no_worker():
    import multiprocessing

    from onrecord.scale import Budget

    # workers could not start within 1 MB: the run would fail if it started them
    assert list(analyse_parallel(iter([]), workers=2, budget=Budget(memory_mb=1))) == []
    assert multiprocessing.active_children() == []


def test_a_worker_killed_mid_run_loses_nothing_and_hangs_nothing():
    import multiprocessing
    import os
    import signal

    def articles():
        for n in range(12):
            if n == 6:                   # the OOM killer strikes while batches are in flight
                for child in multiprocessing.active_children():
                    os.kill(child.pid, signal.SIGKILL)
            yield onrecord.read(f"Officials said that pier {n} would close.")

    out = list(analyse_parallel(articles(), workers=2, chunksize=2))
    assert [a.statements[0].text for a in out] == [f"pier {n} would close" for n in range(12)]


def test_workers_that_cannot_start_are_one_clear_error():
    import pytest as _pytest
    from onrecord.errors import OnrecordError
    from onrecord.scale import Budget

    with _pytest.raises(OnrecordError, match="could not start within the memory budget of 50 MB"):
        list(analyse_parallel([onrecord.read(TEXTS[0])], workers=1, budget=Budget(memory_mb=50)))


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
def test_workers_end_when_the_run_that_started_them_is_killed():
    import os
    import signal
    import subprocess
    import sys
    import time

    code = ("import multiprocessing, time\n"
            "from onrecord.scale.pool import Budget, Workers\n"
            "workers = Workers(1, None, Budget())\n"
            "print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
            "time.sleep(600)\n")
    run = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        children = [int(pid) for pid in run.stdout.readline().split()]
        assert children
    finally:
        run.send_signal(signal.SIGKILL)                 # as kill -9: no pool shutdown runs
        run.wait()

    def alive(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/stat") as stat:      # a zombie has ended, unreaped
                return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in children)
