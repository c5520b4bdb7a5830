"""Each statement rule on short sentences: sentence -> (kind, content, cue, speaker mention)."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

import onrecord
from onrecord.nlp.statements import _content


def statements(analyzer, text):
    article = onrecord.extract(text, analyzer=analyzer)
    for s in article.statements:                     # evidence first: every span is verbatim
        assert article.text[s.start:s.end] == s.text
        assert s.cue is None or article.text[s.cue.start:s.cue.end] == s.cue.text
        assert 0 <= s.confidence <= 1
    return article.statements


def only(analyzer, text):
    found = statements(analyzer, text)
    assert len(found) == 1, [s.text for s in found]
    return found[0]


@pytest.mark.parametrize("text, kind, content, cue, mention", [
    # direct quotes, cue after, straight and typographic marks
    ('"We will build the bridge this year," Mayor Ana Ruiz said.',
     "direct", "We will build the bridge this year,", "said", "Mayor Ana Ruiz"),
    ("“Prices will fall by spring,” the minister told reporters.",
     "direct", "Prices will fall by spring,", "told", "the minister"),
    ('"It must be repaired" the engineer summed up.',
     "direct", "It must be repaired", "summed up", "the engineer"),
    # cue before the quote
    ('Okafor said: "The plan is ready and the money is there."',
     "direct", "The plan is ready and the money is there.", "said", "Okafor"),
    # reported speech
    ("Ruiz stressed that the harbour had been neglected for years.",
     "indirect", "the harbour had been neglected for years", "stressed", "Ruiz"),
    ("The coach said the team would recover quickly.",
     "indirect", "the team would recover quickly", "said", "The coach"),
    # mixed: reported speech quoting some words
    ('Okafor said the project was "a gift to the next generation" of islanders.',
     "mixed", 'the project was "a gift to the next generation" of islanders', "said", "Okafor"),
    # a that-clause that is all quotation is a direct quote
    ('She added that "nobody will lose their job."',
     "direct", "nobody will lose their job.", "added", "She"),
    # noun-phrase and verb-phrase contents
    ("The governor recalled the floods of the previous winter.",
     "indirect", "the floods of the previous winter", "recalled", "The governor"),
    ("The company denies polluting the river.",
     "indirect", "polluting the river", "denies", "The company"),
    ("Both mayors called the meeting productive.",
     "indirect", "the meeting productive", "called", "Both mayors"),
    # according to
    ("The factory will close in May, according to the union.",
     "indirect", "The factory will close in May", "according to", "the union"),
    ("According to the police, the road will reopen on Friday.",
     "indirect", "the road will reopen on Friday", "According to", "the police"),
    # a content is not cut at its inner quotation: the writer's words that finish the clause,
    # a second that-clause, an apostrophe that is no closing mark
    ("The mayor said “it gets me mad” every time he thinks about the flood.",
     "mixed", "“it gets me mad” every time he thinks about the flood", "said", "The mayor"),
    ("Her brothers said that their father ''could be unyielding,'' and that Freddy had struggled.",
     "mixed", "their father ''could be unyielding,'' and that Freddy had struggled", "said", "Her brothers"),
    ("In a statement, the board said the staffers’ actions were “completely unacceptable” and that it "
     "would investigate.", "mixed",
     "the staffers’ actions were “completely unacceptable” and that it would investigate", "said", "the board"),
    # a quotation after "began by saying": the subject of the verb the cue hangs on
    ("When she returned, the judge began by saying, “Nobody here will go to jail.”",
     "direct", "Nobody here will go to jail.", "saying", "the judge"),
    ("The minister responded by saying that the port would stay open.",
     "indirect", "the port would stay open", "saying", "The minister"),
    # "according to" at the end, however much longer than the content it is
    ("The mayor leads, according to a long count by the Harbour Press Agency of Ohio.",
     "indirect", "The mayor leads", "according to", "a long count by the Harbour Press Agency of Ohio"),
    # what a cue adds after itself when its content came before is the writer's ("Thursday")
    ("The ferry will run again in May, the harbour master said Thursday.",
     "indirect", "The ferry will run again in May", "said", "the harbour master"),
    ("The ferry will run again in May, port spokeswoman Ines Varga said on Thursday in Split.",
     "indirect", "The ferry will run again in May", "said", "port spokeswoman Ines Varga"),
    # "called for X to do": the parser takes "for" for the mark of a clause
    ("The prince called for the mayor to resign from the council.",
     "indirect", "the mayor to resign from the council", "called", "The prince"),
    # what an object is praised, accused or taken for stays with it; a time does not
    ("Mayor Lena Okafor praised the nurses for their courage.",
     "indirect", "the nurses for their courage", "praised", "Mayor Lena Okafor"),
    ("The mayor accused Okafor of covering up the facts about the flood.",
     "indirect", "Okafor of covering up the facts about the flood", "accused", "The mayor"),
    ("The senator described his proposal as too vague and unrealistic.",
     "indirect", "his proposal as too vague and unrealistic", "described", "The senator"),
    ("Mayor Lena Okafor praised the nurses on Monday.",
     "indirect", "the nurses", "praised", "Mayor Lena Okafor"),
    # a poll set into the sentence it reports
    ("What is less certain, the survey shows, is whether young voters will turn out.",
     "indirect", "What is less certain, the survey shows, is whether young voters will turn out", "shows",
     "the survey"),
    # a that-clause the parser hung on the phrase before it
    ("Okafor said following a vote in 2019 that he had serious doubts about the dam.",
     "indirect", "he had serious doubts about the dam", "said", "Okafor"),
    # verbs of criticism and complaint report what they are aimed at
    ("The mayor decried the decision to close the port.",
     "indirect", "the decision to close the port", "decried", "The mayor"),
    ("Senator Ana Ruiz railed against the trade deals on Monday.",
     "indirect", "the trade deals", "railed", "Senator Ana Ruiz"),
    ("The union lamented that the port would close.",
     "indirect", "the port would close", "lamented", "The union"),
    # what a congratulation is on stays with its object; a time does not
    ("Mayor Lena Okafor congratulated the nurses on their courage.",
     "indirect", "the nurses on their courage", "congratulated", "Mayor Lena Okafor"),
    ("Mayor Lena Okafor congratulated the nurses on Monday.",
     "indirect", "the nurses", "congratulated", "Mayor Lena Okafor"),
    ("The mayor reaffirmed that the port would stay open.",
     "indirect", "the port would stay open", "reaffirmed", "The mayor"),
    # an active cue joined to a passive verb shares its subject, who spoke
    ("Okafor was sworn in on Monday and said that the port would reopen.",
     "indirect", "the port would reopen", "said", "Okafor"),
    # what an object is seen or shown as
    ("Most voters see the port as key to the town.",
     "indirect", "the port as key to the town", "see", "Most voters"),
    ("The ad portrays Tom Keller as a friend of the banks.",
     "indirect", "Tom Keller as a friend of the banks", "portrays", "The ad"),
])
def test_single_statement(analyzer, text, kind, content, cue, mention):
    s = only(analyzer, text)
    assert (s.kind, s.text, s.cue.text, s.speaker.mention.text) == (kind, content, cue, mention)


def test_split_quote_is_one_statement_with_two_parts(analyzer):
    text = '"We will win the vote," she said, "and we will do it without their help."'
    s = only(analyzer, text)
    assert [p.text for p in s.parts] == ["We will win the vote,", "and we will do it without their help."]
    assert s.cue.text == "said" and s.speaker.mention.text == "she"
    assert s.start == s.parts[0].start and s.end == s.parts[1].end


def test_two_conjoined_cues_give_two_statements_with_one_speaker(analyzer):
    text = "Jones stated that taxes were too high and complained that nobody listened to farmers."
    first, second = statements(analyzer, text)
    assert (first.cue.text, first.text) == ("stated", "taxes were too high")
    assert (second.cue.text, second.text) == ("complained", "nobody listened to farmers")
    assert first.speaker.name == second.speaker.name == "Jones"


def test_denial_and_conjoined_say_share_the_subject(analyzer):
    text = "The company denies polluting the river but says it will pay for the clean-up."
    denied, said = statements(analyzer, text)
    assert denied.text == "polluting the river" and said.text == "it will pay for the clean-up"
    assert said.speaker.mention.text == "The company"


def test_quote_running_on_into_next_paragraph(analyzer):
    text = ('"The first phase is finished," Okafor said. "The turbines arrive in June.\n\n'
            '"After that, the grid connection takes a year."')
    (s,) = statements(analyzer, text)
    assert [p.text for p in s.parts] == ["The first phase is finished,", "The turbines arrive in June.",
                                         "After that, the grid connection takes a year."]
    assert s.speaker.mention.text == "Okafor" and s.cue.text == "said"


def test_quote_after_the_cue_sentence_continues_the_statement(analyzer):
    text = "''We are ready,'' the coach said on Friday. ''The players know what to do.''"
    (s,) = statements(analyzer, text)
    assert [p.text for p in s.parts] == ["We are ready,", "The players know what to do."]
    assert s.speaker.mention.text == "the coach"


def test_cue_set_inside_the_sentence_it_reports(analyzer):
    text = "The bridge, officials said, will reopen on Friday."
    (s,) = statements(analyzer, text)
    assert s.text == "The bridge, officials said, will reopen on Friday"
    assert [p.text for p in s.parts] == ["The bridge", "will reopen on Friday"]
    assert s.cue.text == "said" and s.speaker.mention.text == "officials"


def test_participle_cue_takes_the_subject_of_its_verb(analyzer):
    text = "Ruiz attacked the plan, saying that it would ruin the quay."
    found = statements(analyzer, text)
    saying = next(s for s in found if s.cue.text == "saying")
    assert saying.text == "it would ruin the quay" and saying.speaker.mention.text == "Ruiz"


def test_quotation_filling_its_paragraph_continues_the_speaker(analyzer):
    text = ('Mayor Ana Ruiz said the repairs would start in March.\n\n'
            '"We have waited long enough. The money is finally there."')
    said, continued = statements(analyzer, text)
    assert continued.kind == "direct" and continued.cue is None
    assert continued.speaker.name == "Ana Ruiz" and continued.speaker.mention == said.speaker.mention
    assert continued.confidence < said.confidence


@pytest.mark.parametrize("text", [
    'The so-called "peace plan" was published on Monday.',          # scare quotes
    "The bridge was closed on Monday after the storm.",             # no attribution at all
    "Recall: the town has flooded twice since 2019.",               # imperative, no speaker
    "Ana Ruiz saw the new bridge on Monday.",                       # seeing, not seeing as
])
def test_no_statement(analyzer, text):
    assert statements(analyzer, text) == ()


def test_a_cue_inside_what_another_said_reports_nothing_around_it(analyzer):
    text = "The magazine said that the mayor had not replied."
    assert [(s.cue.text, s.text) for s in statements(analyzer, text)] == [("said", "the mayor had not replied")]


def test_cues_inside_a_quotation_are_the_speakers_words(analyzer):
    text = '"People say that the tide is rising," Ruiz said.'
    assert [s.text for s in statements(analyzer, text)] == ["People say that the tide is rising,"]


def test_one_odd_quotation_mark_skips_one_candidate_only(analyzer):
    text = 'He said "the plan is good.\n\nRuiz said that the vote would be held in June.'
    found = statements(analyzer, text)
    assert any(s.text == "the vote would be held in June" for s in found)


def test_a_headline_name_and_colon_is_no_statement(analyzer):
    text = "Lena Okafor: Wind Power Will Pay for Itself\n\nThe minister spoke in Oslo on Monday."
    assert statements(analyzer, text) == ()


def test_a_label_and_colon_is_not_a_speaker(analyzer):
    assert statements(analyzer, "Update: the road reopened at noon on Monday.") == ()


def test_quotation_signed_with_a_dash(analyzer):
    text = "“We were never asked about the cable route.” ― Daniel Brennock"
    (s,) = statements(analyzer, text)
    assert s.text == "We were never asked about the cable route." and s.speaker.name == "Daniel Brennock"


def test_document_as_source_phrase(analyzer):
    text = "In the latest survey, most residents backed the new harbour."
    (s,) = statements(analyzer, text)
    assert s.text == "most residents backed the new harbour" and s.speaker.mention.text == "the latest survey"


@pytest.mark.parametrize("text, speaker", [
    ("In a statement on Friday, Lena Okafor praised the plans for the port.", "Lena Okafor"),
    ("In his speech on Wednesday, Tom Reyes proclaimed a goal of peace through strength.", "Tom Reyes"),
    ("In an interview about the port, Lena Okafor did an excellent job pressing the mayor.", None),
])
def test_a_speech_or_statement_speaks_for_the_clauses_subject(analyzer, text, speaker):
    assert all(s.speaker.name == speaker for s in statements(analyzer, text))


@pytest.mark.parametrize("text, cue, content", [
    ("In an interview on Thursday, the senator criticized the new budget for schools.", "criticized",
     "the new budget for schools"),
    ("In a statement, Lena Okafor praised the plans for the port.", "praised", "the plans for the port"),
])
def test_a_speaker_with_a_cue_of_their_own_says_what_the_cue_says_not_the_whole_clause(analyzer, text, cue, content):
    (s,) = statements(analyzer, text)
    assert (s.cue.text, s.text) == (cue, content)


@pytest.mark.parametrize("text, speaker", [
    ("As The Guardian reported on Friday, the board was refusing to call the closure a failure.", "Guardian"),
    ("The board, Lena Okafor said, was refusing to call the closure a failure.", "Lena Okafor"),
])
def test_a_cue_set_into_the_sentence_wins_over_a_verb_inside_what_it_reports(analyzer, text, speaker):
    (s,) = statements(analyzer, text)
    assert s.speaker.name == speaker and s.text.endswith("was refusing to call the closure a failure")


def test_a_cue_in_a_comparison_frames_nothing(analyzer):
    # the writer's judgement, not what Keller suggested
    text = "It is more complicated than Tom Keller suggests, but the figure is in the right range."
    assert all(s.cue is None or s.cue.text != "suggests" for s in statements(analyzer, text))


def test_according_to_wins_over_a_verb_inside_its_content(analyzer):
    text = "The union has 4,000 members who back the strike, according to its own figures."
    (s,) = statements(analyzer, text)
    assert s.cue.text == "according to" and s.text == "The union has 4,000 members who back the strike"


@pytest.mark.parametrize("text, cue, content", [
    ("A new poll shows the mayor losing ground among young voters.", "shows",
     "the mayor losing ground among young voters"),
    ("Audit files show that four accounts ran the searches.", "show", "four accounts ran the searches"),
    ("The senator criticized the budget for its cuts to schools.", "criticized",
     "the budget for its cuts to schools"),
    ("The minister declined to comment on the report.", "declined", "to comment on the report"),
    ("Ruiz wants to finish the harbour before the election.", "wants",
     "to finish the harbour before the election"),
])
def test_stance_evidence_and_intent_cues(analyzer, text, cue, content):
    s = only(analyzer, text)
    assert (s.cue.text, s.text) == (cue, content)


@pytest.mark.parametrize("text, content", [
    ("The mayor hopes the new bridge will open before winter.", "the new bridge will open before winter"),
    ("Okafor hoped that the vote would settle the matter.", "the vote would settle the matter"),
])
def test_a_cue_the_lemmatiser_misreads_is_read_from_its_form(analyzer, text, content):
    # the small English model lemmatises "hopes" as "hop": the cue is read from its form
    s = only(analyzer, text)
    assert s.text == content and s.act == "thought"


def test_transcript_speaker_in_capitals(analyzer):
    text = ("Market debate\n\nANA RUIZ: We will not close the fish market.\n\n"
            "TOM ASHE: Will the stalls move?\n\nANA RUIZ: They stay where they are.")
    found = statements(analyzer, text)
    assert found[0].text == "We will not close the fish market" and found[0].speaker.mention.text == "ANA RUIZ"
    assert [s.speaker.mention.text for s in found] == ["ANA RUIZ", "TOM ASHE", "ANA RUIZ"]


def test_question_whose_asker_is_left_out(analyzer):
    text = "When asked whether the ferry would run in winter, the mayor smiled."
    s = only(analyzer, text)
    assert s.cue.text == "asked" and s.text == "the ferry would run in winter"
    assert s.speaker.mention is None and s.speaker.name is None


@pytest.mark.parametrize("text, content, source", [
    ("As reported by the Coastal Ledger, the council met in secret twice.",
     "the council met in secret twice", "the Coastal Ledger"),
    ("The plan was first reported by the Coastal Ledger.", "The plan", "the Coastal Ledger"),
])
def test_passive_cue_with_its_agent(analyzer, text, content, source):
    s = only(analyzer, text)
    assert (s.text, s.speaker.mention.text) == (content, source)


def test_writer_words_leading_into_a_quotation_belong_to_it(analyzer):
    text = 'The new harbour, in her view, "will pay for itself within ten years," Ruiz said.'
    s = only(analyzer, text)
    assert s.kind == "mixed" and s.text.startswith("The new harbour, in her view,")
    assert s.text.endswith("within ten years,")


def test_prepositional_content_leaves_the_preposition_out(analyzer):
    s = only(analyzer, "The union called for a new vote on the harbour plan.")
    assert (s.cue.text, s.text) == ("called", "a new vote on the harbour plan")


def test_a_clause_keeps_what_the_cue_adds_after_it(analyzer):
    s = only(analyzer, "Ruiz said she would be honored to serve should the council ask her.")
    assert s.text == "she would be honored to serve should the council ask her"


def test_participle_after_a_reported_clause_keeps_the_reporter(analyzer):
    text = "She said the route had been changed twice, adding that compensation would be fair."
    adding = next(s for s in statements(analyzer, text) if s.cue.text == "adding")
    assert adding.text == "compensation would be fair" and adding.speaker.mention.text == "She"


@pytest.mark.parametrize("text, content", [
    # a list the parser breaks ("leave" taken for a verb) stays whole
    ("Okafor highlighted the high cost of ferry tickets, rising harbour fees and unpaid overtime.",
     "the high cost of ferry tickets, rising harbour fees and unpaid overtime"),
    ("Okafor praised the plan, and the council voted for it.", "the plan"),
    # a contrast after a comma is the writer's, not more of what was said
    ("Officials said the ferry would keep running, while the union condemned the new timetable.",
     "the ferry would keep running"),
    # a condition stays with what was said
    ("The mayor said the road will reopen, if the weather holds.", "the road will reopen, if the weather holds"),
])
def test_content_bounds_keep_lists_and_leave_the_writers_clauses(analyzer, text, content):
    assert statements(analyzer, text)[0].text == content


def test_a_conjoined_cue_hung_inside_a_clause_keeps_the_outer_subject(analyzer):
    # the parser hangs "blamed" on "pull", whose subject is Russia; its tense says it is Putin's
    text = ("Mr. Putin backpedaled on his prediction a year ago that Russia would pull out of its "
            "slump within two years, and blamed the tumble in oil prices.")
    blamed = next(s for s in statements(analyzer, text) if s.cue and s.cue.text == "blamed")
    assert blamed.speaker.mention.text == "Mr. Putin"


def test_a_cue_with_its_own_clause_after_a_closed_quotation_is_not_its_cue(analyzer):
    text = ("“It is a sad day,” Cruz told reporters in Milwaukee. “This is what the campaign is.” "
            "Ohio Gov. John Kasich said he would have fired the manager.")
    found = statements(analyzer, text)
    quote = next(s for s in found if s.text.startswith("This is"))
    assert quote.speaker.name != "John Kasich"
    kasich = next(s for s in found if s.cue and s.cue.text == "said")
    assert kasich.text == "he would have fired the manager"


def test_a_cue_in_a_clause_of_although_or_because_is_not_the_quotations(analyzer):
    text = ("Elise Matthesen found him. “He looked a little surprised,” she wrote in an email. "
            "“Sort of mildly quizzical.” Although he had written a will, it was never witnessed.")
    assert all(s.cue.text != "had written" for s in statements(analyzer, text) if s.cue)


def test_the_clause_after_the_cue_is_its_content_when_the_parser_hangs_one_before(analyzer):
    text = 'Research team head Jennifer Ngo-Anh says the idea "is actually not so crazy."'
    (s,) = statements(analyzer, text)
    assert s.text == 'the idea "is actually not so crazy."' and s.speaker.name == "Jennifer Ngo-Anh"


def _parsed(nlp, words, heads, deps, pos, ents):
    """A parse as the parser gets it wrong, written out (heads as indices)."""
    from spacy.tokens import Doc, Span
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    doc.ents = [Span(doc, a, b, label=label) for a, b, label in ents]
    return doc


def test_a_main_cue_without_a_subject_takes_the_name_before_its_aside(nlp):
    from onrecord.nlp.statements import subject_of
    # "Sen. Ana Ruiz (D-OH) said …" with "Ruiz" hung on the phrase before, as the parser may
    words = ["At", "the", "convention", "Sen.", "Ana", "Ruiz", "(", "D", ")", "said", "taxes", "rose", "."]
    heads = [9, 2, 0, 5, 5, 2, 5, 5, 5, 9, 11, 9, 9]
    deps = ["prep", "det", "pobj", "compound", "compound", "appos", "punct", "appos", "punct", "ROOT",
            "nsubj", "ccomp", "punct"]
    pos = ["ADP", "DET", "NOUN", "PROPN", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB", "NOUN",
           "VERB", "PUNCT"]
    doc = _parsed(nlp, words, heads, deps, pos, [(3, 6, "PERSON")])
    assert subject_of(doc[9]).text == "Ruiz"


def test_a_surname_the_tagger_read_as_an_adverb_opening_the_sentence_is_the_subject(nlp):
    from onrecord.nlp.statements import subject_of
    # "Early said he …", "Early" taken for the adverb
    words = ["Early", "said", "he", "had", "worked", "hard", "."]
    heads = [1, 1, 4, 4, 1, 4, 1]
    deps = ["advmod", "ROOT", "nsubj", "aux", "ccomp", "advmod", "punct"]
    pos = ["ADV", "VERB", "PRON", "AUX", "VERB", "ADV", "PUNCT"]
    assert subject_of(_parsed(nlp, words, heads, deps, pos, [])[1]).text == "Early"
    lower = ["early", *words[1:]]        # not a name written as one
    assert subject_of(_parsed(nlp, lower, heads, deps, pos, [])[1]) is None


def test_the_last_name_of_a_list_is_no_subject_of_the_cue_after_it(nlp):
    from onrecord.nlp.statements import subject_of
    # "…, Obama and Clinton call them …" with the list hung on the clause before
    words = ["After", "the", "war", ",", "Okafor", "and", "Ruiz", "call", "it", "lost", "."]
    heads = [7, 2, 0, 7, 2, 4, 4, 7, 7, 7, 7]
    deps = ["prep", "det", "pobj", "punct", "conj", "cc", "conj", "ROOT", "dobj", "oprd", "punct"]
    pos = ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "CCONJ", "PROPN", "VERB", "PRON", "ADJ", "PUNCT"]
    doc = _parsed(nlp, words, heads, deps, pos, [(4, 5, "PERSON"), (6, 7, "PERSON")])
    assert subject_of(doc[7]) is None


def test_a_that_clause_hung_on_a_phrase_is_the_content(nlp):
    from onrecord.nlp.statements import _content
    words = ["Okafor", "said", "after", "a", "vote", "that", "he", "had", "doubts", "."]
    heads = [1, 1, 1, 4, 2, 7, 7, 4, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "relcl", "dobj", "punct"]
    pos = ["PROPN", "VERB", "ADP", "DET", "NOUN", "SCONJ", "PRON", "VERB", "NOUN", "PUNCT"]
    doc = _parsed(nlp, words, heads, deps, pos, [(0, 1, "PERSON")])
    start, end, frame = _content(doc[1], ("ccomp", "quote", "dobj"))
    assert (doc.text[start:end], frame) == ("he had doubts", "ccomp")


def test_a_thing_that_shows_is_not_set_into_a_sentence(analyzer):
    # photos are no poll or records: "the photos show" reports nothing
    assert statements(analyzer, "The harbour is quiet, the photos show, and the boats are gone.") == ()


def test_a_survey_set_into_its_sentence_has_the_pieces_around_it(analyzer):
    s = only(analyzer, "What is less certain, the survey shows, is whether young voters will turn out.")
    assert [p.text for p in s.parts] == ["What is less certain", "is whether young voters will turn out"]


def test_an_object_the_parser_split_at_its_hyphen_is_kept_whole(analyzer):
    text = "Senator Ana Ruiz spoke in Bonn. Ruiz feared the re-emergence of a strong army in Europe."
    (s,) = statements(analyzer, text)
    assert s.text == "the re-emergence of a strong army in Europe"


def test_a_clause_opened_by_since_that_the_parser_read_as_a_phrase_keeps_its_own_subject(analyzer):
    text = ("Clara Jensen and Tom Keller met for a debate on Monday. Keller has been targeting Marsh since "
            "Jensen, at Monday’s debate, cited derogatory comments Keller had made about Marsh.")
    cited = [s for s in statements(analyzer, text) if s.cue.text == "cited"]
    assert [s.speaker.name for s in cited] == ["Clara Jensen"]


def test_a_clause_with_its_own_cue_and_subject_joined_to_the_content_is_another_statement(analyzer):
    text = "Six in 10 voters said the mayor is honest, and a third said the same of the rival."
    got = {(s.speaker.mention.text, s.text) for s in statements(analyzer, text)}
    assert ("Six in 10 voters", "the mayor is honest") in got
    assert ("a third", "the same of the rival") in got


def test_a_passive_or_a_question_joined_to_the_content_stays_in_it(analyzer):
    text = "Ruiz did not say why the fee is charged or why it was mentioned by the mayor in a speech."
    (s,) = statements(analyzer, text)
    assert s.text.endswith("mentioned by the mayor in a speech")


def test_a_predicate_the_parser_took_for_an_apposition_is_what_called_says(nlp):
    # the parse the model gives "called his actions “a crucial step”": the predicate as an
    # apposition of the object; set off by a comma it is a real apposition
    def called(words, heads, deps, pos):
        doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
        return _content(doc[1], ("oprd", "prep:for"))
    words = ["She", "called", "his", "actions", "a", "crucial", "step"]
    heads, deps = [1, 1, 3, 1, 6, 6, 3], ["nsubj", "ROOT", "poss", "dobj", "det", "amod", "appos"]
    pos = ["PRON", "VERB", "PRON", "NOUN", "DET", "ADJ", "NOUN"]
    assert called(words, heads, deps, pos) == (len("She called "), len("She called his actions a crucial step"), "oprd")
    words.insert(4, ",")
    heads, deps = [1, 1, 3, 1, 3, 7, 7, 3], ["nsubj", "ROOT", "poss", "dobj", "punct", "det", "amod", "appos"]
    assert called(words, heads, deps, pos[:4] + ["PUNCT"] + pos[4:]) is None


def test_whom_someone_telephoned_is_no_statement(analyzer):
    assert not statements(analyzer, "Ana Ruiz called her brother, a doctor, on Tuesday.")
    assert not statements(analyzer, "Ana Ruiz called her brother Tom.")


def test_a_date_after_called_is_when_not_what(analyzer):
    s = only(analyzer, "Ana Ruiz on Wednesday called on the council to apologize.")
    assert s.text == "the council to apologize"


def test_a_quoted_predicate_of_called_is_the_content_not_a_preposition_inside_it(analyzer):
    s = only(analyzer, "Ruiz called his new rules “a real step forward for the port.”")
    assert s.text == "his new rules “a real step forward for the port.”"


def test_for_after_the_object_of_called_is_no_call_for(analyzer):
    assert not statements(analyzer, "Ana Ruiz called her brother for dinner.")


def test_years_after_of_are_what_the_accusation_is_about_not_a_time(analyzer):
    s = only(analyzer, 'Ana Ruiz accused him of years of "careless, costly delays".')
    assert s.text == 'years of "careless, costly delays"'


def test_a_predicate_in_quotation_marks_the_parser_hung_inside_the_object(analyzer):
    # the parser makes "an attack" an apposition of "firefighters", inside the relative clause
    text = 'In brief remarks, Keller called the assault that killed three Dallas firefighters "an attack on our city," and vowed to act.'
    called = next(s for s in statements(analyzer, text) if s.cue.text == "called")
    assert called.text == 'the assault that killed three Dallas firefighters "an attack on our city,"'


def test_a_quotation_a_verb_inside_the_object_speaks_is_no_predicate(analyzer):
    text = "Okafor called the reporter who asked “why now?” on Monday."
    assert "called" not in [s.cue.text for s in statements(analyzer, text) if s.cue is not None]


@pytest.mark.parametrize("text", [
    "Everyone at the mill called him Mike.",            # a name given, nothing said
    "After that, Tom Keller wrote, and wrote, and wrote.",   # the cue said again says nothing
])
def test_words_that_say_nothing_of_what_was_said_are_no_statement(analyzer, text):
    assert statements(analyzer, text) == ()


def test_a_cue_that_calls_something_a_common_noun_still_says_it(analyzer):
    s = only(analyzer, "The council called the toll a mistake.")
    assert (s.text, s.cue.text) == ("the toll a mistake", "called")
