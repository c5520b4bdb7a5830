"""JSON lines input: one article per line, a bad line reported as ``FILE:LINE`` and skipped;
through the CLI from a file and from standard input (``-``)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from onrecord import api, cli
from onrecord.errors import InputError
from onrecord.ingest import iter_inputs, read_inputs, read_jsonl
from onrecord.model import Article

from articles import QUAY, WIND
from clirun import one_model, run  # noqa: F401  (one_model is an autouse fixture)

LEAD = "The harbour board met on Monday and agreed to dredge the inner basin before the winter storms."
PAGE = (
    "<!DOCTYPE html><html><head><title>Dredging</title>"
    '<meta property="article:published_time" content="2023-05-02"></head><body><article>'
    f"<h1>Harbour to be dredged</h1><p>{LEAD}</p><p>{LEAD}</p></article></body></html>"
)


def write_lines(path: Path, *lines: object) -> Path:
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines))
    return path


def split(items: list[Article | InputError]) -> tuple[list[Article], list[tuple[str, str]]]:
    articles = [x for x in items if isinstance(x, Article)]
    errors = [(x.subject, x.reason) for x in items if isinstance(x, InputError)]
    return articles, errors


def test_text_and_html_lines_become_articles(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "a.jsonl",
        {"text": QUAY, "title": "Quay", "published": "2024-03-15", "site": "Harbour News"},
        {"html": PAGE, "url": "https://example.org/dredging"},
        "",                                                      # blank lines are skipped
        {"text": WIND, "url": None},
    )
    articles, errors = split(list(read_jsonl(path, "a.jsonl")))
    assert errors == []
    quay, page, wind = articles
    assert (quay.text, quay.source, quay.title, quay.published, quay.site) == (
        QUAY, "a.jsonl:1", "Quay", "2024-03-15", "Harbour News")
    assert page.source == "https://example.org/dredging" and page.title == "Harbour to be dredged"
    assert LEAD in page.text and page.published == "2023-05-02"
    assert wind.text == WIND and wind.source == "a.jsonl:4" and wind.title


def test_a_bad_line_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "b.jsonl",
        "{not json",
        {"title": "no body"},
        {"text": ""},
        {"text": ["a", "list"]},
        {"text": QUAY, "published": "15 March 2024"},
        "[1, 2]",
        {"html": "<html><body><nav>Home</nav></body></html>"},
        {"text": QUAY},
    )
    articles, errors = split(list(read_jsonl(path, "b.jsonl")))
    assert [a.source for a in articles] == ["b.jsonl:8"]
    assert [subject for subject, _ in errors] == [f"b.jsonl:{n}" for n in range(1, 8)]
    reasons = [reason for _, reason in errors]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == 'neither "text" nor "html"'
    assert reasons[2] == "empty text"
    assert reasons[3] == '"text" must be a string, not list'
    assert "not an ISO date" in reasons[4]
    assert reasons[5] == "not a JSON object but list"
    assert reasons[6] == "no article text found in HTML"


def test_files_and_odd_bytes(tmp_path: Path) -> None:
    assert split(list(read_jsonl(tmp_path / "none.jsonl", "none.jsonl")))[1] == [("none.jsonl", "no such file")]
    (tmp_path / "empty.jsonl").write_text("\n\n")
    assert split(list(read_jsonl(tmp_path / "empty.jsonl", "e")))[1] == [("e", "empty file")]
    data = b"\xef\xbb\xbf" + json.dumps({"text": QUAY}).encode() + b"\n\xff\xfe\n"
    articles, errors = split(list(read_jsonl(io.BytesIO(data), "<stdin>")))
    assert [a.text for a in articles] == [QUAY]                  # a BOM on the first line is fine
    assert errors == [("<stdin>:2", "not UTF-8")]


def test_read_inputs_dispatches_by_extension(tmp_path: Path) -> None:
    write_lines(tmp_path / "many.jsonl", {"text": QUAY}, {"text": WIND})
    (tmp_path / "one.txt").write_text(QUAY)
    (tmp_path / "notes.json").write_text("{}")
    assert [p.name for p in iter_inputs([tmp_path])] == ["many.jsonl", "one.txt"]
    items = list(read_inputs([tmp_path, tmp_path / "gone.txt"]))
    articles, errors = split(items)
    assert [a.source for a in articles] == [f"{tmp_path}/many.jsonl:1", f"{tmp_path}/many.jsonl:2",
                                            f"{tmp_path}/one.txt"]
    assert [subject for subject, _ in errors] == [f"{tmp_path}/notes.json", f"{tmp_path}/gone.txt"]
    assert "not an article file" in errors[0][1] and errors[1][1] == "no such file"


def test_cli_extract_reads_jsonl(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "news.jsonl", {"text": WIND, "url": "https://example.org/wind"},
                       {"text": 7}, {"html": PAGE})
    result = run("extract", path, "--format", "jsonl")
    assert result.exit_code == 1                                  # one line was bad
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == ["https://example.org/wind", f"{path}:3"]
    assert any(s["speaker"]["name"] == "Lena Okafor" for s in records[0]["statements"])
    assert f"onrecord: {path}:2: \"text\" must be a string, not int" in result.stderr


def test_cli_dash_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    lines = json.dumps({"text": QUAY, "published": "2024-03-15"}) + "\n"
    result = CliRunner().invoke(cli.main, ["extract", "-", "--format", "jsonl"], input=lines)
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["source"], record["published"], record["text"]) == ("<stdin>:1", "2024-03-15", QUAY)
    problems: list[tuple[str, str]] = []
    api_articles = list(api.read_all([tmp_path / "x.jsonl"], lambda s, r: problems.append((s, r))))
    assert api_articles == [] and problems == [(f"{tmp_path}/x.jsonl", "no such file")]


def test_lines_no_parser_or_store_can_take_are_reported_not_crashed_on(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    path.write_text('{"text": "The mayor said the pier \\ud800 is unsafe."}\n' + "[" * 100_000 + "\n"
                    + json.dumps({"text": QUAY}) + "\n")
    articles, errors = split(list(read_inputs([path])))
    assert [a.source for a in articles] == [f"{path}:3"]                 # the good line is read
    assert errors[0] == (f"{path}:1", '"text" is not valid Unicode: an unpaired surrogate (\\ud800) at character 24')
    assert errors[1] == (f"{path}:2", "invalid JSON (nested too deeply)")


def test_a_line_over_the_limit_is_reported_without_being_read_whole(tmp_path: Path, monkeypatch) -> None:
    from onrecord.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 4096)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x " * 50_000}) + "\n" + json.dumps({"text": QUAY}) + "\n")
    articles, errors = split(list(read_inputs([path])))
    assert [(subject, reason.split(" (")[0]) for subject, reason in errors] == [(f"{path}:1", "line too long")]
    assert [a.source for a in articles] == [f"{path}:2"]                 # the next line is read


def test_a_line_with_a_nul_is_refused_as_a_file_of_the_same_bytes_is(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "nul.jsonl", {"text": QUAY + "\u0000"}, {"text": QUAY})
    articles, errors = split(list(read_inputs([path])))
    assert errors == [(f"{path}:1", "binary file, not text")] and [a.source for a in articles] == [f"{path}:2"]
