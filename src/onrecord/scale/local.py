"""Bulk ingest on this machine: inputs read, analysed (here or on worker processes) and saved
in the store in batches, so that a run that stops picks up where it left off."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..errors import InputError, StoreError
from ..ingest.reading import OnError, parse_published, read_all
from ..model import Article
from .pool import Budget, Stopped, analyse_parallel, subject

if TYPE_CHECKING:
    from ..nlp import Analyzer
    from ..store import Store

# Called with (articles done, statements found) as a bulk ingest goes.
OnProgress = Callable[[int, int], None]

# Articles saved per transaction in a bulk ingest: one commit per batch keeps the writer ahead
# of the workers, and a kill loses at most one batch of analysis (redone on resume).
SAVE_BATCH = 32


@dataclass(frozen=True)
class IngestOptions:
    """How a bulk ingest runs, on this machine (``ingest_paths``) or on a cluster
    (``scale.ingest_dask``) alike: ``published`` the date of inputs that give none (ISO),
    ``reanalyse`` whether articles stored already are analysed again, ``retry_stopped``
    whether inputs whose analysis was stopped in an earlier run (they killed their worker or
    ran over the time budget) are analysed again rather than failed at once, ``rescorer_path`` a
    trained rescorer, ``batch_size`` articles saved per transaction, ``on_error`` told of each
    input that fails (subject, reason), ``on_progress`` of (articles done, statements found).
    Checked when made: a malformed date or batch size is an InputError."""
    published: str | None = None
    reanalyse: bool = False
    retry_stopped: bool = False
    rescorer_path: str | None = None
    batch_size: int = SAVE_BATCH
    on_error: OnError | None = None
    on_progress: OnProgress | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "published", parse_published(self.published))
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise InputError("batch_size", f"not a whole number of at least 1: {self.batch_size!r}")


def ingest_options(options: IngestOptions | None, given: dict) -> IngestOptions:
    """``options`` with the fields in ``given`` changed, or options of ``given`` alone."""
    if options is not None and not isinstance(options, IngestOptions):
        raise TypeError(f"not IngestOptions: {options!r} (give options by name: published=…)")
    return replace(options, **given) if options is not None else IngestOptions(**given)


@dataclass
class IngestReport:
    saved: int = 0
    unchanged: int = 0
    statements: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    copies: int = 0                   # near-duplicates stored as one more source of an article

    @property
    def done(self) -> int:
        """Articles dealt with so far: saved, found stored already, folded as copies, or failed."""
        return self.saved + self.unchanged + self.copies + len(self.failed)


def ingest_paths(paths: Iterable[str | os.PathLike[str]], db: str | os.PathLike[str] = "onrecord.db",
                 options: IngestOptions | None = None, *, analyzer: Analyzer | None = None, workers: int = 1,
                 budget: "Budget | None" = None, **given) -> IngestReport:
    """Analyse every input and save it in the store; the same article twice changes nothing.
    ``options`` (``IngestOptions``, or its fields given by name) say how.

    Articles already stored are not analysed again (``reanalyse`` does), so a run that was
    interrupted, even killed, picks up where it stopped when started again: articles are
    saved ``batch_size`` at a time, each batch in one transaction, whole or not at all.
    ``workers`` > 1 analyses on that many processes (each loads the model, and the rescorer
    at ``rescorer_path`` if given), each article within ``budget`` (default ``Budget()``: an
    article over it is failed, never waited for); a ``budget`` with one worker analyses in a
    process of its own, so that no article can stop the run. ``on_progress`` hears of every
    article as it is done.
    """
    from ..store import Store

    options = ingest_options(options, given)
    report = IngestReport()
    pending: list[Article] = []

    def progress() -> None:
        if options.on_progress:
            options.on_progress(report.done + len(pending),
                                report.statements + sum(len(a.statements) for a in pending))

    def failed(subject: str, reason: str) -> None:
        report.failed.append((subject, reason))
        if options.on_error:
            options.on_error(subject, reason)

    def fresh() -> Iterator[Article]:
        # its own connection, kept apart from the writer's batch transactions
        with Store(db) as seen:
            for article in read_all(paths, failed, options.published):
                if options.reanalyse or not seen.has(article.id):
                    stopped = None if options.reanalyse or options.retry_stopped else seen.stopped(article.id)
                    if stopped is None:
                        yield article
                    else:
                        failed(subject(article), stopped_before(stopped))
                else:
                    count_stored(seen, article, report)

    with Store(db) as store:
        store.check_writable()
        if workers > 1 or budget is not None:
            analysed = analyse_parallel(fresh(), workers, options.rescorer_path, budget=budget or Budget())
        else:
            from ..nlp import pipeline          # the model, only for a run that analyses here

            analysed = (analyzer or pipeline.default_analyzer()).analyse_many(fresh())
        for article in analysed:
            if isinstance(article, Stopped):
                store.remember_stopped(article.article_id, article.subject, article.reason)
            if isinstance(article, tuple):
                failed(article[0], article[1])
            else:
                pending.append(article)
                if len(pending) >= options.batch_size:
                    save_counted(store, pending, report, failed)
            progress()
        save_counted(store, pending, report, failed)
        progress()
    return report


def count_stored(store: "Store", article: Article, report: IngestReport) -> None:
    """An article whose text is stored already: not analysed again, but a new source of it
    (the same text from another place) is listed, and counted as a copy."""
    if store.add_source(article):
        report.copies += 1
    else:
        report.unchanged += 1


def stopped_before(reason: str) -> str:
    """The failure of an input whose analysis was stopped in an earlier run for ``reason``."""
    return f"{reason} in an earlier run; not analysed again (retry with --retry-stopped)"


class IngestStopped(StoreError):
    """A bulk ingest stopped because its store can take nothing more (the disk is full, the
    file became read-only or damaged); ``report`` counts what was done until then, all of it
    saved, so the same run started again resumes."""

    def __init__(self, subject: str, reason: str, report: IngestReport | None = None):
        super().__init__(subject, reason, lasting=True)
        self.report = report or IngestReport()

    def __reduce__(self):
        return self.__class__, (self.subject, self.reason, self.report)


def save_counted(store: "Store", articles: list[Article], report: IngestReport, failed: OnError) -> None:
    """Save ``articles`` in one transaction and count them in ``report``; emptied afterwards
    (bulk ingest's writer, local or from a cluster's shards). If the batch
    cannot be written, each article is tried alone, so one bad article costs only itself;
    if the store can take nothing more, IngestStopped."""
    if not articles:
        return
    try:
        outcomes = list(zip(articles, store.save_batch(articles)))
    except StoreError as err:
        if err.lasting:                    # no later save can succeed either: the run stops
            raise IngestStopped(err.subject, f"{err.reason}; the run stopped, and what it saved stays "
                                "(run it again to resume)", report) from err
        outcomes = []
        for article in articles:
            try:
                outcomes.append((article, store.save(article)))
            except StoreError as err:      # e.g. locked: this article is reported, the rest go on
                failed(subject(article), f"not saved: {err.reason}")
    for article, is_new in outcomes:
        if is_new:
            report.saved += 1
            report.statements += len(article.statements)
        elif store.canonical(article.id) not in (article.id, None):
            report.copies += 1
        else:
            report.unchanged += 1
    articles.clear()
