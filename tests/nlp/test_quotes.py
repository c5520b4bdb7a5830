"""Quotation spans on characters: marks, apostrophes, run-ons, odd marks."""
from __future__ import annotations

import pytest

from onrecord.nlp.quotes import find_quotes, line_around, paragraphs


def words(text):
    return [[text[a:b] for a, b in q.parts] for q in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes" twice.', [["yes"]]),
    ("She said “no” and «non».", [["no"], ["non"]]),
    ("Er sagte „ja“ dazu.", [["ja"]]),
    ("It’s the ‘best’ plan, don’t doubt it.", [["best"]]),
    ('He said "no.\n\nThen he left.', []),                             # an odd mark skips one candidate
    ('"One.\n\n"Two," she said.', [["One.", "Two,"]]),                 # a quote running on
    ('"A," he said, "B."', [["A,"], ["B."]]),
    # a space set between an inner quotation's close and the outer one's
    ("“It was, ‘Oh no,’ ” she said. “Then it passed.”", [["It was, ‘Oh no,’ "], ["Then it passed."]]),
    # typographic and straight double marks mixed, as pages edited by several hands set them
    ('“The roads are crumbling," she said. "We fix them.”', [["The roads are crumbling,"], ["We fix them."]]),
    ('He said «non" twice.', []),                                     # guillemets pair only with »
])
def test_quotations(text, expected):
    assert words(text) == expected


def test_paragraphs_are_split_on_blank_lines_only():
    text = "One line\nsame paragraph.\n\n  \nNext one."
    assert [text[a:b] for a, b in paragraphs(text)] == ["One line\nsame paragraph.", "Next one."]


@pytest.mark.parametrize("text, at, expected", [
    # a list item and a headline end their line; a sentence's full stop does too
    ("- Ferry fares rise in May\n- Harbour master says the pier will close", "says", "- Harbour master says the pier will close"),
    ("Mayor Says Pier Will Close\nThe mayor said the pier would close in May.", "said", "The mayor said the pier would close in May."),
    # a hard-wrapped paragraph is one line: its breaks fall mid-sentence, its lines are full
    ("The harbour master said on Monday that the old pier at the end of the\nbay would close in May for repairs.",
     "said", "The harbour master said on Monday that the old pier at the end of the\nbay would close in May for repairs."),
    ("The harbour master told reporters on Monday afternoon that the ferry\nCompany would pay for the repairs.",
     "told", "The harbour master told reporters on Monday afternoon that the ferry\nCompany would pay for the repairs."),
])
def test_the_line_around_a_word(text, at, expected):
    (paragraph,) = paragraphs(text)
    start, end = line_around(text, text.index(at), paragraph)
    assert text[start:end] == expected
