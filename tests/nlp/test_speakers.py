"""Speaker resolution on short articles of our own: mention at the statement -> person."""
from __future__ import annotations

import pytest

import onrecord


def speakers(analyzer, text):
    article = onrecord.extract(text, analyzer=analyzer)
    return [(s.speaker.mention.text if s.speaker.mention else None, s.speaker.name) for s in article.statements]


@pytest.mark.parametrize("text, expected", [
    # a surname is the full name seen earlier
    ("Energy Minister Lena Okafor opened the plant on Monday. Okafor said the grid was ready.",
     [("Okafor", "Lena Okafor")]),
    # a pronoun is the most recent compatible speaker
    ("Lena Okafor said the grid was ready. She added that prices would fall.",
     [("Lena Okafor", "Lena Okafor"), ("She", "Lena Okafor")]),
    # a title with a nationality adjective, from a premodified name
    ("Norwegian Prime Minister Jonas Berg met the press in Oslo. "
     "The Norwegian prime minister said the deal was fair.",
     [("The Norwegian prime minister", "Jonas Berg")]),
    # a respectively-construction gives each person a country
    ("Maria Lopez and Peter Schmidt, the ministers of Spain and Germany, met on Friday. "
     "Lopez said the ferry line would open in May. The German minister said the money was there.",
     [("Lopez", "Maria Lopez"), ("The German minister", "Peter Schmidt")]),
    ("Olaf Brandt and Marie Colin, the Chancellors of Germany and France, met in Berlin. "
     "The French chancellor said the talks were useful.",
     [("The French chancellor", "Marie Colin")]),
    # an apposition gives a role and a country; a descriptor uses both
    ("Pedro Alves, the Brazilian foreign minister, arrived in Lima. "
     "Alves said trade would grow. His colleague from Peru said nothing had been signed. "
     "The Brazilian minister insisted that the deal was close.",
     [("Alves", "Pedro Alves"), ("His colleague from Peru", None),
      ("The Brazilian minister", "Pedro Alves")]),
    # "both" names both people of the last joint statement
    ("Both Ana Ruiz and Tom Keller called the meeting useful. Both acknowledged the need for more ferries.",
     [("Both Ana Ruiz and Tom Keller", "Ana Ruiz and Tom Keller"), ("Both", "Ana Ruiz and Tom Keller")]),
    # a country's government speaks for the country; "the government" alone names none
    ("The French government said the plan was fair. The government of Norway said it would pay. "
     "The government insisted that the talks would go on.",
     [("The French government", "France"), ("The government of Norway", "Norway"), ("The government", None)]),
    # a state's body speaks, named as written; "the ministry" alone names none
    ("Norway's foreign ministry said the ferry deal was fair. The Danish navy said its ships would stay. "
     "The ministry insisted that the talks would go on.",
     [("Norway's foreign ministry", "Norway's foreign ministry"), ("The Danish navy", "Danish navy"),
      ("The ministry", None)]),
    # "it" after a body, "the statement" it spoke in, and "it" after the statement are that body
    ("Two divers were hurt, the Danish navy said in a statement on Monday. “The cause is not known,” "
     "the statement said. It said the names would be released later. The campaign said nothing.",
     [("the Danish navy", "Danish navy"), ("the statement", "Danish navy"), ("It", "Danish navy")]),
    ("The Okafor campaign said the ad was false. It said the ad would be pulled.",
     [("The Okafor campaign", "Okafor campaign"), ("It", "Okafor campaign")]),
    # "the city of X" is X, the city even when it is a capital
    ("The city of Denver is demanding that the campaign stop using its harbour in the ads.",
     [("The city of Denver", "Denver")]),
    ("The city of Beijing said the plan was fair.", [("The city of Beijing", "Beijing")]),
    # "the commission": the one organisation before whose name has it for its head word
    ("A letter from the National Commission on Fisheries arrived on Monday, signed by its chairman. "
     "The commission says on its website that the season will go ahead.",
     [("The commission", "National Commission on Fisheries")]),
    # a seat of government stands for its country
    ("Beijing denies sending troops to the border.", [("Beijing", "China")]),
    # an organisation speaks under its own name
    ("The World Health Organization said the outbreak was over.",
     [("The World Health Organization", "World Health Organization")]),
    # anonymous sources are kept as mentions without a name
    ("The talks will resume in June, a source close to the talks said.",
     [("a source close to the talks", None)]),
    # a party's people named beside it are the speakers, not the party
    ("But the two leading Republicans, Tom Keller and Senator Ana Ruiz, have said they would undo the deal.",
     [("the two leading Republicans", "Tom Keller and Ana Ruiz")]),
    # beside a campaign a party's people are no one named: the campaign speaks
    ("Maria Lopez spoke to voters in Ohio on Monday. Her campaign and Democrats across the state said "
     "that the plan was unfit.",
     [("Her campaign and Democrats across the state", "Lopez campaign")]),
    # an apposition's clauses speak of others: "Mr. Keller" and "him" there are not her gender
    ("Maria Lopez, the party chairwoman, spoke first. ''We are worried,'' she said. Then Ines Varga, "
     "director of a union that has endorsed Mr. Keller and campaigned for him, said her group would march. "
     "''We will be a force,'' she said.",
     [("she", "Maria Lopez"), ("that", None), ("Ines Varga", "Ines Varga"), ("she", "Ines Varga")]),
    # "Lopez’ son", read by the parser as an apposition, gives her no gender
    ("Maria Lopez survived the attack. The gunman killed nine people, including Lopez’ son, 26-year-old "
     "Tomas. Lopez called her son her hero. “Hate destroys those who harbor it,” she said.",
     [("Lopez", "Maria Lopez"), ("she", "Maria Lopez")]),
    # a quotation that opens on "he" speaks of another man: the writer's "he" is not told
    ("Tom Keller spoke of his brother Freddy Keller, who died young. ''He would have been a peacemaker,'' "
     "he said.", [("he", None)]),
    # "they" after people named together as the subject; nobody when a plural stands between
    ("David Autor, David Dorn and Gordon Hanson studied trade. They conclude that the losses were large.",
     [("They", "David Autor and David Dorn and Gordon Hanson")]),
    ("Hillary Clinton and Elizabeth Warren appeared together. They said the plan was fair. Both women "
     "then spoke to voters in Ohio. They said that the plan was unfair.",
     [("They", "Hillary Clinton and Elizabeth Warren"), ("They", None)]),
    # a role from business or the press is a role like an office
    ("Harbour businessman Tom Keller spoke in Iowa. The Harbour businessman said that trade deals were bad.",
     [("The Harbour businessman", "Tom Keller")]),
    # a man named only in an aside of the sentence before is no clear antecedent
    ("Ana Ruiz asked about the court. Don't Republicans risk more liberal nominees than under Tom Keller? "
     "“They should do whatever they want,” he said.", [("he", None)]),
    # a main subject the tagger took for no one stands between "he" and the last man named
    ("Tom Keller said that the port would close.\n\nVarnholt replied on Friday to reports that the "
     "port would close. “I am pleased,” he said.",
     [("Tom Keller", "Tom Keller"), ("he", None)]),
])
def test_resolution(analyzer, text, expected):
    assert speakers(analyzer, text) == expected


