"""Entities merged within an article, with every mention verbatim."""
from __future__ import annotations

import pytest

import onrecord


def test_surname_joins_the_full_name(analyzer):
    text = "Lena Okafor opened the plant in Norway. Later, Okafor met workers in Bergen."
    article = onrecord.extract(text, analyzer=analyzer)
    people = [e for e in article.entities if e.type == "PERSON"]
    assert [p.name for p in people] == ["Lena Okafor"]
    assert [m.text for m in people[0].mentions] == ["Lena Okafor", "Okafor"]
    for e in article.entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions)


def test_leading_article_is_not_part_of_the_name(analyzer):
    article = onrecord.extract("The United Nations said the talks would resume.", analyzer=analyzer)
    org = next(e for e in article.entities if e.type in ("ORG", "GPE"))
    assert org.mentions[0].text == "United Nations"


def test_entity_ids_are_unique_and_types_known(analyzer):
    article = onrecord.extract("Paris and Berlin signed. Macron and Scholz met NATO officials.", analyzer=analyzer)
    ids = [e.id for e in article.entities]
    assert len(ids) == len(set(ids))
    assert {e.type for e in article.entities} <= {"PERSON", "ORG", "GPE", "LOC", "NORP"}


def test_an_adjective_opening_the_sentence_is_not_part_of_the_name(analyzer):
    text = "Recent Samsung smart TVs have a feature called Ambient Mode, Samsung said on Monday."
    article = onrecord.extract(text, analyzer=analyzer)
    assert "Samsung" in {e.name for e in article.entities}
    assert not any(e.name.startswith("Recent") for e in article.entities)
    assert [s.speaker.name for s in article.statements] == ["Samsung"]
    kept = onrecord.extract("New York Times editors said the paper would publish it.", analyzer=analyzer)
    assert [e.name for e in kept.entities] == ["New York Times"]


def test_a_headline_title_without_its_stop_is_no_part_of_the_name(analyzer):
    text = ("GOP Rep Dunmore Announces Bill\n\n"
            "Rep. Michael Dunmore (R-TX) discussed his bill on Monday.")
    article = onrecord.extract(text, analyzer=analyzer)
    people = {e.name for e in article.entities if e.type == "PERSON"}
    assert "GOP Rep Dunmore" not in people and "Michael Dunmore" in people


def test_an_organisation_opening_with_a_title_word_is_no_person(analyzer):
    article = onrecord.extract("The General Assembly established the agency in 2010.", analyzer=analyzer)
    assert "Assembly" not in {e.name for e in article.entities if e.type == "PERSON"}


def test_a_name_read_in_the_wrong_encoding_is_named_as_written():
    from onrecord.nlp.entities import unmangled
    assert unmangled("FranÃ\x83Â§ois Hollande") == "François Hollande"       # twice
    assert unmangled("JosÃ© Ortega") == "José Ortega"                         # once
    assert unmangled("FranA\u0303\x83A\u0302\xa7ois") == "François"             # decomposed
    assert unmangled("Ãlvaro Uribe") == "Ãlvaro Uribe"                       # not decodable: as it is
    assert unmangled("Angela Merkel") == "Angela Merkel"


def test_a_first_name_and_a_surname_the_tagger_calls_an_organisation_are_a_person(analyzer):
    from onrecord.nlp.entities import _first_name_and_surname
    doc = analyzer.nlp("Ava DuVernay and the Stanley Cup")
    assert _first_name_and_surname(list(doc[0:2]))
    assert not _first_name_and_surname(list(doc[4:6]))          # "Stanley Cup": a cup's name


def test_a_one_word_name_the_tagger_missed_once_is_still_that_person(analyzer):
    # the tagger knows "Sanders" after "Trump and", not at the head of "Sanders’ campaign"
    text = ("Clinton faces a fight against both Trump and Sanders. Sanders’ campaign launched "
            "an ad in California.")
    article = onrecord.extract(text, analyzer=analyzer)
    sanders = next(e for e in article.entities if e.name == "Sanders")
    assert sanders.type == "PERSON" and len(sanders.mentions) == 2
    assert all(text[m.start:m.end] == "Sanders" for m in sanders.mentions)


