"""The JSON API under /api: thin routes over ``views`` (reads) and ``writing`` (POST)."""
from __future__ import annotations

from typing import Annotated, Any, cast

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from onrecord.serve import views, writing
from onrecord.serve.params import (
    EVENT_REPORTS, QUOTE_OCCURRENCES, TOPIC_STATEMENTS, Cursor, Limit, article_query, blank, context, event_query,
    quote_query, statement_query,
)
from onrecord.serve.state import Context
from onrecord.serve.views import ArticleQuery, EventQuery, QuoteQuery, StatementQuery

router = APIRouter(prefix="/api")
# A route's return annotation is FastAPI's response model: ``dict[str, Any]`` passes every key
# of an answer through as it is, while a row type there would have each answer validated (and
# its schema rewritten). So the typed rows of the views (``store.rows``) are cast back to it.
Ctx = Annotated[Context, Depends(context)]
BAD: dict[int | str, dict[str, Any]] = {400: {"description": 'Bad request: `{"error": ..., "detail": ...}`'}}
ERRORS: dict[int | str, dict[str, Any]] = {**BAD, 404: {"description": "Not in the store"}}


@router.get("/overview", tags=["read"], summary="Totals, newest statements, most quoted speakers")
def overview(ctx: Ctx) -> dict[str, Any]:
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.overview(store))


@router.get("/statements", tags=["read"], responses=BAD,
            summary="Statements, filtered, newest first, one page at a time")
def statements(ctx: Ctx, query: Annotated[StatementQuery, Depends(statement_query)]) -> dict[str, Any]:
    """`{"items": [...], "next_cursor": ...}`: pass `next_cursor` back as `cursor`, with the
    same filters, for the next page; it is null on the last page."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.statements(store, query))


@router.get("/articles", tags=["read"], responses=BAD, summary="Articles, newest first")
def articles(ctx: Ctx, query: Annotated[ArticleQuery, Depends(article_query)]) -> dict[str, Any]:
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.articles(store, query))


@router.get("/articles/{article_id}", tags=["read"], responses=ERRORS,
            summary="One article: metadata, sources, a page of statements (the full record when asked)")
def article(ctx: Ctx, article_id: Annotated[str, Path(max_length=200)],
            limit: Limit = views.ARTICLE_STATEMENTS, cursor: Cursor = None,
            record: Annotated[bool, Query(description="with the full analysis record (text, every statement, "
                                                      "entities, ...): `record=1`")] = False,
            ) -> dict[str, Any]:
    """`sources` lists every place the article was read, first one first: copies of the same
    text and near-duplicates folded into it (`text_id` is the id of the copy's own text,
    `similarity` 1 for the same text). The id of a folded copy answers with this article.
    `statements` are one page, in text order: pass `next_cursor` back as `cursor` for the
    next (null on the last); `statement_count` and `speakers` count them all. `record`, the
    whole stored analysis (many times the size of a page), comes only with `record=1`."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.article(store, article_id, limit, blank(cursor), record=record))


@router.get("/quotes", tags=["read"], responses=BAD,
            summary="Quotes across articles, most reported first, one page at a time")
def quotes(ctx: Ctx, query: Annotated[QuoteQuery, Depends(quote_query)]) -> dict[str, Any]:
    """The same quoted words (case, punctuation and quotation marks aside) in several articles
    are one quote. `{"items": [...], "next_cursor": ...}`; an item has `id`, `text`,
    `first_seen`, `article_count`, `statement_count`, `speakers` (its few most frequent) and
    `speaker_count` (all of them)."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.quotes(store, query))


@router.get("/quotes/{quote_id}", tags=["read"], responses=ERRORS,
            summary="One quote: its first occurrences in articles and their speakers")
def quote(ctx: Ctx, quote_id: Annotated[int, Path(ge=1, le=2**62)],
          limit: Limit = QUOTE_OCCURRENCES) -> dict[str, Any]:
    """`occurrences` are the first `limit` statement rows (article, title, site, date,
    source, speaker, text and offsets), oldest first, of `statement_count` in all; `speakers`
    are every distinct speaker with their counts (`speaker_count` of them)."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.quote(store, quote_id, limit))


