"""Claims: whose quantity an amount is (``about``) and who claims it (``claimed_by``)."""
from __future__ import annotations

import pytest

from onrecord.model import Amount, Article
from onrecord.nlp.claims import attach_claims


def claimed(analyzer, text: str) -> list[Amount]:
    article = analyzer.analyse(Article(text))
    (doc, _), = analyzer.parse_many([article])
    amounts = attach_claims(doc, list(article.amounts), list(article.statements))
    assert all(text[a.about.start:a.about.end] == a.about.text for a in amounts if a.about)
    return amounts


def only(analyzer, text: str) -> Amount:
    (amount,) = claimed(analyzer, text)
    return amount


@pytest.mark.parametrize("text, about", [
    ("Valdoria has deployed more than 60,000 soldiers near the border of Ostrana.", "Valdoria"),
    ("Valdoria's 40,000 troops remain on the border.", "Valdoria"),
    ("The 25,000 troops that Ostrana deployed are ready.", "Ostrana"),
    ("More than 25,000 troops were deployed by Ostrana.", "Ostrana"),
    ("A budget of $2 billion for the city was approved on Monday.", "the city"),
    ("About 10 percent of Valdorians support the plan.", "Valdorians"),
    ("The talks lasted almost six hours.", "The talks"),
    ("The harbour board spent about $28 million on the work.", "The harbour board"),
    ("Ilse Marr, 61, had never been in a coal mine.", "Ilse Marr"),
])
def test_about_is_whose_quantity_it_is(analyzer, text: str, about: str) -> None:
    amount = only(analyzer, text)
    assert amount.about is not None and amount.about.text == about


def test_a_relative_pronoun_stands_for_the_name_it_refers_to(analyzer) -> None:
    amount = only(analyzer, "Defence Minister Anna Korhonen said that it was Valdoria that had "
                            "concentrated 40,000 troops on the border.")
    assert amount.about is not None and amount.about.text == "Valdoria"


@pytest.mark.parametrize("text", [
    "Two people were killed in the attack.",             # the amount is the subject: whose?
    "They have deployed 30,000 soldiers.",               # a pronoun is not resolved
    "He spoke for almost six hours.",                    # a duration, but no quantity of his
    "Hackers targeted data systems in at least two states.",   # where, not whose
])
def test_nothing_sensible_is_no_about(analyzer, text: str) -> None:
    assert only(analyzer, text).about is None


def test_two_amounts_of_one_verb_are_nobodys(analyzer) -> None:
    # whose is 41.7 percent? the parse does not say
    amounts = claimed(analyzer, "Ilse Marr is leading Tom Holt 47.1 percent to 41.7 percent.")
    assert [a.text for a in amounts] == ["47.1 percent", "41.7 percent"]
    assert [a.about for a in amounts] == [None, None]


def test_the_speaker_of_the_statement_claims_it(analyzer) -> None:
    amount = only(analyzer, "Anna Korhonen said Valdoria had deployed 40,000 troops.")
    assert amount.statement is not None
    assert amount.claimed_by == "Anna Korhonen"
    assert amount.about is not None and amount.about.text == "Valdoria"


def test_a_quote_is_claimed_by_its_speaker_even_when_its_subject_is_unknown(analyzer) -> None:
    amount = only(analyzer, '"We will send 3,000 troops to the border," said Defence Minister Anna Korhonen.')
    assert amount.claimed_by == "Anna Korhonen"
    assert amount.about is None


def test_the_outlets_own_words_are_claimed_by_nobody(analyzer) -> None:
    amount = only(analyzer, "Valdoria has deployed more than 60,000 soldiers near the border.")
    assert amount.statement is None and amount.claimed_by is None
