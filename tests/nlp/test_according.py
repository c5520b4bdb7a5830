"""Statements attributed with "according to", on sentences of our own."""
from __future__ import annotations

import pytest

import onrecord


def according(analyzer, text):
    (s,) = [s for s in onrecord.extract(text, analyzer=analyzer).statements if s.cue.text.lower() == "according to"]
    return s.text, s.speaker.mention.text, s.speaker.name


@pytest.mark.parametrize("text, expected", [
    # a name set off by commas after a noun for a person is that person, not the statement's opening
    ("According to his aunt, Jane Starner, “He was brilliant from the start.”",
     ("“He was brilliant from the start.”", "Jane Starner", "Jane Starner")),
    ("According to the mayor, Tom Keller, the bridge is safe.", ("the bridge is safe", "Tom Keller", "Tom Keller")),
    # a document is no person: the name opens what it says
    ("According to the report, Tom Keller, the mayor, lied.", ("Tom Keller, the mayor, lied", "the report", None)),
    # no name beside the noun: the noun stays the source
    ("According to his aunt, the bridge is safe.", ("the bridge is safe", "his aunt", None)),
])
def test_according_to_a_person_named_beside_the_noun(analyzer, text, expected):
    assert according(analyzer, text) == expected
