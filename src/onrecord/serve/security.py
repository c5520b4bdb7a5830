"""Response headers every page, JSON answer and static file carries, and safe outbound links.

Article text, titles, names and source URLs come from the web and are untrusted. Templates
escape everything (autoescape); the Content-Security-Policy is the second wall: no inline
script or style runs even if some markup slipped through, and nothing loads from elsewhere.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # Source links go to other sites: they need not learn which page or query led there.
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)

SAFE_SCHEMES = ("http", "https")
# Whitespace (as str.isspace has it: re's \s in a str pattern) and control characters, which
# no URL written out whole holds. One search: a character loop cost ms on a page of links.
_UNSAFE_CHARACTER = re.compile(r"[\s\x00-\x1f]")


class SecurityHeaders:
    """Pure ASGI middleware (no body buffering): adds ``HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                add_headers(headers)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def add_headers(headers: list[tuple[bytes, bytes]]) -> None:
    present = {name.lower() for name, _ in headers}
    headers.extend((name, value) for name, value in HEADERS if name not in present)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (never ``javascript:``,
    ``data:`` or a relative path that would point into this site)."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if _UNSAFE_CHARACTER.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return url


__all__ = ["CSP", "HEADERS", "SecurityHeaders", "add_headers", "safe_url"]
