"""A parsed article's text, read once: spaCy's ``Doc.text`` joins every token again on each
read, and the extractors read it many times an article."""
from __future__ import annotations

from spacy.tokens import Doc

_KEY = "onrecord.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept with it."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


__all__ = ["text_of"]
