"""Ingest on a Dask cluster stores what a local ingest stores, resumes, and skips bad inputs.

One LocalCluster of two worker processes serves the module: each worker loads the model
once, on its first task, and keeps it for every later run.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil

import pyarrow.parquet as pq
import pytest

from onrecord import api
from onrecord.errors import InputError, OnrecordError
from onrecord.scale import cluster, ingest_dask, shards
from onrecord.store import Store

from articles import PNG, QUAY, WIND

STORIES = [
    "Harbour dredging delayed\n\nThe port authority said on Monday that dredging of the inner "
    "harbour would start in May, two months late.\n\n\"We need the summer to finish,\" harbour "
    "master Ines Vogel told the board.\n",
    "School roof repairs\n\nHead teacher Samuel Otieno said the roof of the primary school in "
    "Lowfield would be mended over the holidays.\n",
    "Bus fares frozen\n\nTransport chief Mira Dahl said that fares would stay at 2.40 pounds until "
    "next April.\n\n\"Nobody should pay more to get to work,\" Dahl said.\n",
    "Library hours\n\nThe library will open on Sundays from March, councillor Priya Nand said.\n",
]
FRENCH = (
    "Le conseil municipal a voté mardi soir la construction d'un nouveau pont sur la rivière. "
    "Selon le maire, les travaux commenceront au printemps et dureront deux ans. Les habitants "
    "du quartier craignent des embouteillages pendant toute la durée du chantier, mais la "
    "mairie promet des navettes gratuites pour les écoliers et les commerçants du centre-ville.\n"
)


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "news").mkdir()
    for n, text in enumerate([WIND, QUAY, *STORIES]):
        (folder / "news" / f"{n:02}.txt").write_text(text, encoding="utf-8")
    (folder / "news" / "page.html").write_text(
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry returns</h1><p>The ferry "
        "to Kiel will run again from June, operator Jonas Berg said on Friday.</p></article>"
        "</body></html>", encoding="utf-8")
    (folder / "news" / "image.txt").write_bytes(PNG)
    (folder / "news" / "french.txt").write_text(FRENCH, encoding="utf-8")
    lines = [{"url": "https://example.org/a", "text": STORIES[0].replace("May", "June")},
             {"url": "https://example.org/b", "text": "Mayor Ana Ruiz said the ferry would run all winter."}]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n",
                                       encoding="utf-8")
    return [str(folder / "news"), str(folder / "feed.jsonl")]


def stored(db) -> dict[str, int]:
    with Store(db) as store:
        return {item["id"]: item["statement_count"] for item in store.articles(limit=500)["items"]}


def mtimes(folder) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in shards.complete_shards(folder)}


@pytest.fixture(scope="module")
def first_run(scheduler, inputs, tmp_path_factory):
    where = tmp_path_factory.mktemp("first")
    progress = []
    report = ingest_dask(inputs, scheduler, db=str(where / "dask.db"), out=str(where / "parquet"),
                         on_progress=lambda a, s: progress.append((a, s)))
    return where, report, progress


def test_stores_what_a_local_ingest_stores(first_run, inputs, analyzer, tmp_path):
    where, report, progress = first_run
    local = api.ingest_paths(inputs, tmp_path / "local.db", analyzer=analyzer)
    assert stored(where / "dask.db") == stored(tmp_path / "local.db")
    assert (report.saved, report.unchanged, report.statements) == (local.saved, local.unchanged, local.statements)
    assert sorted(report.failed) == sorted(local.failed)
    assert report.saved == 9 and report.statements > 9


def test_bad_inputs_are_failures_and_the_run_completes(first_run):
    _, report, progress = first_run
    reasons = dict(report.failed)
    failed = {os.path.basename(subject): reason for subject, reason in report.failed}
    assert failed["image.txt"] == "binary file, not text"
    assert "not in English" in failed["french.txt"]
    assert any(subject.endswith("feed.jsonl:3") for subject in reasons)
    assert progress[-1] == (report.saved + report.unchanged + len(report.failed), report.statements)


def test_out_leaves_parquet_with_the_statements(first_run):
    where, report, _ = first_run
    statements = pq.read_table(where / "parquet" / "statements")
    assert statements.num_rows == report.statements
    assert {"Lena Okafor", "Mira Dahl"} <= set(statements.column("speaker_name").to_pylist())
    articles = pq.read_table(where / "parquet" / "articles", columns=["id", "statements"]).to_pylist()
    assert {a["id"]: a["statements"] for a in articles} == stored(where / "dask.db")
    with Store(where / "dask.db") as store:
        for article in shards.read_articles(where / "parquet"):
            assert store.get(article.id).to_dict() == article.to_dict()


def test_a_second_run_stores_nothing_new_and_skips_finished_shards(first_run, inputs, scheduler):
    where, report, _ = first_run
    before = mtimes(where / "parquet")
    again = ingest_dask(inputs, scheduler, db=str(where / "dask.db"), out=str(where / "parquet"))
    assert (again.saved, again.unchanged) == (0, report.saved)
    assert sorted(again.failed) == sorted(report.failed)
    assert mtimes(where / "parquet") == before


def test_a_killed_run_resumes_and_stores_every_article_once(first_run, inputs, scheduler, tmp_path):
    where, report, _ = first_run
    out = tmp_path / "parquet"
    shutil.copytree(where / "parquet", out)
    # as a kill leaves it: one shard never finished (a temporary file only), a store half full
    lost = shards.complete_shards(out)[0].stem
    for table in shards.TABLES:
        (out / table / f"{lost}.parquet").unlink()
    (out / "articles" / f".{lost}.parquet.1-dead.tmp").write_bytes(b"half")
    db = tmp_path / "resumed.db"
    with Store(db) as store:
        first = next(shards.read_articles(where / "parquet"))
        store.save_batch([first])
    before = mtimes(out)
    resumed = ingest_dask(inputs, scheduler, db=str(db), out=str(out))
    assert stored(db) == stored(where / "dask.db")
    assert (resumed.saved, resumed.unchanged) == (report.saved - 1, 1)
    after = mtimes(out)
    assert {k for k in after if before.get(k) != after[k]} == {f"{lost}.parquet"}
    assert not list(out.rglob(".*.tmp"))


def test_a_damaged_shard_is_made_again(first_run, inputs, scheduler, tmp_path):
    where, report, _ = first_run
    out = tmp_path / "parquet"
    shutil.copytree(where / "parquet", out)
    damaged = shards.complete_shards(out)[-1]
    damaged.write_bytes(b"not parquet")
    again = ingest_dask(inputs, scheduler, db=str(where / "dask.db"), out=str(out))
    assert (again.saved, again.unchanged) == (0, report.saved)
    assert pq.read_table(out / "articles").num_rows == report.saved


def test_without_out_shards_beside_the_store_are_reused_then_removed(first_run, inputs, scheduler, tmp_path):
    where, report, _ = first_run
    db = tmp_path / "s.db"
    beside = tmp_path / "s.db.shards"
    shutil.copytree(where / "parquet", beside)          # left by a run killed during the merge
    done = ingest_dask(inputs, "tcp://127.0.0.1:9", db=str(db))   # no task left: no cluster needed
    assert done.saved == report.saved and stored(db) == stored(where / "dask.db")
    assert not beside.exists()


def test_parquet_only(first_run, inputs, scheduler, tmp_path):
    where, report, _ = first_run
    shutil.copytree(where / "parquet", tmp_path / "out")
    again = ingest_dask(inputs, scheduler, db=None, out=str(tmp_path / "out"))
    assert (again.saved, again.unchanged) == (0, report.saved)
    assert not list(tmp_path.glob("*.db"))


def test_local_cluster_of_its_own(tmp_path):
    (tmp_path / "one.txt").write_text(WIND, encoding="utf-8")
    report = ingest_dask([tmp_path / "one.txt"], "local", db=str(tmp_path / "s.db"), n_workers=1)
    assert (report.saved, report.failed) == (1, []) and report.statements >= 2
    assert not (tmp_path / "s.db.shards").exists()


def test_standard_input_is_refused_before_any_cluster(tmp_path):
    with pytest.raises(InputError, match="standard input"):
        ingest_dask(["-"], "local", db=str(tmp_path / "s.db"))


def test_no_store_and_no_out_is_refused(tmp_path):
    with pytest.raises(InputError):
        ingest_dask([tmp_path], "local", db=None)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "one.txt").write_text(QUAY, encoding="utf-8")
    with pytest.raises(OnrecordError, match="cannot reach the Dask scheduler"):
        ingest_dask([tmp_path / "one.txt"], "tcp://127.0.0.1:9", db=str(tmp_path / "s.db"))


# -- planning, no cluster -----------------------------------------------------------------------

def test_many_article_files_are_tasks_of_their_own_and_small_files_are_grouped(tmp_path):
    for n in range(100):
        (tmp_path / f"{n:03}.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / "b.warc.gz").write_bytes(b"x")
    tasks = cluster.plan_tasks([tmp_path])
    big = [t for t in tasks if t.files[0][0].endswith((".jsonl", ".warc.gz"))]
    assert [len(t.files) for t in big] == [1, 1]
    small = [t for t in tasks if t not in big]
    assert sum(len(t.files) for t in small) == 100 and len(small) < 20
    assert len({t.key for t in tasks}) == len(tasks)


def test_adding_a_file_changes_one_task_only(tmp_path):
    for n in range(0, 200, 2):
        (tmp_path / f"{n:03}.txt").write_text("x", encoding="utf-8")
    before = {t.key for t in cluster.plan_tasks([tmp_path])}
    # a file that is not itself a group boundary (one in GROUP is, by its path's hash, and
    # splits the group it lands in): the path includes the random tmp_path
    added = next(tmp_path / f"{n:03}.txt" for n in range(101, 200, 2)
                 if int.from_bytes(hashlib.sha256(os.path.abspath(tmp_path / f"{n:03}.txt").encode()).digest()[:4],
                                   "big") % cluster.GROUP)
    added.write_text("x", encoding="utf-8")
    after = {t.key for t in cluster.plan_tasks([tmp_path])}
    assert len(after - before) == 1 and len(before - after) == 1


def test_a_changed_file_or_setting_changes_the_task_key(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    key = cluster.plan_tasks([path])[0].key
    assert cluster.plan_tasks([path])[0].key == key
    assert cluster.plan_tasks([path], published="2024-01-02")[0].key != key
    path.write_text("one more", encoding="utf-8")
    assert cluster.plan_tasks([path])[0].key != key


def test_sources_keep_the_paths_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl").write_text("{}", encoding="utf-8")
    task = cluster.plan_tasks(["in"])[0]
    absolute = str(tmp_path / "in" / "a.jsonl")
    assert task.files == ((os.path.join("in", "a.jsonl"), absolute),)
    assert task.given(absolute + ":3") == os.path.join("in", "a.jsonl") + ":3"
    assert task.given("https://example.org/a") == "https://example.org/a"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_planned_not_a_traceback(tmp_path) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as file:
        file.write("one")
    (task,) = cluster.plan_tasks([tmp_path])
    assert len(task.key) == 40 and cluster.plan_tasks([tmp_path])[0].key == task.key
