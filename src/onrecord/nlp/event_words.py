"""The words of events (``data/event_triggers.tsv``) and how a trigger phrase is found among
a sentence's tokens and bounded with the verbs that govern it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..datafiles import data_lines

EVENT_TYPES = ("meeting", "visit", "call", "talks")
_MAX_GAP = 2                        # words allowed between the words of a phrase


@dataclass(frozen=True, slots=True)
class Trigger:
    words: tuple[str, ...]
    type: str                        # meeting | visit | call | talks
    pos: str                         # VERB | NOUN


@dataclass(frozen=True, slots=True)
class EventWords:
    triggers: dict[str, tuple[Trigger, ...]]      # first word -> triggers, longest first
    support: frozenset[str]
    plan: frozenset[str]
    cancel: frozenset[str]                         # "refuse", "call off"


@cache
def event_words() -> EventWords:
    """The lists in ``data/event_triggers.tsv`` (lower case)."""
    triggers: dict[str, list[Trigger]] = {}
    kinds: dict[str, set[str]] = {"support": set(), "plan": set(), "cancel": set()}
    for line in data_lines("event_triggers.tsv"):
        phrase, kind, pos = (cell.strip() for cell in line.split("\t"))
        phrase = phrase.lower()
        if kind in EVENT_TYPES:
            words = tuple(phrase.split())
            triggers.setdefault(words[0], []).append(Trigger(words, kind, pos))
        elif kind in kinds:
            kinds[kind].add(phrase)
    ordered = {w: tuple(sorted(ts, key=lambda t: -len(t.words))) for w, ts in triggers.items()}
    return EventWords(ordered, frozenset(kinds["support"]), frozenset(kinds["plan"]),
                      frozenset(kinds["cancel"]))


def forms(tok: Token) -> tuple[str, str]:
    return tok.lower_, tok.lemma_.lower()


def match_phrase(tokens: list[Token], k: int, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a phrase starting at ``tokens[k]``, with small gaps between words."""
    out = [tokens[k]]
    at = k
    for word in words[1:]:
        nxt = next((j for j in range(at + 1, min(len(tokens), at + 2 + _MAX_GAP))
                    if word in forms(tokens[j])), None)
        if nxt is None:
            return None
        out.append(tokens[nxt])
        at = nxt
    return out


def head_of(tokens: list[Token]) -> Token | None:
    """The token of a phrase that governs all its other words, if one does."""
    for tok in tokens:
        if all(t is tok or tok.is_ancestor(t) for t in tokens):
            return tok
    return None


def pos_fits(tok: Token, pos: str) -> bool:
    if pos == "VERB":
        return tok.pos_ == "VERB"
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound"


def plan_governor(tok: Token, plan: frozenset[str]) -> bool:
    lemma = tok.lemma_.lower()
    if lemma == "go":
        return tok.tag_ == "VBG"                          # "is going to meet", not "went to meet"
    return lemma in plan or tok.lower_ in plan


def governors(tok: Token, words: EventWords) -> list[Token]:
    """The verbs (and "due") a trigger hangs on through "to": "is scheduled to meet" ->
    [scheduled], "refused to meet" -> [refused]."""
    out = []
    while tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        tok = tok.head
        out.append(tok)
    return out


def trigger_bounds(tokens: list[Token], chain: list[Token], words: EventWords) -> tuple[int, int]:
    """From the first auxiliary or plan verb in front of the trigger to its last word."""
    kept = list(tokens)
    for gov in chain:
        if not plan_governor(gov, words.plan):
            break
        kept.append(gov)
    for tok in list(kept):
        kept += [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < tokens[0].i]
    first = min(kept, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last)
