"""Shared fixtures: one analyser (one model load) for the whole test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FOUNDING = SHARED / "examples" / "macron-putin-2022-02-07.txt"


@pytest.fixture(scope="session")
def analyzer():
    from onrecord.nlp import Analyzer
    return Analyzer()


@pytest.fixture(scope="session")
def founding_path() -> Path:
    if not FOUNDING.exists():
        pytest.skip("the founding example (../shared) is not beside this checkout")
    return FOUNDING
