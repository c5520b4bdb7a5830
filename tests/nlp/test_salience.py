"""Choosing the antecedent of a pronoun by salience, on mentions we lay out by hand."""
from __future__ import annotations

from onrecord.nlp.salience import Mention, MentionIndex

# three sentences starting at 0, 100, 200
SENTENCES = [0, 100, 200, 300]


def index(*mentions: Mention) -> MentionIndex:
    found = MentionIndex(SENTENCES)
    for m in mentions:
        found.add(m)
    return found


def test_a_recent_subject_wins_over_an_older_one():
    found = index(Mention(5, 10, "A", True, False), Mention(105, 110, "B", True, False))
    choice = found.choose(205, lambda name: 1.0)
    assert choice is not None and choice.referent == "B" and choice.mention.start == 105


def test_two_equally_salient_referents_give_no_answer():
    found = index(Mention(105, 110, "A", True, False), Mention(120, 125, "B", True, False))
    assert found.choose(205, lambda name: 1.0) is None


def test_a_referent_that_cannot_agree_is_not_counted():
    found = index(Mention(105, 110, "A", True, False), Mention(120, 125, "B", True, False))
    choice = found.choose(205, lambda name: 0.0 if name == "B" else 1.0)
    assert choice is not None and choice.referent == "A"


def test_names_inside_a_quotation_weigh_little():
    found = index(Mention(105, 110, "A", True, False), Mention(150, 155, "B", True, True))
    choice = found.choose(205, lambda name: 1.0)
    assert choice is not None and choice.referent == "A"


def test_an_overlapping_mention_replaces_the_one_inside_it():
    found = index(Mention(105, 110, "A", False, False))
    found.add(Mention(101, 110, "A", True, False))
    assert [(m.start, m.subject) for m in found.mentions] == [(101, True)]


def test_skipped_mentions_do_not_count():
    found = index(Mention(105, 110, "A", True, False), Mention(150, 155, "B", True, False))
    choice = found.choose(205, lambda name: 1.0, skip=lambda m: m.start >= 150)
    assert choice is not None and choice.referent == "A"


def test_a_winner_named_only_in_an_aside_of_an_earlier_sentence_is_marked():
    aside = index(Mention(105, 110, "A", False, False, minor=True))
    assert aside.choose(205, lambda name: 1.0).minor
    # in the pronoun's own sentence ("Trump's appearance, in which he said"), or as a subject, it is not
    same = index(Mention(205, 210, "A", False, False, minor=True))
    assert not same.choose(230, lambda name: 1.0).minor
    subject = index(Mention(5, 10, "A", True, False), Mention(105, 110, "A", False, False, minor=True))
    assert not subject.choose(205, lambda name: 1.0).minor


def test_the_main_clauses_subject_outweighs_a_subject_inside_it():
    # "A won, B said. …, he said": B speaks; A is only what B's words were about
    found = index(Mention(105, 110, "A", True, False, embedded=True), Mention(150, 155, "B", True, False))
    choice = found.choose(205, lambda name: 1.0)
    assert choice is not None and choice.referent == "B"


def test_a_subject_inside_a_clause_still_outweighs_an_object():
    found = index(Mention(105, 110, "A", True, False, embedded=True), Mention(150, 155, "B", False, False))
    assert found.choose(205, lambda name: 1.0) is None      # not clearly ahead: nobody


def test_a_winner_also_named_as_a_subject_is_not_marked_as_an_aside():
    # "Ban spoke first. … … a triumph for Ban. …, he said": the aside, his latest and (three
    # sentences on) his strongest mention, is not his only one
    found = index(Mention(5, 10, "A", True, False), Mention(205, 210, "A", False, False, minor=True))
    choice = found.choose(305, lambda name: 1.0)
    assert choice is not None and choice.referent == "A" and not choice.minor
    asides = index(Mention(5, 10, "A", False, False, minor=True), Mention(150, 155, "A", False, False, minor=True))
    assert asides.choose(205, lambda name: 1.0).minor


def test_the_only_two_referents_are_a_pair():
    found = index(Mention(105, 110, "A", True, False), Mention(120, 125, "B", True, False))
    pair = found.choose_pair(205, lambda name: 1.0)
    assert pair is not None and {c.referent for c in pair} == {"A", "B"}


def test_no_pair_when_a_third_is_in_the_window():
    found = index(Mention(5, 10, "C", False, False), Mention(105, 110, "A", True, False),
                  Mention(120, 125, "B", True, False))
    assert found.choose_pair(205, lambda name: 1.0) is None


def test_no_pair_when_one_is_named_only_in_an_aside():
    found = index(Mention(105, 110, "A", True, False), Mention(120, 125, "B", False, False, minor=True))
    assert found.choose_pair(205, lambda name: 1.0) is None
