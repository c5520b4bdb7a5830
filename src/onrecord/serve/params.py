"""Query parameters shared by a page and its JSON twin, read once into a view's query object.

HTML forms send empty fields (``since=&kind=``); a blank value means "no filter" here, so the
store only ever sees real values (and rejects malformed ones with InputError → 400).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request

from onrecord.serve.state import Context
from onrecord.serve.views import (
    EVENT_REPORTS, LIMIT_MAX, QUOTE_OCCURRENCES, TOPIC_STATEMENTS, ArticleQuery, EventQuery, Order, QuoteQuery,
    StatementQuery,
)

Text = Annotated[str | None, Query(max_length=500)]
Date = Annotated[str | None, Query(max_length=40, description="ISO date, YYYY-MM-DD (inclusive)")]
Cursor = Annotated[str | None, Query(max_length=2000, description="`next_cursor` of the previous page")]
Limit = Annotated[int, Query(ge=1, le=LIMIT_MAX, description="page size (a larger one is a 400)")]

# Quotes listed a page at a time: each counts the speakers of all its occurrences.
QUOTES_PAGE = 20


def context(request: Request) -> Context:
    return request.app.state.ctx


def blank(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def statement_query(
    q: Annotated[str | None, Query(max_length=500, description="full-text words (all must occur)")] = None,
    speaker: Annotated[str | None, Query(max_length=500, description="speaker name or any word of it")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, description="a speaker's id (see /api/speakers)")] = None,
    site: Text = None,
    since: Date = None,
    until: Date = None,
    kind: Annotated[str | None, Query(description="direct, indirect or mixed")] = None,
    act: Annotated[str | None, Query(description="what the source did: speech, thought or evidence")] = None,
    order: Annotated[Order, Query(description="by publication date")] = "desc",
    limit: Limit = 50,
    cursor: Cursor = None,
    topic: Annotated[str | None, Query(max_length=500, description="a topic's key or any name of it (see /api/topics)")] = None,
) -> StatementQuery:
    return StatementQuery(q=blank(q), speaker=blank(speaker), speaker_id=speaker_id, site=blank(site),
                          since=blank(since), until=blank(until), kind=blank(kind), act=blank(act), order=order,
                          limit=limit, cursor=blank(cursor), topic=blank(topic))


def article_query(
    q: Annotated[str | None, Query(max_length=500, description="words in the title or text")] = None,
    site: Text = None,
    since: Date = None,
    until: Date = None,
    order: Annotated[Order, Query(description="by publication date")] = "desc",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ArticleQuery:
    return ArticleQuery(q=blank(q), site=blank(site), since=blank(since), until=blank(until),
                        order=order, limit=limit, cursor=blank(cursor))


def quote_query(
    q: Annotated[str | None, Query(max_length=500, description="words of the quoted text (all must occur)")] = None,
    speaker: Annotated[str | None, Query(max_length=500, description="a speaker of any occurrence: name or any word of it")] = None,
    min_articles: Annotated[int, Query(ge=1, le=10**9, description="reported by at least this many articles")] = 1,
    limit: Limit = QUOTES_PAGE,
    cursor: Cursor = None,
) -> QuoteQuery:
    return QuoteQuery(q=blank(q), speaker=blank(speaker), min_articles=min_articles, limit=limit,
                      cursor=blank(cursor))


def event_query(
    q: Annotated[str | None, Query(max_length=500, description="words of the evidence, place or participants")] = None,
    type: Annotated[str | None, Query(max_length=20, description="meeting, visit, call or talks")] = None,
    participant: Annotated[str | None, Query(max_length=500, description="a participant's name or any word of it")] = None,
    since: Date = None,
    until: Date = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> EventQuery:
    return EventQuery(q=blank(q), type=blank(type), participant=blank(participant), since=blank(since),
                      until=blank(until), limit=limit, cursor=blank(cursor))


__all__ = ["EVENT_REPORTS", "QUOTES_PAGE", "QUOTE_OCCURRENCES", "TOPIC_STATEMENTS", "event_query", "Limit", "article_query", "blank", "context", "quote_query", "statement_query"]