def test_two_speakers_statement_lists_both(analyzer):
    article = onrecord.extract("Both Ana Ruiz and Tom Keller called the meeting useful.", analyzer=analyzer)
    (s,) = article.statements
    assert s.speakers == ("Ana Ruiz", "Tom Keller")
    assert s.speaker.name == "Ana Ruiz and Tom Keller"


def test_speaker_links_to_its_entity(analyzer):
    article = onrecord.extract("Lena Okafor said the grid was ready.", analyzer=analyzer)
    (s,) = article.statements
    entity = next(e for e in article.entities if e.id == s.speaker.entity)
    assert entity.name == "Lena Okafor" and entity.type == "PERSON"


def evidence(analyzer, text):
    article = onrecord.extract(text, analyzer=analyzer)
    return [(s.speaker.mention.text if s.speaker.mention else None, s.speaker.name, s.speaker.resolution)
            for s in article.statements]


@pytest.mark.parametrize("text, expected", [
    # "she" is never a man, however recent
    ("Clara Jensen met Tom Keller on Monday. She said the talks were useful.",
     [("She", "Clara Jensen", "pronoun")]),
    # two people of the pronoun's gender, equally salient: no name
    ("Tom Keller spoke to the press, and Peter Schmidt spoke to the board. He said the talks were useful.",
     [("He", None, None)]),
    # the one asked is the one who answers
    ("Reporter Tom Keller asked Senator Clara Jensen whether the bill would pass. "
     "“It will pass,” she said.",
     [("Reporter Tom Keller", "Tom Keller", "name"), ("she", "Clara Jensen", "pronoun")]),
    # an honorific with a surname picks that gender's bearer of the name
    ("Paul Marsh and his wife, Ruth Marsh, arrived in Oslo. Mrs. Marsh said the trip was long.",
     [("Mrs. Marsh", "Ruth Marsh", "surname")]),
    # a role as subject that fits one person keeps that person salient for the pronoun after
    ("President Tom Keller spoke about the climate in 2016. Paul Marsh, his rival, said little. "
     "In defeat, the president appeared cowed. Campaigning against Marsh in 2012, he barely mentioned "
     "climate change.",
     [("he", "Tom Keller", "pronoun")]),
    # a relative pronoun is its antecedent
    ("Clara Jensen, who said the bill would pass, left early.", [("who", "Clara Jensen", "relative")]),
    # "who" is a person: the one whose apposition holds the organisation it was hung on
    ("The board has invited Tom Keller, the president of the Foundation for Coastal Peace, who "
     "frequently criticizes the port authority.", [("who", "Tom Keller", "relative")]),
    # so is the person of the second of two appositions joined by "and"; a noun joined to the
    # person is someone else
    ("One is Clara Jensen, a nurse in Oslo and a young trader who felt she was not heard.",
     [("who", "Clara Jensen", "relative")]),
    ("Clara Jensen and a farmer who said the river was rising left early.", [("who", None, None)]),
    # a title between quotation and name: the cue's own subject, not the speaker before
    ("Tom Keller said the vote was close.\n\n“We have the votes,” Norway's deputy director of budgets, "
     "Clara Jensen, said on Monday.",
     [("Tom Keller", "Tom Keller", "name"),
      ("Norway's deputy director of budgets", "Clara Jensen", "apposition")]),
    # a transcript's labels in capitals: a first name and surname make a person; a surname alone
    # is the one person of the article with it
    ("Governor Ruth Marsh spoke on Sunday.\n\nPartial transcript as follows:\n\n"
     "DANA OKAFOR: The bill passed the Senate on Friday.\n\nMARSH: I think the bill is a good start.\n\n"
     "OKAFOR: Do you think the House will pass it too?",
     [("DANA OKAFOR", "Dana Okafor", "name"), ("MARSH", "Ruth Marsh", "surname"),
      ("OKAFOR", "Dana Okafor", "surname")]),
    # someone of a people is not their country
    ("Many Americans say they will move. Now one kind-hearted Canadian wants to help them.",
     [("Many Americans", "Americans", "name"), ("one kind-hearted Canadian", None, None)]),
    # a campaign named after its candidate
    ("Jensen's campaign said the ads would run in May. Clara Jensen agreed.",
     [("Jensen's campaign", "Jensen campaign", "name")]),
])
def test_resolution_evidence(analyzer, text, expected):
    assert evidence(analyzer, text) == expected


