"""Event reports as records: reports that add nothing to another report of the same event
dropped, the rest numbered with their sentence as evidence."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan, Token

from ..model import DateRef, Event, Span


@dataclass
class Found:
    type: str
    head: Token
    trigger: tuple[int, int]         # character bounds
    sentence: int
    participants: tuple[str, ...]
    places: list[tuple[int, int]]
    date: DateRef | None
    status: str
    anchors: list[Token] = field(default_factory=list)


def unique(items: Iterable) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def merge(found: list[Found], text: str) -> list[Found]:
    """Drop reports that add nothing to another report of the same event.

    Report a covers report b when both have the same type and status, b's participants are
    among a's, and b names no date or place that a does not (places compared by their
    words: each report of "in Moscow" has its own offsets). b goes when another report
    covers it and says more, or says the same and comes first. Reports are bucketed by
    what they say, so an article repeating one sentence thousands of times costs no more
    than a pass over its reports."""
    # (type, status) -> participants -> (date, place) -> indexes of the reports saying so
    buckets: dict[tuple[str, str], dict[frozenset[str], dict[tuple, list[int]]]] = {}
    for k, event in enumerate(found):
        place = " ".join(text[slice(*event.places[0])].split()).casefold() if event.places else None
        date = _date_key(event.date) if event.date is not None else None
        group = buckets.setdefault((event.type, event.status), {})
        group.setdefault(frozenset(event.participants), {}).setdefault((date, place), []).append(k)

    kept: list[int] = []
    for group in buckets.values():
        said = {who: _Said(claims) for who, claims in group.items()}
        holders: dict[str, list[frozenset[str]]] = {}      # participant -> the sets naming them
        for who in group:
            for name in who:
                holders.setdefault(name, []).append(who)
        for who, claims in group.items():
            # the sets that include who: among those naming its least frequent participant
            pool = min((holders[name] for name in who), key=len) if who else list(group)
            wider = [said[other] for other in pool if other != who and who <= other]
            for (date, place), reports in claims.items():
                if said[who].covering(date, place) > 1 or any(s.covering(date, place) for s in wider):
                    continue               # another report of the event says more
                kept.append(reports[0])    # the first of those that say the same
    return [found[k] for k in sorted(kept)]


class _Said:
    """The (date, place) pairs the reports with one set of participants name; None: none named."""
    def __init__(self, claims: Iterable[tuple[str | None, str | None]]):
        self.pairs = set(claims)
        self.places_on: dict[str | None, set] = {}
        self.dates_at: dict[str | None, set] = {}
        for date, place in self.pairs:
            self.places_on.setdefault(date, set()).add(place)
            self.dates_at.setdefault(place, set()).add(date)

    def covering(self, date: str | None, place: str | None) -> int:
        """How many of the pairs name this date and place, or more where they are None."""
        if date is not None and place is not None:
            return int((date, place) in self.pairs)
        if date is not None:
            return len(self.places_on.get(date, ()))
        if place is not None:
            return len(self.dates_at.get(place, ()))
        return len(self.pairs)


def _date_key(date: DateRef) -> str:
    return date.value or date.text.lower()


def records(found: list[Found], sents: list[SpacySpan], text: str) -> list[Event]:
    found = sorted(found, key=lambda e: (e.trigger[0], e.places[0] if e.places else (0, 0)))
    out = []
    for n, event in enumerate(found, 1):
        sent = sents[event.sentence]
        words = [t for t in sent if not t.is_space and not t.text.isspace()]
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        place = Span.of(text, *event.places[0]) if event.places else None
        out.append(Event(
            id=f"v{n}", type=event.type, text=text[start:end], start=start, end=end,
            trigger=Span.of(text, *event.trigger), participants=event.participants,
            place=place, date=event.date, status=event.status))
    return out
