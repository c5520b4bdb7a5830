"""Fitting the rescorer on an annotated corpus (brat standoff, as PolNeAR).

Every candidate the wide rules propose is labelled by whether it covers at least 30% of a
gold content (the ggt@0.3 criterion); a logistic regression learns from their features;
the threshold is the one that gives the best ggt@0.3 F1 on the training corpus itself,
with the same one-to-one matching the evaluation uses.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import OnrecordError
from ..eval.brat import GoldDocument, load_corpus
from ..eval.scoring import match
from ..ingest.reading import OnError, read
from ..model import Article
from ..nlp import Analyzer, pipeline
from ..nlp.candidates import all_candidates
from ..nlp.pipeline import parse_of
from ..nlp.quotes import paragraphs
from .features import features
from .rescorer import LogisticRescorer

THRESHOLDS = [t / 100 for t in range(20, 81, 5)]


@dataclass
class TrainReport:
    documents: int
    candidates: int
    positives: int
    threshold: float
    f1: float                  # ggt@0.3 F1 on the training corpus at that threshold
    path: str


@dataclass
class _Doc:
    gold: list[list[tuple[int, int]]]
    spans: list[tuple[int, int]]
    feats: list[dict[str, float]]


def _readable(docs: list[GoldDocument], waiting: deque[GoldDocument], on_error: OnError | None) -> Iterator[Article]:
    for doc in docs:
        try:
            article = read(doc.text_path)
        except OnrecordError as err:
            if on_error:
                on_error(err.subject, err.reason)
            continue
        waiting.append(doc)
        yield article


def collect(corpus_dir: str | os.PathLike[str], analyzer: Analyzer, limit: int | None = None,
            on_error: OnError | None = None) -> list[_Doc]:
    """Candidates of every document with their features and the gold contents."""
    docs, waiting = load_corpus(corpus_dir, limit, on_error), deque[GoldDocument]()
    out = []
    for parsed, article in analyzer.parse_many(_readable(docs, waiting, on_error)):
        gold_doc = waiting.popleft()
        parse = parse_of(parsed, article)
        cands = all_candidates(parse, paragraphs(parsed.text), wide=True)
        out.append(_Doc([list(g.content) for g in gold_doc.gold], [(c.start, c.end) for c in cands],
                        [features(c, parse) for c in cands]))
    return out


def _label(doc: _Doc) -> list[int]:
    def covers(span, gold) -> bool:
        size = sum(b - a for a, b in gold)
        shared = sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in gold)
        return size > 0 and shared >= 0.3 * size
    return [int(any(covers(s, g) for g in doc.gold)) for s in doc.spans]


def _select(spans: list[tuple[int, int]], probs: list[float], threshold: float) -> list[tuple[int, int]]:
    """The same greedy choice the pipeline makes: likeliest first, no large overlaps."""
    kept: list[tuple[int, int]] = []
    for p, (a, b) in sorted(zip(probs, spans), reverse=True):
        if p < threshold:
            break
        if not any(min(b, d) - max(a, c) > 0.5 * min(b - a, d - c) for c, d in kept):
            kept.append((a, b))
    return kept


def _best_threshold(docs: list[_Doc], probs: list[list[float]]) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in THRESHOLDS:
        n_gold = n_pred = tp = 0
        for doc, p in zip(docs, probs):
            preds = _select(doc.spans, p, t)
            n_gold, n_pred = n_gold + len(doc.gold), n_pred + len(preds)
            tp += len(match(doc.gold, [[s] for s in preds], 0.3, False))
        f1 = 2 * tp / (n_gold + n_pred) if n_gold + n_pred else 0.0
        best = max(best, (t, f1), key=lambda x: x[1])
    return best


def train(corpus_dir: str | os.PathLike[str], out: str | os.PathLike[str], analyzer: Analyzer | None = None,
          limit: int | None = None, on_error: OnError | None = None) -> TrainReport:
    """Fit a rescorer on the corpus and save it at ``out``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    docs = collect(corpus_dir, analyzer or pipeline.default_analyzer(), limit, on_error)
    feats = [f for d in docs for f in d.feats]
    labels = [y for d in docs for y in _label(d)]
    if len(set(labels)) < 2:
        raise OnrecordError(str(corpus_dir), "too little annotated data to train on")
    vec = DictVectorizer()
    model = LogisticRegression(C=1.0, max_iter=2000).fit(vec.fit_transform(feats), labels)
    rescorer = LogisticRescorer(
        {name: float(w) for name, w in zip(vec.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-6},
        float(model.intercept_[0]), trained_on=os.path.basename(os.path.normpath(str(corpus_dir))))
    probs = [[rescorer.probability(f) for f in d.feats] for d in docs]
    rescorer.threshold, f1 = _best_threshold(docs, probs)
    rescorer.save(out)
    return TrainReport(len(docs), len(labels), sum(labels), rescorer.threshold, round(f1, 3), str(out))