def test_a_name_in_a_prepositional_phrase_does_not_outweigh_the_subject(analyzer):
    text = ("Tom Keller spoke first. Unlike Keller, Peter Schmidt votes no. "
            "He believes that taxes should fall.")
    assert evidence(analyzer, text)[-1] == ("He", "Peter Schmidt", "pronoun")


@pytest.mark.parametrize("text, expected", [
    # the object of the main verb's preposition is no aside: the writer thought of her
    ("I thought of Anna Berg at once. How would she feel?\n\n“It is such good news,” she replied.",
     ("she", "Anna Berg", "pronoun")),
    # in a clause of its own it still is ("after meeting with …"): he is the speaker
    ("Tom Keller spoke after meeting with Peter Schmidt. He said that the talks went well.",
     ("He", "Tom Keller", "pronoun")),
])
def test_the_object_of_a_verbs_preposition(analyzer, text, expected):
    assert evidence(analyzer, text)[-1] == expected


def test_the_one_who_reported_is_he_not_the_one_reported_on(analyzer):
    text = ("Tom Keller won the vote in the north, Peter Schmidt said. "
            "\"It is an open question whether he can win the south,\" he said.")
    assert evidence(analyzer, text)[-1] == ("he", "Peter Schmidt", "pronoun")


def test_the_speaker_of_words_reported_inside_others_is_not_the_main_subject(analyzer):
    # Keller speaks only inside what Schmidt said: "he" goes on with Schmidt
    text = ("Peter Schmidt said that Tom Keller claimed the plan had failed. "
            "He added that it would cost more.")
    assert evidence(analyzer, text)[-1] == ("He", "Peter Schmidt", "pronoun")


def test_the_one_person_a_he_can_be_is_a_he(analyzer):
    # nothing says Vukic is a man but the "he" that can only be him; so "she" is not him
    text = ("Ozren Vukic arrived in Geneva on Monday. He made climate change his top priority. "
            "Vukic met Anna Weber at the hotel. She said the deal would hold.")
    assert evidence(analyzer, text)[-1] == ("She", "Anna Weber", "pronoun")


@pytest.mark.parametrize("text, name", [
    # the sentence before reports what Stovall said of Keller: the quotation's "he" is Keller
    ("Tom Keller spoke in Iowa on Monday. Keller electrified the crowds, Peter Stovall said. "
     "\"He was very articulate,\" he said.", "Peter Stovall"),
    # no such report: the quotation's "he" may be either man, and so may the writer's
    ("Tom Keller met Peter Stovall on Monday. \"He would have made peace,\" he said.", None),
    # the sentence before is Stovall's statement about a man it names by a pronoun alone
    ("Tom Keller spoke in Iowa on Monday. That could help him win the state, Peter Stovall said. "
     "\"He is gaining momentum,\" he said.", "Peter Stovall"),
    # Stovall speaks of himself, and the quotation of another man
    ("Tom Keller spoke in Iowa on Monday. Peter Stovall said he is proud of the campaign. "
     "\"He is doing it the right way,\" he said.", "Peter Stovall"),
])
def test_a_quotation_opening_on_he_after_a_report_on_another_man(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_long_quotation_keeps_its_speaker_near(analyzer):
    # the four sentences of one quotation are one step back, not four
    text = ("Anna Weber spoke to the crowd. “We will win,” she said. “We have the votes. We have the money. "
            "We have the time. And we have the will.” She also said the plan would cost less.")
    assert evidence(analyzer, text)[-1] == ("She", "Anna Weber", "pronoun")


def test_a_pronoun_points_at_the_mention_that_named_the_person(analyzer):
    text = "Clara Jensen met Tom Keller on Monday. She said the talks were useful."
    (s,) = onrecord.extract(text, analyzer=analyzer).statements
    assert s.speaker.antecedent is not None
    assert text[s.speaker.antecedent.start:s.speaker.antecedent.end] == "Clara Jensen"
    assert 0 < s.speaker.confidence <= 1


def test_a_name_carries_its_title_apart(analyzer):
    (s,) = onrecord.extract("Senator Clara Jensen said the bill would pass.", analyzer=analyzer).statements
    assert s.speaker.name == "Clara Jensen" and s.speaker.title == "Senator"


def test_a_headline_verb_is_not_part_of_the_name(analyzer):
    text = "Black Lawmakers Rip Clara Jensen\n\nClara Jensen said the budget was fair."
    article = onrecord.extract(text, analyzer=analyzer)
    assert {e.name for e in article.entities if e.type == "PERSON"} == {"Clara Jensen"}


@pytest.mark.parametrize("text", [
    "Tom Keller was accused by Clara Jensen of lying about the budget.",
    "Tom Keller was told by Clara Jensen that the budget was late.",
])
def test_a_passive_subject_is_not_the_speaker(analyzer, text):
    statements = onrecord.extract(text, analyzer=analyzer).statements
    assert statements
    for s in statements:
        assert s.speaker.name == "Clara Jensen" and s.speaker.mention.text == "Clara Jensen"


def test_a_passive_without_agent_names_nobody(analyzer):
    statements = onrecord.extract("Tom Keller was told that the budget was late.", analyzer=analyzer).statements
    assert all(s.speaker.name is None for s in statements)


@pytest.mark.parametrize("text, expected", [
    # a dateline in capitals is not a speaker, and when the parser takes it for a second
    # subject, it does not hide the one who speaks
    ("OSLO, Norway — The minister said on Monday that the deal was close.", ("The minister", None)),
    ("Harbour news.\n\nBERGEN -- The Norwegian Coastal Administration says the channel will reopen in May.",
     ("The Norwegian Coastal Administration", "Norwegian Coastal Administration")),
    # capitalised plurals (a subheading's word glued on) are many studies or people, no one's name
    ("Summary Studies show that skipping breakfast may be associated with later snacking.",
     ("Summary Studies", None)),
    ("Key Researchers found that skipping breakfast may be associated with later snacking.",
     ("Key Researchers", None)),
    # every person of a listed apposition
    ("The two scholars -- Mr. Tribe and Ms. Epstein -- agreed that the court was split.",
     ("The two scholars", "Tribe and Epstein")),
    # a poll's maker, not the poll
    ("A Morning Consult Poll shows that the race is close.", ("A Morning Consult Poll", "Morning Consult")),
    # a role before a surname is a title, not a name
    ("Vikram Amar, a law professor, spoke. “It was barbed,” Dean Amar said.", ("Dean Amar", "Vikram Amar")),
])
def test_what_is_not_a_name_stays_out_of_it(analyzer, text, expected):
    assert speakers(analyzer, text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # "the court": the one organisation named before whose name ends with that noun
    ("The Supreme Court heard the case in May. The court said that the law stood.",
     ("The court", "Supreme Court", "descriptor")),
    # a document speaks for its maker
    ("Nora Vance wrote to donors on Monday. Vance's email to her supporters notes that the race is close.",
     ("Vance's email to her supporters", "Nora Vance", "surname")),
    # an unnamed spokesperson speaks for their organisation
    ("Halvor Motors recalled a truck. A spokeswoman for Halvor Motors said that no one was hurt.",
     ("A spokeswoman for Halvor Motors", "Halvor Motors", "descriptor")),
])
def test_organisations_and_documents(analyzer, text, expected):
    assert evidence(analyzer, text)[-1] == expected


