"""Direct quotations on short sentences of our own: who speaks them, and what they are."""
from __future__ import annotations

import pytest

import onrecord


def statements(analyzer, text):
    article = onrecord.extract(text, analyzer=analyzer)
    for s in article.statements:
        assert article.text[s.start:s.end] == s.text
    return article.statements


def test_inverted_cue_whose_name_the_parser_gave_to_the_next_part(analyzer):
    # the parser makes "Moretti" the subject of "is", after the apposition with its own clause
    text = ('"The danger," said Paolo Moretti, an engineer who is the head of the dam authority, '
            '"is that the river rises faster than we can build."')
    (s,) = statements(analyzer, text)
    assert s.kind == "direct" and s.speaker.mention.text == "Paolo Moretti"
    assert [p.text for p in s.parts][0] == "The danger,"
    assert s.parts[-1].text.startswith("is that the river rises")


def test_inverted_cue_followed_by_a_clause_of_the_speaker(analyzer):
    text = ("''We cannot and will not back this plan,'' said Senator Ana Ruiz, Democrat of Ohio, "
            "becoming the first senator to oppose it.")
    (s,) = statements(analyzer, text)
    assert (s.kind, s.text, s.speaker.mention.text) == (
        "direct", "We cannot and will not back this plan,", "Senator Ana Ruiz")


def test_quoted_word_inside_the_reported_clause_is_a_mixed_statement(analyzer):
    text = "The mayor’s “reforms” are a disgrace, Okafor said Tuesday in Lagos."
    (s,) = statements(analyzer, text)
    assert (s.kind, s.text, s.cue.text, s.speaker.mention.text) == (
        "mixed", "The mayor’s “reforms” are a disgrace", "said", "Okafor")


def test_quotation_then_its_cue_is_still_direct(analyzer):
    text = "“The reforms are a disgrace,” Okafor said Tuesday in Lagos."
    (s,) = statements(analyzer, text)
    assert (s.kind, s.text, s.speaker.mention.text) == ("direct", "The reforms are a disgrace,", "Okafor")


def test_quoted_title_before_a_cue_with_a_clause_of_its_own_is_no_quotation(analyzer):
    text = "Sunday on the channel’s “Morning Show,” Rep. Ana Ruiz said the governor’s “judgment” is in question."
    (s,) = statements(analyzer, text)
    assert (s.kind, s.text, s.speaker.mention.text) == (
        "mixed", "the governor’s “judgment” is in question", "Rep. Ana Ruiz")


def test_a_clause_the_writer_hangs_on_the_cue_keeps_the_quotation_direct(analyzer):
    text = "“You should resign,” Ruiz told Okafor, after he admitted he had not been held accountable."
    found = statements(analyzer, text)
    assert (found[0].kind, found[0].text, found[0].speaker.mention.text) == ("direct", "You should resign,", "Ruiz")
    assert not any(s.text.startswith("after") for s in found)


def test_an_inverted_cue_whose_speaker_the_parser_made_its_object(analyzer):
    text = '"We have no freedom of opinion anymore," tweeted a user from Hanover.'
    (s,) = statements(analyzer, text)
    assert (s.kind, s.speaker.mention.text) == ("direct", "a user from Hanover")


def test_an_object_after_a_cue_that_opens_no_inversion_is_no_speaker(analyzer):
    # "told the crowd": the crowd was told, it said nothing
    found = statements(analyzer, '"We will win," Okafor told the crowd.')
    assert [s.speaker.mention.text for s in found] == ["Okafor"]



