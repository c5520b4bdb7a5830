"""The commands that read the store for people and pipes: statements, speakers, quotes,
topics, events and the claims side by side (the store loads inside ``api``, never here)."""
from __future__ import annotations

from typing import Unpack

import click

from .. import api
from .common import _default_format, db_option, format_option, main
from .filters import _filter_options, _Filters, _statement_query
from .views import (_event_view, _events_table, _print_one, _print_rows, _quote_view, _quotes_table,
                    _speaker_view, _speakers_table, _statements_table, _topic_view, _topics_table)


# the statements shown of one speaker or topic
statements_limit = click.option("--limit", type=click.IntRange(1, 500), default=200, show_default=True,
                                help="At most this many statements.")


@main.command()
@_filter_options
@click.option("--limit", type=int, default=None, help="At most this many statements.")
@db_option
@format_option
def statements(limit: int | None, db: str, fmt: str | None, **given: Unpack[_Filters]) -> None:
    """Statements from the store, by speaker, words, site, dates, kind, act and topic.

    \b
    Examples:
      onrecord statements --speaker Putin --search NATO
      onrecord statements --topic "Minsk agreements" --speaker Putin --act speech
    """
    rows = api.statements(db, _statement_query(limit, **given))
    _print_rows(rows, _default_format(fmt), table=_statements_table)


@main.command()
@click.option("--search", default=None, help="Words of a name, in any form seen (\"put\" finds Vladimir Putin).")
@click.option("--limit", type=click.IntRange(1, 500), default=100, show_default=True, help="At most this many speakers.")
@db_option
@format_option
def speakers(search: str | None, limit: int, db: str, fmt: str | None) -> None:
    """Speakers in the store (people and organisations across articles), most quoted first.

    \b
    Example:
      onrecord speakers --search putin --format table
    """
    rows = api.speakers(db, search=search, limit=limit)
    _print_rows(rows, _default_format(fmt), table=_speakers_table)


@main.command()
@click.argument("name")
@statements_limit
@db_option
@format_option
def speaker(name: str, limit: int, db: str, fmt: str | None) -> None:
    """One speaker's statements over time, oldest first: NAME is any name form or the id.

    \b
    Example:
      onrecord speaker "Vladimir Putin" --format table
    """
    found = api.speaker(db, name, limit=limit)
    _print_one(found, fmt, "statements", _speaker_view)


@main.command()
@click.option("--search", default=None, help="Words of the quoted text.")
@click.option("--speaker", default=None, help="Only quotes this speaker is reported saying.")
@click.option("--min-articles", type=click.IntRange(1, 1_000_000_000), default=1, show_default=True,
              help="Only quotes reported by at least this many articles.")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True, help="At most this many quotes.")
@db_option
@format_option
def quotes(search: str | None, speaker: str | None, min_articles: int, limit: int, db: str, fmt: str | None) -> None:
    """Quotations grouped across articles, most reported first: one quote, every article
    that reports it, and who each says said it.

    \b
    Example:
      onrecord quotes --min-articles 2 --format table
    """
    page = api.quotes(db, search=search, speaker=speaker, min_articles=min_articles, limit=limit)
    _print_rows(page["items"], _default_format(fmt), table=_quotes_table)


@main.command()
@click.argument("quote_id")
@db_option
@format_option
def quote(quote_id: str, db: str, fmt: str | None) -> None:
    """One quotation (an id from `onrecord quotes`) with every article that reports it.

    \b
    Example:
      onrecord quote 12 --format table
    """
    found = api.quote(db, quote_id)
    _print_one(found, fmt, "occurrences", _quote_view)


@main.command()
@click.option("--search", default=None, help="Words of a topic's name, or a whole name (\"the North Atlantic Alliance\").")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True, help="At most this many topics.")
@db_option
@format_option
def topics(search: str | None, limit: int, db: str, fmt: str | None) -> None:
    """Topics the stored statements are about (one key across articles and names), most
    discussed first. Browse one with `onrecord statements --topic KEY`.

    \b
    Example:
      onrecord topics --search minsk --format table
    """
    page = api.topics(db, search=search, limit=limit)
    _print_rows(page["items"], _default_format(fmt), table=_topics_table)


@main.command()
@click.argument("key")
@statements_limit
@db_option
@format_option
def topic(key: str, limit: int, db: str, fmt: str | None) -> None:
    """One topic (its key or any name of it): who speaks of it, and its statements, oldest first.

    \b
    Example:
      onrecord topic "the North Atlantic Alliance" --format table
    """
    found = api.topic(db, key, limit=limit)
    _print_one(found, fmt, "statements", _topic_view)


EVENT_TYPES = click.Choice(["meeting", "visit", "call", "talks"])


@main.command()
@click.option("--search", default=None, help="Words of the evidence, the place or the participants.")
@click.option("--type", "kind", type=EVENT_TYPES, default=None, help="Only events of this type.")
@click.option("--participant", default=None, help="Only events this person (a name or any word of it) takes part in.")
@click.option("--since", default=None, metavar="DATE", help="Only events on or after DATE (YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE", help="Only events on or before DATE (YYYY-MM-DD).")
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True, help="At most this many events.")
@db_option
@format_option
def events(search: str | None, kind: str | None, participant: str | None, since: str | None, until: str | None,
           limit: int, db: str, fmt: str | None) -> None:
    """Meetings, visits, calls and talks, newest first: one per event however many articles
    report it (the same type, participants and date), with who, where, when and the evidence.

    \b
    Example:
      onrecord events --participant Putin --type meeting --format table
    """
    page = api.events(db, search=search, type=kind, participant=participant,
                      since=api.parse_date("--since", since), until=api.parse_date("--until", until),
                      limit=limit)
    _print_rows(page["items"], _default_format(fmt), table=_events_table)


@main.command()
@click.argument("event_id", metavar="ID")
@db_option
@format_option
def event(event_id: str, db: str, fmt: str | None) -> None:
    """One event (an id from `onrecord events`) with every article's report of it.

    \b
    Example:
      onrecord event 12 --format table
    """
    found = api.event(db, event_id)
    _print_one(found, fmt, "reports", _event_view)


@main.command()
@click.option("--about", default=None, metavar="WORDS",
              help="Only claims about this subject or counting this (\"Russia\", \"Ukrainian troops\").")
@click.option("--all", "show_all", is_flag=True, help="Also quantities only one claim gives.")
@db_option
@format_option
def claims(about: str | None, show_all: bool, db: str, fmt: str | None) -> None:
    """Amounts as claims, side by side: the same quantity about the same subject from
    different speakers or outlets, with a verdict; groups that disagree are flagged.

    \b
    Example:
      onrecord claims --about "Russian troops" --format table
    """
    groups = api.claims(db, about=about, min_claims=1 if show_all else 2)
    rows = [g.to_dict() for g in groups]
    fmt = _default_format(fmt)
    if fmt == "table":
        from ..render import claims_tables
        claims_tables(groups)
    else:
        _print_rows(rows, fmt)
