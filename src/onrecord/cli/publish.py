"""What the store is made into: ``digest``, what was said organised for reading, and
``export``, the statements as a file for other tools."""
from __future__ import annotations

import sys
from typing import Unpack

import click

from .. import api
from ..errors import InputError
from .common import db_option, main, published_option
from .filters import _filter_options, _Filters, _statement_query


@main.command("digest")
@click.argument("article", required=False)
@click.option("--speaker", default=None, help="A digest of this stored speaker's statements instead.")
@click.option("--topic", default=None, help="A digest of the stored statements about this topic instead.")
@click.option("--event", "event_id", default=None, metavar="ID",
              help="A digest of the articles reporting this event (an id from `onrecord events`) instead.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="Markdown, a standalone HTML page, or JSON.")
@click.option("--out", default=None, metavar="FILE", help="Write to FILE (default: standard output).")
@db_option
@published_option
def digest_command(article: str | None, speaker: str | None, topic: str | None, event_id: str | None, fmt: str,
                   out: str | None, db: str, published: str | None) -> None:
    """What was said, organised: a digest of ARTICLE (a file, or the id of a stored article),
    of one speaker, one topic or one event, in sections by topic, every statement verbatim and
    linked to its source. Text onrecord writes itself is marked [generated].

    \b
    Examples:
      onrecord digest report.txt --published 2022-02-07
      onrecord digest --speaker Putin --format html --out putin.html
      onrecord digest --topic NATO
      onrecord digest --event 12 --format json
    """
    from .. import digest_format

    found = api.digest(db, article, speaker=speaker, topic=topic, event=event_id,
                       published=api.parse_published(published))
    text = {"md": digest_format.to_markdown, "html": digest_format.to_html, "json": digest_format.to_json}[fmt](found)
    _write_text(text, out)


def _write_text(text: str, out: str | None) -> None:
    if out is None:
        click.echo(text)
        return
    try:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as err:
        raise InputError(out, f"cannot write ({err.strerror or err.__class__.__name__})") from None


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True, help="File format.")
@click.option("--out", default=None, metavar="FILE", help="Write to FILE (default: standard output; parquet needs a file).")
@_filter_options
@db_option
def export_command(fmt: str, out: str | None, db: str, **given: Unpack[_Filters]) -> None:
    """Export statements with their article's metadata (id, source, title, date, site).

    \b
    Example:
      onrecord export --format parquet --out statements.parquet --since 2022-01-01
    """
    count = api.export(db, fmt, out, None if out else sys.stdout, _statement_query(**given))
    if out:
        click.echo(f"{count} statement(s) -> {out}", err=True)