def test_the_court_is_nobody_when_two_courts_were_named(analyzer):
    text = ("The Supreme Court and the Appeals Court heard the case in May. "
            "The court said that the law stood.")
    assert evidence(analyzer, text)[-1][1] is None


@pytest.mark.parametrize("text, expected", [
    ("The Washington Post said that the claim was false.", ("The Washington Post", "Washington Post")),
    ("New Poll Shows Large Gap\n\nThe poll was taken in May.", ("New Poll", None)),
    ("The Republican Convention said that the vote was close.", ("The Republican Convention", None)),
])
def test_a_newspaper_keeps_its_name_and_an_event_does_not_speak(analyzer, text, expected):
    assert speakers(analyzer, text)[0] == expected


@pytest.mark.parametrize("text, name", [
    ("Hillary Clinton arrived. Crooked Hillary Clinton said the plan was bad.", "Hillary Clinton"),
    ("Chairperson Donna Brazile said the vote was fair.", "Donna Brazile"),
    ("Fox News’s Ed Henry said the vote was close.", "Ed Henry"),
    # a position in capitals before a first name ("DL" a lineman, "QB" a quarterback)
    ("Ravens DL Marcus Webb, however, said that the referee had missed the foul.", "Marcus Webb"),
    ("TJ Watt said that the referee had missed the foul.", "TJ Watt"),       # initials, not a position
    # a team the tagger took for a person, then its position: one person, not two
    ("The Browns lost on Sunday. The Browns were angry. Browns DL Marcus Webb said that the referee had "
     "missed the foul.", "Marcus Webb"),
    # first names alone, of people the article named in full
    ("Martha Fry and her brother Dale Ford agreed to talk. Dale and Martha said that they had written to him.",
     "Dale Ford and Martha Fry"),
])
def test_a_name_without_the_words_around_it(analyzer, text, name):
    assert speakers(analyzer, text)[-1][1] == name


def test_a_quotation_with_its_own_cue_is_not_the_previous_speakers(analyzer):
    text = "Tom Keller said the vote was close.\n\n“You are wrong,” Clara Jensen interjected."
    assert evidence(analyzer, text)[-1] == ("Clara Jensen", "Clara Jensen", "name")


def test_the_bank_is_not_an_organisation_called_bank(analyzer):
    text = "The Bank opened at nine. The bank said that rates would rise."
    assert evidence(analyzer, text)[-1][1] != "Bank"


@pytest.mark.parametrize("text, expected", [
    # a noun any firm may be called is the firm just named, with or without a nationality
    ("Halvor Motors showed a new truck on Monday. The company said that sales would rise.",
     ("The company", "Halvor Motors", "descriptor")),
    ("Halvor Motors showed a new truck on Monday. The Norwegian carmaker, which builds trucks, says that "
     "sales will rise.", ("The Norwegian carmaker", "Halvor Motors", "descriptor")),
    # said again, it is still that firm
    ("Halvor Motors showed a new truck on Monday. The company said that sales were strong. "
     "The company also said that prices would rise.", ("The company", "Halvor Motors", "descriptor")),
    ("The Lindqvist Foundation published a report on Monday. The group said that the rivers were dirty.",
     ("The group", "Lindqvist Foundation", "descriptor")),
])
def test_the_company_is_the_organisation_just_named(analyzer, text, expected):
    assert evidence(analyzer, text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # the two people the article has just spoken of, each in a sentence of their own
    ("Anna Berg needs young voters. Tom Keller has to raise his name. Both candidates said that the race was close.",
     "Anna Berg and Tom Keller"),
    # a plural just before may be whom it means
    ("Anna Berg and her rival met voters. Tom Keller spoke too. Both candidates said that the race was close.",
     None),
    # a third person as salient: which two?
    ("Anna Berg spoke. Tom Keller spoke. Peter Schmidt spoke. Both candidates said that the race was close.", None),
])
def test_both_candidates_are_the_two_just_spoken_of(analyzer, text, expected):
    assert evidence(analyzer, text)[-1][1] == expected