def test_a_first_name_the_tagger_left_out_joins_the_name(nlp):
    from onrecord.nlp.entities import find_entities
    doc = nlp("Debbie Halvorsen Brandt, the party chairwoman, expressed concern.")
    brandt = doc[1:3]                                  # as the tagger may tag it: without "Debbie"
    doc.ents = [doc.char_span(brandt.start_char, brandt.end_char, label="PERSON")]
    (person,) = find_entities(doc)
    assert person.name == "Debbie Halvorsen Brandt" and person.mentions[0].start == 0


def test_a_word_before_a_name_that_is_no_first_name_stays_out(nlp):
    from onrecord.nlp.entities import find_entities
    doc = nlp("Chairwoman Halvorsen Brandt expressed concern.")
    doc.ents = [doc.char_span(doc[1].idx, doc[2].idx + len(doc[2].text), label="PERSON")]
    (person,) = find_entities(doc)
    assert person.name == "Halvorsen Brandt"


def test_an_organisation_name_stops_at_a_headline_verb(nlp):
    from onrecord.nlp.entities import _organisation_tokens
    doc = nlp("Harbour Church Survivors Explain Why Lopez Offers Change")
    assert [t.text for t in _organisation_tokens(list(doc))] == ["Harbour", "Church", "Survivors"]
    doc = nlp("Doctors Without Borders")
    assert [t.text for t in _organisation_tokens(list(doc))] == ["Doctors", "Without", "Borders"]


def test_a_name_ending_in_an_organisation_word_is_no_person_unless_it_opens_with_a_first_name(analyzer):
    article = onrecord.extract("The pastor urged a boycott of Girl Scout cookies. Tony Hall spoke later.",
                               analyzer=analyzer)
    types = {e.name: e.type for e in article.entities}
    assert types.get("Girl Scout") != "PERSON"
    assert types.get("Tony Hall") == "PERSON"


def test_an_organisation_run_into_a_persons_name_leaves_the_person(nlp):
    from onrecord.nlp.entities import label_of, clean_name
    doc = nlp("Maria Okafor spoke first. Then the editors of the Harbour Post Okafor said more.")
    tagged = doc.char_span(doc.text.index("the Harbour"), doc.text.index(" said"), label="ORG")
    doc.ents = [doc.char_span(0, 12, label="PERSON"), tagged]
    assert label_of(doc.ents[1]) == "PERSON"                   # "Okafor" is Maria Okafor's surname
    start, end = clean_name(doc.ents[1], "PERSON")
    assert doc.text[start:end] == "Okafor"


def test_an_organisation_word_before_a_word_no_one_is_called_stays_an_organisation(nlp):
    from onrecord.nlp.entities import label_of
    doc = nlp("Maria Okafor spoke first. The Harbour Post Magazine reported more.")
    start = doc.text.index("The Harbour")
    doc.ents = [doc.char_span(0, 12, label="PERSON"),
                doc.char_span(start, doc.text.index(" reported"), label="ORG")]
    assert label_of(doc.ents[1]) == "ORG"


def test_a_headlines_epithet_before_a_surname_is_no_first_name(analyzer):
    text = ("Derelict Okafor and Ruiz\nThe race goes on.\n\nLast week, President Okafor said the country "
            "was safe. Okafor added that the army was ready.")
    article = onrecord.extract(text, analyzer=analyzer)
    names = {e.name for e in article.entities if e.type == "PERSON"}
    assert "Okafor" in names and not any(n.startswith("Derelict") for n in names)


def test_a_headlines_epithet_before_a_possessive_surname_is_no_first_name(analyzer):
    text = ("Lena Okafor spoke first.\n\n4. Questioning Okafor's judgment\n\n"
            "Members asked about Lena Okafor's judgment. Okafor said that she had done no wrong.")
    article = onrecord.extract(text, analyzer=analyzer)
    names = {e.name for e in article.entities if e.type == "PERSON"}
    assert names == {"Lena Okafor"}


@pytest.mark.parametrize("text, name", [
    ("Developer Halvor Games said that the game was late.", "Halvor Games"),
    ("Retailer Brisk Foods said that sales rose.", "Brisk Foods"),
    # a noun a name may open with stays in it
    ("Studio Halvor said that the film was done.", "Studio Halvor"),
])
def test_a_noun_saying_what_a_firm_is_is_no_part_of_its_name(analyzer, text, name):
    (statement,) = onrecord.extract(text, analyzer=analyzer).statements
    assert statement.speaker.name == name


