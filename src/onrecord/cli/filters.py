"""The statement filter options that ``statements`` and ``export`` share, and the one
``StatementQuery`` they make."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

import click

from .. import api
from ..acts import ACTS

if TYPE_CHECKING:
    from ..store.queries import StatementQuery


class _Filters(TypedDict):
    """The values of the filter options (``_filter_options``) by name; None when not given."""
    speaker: str | None
    search: str | None
    site: str | None
    since: str | None
    until: str | None
    kind: str | None
    act: str | None
    topic: str | None


def _filter_options(func: Callable[..., None]) -> Callable[..., None]:
    """--speaker, --search, --site, --since, --until, --kind, --act and --topic, shared by the
    store readers (which take them as ``**given`` for ``_statement_query``)."""
    for option in reversed((
        click.option("--speaker", default=None, help="Resolved speaker name, or a word of it (e.g. a surname)."),
        click.option("--search", default=None, help="Words to find in the statements (full-text search)."),
        click.option("--site", default=None, help="Only articles from this site."),
        click.option("--since", default=None, metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD)."),
        click.option("--until", default=None, metavar="DATE", help="Only articles published on or before DATE (YYYY-MM-DD)."),
        click.option("--kind", type=click.Choice(["direct", "indirect", "mixed"]), default=None,
                     help="Only statements of this kind."),
        click.option("--act", type=click.Choice(ACTS), default=None,
                     help="Only statements of this act: speech (said), thought (believes, plans) or evidence (a poll shows)."),
        click.option("--topic", default=None,
                     help="Only statements about this topic: its key or any name (\"NATO\", \"the North Atlantic Alliance\")."),
    )):
        func = option(func)
    return func


def _statement_query(limit: int | None = None, **given: str | None) -> "StatementQuery":
    """The query the filter options make, dates checked here so errors name the option."""
    from ..store.queries import StatementQuery

    dates = {name: api.parse_date(f"--{name}", given.pop(name, None)) for name in ("since", "until")}
    # Each is the StatementQuery field of its name, a str one: more than a plain dict's type
    # can say, hence Any.
    fields: dict[str, Any] = {**given, **dates}
    return StatementQuery(**fields, limit=limit)
