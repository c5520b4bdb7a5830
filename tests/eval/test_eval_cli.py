"""``onrecord eval`` through click's CliRunner, with the session's analyser (one model load)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from onrecord import api, cli
from onrecord.nlp import pipeline

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(autouse=True)
def one_model(monkeypatch: pytest.MonkeyPatch, analyzer) -> None:
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli.main, ["eval", *map(os.fspath, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def test_json_report() -> None:
    result = run(MINI, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["articles"], report["articles_predicted"], report["unannotated"]) == (3, 3, 1)
    for name in ("ggt@0.3", "ggt@0.8", "sym@0.5"):
        m = report[name]
        assert m["gold"] == 19 and m["matched"] <= min(m["gold"], m["pred"])
        assert all(0.0 <= m[k] <= 1.0 for k in ("P", "R", "F1", "recall_direct", "recall_indirect"))
    assert [b["band"] for b in report["calibration"]][-1] == "[0.9, 1.0]"
    assert sum(b["count"] for b in report["calibration"]) == report["ggt@0.3"]["pred"]
    assert report["seconds_per_article"] > 0


def test_table_report() -> None:
    result = run(MINI, "--limit", "2")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "2 annotated articles" in out
    for label in ("ggt@0.3", "ggt@0.8", "sym@0.5", "speaker", "R direct", "[0.8, 0.9)", ">= 0.8", "s/article"):
        assert label in out


def test_errors_file(tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = run(MINI, "--json", "--errors", errors)
    assert result.exit_code == 0, result.stderr
    m = json.loads(result.stdout)["ggt@0.3"]
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    missed = [r for r in records if r["error"] == "missed"]
    spurious = [r for r in records if r["error"] == "spurious"]
    assert len(missed) == m["gold"] - m["matched"] and len(spurious) == m["pred"] - m["matched"]
    assert f"{len(missed)} missed and {len(spurious)} spurious" in result.stderr
    for r in missed:
        assert {"document", "text", "context", "source", "cue", "spans"} <= r.keys()
        assert all(piece in r["context"] for piece in r["text"].split(" … "))
    for r in spurious:
        assert {"document", "text", "context", "cue", "speaker", "confidence"} <= r.keys()


def test_existing_predictions_are_scored(tmp_path: Path, analyzer) -> None:
    pred = tmp_path / "pred.jsonl"
    articles = analyzer.analyse_many(api.read(p) for p in sorted((MINI / "text").glob("*.txt")))
    pred.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    scored = json.loads(run(MINI, "--json", "--predictions", pred).stdout)
    ran = json.loads(run(MINI, "--json").stdout)
    assert all(scored[k] == ran[k] for k in ("ggt@0.3", "ggt@0.8", "sym@0.5", "calibration"))


def one_error(result: Result, subject: str, reason: str) -> None:
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"onrecord: {subject}: {reason}"]


def test_missing_directory(tmp_path: Path) -> None:
    one_error(run(tmp_path / "nowhere"), str(tmp_path / "nowhere"), "no such directory")


def test_directory_without_text(tmp_path: Path) -> None:
    result = run(tmp_path)
    assert result.stderr.startswith(f"onrecord: {tmp_path}: no text/ folder")
    one_error(result, str(tmp_path), result.stderr.strip().split(": ", 2)[2])


def test_bad_predictions_file(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"text": "x", "source": "a.txt"}\n{"text": \n', encoding="utf-8")   # line 2 is cut off
    result = run(MINI, "--predictions", pred)
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"onrecord: {pred}:2: not an article record")
    one_error(run(MINI, "--predictions", tmp_path / "none.jsonl"), str(tmp_path / "none.jsonl"), "no such file")


def test_unwritable_errors_file_fails_before_the_run(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "errors.jsonl"
    result = run(MINI, "--errors", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"onrecord: {target}: cannot write")
