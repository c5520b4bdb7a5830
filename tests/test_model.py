"""The record round-trips through JSON unchanged and keeps its schema."""
from __future__ import annotations

import json

from onrecord.model import SCHEMA, Amount, Article, DateRef, Entity, Event, Span, Speaker, Statement, Topic


def test_round_trip_through_json():
    text = '"Yes," Ruiz said on Monday about 20 boats.'
    article = Article(
        text=text, source="a.txt", published="2022-02-07", authors=("A. Writer",),
        boilerplate=(Span.of(text, 0, 1),),
        statements=(Statement("s1", "direct", "Yes,", 1, 5, Span.of(text, 7, 11),
                              Speaker("Ana Ruiz", Span.of(text, 7, 11), "e1"), 0.9, ("Ana Ruiz",),
                              (Span.of(text, 1, 5),)),),
        entities=(Entity("e1", "Ana Ruiz", "PERSON", (Span.of(text, 7, 11),)),),
        amounts=(Amount("about 20 boats", 28, 42, value=20, unit="boats", qualifier="about"),),
        dates=(DateRef("Monday", 15, 21, "2022-02-07", "day"),),
    )
    data = json.loads(json.dumps(article.to_dict()))
    assert data["schema"] == SCHEMA and len(data["id"]) == 64
    assert Article.from_dict(data) == article


def test_id_is_the_hash_of_the_text():
    assert Article("a").id != Article("b").id
    assert Article("a", source="x").id == Article("a", source="y").id


def test_topics_events_and_claims_round_trip():
    text = "Putin and Macron met in Moscow on Monday. Ukraine has 100,000 troops, Putin said."
    monday = DateRef("Monday", 34, 40, "2022-02-07", "day")
    article = Article(
        text=text,
        statements=(Statement("s1", "indirect", "Ukraine has 100,000 troops", 42, 68, topics=("t1",)),),
        amounts=(Amount("100,000 troops", 54, 68, value=100000, unit="troops", statement="s1",
                        about=Span.of(text, 42, 49), claimed_by="Vladimir Putin"),),
        dates=(monday,),
        topics=(Topic("t1", "ukraine", "Ukraine", (Span.of(text, 42, 49),)),),
        events=(Event("v1", "meeting", text[:41], 0, 41, Span.of(text, 17, 20), ("Vladimir Putin", "Emmanuel Macron"),
                      Span.of(text, 24, 30), monday, "held"),),
    )
    data = json.loads(json.dumps(article.to_dict()))
    assert data["amounts"][0]["about"] == {"text": "Ukraine", "start": 42, "end": 49}
    assert data["events"][0]["date"]["value"] == "2022-02-07"
    assert Article.from_dict(data) == article


def test_records_without_the_newer_fields_still_read():
    data = Article("Ruiz spoke.").to_dict()
    for name in ("topics", "events"):
        del data[name]
    assert Article.from_dict(data) == Article("Ruiz spoke.")
