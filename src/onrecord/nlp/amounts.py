"""Amounts: numeric claims ("more than 100,000 troops", "$2.5bn", "between 10 and 20 people").

Numbers are found in the text with a pattern built from the word lists (digits, number words,
scales, qualifiers, currency signs), because spaCy tokenises them unevenly ("100,000—125,000"
is one token, "5-7" three). The parse then vets each one (names, dates, clock times, "one" as
a pronoun) and names its unit: a sign or unit word next to it, else the noun it counts.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ..datafiles import data_lines
from ..model import Amount
from .dates import date_words, is_duration, names_date
from .doctext import entity_at, text_of

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"      # hyphens, figure/en/em dash, bar (‒ – — ―)
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT",
                         "WORK_OF_ART", "LAW", "NORP", "LANGUAGE", "ORDINAL"})
_MAX_GAP = 4                                           # tokens between a number and its noun


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The amount word lists, lower case."""
    qualifiers: Mapping[str, str]         # phrase -> low | high | about
    numbers: Mapping[str, float]          # counting words
    scales: Mapping[str, float]           # "hundred", "million", "dozen"
    suffixes: Mapping[str, float]         # "bn", "k"
    money_suffixes: Mapping[str, float]   # "m", "b" (only after a currency sign)
    signs: Mapping[str, str]              # "$" -> "USD" (before the number)
    unit_words: Mapping[str, str]         # "%" -> "percent", "euros" -> "EUR" (after it)


def _entries(name: str) -> list[tuple[str, list[str]]]:
    """Lines "key = value [tags]" of a data file, comments and blanks skipped."""
    rows = []
    for line in data_lines(name):
        key, _, rest = line.partition("=")
        if key.strip() and rest.strip():
            rows.append((key.strip().lower(), rest.split()))
    return rows


@cache
def lexicon() -> Lexicon:
    nums = [(k, float(v[0]), v[1] if len(v) > 1 else "") for k, v in _entries("number_words.txt")]
    units = _entries("amount_units.txt")
    frozen = MappingProxyType          # the lists are shared by every call: read-only
    return Lexicon(
        qualifiers=frozen({k: v[0] for k, v in _entries("amount_qualifiers.txt")}),
        numbers=frozen({k: n for k, n, kind in nums if not kind}),
        scales=frozen({k: n for k, n, kind in nums if kind == "scale"}),
        suffixes=frozen({k: n for k, n, kind in nums if kind == "suffix"}),
        money_suffixes=frozen({k: n for k, n, kind in nums if kind == "money"}),
        signs=frozen({k: v[0] for k, v in units if v[1:] == ["before"]}),
        unit_words=frozen({k: v[0] for k, v in units if v[1:] != ["before"]}),
    )


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "seventeen" wins over "seven"."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(number pattern, unit-word-after pattern); derived from the immutable word lists."""
    lex = lexicon()
    word, scale = rf"(?:{_alt(lex.numbers)})\b", rf"(?:{_alt(lex.scales)})\b"
    suffix = _alt({**lex.suffixes, **lex.money_suffixes})
    # "and" joins number words only after hundred/thousand: "two hundred and fifty"
    joint = r"(?:[ -]|(?:(?<=hundred)|(?<=thousand))\s+and\s+)"
    words = rf"(?:an?\s+{scale}|{word}(?:{joint}(?:{word}|{scale}))*)"
    digits = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:(?:{suffix})|(?:\s+{scale})+)?"
    num = rf"(?:{digits}|{words})(?![\w]|[.,:/]\d)"
    sign = rf"(?:{_alt(lex.signs)})"
    pattern = (
        rf"(?<![\w.,:/#])(?<!\w-)"
        rf"(?:(?P<qual>{_alt(lex.qualifiers)})\s+)?(?:(?P<between>between)\s+)?"
        rf"(?P<sa>{sign})?(?P<a>{num})"
        rf"(?:(?P<sep>(?(between)\s+and\s+|(?:\s?[{_DASHES}]\s?|\s+to\s+)))(?P<sb>{sign})?(?P<b>{num}))?"
    )
    after = rf"\s?(?P<unit>{_alt(lex.unit_words)})(?!\w)"
    return re.compile(pattern, re.IGNORECASE), re.compile(after, re.IGNORECASE)


