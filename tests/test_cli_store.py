"""The store commands through click's CliRunner: speakers, speaker, export (jsonl, csv,
parquet), the new statement filters and serve; every problem one ``onrecord: SUBJECT: reason``
line on stderr with exit status 1."""
from __future__ import annotations

import csv
import io
import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import Result

from onrecord.store import Store
from store.kit import Quote, article, rich, titled

from articles import QUAY, WIND
from clirun import one_model, run  # noqa: F401  (one_model is an autouse fixture)


def jsonl(result: Result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def one_error(result: Result, start: str) -> str:
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(start), line
    return line


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Putin, named only by surname in the oldest article; Scholz; and the Johnsons."""
    path = tmp_path / "store.db"
    with Store(path) as store:
        store.save_many([
            article(Quote("Putin", "talks would go on"), published="2022-01-30", site="alpha.example"),
            rich(),                                                         # 2022-02-07
            article(Quote("Olaf Scholz", "sanctions were ready", kind="direct"),
                    Quote("Vladimir Putin", "NATO must stop"), published="2022-02-10", site="beta.example"),
            article(Quote("Boris Johnson", "the vote would pass")),
            article(Quote("Dwayne Johnson", "the film was done")),
        ])
    return path


# -- speakers ---------------------------------------------------------------------------------

def test_speakers_jsonl_most_quoted_first(db: Path) -> None:
    result = run("speakers", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0 and result.stderr == ""
    rows = jsonl(result)
    assert rows[0]["name"] == "Vladimir Putin" and rows[0]["statement_count"] == 4
    assert set(rows[0]["aliases"]) == {"Putin", "Vladimir Putin"}
    # the oldest article's bare "Putin" is a speaker of its own: the store does not guess who
    assert {r["name"] for r in rows} == {"Vladimir Putin", "Putin", "Olaf Scholz", "Boris Johnson", "Dwayne Johnson"}


def test_speakers_search_json_and_table(db: Path) -> None:
    rows = json.loads(run("speakers", "--db", db, "--search", "johns", "--format", "json").stdout)
    assert sorted(r["name"] for r in rows) == ["Boris Johnson", "Dwayne Johnson"]
    table = run("speakers", "--db", db, "--format", "table")
    assert table.exit_code == 0
    assert "Vladimir Putin" in table.stdout and "Putin" in table.stdout.split("Vladimir Putin", 1)[1]


# -- speaker ----------------------------------------------------------------------------------

def test_speaker_over_time_by_surname_and_by_full_name(db: Path) -> None:
    # the surname: Vladimir Putin together with the speaker known only as "Putin"
    found = json.loads(run("speaker", "Putin", "--db", db, "--format", "json").stdout)
    assert found["name"] == "Vladimir Putin" and [s["name"] for s in found["surname_only"]] == ["Putin"]
    assert [s["published"] for s in found["statements"]] == ["2022-01-30"] + ["2022-02-07"] * 3 + ["2022-02-10"]
    # the full name, or the id: that person alone
    lines = jsonl(run("speaker", "vladimir putin", "--db", db, "--format", "jsonl"))
    assert [r["text"] for r in lines] == [s["text"] for s in found["statements"][1:]]
    assert jsonl(run("speaker", str(found["id"]), "--db", db, "--format", "jsonl")) == lines


def test_speaker_table_shows_names_and_statements(db: Path) -> None:
    result = run("speaker", "Scholz", "--db", db, "--format", "table")
    assert result.exit_code == 0
    assert result.stdout.startswith("Olaf Scholz (id ")
    assert "sanctions were ready" in result.stdout and "1 statement(s) in 1 article(s)" in result.stdout


def test_unknown_and_ambiguous_speakers_are_one_line_errors(db: Path) -> None:
    one_error(run("speaker", "Angela Merkel", "--db", db), "onrecord: Angela Merkel: no such speaker")
    line = one_error(run("speaker", "Johnson", "--db", db), "onrecord: Johnson: more than one speaker fits")
    assert "Boris Johnson" in line and "Dwayne Johnson" in line


# -- export -----------------------------------------------------------------------------------

EXPORT_COLUMNS = ["article_id", "source", "title", "published", "site", "sid", "kind", "act", "negated",
                  "text", "words", "start", "end",
                  "cue", "speaker_name", "speaker_mention", "speaker_title", "speaker_resolution",
                  "speaker_confidence", "speaker_antecedent", "speaker_antecedent_start", "speaker_antecedent_end",
                  "speaker_id", "speakers", "confidence"]


def test_export_jsonl_to_stdout_is_every_statement(db: Path) -> None:
    result = run("export", "--db", db)
    assert result.exit_code == 0 and result.stderr == ""
    rows = jsonl(result)
    assert len(rows) == 8 and list(rows[0]) == EXPORT_COLUMNS
    assert rows[0]["published"] == "2022-01-30" and rows[0]["speakers"] == ["Putin"]
    assert rows[0]["site"] == "alpha.example"


def test_export_csv_file_with_filters(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "putin.csv"
    result = run("export", "--db", db, "--format", "csv", "--out", out, "--speaker", "Vladimir Putin",
                 "--since", "2022-02-01", "--until", "2022-02-07")
    assert result.exit_code == 0
    assert result.stderr.strip() == f"3 statement(s) -> {out}"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0]) == EXPORT_COLUMNS
    assert [r["sid"] for r in rows] == ["s1", "s2", "s3"]
    assert rows[1]["text"] == "We will not accept this"       # commas and quotes survive
    assert {r["speakers"] for r in rows} == {"Vladimir Putin"}
    assert not list(tmp_path.glob("*.part"))


def test_export_parquet_reads_back(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "all.parquet"
    result = run("export", "--db", db, "--format", "parquet", "--out", out)
    assert result.exit_code == 0
    table = pq.read_table(out)
    assert table.column_names == EXPORT_COLUMNS and table.num_rows == 8
    assert str(table.schema.field("speakers").type) == "list<element: string>"
    assert str(table.schema.field("start").type) == "int64"
    rows = table.to_pylist()
    assert rows == jsonl(run("export", "--db", db))
    direct = pq.read_table(_export(db, tmp_path / "direct.parquet", "--kind", "direct"))
    assert set(direct.column("kind").to_pylist()) == {"direct"} and direct.num_rows == 2
    empty = pq.read_table(_export(db, tmp_path / "none.parquet", "--site", "nowhere.example"))
    assert empty.num_rows == 0 and empty.column_names == EXPORT_COLUMNS


def _export(db: Path, out: Path, *args: str) -> Path:
    assert run("export", "--db", db, "--format", "parquet", "--out", out, *args).exit_code == 0
    return out


def test_export_carries_how_the_speaker_was_found_under_their_display_name(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    db = tmp_path / "titled.db"
    with Store(db) as store:
        store.save_many([titled(), article(Quote("Barack H. Obama", "the plan was sound")),
                         article(Quote("Barack Obama", "the vote was close"))])
    rows = {r["text"]: r for r in jsonl(run("export", "--db", db))}
    found = rows["the law would pass"]
    assert (found["speaker_title"], found["speaker_resolution"], found["speaker_confidence"]) == ("Mr.", "surname", 0.85)
    assert (found["speaker_antecedent"], found["speaker_antecedent_start"], found["speaker_antecedent_end"]) == (
        "Barack Obama", 0, 12)
    assert found["speaker_mention"] == "Obama"
    # one person under one name: the article's "Barack H. Obama" is exported as the speaker is shown
    middle = rows["the plan was sound"]
    assert (middle["speaker_name"], middle["speakers"]) == ("Barack Obama", ["Barack Obama"])
    assert middle["speaker_title"] is None and middle["speaker_antecedent_start"] is None
    out = tmp_path / "titled.csv"
    assert run("export", "--db", db, "--format", "csv", "--out", out).exit_code == 0
    csv_rows = {r["text"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert csv_rows["the law would pass"]["speaker_antecedent_end"] == "12"
    assert csv_rows["the plan was sound"]["speaker_name"] == "Barack Obama"
    table = pq.read_table(_export(db, tmp_path / "titled.parquet"))
    assert str(table.schema.field("speaker_confidence").type) == "double"
    assert str(table.schema.field("speaker_antecedent_start").type) == "int64"
    assert sorted(table.to_pylist(), key=lambda r: r["text"]) == sorted(rows.values(), key=lambda r: r["text"])


@pytest.mark.parametrize("args, start", [
    (["--format", "parquet"], "onrecord: --out: parquet needs a file"),
    (["--since", "2022-02-31"], "onrecord: --since: not an ISO date"),
    (["--until", "tomorrow"], "onrecord: --until: not an ISO date"),
])
def test_export_argument_errors(db: Path, args: list[str], start: str) -> None:
    result = run("export", "--db", db, *args)
    one_error(result, start)
    assert result.stdout == ""


def test_export_to_an_unwritable_place(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "out.csv"
    one_error(run("export", "--db", db, "--format", "csv", "--out", out), f"onrecord: {out}: cannot write")


@pytest.mark.parametrize("command", [["speakers"], ["speaker", "Putin"], ["export"],
                                     ["export", "--format", "csv", "--out", "x.csv"]])
def test_missing_database_is_not_created(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.db"
    one_error(run(*command, "--db", missing), f"onrecord: {missing}: no such database")
    assert not missing.exists() and not Path("x.csv").exists()


# -- statements: the new filters --------------------------------------------------------------

def test_statements_filters(db: Path) -> None:
    rows = jsonl(run("statements", "--db", db, "--site", "beta.example", "--kind", "direct", "--format", "jsonl"))
    assert [r["text"] for r in rows] == ["sanctions were ready"]
    rows = jsonl(run("statements", "--db", db, "--speaker", "Putin", "--until", "2022-01-31", "--format", "jsonl"))
    assert [r["text"] for r in rows] == ["talks would go on"]     # the article said only "Putin"
    rows = jsonl(run("statements", "--db", db, "--speaker", "Vladimir Putin", "--format", "jsonl"))
    assert len(rows) == 4 and "talks would go on" not in {r["text"] for r in rows}
    line = one_error(run("statements", "--db", db, "--speaker", "Johnson"), "onrecord: Johnson: more than one speaker fits")
    assert "Boris Johnson" in line and "Dwayne Johnson" in line
    one_error(run("statements", "--db", db, "--since", "01/02/2022"), "onrecord: --since: not an ISO date")


@pytest.fixture
def minded(tmp_path: Path) -> Path:
    """Speech, thought, evidence and a denial, in one article."""
    path = tmp_path / "minded.db"
    with Store(path) as store:
        store.save(article(Quote("Olaf Scholz", "the sanctions were ready"),
                           Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                           Quote(None, "most voters backed the plan", mention="A poll", verb="shows", act="evidence"),
                           Quote("Olaf Scholz", "the talks had ended", verb="did not say", negated=True),
                           published="2022-02-01", site="alpha.example"))
    return path


def test_statements_by_act(minded: Path) -> None:
    rows = jsonl(run("statements", "--db", minded, "--act", "thought", "--format", "jsonl"))
    assert [(r["text"], r["act"], r["negated"]) for r in rows] == [("the talks would fail", "thought", False)]
    rows = jsonl(run("statements", "--db", minded, "--act", "speech", "--speaker", "Scholz", "--format", "jsonl"))
    assert [(r["text"], r["negated"]) for r in rows] == [("the sanctions were ready", False),
                                                       ("the talks had ended", True)]
    wrong = run("statements", "--db", minded, "--act", "belief")
    assert wrong.exit_code == 2 and "--act" in wrong.stderr and "speech" in wrong.stderr


def test_statements_table_shows_the_act(minded: Path) -> None:
    table = run("statements", "--db", minded, "--format", "table").stdout
    rows = {line.split("│")[2].strip(): line.split("│")[3].strip() for line in table.splitlines()
            if line.count("│") >= 4 and "│ speaker" not in line}
    assert rows == {"the sanctions were ready": "speech", "the talks would fail": "thought",
                    "most voters backed the plan": "evidence", "the talks had ended": "negated speech"}


def test_export_by_act_carries_act_and_negation(minded: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    rows = jsonl(run("export", "--db", minded, "--act", "speech"))
    assert [(r["text"], r["act"], r["negated"]) for r in rows] == [("the sanctions were ready", "speech", False),
                                                                 ("the talks had ended", "speech", True)]
    table = pq.read_table(_export(minded, tmp_path / "all.parquet"))
    assert str(table.schema.field("negated").type) == "bool"
    assert table.column("act").to_pylist() == ["speech", "thought", "evidence", "speech"]
    out = tmp_path / "evidence.csv"
    assert run("export", "--db", minded, "--format", "csv", "--out", out, "--act", "evidence").exit_code == 0
    (row,) = csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))
    assert (row["text"], row["act"], row["negated"]) == ("most voters backed the plan", "evidence", "False")


# -- ingest, then the speakers of real analysis ------------------------------------------------

def test_ingest_twice_keeps_the_same_speakers(tmp_path: Path) -> None:
    (tmp_path / "wind.txt").write_text(WIND, encoding="utf-8")
    (tmp_path / "quay.txt").write_text(QUAY, encoding="utf-8")
    db = tmp_path / "news.db"
    assert run("ingest", tmp_path, "--db", db).exit_code == 0
    first = jsonl(run("speakers", "--db", db, "--format", "jsonl"))
    assert {"Lena Okafor", "Daniel Brennock", "Marek Hale"} <= {r["name"] for r in first}
    hale = json.loads(run("speaker", "Hale", "--db", db, "--format", "json").stdout)
    assert hale["name"] == "Marek Hale" and "Hale" in hale["aliases"]
    again = run("ingest", tmp_path, "--db", db)
    assert again.stderr.startswith("0 article(s) saved")
    assert jsonl(run("speakers", "--db", db, "--format", "jsonl")) == first


def test_an_article_over_its_time_budget_is_one_failure_line_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "wind.txt").write_text(WIND, encoding="utf-8")
    (tmp_path / "said.txt").write_text("said " * 30000, encoding="utf-8")
    db = tmp_path / "news.db"
    result = run("ingest", tmp_path, "--db", db, "--workers", "1", "--time-budget", "1")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("said.txt: analysis stopped: it took longer than its budget of 1 s") for line in lines)
    assert lines[-1].startswith("1 article(s) saved")


# -- serve ------------------------------------------------------------------------------------

def test_serve_calls_the_web_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []
    fake = types.ModuleType("onrecord.serve")
    fake.run = lambda db, host, port, workers, threads: calls.append((db, host, port, workers, threads))
    monkeypatch.setitem(sys.modules, "onrecord.serve", fake)
    assert run("serve", "--db", tmp_path / "x.db", "--port", "8123").exit_code == 0
    assert run("serve", "--db", tmp_path / "x.db", "--workers", "2", "--threads", "4").exit_code == 0
    assert calls == [(str(tmp_path / "x.db"), "127.0.0.1", 8123, 1, 2), (str(tmp_path / "x.db"), "127.0.0.1", 8000, 2, 4)]


def test_serve_without_the_web_app_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onrecord.serve", None)       # import fails
    one_error(run("serve"), "onrecord: serve: the web app cannot be loaded")


def test_new_commands_have_examples_in_their_help() -> None:
    for command in ("speakers", "speaker", "export", "serve"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.stdout and f"onrecord {command}" in result.stdout


# -- quotes -----------------------------------------------------------------------------------------

@pytest.fixture
def quoted(tmp_path: Path) -> Path:
    """Two outlets report the same quotation, naming its speaker differently."""
    path = tmp_path / "quotes.db"
    words = "We will not give up the harbour to anyone"
    with Store(path) as store:
        store.save_many([
            article(Quote("Ana Ruiz", words, kind="direct"), published="2024-03-01", site="alpha.example"),
            article(Quote("Ruiz", words + ".", kind="direct"), Quote("Ben Holt", "the budget is tight", kind="direct"),
                    published="2024-03-02", site="beta.example"),
        ])
    return path


def test_quotes_lists_the_quote_reported_twice_first(quoted: Path) -> None:
    rows = jsonl(run("quotes", "--db", quoted, "--format", "jsonl"))
    assert rows[0]["article_count"] == 2 and rows[0]["text"].startswith("We will not give up the harbour")
    # whom each outlet says said it: the second said only "Ruiz"
    assert [s["name"] for s in rows[0]["speakers"]] == ["Ana Ruiz", "Ruiz"]
    twice = jsonl(run("quotes", "--db", quoted, "--min-articles", "2", "--format", "jsonl"))
    assert [r["id"] for r in twice] == [rows[0]["id"]]
    table = run("quotes", "--db", quoted, "--format", "table")
    assert table.exit_code == 0 and "Ana Ruiz" in table.stdout


def test_quote_shows_every_occurrence(quoted: Path) -> None:
    first = jsonl(run("quotes", "--db", quoted, "--format", "jsonl"))[0]
    found = json.loads(run("quote", str(first["id"]), "--db", quoted, "--format", "json").stdout)
    assert {o["site"] for o in found["occurrences"]} == {"alpha.example", "beta.example"}
    table = run("quote", str(first["id"]), "--db", quoted, "--format", "table")
    assert table.stdout.splitlines()[1].startswith("2 statement(s) in 2 article(s), first seen 2024-03-01")


def test_an_unknown_quote_is_one_line(quoted: Path) -> None:
    one_error(run("quote", "999", "--db", quoted), "onrecord: 999: no such quote in the store")
