"""The ``onrecord`` command: thin over the library in ``onrecord.api``.

Problems the user can cause are printed as ``onrecord: SUBJECT: reason`` on stderr; the
other inputs are still processed and the exit status is 1 at the end.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from . import __version__, api
from .errors import InputError, OnrecordError
from .model import Article

if TYPE_CHECKING:
    from .eval import EvalReport

FORMATS = click.Choice(["jsonl", "json", "table"])


def _default_format(fmt: str | None) -> str:
    """A table for people at a terminal, JSON lines for pipes and files."""
    return fmt or ("table" if sys.stdout.isatty() else "jsonl")


class Problems:
    """Collects per-input failures, reporting each on stderr as it happens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, subject: str, reason: str) -> None:
        self.count += 1
        click.echo(f"onrecord: {subject}: {reason}", err=True)


def _analyzer(model: str | None):
    """The default analyser, or one that shares its spaCy model and judges with ``model``."""
    if model is None:
        return None
    from .learn import LogisticRescorer
    from .nlp import Analyzer

    rescorer = LogisticRescorer.load(model)                # a bad file fails before the model loads
    return Analyzer(nlp=api.default_analyzer().nlp, rescorer=rescorer)


def _fail(err: OnrecordError) -> None:
    click.echo(f"onrecord: {err}", err=True)
    sys.exit(1)


db_option = click.option("--db", default="onrecord.db", show_default=True, help="SQLite database file.")
format_option = click.option("--format", "fmt", type=FORMATS, default=None,
                             help="Output format (default: table on a terminal, else jsonl).")
model_option = click.option("--model", default=None, metavar="PATH",
                            help="A statement rescorer made by `onrecord train` (default: the rules alone).")
published_option = click.option("--published", default=None, metavar="DATE",
                                help="Publication date (YYYY-MM-DD) to resolve relative dates against.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    try:
        published = api.parse_published(published)
        records = api.extract_all(files, problems, published, _analyzer(model))
        _print_articles(records, _default_format(fmt))
    except OnrecordError as err:
        _fail(err)
    sys.exit(1 if problems.count else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@published_option
@model_option
def ingest(paths: tuple[str, ...], db: str, published: str | None, model: str | None) -> None:
    """Analyse PATHS (files or directories) and save them in the store.

    \b
    Example:
      onrecord ingest examples/ --db news.db
    """
    problems = Problems()
    try:
        report = api.ingest_paths(paths, db, api.parse_published(published), _analyzer(model), on_error=problems)
    except OnrecordError as err:
        _fail(err)
    click.echo(f"{report.saved} article(s) saved with {report.statements} statement(s), "
               f"{report.unchanged} already stored, {len(report.failed)} failed -> {db}", err=True)
    sys.exit(1 if problems.count else 0)


@main.command()
@click.option("--speaker", default=None, help="Resolved speaker name, or a word of it (e.g. a surname).")
@click.option("--search", default=None, help="Words to find in the statements (full-text search).")
@click.option("--limit", type=int, default=None, help="At most this many statements.")
@db_option
@format_option
def statements(speaker: str | None, search: str | None, limit: int | None, db: str, fmt: str | None) -> None:
    """Statements from the store, by speaker and words.

    \b
    Example:
      onrecord statements --speaker Putin --search NATO
    """
    try:
        rows = api.statements(db, speaker=speaker, search=search, limit=limit)
    except OnrecordError as err:
        _fail(err)
    fmt = _default_format(fmt)
    if fmt == "table":
        from .render import statements_table
        statements_table(rows)
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))


@main.command("eval")
@click.argument("corpus", metavar="DIR")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--errors", "errors_path", default=None, metavar="FILE",
              help="Write missed gold contents and spurious statements (ggt@0.3) to FILE as JSON lines.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Only the first N annotated articles (sorted by name).")
@click.option("--predictions", default=None, metavar="FILE",
              help="Score these records (JSON lines of `onrecord extract`) instead of running the pipeline.")
@model_option
def eval_command(corpus: str, as_json: bool, errors_path: str | None, limit: int | None,
                 predictions: str | None, model: str | None) -> None:
    """Measure statements against an annotated corpus in brat standoff form
    (DIR/text/*.txt + DIR/attributions/*.ann, as PolNeAR): P, R, F1 at ggt@0.3,
    ggt@0.8 and sym@0.5, speaker accuracy, recall of direct and indirect quotes,
    calibration of the confidence, and speed.

    \b
    Example:
      onrecord eval ../shared/data/polnear/dev --errors dev-errors.jsonl
    """
    from . import eval as evaluation

    problems = Problems()
    try:
        evaluation.check_corpus(corpus)                  # before the model is loaded
        if errors_path:
            _check_writable(errors_path)
        keep = errors_path is not None
        if predictions:
            report = evaluation.score_predictions(corpus, evaluation.read_predictions(predictions), limit,
                                                  problems, keep_errors=keep)
        else:
            report = evaluation.evaluate(corpus, _analyzer(model), limit=limit, on_error=problems, keep_errors=keep)
        if errors_path:
            _write_errors(report, errors_path)
    except OnrecordError as err:
        _fail(err)
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
    try:
        evaluation.check_corpus(corpus)
        _check_writable(out)
        report = fit(corpus, out, limit=limit, on_error=problems)
    except OnrecordError as err:
        _fail(err)
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
    missed = sum(e["error"] == "missed" for e in report.errors)
    click.echo(f"{missed} missed and {len(report.errors) - missed} spurious (ggt@0.3) -> {path}", err=True)


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
