"""End to end on the founding example (../shared): the CLI's jsonl, scored by the independent
scorer against the hand gold, and the record's key facts checked directly. Skipped when
../shared is not beside this checkout."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from onrecord import cli
from onrecord.nlp import pipeline


@pytest.fixture(autouse=True)
def one_model(monkeypatch: pytest.MonkeyPatch, analyzer) -> None:
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)


@pytest.fixture
def shared(founding_path: Path) -> Path:
    return founding_path.parents[1]


def extract_jsonl(founding: Path, out: Path, *extra: str) -> dict:
    result = CliRunner().invoke(cli.main, ["extract", str(founding), "--format", "jsonl", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out.write_text(result.stdout, encoding="utf-8")
    (record,) = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return record


@pytest.fixture(scope="module")
def record(founding_path: Path, tmp_path_factory: pytest.TempPathFactory, analyzer) -> dict:
    """The undated record, extracted once for the tests that only read it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "default_analyzer", lambda: analyzer)
        return extract_jsonl(founding_path, tmp_path_factory.mktemp("founding") / "out.jsonl")


def score(shared: Path, out: Path) -> subprocess.CompletedProcess[str]:
    python = shutil.which("python3") or sys.executable
    gold = shared / "examples" / "macron-putin-2022-02-07.gold.json"
    return subprocess.run([python, str(shared / "tools" / "score.py"), "seed", str(out), str(gold)],
                          capture_output=True, text=True, timeout=120)


def test_independent_scorer_passes(founding_path: Path, shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    extract_jsonl(founding_path, out)
    done = score(shared, out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "provenance bad 0" in done.stdout


def test_scorer_passes_with_published_too(founding_path: Path, shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    extract_jsonl(founding_path, out, "--published", "2022-02-07")
    done = score(shared, out)
    assert done.returncode == 0, done.stdout + done.stderr


def test_record_is_the_file_verbatim(record: dict, founding_path: Path) -> None:
    assert record["schema"] == "onrecord/article@1"
    assert record["source"] == str(founding_path)
    assert record["text"] == founding_path.read_text(encoding="utf-8")
    text = record["text"]
    for s in record["statements"]:
        assert text[s["start"]:s["end"]] == s["text"]


def test_boilerplate(record: dict) -> None:
    text = record["text"]
    found = [b["text"] for b in record["boilerplate"]]
    for chrome in ("Facebook Pixel", "Thank 🎉", "All News"):
        assert chrome in found
    caption = "Macron-Putin meeting on February 7—the highlights. Photo: Kremlin website"
    first = text.index(caption)
    second = text.index(caption, first + 1)
    starts = {b["start"] for b in record["boilerplate"] if b["text"] == caption}
    assert starts == {second}  # the copy, not the caption itself
    labels = [b for b in record["boilerplate"] if b["text"] == "Quote"]
    assert len(labels) == text.count('Quote"') == 5
    for label in labels:
        assert text[label["end"]] == '"'
    for b in record["boilerplate"]:
        assert text[b["start"]:b["end"]] == b["text"]


def statement_with(record: dict, *, cue: str | None = None, contains: str | None = None) -> dict:
    found = [s for s in record["statements"]
             if (cue is None or (s["cue"] and s["cue"]["text"] == cue))
             and (contains is None or contains in s["text"])]
    assert len(found) == 1, found
    return found[0]


def test_summed_up_is_putin_via_the_russian_leader(record: dict) -> None:
    s = statement_with(record, cue="summed up")
    assert s["speaker"]["name"] == "Vladimir Putin"
    assert s["speaker"]["mention"]["text"] == "the Russian leader"
    assert s["kind"] == "direct"
    assert s["text"].startswith("Well, like it or lump it")


def test_called_meaningful_names_both_presidents(record: dict) -> None:
    s = statement_with(record, cue="called", contains="the conversation meaningful")
    assert set(s["speakers"]) == {"Emmanuel Macron", "Vladimir Putin"}
    assert "Emmanuel Macron" in s["speaker"]["name"] and "Vladimir Putin" in s["speaker"]["name"]
    assert s["speaker"]["mention"]["text"] == "Both Macron and Putin"


def test_troops_range_belongs_to_a_putin_statement(record: dict) -> None:
    (amount,) = [a for a in record["amounts"] if a["text"] == "100,000—125,000 troops"]
    assert (amount["low"], amount["high"]) == (100000, 125000)
    assert amount["unit"] == "troops"
    owner = {s["id"]: s for s in record["statements"]}[amount["statement"]]
    assert owner["speaker"]["name"] == "Vladimir Putin"
    assert owner["start"] <= amount["start"] < amount["end"] <= owner["end"]


def test_published_resolves_february_8(founding_path: Path, tmp_path: Path) -> None:
    record = extract_jsonl(founding_path, tmp_path / "dated.jsonl", "--published", "2022-02-07")
    assert record["published"] == "2022-02-07"
    dates = {d["text"]: d["value"] for d in record["dates"]}
    assert dates["February 8"] == "2022-02-08"
    assert dates["February 7"] == "2022-02-07"
