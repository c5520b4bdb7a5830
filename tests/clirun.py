"""Running the CLI in tests: with the session's analyser, and never a raised exception."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner, Result

from onrecord import cli
from onrecord.nlp import pipeline


@pytest.fixture(autouse=True)
def one_model(monkeypatch: pytest.MonkeyPatch, analyzer) -> None:
    """The CLI's analyser is the session's, so the model is loaded once for all tests; for
    that, ``ingest`` analyses in this process unless a test asks for workers."""
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    monkeypatch.setattr("onrecord.cli.ingest.default_workers", lambda: 1)     # where ingest reads it


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli.main, [os.fspath(a) for a in args], env={"COLUMNS": "160"})
    # whatever happened, it was reported, not raised
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    return result
