"""Topics: one key for all of a topic's names, statements tagged with what they are about."""
from __future__ import annotations

import pytest

from onrecord.model import Article
from onrecord.keys import topic_key, topic_name
from onrecord.nlp.topics import find_topics


@pytest.mark.parametrize("names, key", [
    (["NATO", "the North Atlantic Alliance", "North Atlantic Treaty Organization"], "nato"),
    (["Ukraine", "Ukrainian", "Ukraine's"], "ukraine"),
    (["the Minsk agreements", "Minsk accords"], "minsk agreements"),
    (["the European Union", "EU"], "european union"),
])
def test_every_name_of_a_topic_has_one_key(names: list[str], key: str) -> None:
    assert {topic_key(name) for name in names} == {key}


def test_a_topic_is_shown_by_its_usual_name() -> None:
    assert topic_name("the North Atlantic Alliance") == "NATO"
    assert topic_name("Ukrainian") == "Ukraine"
    assert topic_name("the Harbour Board") == "Harbour Board"


def analysed(analyzer, text: str):
    article = analyzer.analyse(Article(text))
    (doc, _), = analyzer.parse_many([article])
    return find_topics(doc, list(article.entities), list(article.statements))


def test_statements_are_about_the_topics_inside_them_not_their_speaker(analyzer) -> None:
    text = ("Chancellor Greta Lindqvist met Ukrainian officials in Vienna. "
            "Lindqvist said that NATO would not expand. "
            "She added that the North Atlantic Alliance had no plans for Ukraine.")
    topics, statements = analysed(analyzer, text)
    by_id = {t.id: t for t in topics}
    nato = next(t for t in topics if t.key == "nato")
    assert nato.name == "NATO" and [m.text for m in nato.mentions] == ["NATO", "North Atlantic Alliance"]
    assert all(text[m.start:m.end] == m.text for t in topics for m in t.mentions)
    first, second = statements
    assert [by_id[i].name for i in first.topics] == ["NATO"]
    assert {by_id[i].name for i in second.topics} == {"NATO", "Ukraine"}
    assert not any(by_id[i].key == "greta lindqvist" for s in statements for i in s.topics)


def test_a_bare_name_means_the_matter_named_after_it(analyzer) -> None:
    text = ("Minsk was on everyone's lips. The minister said that the Minsk agreements "
            "were the only basis for peace.")
    topics, statements = analysed(analyzer, text)
    matter = next(t for t in topics if t.key == "minsk agreements")
    assert [m.text for m in matter.mentions] == ["Minsk", "Minsk agreements"]
    assert not any(t.key == "minsk" for t in topics)
    (statement,) = statements
    assert statement.topics == (matter.id,)


def test_boilerplate_names_are_no_topic(analyzer) -> None:
    text = "Share on Facebook\n\nThe mayor said that Vienna would host the summit."
    article = analyzer.analyse(Article(text))
    (doc, _), = analyzer.parse_many([article])
    topics, _ = find_topics(doc, list(article.entities), list(article.statements), [(0, 17)])
    assert "facebook" not in {t.key for t in topics} and "vienna" in {t.key for t in topics}
