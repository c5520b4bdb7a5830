"""Articles from what the user gives: a path, a text, or many inputs, screened for what the
English pipeline can analyse and dated as asked; nothing here parses."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, OnrecordError
from ..model import Article
from . import INPUT_SUFFIXES, read_inputs, read_path, read_text
from .screen import screen

# Called with (input name, reason) for every input that cannot be read.
OnError = Callable[[str, str], None]


def parse_published(value: str | dt.date | None) -> str | None:
    """An ISO date (or datetime) string from what the user gave, or an InputError."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.datetime.fromisoformat(value).isoformat() if "T" in value else dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError("--published", f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def looks_like_path(value: str) -> bool:
    """An existing path, or one line that names an article file ("report.txt"): a mistyped
    file name is then reported as missing instead of being analysed as text."""
    if "\n" in value or len(value) >= 4096:
        return False
    return os.path.exists(value) or Path(value).suffix.lower() in INPUT_SUFFIXES


def read(text_or_path: str | os.PathLike[str], published: str | dt.date | None = None) -> Article:
    """An unanalysed article from a path (``Path`` or an existing file name) or from text;
    InputError for one the English pipeline cannot analyse (another language, too long)."""
    if isinstance(text_or_path, os.PathLike) or looks_like_path(text_or_path):
        article = read_path(text_or_path)
    else:
        article = read_text(text_or_path)
    article = screen(article)
    when = parse_published(published)
    return dataclasses.replace(article, published=when) if when else article


def read_all(paths: Iterable[str | os.PathLike[str]], on_error: OnError,
             published: str | None = None) -> Iterator[Article]:
    """Articles of every input (directories expanded; JSON lines and WARC files give many,
    ``-`` reads JSON lines from standard input); unreadable ones, and those in another
    language or too long to be an article, go to ``on_error``."""
    for item in read_inputs(paths):
        try:
            if isinstance(item, InputError):
                raise item
            article = screen(item)
            when = parse_published(published)
        except OnrecordError as err:
            on_error(err.subject, err.reason)
            continue
        yield dataclasses.replace(article, published=when) if when else article
