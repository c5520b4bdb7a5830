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
    # a seat of government stands for its country
    ("Beijing denies sending troops to the border.", [("Beijing", "China")]),
    # an organisation speaks under its own name
    ("The World Health Organization said the outbreak was over.",
     [("The World Health Organization", "World Health Organization")]),
    # anonymous sources are kept as mentions without a name
    ("The talks will resume in June, a source close to the talks said.",
     [("a source close to the talks", None)]),
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
