"""The Jinja2 environment of the pages: autoescape always on, filters for dates, links and
query strings. Templates never mark anything ``|safe`` except what ``highlight`` and ``chart``
build from escaped parts."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request

from onrecord.version import __version__
from onrecord.acts import ACTS
from onrecord.labels import act_label
from onrecord.serve.docs import code_spans
from onrecord.serve.security import safe_url

TEMPLATES = files("onrecord.serve") / "templates"
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


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,              # every {{ }} is HTML-escaped, in every template
        undefined=StrictUndefined,    # a typo in a template fails loudly in the tests
        trim_blocks=True, lstrip_blocks=True,
    )
    from onrecord.digest_format import words
    from onrecord.serve.statement_html import statement_html

    env.filters.update(words=words, safe_url=safe_url, short_date=short_date, path_part=path_part, code_spans=code_spans,
                       kind_label=lambda k: KIND_LABELS.get(k, k or ""), act_label=act_label)
    env.globals.update(query_string=query_string, version=__version__, acts=ACTS, statement_html=statement_html)
    return env


def render(name: str, request: Request | None, **context: Any) -> str:
    path = request.url.path if request is not None else ""
    return environment().get_template(name).render(path=path, **context)


__all__ = ["KIND_LABELS", "environment", "path_part", "query_string", "render", "short_date"]
