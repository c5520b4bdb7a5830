"""The HTML pages: each calls the same view function as its JSON twin and renders it."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypedDict

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from onrecord.errors import InputError
from onrecord.serve import docs, views
from onrecord.serve.article_page import article_view
from onrecord.serve.chart import timeline_chart
from onrecord.serve.highlight import evidence
from onrecord.serve.params import (
    EVENT_REPORTS, QUOTE_OCCURRENCES, TOPIC_STATEMENTS, Cursor, Limit, article_query, blank, context, event_query,
    quote_query, statement_query,
)
from onrecord.serve.state import Context
from onrecord.serve.formatting import path_part, query_string
from onrecord.serve.templates import render
from onrecord.serve.views import LIMIT_MAX, ArticleQuery, EventQuery, QuoteQuery, StatementQuery

router = APIRouter(include_in_schema=False)
DIGEST_LEGEND = ("Text labelled generated is written by onrecord; everything else is the articles' own words, "
                 "quoted verbatim, each line linked to its place in the article.")
Ctx = Annotated[Context, Depends(context)]


class _DigestParams(TypedDict):
    """What /digest is asked for, by the names of ``views.digest``'s arguments (None: not given)."""
    article: str | None
    speaker: str | None
    topic: str | None
    event: int | None


def page(request: Request, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    return HTMLResponse(render(name, request, **values), status_code=status)


def attempt(ctx: Context, load: Callable[[Any], Mapping[str, Any]],
            query: dict[str, Any]) -> tuple[Mapping[str, Any], str | None]:
    """``load`` of the store and no error, or an empty page of ``query`` and the malformed filter's message."""
    try:
        with ctx.reader() as store:
            return load(store), None
    except InputError as err:
        return {"items": [], "next_cursor": None, "query": query}, str(err)


def listing(request: Request, ctx: Context, name: str, load: Callable[[Any, Any], Mapping[str, Any]],
            query: Any, api: str) -> HTMLResponse:
    """A filtered list page. A malformed filter is shown beside the form it came from (status 400),
    not on a bare error page."""
    params = query.params()
    data, error = attempt(ctx, lambda store: load(store, query), params)
    return page(request, name, status=400 if error else 200, data=data, query=query, error=error,
                json_url=api + query_string(params))


@router.get("/")
def home(request: Request, ctx: Ctx) -> HTMLResponse:
    with ctx.reader() as store:
        data = views.overview(store)
    return page(request, "home.html", data=data, json_url="/api/overview")


@router.get("/search")
def search(request: Request, ctx: Ctx,
           query: Annotated[StatementQuery, Depends(statement_query)]) -> HTMLResponse:
    return listing(request, ctx, "search.html", views.statements, query, "/api/statements")


@router.get("/articles")
def article_list(request: Request, ctx: Ctx,
                 query: Annotated[ArticleQuery, Depends(article_query)]) -> HTMLResponse:
    return listing(request, ctx, "articles.html", views.articles, query, "/api/articles")


@router.get("/articles/{article_id}")
def article(request: Request, ctx: Ctx, article_id: Annotated[str, Path(max_length=200)],
            limit: Limit = views.ARTICLE_STATEMENTS, cursor: Cursor = None) -> HTMLResponse:
    cursor = blank(cursor)
    with ctx.reader() as store:
        data = views.article(store, article_id, limit, cursor)
    params = {"limit": limit if limit != views.ARTICLE_STATEMENTS else None}
    return page(request, "article.html", data=data, **article_view(data, first=cursor is None),
                params=params, first=cursor is None, events=data.get("events") or [],
                json_url=f"/api/articles/{path_part(data['id'])}" + query_string(params, cursor=cursor))


@router.get("/speakers")
def speaker_list(request: Request, ctx: Ctx, q: Annotated[str | None, Query(max_length=500)] = None,
                 limit: Limit = 50, offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> HTMLResponse:
    q = blank(q)
    with ctx.reader() as store:
        data = views.speakers(store, q, limit, offset)
    params = {"q": q, "limit": limit if limit != 50 else None}
    return page(request, "speakers.html", data=data, params=params, q=q or "",
                json_url="/api/speakers" + query_string(params, offset=offset or None))


@router.get("/speakers/{ref:path}")
def speaker(request: Request, ctx: Ctx, ref: Annotated[str, Path(max_length=500)],
            limit: Limit = views.SPEAKER_STATEMENTS, cursor: Cursor = None) -> HTMLResponse:
    cursor = blank(cursor)
    with ctx.reader() as store:
        data = views.speaker(store, ref, limit, cursor)
    params = {"limit": limit if limit != views.SPEAKER_STATEMENTS else None}
    return page(request, "speaker.html", data=data, chart=timeline_chart(data["timeline"]),
                params=params, first=cursor is None,
                json_url=f"/api/speakers/{data['id']}" + query_string(params, cursor=cursor))


@router.get("/quotes")
def quote_list(request: Request, ctx: Ctx,
               query: Annotated[QuoteQuery, Depends(quote_query)]) -> HTMLResponse:
    return listing(request, ctx, "quotes.html", views.quotes, query, "/api/quotes")


@router.get("/quotes/{quote_id}")
def quote(request: Request, ctx: Ctx, quote_id: Annotated[int, Path(ge=1, le=2**62)],
          limit: Limit = QUOTE_OCCURRENCES) -> HTMLResponse:
    with ctx.reader() as store:
        data = views.quote(store, quote_id, limit)
    params = {"limit": limit if limit != QUOTE_OCCURRENCES else None}
    return page(request, "quote.html", data=data, more=min(LIMIT_MAX, 10 * limit),
                json_url=f"/api/quotes/{data['id']}" + query_string(params))


@router.get("/topics")
def topic_list(request: Request, ctx: Ctx, q: Annotated[str | None, Query(max_length=500)] = None,
               limit: Limit = 50, cursor: Cursor = None) -> HTMLResponse:
    q, cursor = blank(q), blank(cursor)
    data, error = attempt(ctx, lambda store: views.topics(store, q, limit, cursor), {"q": q})
    return page(request, "topics.html", status=400 if error else 200, data=data, q=q or "",
                cursor=cursor, error=error, json_url="/api/topics" + query_string(data["query"]))


@router.get("/topics/{key:path}")
def topic(request: Request, ctx: Ctx, key: Annotated[str, Path(max_length=500)],
          limit: Limit = TOPIC_STATEMENTS) -> HTMLResponse:
    with ctx.reader() as store:
        data = views.topic(store, key, limit)
    params = {"limit": limit if limit != TOPIC_STATEMENTS else None}
    return page(request, "topic.html", data=data, chart=timeline_chart(data["timeline"]),
                json_url=f"/api/topics/{path_part(data['key'])}" + query_string(params))


@router.get("/events")
def event_list(request: Request, ctx: Ctx,
               query: Annotated[EventQuery, Depends(event_query)]) -> HTMLResponse:
    return listing(request, ctx, "events.html", views.events, query, "/api/events")


@router.get("/events/{event_id}")
def event(request: Request, ctx: Ctx, event_id: Annotated[int, Path(ge=1, le=2**62)],
          limit: Limit = EVENT_REPORTS) -> HTMLResponse:
    with ctx.reader() as store:
        data = views.event(store, event_id, limit)
    marked = [evidence(r) for r in data["reports"]]
    params = {"limit": limit if limit != EVENT_REPORTS else None}
    return page(request, "event.html", data=data, reports=list(zip(data["reports"], marked)),
                more=min(LIMIT_MAX, 10 * limit), json_url=f"/api/events/{data['id']}" + query_string(params))


@router.get("/claims")
def claim_list(request: Request, ctx: Ctx,
               about: Annotated[str | None, Query(max_length=500)] = None) -> HTMLResponse:
    about = blank(about)
    with ctx.reader() as store:
        data = views.claims(store, about)
    return page(request, "claims.html", data=data, about=about or "",
                json_url="/api/claims" + query_string(data["query"]))


@router.get("/digest")
def digest(request: Request, ctx: Ctx,
           article: Annotated[str | None, Query(max_length=200)] = None,
           speaker: Annotated[str | None, Query(max_length=500)] = None,
           topic: Annotated[str | None, Query(max_length=500)] = None,
           event: Annotated[int | None, Query(ge=1, le=2**62)] = None) -> HTMLResponse:
    params: _DigestParams = {"article": blank(article), "speaker": blank(speaker), "topic": blank(topic), "event": event}
    with ctx.reader() as store:
        found = views.digest(store, **params)
    return page(request, "digest.html", digest=found, legend=DIGEST_LEGEND,
                json_url="/api/digest" + query_string(params))


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    return page(request, "docs.html", endpoints=docs.endpoints(request.app.openapi()),
                json_url="/api/openapi.json")


__all__ = ["router"]