def test_two_subjects_joined_by_and_are_as_salient_as_each_other(analyzer):
    text = "Mary Jensen and Anna Berg met on Monday. She said that the talks went well."
    assert evidence(analyzer, text)[-1][1] is None


@pytest.mark.parametrize("text", [
    # an indefinite description is someone new
    "Senator Tom Keller spoke on Monday. A Democratic senator said that the bill would fail.",
    # a plural description is a group
    "Tom Keller hired two lawyers. The lawyers said that the case was weak.",
    # a generic role fits only a person the article gave it
    "Tom Keller, the senator, spoke on Monday. The host said that the show would go on.",
    # a rival or a parent is another firm
    "Halvor Motors showed a new truck on Monday. The rival company said that sales would fall.",
    # two firms as salient as each other: either could be meant
    "Brisk Foods and Halvor Motors met on Monday. The company said that the talks went well.",
    # a party or a court is no company
    "The Green Party met on Monday. The company said that the talks went well.",
    # a spokesperson of a person is someone else; of two firms, of either
    "Tom Keller spoke on Monday. A spokesman for Tom Keller said that the plan was fine.",
    "A spokesman for Halvor Motors and Brisk Foods said that the deal was done.",
    # the noun already meant someone else
    "Halvor Motors polled a group of voters on Monday. The group said that taxes were too high.",
])
def test_descriptions_that_name_no_one_the_article_named(analyzer, text):
    assert evidence(analyzer, text)[-1][1] is None


def test_a_quotation_goes_on_with_the_previous_speaker(analyzer):
    text = "“We will win,” Clara Jensen said.\n\n“Nobody can stop us now.”"
    assert evidence(analyzer, text)[-1] == ("Clara Jensen", "Clara Jensen", "continuation")


@pytest.mark.parametrize("text", [
    # someone else is named in between
    "“We will win,” Clara Jensen said. Tom Keller disagreed.\n\n“Nobody can stop us now.”",
    # the quotation speaks of the previous speaker: it is someone else's
    "“We will win,” Clara Jensen said.\n\n“Jensen believes that nobody can stop her.”",
])
def test_a_quotation_does_not_go_on_with_the_previous_speaker(analyzer, text):
    assert evidence(analyzer, text)[-1][1] is None


def test_a_case_name_is_not_a_person_and_hides_no_surname(analyzer):
    text = ("Nora Vance wrote the book Vance v. Vance. Vance, the tagger's ORG, spoke later. "
            "Vance said that the case was closed.")
    article = onrecord.extract(text, analyzer=analyzer)
    assert "Vance v. Vance" not in {e.name for e in article.entities if e.type == "PERSON"}
    assert evidence(analyzer, text)[-1][1] == "Nora Vance"


def test_an_acronym_is_not_taken_for_a_persons_surname(analyzer):
    text = "Junge SVP marched on Monday. The SVP said that the vote was won."
    assert evidence(analyzer, text)[-1][1] != "Junge SVP"


