"""The parsed text is joined once per doc; a report's dateline is told from a name."""
from __future__ import annotations

import pytest

from onrecord.nlp.doctext import is_dateline, text_of


def test_text_of_is_the_docs_text_and_is_kept(nlp) -> None:
    doc = nlp("Ruiz said the ferry would run.")
    first = text_of(doc)
    assert first == doc.text
    assert text_of(doc) is first               # not joined again


@pytest.mark.parametrize("text, words, expected", [
    ("BERGEN -- The harbour master says the channel will reopen.", "BERGEN", True),
    ("Ferries.\nTROMSØ, Norway — The harbour master says the channel will reopen.", "TROMSØ", True),
    ("NATO says the channel will reopen.", "NATO", False),                               # capitals, no dash
    ("Ruiz -- the harbour master -- says the channel will reopen.", "Ruiz", False),      # not in capitals
])
def test_a_dateline_is_a_place_or_capitals_opening_a_paragraph_before_a_dash(nlp, text, words, expected) -> None:
    doc = nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words))
    assert is_dateline(span) is expected