def test_a_name_and_its_aside_before_a_cue_the_parser_gave_no_subject(nlp):
    from spacy.tokens import Doc, Span
    from onrecord.nlp.direct import _cue_after_name
    # "“We were wrong,” Okafor, 58, told AFP." with "Okafor" hung on "were", as the parser may
    words = ["“", "We", "were", "wrong", ",", "”", "Okafor", ",", "58", ",", "told", "AFP", "."]
    heads = [2, 2, 2, 2, 2, 6, 2, 6, 6, 6, 2, 10, 2]
    deps = ["punct", "nsubj", "ROOT", "acomp", "punct", "punct", "conj", "punct", "appos", "punct", "conj",
            "dobj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PUNCT", "NUM", "PUNCT", "VERB", "PROPN",
           "PUNCT"]
    lemmas = [w.lower() for w in words[:10]] + ["tell", "AFP", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    doc.ents = [Span(doc, 6, 7, label="PERSON"), Span(doc, 11, 12, label="ORG")]
    cue, name = _cue_after_name(list(doc[6:]))
    assert (cue.text, name.text) == ("told", "Okafor")
    assert _cue_after_name(list(doc[11:])) is None          # "AFP ." holds no cue


def test_the_cue_nearest_before_a_quotation_introduces_it(analyzer):
    # the sentence opens with a cue of its own; the quotation belongs to "he said," before it
    text = ("Tom Keller said the port was closed, and when asked whether he was worried about the jobs, "
            "he said, “I hope not.”")
    got = [(s.speaker.mention.text if s.speaker.mention else None, s.cue.text, s.text)
           for s in statements(analyzer, text)]
    assert ("he", "said", "I hope not.") in got
    assert ("Tom Keller", "said", "the port was closed") in got


def test_a_quotation_that_goes_on_after_its_cue_keeps_going_on_over_the_next_lines_report(analyzer):
    # the next line reports what two people did not do; the continuation is still Ruiz's
    text = ('"We will not wait," Ruiz said. "The bridge opens in May."\n'
            'Neither Okafor nor Ruiz answered questions about the cost.')
    found = statements(analyzer, text)
    (s,) = [s for s in found if s.kind == "direct"]
    assert s.speaker.mention.text == "Ruiz"
    assert [part.text for part in s.parts][-1].startswith("The bridge opens in May")


def test_a_report_on_the_next_line_does_not_take_a_quotation_of_the_line_above(analyzer):
    text = ('"We will not wait," Ruiz said. "The bridge opens in May."\n'
            'Okafor said the cost had doubled.')
    found = statements(analyzer, text)
    direct = [s for s in found if s.kind == "direct"]
    assert direct and all(s.speaker.mention.text == "Ruiz" for s in direct)
    assert any(s.text.startswith("The bridge opens") or any(p.text.startswith("The bridge") for p in s.parts)
               for s in direct)
    assert ("Okafor", "the cost had doubled") in [(s.speaker.mention.text, s.text) for s in found]


def test_a_quotation_alone_on_its_line_among_others_goes_on_from_no_one(analyzer):
    # a caption block: a name, a work's title in quotation marks, a place; nobody speaks
    text = "Ola Berg\n‘Harbour after Harbour after Harbour’\nThe Quay Gallery\nPier Road, 15, Bergen"
    assert statements(analyzer, text) == ()


def test_a_quotation_alone_in_its_paragraph_still_goes_on_from_the_speaker(analyzer):
    text = ('"The ferry will run all winter," Ruiz said.\n\n'
            '"We have the crews and we have the boats."')
    found = statements(analyzer, text)
    assert [s.speaker.mention.text for s in found] == ["Ruiz", "Ruiz"]


def test_a_line_that_leads_into_the_quotation_under_it_gives_its_speaker(analyzer):
    text = ("Lena Okafor spoke at the hearing.\n\nOkafor called them on it:\n\n"
            "“The questions asked today show why people do not trust this board.”\n\n"
            "Okafor continued:\n\n“You look at the questions and you see no plan.”")
    found = [(s.speaker.name, s.cue.text if s.cue else None) for s in statements(analyzer, text)]
    assert found == [("Lena Okafor", "called"), ("Lena Okafor", "continued")]


def test_a_line_with_no_one_speaking_leads_into_no_ones_words(analyzer):
    text = "The harbour plan has three parts.\n\nThe list of its aims:\n\n“Jobs, wages and a new pier.”"
    assert all(s.speaker.name is None for s in statements(analyzer, text))


def test_a_long_aside_between_the_name_and_its_cue_keeps_the_speaker(analyzer):
    text = ("“The plan shows that the port can grow without new debt,” Adam Green, co-founder of the "
            "Harbour Progress Campaign Committee, said in a statement.")
    (s,) = statements(analyzer, text)
    assert s.speaker.name == "Adam Green"


def test_a_name_with_a_suffix_after_a_quotation_is_its_speaker(analyzer):
    text = ("“We hate this framing of the vote,” Vann R. Newkirk II, a writer for the magazine, said on Twitter. "
            "“We have done our part already.”")
    found = statements(analyzer, text)
    # (named without the suffix, as other articles name him)
    assert [s.speaker.name for s in found] == ["Vann R. Newkirk"] and found[0].text.endswith("already.")


def test_a_reply_fired_back_is_a_cue_only_beside_a_quotation(analyzer):
    (s,) = statements(analyzer, "“They are all here for the free food,” Tom Keller shot back with a laugh.")
    assert (s.speaker.name, s.cue.text) == ("Tom Keller", "shot back")
    assert statements(analyzer, "While the mine has cut back on output, the other mines are set to grow.") == ()


def test_a_cue_whose_untagged_subject_the_parser_hung_on_it_as_a_compound(analyzer):
    # "Okafor" is no entity to the tagger, and the parser makes it a compound of "notes"
    text = 'The mayor has softened his tone. "Look at the letter he sent after the flood," Okafor notes.'
    (s,) = statements(analyzer, text)
    assert (s.kind, s.speaker.mention.text) == ("direct", "Okafor")


@pytest.mark.parametrize("text, content", [
    # a sentence that only says who speaks leads into the quotation after it
    ("Ana Ruiz, the mayor of Harbour, said in a statement. “We will build the bridge. The money is there.”",
     "We will build the bridge. The money is there."),
    # so does a one-line paragraph, into the next
    ("Ana Ruiz told reporters on Monday.\n\n“We will build the bridge.”", "We will build the bridge."),
    # a name and a colon after a dash, or opening the line
    ("Turnout has mattered in the north - Ana Ruiz: “Two weeks ago the south was ours.”",
     "Two weeks ago the south was ours."),
    ("Ana Ruiz: “We will build the bridge.”", "We will build the bridge."),
])
def test_words_before_a_quotation_that_say_who_speaks_it(analyzer, text, content):
    (s,) = statements(analyzer, text)
    assert (s.kind, s.text, s.speaker.name) == ("direct", content, "Ana Ruiz")


def test_a_sentence_about_something_else_leads_into_nothing(analyzer):
    # the cue sits in a clause of circumstance; the sentence is about Keller leaving
    (s,) = statements(analyzer, "After Ana Ruiz said so, Tom Keller left the room. “We will build the bridge.”")
    assert s.speaker.name is None


def test_capitals_before_a_colon_that_name_no_one_give_no_speaker(analyzer):
    assert [s.speaker.name for s in statements(analyzer, "Breaking News: “We will build the bridge.”")] in ([], [None])


def test_the_next_name_and_colon_start_another_speakers_quotation(analyzer):
    text = ("Harbour matters - Ana Ruiz: “The port is a fork in the road.” [Post] The vote has been "
            "close - Tom Keller: “Two weeks ago the south was ours.”")
    assert [(s.text, s.speaker.mention.text) for s in statements(analyzer, text)] == [
        ("The port is a fork in the road.", "Ana Ruiz"), ("Two weeks ago the south was ours.", "Tom Keller")]


@pytest.mark.parametrize("text, name, cue", [
    ('"All the way to the coast!" Tom Keller shouted from the boat.', "Tom Keller", "shouted"),
    ('"Nobody will lose a job," Ana Ruiz assured the workers.', "Ana Ruiz", "assured"),
    ('"Do not count on the bridge yet," Tom Keller cautioned.', "Tom Keller", "cautioned"),
    ('"It was me who left the gate open," Ana Ruiz confessed.', "Ana Ruiz", "confessed"),
])
def test_words_said_in_a_manner_of_speaking_are_statements(analyzer, text, name, cue):
    (s,) = statements(analyzer, text)
    assert (s.kind, s.speaker.name, s.cue.text) == ("direct", name, cue)


def test_a_quotation_with_a_cue_of_its_own_does_not_go_on_from_the_one_before(analyzer):
    text = '"Why not?" Ana Ruiz asked. "All the way to the coast!" Tom Keller shouted.'
    found = statements(analyzer, text)
    assert [(s.text, s.speaker.name) for s in found] == [
        ("Why not?", "Ana Ruiz"), ("All the way to the coast!", "Tom Keller")]
