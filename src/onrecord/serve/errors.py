"""Errors as answers: every failure becomes a 4xx (or 503) with a JSON body under /api and an
HTML page elsewhere, never a traceback. JSON errors are ``{"error": ..., "detail": ...}``."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from onrecord.errors import InputError, OnrecordError, StoreError
from onrecord.serve.security import HEADERS
from onrecord.serve.templates import render

log = logging.getLogger("onrecord.serve")


class NotFound(OnrecordError):
    """An id or name that the store does not hold."""


class Refused(Exception):
    """A request the server will not carry out (no token, wrong token, too large...)."""

    def __init__(self, status: int, error: str, detail: Any, headers: dict[str, str] | None = None):
        super().__init__(str(detail))
        self.status, self.error, self.detail, self.headers = status, error, detail, headers or {}


def wants_json(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def error_response(request: Request, status: int, error: str, detail: Any = None,
                   headers: Mapping[str, str] | None = None) -> Response:
    if wants_json(request):
        return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)
    message = detail if isinstance(detail, str) else None
    problems = detail if isinstance(detail, list) else []
    html = render("error.html", request, status=status, error=error, message=message, problems=problems)
    return Response(html, status_code=status, media_type="text/html", headers=headers)


async def _input_error(request: Request, exc: Exception) -> Response:
    return error_response(request, 400, "bad request", str(exc))


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(request, 404, "not found", str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    # Locked, damaged or vanished database: the server's state, not the client's request.
    log.warning("store error: %s", exc)
    return error_response(request, 503, "store unavailable", str(exc), {"Retry-After": "5"})


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    return error_response(request, exc.status, exc.error, exc.detail, exc.headers)


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [{"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
                for e in exc.errors()]
    return error_response(request, 400, "bad request", problems)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    try:
        phrase = HTTPStatus(exc.status_code).phrase
    except ValueError:
        phrase = "error"
    # Starlette's default detail is the phrase itself: no need to say it twice.
    detail = exc.detail if exc.detail != phrase else None
    return error_response(request, exc.status_code, phrase.lower(), detail, exc.headers)


async def _crash(request: Request, exc: Exception) -> Response:
    # Runs outside the middleware stack (Starlette's ServerErrorMiddleware), so the security
    # headers are added here by hand.
    log.exception("unexpected error on %s", request.url.path)
    response = error_response(request, 500, "internal error", None)
    response.headers.update({k.decode(): v.decode() for k, v in HEADERS})
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Refused, _refused)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _crash)


__all__ = ["NotFound", "Refused", "error_response", "install", "wants_json"]
