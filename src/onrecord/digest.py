"""A digest: what was said, organised — a line of context, then sections by topic, each with
its key statements verbatim and attributed, their amounts and dates, every line linked to
its source.

Only the articles' own words are ever shown as said: direct quotations in quotation marks,
reported speech as reported. What onrecord writes itself (the context line, section titles
made from topic names, "about …") is marked ``generated`` and shown as such.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import NamedTuple, Protocol, TypeVar
from urllib.parse import urlsplit

from .acts import DEFAULT_ACT
from .model import Article, Statement
from .keys import topic_key

PER_SECTION = 6          # key statements a section shows: speech first, the surest, in reading order
MIN_CONFIDENCE = 0.5     # below this a statement is too unsure to stand in a digest
# A digest is of what was said: words given out lead, then what sources think or plan, then
# what polls and documents show; what the article says a source did NOT say or think comes last.
LEAD = ("speech", "thought", "evidence")

MAX_SECTIONS = 20        # sections an article's digest shows, in reading order; the rest are counted


class ArticleRef(Protocol):
    """What a link needs of an article: an ``Article``, or the store's row of one."""
    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str | None: ...


class StatementRef(Protocol):
    @property
    def id(self) -> str: ...


class Ref(NamedTuple):
    """An article or statement by id (and source), as ``Linker`` takes them: a record's
    ``Article.id`` hashes its whole text, so a digest takes it once, not once a line."""
    id: str
    source: str | None = None


# Where a line links to: given the article and a statement (or None for the article).
Linker = Callable[[ArticleRef, StatementRef | None], str]


def source_link(article: ArticleRef, statement: StatementRef | None) -> str:
    """The article's own address, the statement's id as fragment, or "" when the source is
    not one to follow (see ``linkable``)."""
    base = article.source or ""
    if not linkable(base):
        return ""
    return f"{base}#{statement.id}" if statement else base


def linkable(source: str) -> bool:
    """An http(s) or file URL, or a plain path (a one-letter scheme is a Windows drive). A
    source is whatever the input said, and a digest is opened in browsers: ``javascript:``
    or ``data:`` must never become a link."""
    if not source or any(ch.isspace() or ord(ch) < 32 for ch in source):
        return False
    try:
        scheme = urlsplit(source).scheme.lower()
    except ValueError:
        return False
    return scheme in ("", "http", "https", "file") or len(scheme) == 1


@dataclass(frozen=True)
class Line:
    """One statement as the digest shows it; every text field is the article's own words."""
    speaker: str | None
    cue: str | None
    kind: str
    text: str
    pieces: tuple[str, ...]          # a split quotation's parts, else (text,)
    link: str
    article_id: str
    statement_id: str
    start: int
    end: int
    published: str | None
    site: str | None
    amounts: tuple[dict, ...] = ()   # text, unit, low/high/value, about (generated when shown as "about")
    dates: tuple[dict, ...] = ()     # text, value
    act: str = DEFAULT_ACT           # speech | thought | evidence: what the source did
    negated: bool = False            # the article says the source did not


