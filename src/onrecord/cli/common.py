"""The ``main`` command group and what every command family shares: the one error handler,
the output format's default and the options several commands take.

It lives apart from ``cli/__init__.py`` because the families import it and the package
imports the families (so their commands register): from the package it would be a cycle.
"""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..errors import OnrecordError
from ..version import __version__

FORMATS = click.Choice(["jsonl", "json", "table"])


def _default_format(fmt: str | None) -> str:
    """A table for people at a terminal, JSON lines for pipes and files."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


def _fail(err: OnrecordError) -> NoReturn:
    click.echo(f"onrecord: {err}", err=True)
    sys.exit(1)


db_option = click.option("--db", default="onrecord.db", show_default=True, help="SQLite database file.")
format_option = click.option("--format", "fmt", type=FORMATS, default=None,
                             help="Output format (default: table on a terminal, else jsonl).")
model_option = click.option("--model", default=None, metavar="PATH",
                            help="A statement rescorer made by `onrecord train` (default: the rules alone).")
published_option = click.option("--published", default=None, metavar="DATE",
                                help="Publication date (YYYY-MM-DD) to resolve relative dates against.")


class Commands(click.Group):
    """The commands, whose errors are reported one way: a library error is a line on standard
    error ("onrecord: SUBJECT: REASON") and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OnrecordError as err:
            _fail(err)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="onrecord")
def main() -> None:
    """onrecord: who said what, with the evidence, from news articles."""
