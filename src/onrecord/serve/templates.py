"""The Jinja2 environment of the pages: autoescape always on, filters for dates, links and
query strings. Templates never mark anything ``|safe`` except what ``highlight`` and ``chart``
build from escaped parts."""
from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request

from onrecord.version import __version__
from onrecord.acts import ACTS
from onrecord.labels import act_label
from onrecord.serve.docs import code_spans
from onrecord.serve.formatting import kind_label, path_part, query_string, short_date
from onrecord.serve.security import safe_url
from onrecord.serve.statement_html import statement_html

TEMPLATES = files("onrecord.serve") / "templates"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,              # every {{ }} is HTML-escaped, in every template
        undefined=StrictUndefined,    # a typo in a template fails loudly in the tests
        trim_blocks=True, lstrip_blocks=True,
    )
    from onrecord.digest_format import words

    env.filters.update(words=words, safe_url=safe_url, short_date=short_date, path_part=path_part, code_spans=code_spans,
                       kind_label=kind_label, act_label=act_label)
    env.globals.update(query_string=query_string, version=__version__, acts=ACTS, statement_html=statement_html)
    return env


def render(name: str, request: Request | None, **context: Any) -> str:
    path = request.url.path if request is not None else ""
    return environment().get_template(name).render(path=path, **context)


__all__ = ["environment", "render"]
