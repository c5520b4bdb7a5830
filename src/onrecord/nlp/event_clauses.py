"""What the parse says around an event's trigger: the clause's subject and partners, whether
the trigger is cancelled or planned, and the place and date hung on it or on the verbs that
govern it. Plain functions of the tokens and the event words."""
from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import DateRef
from .event_words import EventWords, governors, plan_governor

PARTNER_PREPS = frozenset({"with", "between", "among", "amongst"})
_BOUNDING = frozenset({"since", "until", "till", "before", "after", "by", "ahead", "from"})
_PLACE_PREPS = frozenset({"in", "at"})

Bounds = tuple[int, int]                # character bounds of a place name


def conjuncts(tok: Token) -> list[Token]:
    """The words joined to ``tok`` ("Norway and Sweden"), nested joins included."""
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out += [c, *conjuncts(c)]
    return out


def pobjects(prep: Token) -> list[Token]:
    """The objects of a preposition and the words joined to them ("with X and Y")."""
    return [o for p in prep.children if p.dep_ == "pobj" for o in [p, *conjuncts(p)]]


# ---------------------------------------------------------------------- who
def subjects(verb: Token, chain: list[Token], words: EventWords) -> list[Token]:
    """The clause subject of a verb: its own, a governor's ("he is scheduled to meet"), the
    noun a relative clause hangs on, or the subject of the verb it is joined to."""
    for k, tok in enumerate([verb, *chain]):
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if k and objects:
            return objects[:1]                        # "urged North Korea to resume talks"
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            if subj[0].lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return [tok.head]
            return subj
    top = chain[-1] if chain else verb
    if top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
        return subjects(top.head, governors(top.head, words), words)
    if top.dep_ == "relcl" and top.head.pos_ in ("NOUN", "PROPN"):
        return [top.head]
    if top.dep_ == "pcomp" and top.head.dep_ == "prep" and top.head.head.pos_ in ("VERB", "AUX"):
        outer = top.head.head                         # "Obama said after meeting with Putin"
        return subjects(outer, governors(outer, words), words)
    if top.dep_ == "advcl" and top.tag_ == "VBG" and top.head.pos_ in ("VERB", "AUX"):
        return subjects(top.head, governors(top.head, words), words)
    if top.dep_ == "acl" and top.head.pos_ == "NOUN":
        return [c for c in top.head.children if c.dep_ == "poss"]   # "her decision to meet"
    return []


def partners(tok: Token) -> list[Token]:
    """"with X", "to X" (spoke to X by phone), "between X and Y"."""
    out = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in PARTNER_PREPS | {"to"}):
        out += pobjects(prep)
    return out


# ---------------------------------------------------------------------- status
def cancelled(tokens: list[Token], words: EventWords) -> bool:
    """Whether the trigger or a governing verb is negated or calls it off ("refused to
    meet", "did not call", "called off the talks")."""
    for tok in tokens:
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children):
            return True
        lemma = tok.lemma_.lower()
        particles = {f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"}
        if lemma in words.cancel or particles & words.cancel:
            return True
    return False


def status(tokens: list[Token], words: EventWords) -> str:
    """"planned" for a modal on the trigger or a plan verb governing it, else "held"."""
    for k, tok in enumerate(tokens):
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
            return "planned"                          # "will meet", "could visit"
        if k and plan_governor(tok, words.plan):
            return "planned"                          # "is scheduled to meet", "agreed to call"
    return "held"


def planned_modifier(tok: Token, words: EventWords) -> bool:
    """"the upcoming summit", "next week's meeting"."""
    if tok.dep_ in ("amod", "compound") and tok.lower_ in words.plan:
        return True
    return tok.dep_ in ("poss", "npadvmod", "compound") and any(
        c.dep_ == "amod" and c.lower_ in ("next", "upcoming") for c in tok.children)


# ---------------------------------------------------------------------- where and when
def place_at(anchors: list[Token], places: Mapping[int, Bounds]) -> list[Bounds]:
    """A place after "in"/"at" on the trigger or a verb governing it; the noun a "where"
    clause hangs on ("Kyiv, where he will meet ...")."""
    for tok in anchors:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
            for obj in (p for p in prep.children if p.dep_ == "pobj"):
                if place := places.get(obj.i):
                    return [place]
        if any(c.lower_ == "where" for c in tok.children):
            if tok.dep_ == "relcl" and (place := places.get(tok.head.i)):
                return [place]
            if tok.dep_ == "advcl":                   # "will travel to Kyiv next week, where ..."
                return [b for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
                        for p in c.children if p.dep_ == "pobj" and (b := places.get(p.i))][:1]
    return []


def date_at(anchors: list[Token], sent: SpacySpan, dates: Mapping[int, DateRef], doc: Doc) -> DateRef | None:
    """The first date of the sentence that hangs on the trigger or a verb governing it; a
    date that only bounds it ("since", "until", "before") is none."""
    ids = {t.i for t in anchors}
    for start, date in sorted(dates.items()):
        if not sent.start_char <= start < sent.end_char:
            continue
        span = doc.char_span(date.start, date.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.head.i != tok.i:
            tok = tok.head
            if tok.dep_ == "prep" and tok.lower_ in _BOUNDING:
                break
            if tok.i in ids:
                return date
            if tok.pos_ in ("VERB", "AUX"):
                break
    return None
