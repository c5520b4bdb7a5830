"""What looks like a statement and is none (``nlp/sifting.py``), and what still is one."""
from __future__ import annotations

import pytest

import onrecord


def found(analyzer, text):
    article = onrecord.extract(text, analyzer=analyzer)
    for s in article.statements:
        assert article.text[s.start:s.end] == s.text
    return article.statements


@pytest.mark.parametrize("text", [
    # the writer's own narration
    "You want a tablet whose battery lasts a whole flight.",
    "We hope the ferry timetable improves next spring.",
    "I asked the ferry company whether the timetable would change.",
    # things that offer, show or support: no one's words
    "The tablet offers more than forty hours of music playback.",
    "Tests showed that the horse had a bone infection.",
    "An X-ray scan showed damage to the horse's leg.",
    "The river patrol found a rowing boat near the weir.",
    # a name for a thing
    "The condition is called “pigeon keeper's cough” by vets.",
    "The route, dubbed “the Spine”, crosses four valleys.",
    # made or let to do, or not done
    "The grant will help Ms. Idris maintain that the orchard is protected.",
    # a passive's subject or object alone
    "Harlan Voss was accused of fraud in 2011.",
    # titles of works in quotation marks
    "Johnston wrote “Listen to the Ferry” in the early 1970s.",
    "The choir sang “Harbour Lights” for the mayor.",
    # the one spoken to is not what was said
    "Councillors questioned Ms. Idris at length on Monday.",
    # a content that says nothing on its own
    "The harbour master denied the claim.",
    "The harbour master spoke first. Neither man said more.",
    "The harbour master said little about the ferry.",
    # headlines, hover cards and blotter lines
    "Marta Kell: Orchard sale falls through",
    "The ferry left at noon on Monday.\n\nCouncillors call for new cycle lanes\n\nThe tide was high.",
    "Dana R. Whit: Theft of a bicycle, criminal damage.\n\nOmar B. Lutz: Driving without insurance.",
    # a related-links list: one link's words are not what the next link's headline says
    "Harbour news.\n\n- Ferries and buses join up for the summer timetable\n- Olsen tells the story of the 1990 storm",
    # products, things that seem, asides with no speaker, the writer's turns of phrase
    "The new brick sets emphasize playability over display.",
    "Treatment with steroids seemed to speed up her recovery.",
    "The ferry company is offering a free coffee to every passenger.",
    "Users and critics alike have been asking, since the ferry first sailed in 2016.",
    "That said, early retirement comes in many shapes and sizes.",
    "Each chapter is written in a different voice, yet each is recognizably hers.",
    "The ferry was run by Ola Berg, who wrote as Tom Hale, until the storm of 1990.",
    "Having said that, the ferry is rarely late.",
])
def test_no_statement(analyzer, text):
    assert found(analyzer, text) == ()


@pytest.mark.parametrize("text, content", [
    ("Researchers found that the vaccine halved hospital stays.", "the vaccine halved hospital stays"),
    ("A new survey shows that most riders want later trains.", "most riders want later trains"),
    ("The results showed that the mayor won by nine votes.", "the mayor won by nine votes"),
    ("Polling shows that the mayor is ahead in the harbour wards.", "the mayor is ahead in the harbour wards"),
    ("The harbour master said the claim was false.", "the claim was false"),
    ("“We Will Rebuild,” the mayor said on Monday.", "We Will Rebuild,"),
    ("The harbour master said “Yes” twice.", "Yes"),
    ("Councillors questioned the decision to close the depot.", "the decision to close the depot"),
    ("“We are on it,” I was told by the harbour master.", "We are on it,"),
    ("The company said it would open two depots next year.", "it would open two depots next year"),
    ("The talks, the harbour master said, would go on for a week.", "The talks, the harbour master said, would go on for a week"),
    # a subheading's content does not reach back over the headline above it
    ("Ferry fares set to rise in spring;\nPassengers will pay more from May, harbour officials say\n\nThe board met.",
     "Passengers will pay more from May"),
])
def test_still_a_statement(analyzer, text, content):
    (s,) = found(analyzer, text)
    assert s.text == content


@pytest.mark.parametrize("text, cue", [
    # what someone might want, or what is asked whether someone knew, is no one's statement
    ("The mayor pressed Anna Weber to do more if she wanted to win the harbour wards.", "wanted"),
    ("The board asked whether Tom Keller knew that the ferry plan had failed.", "knew"),
    ("Taxes will rise unless the council agrees to cut the harbour budget.", "agrees"),
])
def test_a_cue_in_a_condition_or_a_question_is_no_statement(analyzer, text, cue):
    assert all(s.cue is None or s.cue.text != cue for s in found(analyzer, text))


def test_a_passive_reports_its_agent_never_its_subject(analyzer):
    statements = found(analyzer, "Harlan Voss was accused of fraud by a former partner in 2011.")
    assert statements and all(s.speaker.mention.text.startswith("a former partner") for s in statements)
    assert all(s.text != "Harlan Voss" for s in statements)


def test_what_another_is_called_on_to_do_is_no_statement_of_theirs(analyzer):
    (s,) = found(analyzer, "The union called on the council to condemn the new fares.")
    assert (s.cue.text, s.text) == ("called", "the council to condemn the new fares")
    assert s.speaker.mention.text == "The union"


def test_a_refusal_is_reported_as_one_never_as_what_was_refused(analyzer):
    (s,) = found(analyzer, "Councillor Obi declined to say whether the depot would close.")
    assert s.cue.text == "declined" and s.text.startswith("to say whether") and s.act == "thought"


def test_a_list_of_titles_after_a_quotation_is_not_more_of_it(analyzer):
    text = ("“We play every song,” Tom Ashe said.\n\n"
            "The set includes “Harbour Lights,” “Long Ferry Home,” and “North Pier Blues.”")
    statements = found(analyzer, text)
    assert [s.text for s in statements] == ["We play every song,"]


def test_a_transcript_keeps_its_colon_lines(analyzer):
    text = ("Pool closed for the summer\n\nMara Lenz: We closed the pool because the roof leaks.\n\n"
            "Tom Ashe: Will it open again in June?\n\n"
            "Mara Lenz: It will open when the roof is fixed.")
    names = [s.speaker.name for s in found(analyzer, text)]
    assert names == ["Mara Lenz", "Tom Ashe", "Mara Lenz"]
