"""``POST /api/articles``: read, analyse and save one article sent as JSON.

The body is untrusted: it is size-checked while it streams in, parsed and validated here (so
the token is checked before anything else), and read only through ``read_text`` /
``read_html``. Never ``onrecord.read``, which would take a one-line text such as
``/etc/passwd`` for a file name and read it from the server's disk.
"""
from __future__ import annotations

import dataclasses
import hmac
import json
from typing import Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from onrecord.api import parse_date
from onrecord.ingest import read_text
from onrecord.ingest.decode import check_prose
from onrecord.ingest.screen import screen
from onrecord.ingest.html import MAX_HTML_BYTES, read_html
from onrecord.model import Article
from onrecord.serve.errors import Refused
from onrecord.serve.state import Context

MAX_BODY = MAX_HTML_BYTES + 64 * 1024   # the largest page the reader accepts, plus JSON overhead


class IngestRequest(BaseModel):
    """Exactly one of ``text`` (plain text, kept verbatim) or ``html`` (a page; its article is
    extracted); ``url`` names the source, ``published`` (YYYY-MM-DD) dates it."""
    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, min_length=1, description="plain text, kept verbatim (or `html`)")
    html: str | None = Field(None, min_length=1, description="an HTML page; its article text is extracted")
    url: str | None = Field(None, max_length=2048, description="where the article comes from")
    published: str | None = Field(None, max_length=40, description="publication date, YYYY-MM-DD")

    @model_validator(mode="after")
    def _one_body(self) -> "IngestRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of text or html")
        return self


def check_token(ctx: Context, authorization: str | None) -> None:
    """Writing needs a configured token and ``Authorization: Bearer <that token>``."""
    if not ctx.token:
        raise Refused(403, "writing is off",
                      "this server has no write token; start it with ONRECORD_TOKEN set to allow POST")
    scheme, _, given = (authorization or "").strip().partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="onrecord"'}
    if scheme.lower() != "bearer" or not given.strip():
        raise Refused(401, "unauthorized", "send Authorization: Bearer <token>", challenge)
    # Starlette decodes header bytes as latin-1: re-encoding gives the bytes the client sent.
    if not hmac.compare_digest(given.strip().encode("latin-1"), ctx.token.encode("utf-8")):
        raise Refused(401, "unauthorized", "the token does not match", challenge)


async def read_request(request: Request) -> IngestRequest:
    """The JSON body as an IngestRequest, or Refused (413, 415, 400)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise Refused(415, "unsupported media type", "send the article as application/json")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise Refused(413, "too large", f"the body is limited to {MAX_BODY // 2**20} MB")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused(413, "too large", f"the body is limited to {MAX_BODY // 2**20} MB")
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as err:
        raise Refused(400, "invalid JSON", str(err)) from None
    except RecursionError:
        raise Refused(400, "invalid JSON", "nested too deep") from None
    try:
        return IngestRequest.model_validate(data)
    except ValidationError as err:
        problems = [{"loc": [str(p) for p in e["loc"]], "msg": e["msg"]} for e in err.errors()]
        raise Refused(400, "bad request", problems) from None  # type: ignore[arg-type]


def to_article(body: IngestRequest) -> Article:
    """The unanalysed article of a request (InputError for empty text, HTML with no article,
    what is no prose, too long or not English: the screens a file passes)."""
    source = body.url or None
    if body.html is not None:
        article = read_html(body.html, source or "<posted html>")
        if source is None:
            article = dataclasses.replace(article, source=None)
    else:
        article = read_text(body.text or "", source)
    check_prose(article.text, source or "<posted text>")
    article = screen(article)
    published = parse_date("published", body.published)
    return dataclasses.replace(article, published=published) if published else article


def ingest(ctx: Context, body: IngestRequest) -> tuple[dict[str, Any], bool]:
    """Analyse and save; (the answer, whether the store changed). Runs in a worker thread.
    A copy of a stored article (the same or a near-duplicate text) answers with ``copy_of``,
    the id of that article, and links to it."""
    article = to_article(body)
    with ctx.write_lock:
        analysed = ctx.get_analyzer().analyse(article)
        with ctx.writer() as store:
            saved = store.save(analysed)
            home = store.canonical(analysed.id)
    answer = {"id": analysed.id, "saved": saved, "statements": len(analysed.statements),
              "title": analysed.title, "api": f"/api/articles/{analysed.id}",
              "page": f"/articles/{analysed.id}"}
    if home is not None and home != analysed.id:
        # A copy of a stored article: it is one more source of that article.
        answer.update(copy_of=home, api=f"/api/articles/{home}", page=f"/articles/{home}")
    return answer, saved


__all__ = ["IngestRequest", "MAX_BODY", "check_token", "ingest", "read_request", "to_article"]
