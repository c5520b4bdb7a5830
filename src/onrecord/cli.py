"""The ``onrecord`` command: thin over the library in ``onrecord.api``.

Problems the user can cause are printed as ``onrecord: SUBJECT: reason`` on stderr; the
other inputs are still processed and the exit status is 1 at the end.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypedDict, Unpack

import click

from . import api
from .version import __version__
from .acts import ACTS
from .errors import InputError, OnrecordError
from .model import Article

if TYPE_CHECKING:
    from .eval import EvalReport
    from .store.queries import StatementQuery

FORMATS = click.Choice(["jsonl", "json", "table"])


def _default_format(fmt: str | None) -> str:
    """A table for people at a terminal, JSON lines for pipes and files."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


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

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _analyzer(model: str | None):
    """The default analyser, or one that shares its spaCy model and judges with ``model``."""
    if model is None:
        return None
    from .learn import LogisticRescorer
    from .nlp import Analyzer, pipeline

    rescorer = LogisticRescorer.load(model)                # a bad file fails before the model loads
    return Analyzer(nlp=pipeline.default_analyzer().nlp, rescorer=rescorer)


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
@click.option("--workers", type=click.IntRange(1, 256), default=None,
              help="Processes analysing in parallel, each loading the model (default: one per core).")
@click.option("--failures", "failures_file", default=None, metavar="FILE",
              help="Where to list the inputs that failed, one JSON line each (default: DB's name + -failures.jsonl).")
@click.option("--dask", default=None, metavar="ADDRESS",
              help="Read and analyse on a Dask cluster: 'local', or the scheduler's tcp://HOST:8786.")
@click.option("--out", default=None, metavar="DIR",
              help="With --dask: keep the Parquet shards in DIR (and write no store unless --db is given).")
@click.option("--time-budget", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              metavar="SECONDS", help="Most seconds one article may take (with --workers 1 only when given).")
@click.option("--memory-budget", type=click.IntRange(min=64), default=None, metavar="MB",
              help="Most memory each analysing process may use; an article that needs more is failed.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str, published: str | None, model: str | None,
           reanalyse: bool, workers: int | None, failures_file: str | None, dask: str | None,
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
    from .progress import IngestProgress

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
            options = api.IngestOptions(published=published, reanalyse=reanalyse, rescorer_path=model,
                                        on_error=problems, on_progress=bar.update)
            if dask:
                from .scale import ingest_dask
                report = ingest_dask(paths, dask, db=store, out=out, options=options)
            else:
                budget = _budget(ctx, workers, time_budget, memory_budget)
                analyzer = _analyzer(model) if budget is None else None
                report = api.ingest_paths(paths, db, options, analyzer=analyzer, workers=workers, budget=budget)
        finally:
            problems.close()
    click.echo(_summary(report, target, problems, time.monotonic() - started), err=True)
    sys.exit(1 if problems.count else 0)


def _budget(ctx: click.Context, workers: int, seconds: float, memory_mb: int | None):
    """What each article may cost, on worker processes: always with two or more workers, and
    with one when a budget is asked for (analysis then runs in a process of its own)."""
    from .scale import Budget

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
    from .store.queries import StatementQuery

    dates = {name: api.parse_date(f"--{name}", given.pop(name, None)) for name in ("since", "until")}
    # Each is the StatementQuery field of its name, a str one: more than a plain dict's type
    # can say, hence Any.
    fields: dict[str, Any] = {**given, **dates}
    return StatementQuery(**fields, limit=limit)


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
@click.option("--limit", type=click.IntRange(1, 500), default=200, show_default=True, help="At most this many statements.")
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
@click.option("--limit", type=click.IntRange(1, 500), default=200, show_default=True, help="At most this many statements.")
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
        from .render import claims_tables
        claims_tables(groups)
    else:
        _print_rows(rows, fmt)


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
    from . import digest_format

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


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (more serve more readers at once; one per core is plenty).")
def serve(db: str, host: str, port: int, workers: int) -> None:
    """Serve the store as web pages and a JSON API.

    \b
    Example:
      onrecord serve --db news.db --port 8000
    """
    try:
        from .serve import run           # the web app and its dependencies load only here
    except ImportError as err:
        click.echo(f"onrecord: serve: the web app cannot be loaded ({err})", err=True)
        sys.exit(1)
    run(db, host, port, workers)


@main.command("eval")
@click.argument("corpus", metavar="DIR")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--errors", "errors_path", default=None, metavar="FILE",
              help="Write missed gold contents and spurious statements (ggt@0.3), and with --who the "
                   "wrongly named speakers, to FILE as JSON lines.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only the first N annotated articles (sorted by name).")
@click.option("--predictions", default=None, metavar="FILE",
              help="Score these records (JSON lines of `onrecord extract`) instead of running the pipeline.")
@click.option("--who", "who_dir", default=None, metavar="WHO_DIR",
              type=click.Path(exists=True, file_okay=False),
              help="Also score the resolved speaker names against WHO_DIR/NAME.tsv, a hand annotation "
                   "of whom each Source refers to (as PolNeAR's who-dev).")
