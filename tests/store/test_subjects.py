"""Topics, events and claims in the store (schema v4): one topic key across articles and
names, events grouped across the articles that report them, amounts with their subject and
claimant; counts kept right when an article is replaced."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.model import DateRef, Event
from onrecord.store import Store

from store.kit import check_integrity, rich
from store.subjects import alliance, all_subjects, kyiv_visit, moscow_talks


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "subjects.db") as s:
        s.save_many(all_subjects())
        yield s


# -- topics ------------------------------------------------------------------------------------

def test_topics_most_discussed_first_with_counts(store: Store) -> None:
    items = store.topics()["items"]
    assert [(t["key"], t["statement_count"], t["article_count"]) for t in items] == [
        ("nato", 2, 2), ("ukraine", 2, 2), ("russia", 1, 2)]
    nato = items[0]
    assert nato["name"] == "NATO" and (nato["first_seen"], nato["last_seen"]) == ("2022-02-07", "2022-02-08")


@pytest.mark.parametrize("ref", ["nato", "NATO", "the North Atlantic Alliance", "North Atlantic Alliance"])
def test_a_topic_by_key_or_any_name(store: Store, ref: str) -> None:
    found = store.topic(ref)
    assert found is not None and found["key"] == "nato"
    assert found["names"] == ["NATO", "the North Atlantic Alliance"]
    assert [s["speaker_name"] for s in found["statements"]] == ["Jens Stoltenberg", "Olaf Scholz"]
    assert [p["name"] for p in found["speakers"]] == ["Jens Stoltenberg", "Olaf Scholz"]
    assert found["timeline"] == [{"period": "2022-02", "statements": 2}]
    assert found["related"] == [{"key": "ukraine", "name": "Ukraine", "statements": 1}]


def test_unknown_topic_is_none_and_matches_no_statement(store: Store) -> None:
    assert store.topic("Minsk agreements") is None
    assert store.statements(topic="Minsk agreements") == []


def test_statements_by_topic_alone_and_with_a_speaker(store: Store) -> None:
    assert {s["text"] for s in store.statements(topic="the North Atlantic Alliance")} == {
        "NATO would not send troops to Ukraine", "the North Atlantic Alliance would hold firm"}
    assert [s["text"] for s in store.statements(topic="ukraine", speaker="Scholz")] == ["Ukraine had 250,000 troops"]
    assert store.statements(topic="russia", speaker="Scholz") == []
    page = store.statements_page(topic="nato", order="desc", limit=1)
    assert [r["speaker_name"] for r in page["items"]] == ["Olaf Scholz"]
    rest = store.statements_page(topic="nato", order="desc", limit=1, cursor=page["next_cursor"])
    assert [r["speaker_name"] for r in rest["items"]] == ["Jens Stoltenberg"] and rest["next_cursor"] is None


def test_topic_search_by_words_of_any_name(store: Store) -> None:
    assert [t["key"] for t in store.topics(q="alliance")["items"]] == ["nato"]
    assert [t["key"] for t in store.topics(q="the North Atlantic Alliance")["items"]] == ["nato"]
    assert store.topics(q="nowhere")["items"] == [] and store.topics(q="!!")["items"] == []


def test_topic_pages_cover_every_topic_once(store: Store) -> None:
    seen, cursor = [], None
    while True:
        page = store.topics(limit=2, cursor=cursor)
        seen += [t["key"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["nato", "ukraine", "russia"]
    with pytest.raises(InputError, match="cursor"):
        store.topics(cursor=store.events(limit=1)["next_cursor"])


def test_replacing_an_article_recounts_and_drops_its_topics(store: Store) -> None:
    talks = moscow_talks()
    store.save(dataclasses.replace(talks, topics=talks.topics[:1],
                                   statements=tuple(dataclasses.replace(s, topics=s.topics[:1])
                                                    for s in talks.statements)))
    counts = {t["key"]: (t["statement_count"], t["article_count"]) for t in store.topics()["items"]}
    assert counts == {"nato": (2, 2), "ukraine": (1, 1), "russia": (0, 1)}
    store.save(dataclasses.replace(alliance(), topics=(), statements=()))
    assert {t["key"] for t in store.topics()["items"]} == {"nato", "ukraine"}


# -- events ------------------------------------------------------------------------------------

def test_the_same_meeting_in_two_articles_is_one_event(store: Store) -> None:
    items = store.events()["items"]
    assert [(e["type"], e["article_count"], e["date"]) for e in items] == [
        ("visit", 1, None), ("meeting", 2, "2022-02-07")]           # the undated by its report: 02-10
    meeting = store.event(items[1]["id"])
    assert meeting["participants"] == ["Vladimir Putin", "Emmanuel Macron"]
    assert meeting["place"] == "Moscow" and meeting["status"] == "held"
    assert [(r["site"], r["text"]) for r in meeting["reports"]] == [
        ("alpha.example", "Vladimir Putin met Emmanuel Macron in Moscow on February 7."),
        ("beta.example", "Emmanuel Macron met Vladimir Putin in Moscow on Monday.")]
    for report in meeting["reports"]:
        text = store.get(report["article_id"]).text
        assert text[report["start"]:report["end"]] == report["text"]
        assert text[report["trigger"]["start"]:report["trigger"]["end"]] == "met"
        assert report["date"]["value"] == "2022-02-07"
    assert store.event(str(items[1]["id"]))["id"] == items[1]["id"] and store.event(999) is None


def test_other_dates_or_participants_make_other_events(tmp_path: Path) -> None:
    talks = moscow_talks()
    later = dataclasses.replace(talks.events[0], date=DateRef("February 9", 0, 1, "2022-02-09", "day"))
    other = dataclasses.replace(talks.events[0], id="v2", participants=("Vladimir Putin", "Olaf Scholz"))
    with Store(tmp_path / "e.db") as s:
        s.save_many([talks, dataclasses.replace(alliance(), events=(later, other)), kyiv_visit(),
                     dataclasses.replace(kyiv_visit(), text=kyiv_visit().text + " ")])
        assert sorted(e["article_count"] for e in s.events()["items"]) == [1, 1, 1, 1, 1]


def test_planned_and_held_reports_are_one_event_held(tmp_path: Path) -> None:
    held = alliance()
    planned = dataclasses.replace(moscow_talks(), events=(dataclasses.replace(moscow_talks().events[0], status="planned"),))
    with Store(tmp_path / "e.db") as s:
        s.save(planned)
        assert s.events()["items"][0]["status"] == "planned"
        s.save(held)
        (event,) = s.events()["items"]
        assert event["status"] == "held" and event["article_count"] == 2


def test_event_filters(store: Store) -> None:
    def ids(**kw) -> list[str]:
        return [e["type"] for e in store.events(**kw)["items"]]
    assert ids(participant="putin") == ["meeting"]
    assert ids(participant="Olaf Scholz") == ["visit"]
    assert ids(participant="olaf putin") == []                       # consecutive words of one name
    assert ids(type="visit") == ["visit"]
    assert ids(q="Moscow") == ["meeting"] and ids(q="kyiv") == ["visit"]
    assert ids(since="2022-02-08") == ["visit"] and ids(until="2022-02-07") == ["meeting"]
    with pytest.raises(InputError, match="type"):
        store.events(type="party")
    with pytest.raises(InputError, match="since"):
        store.events(since="2022-03-01", until="2022-02-01")


def test_event_pages_and_replacement(store: Store) -> None:
    first = store.events(limit=1)
    rest = store.events(limit=1, cursor=first["next_cursor"])
    assert [e["type"] for e in first["items"] + rest["items"]] == ["visit", "meeting"]
    assert rest["next_cursor"] is None
    store.save(dataclasses.replace(alliance(), events=()))
    (meeting,) = store.events(type="meeting")["items"]
    assert meeting["article_count"] == 1
    store.save(dataclasses.replace(moscow_talks(), events=()))
    assert store.events(type="meeting")["items"] == []
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM event_groups").fetchone()[0] == 1


def test_the_article_lists_its_events_with_their_ids(store: Store) -> None:
    (event,) = store.article(alliance().id)["events"]
    assert event["group_id"] == store.events(type="meeting")["items"][0]["id"]
    assert event["participants"] == ["Emmanuel Macron", "Vladimir Putin"]


# -- claims ------------------------------------------------------------------------------------

def test_claims_carry_subject_claimant_where_and_when(store: Store) -> None:
    rows = store.claims()
    assert [(r["text"], r["about"], r["about_key"], r["claimed_by"], r["statement"], r["site"]) for r in rows] == [
        ("100,000 troops", "Russia", "russia", "Vladimir Putin", "s2", "alpha.example"),
        ("more than 130,000 soldiers", "Russia", "russia", None, None, "beta.example"),
        ("250,000 troops", "Ukraine", "ukraine", "Olaf Scholz", "s1", "gamma.example")]
    first = rows[0]
    assert store.get(first["article_id"]).text[first["start"]:first["end"]] == "100,000 troops"
    assert (first["value"], rows[1]["low"], rows[1]["qualifier"]) == (100000.0, 130000.0, "more than")


def test_claims_about_a_subject(store: Store) -> None:
    assert [r["site"] for r in store.claims(about="Russia")] == ["alpha.example", "beta.example"]
    assert [r["site"] for r in store.claims(about="ukrainian")] == ["gamma.example"]   # keyed as Ukraine
    assert [r["site"] for r in store.claims(about="soldiers")] == ["beta.example"]
    assert store.claims(about="Belarus") == [] and len(store.claims(limit=1)) == 1


def test_rows_without_subject_or_claimant_stay_null(tmp_path: Path) -> None:
    with Store(tmp_path / "r.db") as s:
        s.save(rich())
        (row,) = s.claims()
        assert (row["about"], row["about_key"], row["claimed_by"]) == (None, None, None)
        assert s.claims(counted=True) == [row] and s.topics()["items"] == [] and s.events()["items"] == []


def test_new_tables_keep_integrity(store: Store) -> None:
    store.save(dataclasses.replace(moscow_talks(), events=(Event("v1", "call", "x", 0, 1),)))
    check_integrity(store.path)