@dataclass(frozen=True)
class Section:
    title: str
    generated: bool                  # False: the article's own heading; True: made of topic names
    topics: tuple[str, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class EventLine:
    type: str
    participants: tuple[str, ...]
    place: str | None
    date: str | None
    status: str
    evidence: str                    # the sentence that reports it, verbatim
    link: str


@dataclass(frozen=True)
class Digest:
    title: str
    context: str                     # generated: what the digest covers
    sections: tuple[Section, ...]
    events: tuple[EventLine, ...] = ()
    notes: tuple[str, ...] = field(default=())   # generated: what the digest leaves out, and why
    partial: bool = False            # it covers only part of what was asked for (``notes`` say which)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["context"] = {"text": self.context, "generated": True}
        return data


def article_digest(article: Article, link: Linker = source_link, per_section: int = PER_SECTION,
                   use_headings: bool = True, max_sections: int = MAX_SECTIONS) -> Digest:
    """The digest of one article: its own headings as sections when it has them (the
    author's outline), else sections where the statements' topics change; the first
    ``max_sections`` of them, so that a long article's digest stays one (``notes`` say so)."""
    chosen = _sure(article.statements)
    if use_headings and article.headings and any(h.start < s.start for h in article.headings for s in chosen):
        groups = _by_heading(article, chosen)
    else:
        groups = [(None, run) for run in _topic_runs(article, chosen)]
    groups = [(heading, run) for heading, run in groups if run]
    ref = Ref(article.id, article.source)
    sections = tuple(_section(article, ref, heading, run, link, per_section)
                     for heading, run in groups[:max_sections])
    notes: tuple[str, ...] = ()
    if len(groups) > max_sections:
        rest = sum(len(run) for _, run in groups[max_sections:])
        notes = (f"The first {max_sections} of its {len(groups)} sections; the {rest} statement(s) after "
                 "them are left out here (the article lists them all).",)
    title = article.title or article.source or ref.id[:12]
    return Digest(title, _article_context(article, chosen), sections, _events(ref, article, link), notes,
                  partial=bool(notes))


@dataclass(frozen=True)
class Said:
    """One statement as a collection digest weighs it: its line, how sure it is, and its
    topics (key, name, mentions inside the statement), from a record or from the store's rows."""
    line: Line
    confidence: float
    topics: tuple[tuple[str, str, int], ...]

    @property
    def act(self) -> str:
        return self.line.act

    @property
    def negated(self) -> bool:
        return self.line.negated

    @property
    def kind(self) -> str:
        return self.line.kind


def collection_digest(title: str, items: Sequence[tuple[Article, Sequence[Statement]]],
                      subject: str | None = None, link: Linker = source_link,
                      per_section: int = PER_SECTION) -> Digest:
    """The digest of statements from many articles (a speaker's, a topic's, an event's):
    one section per topic, the largest first, lines in date order. ``subject`` (a speaker
    or topic name) is what every line shares, so it names no section."""
    said = []
    for article, statements in items:
        ref = Ref(article.id, article.source)
        said += [Said(_line(article, ref, s, link), s.confidence, _weighed_topics(article, s)) for s in statements]
    events = tuple(e for article, _ in items for e in _events(Ref(article.id, article.source), article, link))
    return said_digest(title, said, subject, per_section, events)


def said_digest(title: str, said: Sequence[Said], subject: str | None = None, per_section: int = PER_SECTION,
                events: tuple[EventLine, ...] = (), notes: tuple[str, ...] = ()) -> Digest:
    """``collection_digest`` of statements already made lines (``Said``): the sure ones in
    one section per topic, the largest first; ``notes`` say what the selection leaves out
    (the digest is then ``partial``)."""
    skip = {topic_key(subject)} if subject else set()
    sure = [x for x in said if x.confidence >= MIN_CONFIDENCE]
    weight = Counter(key for x in sure for key, _, _ in x.topics if key not in skip)
    buckets: dict[str, list[Said]] = {}
    names: dict[str, str] = {}
    for x in sure:
        # the topic a statement speaks of most (mentions inside it), then the one most spoken
        # of in the whole selection
        key, name, _ = max((t for t in x.topics if t[0] not in skip), key=lambda t: (t[2], weight[t[0]]),
                           default=("", "Other statements", 0))
        names.setdefault(key, name)
        buckets.setdefault(key, []).append(x)
    sections = []
    for key, group in sorted(buckets.items(), key=lambda kv: (kv[0] == "", -len(kv[1]))):
        group.sort(key=lambda x: (x.line.published or "", x.line.article_id, x.line.start))
        lines = tuple(x.line for x in _surest(group, per_section))
        sections.append(Section(names[key], True, (names[key],) if key else (), lines))
    top = [names[k] for k, _ in Counter({k: len(v) for k, v in buckets.items() if k}).most_common(3)]
    return Digest(title, _collection_context(sure, top), tuple(sections), events, notes, partial=bool(notes))


def _collection_context(sure: Sequence[Said], top: list[str]) -> str:
    n_articles = len({x.line.article_id for x in sure})
    dates = sorted(x.line.published[:10] for x in sure if x.line.published)
    span = f", {dates[0]} to {dates[-1]}" if dates and dates[0] != dates[-1] else (f", {dates[0]}" if dates else "")
    return (f"{len(sure)} statement(s) in {n_articles} article(s){span}"
            + (f"; most about {', '.join(top)}" if top else "") + ".")


def _weighed_topics(article: Article, statement: Statement) -> tuple[tuple[str, str, int], ...]:
    return tuple((t.key, t.name, sum(statement.start <= m.start and m.end <= statement.end for m in t.mentions))
                 for t in _topics(article, statement))


# -- choosing and grouping -----------------------------------------------------------------------

def _sure(statements: Sequence[Statement]) -> list[Statement]:
    return [s for s in statements if s.confidence >= MIN_CONFIDENCE]


def _by_heading(article: Article, statements: list[Statement]):
    """Statements under each of the article's headings (those before the first: the lead)."""
    groups: list[tuple[object, list[Statement]]] = [(None, [])]
    headings = sorted(article.headings, key=lambda h: h.start)
    starts = [h.start for h in headings]
    for statement in statements:
        above = bisect_left(starts, statement.start)          # headings starting before it
        heading = headings[above - 1] if above else None
        if groups[-1][0] is not heading:
            groups.append((heading, []))
        groups[-1][1].append(statement)
    return groups


def _topic_runs(article: Article, statements: list[Statement]) -> list[list[Statement]]:
    """Statements in reading order, cut where the talk turns to other topics: a statement
    stays with the one before it when it is in the same paragraph, names no topic, or shares
    one with the last two; a lone statement joins the run before or after it that shares a topic."""
    runs: list[list[Statement]] = []
    for statement in statements:
        keys = _keys(article, statement)
        if runs and (not keys or _same_paragraph(article.text, runs[-1][-1], statement)
                     or keys & _run_keys(article, runs[-1][-2:])):
            runs[-1].append(statement)
        else:
            runs.append([statement])
    merged: list[list[Statement]] = []
    for n, run in enumerate(runs):
        lone = _keys(article, run[0]) if len(run) == 1 else set()
        if merged and lone & _run_keys(article, merged[-1]):
            merged[-1] += run
        elif n + 1 < len(runs) and lone & _run_keys(article, runs[n + 1]):
            runs[n + 1][:0] = run
        else:
            merged.append(run)
    return merged


def _run_keys(article: Article, run: list[Statement]) -> set[str]:
    return set().union(*(_keys(article, s) for s in run))


def _keys(article: Article, statement: Statement) -> set[str]:
    return {t.key for t in _topics(article, statement)}


def _same_paragraph(text: str, before: Statement, after: Statement) -> bool:
    return "\n\n" not in text[before.end:after.start]


def _topics(article: Article, statement: Statement):
    by_id = {t.id: t for t in article.topics}
    return [by_id[i] for i in statement.topics if i in by_id]


def lead(statement: "_Ranked | Statement") -> int:
    """Where a statement's act puts it in a digest (``LEAD``): 0 for speech, up to the last
    place for a negated statement, whatever its act."""
    if statement.negated:
        return len(LEAD) + 1
    return LEAD.index(statement.act) if statement.act in LEAD else len(LEAD)


class _Ranked(Protocol):
    """What ranking a statement for a digest reads: a ``Statement``, or a ``Said``."""
    @property
    def act(self) -> str: ...
    @property
    def negated(self) -> bool: ...
    @property
    def kind(self) -> str: ...
    @property
    def confidence(self) -> float: ...


_R = TypeVar("_R", bound=_Ranked)


def _surest(items: Sequence[_R], n: int) -> list[_R]:
    """The ``n`` statements to show, speech before thought, evidence and negated ones (``lead``),
    the surest of each (direct quotations first among equals); listed by act, each act in the
    order given."""
    ranked = sorted(range(len(items)), key=lambda i: (lead(items[i]), -items[i].confidence,
                                                      items[i].kind != "direct", i))
    return [items[i] for i in sorted(ranked[:n], key=lambda i: (lead(items[i]), i))]


def _section(article: Article, ref: Ref, heading, statements: list[Statement], link: Linker, n: int) -> Section:
    counts = Counter(t.name for s in statements for t in _topics(article, s))
    names = tuple(name for name, _ in counts.most_common(3))
    lines = tuple(_line(article, ref, s, link) for s in _surest(statements, n))
    if heading is not None:
        return Section(heading.text, False, names, lines)
    return Section(" · ".join(names[:2]) or "Overall", True, names, lines)


def _line(article: Article, ref: Ref, statement: Statement, link: Linker) -> Line:
    amounts = tuple({"text": a.text, "value": a.value, "low": a.low, "high": a.high, "unit": a.unit,
                     "about": a.about.text if a.about else None}
                    for a in article.amounts if a.statement == statement.id)
    dates = tuple({"text": d.text, "value": d.value} for d in article.dates
                  if statement.start <= d.start and d.end <= statement.end)
    return Line(statement.speaker.name, statement.cue.text if statement.cue else None, statement.kind,
                statement.text, tuple(p.text for p in statement.parts) or (statement.text,),
                link(ref, statement), ref.id, statement.id, statement.start, statement.end,
                article.published, article.site, amounts, dates, statement.act, statement.negated)


def _events(ref: Ref, article: Article, link: Linker) -> tuple[EventLine, ...]:
    return tuple(EventLine(e.type, e.participants, e.place.text if e.place else None,
                           (e.date.value or e.date.text) if e.date else None, e.status, e.text,
                           link(ref, None)) for e in article.events)


def _article_context(article: Article, statements: list[Statement]) -> str:
    speakers = Counter(name for s in statements for name in (s.speakers or (s.speaker.name,)) if name)
    topics = Counter(t.name for s in statements for t in _topics(article, s))
    where = ", ".join(x for x in (article.site, (article.published or "")[:10]) if x)
    who = ", ".join(name for name, _ in speakers.most_common(3))
    about = ", ".join(name for name, _ in topics.most_common(3))
    return (f"{len(statements)} statement(s)" + (f" from {where}" if where else "")
            + (f" by {who}" if who else "") + (f", most about {about}" if about else "") + ".")


__all__ = ["Digest", "Section", "Line", "EventLine", "LEAD", "MAX_SECTIONS", "Ref", "Said", "article_digest",
           "collection_digest", "said_digest", "lead", "source_link", "linkable"]
