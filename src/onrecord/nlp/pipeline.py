"""One spaCy pipeline, loaded once, streaming articles into analysed articles."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Amount, Article, Speaker, Span, Statement
from .amounts import find_amounts
from .dates import find_dates
from .claims import attach_claims
from .entities import find_entities
from .events import find_events
from .model_loader import load_model
from .quotes import find_quotes, normalise_marks, paragraphs
from .speakers import NOBODY, SURENESS, Resolution, SpeakerResolver, speaking
from .candidates import Rescorer, find_candidates
from .cueing import act_of, is_negated
from .statements import RULE_CONFIDENCE, Candidate, Parse
from .topics import find_topics
from .trees import shallow
from .doctext import text_of

def parse_text(article: Article) -> str:
    """The text the parser sees: boilerplate blanked out, two-apostrophe quotation marks
    made double marks, every offset unchanged."""
    chars = list(article.text)
    for span in article.boilerplate:
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = " "
    return normalise_marks("".join(chars))


def chunk_bounds(text: str, article: Article) -> list[tuple[int, int]]:
    """Paragraphs and headings, each parsed on its own so that no sentence crosses them.

    Chunks tile the whole text (each keeps the whitespace after it), so the joined parse
    has exactly the article's offsets.
    """
    cuts = {start for start, _ in paragraphs(text)}
    for h in article.headings:
        cuts.add(h.start)
        rest = text[h.end:]
        cuts.add(h.end + len(rest) - len(rest.lstrip()))
    inner = sorted(c for c in cuts if 0 < c < len(text))
    return list(zip([0, *inner], [*inner, len(text)]))


class Analyzer:
    """Holds the loaded model; ``analyse`` adds statements, entities, amounts and dates."""

    def __init__(self, nlp: Language | None = None, model: str | None = None, batch_size: int = 8,
                 rescorer: Rescorer | None = None):
        self.nlp = nlp or load_model(model)
        self.batch_size = batch_size
        self.rescorer = rescorer          # a trained judge of candidates (onrecord train), if any

    def analyse(self, article: Article) -> Article:
        return next(iter(self.analyse_many([article])))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        for doc, article in self.parse_many(articles):
            yield extract(doc, article, self.rescorer)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[tuple[Doc, Article]]:
        """Each article with its parse, in input order, parsed in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) == self.batch_size:
                yield from self._parse_batch(batch)
                batch = []
        yield from self._parse_batch(batch)

    def _parse_batch(self, articles: list[Article]) -> Iterator[tuple[Doc, Article]]:
        texts = [parse_text(a) for a in articles]
        pieces = [(t[s:e], n) for n, (t, a) in enumerate(zip(texts, articles)) for s, e in chunk_bounds(t, a)]
        parsed: list[list[Doc]] = [[] for _ in articles]
        for doc, n in self.nlp.pipe(pieces, as_tuples=True, batch_size=64):
            parsed[n].append(shallow(doc))           # no tree too deep to walk
        for article, docs in zip(articles, parsed):
            yield Doc.from_docs(docs, ensure_whitespace=False), article


@cache
def default_analyzer() -> Analyzer:
    """The analyser ``extract`` uses when given none: the spaCy model is loaded on first use,
    once a process (callers look it up here at call time, so a test may swap it)."""
    return Analyzer()


def parse_of(doc: Doc, article: Article) -> Parse:
    return Parse(doc, find_quotes(text_of(doc)), [(h.start, h.end) for h in article.headings])


def extract(doc: Doc, article: Article, rescorer: Rescorer | None = None) -> Article:
    """Every record of one parsed article (the pure part of the pipeline)."""
    skip = [(b.start, b.end) for b in article.boilerplate]
    parse = parse_of(doc, article)
    quotes = [(q.open, q.close + 1) for q in parse.quotes]
    entities = find_entities(doc, skip, [(h.start, h.end) for h in article.headings], quotes)
    dates = find_dates(doc, article.published)
    amounts = find_amounts(doc, [(d.start, d.end) for d in dates])
    candidates = find_candidates(parse, paragraphs(text_of(doc)), rescorer)
    resolver = SpeakerResolver(doc, entities, quotes)
    statements = resolve_speakers(candidates, resolver, article.text)
    # after the speakers: resolving them teaches the resolver names the tagger missed
    events = find_events(doc, entities, dates, resolver, skip, text=article.text)
    topics, statements = find_topics(doc, entities, statements, skip)
    amounts = attach_claims(doc, link_amounts(amounts, statements), statements)
    found = dataclasses.replace(article, statements=tuple(statements), entities=tuple(entities),
                                amounts=tuple(amounts), dates=tuple(dates), topics=tuple(topics),
                                events=tuple(events))
    # the parser's text is most often the article's own: then every span is written as it is
    return found if text_of(doc) == article.text else as_written(found, article.text)


