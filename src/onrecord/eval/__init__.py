"""How well onrecord finds statements, measured on a corpus in brat standoff form (PolNeAR).

    from onrecord.eval import evaluate
    report = evaluate("shared/data/polnear/dev")
    report.measures["ggt@0.3"].f1, report.to_dict()
    evaluate("shared/data/polnear/dev", who_dir="shared/data/polnear/who-dev").who.rates()

The measures are those of the reference scorer (shared/tools/score.py); see ``scoring``, and
``who`` for the resolved speaker names against an annotation of whom each Source refers to.
"""
from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..ingest.reading import read
from ..errors import InputError, OnrecordError
from ..model import Article
from ..nlp import Analyzer, pipeline
from .brat import GoldDocument, check_corpus, load_corpus, unannotated
from .scoring import BANDS, HIGH_CONFIDENCE, MEASURES, Band, Measure, Scorer
from .who import WhoResult, WhoScorer, load_who

OnError = Callable[[str, str], None]


@dataclass
class EvalReport:
    corpus: str
    articles: int                      # annotated documents scored
    articles_predicted: int            # of which the pipeline (or the predictions) gave a record
    measures: dict[str, Measure]
    bands: list[Band]
    high_confidence: Band              # every statement with confidence >= 0.8
    provenance_mismatches: int = 0     # statements whose text is not text[start:end]
    seconds: float = 0.0               # reading + analysing + scoring
    unannotated: int = 0               # texts without an .ann file (not scored)
    problems: list[tuple[str, str]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)   # when asked for
    who: WhoResult | None = None       # the resolved names, when a who annotation was given

    @property
    def seconds_per_article(self) -> float | None:
        return self.seconds / self.articles_predicted if self.articles_predicted and self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        spa = self.seconds_per_article
        out: dict[str, Any] = {"corpus": self.corpus, "articles": self.articles,
                               "articles_predicted": self.articles_predicted}
        out.update({name: m.to_dict() for name, m in self.measures.items()})
        out["calibration"] = [b.to_dict() for b in self.bands]
        out[f"confidence>={HIGH_CONFIDENCE}"] = self.high_confidence.to_dict()
        out.update(provenance_mismatches=self.provenance_mismatches, unannotated=self.unannotated,
                   seconds=round(self.seconds, 3), seconds_per_article=None if spa is None else round(spa, 4),
                   problems=[{"input": s, "reason": r} for s, r in self.problems])
        if self.who is not None:
            out["who"] = self.who.to_dict()
        return out


def _report(corpus: str | os.PathLike[str], scorers: tuple[Scorer, WhoScorer | None], seconds: float,
            problems: list[tuple[str, str]]) -> EvalReport:
    scorer, who = scorers
    return EvalReport(str(corpus), scorer.articles, scorer.articles_predicted, scorer.measures, scorer.bands,
                      scorer.high, scorer.provenance_mismatches, seconds, len(unannotated(corpus)),
                      problems, scorer.errors + (who.errors if who else []), who.result if who else None)


def _scorers(docs: list[GoldDocument], who_dir: str | os.PathLike[str] | None,
             keep_errors: bool) -> tuple[Scorer, WhoScorer | None]:
    """The statement scorer and, with a who annotation (read now, so that a bad one fails
    before the model is loaded), the scorer of the resolved names."""
    who = None
    if who_dir is not None:
        who = WhoScorer(load_who(who_dir, docs), WhoResult(str(who_dir)), keep_errors=keep_errors)
    return Scorer(keep_errors=keep_errors), who


def _score(scorers: tuple[Scorer, WhoScorer | None], doc: GoldDocument, article: Article | None) -> None:
    scorer, who = scorers
    scorer.add(doc, article)
    if who is not None:
        who.add(doc, article)


def _collector(problems: list[tuple[str, str]], on_error: OnError | None) -> OnError:
    def report(subject: str, reason: str) -> None:
        problems.append((subject, reason))
        if on_error:
            on_error(subject, reason)
    return report


def evaluate(corpus_dir: str | os.PathLike[str], analyzer: Analyzer | None = None, limit: int | None = None,
             on_error: OnError | None = None, keep_errors: bool = False,
             on_article: Callable[[Article], None] | None = None,
             who_dir: str | os.PathLike[str] | None = None) -> EvalReport:
    """Run the pipeline over the corpus texts (streamed, in batches) and score it against the gold.

    A text that ``onrecord.read`` refuses (empty, binary...) is scored as predicting nothing and
    reported to ``on_error``; ``on_article`` sees every analysed article (e.g. to save the
    predictions the figures were computed on). ``who_dir`` also scores the resolved speaker
    names against that who annotation (see ``who``)."""
    problems: list[tuple[str, str]] = []
    failed = _collector(problems, on_error)
    docs = load_corpus(corpus_dir, limit, failed)
    scorers, waiting = _scorers(docs, who_dir, keep_errors), deque[GoldDocument]()
    analyzer = analyzer or pipeline.default_analyzer()      # looked up now (tests swap it), loaded before the clock

    def readable() -> Iterator[Article]:
        for doc in docs:
            try:
                article = read(doc.text_path)
            except OnrecordError as err:
                failed(err.subject, err.reason)
                _score(scorers, doc, None)
                continue
            waiting.append(doc)
            yield article

    started = time.perf_counter()
    for article in analyzer.analyse_many(readable()):   # in input order
        if on_article:
            on_article(article)
        _score(scorers, waiting.popleft(), article)
    return _report(corpus_dir, scorers, time.perf_counter() - started, problems)