def test_an_unknown_first_name_opening_a_sentence_of_the_body_stays(analyzer):
    text = "Benali Abdelaziz said the couple lived in Angers. Abdelaziz added that they were merchants."
    article = onrecord.extract(text, analyzer=analyzer)
    assert [s.speakers for s in article.statements] == [("Benali Abdelaziz",), ("Benali Abdelaziz",)]


def test_a_verb_opening_the_sentence_is_no_part_of_the_name(nlp):
    from onrecord.nlp.entities import clean_name
    doc = nlp("Say Portugal demanded that the ferry stop in Lisbon.")
    start, end = clean_name(doc[0:2], "GPE")                   # as the tagger may take it
    assert doc.text[start:end] == "Portugal"
    doc = nlp("Claude Monet painted the harbour.")           # a first name opens a name
    assert doc.text[slice(*clean_name(doc[0:2], "PERSON"))] == "Claude Monet"


def test_a_middle_initial_v_is_no_versus(nlp):
    from spacy.tokens import Doc
    from onrecord.nlp.entities import label_of
    person = Doc(nlp.vocab, words=["President", "Lena", "V.", "Okafor", "spoke"],
                 pos=["PROPN", "PROPN", "PROPN", "PROPN", "VERB"], ents=["O", "B-PERSON", "I-PERSON", "I-PERSON", "O"])
    case = Doc(nlp.vocab, words=["Okafor", "v.", "Marsh", "was", "heard"],
               pos=["PROPN", "ADP", "PROPN", "AUX", "VERB"], ents=["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    assert label_of(person.ents[0]) == "PERSON"
    assert label_of(case.ents[0]) == "LAW"


def test_a_quotation_mark_the_tagger_swept_into_a_name_leaves_it_a_person(nlp):
    from spacy.tokens import Doc
    from onrecord.nlp.entities import label_of
    # "Lena Okafor’s ‘Harbour’ opens", the tagger's organisation running into the title's mark
    doc = Doc(nlp.vocab, words=["Lena", "Okafor", "’s", "‘", "Harbour", "’", "opens"],
              pos=["PROPN", "PROPN", "PART", "PUNCT", "PROPN", "PUNCT", "VERB"],
              ents=["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "O"])
    assert label_of(doc.ents[0]) == "PERSON"


def name_of_tagged(nlp, text: str, start: int, end: int, retag: dict | None = None) -> str:
    """The name of the one person found where the tagger marked text[start:end] (and gave the
    tokens in ``retag`` those tags)."""
    from onrecord.nlp.entities import find_entities
    doc = nlp(text)
    for i, tag in (retag or {}).items():
        doc[i].tag_ = tag
    doc.ents = [doc.char_span(start, end, label="PERSON")]
    (person,) = find_entities(doc)
    return person.name


def test_a_name_joined_by_a_hyphen_keeps_its_last_part(nlp):
    assert name_of_tagged(nlp, "Lee Ji-woo, the envoy, opened the summit.", 0, len("Lee Ji-woo")) == "Lee Ji-woo"


def test_a_one_word_name_resolved_where_tagged_is_that_person_where_untagged(nlp):
    from onrecord.nlp.entities import find_entities
    text = "Lee Ji-woo, the envoy, opened the summit. Lee spoke first. Critics praised Lee for the deal."
    doc = nlp(text)
    first, second = text.index("Lee spoke"), text.index("Lee for")
    doc.ents = [doc.char_span(0, len("Lee Ji-woo"), label="PERSON"), doc.char_span(first, first + 3, label="PERSON")]
    people = [e for e in find_entities(doc) if e.type == "PERSON"]
    assert [(p.name, [m.start for m in p.mentions]) for p in people] == [("Lee Ji-woo", [0, first, second])]


def test_a_word_made_of_a_name_and_a_hyphen_is_no_part_of_the_name(nlp):
    assert name_of_tagged(nlp, "A Tom Keller-backed plan passed.", 2, len("A Tom Keller-backed")) == "Tom Keller"


def test_a_first_name_the_tagger_took_for_an_adverb_stays_in_the_name(nlp):
    # "Carly" an adverb, as the tagger may read a first name opening a sentence
    assert name_of_tagged(nlp, "Carly Ostrander threw her support behind the mayor.", 0, len("Carly Ostrander"),
                          retag={0: "RB"}) == "Carly Ostrander"


def test_an_untagged_first_name_before_a_known_surname_is_another_person(nlp):
    from onrecord.nlp.entities import find_entities
    text = "Tom Keller spoke first. Anna Keller, his daughter, spoke next. Keller thanked her."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, len("Tom Keller"), label="PERSON")]     # as the tagger may leave her out
    names = {e.name: [m.start for m in e.mentions] for e in find_entities(doc) if e.type == "PERSON"}
    assert names["Anna Keller"] == [text.index("Anna Keller")]
    assert text.index("Anna Keller") + len("Anna ") not in names["Tom Keller"]


def test_a_name_that_a_who_follows_is_a_person_not_a_place(analyzer):
    # the tagger takes both names for places; "who" says they are people, in every mention
    text = ("Meanwhile Georgia, who was honored with the prize, spoke about love. "
            "Two stars, Dana Okafor and Rihanna, shared the stage. Meanwhile Rihanna, who was honored "
            "with the top award, spoke about love.")
    types = {e.name: e.type for e in onrecord.extract(text, analyzer=analyzer).entities}
    assert types["Georgia"] == types["Rihanna"] == "PERSON"


@pytest.mark.parametrize("text, place", [
    ("Voters in Georgia, who went to the polls on Monday, chose a mayor.", "Georgia"),
    # the parser hangs the "who" on the place of a person's apposition
    ("Dana Okafor, 59, of Ashton, Georgia, who watched the ceremony on a screen, said it was moving.", "Ashton"),
])
def test_a_place_beside_a_who_that_is_not_its_own_stays_a_place(analyzer, text, place):
    types = {e.name: e.type for e in onrecord.extract(text, analyzer=analyzer).entities}
    assert types[place] == "GPE"


def people_found(nlp, text: str, people: list[str], firms: tuple[str, ...] = ()) -> dict[str, list[int]]:
    """Each person found and where their mentions start, when the tagger marked ``people`` as
    persons, ``firms`` as organisations and the last "Dale" as an organisation."""
    from onrecord.nlp.entities import find_entities
    doc = nlp(text)
    dale = text.rindex("Dale")
    doc.ents = [*(doc.char_span(text.index(n), text.index(n) + len(n), label="PERSON") for n in people),
                *(doc.char_span(text.index(n), text.index(n) + len(n), label="ORG") for n in firms),
                doc.char_span(dale, dale + len("Dale"), label="ORG")]
    return {e.name: [m.start for m in e.mentions] for e in find_entities(doc) if e.type == "PERSON"}


def test_the_first_name_of_one_person_taken_for_an_organisation_is_that_person(nlp):
    text = "Dale Ford agreed to talk. “We wrote to him,” Dale said."
    assert people_found(nlp, text, ["Dale Ford"]) == {"Dale Ford": [0, text.rindex("Dale")]}


@pytest.mark.parametrize("text, people, firms", [
    # two people share the first name: which one?
    ("Dale Ford met Dale Evans. “We wrote to him,” Dale said.", ["Dale Ford", "Dale Evans"], ()),
    # the word is someone's surname too
    ("Dale Ford met Anna Dale. “We wrote to him,” Dale said.", ["Dale Ford", "Anna Dale"], ()),
    # it opens an organisation's name too
    ("Dale Ford joined Dale Motors Group. “We wrote to him,” Dale said.", ["Dale Ford"], ("Dale Motors Group",)),
])
def test_a_first_name_that_is_not_one_persons_is_not_taken_for_theirs(nlp, text, people, firms):
    assert people_found(nlp, text, people, firms)["Dale Ford"] == [0]


def test_a_full_name_the_tagger_missed_is_that_person_though_another_shares_the_surname(nlp):
    from onrecord.nlp.entities import find_entities
    text = "Anna Keller met Tom Keller. “It was late,” Anna Keller explained."
    doc = nlp(text)
    doc.ents = [doc.char_span(0, len("Anna Keller"), label="PERSON"),
                doc.char_span(text.index("Tom"), text.index("Tom") + len("Tom Keller"), label="PERSON")]
    names = {e.name: [m.start for m in e.mentions] for e in find_entities(doc) if e.type == "PERSON"}
    assert names == {"Anna Keller": [0, text.rindex("Anna Keller")], "Tom Keller": [text.index("Tom")]}
