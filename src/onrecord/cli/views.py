"""What the commands print: rows as JSON or JSON lines, and for people at a terminal the
tables and detail views (rich loads only when a table is drawn)."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..model import Article
from .common import _default_format

if TYPE_CHECKING:       # the store loads inside ``api``, never here
    from ..store.rows import (EventDetail, EventRow, QuoteDetail, QuoteRow, SpeakerDetail,
                              SpeakerRow, StatementRow, TopicDetail, TopicRow)

# A kind of row (one of the store's, or a claim group's ``to_dict``), so that the table given
# for it draws that kind; and a stored thing's detail, so that its view shows that kind.
Row = TypeVar("Row", bound=Mapping[str, Any])
Found = TypeVar("Found", bound=Mapping[str, Any])


def _print_rows(rows: Sequence[Row], fmt: str, table: Callable[[Sequence[Row]], None] | None = None) -> None:
    if fmt == "table" and table is not None:
        table(rows)
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))


def _print_one(found: Found, fmt: str | None, rows: str, view: Callable[[Found], None]) -> None:
    """One stored thing (a speaker, quote, topic, event): whole as JSON, its ``rows`` as JSON
    lines, or ``view`` for people."""
    fmt = _default_format(fmt)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        _print_rows(found[rows], fmt)
    else:
        view(found)


def _speaker_view(found: SpeakerDetail) -> None:
    _speaker_header(found)
    _statements_table(found["statements"])


def _quote_view(found: QuoteDetail) -> None:
    said_by = ", ".join(f"{s['name']} ({s['statements']})" for s in found["speakers"])
    click.echo(f"“{found['text']}”")
    click.echo(f"{found['statement_count']} statement(s) in {found['article_count']} article(s), "
               f"first seen {found['first_seen'] or 'undated'}" + (f"; said by {said_by}" if said_by else ""))
    _statements_table(found["occurrences"])


def _topic_view(found: TopicDetail) -> None:
    others = ", ".join(n for n in found["names"] if n != found["name"])
    click.echo(f"{found['name']} (key {found['key']})" + (f", also named {others}" if others else ""))
    click.echo(f"{found['statement_count']} statement(s) in {found['article_count']} article(s)")
    if found["speakers"]:
        click.echo("spoken of by: " + ", ".join(f"{p['name']} ({p['statements']})" for p in found["speakers"]))
    _statements_table(found["statements"])


def _event_view(found: EventDetail) -> None:
    from ..render import event_table
    event_table(found)


def _statements_table(rows: Sequence[StatementRow]) -> None:
    from ..render import statements_table
    statements_table(rows)


def _topics_table(rows: Sequence[TopicRow]) -> None:
    from ..render import topics_table
    topics_table(rows)


def _events_table(rows: Sequence[EventRow]) -> None:
    from ..render import events_table
    events_table(rows)


def _speakers_table(rows: Sequence[SpeakerRow]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} speakers", expand=True)
    for name, style in (("id", "dim"), ("speaker", "bold"), ("kind", "dim"), ("statements", None),
                        ("articles", None), ("also named", "dim")):
        table.add_column(name, style=style, justify="right" if name in ("id", "statements", "articles") else "left")
    for row in rows:
        others = ", ".join(a for a in row["aliases"] if a != row["name"])
        table.add_row(str(row["id"]), escape(row["name"]), row["kind"] or "", str(row["statement_count"]),
                      str(row["article_count"]), escape(others))
    Console(soft_wrap=False).print(table)


def _quotes_table(rows: Sequence[QuoteRow]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{len(rows)} quotes", expand=True, show_lines=True)
    for name, style in (("id", "dim"), ("articles", None), ("first seen", "dim"), ("said by", "bold"), ("quote", None)):
        table.add_column(name, style=style, justify="right" if name in ("id", "articles") else "left",
                         ratio=6 if name == "quote" else None)
    for row in rows:
        said_by = ", ".join(s["name"] for s in row["speakers"]) or "?"
        table.add_row(str(row["id"]), str(row["article_count"]), row["first_seen"] or "",
                      escape(said_by), escape(f"“{row['text']}”"))
    Console(soft_wrap=False).print(table)


def _speaker_header(found: SpeakerDetail) -> None:
    others = ", ".join(a for a in found["aliases"] if a != found["name"])
    span = " to ".join(dict.fromkeys(d for d in (found["first_published"], found["last_published"]) if d))
    click.echo(f"{found['name']} (id {found['id']}{', ' + found['kind'] if found['kind'] else ''})"
               + (f", also named {others}" if others else ""))
    click.echo(f"{found['statement_count']} statement(s) in {found['article_count']} article(s)"
               + (f", {span}" if span else ""))
    if found["entities"]:
        click.echo("around them: " + ", ".join(f"{e['name']} ({e['articles']})" for e in found["entities"]))


def _print_articles(records: Iterable[Article], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in records], ensure_ascii=False, indent=2))
        return
    for record in records:
        if fmt == "table":
            from ..render import article_table
            article_table(record)
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
