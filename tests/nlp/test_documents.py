"""Documents as speakers, on phrases of our own (resolution itself: test_speakers)."""
from __future__ import annotations

from onrecord.nlp.documents import is_newest, noun_phrase


def test_the_newest_document_is_told_by_its_adjective(nlp):
    doc = nlp("The new poll and the latest survey differ from a poll taken in May.")
    polls = [t for t in doc if t.lemma_ in ("poll", "survey")]
    assert [is_newest(t) for t in polls] == [True, True, False]


def test_a_noun_phrase_stops_at_its_head(nlp):
    doc = nlp("The former secretary of state said no.")
    head = next(t for t in doc if t.text == "secretary")
    assert noun_phrase(head).text == "The former secretary"
