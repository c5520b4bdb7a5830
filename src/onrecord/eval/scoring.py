"""The project's measures, computed exactly as the reference scorer (shared/tools/score.py).

Predicted statements are matched to gold contents one to one, greedily by shared characters:
``ggt@θ`` when the shared characters cover at least θ of the gold span, ``sym@0.5`` when they
cover half of the gold span and half of the prediction. A prediction is its (start, end) span,
not its parts, as in the reference. Ties are broken the same way too (largest overlap, then
largest gold index, then largest prediction index), so that the figures agree exactly.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from ..model import Article, Statement
from .brat import GoldAttribution, GoldDocument, Spans, span_text

# (name, θ, symmetric): the three measures of the reference scorer.
MEASURES: tuple[tuple[str, float, bool], ...] = (("ggt@0.3", 0.3, False), ("ggt@0.8", 0.8, False),
                                                 ("sym@0.5", 0.5, True))
ERROR_MEASURE = "ggt@0.3"           # the lenient match decides what counts as missed or spurious
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.0))
HIGH_CONFIDENCE = 0.8
CONTEXT_CHARS = 300                 # at most this much context either side of an error span

# (start, end) pieces in any sequence: ``Spans``, or the lists training builds (``learn.train``).
SpanSeq = Sequence[tuple[int, int]]


def spans_len(spans: SpanSeq) -> int:
    return sum(e - s for s, e in spans)


def overlap(a: SpanSeq, b: SpanSeq) -> int:
    """Characters shared by two span lists."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def match(golds: Sequence[SpanSeq], preds: Sequence[SpanSeq], theta: float,
          symmetric: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching on overlap: (gold index, prediction index) pairs."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            ov = overlap(g, p)
            if ov and ov / spans_len(g) >= theta and (not symmetric or ov / spans_len(p) >= theta):
                cands.append((ov, gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _ov, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class Measure:
    """Counts for one matching criterion, summed over documents."""
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0              # matched pairs whose gold has a Source
    direct: list[int] = field(default_factory=lambda: [0, 0])      # [matched, gold]
    indirect: list[int] = field(default_factory=lambda: [0, 0])

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_acc(self) -> float | None:
        return self.speaker_ok / self.speaker_n if self.speaker_n else None

    @property
    def recall_direct(self) -> float:
        return self.direct[0] / max(1, self.direct[1])

    @property
    def recall_indirect(self) -> float:
        return self.indirect[0] / max(1, self.indirect[1])

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        acc = self.speaker_acc
        return {"P": round(self.precision, digits), "R": round(self.recall, digits), "F1": round(self.f1, digits),
                "gold": self.gold, "pred": self.predicted, "matched": self.matched,
                "speaker_acc": None if acc is None else round(acc, digits),
                "recall_direct": round(self.recall_direct, digits),
                "recall_indirect": round(self.recall_indirect, digits),
                "gold_direct": self.direct[1], "gold_indirect": self.indirect[1]}


@dataclass
class Band:
    """Predictions whose confidence lies in [low, high) (the top band includes 1.0)."""
    low: float
    high: float
    count: int = 0
    correct: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.count if self.count else None

    @property
    def label(self) -> str:
        return f"[{self.low:.1f}, {self.high:.1f}{']' if self.high >= 1.0 else ')'}"

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        p = self.precision
        return {"band": self.label, "low": self.low, "high": self.high, "count": self.count,
                "correct": self.correct, "precision": None if p is None else round(p, digits)}


def band_index(confidence: float) -> int:
    """The calibration band of a confidence; values outside [0, 1] go to the nearest end."""
    for i, (_low, high) in enumerate(BANDS[:-1]):
        if confidence < high:
            return i
    return len(BANDS) - 1


def locate(st: Statement, article_text: str, gold_text: str) -> Spans:
    """The statement's span in the gold text: its offsets when the texts are the same,
    else where its words first occur (nothing when they do not)."""
    if article_text == gold_text:
        return ((st.start, st.end),)
    if not st.text:
        return ()
    i = gold_text.find(st.text)
    return ((i, i + len(st.text)),) if i >= 0 else ()


def mention_spans(st: Statement, article_text: str, gold_text: str) -> Spans:
    """The predicted speaker mention's span in the gold text (as the reference finds it)."""
    m = st.speaker.mention
    if m is None:
        return ()
    if article_text == gold_text:
        return ((m.start, m.end),)
    i = gold_text.find(m.text if m.text is not None else "\0")
    return ((i, i + len(m.text)),) if i >= 0 else ()


@dataclass
class DocMatch:
    """One document's predictions (located in the gold text) and its pairs under each measure."""
    doc: GoldDocument
    article: Article | None
    statements: list[Statement]
    spans: list[Spans]                       # per statement; empty when it could not be located
    pairs: dict[str, list[tuple[int, int]]]  # measure -> (gold index, statement index)


def match_document(doc: GoldDocument, article: Article | None) -> DocMatch:
    """Match an analysed article (None: nothing predicted) against its gold."""
    statements = list(article.statements) if article else []
    spans = [locate(st, article.text, doc.text) for st in statements] if article else []
    located = [i for i, s in enumerate(spans) if s]          # unlocated ones can never match
    golds = [g.content for g in doc.gold]
    pairs = {}
    for name, theta, symmetric in MEASURES:
        found = match(golds, [spans[i] for i in located], theta, symmetric)
        pairs[name] = [(gi, located[pi]) for gi, pi in found]
    return DocMatch(doc, article, statements, spans, pairs)


@dataclass
class Scorer:
    """Accumulates the measures, the calibration table and (optionally) the errors."""
    keep_errors: bool = False
    measures: dict[str, Measure] = field(default_factory=lambda: {m[0]: Measure() for m in MEASURES})
    bands: list[Band] = field(default_factory=lambda: [Band(lo, hi) for lo, hi in BANDS])
    high: Band = field(default_factory=lambda: Band(HIGH_CONFIDENCE, 1.0))
    articles: int = 0
    articles_predicted: int = 0
    provenance_mismatches: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: GoldDocument, article: Article | None) -> DocMatch:
        found = match_document(doc, article)
        self.articles += 1
        if article is not None:
            self.articles_predicted += 1
            self.provenance_mismatches += sum(article.text[s.start:s.end] != s.text for s in article.statements)
        for name, pairs in found.pairs.items():
            self._count(self.measures[name], found, pairs)
        self._calibrate(found)
        if self.keep_errors:
            self.errors += error_records(found)
        return found

    @staticmethod
    def _count(measure: Measure, found: DocMatch, pairs: list[tuple[int, int]]) -> None:
        gold = found.doc.gold
        measure.gold += len(gold)
        measure.predicted += len(found.statements)
        measure.matched += len(pairs)
        for g in gold:
            (measure.direct if g.direct else measure.indirect)[1] += 1
        for gi, pi in pairs:
            g = gold[gi]
            (measure.direct if g.direct else measure.indirect)[0] += 1
            if g.source:
                measure.speaker_n += 1
                article = cast(Article, found.article)      # it has a statement: it was predicted
                said = mention_spans(found.statements[pi], article.text, found.doc.text)
                measure.speaker_ok += overlap(said, g.source) > 0

    def _calibrate(self, found: DocMatch) -> None:
        correct = {pi for _gi, pi in found.pairs[ERROR_MEASURE]}
        for i, st in enumerate(found.statements):
            hit = i in correct
            band = self.bands[band_index(st.confidence)]
            band.count += 1
            band.correct += hit
            if st.confidence >= HIGH_CONFIDENCE:
                self.high.count += 1
                self.high.correct += hit


# -- error analysis --------------------------------------------------------------------------

def context(text: str, start: int, end: int, limit: int = CONTEXT_CHARS) -> str:
    """The paragraph (line) around text[start:end], cut to ``limit`` characters either side."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    lo, hi = max(left, start - limit), min(right, end + limit)
    return ("…" if lo > left else "") + text[lo:hi].strip() + ("…" if hi < right else "")


def _closest(target: Spans, others: list[Spans]) -> int | None:
    """Index of the span list sharing most characters with ``target`` (None: none shares any)."""
    best = max(range(len(others)), key=lambda i: overlap(target, others[i]), default=None)
    return best if best is not None and overlap(target, others[best]) else None


def _missed(found: DocMatch, gi: int, hit_p: set[int]) -> dict[str, Any]:
    g: GoldAttribution = found.doc.gold[gi]
    text = found.doc.text
    near = _closest(g.content, found.spans)
    closest = None
    if near is not None:
        st = found.statements[near]
        (s, e), = found.spans[near]
        closest = {"text": st.text, "start": s, "end": e,
                   "covers_gold": round(overlap(g.content, found.spans[near]) / spans_len(g.content), 3),
                   "matched_elsewhere": near in hit_p}      # lost to the one-to-one matching
    return {"error": "missed", "document": found.doc.name, "start": g.content[0][0], "end": g.content[-1][1],
            "spans": [list(s) for s in g.content], "text": span_text(text, g.content, " … "),
            "kind": "direct" if g.direct else "indirect",
            "source": span_text(text, g.source, " … ") or None, "cue": span_text(text, g.cue, " … ") or None,
            "context": context(text, g.content[0][0], g.content[-1][1]), "closest_prediction": closest}


def _spurious(found: DocMatch, pi: int, hit_g: set[int]) -> dict[str, Any]:
    st = found.statements[pi]
    spans = found.spans[pi]
    golds = [g.content for g in found.doc.gold]
    near = _closest(spans, golds) if spans else None
    article = cast(Article, found.article)              # it has a statement: it was predicted
    text, (start, end) = (found.doc.text, spans[0]) if spans else (article.text, (st.start, st.end))
    closest = None
    if near is not None:
        g = golds[near]
        closest = {"text": span_text(found.doc.text, g, " … "), "start": g[0][0], "end": g[-1][1],
                   "covers_gold": round(overlap(g, spans) / spans_len(g), 3), "matched_elsewhere": near in hit_g}
    mention = st.speaker.mention
    return {"error": "spurious", "document": found.doc.name, "start": start, "end": end,
            "text": st.text, "kind": st.kind, "confidence": st.confidence,
            "cue": st.cue.text if st.cue else None, "speaker": mention.text if mention else None,
            "speaker_name": st.speaker.name, "located": bool(spans),
            "context": context(text, start, end), "closest_gold": closest}


def error_records(found: DocMatch) -> list[dict[str, Any]]:
    """Gold contents missed and statements matching no gold, at ggt@0.3, in text order."""
    pairs = found.pairs[ERROR_MEASURE]
    hit_g, hit_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    records = [_missed(found, gi, hit_p) for gi in range(len(found.doc.gold)) if gi not in hit_g]
    records += [_spurious(found, pi, hit_g) for pi in range(len(found.statements)) if pi not in hit_p]
    return sorted(records, key=lambda r: (r["start"], r["error"]))
