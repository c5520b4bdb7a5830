"""The reference scorer (../shared/tools/score.py), run as a subprocess, for agreement tests."""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

SCORE_PY = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score.py"
FIGURES = ("P", "R", "F1", "speaker_acc", "recall_direct", "recall_indirect")
COUNTS = ("gold", "pred", "matched")
MEASURE_NAMES = ("ggt@0.3", "ggt@0.8", "sym@0.5")


@pytest.fixture(scope="session")
def score_py() -> Callable[[Path, Path], dict]:
    """``score_py(pred_jsonl, corpus_dir)``: the reference scorer's --json output."""
    if not SCORE_PY.exists():
        pytest.skip("the reference scorer (../shared/tools/score.py) is not beside this checkout")

    def run(pred: Path, corpus: Path) -> dict:
        done = subprocess.run([sys.executable, str(SCORE_PY), "polnear", str(pred), str(corpus), "--json"],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run


@pytest.fixture(scope="session")
def assert_agrees() -> Callable[[dict, dict], None]:
    """Every figure within 0.005 (the reference rounds to 3 places), every count equal."""
    def check(reference: dict, mine: dict) -> None:
        for name in MEASURE_NAMES:
            for key in FIGURES:
                ref, got = reference[name][key], mine[name][key]
                assert (ref is None) == (got is None), (name, key, ref, got)
                assert ref is None or abs(ref - got) <= 0.005, (name, key, ref, got)
            for key in COUNTS:
                assert reference[name][key] == mine[name][key], (name, key)
        for key in ("articles", "articles_predicted", "provenance_mismatches"):
            assert reference[key] == mine[key], key
    return check


@pytest.fixture(scope="session")
def score_who() -> Callable[[Path, Path, Path], dict]:
    """``score_who(pred_jsonl, corpus_dir, who_dir)``: the reference scorer's ``who --json`` output."""
    if not SCORE_PY.exists():
        pytest.skip("the reference scorer (../shared/tools/score.py) is not beside this checkout")

    def run(pred: Path, corpus: Path, who_dir: Path) -> dict:
        done = subprocess.run([sys.executable, str(SCORE_PY), "who", str(pred), str(corpus), str(who_dir), "--json"],
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)
    return run
