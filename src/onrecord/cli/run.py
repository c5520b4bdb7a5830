"""The commands that run something bigger than a listing: ``serve`` the web pages,
``eval`` against an annotated corpus and ``train`` a rescorer on one."""
from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from ..errors import InputError
from .common import db_option, main, model_option
from .ingest import Problems, _analyzer

if TYPE_CHECKING:
    from ..eval import EvalReport


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (more serve more readers at once; one per core is plenty).")
@click.option("--threads", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Requests each process works on at once; the rest wait their turn (more than "
                   "a few only contend for the processor).")
def serve(db: str, host: str, port: int, workers: int, threads: int) -> None:
    """Serve the store as web pages and a JSON API.

    \b
    Example:
      onrecord serve --db news.db --port 8000
    """
    try:
        from ..serve import run           # the web app and its dependencies load only here
    except ImportError as err:
        click.echo(f"onrecord: serve: the web app cannot be loaded ({err})", err=True)
        sys.exit(1)
    run(db, host, port, workers, threads)


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
    from .. import eval as evaluation

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
    from .. import eval as evaluation
    from ..learn import train as fit

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
    from ..eval import write_errors

    try:
        write_errors(report, path)
    except OSError as err:
        raise InputError(path, f"cannot write ({err.strerror or err.__class__.__name__})") from None
    missed, spurious, wrong = (sum(e["error"] == kind for e in report.errors)
                               for kind in ("missed", "spurious", "wrong_name"))
    named = f", {wrong} wrongly named speakers" if report.who is not None else ""
    click.echo(f"{missed} missed and {spurious} spurious (ggt@0.3){named} -> {path}", err=True)