@router.get("/speakers", tags=["read"], responses=BAD, summary="Speakers, most quoted first")
def speakers(ctx: Ctx, q: Annotated[str | None, Query(max_length=500)] = None, limit: Limit = 50,
             offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    """`next_offset` is the `offset` of the next page, null on the last."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.speakers(store, blank(q), limit, offset))


@router.get("/speakers/{ref:path}", tags=["read"], responses=ERRORS,
            summary="One speaker by id or name: aliases, timeline, a page of statements, entities")
def speaker(ctx: Ctx, ref: Annotated[str, Path(max_length=500)], limit: Limit = views.SPEAKER_STATEMENTS,
            cursor: Cursor = None) -> dict[str, Any]:
    """`statements` are one page, oldest first: pass `next_cursor` back as `cursor` for the
    next (null on the last). The counts, timeline and entities are the speaker's whole."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.speaker(store, ref, limit, blank(cursor)))


@router.get("/topics", tags=["read"], responses=BAD,
            summary="Topics across articles, most discussed first, one page at a time")
def topics(ctx: Ctx, q: Annotated[str | None, Query(max_length=500, description="words of any of its names")] = None,
           limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    """What statements are about, one key across articles and names ("NATO" and "the North
    Atlantic Alliance" are `nato`). `{"items": [...], "next_cursor": ...}`; an item has `id`,
    `key`, `name`, `first_seen`, `last_seen`, `article_count` and `statement_count`."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.topics(store, blank(q), limit, blank(cursor)))


@router.get("/topics/{key:path}", tags=["read"], responses=ERRORS,
            summary="One topic by key or any name: names, timeline, speakers, related topics, first statements")
def topic(ctx: Ctx, key: Annotated[str, Path(max_length=500)], limit: Limit = TOPIC_STATEMENTS) -> dict[str, Any]:
    """`statements` are the first `limit` statement rows, oldest first, of `statement_count`
    in all (every one, a page at a time: `/api/statements?topic=KEY&order=asc`); `speakers`
    who speak of it most; `related` the topics the same statements are about."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.topic(store, key, limit))


@router.get("/events", tags=["read"], responses=BAD,
            summary="Meetings, visits, calls and talks, newest first, one page at a time")
def events(ctx: Ctx, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    """One item per event however many articles report it (the same type, participants and
    date): `id`, `type`, `participants`, `date`, `status` (held or planned), `place`, `when`,
    `article_count` and `first_report` (its evidence and article)."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.events(store, query))


@router.get("/events/{event_id}", tags=["read"], responses=ERRORS,
            summary="One event with the articles' first reports of it")
def event(ctx: Ctx, event_id: Annotated[int, Path(ge=1, le=2**62)], limit: Limit = EVENT_REPORTS) -> dict[str, Any]:
    """`reports` are the first `limit` of the articles' evidence sentences (`text` with its
    offsets in the article, `trigger`, `place`, `date`, `status`, `participants`), oldest
    first, of `report_count` in all."""
    with ctx.reader() as store:
        return cast("dict[str, Any]", views.event(store, event_id, limit))


@router.get("/claims", tags=["read"], responses=BAD,
            summary="Amounts as claims: the same quantity from different sources side by side")
def claims(ctx: Ctx, about: Annotated[str | None, Query(
        max_length=500, description="words of the subject or the quantity (\"Russia\", \"Ukrainian troops\")")] = None,
           ) -> dict[str, Any]:
    """`groups`, one per quantity (a normalised unit), each with its `claims` (who claims
    what about whom, where and when), the `comparisons` of claims from different sources and a
    `verdict`: `disagree`, `agree`, `different subjects`, `unknown subject` or `single`."""
    with ctx.reader() as store:
        return views.claims(store, blank(about))


@router.get("/digest", tags=["read"], responses=ERRORS,
            summary="A digest of one article, speaker, topic or event (give exactly one)")
def digest(ctx: Ctx,
           article: Annotated[str | None, Query(max_length=200, description="a stored article's id")] = None,
           speaker: Annotated[str | None, Query(max_length=500, description="a speaker's name or id")] = None,
           topic: Annotated[str | None, Query(max_length=500, description="a topic's key or any name")] = None,
           event: Annotated[int | None, Query(ge=1, le=2**62, description="an event's id")] = None,
           ) -> dict[str, Any]:
    """Context, sections by topic, key statements verbatim (each linked to its place on the
    article page) and events. Text onrecord writes itself has `"generated": true`."""
    with ctx.reader() as store:
        return views.digest(store, blank(article), blank(speaker), blank(topic), event).to_dict()


@router.post("/articles", tags=["write"], status_code=201,
             summary="Analyse and save an article (needs the write token)",
             responses={200: {"description": "Already stored, unchanged, or a copy of a stored article "
                                             "(`copy_of`), which is kept as one more of its sources"},
                        **BAD, 401: {"description": "Missing or wrong token"},
                        403: {"description": "Writing is off (no token configured)"},
                        413: {"description": "Body too large"}},
             openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                 "schema": writing.IngestRequest.model_json_schema()}}}})
async def post_article(request: Request, ctx: Ctx,
                       authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
                       ) -> JSONResponse:
    """Body: `{"text": ...}` or `{"html": ..., "url": ...}`, optionally `"published":
    "YYYY-MM-DD"`. Header: `Authorization: Bearer <ONRECORD_TOKEN>`. 201 when saved, 200 when
    the store already held this article."""
    writing.check_token(ctx, authorization)     # before the body is even read
    body = await writing.read_request(request)
    answer, saved = await run_in_threadpool(writing.ingest, ctx, body)
    return JSONResponse(answer, status_code=201 if saved else 200,
                        headers={"Location": answer["api"]} if saved else None)


__all__ = ["router"]
