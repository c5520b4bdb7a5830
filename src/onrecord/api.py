"""The library calls behind every command: what a notebook user imports.

    >>> import onrecord
    >>> article = onrecord.extract("Putin said that talks would go on.")
    >>> [(s.speaker.name, s.text) for s in article.statements]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import InputError, OnrecordError, StoreError
from .ingest import INPUT_SUFFIXES, iter_inputs, read_path, read_text
from .model import Article
from .nlp import Analyzer

# Called with (input name, reason) for every input that cannot be read.
OnError = Callable[[str, str], None]


@cache
def default_analyzer() -> Analyzer:
    """The analyser ``extract`` uses: the spaCy model is loaded on first use, once a process."""
    return Analyzer()


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


def _looks_like_path(value: str) -> bool:
    """An existing path, or one line that names an article file ("report.txt"): a mistyped
    file name is then reported as missing instead of being analysed as text."""
    if "\n" in value or len(value) >= 4096:
        return False
    return os.path.exists(value) or Path(value).suffix.lower() in INPUT_SUFFIXES


def read(text_or_path: str | os.PathLike[str], published: str | dt.date | None = None) -> Article:
    """An unanalysed article from a path (``Path`` or an existing file name) or from text."""
    if isinstance(text_or_path, os.PathLike) or _looks_like_path(text_or_path):
        article = read_path(text_or_path)
    else:
        article = read_text(text_or_path)
    when = parse_published(published)
    return dataclasses.replace(article, published=when) if when else article


def extract(text_or_path: str | os.PathLike[str], published: str | dt.date | None = None,
            analyzer: Analyzer | None = None) -> Article:
    """Statements, speakers, entities, amounts and dates of one article."""
    return (analyzer or default_analyzer()).analyse(read(text_or_path, published))


def read_all(paths: Iterable[str | os.PathLike[str]], on_error: OnError,
             published: str | None = None) -> Iterator[Article]:
    """Articles of every input (directories expanded); unreadable ones go to ``on_error``."""
    for path in iter_inputs(paths):
        try:
            yield read(Path(path), published)
        except OnrecordError as err:
            on_error(err.subject, err.reason)


def extract_all(paths: Iterable[str | os.PathLike[str]], on_error: OnError,
                published: str | None = None, analyzer: Analyzer | None = None) -> Iterator[Article]:
    """Analysed articles of every readable input, streamed."""
    return (analyzer or default_analyzer()).analyse_many(read_all(paths, on_error, published))


@dataclass
class IngestReport:
    saved: int = 0
    unchanged: int = 0
    statements: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def ingest_paths(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] = "onrecord.db",
           published: str | None = None, analyzer: Analyzer | None = None,
           on_error: OnError | None = None) -> IngestReport:
    """Analyse every input and save it in the store; the same article twice changes nothing."""
    from .store import Store

    report = IngestReport()

    def failed(subject: str, reason: str) -> None:
        report.failed.append((subject, reason))
        if on_error:
            on_error(subject, reason)

    with Store(db) as store:
        for article in extract_all(paths, failed, published, analyzer):
            try:
                is_new = store.save(article)
            except StoreError as err:          # e.g. locked: this article is reported, the rest go on
                failed(article.source or article.id[:12], f"not saved: {err.reason}")
                continue
            if is_new:
                report.saved += 1
                report.statements += len(article.statements)
            else:
                report.unchanged += 1
    return report


def statements(db: str | os.PathLike[str] = "onrecord.db", speaker: str | None = None,
               search: str | None = None, limit: int | None = None) -> list[dict]:
    """Stored statements, filtered by speaker name and full-text search."""
    from .store import Store

    if str(db) != ":memory:" and not os.path.exists(db):
        raise StoreError(str(db), "no such database (create it with `onrecord ingest`)")
    with Store(db) as store:
        return store.statements(speaker=speaker, search=search, limit=limit)