def find_amounts(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> list[Amount]:
    """Every numeric claim in ``doc``, in text order; numbers inside ``skip`` ranges are not."""
    number, _ = _patterns()
    found = []
    text = text_of(doc)
    for match in number.finditer(text):
        start = match.start("a") if match.start("sa") < 0 else match.start("sa")
        if any(s < match.end() and start < e for s, e in skip):
            continue
        amount = _amount(doc, text, match)
        if amount is not None:
            found.append(amount)
    return found


def _amount(doc: Doc, text: str, match: re.Match[str]) -> Amount | None:
    """The Amount for one number match, or None when the parse says it is no amount."""
    lex = lexicon()
    nums = doc.char_span(match.start("a"), match.end(), alignment_mode="expand")
    if nums is None or not _is_amount(match, nums):
        return None
    sign = match.group("sa") or match.group("sb")
    values = _values(match, bool(sign))
    if values is None:
        return None
    unit, end = _unit(text, match, nums, sign)
    if not _vetted_by_dates(match, nums, unit, bool(sign)):
        return None
    start = match.start()
    written = match.group("qual") or match.group("between")
    qual = " ".join(written.lower().split()) if written else None     # "More  than" -> "more than"
    bound = lex.qualifiers.get(qual, "") if qual else ""
    # a number too long for a float ("1" and 400 zeros) parses to inf, which JSON cannot hold:
    # such a bound is unknown, and an amount with no finite number left claims nothing to compare
    low, high, value = (v if v is not None and math.isfinite(v) else None for v in _bounds(values, bound))
    if value is None and low is None and high is None:
        return None
    return Amount(text[start:end], start, end, value, low, high, unit, qual, None)


def _is_amount(match: re.Match[str], nums: Span) -> bool:
    """Reject numbers that are names ("Article 5", "Boeing 737") or "one" as a pronoun."""
    if any(t.ent_type_ in _NAME_TYPES for t in nums if t.like_num or t.pos_ == "NUM"):
        return False
    if match.group("a").lower() == "one" and match.group("b") is None:
        tok = nums[0]                  # "the political one", "one of the leading states"
        return tok.dep_ == "nummod" and tok.head.i > tok.i
    return True


def _values(match: re.Match[str], money: bool) -> tuple[float, float | None] | None:
    """(first number, second number of a range or None); None if not a real range."""
    a, scale_a = _number(match.group("a"), money)
    if a is None:
        return None
    if match.group("b") is None:
        return a, None
    b, scale_b = _number(match.group("b"), money)
    if b is None:
        return None
    if scale_a == 1 and scale_b > 1 and a < b / scale_b:
        a *= scale_b                   # "5 to 7 million": the scale covers both ends
    return (a, b) if a < b else None   # "3-1" is a score, not a range


def _number(text: str, money: bool) -> tuple[float | None, float]:
    """(value, the scale that multiplied it) of "100,000", "2.5bn", "two hundred and fifty"."""
    lex = lexicon()
    digits = re.match(r"[\d,]+(?:\.\d+)?", text)
    total, current, scale = 0.0, 0.0, 1.0
    rest = text
    if digits:
        current = float(digits.group().replace(",", ""))
        rest = text[digits.end():].lower()
        glued = rest.strip() if rest and not rest[:1].isspace() else ""
        if glued:
            factor = lex.suffixes.get(glued) or (lex.money_suffixes.get(glued) if money else None)
            if factor is None:
                return None, 1.0       # "5m" without a currency sign: metres, minutes?
            return current * factor, factor
    for word in re.split(r"[\s-]+", rest.lower()):
        if word in lex.numbers:
            current += lex.numbers[word]
        elif word in ("a", "an"):
            current = 1.0
        elif word in lex.scales:
            factor = lex.scales[word]
            scale *= factor
            if factor >= 1000:
                total, current = total + (current or 1.0) * factor, 0.0
            else:
                current = (current or 1.0) * factor
    return total + current, scale


def _bounds(values: tuple[float, float | None], bound: str) -> tuple[float | None, float | None, float | None]:
    """(low, high, value) from the numbers and the qualifier's kind of bound."""
    a, b = values
    if b is not None:
        return a, b, None
    if bound == "low":
        return a, None, a
    if bound == "high":
        return None, a, a
    if bound == "about":
        return None, None, a
    return a, a, a


def _unit(text: str, match: re.Match[str], nums: Span, sign: str | None) -> tuple[str | None, int]:
    """(unit, end of the amount): a currency sign, a unit word after the number, else the noun
    it counts ("$5 million aid package" is money, not packages)."""
    lex = lexicon()
    if sign:
        return lex.signs[sign.lower()], match.end()
    _, after = _patterns()
    word = after.match(text, match.end())
    if word:
        return lex.unit_words[" ".join(word.group("unit").lower().split())], word.end()
    noun = _counted_noun(nums)
    if noun is not None:
        return noun.text, noun.idx + len(noun.text)
    return None, match.end()


def _counted_noun(nums: Span) -> Token | None:
    """The noun a number counts: its nummod head to the right, else the very next noun."""
    tok = nums[-1]
    while tok.head.i > tok.i and tok.head.pos_ == "NUM":   # "3 million euros": climb to "million"
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("nummod", "compound", "quantmod") and 0 < head.i - nums.end + 1 <= _MAX_GAP:
        between = nums.doc[nums.end:head.i]
        if _is_noun(head) and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in between):
            return head
    nxt = nums.doc[nums.end] if nums.end < len(nums.doc) else None
    return nxt if nxt is not None and nxt.pos_ == "NOUN" else None


def _is_noun(tok: Token) -> bool:
    # plural proper nouns count people ("100 Americans"); singular ones are names
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.tag_ == "NNPS")


def _vetted_by_dates(match: re.Match[str], nums: Span, unit: str | None, money: bool) -> bool:
    """Reject numbers that belong to a date or a clock time rather than counting something."""
    ent = entity_at(nums.doc, nums.start)
    if unit is not None and unit.lower() in date_words()["clock"]:
        return False
    if ent is not None and ent.label_ in ("DATE", "TIME") and names_date(ent):
        # "almost six hours" (a duration) counts; "February 7", "two years ago", "10 a.m." do not
        return is_duration(ent)
    if money or unit is not None:
        return True
    bare = [match.group(g) for g in ("a", "b") if match.group(g)]
    if all(re.fullmatch(r"1\d{3}|20\d{2}", g) for g in bare):
        return False                   # "in 2016", "2014-2016": years, tagged DATE or not
    return not _is_label(nums)


def _is_label(nums: Span) -> bool:
    """A bare number after a capitalised noun ("Article 5", "Room 101") labels it."""
    prev = nums.doc[nums.start - 1] if nums.start > 0 else None
    return (prev is not None and prev.is_title and prev.pos_ in ("NOUN", "PROPN")
            and not prev.is_sent_start)


__all__ = ["find_amounts", "lexicon", "Lexicon"]
