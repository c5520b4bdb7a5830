"""Claims across articles: the same quantity about the same subject, side by side.

Every amount of an article record is a claim: what it counts (its unit), about what (the
amount's ``about``, keyed with ``topic_key`` so that "Ukraine" and "Ukrainian" meet), who
claims it (the speaker of its statement, else the outlet in its own words), where and when.
``compare`` groups claims of one quantity — one normalised unit: "soldiers" and "troops" are
one quantity (``data/units.tsv``) — and within a group compares every two claims from
different sources:

* same subject, ranges that can both be true → ``agree``;
* same subject, ranges that cannot ("50,000" against "more than 100,000") → ``disagree``;
* different subjects ("Ukraine's troops" beside "Russia's") → ``different subjects``: shown
  together, never called a contradiction;
* a claim whose subject is unknown → ``unknown subject``.

A group's verdict is its strongest finding, in that order. Approximate numbers ("about",
"nearly") are read with a tolerance, so "nearly 100,000" agrees with "95,000".
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from functools import cache, lru_cache
from typing import Any
from urllib.parse import urlsplit

from .datafiles import data_lines
from .model import Amount, Article
from .keys import topic_key

AGREE, DISAGREE, DIFFERENT = "agree", "disagree", "different subjects"
UNKNOWN, SINGLE = "unknown subject", "single"
_STRENGTH = (DISAGREE, AGREE, DIFFERENT, UNKNOWN)

TOLERANCE = 0.1        # how far "about 100" and "nearly 100" may be from 100, relatively
# Qualifiers that put the number near one side of the truth rather than bound it loosely:
# "almost 6 hours" is a little under 6, while "up to 6" may be anything below.
_NEAR = frozenset({"almost", "nearly", "close to", "just under", "just over"})


@dataclass(frozen=True, slots=True)
class Claim:
    article: str                     # id of the article it was read in
    source: str | None               # where: the article's URL or file
    site: str | None                 # the outlet
    published: str | None            # when
    statement: str | None            # id of the statement holding it; null: the outlet's own words
    claimed_by: str | None           # who: the statement's resolved speaker
    text: str                        # the amount as written: "more than 100,000 troops"
    value: float | None
    low: float | None
    high: float | None
    unit: str | None                 # as the amount has it: "soldiers"
    quantity: str | None             # the normalised unit: "troops"
    qualifier: str | None
    about: str | None                # whose quantity, as written: "Ukraine"
    about_key: str | None            # the same across articles: "ukraine"
    start: int
    end: int

    @property
    def claimant(self) -> str | None:
        """Who makes the claim: the speaker, the outlet for its own words, None if unknown."""
        if self.claimed_by:
            return self.claimed_by
        return self.outlet if self.statement is None else None

    @property
    def outlet(self) -> str:
        if self.site:
            return self.site
        host = urlsplit(self.source).hostname if self.source and "://" in self.source else None
        return host or self.source or f"article {self.article[:12]}"

    def to_dict(self) -> dict[str, Any]:
        # its fields by name rather than asdict, whose deep copy of plain values costs a page
        # of claims more than comparing them does
        out = {name: getattr(self, name) for name in _CLAIM_FIELDS}
        return dict(out, claimant=self.claimant, outlet=self.outlet)


@dataclass(frozen=True, slots=True)
class Comparison:
    first: int                       # indices into the group's claims
    second: int
    verdict: str                     # agree | disagree (or unknown subject: bounds missing)

    def to_dict(self) -> dict[str, Any]:
        return {"first": self.first, "second": self.second, "verdict": self.verdict}


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    quantity: str                    # the normalised unit every claim counts
    claims: tuple[Claim, ...]        # by subject, then date
    comparisons: tuple[Comparison, ...]   # pairs about one subject from different sources
    verdict: str                     # disagree | agree | different subjects | unknown subject | single
    total: int = 0                   # claims of this quantity, those beyond ``claims`` included

    @property
    def claimants(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_source_of(c) for c in self.claims))

    @property
    def subjects(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.about_key for c in self.claims if c.about_key))

    def to_dict(self) -> dict[str, Any]:
        return {"quantity": self.quantity, "verdict": self.verdict, "total": self.total or len(self.claims),
                "claimants": list(self.claimants),
                "subjects": list(self.subjects), "claims": [c.to_dict() for c in self.claims],
                "comparisons": [c.to_dict() for c in self.comparisons]}


def claims_of(article: Article) -> list[Claim]:
    """Every amount of an analysed article as a claim, in text order."""
    return [_claim(article, amount) for amount in article.amounts]


def _claim(article: Article, amount: Amount) -> Claim:
    about = amount.about.text if amount.about else None
    return Claim(
        article=article.id, source=article.source, site=article.site, published=article.published,
        statement=amount.statement, claimed_by=amount.claimed_by, text=amount.text,
        value=amount.value, low=amount.low, high=amount.high, unit=amount.unit,
        quantity=normalise_unit(amount.unit), qualifier=amount.qualifier,
        about=about, about_key=topic_key(about) if about else None, start=amount.start, end=amount.end)


@cache
def _unit_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for line in data_lines("units.tsv"):
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        for cell in cells:
            names[" ".join(cell.lower().split())] = cells[0]
    return names


@lru_cache(maxsize=4096)       # a store has few distinct units, and a page compares hundreds of claims
def normalise_unit(unit: str | None) -> str | None:
    """One name for every word counting the same thing: "Soldiers", "troop", "servicemen"
    → "troops"; currency codes stay ("USD"); other words lose a plural "s"."""
    if not unit or not unit.strip():
        return None
    if unit.isupper() and len(unit) == 3:
        return unit                    # ISO currency code
    word = " ".join(unit.lower().split())
    names = _unit_names()
    if word in names:
        return names[word]
    single = _singular(word)
    return names.get(single, single)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


PER_GROUP = 100         # claims a group shows: the latest; the rest are counted, not compared


@dataclass(frozen=True, slots=True)
class Window:
    """Which claims a comparison read: the latest ``claims`` of the store (all of them when
    ``complete``), the oldest dated ``since``; so a page can say what it left out."""
    claims: int
    complete: bool
    since: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def compare(claims: Iterable[Claim], about: str | None = None, min_claims: int = 2,
            per_group: int = PER_GROUP) -> list[ClaimGroup]:
    """Claims of one quantity side by side, with what every two from different sources say
    about one subject; ``about`` keeps the claims whose subject or unit matches all its words.
    Groups with fewer than ``min_claims`` claims are left out; most claimants come first. A
    group keeps its ``per_group`` latest claims (``total`` counts them all), so a quantity as
    common as "percent" cannot make the comparison quadratic in the store."""
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.quantity is not None and (about is None or matches(claim, about)):
            groups.setdefault(claim.quantity, []).append(claim)
    out = [_group(q, cs, per_group) for q, cs in groups.items() if len(cs) >= max(min_claims, 1)]
    out.sort(key=lambda g: (-len(g.claimants), -g.total, _rank(g.verdict), g.quantity))
    return out


def _rank(verdict: str) -> int:
    return _STRENGTH.index(verdict) if verdict in _STRENGTH else len(_STRENGTH)


def _group(quantity: str, claims: list[Claim], per_group: int = PER_GROUP) -> ClaimGroup:
    total = len(claims)
    latest = sorted(claims, key=lambda c: (c.published or "", c.article, c.start))[-per_group:]
    claims = sorted(latest, key=lambda c: (c.about_key is None, c.about_key or "", c.published or "",
                                           c.article, c.start))
    # Only claims about one subject can agree or disagree: pairs are made within a subject
    # (claims sorted by it), and the rest of the verdict follows from the subjects present.
    comparisons = []
    for i, first in enumerate(claims):
        for j in range(i + 1, len(claims)):
            second = claims[j]
            if first.about_key is None or second.about_key != first.about_key:
                break
            if first.article == second.article and _source_of(first) == _source_of(second):
                continue               # one source repeating itself (a headline and its body)
            comparisons.append(Comparison(i, j, verdict(first, second)))
    found = {c.verdict for c in comparisons}
    if len({c.about_key for c in claims if c.about_key}) > 1:
        found.add(DIFFERENT)
    if len(claims) > 1 and any(c.about_key is None for c in claims):
        found.add(UNKNOWN)
    overall = next((v for v in _STRENGTH if v in found), SINGLE)
    return ClaimGroup(quantity, tuple(claims), tuple(comparisons), overall, total)


def _source_of(claim: Claim) -> str:
    """Who stands behind a claim, unnamed speakers kept apart per statement."""
    return claim.claimant or f"{claim.outlet}: unnamed speaker of {claim.statement}"


def verdict(first: Claim, second: Claim) -> str:
    """What two claims of one quantity say to each other."""
    if first.about_key is None or second.about_key is None:
        return UNKNOWN
    if first.about_key != second.about_key:
        return DIFFERENT
    a, b = bounds(first), bounds(second)
    if a is None or b is None:
        return UNKNOWN
    together = max(a[0], b[0]) <= min(a[1], b[1]) * (1 + 1e-9)
    return AGREE if together else DISAGREE


def bounds(claim: Claim) -> tuple[float, float] | None:
    """The interval a claim allows: "more than 100,000" → [100000, inf), "about 300" → [270, 330]."""
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        return claim.low, claim.high
    number = claim.value if claim.value is not None else (claim.low if claim.low is not None else claim.high)
    if number is None:
        return None
    near = (claim.qualifier or "").lower() in _NEAR
    slack = abs(number) * TOLERANCE
    if claim.low is not None and claim.high is not None:
        return number, number          # an exact number
    if claim.low is not None:          # a lower bound
        return number, number + slack if near else math.inf
    if claim.high is not None:         # an upper bound
        return (number - slack if near else 0.0), number
    return number - slack, number + slack


def matches(claim: Claim, about: str) -> bool:
    """Whether every word of ``about`` names the claim's subject or its unit ("troops",
    "soldiers", "Ukraine", "Ukrainian troops"); a whole name matches too ("North Atlantic
    Alliance")."""
    if claim.about_key and topic_key(about) == claim.about_key:
        return True
    subject = {topic_key(w) for w in (claim.about or "").split()} | set((claim.about_key or "").split())
    for word in about.split():
        if normalise_unit(word) == claim.quantity:
            continue
        if topic_key(word) in subject:
            continue
        return False
    return bool(about.split())


__all__ = ["Claim", "ClaimGroup", "Comparison", "Window", "claims_of", "compare", "verdict", "bounds",
           "normalise_unit", "matches", "AGREE", "DISAGREE", "DIFFERENT", "UNKNOWN", "SINGLE"]
