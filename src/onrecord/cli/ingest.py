"""The commands that analyse articles: ``extract`` prints their records, ``ingest`` saves
them in the store; with what they share with ``eval`` and ``train``: the failures report
(``Problems``) and the analyser a --model makes.

spaCy, the HTML extractor and the bulk runners load inside the commands, never here.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from .. import api
from ..errors import InputError
from .common import _default_format, db_option, format_option, main, model_option, published_option
from .views import _print_articles


class Problems:
    """Collects per-input failures: each reported on stderr as it happens (only the first
    ``shown`` in a long run) and, when ``report`` names a file, written there as a JSON line."""

    def __init__(self, shown: int | None = None, report: str | None = None,
                 echo: Callable[[str], None] | None = None) -> None:
        self.count = 0
        self.shown = shown
        self.report = report
        self._echo = echo or (lambda line: click.echo(line, err=True))
        self._file: IO[str] | None = None

    def __call__(self, subject: str, reason: str) -> None:
        self.count += 1
        if self.shown is None or self.count <= self.shown:
            self._echo(f"onrecord: {subject}: {reason}")
        elif self.count == self.shown + 1:
            self._echo(f"onrecord: more failures{f' are listed in {self.report}' if self.report else ''}")
        if self.report:
            try:
                if self._file is None:
                    self._file = open(self.report, "w", encoding="utf-8")
                # flushed line by line: a killed run keeps the report of what it met
                self._file.write(json.dumps({"input": subject, "reason": reason}, ensure_ascii=False) + "\n")
                self._file.flush()
            except OSError as err:            # the run matters more than its report: go on without it
                self._echo(f"onrecord: {self.report}: cannot write the failures report "
                           f"({err.strerror or err.__class__.__name__}); failures are only printed now")
                self.report, self.shown = None, None
                self.close(quietly=True)

    @staticmethod
    def check(report: str | None) -> None:
        """Refuse a failures report that cannot be written before a long run starts."""
        if report is None:
            return
        folder = os.path.dirname(os.path.abspath(report))
        if not os.path.isdir(folder):
            raise InputError(report, f"cannot write the failures report: directory {folder} does not exist")
        if not os.access(folder, os.W_OK) or (os.path.exists(report) and not os.access(report, os.W_OK)):
            raise InputError(report, "cannot write the failures report: permission denied")

    def close(self, quietly: bool = False) -> None:
        """The report's file closed; ``quietly`` for one given up already, whose unwritten
        lines were printed."""
        if self._file is None:
            return
        try:
            self._file.close()
        except OSError as err:                # what was written was flushed line by line
            if not quietly:
                self._echo(f"onrecord: {self.report}: cannot finish the failures report "
                           f"({err.strerror or err.__class__.__name__})")
        finally:
            self._file = None


def _analyzer(model: str | None):
    """The default analyser, or one that shares its spaCy model and judges with ``model``."""
    if model is None:
        return None
    from ..learn import LogisticRescorer
    from ..nlp import Analyzer, pipeline

    rescorer = LogisticRescorer.load(model)                # a bad file fails before the model loads
    return Analyzer(nlp=pipeline.default_analyzer().nlp, rescorer=rescorer)


@main.command()
@click.argument("files", nargs=-1, required=True)
@format_option
@published_option
@model_option
def extract(files: tuple[str, ...], fmt: str | None, published: str | None, model: str | None) -> None:
    """Analyse FILES (text or HTML; directories too) and print their records.

    \b
    Example:
      onrecord extract article.txt --format jsonl > records.jsonl
    """
    problems = Problems()
    published = api.parse_published(published)
    records = api.extract_all(files, problems, published, _analyzer(model))
    _print_articles(records, _default_format(fmt))
    sys.exit(1 if problems.count else 0)


def default_workers() -> int:
    """One analysing process per core."""
    return os.cpu_count() or 1


def failures_path(db: str) -> str | None:
    """The failures report beside the database: news.db -> news-failures.jsonl."""
    if db == ":memory:":
        return None
    path = Path(db)
    return str(path.with_name(f"{path.stem}-failures.jsonl"))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@model_option
@click.option("--reanalyse", is_flag=True, help="Analyse articles again even when they are stored already.")
@click.option("--retry-stopped", is_flag=True,
              help="Analyse again the inputs whose analysis an earlier run stopped (over budget, or a dead worker).")
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes analysing in parallel, each loading the model (default: one per core).")
@click.option("--failures", "failures_file", default=None, metavar="FILE",
              help="Where to list the inputs that failed, one JSON line each (default: DB's name + -failures.jsonl).")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Read and analyse on a Dask cluster: 'local', or the scheduler's tcp://HOST:8786.")
@click.option("--out", default=None, metavar="DIR",
              help="With --dask: keep the Parquet shards in DIR (and write no store unless --db is given).")
@click.option("--time-budget", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              metavar="SECONDS", help="Most seconds one article may take (with --workers 1 only when given; always with --dask).")
@click.option("--memory-budget", type=click.IntRange(min=64), default=None, metavar="MB",
              help="Most memory each analysing process may use; an article that needs more is failed.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str, published: str | None, model: str | None,
           reanalyse: bool, retry_stopped: bool, workers: int | None, failures_file: str | None, dask: str | None,
           out: str | None, time_budget: float, memory_budget: int | None) -> None:
    """Analyse PATHS (files, directories, JSONL, WARC; - for JSON lines on stdin) and save
    them in the store. Stored articles are skipped, so an interrupted run resumes where it
    stopped when started again. Inputs that fail are listed in a failures report.

    \b
    Examples:
      onrecord ingest examples/ --db news.db
      onrecord ingest crawl/*.warc.gz --dask tcp://scheduler:8786 --db news.db
      onrecord ingest crawl/ --dask local --out shards/
    """
    from ..progress import IngestProgress

    db_given = ctx.get_parameter_source("db") is not click.core.ParameterSource.DEFAULT
    store = db if (db_given or not out) else None           # --out alone: Parquet only
    target = store or out
    started = time.monotonic()
    if out and not dask:
        raise InputError("--out", "goes with --dask (a local run writes the store)")
    if not db and not out:
        raise InputError("--db", "is empty: give the store's file")
    if dask and workers:
        raise InputError("--workers", "not with --dask: the cluster's workers analyse")
    workers = workers or default_workers()
    published = api.parse_published(published)
    report_file = failures_file or (failures_path(store) if store else str(Path(out or ".", "failures.jsonl")))
    Problems.check(failures_file)         # the default sits beside the store, checked with it
    # the bar is gone before anything else is printed: the summary or an error
    with IngestProgress(paths) as bar:
        problems = Problems(shown=20, report=report_file, echo=bar.print)
        try:
            options = api.IngestOptions(published=published, reanalyse=reanalyse, retry_stopped=retry_stopped,
                                        rescorer_path=model,
                                        on_error=problems, on_progress=bar.update)
            if dask:
                from ..scale import Budget, ingest_dask
                # always: on a cluster no one is watching, an article must not stall its worker
                report = ingest_dask(paths, dask, db=store, out=out, options=options,
                                     budget=Budget(time_budget, memory_budget))
            else:
                budget = _budget(ctx, workers, time_budget, memory_budget)
                analyzer = _analyzer(model) if budget is None else None
                report = api.ingest_paths(paths, db, options, analyzer=analyzer, workers=workers, budget=budget)
        except api.IngestStopped as err:       # the reason first, then what the run did until then
            bar.print(f"onrecord: {err}")
            report, stopped = err.report, True
        else:
            stopped = False
        finally:
            problems.close()
    click.echo(_summary(report, target, problems, time.monotonic() - started), err=True)
    sys.exit(1 if problems.count or stopped else 0)


def _budget(ctx: click.Context, workers: int, seconds: float, memory_mb: int | None):
    """What each article may cost, on worker processes: always with two or more workers, and
    with one when a budget is asked for (analysis then runs in a process of its own)."""
    from ..scale import Budget

    asked = memory_mb is not None or ctx.get_parameter_source("time_budget") is not click.core.ParameterSource.DEFAULT
    return Budget(seconds, memory_mb) if workers > 1 or asked else None


def _summary(report: "api.IngestReport", db: str | None, problems: Problems, seconds: float) -> str:
    """The one line a bulk run ends with."""
    failed = f"{len(report.failed):,} failed"
    if report.failed and problems.report:
        failed += f" (listed in {problems.report})"
    rate = f", {report.done / seconds:.1f} articles/s" if seconds > 0 and report.done else ""
    copies = f"{report.copies:,} stored as copies of others, " if report.copies else ""
    return (f"{report.saved:,} article(s) saved with {report.statements:,} statement(s), "
            f"{report.unchanged:,} already stored, {copies}{failed} in {seconds:.1f} s{rate} -> {db}")
