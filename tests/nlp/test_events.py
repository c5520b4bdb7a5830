"""Events on short texts of our own: meetings, visits, calls and talks, and what is none."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from onrecord.model import Article, Event
from onrecord.nlp.dates import find_dates
from onrecord.nlp.entities import find_entities
from onrecord.nlp.events import event_words, find_events
from onrecord.nlp.speakers import SpeakerResolver

PUBLISHED = "2022-02-07"       # a Monday


def events_of(analyzer, text: str, published: str | None = PUBLISHED) -> list[Event]:
    """The events of ``text``, from inputs built the way the pipeline builds them."""
    article = Article(text=text, published=published)
    doc, article = next(analyzer.parse_many([article]))
    skip = [(b.start, b.end) for b in article.boilerplate]
    entities = find_entities(doc, skip)
    dates = find_dates(doc, article.published)
    found = find_events(doc, entities, dates, SpeakerResolver(doc, entities), skip, text=article.text)
    for event in found:
        assert article.text[event.start:event.end] == event.text
        for span in (event.trigger, event.place):
            if span is not None:
                assert article.text[span.start:span.end] == span.text
        if event.date is not None:
            assert event.date in dates                    # the article's own DateRef
    assert [e.id for e in found] == [f"v{n}" for n in range(1, len(found) + 1)]
    return found


def test_meeting_with_place_and_date(analyzer):
    text = "Chancellor Olaf Brandt and President Marie Colin met in Lisbon on March 3."
    (event,) = events_of(analyzer, text)
    assert event.type == "meeting"
    assert event.participants == ("Olaf Brandt", "Marie Colin")
    assert event.place.text == "Lisbon"
    assert (event.date.text, event.date.value) == ("March 3", "2022-03-03")
    assert event.status == "held"
    assert event.trigger.text == "met"
    assert event.text == text


def test_scheduled_meeting_resolves_he(analyzer):
    text = ("Prime Minister Jonas Berg arrived in Oslo on Sunday. "
            "On Tuesday, he is scheduled to meet with President Ana Ruiz.")
    (event,) = events_of(analyzer, text)
    assert event.type == "meeting"
    assert event.status == "planned"
    assert event.trigger.text == "is scheduled to meet"
    assert event.participants == ("Jonas Berg", "Ana Ruiz")
    assert event.date.text == "Tuesday"
    assert event.text == "On Tuesday, he is scheduled to meet with President Ana Ruiz."


def test_phone_call_between_two_leaders(analyzer):
    text = "President Ana Ruiz held a phone call with Chancellor Tom Keller on Friday."
    (event,) = events_of(analyzer, text)
    assert (event.type, event.trigger.text, event.status) == ("call", "phone call", "held")
    assert event.participants == ("Ana Ruiz", "Tom Keller")
    assert event.date.text == "Friday"


def test_they_are_the_people_of_an_earlier_sentence(analyzer):
    text = ("Ana Ruiz and Tom Keller met in Lima last year. "
            "Since then they have been talking regularly by phone.")
    meeting, call = events_of(analyzer, text)
    assert meeting.type == "meeting" and meeting.place.text == "Lima"
    assert call.type == "call"
    assert call.participants == ("Ana Ruiz", "Tom Keller")
    assert call.trigger.text == "have been talking regularly by phone"


def test_talks_between_two_countries(analyzer):
    text = "Talks between Norway and Sweden resumed in Geneva on Monday."
    (event,) = events_of(analyzer, text)
    assert event.type == "talks"
    assert event.participants == ("Norway", "Sweden")
    assert event.place.text == "Geneva"
    assert event.date.value == "2022-02-07"


def test_visit_is_planned_and_has_its_destination(analyzer):
    text = "Foreign Minister Pedro Alves will visit Warsaw on Thursday."
    (event,) = events_of(analyzer, text)
    assert (event.type, event.status, event.trigger.text) == ("visit", "planned", "will visit")
    assert event.participants == ("Pedro Alves",)
    assert event.place.text == "Warsaw"
    assert event.date.text == "Thursday"


def test_a_visit_to_two_places_is_two_visits(analyzer):
    text = "Lena Okafor plans to visit Berlin and then Rome."
    events = events_of(analyzer, text)
    assert [(e.type, e.place.text, e.status) for e in events] == [
        ("visit", "Berlin", "planned"), ("visit", "Rome", "planned")]


def test_nominal_visit_with_possessive(analyzer):
    text = "Lena Okafor spoke in Oslo on Monday. Her visit to Madrid ended on Wednesday."
    (event,) = events_of(analyzer, text)
    assert (event.type, event.participants, event.place.text) == ("visit", ("Lena Okafor",), "Madrid")


def test_a_planned_meeting_takes_the_place_of_the_planned_visit(analyzer):
    text = ("Chancellor Olaf Brandt decided to visit Rome. "
            "On Friday, he is to meet with Prime Minister Marco Bellini.")
    visit, meeting = events_of(analyzer, text)
    assert visit.place.text == "Rome"
    assert meeting.participants == ("Olaf Brandt", "Marco Bellini")
    assert meeting.place == visit.place
    assert meeting.status == "planned"


def test_repeated_reports_are_one_event(analyzer):
    text = ("Marie Colin met Olaf Brandt in Paris on Friday. "
            "Colin said her meeting with Brandt had been useful.")
    (event,) = events_of(analyzer, text)
    assert event.participants == ("Marie Colin", "Olaf Brandt")
    assert event.place.text == "Paris"



@pytest.mark.parametrize("second", [
    "The two leaders met again in Lima.",
    "Later, Ruiz met Keller in LIMA.",               # places are compared by their words
])
def test_reports_of_a_meeting_in_one_place_are_one_event(analyzer, second):
    text = "Ana Ruiz met Tom Keller in Lima. " + second
    (event,) = events_of(analyzer, text)
    assert (event.participants, event.place.text) == (("Ana Ruiz", "Tom Keller"), "Lima")
    assert event.text == "Ana Ruiz met Tom Keller in Lima."


def test_meetings_in_two_places_stay_two(analyzer):
    text = "Ana Ruiz met Tom Keller in Lima. Ana Ruiz met Tom Keller in Quito."
    assert [e.place.text for e in events_of(analyzer, text)] == ["Lima", "Quito"]


def test_a_sentence_repeated_500_times_is_one_event(analyzer):
    sentence = "Ana Ruiz met Tom Keller in Lima."
    (event,) = events_of(analyzer, " ".join([sentence] * 500))
    assert (event.text, event.start, event.place.text) == (sentence, 0, "Lima")


@pytest.mark.parametrize("text", [
    "The plan failed to meet its targets.",
    "She visited the idea again.",
    "Lena Okafor visited the idea again.",
    "Norway met its emission targets last year.",
    "The proposal met with fierce criticism from Sweden.",
    "Both Ana Ruiz and Tom Keller called the summit a success.",
    "Tom Keller called for talks.",
    "Ana Ruiz did not meet Tom Keller on Friday.",
    "Ana Ruiz refused to visit Warsaw.",
    "The talks lasted six hours.",
    "We agreed to call each other.",
])
def test_no_event(analyzer, text):
    assert events_of(analyzer, text) == []


def test_triggers_are_data():
    words = event_words()
    assert {t.type for ts in words.triggers.values() for t in ts} == {"meeting", "visit", "call", "talks"}
    assert any(t.words == ("phone", "call") for t in words.triggers["phone"])
    assert "schedule" in words.plan and "refuse" in words.cancel and "hold" in words.support


def test_founding_example(analyzer, founding_path: Path):
    from onrecord.ingest import read_path
    article = dataclasses.replace(read_path(founding_path), published=PUBLISHED)
    doc, article = next(analyzer.parse_many([article]))
    skip = [(b.start, b.end) for b in article.boilerplate]
    entities = find_entities(doc, skip)
    dates = find_dates(doc, article.published)
    found = find_events(doc, entities, dates, SpeakerResolver(doc, entities), skip, text=article.text)
    for event in found:
        assert article.text[event.start:event.end] == event.text
    meetings = [e for e in found if e.type == "meeting"]
    assert [(set(e.participants), e.place.text, e.date.value, e.status) for e in meetings] == [
        ({"Vladimir Putin", "Emmanuel Macron"}, "Moscow", "2022-02-07", "held"),
        ({"Emmanuel Macron", "Volodymyr Zelenskyy"}, "Kyiv", "2022-02-08", "planned"),
    ]
    gold = json.loads(founding_path.with_name("macron-putin-2022-02-07.gold.json").read_text(encoding="utf-8"))
    assert len(meetings) == len(gold["events"])
    # anything else found is a call or visit of the same people
    for event in found:
        assert event.type in ("meeting", "call", "visit")
        assert set(event.participants) <= {"Vladimir Putin", "Emmanuel Macron", "Volodymyr Zelenskyy"}