@pytest.mark.parametrize("text, name", [
    ("The World Bank published its forecast on Monday. It said that growth would slow.", "World Bank"),
    ("A report criticised the World Bank on Monday. It said that the bank had hidden losses.", None),
])
def test_it_is_an_organisation_only_when_one_was_the_subject(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


@pytest.mark.parametrize("text, name", [
    ("A Quinnipiac University poll shows that the race is close.", "Quinnipiac University"),
    ("Donald Trump spoke on Monday. His campaign said that the rally would go ahead.", "Trump campaign"),
    ("A new poll shows that the race is close.", None),
    # the maker after the document: "from", "by", a participle's agent, through "of"
    ("The mayor leads by ten points, according to a new poll from Westbrook College.", "Westbrook College"),
    ("The mayor leads by 40 delegates, according to a count by the Harbour Press Agency.", "Harbour Press Agency"),
    ("The mayor leads by three points, according to the average of recent polls compiled by Poll Harbor.",
     "Poll Harbor"),
    ("The mayor leads by three points, according to a poll of voters in Ohio.", None),
    # "the statement" after the one an organisation issued
    ("The Harbour Museum issued a statement on Monday. The statement urged leaders to keep the doors open.",
     "Harbour Museum"),
    ("The Harbour Museum received a statement on Monday. The statement urged leaders to keep the doors open.",
     None),
    # "the bank" is the one organisation the article called a bank
    ("Harbour Trust, the nation's largest bank, paid a fine. The bank said that it regretted the sales.",
     "Harbour Trust"),
    ("Harbour Trust and Chase, the two banks, paid fines. The bank said that it regretted nothing.", None),
    # "his speech" is the speech of the man "his" stands for
    ("Tom Keller spoke in Ohio on Tuesday. His 2004 convention speech argued that there was one America.",
     "Tom Keller"),
    # "the campaign" is the one campaign named just before, and nobody's when two were
    ("The Keller campaign is making its biggest ad buy. The campaign said that the economy was weak.",
     "Keller campaign"),
    ("Maria Lopez and Tom Keller met voters. The Keller campaign and the Lopez campaign spent millions. "
     "The campaign said that it would spend more.", None),
])
def test_a_document_or_campaign_speaks_for_its_maker(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


@pytest.mark.parametrize("text, name", [
    # a survey is no speech: "the survey" is not the speech the sentence before was given in
    ("In his speech, Tom Keller said the port would grow. In the survey, most residents backed the new tax.", None),
    ("A recent Harbour Institute survey found that voters are split. The study found that most want change.",
     "Harbour Institute"),
    ("A web video by the Green Party attacks the mayor's record. The ad also mentions his votes on the port.",
     "Green Party"),
])
def test_the_document_points_back_only_to_one_of_its_kind(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


@pytest.mark.parametrize("text, expected", [
    ("Republican Sen. Tom Keller says the bill is dead. The Ohio Republican said the vote would fail.",
     ("The Ohio Republican", "Tom Keller", "descriptor")),
    # the party is no one's name: another party's senator, or two people before, and no one is meant
    ("Democratic Sen. Anna Weber says the bill is dead. The Republican said the vote would fail.",
     ("The Republican", None, None)),
    ("Tom Keller and Anna Weber met on Monday. The Republican said the vote would fail.",
     ("The Republican", None, None)),
])
def test_a_party_member_is_the_person_just_named_never_a_person_called_so(analyzer, text, expected):
    assert evidence(analyzer, text)[-1] == expected


def test_a_role_after_two_people_named_together_is_neither(analyzer):
    text = "Tom Keller and Anna Weber met on Monday. The senator said the vote would fail."
    assert evidence(analyzer, text)[-1][1] is None


@pytest.mark.parametrize("text, makers", [
    ("An Associated Press-Ipsos poll released Thursday found that most voters want change.",
     ("Associated Press", "Ipsos")),
    # a maker the article names in full elsewhere is named so
    ("The Harbour Courier reported the vote. A new Courier-Civica poll shows the mayor ahead.",
     ("Harbour Courier", "Civica")),
    # a company's name with a hyphen is one company
    ("Keller-Brandt said in a statement that profits fell.", ("Keller-Brandt",)),
])
def test_a_poll_by_two_makers_joined_by_a_hyphen_names_both(analyzer, text, makers):
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == makers


@pytest.mark.parametrize("text, names", [
    ("Anna and Tom Keller, the parents of the pupil, say they felt compelled to speak.", ("Anna Keller", "Tom Keller")),
    # a family by its surname: everyone the article names with it
    ("Anna Keller and Tom Keller spoke on Monday. The Kellers say the school ignored them.", ("Anna Keller", "Tom Keller")),
    # one Keller named: "the Kellers" are more than her, and no one the article names
    ("Anna Keller spoke on Monday. The Kellers say the school ignored them.", ()),
])
def test_people_who_share_a_surname(analyzer, text, names):
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == names


def test_a_name_the_parser_hangs_inside_the_next_one_is_still_a_speaker(analyzer):
    text = "Donald Trump and House Speaker Paul Ryan pledged to work together despite their differences."
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == ("Donald Trump", "Paul Ryan")


def test_as_for_names_whom_the_pronoun_is(analyzer):
    text = ("Peter Stovall spoke first. “We need to respect the voters,” the senator said. "
            "As for Tom Keller, he said he is not worried.")
    assert evidence(analyzer, text)[-1] == ("he", "Tom Keller", "pronoun")




def test_a_poll_of_two_makers_names_both(analyzer):
    (s,) = onrecord.extract("A Wall Street Journal/NBC News poll shows that the race is close.",
                            analyzer=analyzer).statements
    assert s.speakers == ("Wall Street Journal", "NBC News")


def test_a_vice_presidential_nominee_is_not_the_nominee(analyzer):
    text = ("Democratic vice presidential nominee Tom Keller spoke in Ohio. "
            "The Democratic presidential nominee said that the plant would stay open.")
    assert evidence(analyzer, text)[-1][1] is None


@pytest.mark.parametrize("text, name", [
    ("Republican presidential nominee Walt Brody spoke in Ohio. "
     "The Democratic presidential nominee said that the plant would stay open.", None),
    ("Democratic presidential nominee Maria Lopez spoke in Ohio. "
     "The Democratic presidential nominee said that the plant would stay open.", "Maria Lopez"),
])
def test_a_descriptor_keeps_its_party(analyzer, text, name):
    # the tagger calls "Democratic" a nationality; it still tells the two nominees apart
    assert evidence(analyzer, text)[-1][1] == name


def test_a_surname_two_people_share_stays_a_person_of_their_gender(analyzer):
    text = ("Rep. Bobby Keane and Sen. Tim Keane met on Monday. Keane welcomed the guests. "
            "“We will win this seat,” he said.")
    assert evidence(analyzer, text)[-1][1] == "Keane"


def test_a_chain_of_pronouns_keeps_its_person(analyzer):
    # "She" twice after Susan Okafor: the woman named in passing between is not the speaker
    text = ("“We must act now,” Susan Okafor said.\n\n"
            "She has faced criticism since meeting Tom Brandt, whose wife, Mary Brandt, runs the port. "
            "She has called the strikes a turning point.\n\n"
            "She said that she would not resign.")
    assert evidence(analyzer, text)[-1][1] == "Susan Okafor"


def test_a_pronoun_after_an_unnamed_person_is_theirs(analyzer):
    text = ("Kim Dorsey spoke on Monday.\n\n"
            "My mother has softened with age, but she still says that the war was right.")
    assert evidence(analyzer, text)[-1][1] is None


def test_a_chain_needs_a_known_gender(analyzer):
    # "Kim" is a first name the article and the prior give no gender: "He" links no chain,
    # and the later "she" has no one clear
    text = ("“We must act now,” Kim Dorsey said. He was tired. He went home.\n\n"
            "Paula Reyes spoke next.\n\n“The port will close,” she said.")
    assert evidence(analyzer, text)[-1][1] == "Paula Reyes"


def test_no_one_named_in_an_opening_participle_is_its_subject(analyzer):
    text = ("President Luis Okoro looked weary. Campaigning against Mark Dunn in 2012, "
            "he said that the climate could wait.")
    assert evidence(analyzer, text)[-1][1] != "Mark Dunn"


def test_a_quotation_followed_by_its_cue_is_that_speakers(analyzer):
    text = ("“Every time you say that,” Tester said, “you give them ammunition.”\n\n"
            "“Why is this not proof that the bank is too big?” Vitter demanded.")
    assert evidence(analyzer, text)[-1][1] == "Vitter"


@pytest.mark.parametrize("text, name", [
    # a quotation that names someone is not theirs
    ("Barack Obama spoke on Monday.\n\n“Obama had a plan for the port,” he said.", None),
    # reported words whose subject is named are not that person's
    ("Paul Dunn and Tom Reyes met on Monday. He said Dunn would win the seat.", "Tom Reyes"),
    # a writer's paraphrase may name its speaker deeper in
    ("Tom Reyes spoke on Monday. He said that the vote had cost Reyes his seat.", "Tom Reyes"),
])
def test_no_one_named_in_the_words_said_them(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_definite_role_is_no_unnamed_person(analyzer):
    # "the candidate" points back to the man named; "a woman" would be someone new
    text = ("Walt Brody spoke in Ohio on Monday. The candidate was tired, "
            "and he said that the plant would stay open.")
    assert evidence(analyzer, text)[-1][1] == "Walt Brody"


@pytest.mark.parametrize("text, name", [
    # the writer's variation on the person the sentence before is about
    ("Mike Dunn says the port will close.\n\nThe Republican nominee said that taxes would fall.", "Mike Dunn"),
    # another party than the article gives them
    ("Democratic Sen. Susan Carter says the port will close.\n\n"
     "The GOP nominee said that taxes would fall.", None),
    # a name in the description the article never tied to them
    ("Tom Reyes says the port will close. The FBI director said that the case was closed.", None),
    # not the one the sentence is about
    ("The debate ended after Tom Reyes left. The Republican nominee said that taxes would fall.", None),
])
def test_a_description_right_after_a_name(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_supporter_named_after_the_person_supported(analyzer):
    text = "Marco Dunn spoke in Iowa. Dunn supporter Scott Szlachta told reporters that the senator would win."
    assert evidence(analyzer, text)[-1][1] == "Scott Szlachta"


@pytest.mark.parametrize("text, names", [
    ("Turnout fell, according to a recent Reuters survey of voter lists. The study found that voters were removed.",
     ("Reuters",)),
    # "the new poll" is the latest one, not last month's
    ("The race is tied, according to the latest Gallup poll. That is down from a Pew Research poll last month. "
     "The new poll indicates that turnout will be high.", ("Gallup",)),
    ("The race is tied. The poll indicates that turnout will be high.", ()),
    # far back, the one poll the article gave a maker; not when another poll came since
    ("A Harbour University poll shows Ana Ruiz ahead. " + "The race has been close for months. " * 6
     + "The poll indicates that turnout will be high.", ("Harbour University",)),
    ("A Harbour University poll shows Ana Ruiz ahead. " + "The race has been close for months. " * 6
     + "Another poll came out on Monday. " + "The race is tight. " * 5
     + "The poll indicates that turnout will be high.", ()),
])
def test_the_poll_is_the_last_poll_with_a_maker(analyzer, text, names):
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == names


@pytest.mark.parametrize("text, names", [
    # the next sentence gives "the survey" its maker
    ("Ana Ruiz leads the race, according to a new poll. The survey, conducted by Harbour University, "
     "found her ahead.", ("Harbour University",)),
    # "a second poll" is another poll
    ("Ana Ruiz leads the race, according to a new poll. A second poll, by Harbour University, "
     "shows Tom Keller ahead.", ()),
])
def test_a_poll_is_the_one_the_next_sentence_names(analyzer, text, names):
    assert onrecord.extract(text, analyzer=analyzer).statements[0].speakers == names


def test_the_campaign_is_the_campaign_of_the_person_just_named(analyzer):
    text = "Susan Okafor plans to call on young people to serve.\n\nThe campaign says she will announce plans Friday."
    assert evidence(analyzer, text)[-1][1] == "Okafor campaign"


@pytest.mark.parametrize("text, name", [
    # a campaign manager runs another's campaign: "the campaign" is not his
    ("Anna Weber's campaign manager, Tom Keller, was charged. Keller said he was grateful. "
     "The campaign said the matter is now closed.", None),
    # the one campaign the article names, after a staffer
    ("The Weber campaign hired Tom Keller as its spokesman. Keller said he was grateful. "
     "The campaign said the matter is now closed.", "Weber campaign"),
])
def test_the_campaign_after_someone_who_works_for_it(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_name_before_a_surname_that_opens_with_its_particle_is_its_first_name(analyzer):
    text = "Saudi Prince Alwaleed Bin Talal mocked the tycoon on Twitter."
    assert evidence(analyzer, text)[0][1] == "Alwaleed Bin Talal"


def test_a_name_before_a_role_gives_the_role_to_someone_else(analyzer):
    # "Weber spokesman Tom Keller": the spokesman is Keller, not Weber
    text = ("Anna Weber toured the port on Monday. Weber spokesman Tom Keller said the talks went well. "
            "Later, Anna Weber and Tom Keller met the mayor. The spokesman added that more talks would follow.")
    assert evidence(analyzer, text)[-1] == ("The spokesman", "Tom Keller", "descriptor")


@pytest.mark.parametrize("text, names", [
    ("Anna Weber and Tom Keller met in Ohio on Thursday. During their first debate, both candidates said "
     "the vote was close.", ("Anna Weber", "Tom Keller")),
    ("Tom Keller spoke first. Both candidates said the vote was close.", ()),     # which two?
])
def test_both_with_a_plural_is_the_pair_just_named(analyzer, text, names):
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == names


@pytest.mark.parametrize("text, name", [
    # the owner of the subject is what the sentence is about
    ("Tom Keller's term as mayor ends in May. He said that the port would stay open.", "Tom Keller"),
    # the owner of an object is an aside
    ("The council debated Tom Keller's plan on Monday. \"It will fail,\" he said.", None),
])
def test_a_pronoun_after_a_possessive(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_descriptor_after_a_quotation_that_goes_on_alone_sees_its_speaker(analyzer):
    # the quotation's second part stands between Keller's cue and the party member
    text = ("“I am not ready to do that,” Tom Keller told reporters about the vote. “I am not there. "
            "I hope to be.”\n\nIt was a reversal for the Ohio Republican, who had pledged to back the bill.")
    assert evidence(analyzer, text)[-1][1] == "Tom Keller"


@pytest.mark.parametrize("text, names", [
    # "the two candidates" are the pair that just spoke together, as "both" would be
    ("Both Lena Okafor and Tom Keller called the meeting useful. The two candidates said the race was close.",
     ("Lena Okafor", "Tom Keller")),
    # three people were just named: which two is not said
    ("Lena Okafor met Tom Keller and Peter Stovall on Monday. The two voters said that the race was close.", ()),
])
def test_the_two_are_the_pair_just_named(analyzer, text, names):
    assert onrecord.extract(text, analyzer=analyzer).statements[-1].speakers == names


@pytest.mark.parametrize("text, name", [
    # "who are" stands for the plural before the name it was hung on
    ("Okafor appeals to young voters such as Tom Keller, who are drawn to her plan and feel that "
     "the port needs work.", None),
    ("Okafor met Tom Keller, who is drawn to her plan and feels that the port needs work.", "Tom Keller"),
])
def test_a_relative_pronoun_agrees_in_number(analyzer, text, name):
    assert evidence(analyzer, text)[-1][1] == name


def test_a_role_and_the_name_the_parser_made_two_subjects(analyzer):
    # the parser makes both "spokesman" and "Stovall" subjects of "told"
    text = "Church spokesman the Rev. Peter Stovall told reporters Thursday that the bishop has no plans."
    assert evidence(analyzer, text)[-1][1:] == ("Peter Stovall", "apposition")


def test_resolving_changes_nothing_until_what_it_found_is_learned(nlp):
    from onrecord.nlp.entities import find_entities
    from onrecord.nlp.speakers import SpeakerResolver

    # "Ana Ruiz" is no entity to the tagger: resolving her mention finds the name, and only
    # ``learn`` makes a person of it, whom the later surname then names
    doc = nlp("Ana Ruiz said the port would close. Ruiz added that the quay was safe.")
    resolver = SpeakerResolver(doc, find_entities(doc, [], [], []))
    found = resolver.identify(doc[0:2], 0)
    assert found.names == ("Ana Ruiz",) and found.learned == (("Ana Ruiz", (0, 1)),)
    assert "Ana Ruiz" not in resolver.profiles
    resolver.learn(found)
    assert "Ana Ruiz" in resolver.profiles
    surname = next(t for t in doc if t.text == "Ruiz" and t.i > 2)
    assert resolver.identify(doc[surname.i: surname.i + 1], surname.idx).names == ("Ana Ruiz",)


def test_a_building_that_stands_for_its_institution_speaks_for_it(analyzer):
    # the recogniser calls the Vatican a facility; as a subject of "says" it is the Holy See
    assert speakers(analyzer, "The Vatican says Pope Leo has no plans to meet the senator.") == [
        ("The Vatican", "Vatican")]


@pytest.mark.parametrize("text, expected", [
    # the institution's word alone names no one: its named owner is part of the name
    ("The U.S. Attorney's Office said the man was charged.", [("The U.S. Attorney's Office", "U.S. Attorney's Office")]),
    # the tagger takes the name and its cue for the title of a work; a first name opens it
    ('"He was a friend," Teresa Nielsen Hayden explained.', [("Teresa Nielsen Hayden", "Teresa Nielsen Hayden")]),
])
def test_a_name_the_recogniser_missed_is_written_whole(analyzer, text, expected):
    assert speakers(analyzer, text) == expected


def test_a_person_of_a_place_is_no_kind_of_that_place(analyzer):
    # "a UK man" is someone from the UK: "the man" after it is no name for the country
    text = ("A UK man fell ill after he changed his bedding, his doctors say. "
            "The man said that he had bought a new duvet.")
    assert ("The man", None) in speakers(analyzer, text)
    assert all(name != "UK" for _, name in speakers(analyzer, text))
