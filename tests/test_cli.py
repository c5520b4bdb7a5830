"""The ``onrecord`` command through click's CliRunner (in-process, one model load): output
formats, span integrity, per-input errors as one ``onrecord: SUBJECT: reason`` line on stderr,
store errors, and the entry points."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from onrecord import cli
from onrecord.model import SCHEMA
from onrecord.store import Store

from articles import EXAMPLES, PNG, QUAY, REPO, WIND
from clirun import one_model, run  # noqa: F401  (one_model is an autouse fixture)

REAL_DEFAULT_WORKERS = cli.default_workers     # before the autouse fixture replaces it



def cafe(where: str) -> str:
    """Not ASCII, so the encoding matters: each file must come out as these exact words."""
    return (f"Café owners protest in {where}\n\n"
            "Councillor José Muñoz said that the new parking rules would ruin the cafés on the quay.\n")


NO_ARTICLE_HTML = (
    "<!DOCTYPE html><html><head><title>Menu</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a></nav></body></html>'
)


def jsonl(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("onrecord: ")]


def check_spans(record: dict) -> int:
    """Assert every span in a printed record is verbatim; return how many were checked."""
    text, checked = record["text"], 0

    def check(span: dict | None) -> None:
        nonlocal checked
        if span is not None:
            assert text[span["start"]:span["end"]] == span["text"], span
            checked += 1

    for s in record["statements"]:
        check(s)
        check(s["cue"])
        check(s["speaker"]["mention"])
        for part in s["parts"]:
            check(part)
    for e in record["entities"]:
        for m in e["mentions"]:
            check(m)
    for x in (*record["amounts"], *record["dates"], *record["boilerplate"], *record["headings"]):
        check(x)
    return checked


@pytest.fixture
def wind(tmp_path: Path) -> Path:
    path = tmp_path / "wind.txt"
    path.write_text(WIND, encoding="utf-8")
    return path


@pytest.fixture
def quay(tmp_path: Path) -> Path:
    path = tmp_path / "quay.txt"
    path.write_text(QUAY, encoding="utf-8")
    return path


# -- extract ------------------------------------------------------------------------------------

def test_extract_jsonl_one_record_per_article_with_verbatim_spans(wind: Path, quay: Path) -> None:
    result = run("extract", wind, quay, EXAMPLES / "wind-farm.html", "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == ""
    records = jsonl(result)
    assert [r["source"] for r in records] == [str(wind), str(quay), str(EXAMPLES / "wind-farm.html")]
    assert len(result.stdout.strip().splitlines()) == 3
    for record in records:
        assert record["schema"] == SCHEMA == "onrecord/article@1"
        assert record["statements"]
        check_spans(record)
    first = records[0]
    assert first["text"] == WIND
    # the kinds of span the check covers are really there
    assert first["entities"] and first["amounts"] and first["dates"]
    assert {s["speaker"]["name"] for s in first["statements"]} == {"Lena Okafor", "Daniel Brennock"}


def test_extract_json_is_one_list(wind: Path, quay: Path) -> None:
    result = run("extract", wind, quay, "--format", "json")
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 2
    assert [r["schema"] for r in records] == [SCHEMA, SCHEMA]
    assert records[1]["text"] == QUAY
    # the same records as jsonl prints
    assert records == jsonl(run("extract", wind, quay, "--format", "jsonl"))


def test_extract_json_of_nothing_readable_is_an_empty_list(tmp_path: Path) -> None:
    result = run("extract", tmp_path / "missing.txt", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_extract_table_shows_the_speakers(wind: Path, quay: Path) -> None:
    result = run("extract", wind, quay, "--format", "table")
    assert result.exit_code == 0
    for name in ("Lena Okafor", "Daniel Brennock", "Marek Hale"):
        assert name in result.stdout
    assert "largest step we have taken" in result.stdout


def test_extract_directory(tmp_path: Path, wind: Path, quay: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article input", encoding="utf-8")
    records = jsonl(run("extract", tmp_path, "--format", "jsonl"))
    assert sorted(r["source"] for r in records) == sorted([str(wind), str(quay)])


def test_published_resolves_dates(wind: Path) -> None:
    (record,) = jsonl(run("extract", wind, "--published", "2022-02-07", "--format", "jsonl"))
    assert record["published"] == "2022-02-07"
    assert {d["text"]: d["value"] for d in record["dates"]}["February 8"] == "2022-02-08"


@pytest.mark.parametrize("bad", ["2022-13-01", "yesterday", "7 Feb 2022"])
def test_bad_published_is_one_line_error(wind: Path, bad: str) -> None:
    result = run("extract", wind, "--published", bad, "--format", "jsonl")
    assert result.exit_code != 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("onrecord: --published: ")
    assert bad in lines[0]


def test_bad_published_on_ingest_writes_nothing(tmp_path: Path, wind: Path) -> None:
    db = tmp_path / "x.db"
    result = run("ingest", wind, "--db", db, "--published", "02/07/2022")
    assert result.exit_code != 0
    assert error_lines(result) == result.stderr.splitlines()
    assert len(error_lines(result)) == 1
    assert not db.exists()


# -- bad inputs beside good ones -----------------------------------------------------------------

@pytest.fixture
def mixed(tmp_path: Path, wind: Path) -> dict[str, Path]:
    """One good file, two that need decoding, and four that cannot be read."""
    inputs = {
        "good": wind,
        "missing": tmp_path / "missing.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.png",
        "utf16": tmp_path / "utf16.txt",
        "utf16-no-bom": tmp_path / "utf16le.txt",
        "latin1": tmp_path / "latin1.txt",
        "no-article": tmp_path / "menu.html",
    }
    inputs["empty"].write_bytes(b"")
    inputs["binary"].write_bytes(PNG)
    inputs["utf16"].write_bytes(cafe("utf16").encode("utf-16"))  # with its byte-order mark
    inputs["utf16-no-bom"].write_bytes(cafe("utf16-no-bom").encode("utf-16-le"))
    inputs["latin1"].write_bytes(cafe("latin1").encode("latin-1"))
    inputs["no-article"].write_text(NO_ARTICLE_HTML, encoding="utf-8")
    return inputs


BAD = {
    "missing": "no such file",
    "empty": "empty file",
    "binary": "binary file, not text",
    "no-article": "no article text",
}
READABLE = ("good", "utf16", "utf16-no-bom", "latin1")


def assert_one_line_per_bad_input(result: Result, inputs: dict[str, Path]) -> None:
    lines = error_lines(result)
    assert len(lines) == len(BAD), result.stderr
    for key, reason in BAD.items():
        mine = [line for line in lines if line.startswith(f"onrecord: {inputs[key]}: ")]
        assert len(mine) == 1, (key, result.stderr)
        assert reason in mine[0]
    for key in READABLE:
        assert str(inputs[key]) not in result.stderr


def test_extract_reports_each_bad_input_and_prints_the_good_ones(mixed: dict[str, Path]) -> None:
    result = run("extract", *mixed.values(), "--format", "jsonl")
    assert result.exit_code == 1
    assert_one_line_per_bad_input(result, mixed)
    assert result.stderr.splitlines() == error_lines(result)
    records = {r["source"]: r for r in jsonl(result)}
    assert list(records) == [str(mixed[k]) for k in READABLE]
    for key in ("utf16", "utf16-no-bom", "latin1"):
        record = records[str(mixed[key])]
        assert record["text"] == cafe(key)
        assert record["title"] == f"Café owners protest in {key}"
        assert [s["speaker"]["name"] for s in record["statements"]] == ["José Muñoz"]
        check_spans(record)


def test_ingest_reports_each_bad_input_and_saves_the_good_ones(tmp_path: Path, mixed: dict[str, Path]) -> None:
    db = tmp_path / "mixed.db"
    result = run("ingest", *mixed.values(), "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert_one_line_per_bad_input(result, mixed)
    # the summary is the one other line
    (summary,) = [line for line in result.stderr.splitlines() if not line.startswith("onrecord: ")]
    assert summary.startswith(f"{len(READABLE)} article(s) saved")
    assert f"{len(BAD)} failed" in summary
    with Store(db) as store:
        assert store.counts()["articles"] == len(READABLE)
        assert {r["speaker_name"] for r in store.statements()} >= {"Lena Okafor", "José Muñoz"}


# -- ingest and statements ---------------------------------------------------------------------

@pytest.fixture
def examples_db(tmp_path: Path) -> Path:
    db = tmp_path / "tmp.db"
    result = run("ingest", EXAMPLES, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("2 article(s) saved")
    assert "0 failed" in result.stderr
    return db


def test_ingest_twice_changes_nothing(examples_db: Path) -> None:
    result = run("ingest", EXAMPLES, "--db", examples_db)
    assert result.exit_code == 0
    assert result.stderr.startswith("0 article(s) saved with 0 statement(s), 2 already stored, 0 failed")


def test_statements_by_speaker(examples_db: Path) -> None:
    result = run("statements", "--db", examples_db, "--speaker", "Okafor", "--format", "jsonl")
    assert result.exit_code == 0
    rows = jsonl(result)
    assert rows
    assert {r["speaker_name"] for r in rows} == {"Lena Okafor"}
    everyone = jsonl(run("statements", "--db", examples_db, "--format", "jsonl"))
    assert len({r["speaker_name"] for r in everyone}) > 2
    assert rows == [r for r in everyone if r["speaker_name"] == "Lena Okafor"]


def test_statements_json_and_table(examples_db: Path) -> None:
    rows = json.loads(run("statements", "--db", examples_db, "--speaker", "Ruiz", "--format", "json").stdout)
    assert rows and {r["speaker_name"] for r in rows} == {"Ana Ruiz"}
    table = run("statements", "--db", examples_db, "--speaker", "Ruiz", "--format", "table")
    assert table.exit_code == 0
    assert "Ana Ruiz" in table.stdout and "Lena Okafor" not in table.stdout


@pytest.mark.parametrize("hostile", ['"', "(", "AND", 'NEAR("a" "b")', "speaker_name:*", "*", "-x", ")"])
def test_statements_search_with_hostile_input(examples_db: Path, hostile: str) -> None:
    result = run("statements", "--db", examples_db, "--search", hostile, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert isinstance(jsonl(result), list)


def test_statements_search_finds_words(examples_db: Path) -> None:
    rows = jsonl(run("statements", "--db", examples_db, "--search", "turbine", "--format", "jsonl"))
    assert rows and all("turbine" in r["text"].lower() for r in rows)


# -- store errors --------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["ingest", "statements"])
def test_db_in_a_missing_directory(tmp_path: Path, wind: Path, command: str) -> None:
    db = tmp_path / "no" / "such" / "dir" / "x.db"
    args = ["ingest", wind] if command == "ingest" else ["statements", "--format", "jsonl"]
    result = run(*args, "--db", db)
    assert result.exit_code != 0
    assert result.stdout == ""
    reason = f"directory {db.parent} does not exist" if command == "ingest" else \
        "no such database (create it with `onrecord ingest`)"
    assert result.stderr.splitlines() == [f"onrecord: {db}: {reason}"]


def test_version_works_from_source() -> None:
    result = run("--version")
    assert result.exit_code == 0 and "0.1.0" in result.stdout


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI has no option for the store's busy timeout (Store's default, 5 s): shorten it.
    monkeypatch.setattr(Store.__init__, "__defaults__", ("onrecord.db", 0.05, False))


def test_locked_new_database(tmp_path: Path, wind: Path, short_lock_wait) -> None:
    """Another program holds an exclusive lock on the file before onrecord ever set it up."""
    db = tmp_path / "locked.db"
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("CREATE TABLE other (x)")
        holder.execute("BEGIN EXCLUSIVE")
        for args in (["ingest", wind], ["statements", "--format", "jsonl"]):
            result = run(*args, "--db", db)
            assert result.exit_code != 0
            assert result.stdout == ""
            (line,) = result.stderr.splitlines()
            assert line.startswith(f"onrecord: {db}: database is locked")
    finally:
        holder.close()


def test_locked_store_while_ingesting(tmp_path: Path, wind: Path, quay: Path, short_lock_wait) -> None:
    """An onrecord store (WAL) being written by someone else: nothing is saved, each article is
    reported, and reading still works."""
    db = tmp_path / "store.db"
    assert run("ingest", quay, "--db", db).exit_code == 0
    holder = sqlite3.connect(db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = run("ingest", wind, "--db", db)
        assert result.exit_code != 0
        (line,) = error_lines(result)
        assert line.startswith(f"onrecord: {wind}: not saved: database is locked")
        assert "1 failed" in result.stderr
        reading = run("statements", "--db", db, "--format", "jsonl")
        assert reading.exit_code == 0
        assert {r["source"] for r in jsonl(reading)} == {str(quay)}
    finally:
        holder.close()
    with Store(db) as store:
        assert store.counts()["articles"] == 1


def test_db_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database\n" * 200, encoding="utf-8")
    result = run("statements", "--db", db, "--format", "jsonl")
    assert result.exit_code != 0
    assert result.stderr.splitlines() == [f"onrecord: {db}: not a SQLite database"]


# -- entry points --------------------------------------------------------------------------------

def test_python_m_onrecord_help() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "onrecord", "--help"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    for command in ("extract", "ingest", "statements"):
        assert command in done.stdout
    assert "Traceback" not in done.stderr


def test_subcommand_help_has_examples() -> None:
    for command in ("extract", "ingest", "statements"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert ("Example:" in result.stdout or "Examples:" in result.stdout) and f"onrecord {command}" in result.stdout


def test_console_script_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"]["onrecord"] == "onrecord.cli:main"
    assert callable(cli.main)


def test_extract_needs_a_file() -> None:
    result = CliRunner().invoke(cli.main, ["extract"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""


# -- a large run's bad inputs -------------------------------------------------------------------

FRENCH = ("Le conseil du port s'est réuni lundi et a accepté de draguer le bassin intérieur avant les "
          "tempêtes d'hiver. Les bateaux de pêche seront déplacés vers la jetée extérieure pendant les "
          "trois semaines que doivent durer les travaux, a déclaré la présidente après le vote.")


def test_a_bulk_run_skips_bad_inputs_into_the_failures_report(tmp_path: Path) -> None:
    from warcs import corrupt_copy, crawl

    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "wind.txt").write_text(WIND)
    (folder / "picture.txt").write_bytes(PNG)
    (folder / "fr.txt").write_text(FRENCH)
    (folder / "huge.html").write_bytes(b"<html><body><p>" + b"word " * (10 * 2**20) + b"</p></body></html>")
    lines = [json.dumps({"text": QUAY, "url": "https://example.org/quay"}), "{not json"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    second = corrupt_copy(crawl(tmp_path / "good.warc", gzip=False), folder / "bad.warc")
    db = tmp_path / "news.db"

    result = run("ingest", folder, "--db", db)

    assert result.exit_code == 1
    report = tmp_path / "news-failures.jsonl"
    failures = {json.loads(line)["input"]: json.loads(line)["reason"] for line in report.read_text().splitlines()}
    assert failures[str(folder / "picture.txt")] == "binary file, not text"
    assert failures[str(folder / "fr.txt")].startswith("not in English")
    assert failures[str(folder / "huge.html")].startswith("file too large (50.0 MB")
    assert failures[f"{folder / 'feed.jsonl'}:2"].startswith("invalid JSON")
    assert failures[f"{folder / 'bad.warc'}#{second}"].startswith("corrupt WARC record")
    assert len(failures) == len(error_lines(result)) == 6        # the binary WARC page is the sixth
    (summary,) = [line for line in result.stderr.splitlines() if not line.startswith("onrecord: ")]
    assert f"6 failed (listed in {report})" in summary
    with Store(db) as store:
        sources = {a["source"] for a in store.articles()["items"]}
    assert {str(folder / "wind.txt"), "https://example.org/quay", "https://example.org/cafe"} <= sources


def test_failures_go_where_asked_and_a_clean_run_writes_none(tmp_path: Path, wind: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    chosen = tmp_path / "problems.jsonl"
    result = run("ingest", wind, bad, "--db", tmp_path / "a.db", "--failures", chosen)
    assert result.exit_code == 1
    assert [json.loads(line) for line in chosen.read_text().splitlines()] == [
        {"input": str(bad), "reason": "empty file"}]
    clean = run("ingest", wind, "--db", tmp_path / "b.db")
    assert clean.exit_code == 0 and "0 failed in" in clean.stderr
    assert not (tmp_path / "b-failures.jsonl").exists()


def test_only_the_first_failures_are_printed_in_a_long_run(tmp_path: Path) -> None:
    folder = tmp_path / "empties"
    folder.mkdir()
    for n in range(25):
        (folder / f"{n:02d}.txt").write_bytes(b"")
    result = run("ingest", folder, "--db", tmp_path / "e.db")
    lines = error_lines(result)
    assert len(lines) == 21 and lines[-1] == f"onrecord: more failures are listed in {tmp_path / 'e-failures.jsonl'}"
    assert len((tmp_path / "e-failures.jsonl").read_text().splitlines()) == 25


def test_ingest_uses_one_worker_per_core_unless_told(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, wind: Path) -> None:
    from onrecord import api

    assert REAL_DEFAULT_WORKERS() == (os.cpu_count() or 1)
    monkeypatch.setattr("onrecord.cli.ingest.default_workers", lambda: 7)     # where ingest reads it
    asked: list[int] = []
    monkeypatch.setattr(api, "ingest_paths", lambda *a, **kw: asked.append(kw["workers"]) or api.IngestReport())
    run("ingest", wind, "--db", tmp_path / "w.db")
    run("ingest", wind, "--db", tmp_path / "w.db", "--workers", "3")
    assert asked == [7, 3]


# -- digest ----------------------------------------------------------------------------------------

def test_digest_of_a_file_in_each_format(tmp_path: Path, wind: Path) -> None:
    md = run("digest", wind)
    assert md.exit_code == 0, md.stderr
    assert md.stdout.startswith("# ") and "_[generated]" in md.stdout
    assert f"]({wind}#s1)" in md.stdout
    data = json.loads(run("digest", wind, "--format", "json").stdout)
    text = wind.read_text()
    lines = [line for section in data["sections"] for line in section["lines"]]
    assert lines and all(text[l["start"]:l["end"]] == l["text"] for l in lines)
    out = tmp_path / "digest.html"
    assert run("digest", wind, "--format", "html", "--out", out).exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_digest_of_a_stored_article_and_of_a_speaker(examples_db: Path) -> None:
    from onrecord.store import Store

    with Store(examples_db) as store:
        row = store.statements(speaker="Okafor")[0]
    by_id = run("digest", row["article_id"], "--db", examples_db)
    assert by_id.exit_code == 0 and "Lena Okafor" in by_id.stdout
    by_speaker = run("digest", "--speaker", "Okafor", "--db", examples_db, "--format", "json")
    data = json.loads(by_speaker.stdout)
    assert data["title"] == "Lena Okafor"
    assert {l["speaker"] for s in data["sections"] for l in s["lines"]} == {"Lena Okafor"}


@pytest.mark.parametrize("args, reason", [
    ([], "digest: give one article, or --speaker NAME, --topic T or --event ID"),
    (["no-such-article-id"], "no-such-article-id: no such file, nor an article of that id in the store"),
])
def test_digest_errors_are_one_line(examples_db: Path, args: list[str], reason: str) -> None:
    result = run("digest", *args, "--db", examples_db)
    assert result.exit_code == 1 and result.stderr.splitlines() == [f"onrecord: {reason}"]


# -- ingest on Dask ---------------------------------------------------------------------------------

def test_ingest_on_a_local_dask_cluster_into_parquet_only(tmp_path: Path, wind: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    monkeypatch.chdir(tmp_path)
    out = tmp_path / "shards"
    result = run("ingest", wind, "--dask", "local", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("1 article(s) saved") and result.stderr.rstrip().endswith(f"-> {out}")
    assert not (tmp_path / "onrecord.db").exists()                  # --out alone: no store
    statements = pq.read_table(out / "statements").to_pylist()
    assert statements and {row["speaker_name"] for row in statements} >= {"Lena Okafor"}


@pytest.mark.parametrize("args, reason", [
    (["--out", "shards"], "--out: goes with --dask (a local run writes the store)"),
    (["--dask", "local", "--workers", "2"], "--workers: not with --dask: the cluster's workers analyse"),
])
def test_dask_options_that_do_not_fit(tmp_path: Path, wind: Path, args: list[str], reason: str) -> None:
    result = run("ingest", wind, "--db", tmp_path / "x.db", *args)
    assert result.exit_code == 1 and result.stderr.splitlines() == [f"onrecord: {reason}"]
    assert not (tmp_path / "x.db").exists()


def test_an_empty_store_name_is_refused_before_anything_runs(wind: Path) -> None:
    result = run("ingest", wind, "--db", "")
    assert result.exit_code == 1 and result.stderr.splitlines() == ["onrecord: --db: is empty: give the store's file"]


def test_a_syndicated_copy_is_stored_once_with_both_sources(tmp_path: Path) -> None:
    story = ("The harbour board met on Monday and agreed to dredge the inner basin before the winter storms. "
             "Fishing boats will be moved to the outer pier for the three weeks that the work is expected to take. "
             "Harbour master Lena Okafor said that the silt had built up faster than in any year she could remember. "
             "\"We cannot wait for spring,\" Okafor said. The council will pay for the work from its reserve fund, "
             "and the port's tenants will not see their fees rise this year, the board said in a statement. "
             "Work starts on the first dry morning after the vote.\n")
    (tmp_path / "wire.txt").write_text("Harbour to be dredged\n\n" + story)
    (tmp_path / "copy.txt").write_text("Dredging ahead for the harbour\n\n" + story.replace("Monday", "Tuesday"))
    db = tmp_path / "news.db"
    result = run("ingest", tmp_path / "wire.txt", tmp_path / "copy.txt", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("1 article(s) saved") and "1 stored as copies of others" in result.stderr
    with Store(db) as store:
        (row,) = store.articles()["items"]
        sources = {s["source"] for s in store.article(row["id"])["sources"]}
    assert sources == {str(tmp_path / "wire.txt"), str(tmp_path / "copy.txt")}


def test_an_unwritable_failures_report_is_refused_before_the_run(tmp_path: Path, wind: Path) -> None:
    report = tmp_path / "no" / "such" / "dir" / "f.jsonl"
    result = run("ingest", wind, "--db", tmp_path / "x.db", "--failures", report)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"onrecord: {report}: cannot write the failures report: directory {report.parent} does not exist"]
    assert not (tmp_path / "x.db").exists()


def test_a_failures_report_that_breaks_mid_run_is_given_up_not_the_run(tmp_path: Path) -> None:
    lines: list[str] = []
    problems = cli.Problems(report=str(tmp_path), echo=lines.append)      # a directory: cannot be opened
    problems("a.txt", "empty file")
    problems("b.txt", "empty file")
    assert problems.count == 2 and problems.report is None
    assert lines[0] == "onrecord: a.txt: empty file"
    assert lines[1].startswith(f"onrecord: {tmp_path}: cannot write the failures report")
    assert lines[2] == "onrecord: b.txt: empty file"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a file that is always full")
def test_a_failures_report_on_a_full_disk_is_given_up_in_one_line_and_closes_quietly() -> None:
    lines: list[str] = []
    problems = cli.Problems(report="/dev/full", echo=lines.append)
    problems("a.txt", "empty file")
    problems("b.txt", "empty file")
    problems.close()
    assert lines == ["onrecord: a.txt: empty file",
                     "onrecord: /dev/full: cannot write the failures report (No space left on device); "
                     "failures are only printed now",
                     "onrecord: b.txt: empty file"]


def test_a_store_that_fills_the_disk_stops_the_run_with_its_reason_and_a_summary(
        tmp_path: Path, wind: Path, monkeypatch) -> None:
    from onrecord.errors import StoreError

    def full(self, articles):
        raise StoreError(self.path, "disk is full", lasting=True)

    monkeypatch.setattr(Store, "save_batch", full)
    db = tmp_path / "w.db"
    result = run("ingest", wind, "--db", db, "--workers", "1")
    assert result.exit_code == 1
    first, summary = result.stderr.splitlines()
    assert first == f"onrecord: {db}: disk is full; the run stopped, and what it saved stays (run it again to resume)"
    assert summary.startswith("0 article(s) saved with 0 statement(s)")


def test_the_same_text_from_another_place_in_a_later_run_adds_its_source(tmp_path: Path, wind: Path) -> None:
    other = tmp_path / "mirror" / "wind.txt"
    other.parent.mkdir()
    other.write_text(wind.read_text())
    db = tmp_path / "w.db"
    assert run("ingest", wind, "--db", db).exit_code == 0
    again = run("ingest", wind, other, "--db", db)
    assert again.stderr.startswith("0 article(s) saved") and "1 already stored, 1 stored as copies of others" in again.stderr
    with Store(db) as store:
        (row,) = store.articles()["items"]
        assert {s["source"] for s in store.article(row["id"])["sources"]} == {str(wind), str(other)}
