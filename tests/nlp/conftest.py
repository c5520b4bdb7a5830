import pytest


@pytest.fixture(scope="session")
def nlp(analyzer):
    """The spaCy pipeline the session's analyser loaded (the model is loaded once)."""
    return analyzer.nlp