def name_of(source: str | None) -> str:
    """The document name a prediction record belongs to: its source's file name without .txt."""
    base = os.path.basename(str(source or ""))
    return base[:-4] if base.endswith(".txt") else base


def score_predictions(corpus_dir: str | os.PathLike[str], records: Iterable[Article],
                      limit: int | None = None, on_error: OnError | None = None,
                      keep_errors: bool = False, who_dir: str | os.PathLike[str] | None = None) -> EvalReport:
    """Score article records made earlier (e.g. read from ``onrecord extract --format jsonl``),
    matched to the corpus texts by file name as the reference scorer does (the last one wins)."""
    problems: list[tuple[str, str]] = []
    docs = load_corpus(corpus_dir, limit, _collector(problems, on_error))
    scorers = _scorers(docs, who_dir, keep_errors)
    by_name = {name_of(r.source): r for r in records}
    for doc in docs:
        _score(scorers, doc, by_name.get(doc.name))
    return _report(corpus_dir, scorers, 0.0, problems)


def read_predictions(path: str | os.PathLike[str]) -> list[Article]:
    """Article records from a JSON-lines file, one a line; InputError saying which line is bad."""
    records = []
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    records.append(_record(line, path, n))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 JSON lines") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read ({err.strerror or err.__class__.__name__})") from None
    return records


def _record(line: str, path: str | os.PathLike[str], n: int) -> Article:
    try:
        return Article.from_dict(json.loads(line))
    except (ValueError, KeyError, TypeError, AttributeError) as err:
        raise InputError(f"{path}:{n}", f"not an article record ({err.__class__.__name__}: {err})") from None


def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def render(report: EvalReport) -> str:
    """The report as a compact, readable table."""
    head = f"{report.corpus}: {report.articles} annotated articles ({report.articles_predicted} with predictions)"
    if report.unannotated:
        head += f", {report.unannotated} texts without annotations skipped"
    rows = [head, "",
            f"{'measure':<9}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}{'R direct':>10}{'R indirect':>12}"
            f"{'gold':>7}{'pred':>7}{'matched':>9}"]
    for name, m in report.measures.items():
        rows.append(f"{name:<9}{_fmt(m.precision):>7}{_fmt(m.recall):>7}{_fmt(m.f1):>7}{_fmt(m.speaker_acc):>9}"
                    f"{_fmt(m.recall_direct):>10}{_fmt(m.recall_indirect):>12}"
                    f"{m.gold:>7}{m.predicted:>7}{m.matched:>9}")
    rows += ["", f"{'confidence':<12}{'statements':>11}{'P@ggt0.3':>10}"]
    for band in [*report.bands, report.high_confidence]:
        label = band.label if band is not report.high_confidence else f">= {HIGH_CONFIDENCE}"
        rows.append(f"{label:<12}{band.count:>11}{_fmt(band.precision):>10}")
    spa = report.seconds_per_article
    if spa is not None:
        rows += ["", f"{spa:.3f} s/article ({report.seconds:.1f} s for {report.articles_predicted} articles)"]
    if report.provenance_mismatches:
        rows.append(f"{report.provenance_mismatches} statements whose text is not text[start:end]")
    if report.who is not None:
        rows += ["", *render_who(report.who)]
    return "\n".join(rows)


def render_who(who: WhoResult) -> list[str]:
    """The who figures as table lines: the outcomes for named referents as shares of them,
    then the unnamed ones and the whole."""
    r = who.rates()
    rows = [f"who: resolved names against {who.who_dir} ({who.articles} articles, "
            f"{who.matched} matched attributions with a referent)",
            f"{'referent':<10}{'n':>6}{'full':>7}{'lenient':>9}{'surname':>9}{'untidy':>8}{'wrong':>7}"
            f"{'abstain':>9}{'name P':>8}",
            f"{'named':<10}{who.named:>6}{_fmt(r['who_full_acc']):>7}{_fmt(r['who_lenient_acc']):>9}"
            f"{_fmt(r['who_surname_only_rate']):>9}{_fmt(r['who_untidy_rate']):>8}{_fmt(r['who_wrong_rate']):>7}"
            f"{_fmt(r['who_abstain_rate']):>9}{_fmt(r['who_name_precision']):>8}",
            f"{'unnamed':<10}{who.unnamed:>6}  named wrongly {_fmt(r['unnamed_named_wrongly_rate'])}",
            f"{'overall':<10}{who.named + who.unnamed:>6}  right {_fmt(r['who_overall_acc'])}"]
    return rows


def write_errors(report: EvalReport, path: str | os.PathLike[str]) -> int:
    """Missed gold contents and spurious statements (at ggt@0.3), and with a who annotation the
    wrongly named speakers, as JSON lines; returns how many."""
    with open(path, "w", encoding="utf-8") as fh:
        for record in report.errors:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(report.errors)


__all__ = ["EvalReport", "evaluate", "score_predictions", "read_predictions", "render", "render_who",
           "write_errors", "load_corpus", "check_corpus", "load_who", "GoldDocument", "Measure", "Band",
           "WhoResult", "MEASURES", "BANDS", "name_of"]
