"""The web app: the JSON API, the pages, the static files and the security headers."""
from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import TYPE_CHECKING

import anyio.to_thread

from fastapi import FastAPI, Response
from fastapi.staticfiles import StaticFiles

from onrecord.version import __version__
from onrecord.serve import api, errors, pages
from onrecord.serve.docs import without_422
from onrecord.serve.security import SecurityHeaders
from onrecord.serve.state import Context, open_database

if TYPE_CHECKING:
    from onrecord.nlp import Analyzer

STATIC = files("onrecord.serve") / "static"
TOKEN_VARIABLE = "ONRECORD_TOKEN"
# Requests each server process works on at once (the rest wait their turn). Reads are CPU
# work in SQLite and Python: more threads than cores only contend for the interpreter and
# keep more connections' page caches cold. Measured on 2 cores and 2 processes with the top
# speaker's API route: 2 threads gave 2 to 3 times the answers per second of 40 (the default).
THREADS = 2

DESCRIPTION = """Who said what, with its evidence: the statements an onrecord store holds.

Reads are open. `POST /api/articles` needs `Authorization: Bearer <token>`, the token the
server was started with (`ONRECORD_TOKEN`); without one, writing is off. Errors are JSON:
`{"error": "...", "detail": ...}`."""


def create_app(db_path: str | os.PathLike[str], token: str | None = None,
               analyzer: "Analyzer | None" = None, threads: int = THREADS) -> FastAPI:
    """The app serving the database at ``db_path`` (which must exist: StoreError otherwise).

    ``token`` enables writing; None reads ``ONRECORD_TOKEN`` now, once, and an empty token
    leaves writing off. ``analyzer`` is loaded on the first write when not given. ``threads``
    requests are worked on at once (``THREADS``).
    """
    db = open_database(db_path)
    if token is None:
        token = os.environ.get(TOKEN_VARIABLE)
    @asynccontextmanager
    async def working(app: FastAPI) -> AsyncIterator[None]:
        # the limiter of this event loop's worker threads, which run every route
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield

    app = FastAPI(title="onrecord", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json", lifespan=working)
    schema = app.openapi
    app.openapi = lambda: without_422(schema())   # type: ignore[method-assign]
    app.state.ctx = Context(db=db, token=(token or "").strip() or None, analyzer=analyzer)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_api_route("/favicon.ico", _favicon, include_in_schema=False)
    app.add_middleware(SecurityHeaders)
    return app


def _favicon() -> Response:
    """The icon at the address browsers ask for whatever the page links (a 404 there is an
    error in the browser's console)."""
    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml")


DB_VARIABLE = "ONRECORD_SERVE_DB"      # how worker processes learn the database and threads
THREADS_VARIABLE = "ONRECORD_SERVE_THREADS"


def app_from_environment() -> FastAPI:
    """The app for the database named in ``ONRECORD_SERVE_DB`` (a worker process's factory)."""
    return create_app(os.environ[DB_VARIABLE], threads=int(os.environ.get(THREADS_VARIABLE, THREADS)))


def run(db: str | os.PathLike[str], host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
        threads: int = THREADS) -> None:
    """Serve ``db`` with uvicorn until interrupted (what ``onrecord serve`` calls); with
    ``workers`` > 1, that many processes share the port (reads scale with cores), each working
    on ``threads`` requests at once."""
    import uvicorn

    app = create_app(db, threads=threads)   # also checks the database before any worker starts
    writing = ("on (POST /api/articles with the token)" if app.state.ctx.writable
               else f"off (set {TOKEN_VARIABLE} to allow it)")
    print(f"onrecord: serving {app.state.ctx.db}; writing is {writing}", file=sys.stderr)
    protocol = "onrecord.serve.nodelay:NoDelayH11Protocol"
    if workers > 1:
        os.environ[DB_VARIABLE] = str(app.state.ctx.db)
        os.environ[THREADS_VARIABLE] = str(threads)
        uvicorn.run("onrecord.serve.app:app_from_environment", factory=True, workers=workers,
                    host=host, port=port, log_level="info", server_header=False, http=protocol)
    else:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, http=protocol)


__all__ = ["TOKEN_VARIABLE", "DB_VARIABLE", "THREADS", "THREADS_VARIABLE", "app_from_environment", "create_app", "run"]