def as_written(record, text: str):
    """``record`` with every span's words read from ``text`` itself: the parser saw a text
    with "''" made '"' and boilerplate blanked, and evidence is the article's own words."""
    if isinstance(record, Span):
        return record if text[record.start:record.end] == record.text else Span.of(text, record.start, record.end)
    if isinstance(record, tuple):
        return tuple(as_written(item, text) for item in record)
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        changed = {f.name: new for f in dataclasses.fields(record)
                   if (new := as_written(old := getattr(record, f.name), text)) is not old}
        return dataclasses.replace(record, **changed) if changed else record
    return record


def resolve_speakers(candidates: list[Candidate], resolver: SpeakerResolver, text: str) -> list[Statement]:
    out: list[Statement] = []
    found_by: dict[str, Resolution] = {}
    for n, cand in enumerate(candidates, 1):
        if cand.subject is None and cand.rule == "continued":
            # the previous speaker goes on; the words that named them stand for this quote too
            previous = out[-1] if out and _adjacent(text, out[-1], cand) and resolver.continues(
                out[-1].speakers, (out[-1].end, cand.start), (cand.start, cand.end)) else None
            found = _as_continuation(found_by[previous.id]) if previous else NOBODY
            mention = previous.speaker.mention if previous else None
        else:
            words = speaking(cand.subject, cand.cue)
            bounds = (words.start_char, words.end_char) if words else None
            quoted_by = next((found_by[s.id] for s in reversed(out)
                              if bounds and s.kind != "indirect" and s.start <= bounds[0] < s.end), None)
            found = resolver.identify(words, cand.start, (cand.start, cand.end), quoted_by)
            mention = Span.of(text, *bounds) if bounds else None
            resolver.remember(found, bounds, cand.start)
        statement = _statement(f"s{n}", cand, found, mention, resolver, text)
        found_by[statement.id] = found
        out.append(statement)
    return out


def _statement(sid: str, cand: Candidate, found: Resolution, mention: Span | None,
               resolver: SpeakerResolver, text: str) -> Statement:
    names = found.names
    entity = resolver.profiles[names[0]].entity if names and names[0] in resolver.profiles else None
    cue = Span.of(text, *cand.cue_bounds) if cand.cue_bounds else None
    if cand.score is not None:
        confidence = cand.score
    else:
        confidence = RULE_CONFIDENCE.get(cand.rule, 0.5) * (0.75 + 0.25 * found.confidence)
    speaker = Speaker(" and ".join(names) or None, mention, entity, found.title, found.how,
                      Span.of(text, *found.antecedent) if names and found.antecedent else None,
                      found.confidence if names else None)
    verb = cand.cue if cand.cue is not None and cand.cue.pos_ in ("VERB", "AUX") else None
    start, end = whole_marks(text, cand.start, cand.end)
    return Statement(
        id=sid, kind=cand.kind, text=text[start:end], start=start, end=end,
        cue=cue, speaker=speaker, confidence=round(confidence, 3), speakers=names,
        parts=tuple(Span.of(text, a, b) for a, b in cand.parts),
        act=act_of(verb, cand.subject.root if cand.subject is not None else None),
        negated=verb is not None and is_negated(verb))


def whole_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A span that ends or starts on two apostrophes used as one quotation mark (the parser
    saw them as '"' beside a space) takes both: "the deal ''a disaster''", not "…disaster'"."""
    if text[end - 1:end + 1] == "''":
        end += 1
    if start > 0 and text[start - 1:start + 1] == "''":
        start -= 1
    return start, end


def _as_continuation(found: Resolution) -> Resolution:
    if not found:
        return NOBODY
    return Resolution(found.names, "continuation", found.antecedent,
                      round(min(found.confidence, SURENESS["continuation"]), 3), found.title)


def _adjacent(text: str, previous: Statement, cand: Candidate) -> bool:
    """Whether a cue-less quotation follows the previous statement closely enough to continue it."""
    return text.count("\n\n", previous.end, cand.start) <= 1


def link_amounts(amounts: list[Amount], statements: list[Statement]) -> list[Amount]:
    """Tie each amount to the statement whose content holds it."""
    out = []
    for amount in amounts:
        owner = next((s.id for s in statements if s.start <= amount.start and amount.end <= s.end), None)
        out.append(dataclasses.replace(amount, statement=owner))
    return out
