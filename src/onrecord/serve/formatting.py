"""Small formatting helpers shared by the templates and by the statements written in Python:
kind labels, dates, URL path segments and query strings."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

KIND_LABELS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partial quote"}


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of ``params`` updated with ``changes``, blank values left out."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else ""


def short_date(value: str | None) -> str:
    """The day of an ISO date or datetime ("2022-02-07T10:00" → "2022-02-07")."""
    return (value or "")[:10]


def path_part(value: Any) -> str:
    """A value as one URL path segment (a speaker name with a slash stays one segment)."""
    return quote(str(value), safe="")


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", kind or "")


__all__ = ["KIND_LABELS", "kind_label", "path_part", "query_string", "short_date"]
