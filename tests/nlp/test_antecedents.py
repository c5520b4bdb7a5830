"""The grammar around a pronoun, on sentences of our own: who it cannot be, who stands nearer."""
from __future__ import annotations

import pytest

from onrecord.nlp.antecedents import participle_before, sentence_before, unnamed_subject_before, untagged_name_before


def at(text: str, word: str, nth: int = 1) -> int:
    i = -1
    for _ in range(nth):
        i = text.index(word, i + 1)
    return i


def test_an_opening_participle_without_a_subject_is_set_aside(nlp):
    text = "Campaigning against Mark Dunn in 2012, he barely mentioned the climate."
    start, end = participle_before(nlp(text), at(text, "he "))
    assert "Mark Dunn" in text[start:end] and "he" not in text[start:end].split()


def test_a_clause_with_its_own_subject_is_not_set_aside(nlp):
    text = "When Mark Dunn campaigned in 2012, he barely mentioned the climate."
    assert participle_before(nlp(text), at(text, "he ")) is None


@pytest.mark.parametrize("text, gender, noun", [
    ("My mother has softened with age, but she still says that the war was right.", "f", "mother"),
    ("A spokesman's view was clear. He said that the port would close.", "m", "spokesman"),
    ("A woman waved at the crowd, and she said that the bus was late.", "f", "woman"),
])
def test_an_unnamed_person_nearer_than_any_name(nlp, text, gender, noun):
    pronoun = "she" if gender == "f" else "He"
    found = unnamed_subject_before(nlp(text), at(text, pronoun + " "), gender, lambda t: False)
    assert found is not None and found.text == noun


@pytest.mark.parametrize("text, gender", [
    ("The candidate was tired, and he said that the plant would stay open.", "m"),     # a definite role
    ("My father has softened with age, but she still says that the war was right.", "f"),  # another gender
    ("Tom Reyes was tired, and he said that the plant would stay open.", "m"),         # a name
])
def test_no_unnamed_person_stands_nearer(nlp, text, gender):
    pronoun = "she" if gender == "f" else "he"
    assert unnamed_subject_before(nlp(text), at(text, pronoun + " "), gender, lambda t: False) is None


def test_a_named_spokesman_is_named(nlp):
    text = "A spokesman, Joe Smith, was clear. He said that the port would close."
    doc = nlp(text)
    assert unnamed_subject_before(doc, at(text, "He "), "m", lambda t: t.text in ("Joe", "Smith")) is None


def test_the_sentence_before_skips_the_blank_lines(nlp):
    doc = nlp("The port closed.\n\nIt opened again.")
    last = list(doc.sents)[-1]
    assert sentence_before(last).text.strip() == "The port closed."


@pytest.mark.parametrize("text, expected", [
    # a main subject no entity covers, in the sentence before: maybe the pronoun's person
    ("Varnholt replied on Friday to reports that Ana Ruiz would stay. He said he was pleased.", "Varnholt"),
    # a known name, or a subject only inside the clause, is no such name
    ("Ana Ruiz replied on Friday to reports that Varnholt would stay. He said he was pleased.", None),
    # a role written in capitals points back to someone named; it is no unknown name
    ("The Finnish President recalled the war. He said he was pleased.", None),
])
def test_an_untagged_main_subject_stands_before_the_pronoun(nlp, text, expected):
    doc = nlp(text)
    found = untagged_name_before(doc, at(text, "He "), lambda t: t.text in ("Ana", "Ruiz"))
    assert (found.text if found is not None else None) == expected
