"""The record round-trips through JSON unchanged and keeps its schema."""
from __future__ import annotations

import json

from onrecord.model import SCHEMA, Amount, Article, DateRef, Entity, Span, Speaker, Statement


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