@model_option
def eval_command(corpus: str, as_json: bool, errors_path: str | None, limit: int | None,
                 predictions: str | None, who_dir: str | None, model: str | None) -> None:
    """Measure statements against an annotated corpus in brat standoff form
    (DIR/text/*.txt + DIR/attributions/*.ann, as PolNeAR): P, R, F1 at ggt@0.3,
    ggt@0.8 and sym@0.5, speaker accuracy, recall of direct and indirect quotes,
    calibration of the confidence, and speed; with --who, whether each speaker
    was resolved to the right name.

    \b
    Example:
      onrecord eval ../shared/data/polnear/dev --errors dev-errors.jsonl
      onrecord eval ../shared/data/polnear/dev --who ../shared/data/polnear/who-dev
    """
    from . import eval as evaluation

    problems = Problems()
    evaluation.check_corpus(corpus)                  # before the model is loaded
    if errors_path:
        _check_writable(errors_path)
    keep = errors_path is not None
    if predictions:
        report = evaluation.score_predictions(corpus, evaluation.read_predictions(predictions), limit,
                                              problems, keep_errors=keep, who_dir=who_dir)
    else:
        report = evaluation.evaluate(corpus, _analyzer(model), limit=limit, on_error=problems,
                                     keep_errors=keep, who_dir=who_dir)
    if errors_path:
        _write_errors(report, errors_path)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json else evaluation.render(report))
    sys.exit(1 if problems.count else 0)


@main.command()
@click.argument("corpus", metavar="DIR")
@click.option("--out", default="onrecord-rescorer.json", show_default=True, metavar="PATH",
              help="Where to write the trained rescorer.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only the first N annotated articles (sorted by name).")
def train(corpus: str, out: str, limit: int | None) -> None:
    """Train a statement rescorer on an annotated corpus you have (brat standoff, as
    PolNeAR), for use with --model. The rules propose, the rescorer judges.

    \b
    Example:
      onrecord train ../shared/data/polnear/train --out polnear.json
      onrecord eval ../shared/data/polnear/dev --model polnear.json
    """
    from . import eval as evaluation
    from .learn import train as fit

    problems = Problems()
    evaluation.check_corpus(corpus)
    _check_writable(out)
    report = fit(corpus, out, limit=limit, on_error=problems)
    click.echo(f"trained on {report.documents} articles ({report.candidates} candidates, {report.positives} "
               f"attributions); threshold {report.threshold}, ggt@0.3 F1 on the training set {report.f1} -> {out}")
    sys.exit(1 if problems.count else 0)


def _check_writable(path: str) -> None:
    """Fail before a long run rather than after it."""
    try:
        open(path, "a", encoding="utf-8").close()
    except OSError as err:
        raise InputError(path, f"cannot write ({err.strerror or err.__class__.__name__})") from None


def _write_errors(report: "EvalReport", path: str) -> None:
    from .eval import write_errors

    try:
        write_errors(report, path)
    except OSError as err:
        raise InputError(path, f"cannot write ({err.strerror or err.__class__.__name__})") from None
    missed, spurious, wrong = (sum(e["error"] == kind for e in report.errors)
                               for kind in ("missed", "spurious", "wrong_name"))
    named = f", {wrong} wrongly named speakers" if report.who is not None else ""
    click.echo(f"{missed} missed and {spurious} spurious (ggt@0.3){named} -> {path}", err=True)


def _print_rows(rows: list[dict], fmt: str, table: Callable[[list[dict]], None] | None = None) -> None:
    if fmt == "table" and table is not None:
        table(rows)
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))


def _print_one(found: dict, fmt: str | None, rows: str, view: Callable[[dict], None]) -> None:
    """One stored thing (a speaker, quote, topic, event): whole as JSON, its ``rows`` as JSON
    lines, or ``view`` for people."""
    fmt = _default_format(fmt)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        _print_rows(found[rows], fmt)
    else:
        view(found)


def _speaker_view(found: dict) -> None:
    _speaker_header(found)
    _statements_table(found["statements"])


def _quote_view(found: dict) -> None:
    said_by = ", ".join(f"{s['name']} ({s['statements']})" for s in found["speakers"])
    click.echo(f"“{found['text']}”")
    click.echo(f"{found['statement_count']} statement(s) in {found['article_count']} article(s), "
               f"first seen {found['first_seen'] or 'undated'}" + (f"; said by {said_by}" if said_by else ""))
    _statements_table(found["occurrences"])


def _topic_view(found: dict) -> None:
    others = ", ".join(n for n in found["names"] if n != found["name"])
    click.echo(f"{found['name']} (key {found['key']})" + (f", also named {others}" if others else ""))
    click.echo(f"{found['statement_count']} statement(s) in {found['article_count']} article(s)")
    if found["speakers"]:
        click.echo("spoken of by: " + ", ".join(f"{p['name']} ({p['statements']})" for p in found["speakers"]))
    _statements_table(found["statements"])


def _event_view(found: dict) -> None:
    from .render import event_table
    event_table(found)


def _statements_table(rows: list[dict]) -> None:
    from .render import statements_table
    statements_table(rows)


def _topics_table(rows: list[dict]) -> None:
    from .render import topics_table
    topics_table(rows)


def _events_table(rows: list[dict]) -> None:
    from .render import events_table
    events_table(rows)


def _speakers_table(rows: list[dict]) -> None:
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


def _quotes_table(rows: list[dict]) -> None:
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


def _speaker_header(found: dict) -> None:
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
            from .render import article_table
            article_table(record)
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
