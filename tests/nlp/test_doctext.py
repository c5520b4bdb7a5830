"""The parsed text is joined once per doc."""
from __future__ import annotations

from onrecord.nlp.doctext import text_of


def test_text_of_is_the_docs_text_and_is_kept(nlp) -> None:
    doc = nlp("Ruiz said the ferry would run.")
    first = text_of(doc)
    assert first == doc.text
    assert text_of(doc) is first               # not joined again
