"""Dates: spaCy DATE/TIME entities, trimmed to the date words and placed on the calendar.

A date is resolved with dateparser relative to the publication date. Whether a phrase needs
that base at all is found by parsing it against two far-future probe dates: an absolute
date ("7 February 2022") comes out the same and in its own year; a year-less one
("February 7") comes out the same in the probe year, and takes the year that puts it
nearest the publication date ("mid-September" in a February article is last September); a
relative one ("two years ago", "Monday") differs, and is parsed against the publication date.
Durations ("almost six hours") are amounts, not dates.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import cache, lru_cache
from types import MappingProxyType

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span

from ..datafiles import data_lines
from ..model import DateRef
from .doctext import text_of

_PROBES = (datetime(9000, 1, 15), datetime(9000, 7, 20))   # no article is dated near these
_PROBE_YEAR = 9000
_YEAR = re.compile(r"1\d{3}|20\d{2}")
_DECADE = re.compile(r"\d0s\b")                # "the 1990s": dateparser reads it as seconds
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",            # month-level dates compare equal across probes
    "RETURN_AS_TIMEZONE_AWARE": False,
    # no "timestamp" (a bare number is no date) and no "no-spaces-time" ("2016" stays a year)
    "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
}
_RESOLUTION = {"day": "day", "week": "day", "time": "day", "month": "month", "year": "year"}


@cache
def date_words() -> Mapping[str, frozenset[str]]:
    """role -> words, from ``data/date_words.txt`` (lower case)."""
    roles: dict[str, set[str]] = {}
    for line in data_lines("date_words.txt"):
        word, _, role = line.partition("=")
        if word.strip() and role.strip():
            roles.setdefault(role.strip(), set()).add(word.strip().lower())
    return MappingProxyType({role: frozenset(words) for role, words in roles.items()})


def find_dates(doc: Doc, published: str | None) -> list[DateRef]:
    """Every date the text names, in text order, resolved against ``published`` if given."""
    resolver = _Resolver(_published(published))
    found: dict[tuple[int, int], DateRef] = {}
    text = text_of(doc)
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        span = trim(ent)
        if span is None or not names_date(span) or is_duration(span):
            continue
        if ent.label_ == "TIME" and not _day_part(span):
            continue
        value, resolution = resolver.resolve(span.text)
        key = (span.start_char, span.end_char)
        found[key] = DateRef(text[key[0]:key[1]], key[0], key[1], value, resolution)
    return [found[k] for k in sorted(found)]


def trim(ent: Span) -> Span | None:
    """The entity without leading prepositions/approximators and trailing punctuation or 's."""
    leads = date_words()["lead"]
    start, end = ent.start, ent.end
    moved = True
    while moved and start < end:
        moved = False
        for n in (3, 2, 1):                    # longest lead first: "as of" before "of"
            words = " ".join(t.lower_ for t in ent.doc[start:min(start + n, end)])
            if start + n < end and words in leads:
                start, moved = start + n, True
                break
    while end > start and (ent.doc[end - 1].is_punct or ent.doc[end - 1].tag_ == "POS"):
        end -= 1
    return ent.doc[start:end] if end > start else None


def names_date(span: Span) -> bool:
    """False for NER's bare numbers ("between 10 and 20" tagged DATE); years do name one."""
    return any(_YEAR.fullmatch(t.text) or not (t.like_num or t.is_punct or t.is_stop)
               for t in span)


def is_duration(span: Span) -> bool:
    """A count of time units not anchored anywhere: "six hours", "the next few days"."""
    words = date_words()
    lowers = [t.lower_ for t in span]
    if any(w in words["ago"] or w in words["anchored"] for w in lowers):
        return False
    for i, tok in enumerate(span):
        if tok.lemma_.lower() in words["unit"] or tok.lower_ in words["unit"]:
            counted = any(t.tag_ == "CD" or t.lower_ in words["count"] for t in span[:i])
            if tok.tag_ == "NNS" or counted:
                return True
    return False


def _day_part(span: Span) -> bool:
    """TIME entities count only as a day ("tonight", "last night"), never as clock times."""
    clock = date_words()["clock"]
    return not any(t.like_num or t.lower_ in clock or ":" in t.text for t in span)


def _published(published: str | None) -> datetime | None:
    """The publication datetime (naive) from an ISO date or datetime; None if unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip()).replace(tzinfo=None)
    except ValueError:
        return None


def _parser(base: datetime) -> DateDataParser:
    # English only: no language detection model is ever consulted.
    return DateDataParser(languages=["en"], settings={**_SETTINGS, "RELATIVE_BASE": base})


@cache
def _probe_parsers() -> tuple[DateDataParser, ...]:
    return tuple(_parser(base) for base in _PROBES)


@lru_cache(maxsize=8192)
def _probed(phrase: str, probe: int) -> tuple[datetime | None, str | None]:
    """A phrase read against a probe date: the same for every article, so read once ("Monday",
    "last week" recur across a corpus and dateparser is slow)."""
    data = _probe_parsers()[probe].get_date_data(phrase)
    return data.date_obj, data.period


class _Resolver:
    """The parser for one article's relative dates (cheap to build; dateparser caches its
    language data)."""

    __slots__ = ("published", "_local")

    def __init__(self, published: datetime | None) -> None:
        self.published = published
        self._local = _parser(published) if published else None

    def resolve(self, phrase: str) -> tuple[str | None, str | None]:
        """(ISO value, resolution) of a date phrase, or (None, None) if it cannot be placed."""
        words = date_words()
        phrase = _unblur(phrase, words["blur"])
        if _DECADE.search(phrase) or any(w in words["anchored"] for w in phrase.lower().split()):
            return None, None
        first, period = _probed(phrase, 0)
        if first is None:
            return None, None
        if first.year < _PROBE_YEAR - 1000:                       # absolute: the year is written
            return _iso(first, period)
        if self.published is None or self._local is None:
            return None, None
        second, _ = _probed(phrase, 1)
        if second == first and first.year == _PROBE_YEAR:
            return _iso(_nearest_year(first, self.published), period)
        local = self._local.get_date_data(phrase)                 # relative to publication
        return _iso(local.date_obj, local.period) if local.date_obj else (None, None)


def _unblur(phrase: str, blur: frozenset[str]) -> str:
    """Drop a vague part-of prefix ("mid-September" -> "September") so dateparser reads it."""
    for word in sorted(blur, key=len, reverse=True):
        match = re.match(rf"{re.escape(word)}(?:-|\s+)", phrase, re.IGNORECASE)
        if match and phrase[match.end():].strip():
            return phrase[match.end():]
    return phrase


def _nearest_year(date: datetime, published: datetime) -> datetime:
    """The same month and day in the year (around publication) that lies nearest to it."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(date.replace(year=year))
        except ValueError:                                        # 29 February
            continue
    return min(options, key=lambda d: abs(d - published))


def _iso(date: datetime, period: str | None) -> tuple[str, str]:
    resolution = _RESOLUTION.get(period or "day", "day")
    value = {"day": f"{date.year:04d}-{date.month:02d}-{date.day:02d}",
             "month": f"{date.year:04d}-{date.month:02d}", "year": f"{date.year:04d}"}
    return value[resolution], resolution


__all__ = ["find_dates", "trim", "names_date", "is_duration", "date_words"]
