"""The article record (schema ``onrecord/article@1``) as plain, frozen dataclasses.

This is the only thing that crosses a stage boundary: ingest builds an ``Article``
with its text and metadata, nlp returns a copy with statements, entities, amounts
and dates added, the store and the CLI read it. Offsets are Python string indices
into ``Article.text`` (end exclusive) and ``text[start:end] == span.text`` always.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, overload

from .acts import DEFAULT_ACT, act_of_words

SCHEMA = "onrecord/article@1"


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span of ``text[start:end]`` (the only way spans should be made)."""
        return cls(text[start:end], start, end)


# How a speaker's name was found, from the surest to the least sure evidence.
RESOLUTIONS = ("name", "surname", "apposition", "descriptor", "relative", "pronoun", "continuation")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None = None          # resolved person/organisation, names joined by " and "
    mention: Span | None = None      # the words naming the speaker at this statement
    entity: str | None = None        # id of the entity behind ``name`` (first one if several)
    title: str | None = None         # the role written with the name ("Sen.", "the president")
    resolution: str | None = None    # how ``name`` was found: one of RESOLUTIONS; null: no name
    antecedent: Span | None = None   # the mention that names the person ("Hillary Clinton")
    confidence: float | None = None  # how sure the name is, in [0, 1]; null when there is none


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    kind: str                        # direct | indirect | mixed
    text: str
    start: int
    end: int
    cue: Span | None = None
    speaker: Speaker = field(default_factory=Speaker)
    confidence: float = 0.5
    speakers: tuple[str, ...] = ()   # every resolved speaker when there are several
    parts: tuple[Span, ...] = ()     # the quoted pieces of a quote split around its cue
    topics: tuple[str, ...] = ()     # ids of the article's topics this statement is about
    act: str = DEFAULT_ACT           # speech | thought | evidence: what the source did (``acts``)
    negated: bool = False            # the article says the source did not: "did not intend"

    @property
    def words(self) -> str:
        """The content as it is shown: a quotation split around its cue as its pieces joined
        by " … " ("'A,' she said, 'B.'" is "A, … B."), without the writer's words between;
        otherwise ``text``. Each piece is verbatim; ``parts`` holds their offsets."""
        return " … ".join(p.text for p in self.parts) if self.parts else self.text


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str                        # PERSON | ORG | GPE | LOC | NORP
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    start: int
    end: int
    value: float | None = None       # the number when it is one number
    low: float | None = None         # lower bound (ranges, "more than")
    high: float | None = None        # upper bound (ranges, "almost", "up to")
    unit: str | None = None
    qualifier: str | None = None     # "more than", "almost", ...
    statement: str | None = None     # id of the statement it occurs in
    about: Span | None = None        # whose quantity it is: "Ukraine" (had concentrated 100,000 troops)
    claimed_by: str | None = None    # the speaker of its statement; null: the outlet's own words


@dataclass(frozen=True, slots=True)
class Topic:
    id: str                          # t1, t2, ... within the article
    key: str                         # the same across articles: "nato" for NATO and the North Atlantic Alliance
    name: str                        # how to show it: "NATO"
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class DateRef:
    text: str
    start: int
    end: int
    value: str | None = None         # ISO date, or null when it cannot be placed on the calendar
    resolution: str | None = None    # day | month | year


@dataclass(frozen=True, slots=True)
class Event:
    id: str                          # v1, v2, ... within the article
    type: str                        # meeting | visit | call | talks
    text: str                        # the evidence: the sentence that reports it
    start: int
    end: int
    trigger: Span | None = None      # "met", "is scheduled to meet", "visit"
    participants: tuple[str, ...] = ()   # resolved names of who takes part
    place: Span | None = None
    date: DateRef | None = None
    status: str = "held"             # held | planned


@dataclass(frozen=True, slots=True)
class Article:
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    site: str | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"
    boilerplate: tuple[Span, ...] = ()
    headings: tuple[Span, ...] = ()
    statements: tuple[Statement, ...] = ()
    entities: tuple[Entity, ...] = ()
    amounts: tuple[Amount, ...] = ()
    dates: tuple[DateRef, ...] = ()
    topics: tuple[Topic, ...] = ()
    events: tuple[Event, ...] = ()

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA, "id": self.id}
        out.update(_plain(self))
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return Article(
            text=data["text"],
            source=data.get("source"),
            title=data.get("title"),
            published=data.get("published"),
            site=data.get("site"),
            authors=tuple(data.get("authors") or ()),
            language=data.get("language") or "en",
            boilerplate=tuple(_span(s) for s in data.get("boilerplate") or ()),
            headings=tuple(_span(s) for s in data.get("headings") or ()),
            statements=tuple(_statement(s) for s in data.get("statements") or ()),
            entities=tuple(
                Entity(e["id"], e["name"], e["type"], tuple(_span(m) for m in e.get("mentions") or ()))
                for e in data.get("entities") or ()
            ),
            amounts=tuple(_amount(a) for a in data.get("amounts") or ()),
            dates=tuple(DateRef(**_known(DateRef, d)) for d in data.get("dates") or ()),
            topics=tuple(Topic(t["id"], t["key"], t["name"], tuple(_span(m) for m in t.get("mentions") or ()))
                         for t in data.get("topics") or ()),
            events=tuple(_event(e) for e in data.get("events") or ()),
        )


def text_without(text: str, spans: Iterable[Span]) -> str:
    """``text`` with the parts ``spans`` cover cut out, a space where each was; spans that
    do not fit in ``text`` are ignored (the one helper for "the text without its chrome")."""
    cut = sorted((s.start, s.end) for s in spans if 0 <= s.start <= s.end <= len(text))
    if not cut:
        return text
    pieces, at = [], 0
    for start, end in cut:
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(pieces)


def _plain(obj: Any) -> Any:
    """Dataclasses to dicts, tuples to lists (``asdict`` keeps tuples)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    return obj


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


# A span given is a Span; only an optional field (a cue, a mention) may be null.
@overload
def _span(data: dict[str, Any]) -> Span: ...
@overload
def _span(data: dict[str, Any] | None) -> Span | None: ...
def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span(data["text"], data["start"], data["end"])


def _amount(data: dict[str, Any]) -> Amount:
    return Amount(**dict(_known(Amount, data), about=_span(data.get("about"))))


def _event(data: dict[str, Any]) -> Event:
    date = data.get("date")
    return Event(**dict(_known(Event, data), trigger=_span(data.get("trigger")), place=_span(data.get("place")),
                        participants=tuple(data.get("participants") or ()),
                        date=DateRef(**_known(DateRef, date)) if date else None))


def _statement(data: dict[str, Any]) -> Statement:
    spk = data.get("speaker") or {}
    return Statement(
        id=data["id"],
        kind=data["kind"],
        text=data["text"],
        start=data["start"],
        end=data["end"],
        cue=_span(data.get("cue")),
        speaker=Speaker(spk.get("name"), _span(spk.get("mention")), spk.get("entity"), spk.get("title"),
                        spk.get("resolution"), _span(spk.get("antecedent")), spk.get("confidence")),
        confidence=data.get("confidence", 0.5),
        speakers=tuple(data.get("speakers") or ()),
        parts=tuple(_span(p) for p in data.get("parts") or ()),
        topics=tuple(data.get("topics") or ()),
        act=data.get("act") or act_of_words((data.get("cue") or {}).get("text")),   # older records: from the cue
        negated=bool(data.get("negated")),
    )


__all__ = ["text_without", "SCHEMA", "RESOLUTIONS", "Span", "Speaker", "Statement", "Entity", "Amount", "Topic", "DateRef", "Event", "Article"]
