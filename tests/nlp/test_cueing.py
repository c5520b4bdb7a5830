"""The act of each statement and the words its cue keeps (``nlp/cueing.py``)."""
from __future__ import annotations

import pytest

import onrecord


def one(analyzer, text):
    (s,) = onrecord.extract(text, analyzer=analyzer).statements
    assert text[s.cue.start:s.cue.end] == s.cue.text
    return s


@pytest.mark.parametrize("text, cue, negated", [
    ("Her client did not intend to harm the ferry crew.", "did not intend", True),
    ("The mayor would never say that the council lied.", "would never say", True),
    ("The mayor may have said that the depot was closing.", "may have said", False),
    ("The mayor said that the depot was closing.", "said", False),
])
def test_the_cue_keeps_its_negation_and_modals(analyzer, text, cue, negated):
    s = one(analyzer, text)
    assert (s.cue.text, s.negated) == (cue, negated)


@pytest.mark.parametrize("text, act", [
    ("The harbour master said the pier was unsafe.", "speech"),
    ("The harbour master fears that the pier is unsafe.", "thought"),
    ("The harbour master wants to close the pier.", "thought"),
    ("A survey of fishermen found that the pier was unsafe.", "evidence"),
    ("According to a new study, the pier is unsafe.", "evidence"),
    ("According to the harbour master, the pier is unsafe.", "speech"),
    ("“The pier is unsafe,” the harbour master said.", "speech"),
])
def test_the_act_of_each_statement(analyzer, text, act):
    assert one(analyzer, text).act == act


def test_a_cues_frames_are_tried_in_the_tables_order():
    # a set would try "prep:…" frames in an order that changes with every process's hash seed,
    # and the same article would get different contents from one run to the next
    from onrecord.nlp import lexicon
    assert lexicon.cues()["warn"].frames == ("ccomp", "quote", "prep:of", "prep:against", "prep:about")


@pytest.mark.parametrize("text", [
    "Neither Ruiz nor Okafor acknowledged that the ferry plan had failed.",
    "No one said that the harbour would close.",
    "None of the councillors said the depot was closing.",
])
def test_a_subject_that_denies_it_of_all_it_names_negates_the_statement(analyzer, text):
    assert one(analyzer, text).negated


def test_a_subject_that_names_people_does_not_negate(analyzer):
    assert not one(analyzer, "Both Ruiz and Okafor acknowledged that the ferry plan had failed.").negated


def test_a_plural_the_parser_made_the_subject_of_a_singular_verb_negates_nothing(nlp):
    from onrecord.nlp.cueing import is_negated
    doc = nlp("A bill with one sponsor and no Republicans shows that its prospects are poor.")
    (shows,) = [t for t in doc if t.text == "shows"]
    assert not is_negated(shows)
