"""The JSON API under /api: thin routes over ``views`` (reads) and ``writing`` (POST)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from onrecord.serve import views, writing
from onrecord.serve.params import Limit, article_query, blank, context, quote_query, statement_query
from onrecord.serve.state import Context
from onrecord.serve.views import ArticleQuery, QuoteQuery, StatementQuery

router = APIRouter(prefix="/api")
Ctx = Annotated[Context, Depends(context)]
BAD: dict[int | str, dict[str, Any]] = {400: {"description": 'Bad request: `{"error": ..., "detail": ...}`'}}
ERRORS: dict[int | str, dict[str, Any]] = {**BAD, 404: {"description": "Not in the store"}}


@router.get("/overview", tags=["read"], summary="Totals, newest statements, most quoted speakers")
def overview(ctx: Ctx) -> dict[str, Any]:
    with ctx.reader() as store:
        return views.overview(store)


@router.get("/statements", tags=["read"], responses=BAD,
            summary="Statements, filtered, newest first, one page at a time")
def statements(ctx: Ctx, query: Annotated[StatementQuery, Depends(statement_query)]) -> dict[str, Any]:
    """`{"items": [...], "next_cursor": ...}`: pass `next_cursor` back as `cursor`, with the
    same filters, for the next page; it is null on the last page."""
    with ctx.reader() as store:
        return views.statements(store, query)


@router.get("/articles", tags=["read"], responses=BAD, summary="Articles, newest first")
def articles(ctx: Ctx, query: Annotated[ArticleQuery, Depends(article_query)]) -> dict[str, Any]:
    with ctx.reader() as store:
        return views.articles(store, query)


@router.get("/articles/{article_id}", tags=["read"], responses=ERRORS,
            summary="One article: metadata, sources, statements and the full record")
def article(ctx: Ctx, article_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
    """`sources` lists every place the article was read, first one first: copies of the same
    text and near-duplicates folded into it (`text_id` is the id of the copy's own text,
    `similarity` 1 for the same text). The id of a folded copy answers with this article."""
    with ctx.reader() as store:
        return views.article(store, article_id)


@router.get("/quotes", tags=["read"], responses=BAD,
            summary="Quotes across articles, most reported first, one page at a time")
def quotes(ctx: Ctx, query: Annotated[QuoteQuery, Depends(quote_query)]) -> dict[str, Any]:
    """The same quoted words (case, punctuation and quotation marks aside) in several articles
    are one quote. `{"items": [...], "next_cursor": ...}`; an item has `id`, `text`,
    `first_seen`, `article_count`, `statement_count` and `speakers`."""
    with ctx.reader() as store:
        return views.quotes(store, query)


@router.get("/quotes/{quote_id}", tags=["read"], responses=ERRORS,
            summary="One quote: its occurrences in articles and their speakers")
def quote(ctx: Ctx, quote_id: Annotated[int, Path(ge=1, le=2**62)]) -> dict[str, Any]:
    """`occurrences` are statement rows (article, title, site, date, source, speaker, text and
    offsets), oldest first; `speakers` are the distinct speakers with their counts."""
    with ctx.reader() as store:
        return views.quote(store, quote_id)


@router.get("/speakers", tags=["read"], responses=BAD, summary="Speakers, most quoted first")
def speakers(ctx: Ctx, q: Annotated[str | None, Query(max_length=500)] = None, limit: Limit = 50,
             offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    """`next_offset` is the `offset` of the next page, null on the last."""
    with ctx.reader() as store:
        return views.speakers(store, blank(q), limit, offset)


@router.get("/speakers/{ref:path}", tags=["read"], responses=ERRORS,
            summary="One speaker by id or name: aliases, timeline, statements, entities")
def speaker(ctx: Ctx, ref: Annotated[str, Path(max_length=500)]) -> dict[str, Any]:
    with ctx.reader() as store:
        return views.speaker(store, ref)


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
