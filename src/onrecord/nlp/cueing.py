"""What a statement's source did (its act, ``onrecord.acts``), and how the cue says it.

A cue keeps the words that change its meaning: "did not intend", "may have said",
"would never say" are the cue, not "intend" or "said", so a statement is never shown as the
opposite of what the article reports.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..acts import DEFAULT_ACT, verb_lemmas
from . import lexicon

NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Subjects that say no one did it ("None of them said …")
NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "neither", "nothing"})
# Modal and auxiliary verbs that belong to the cue when they stand before it.
AUXILIARIES = frozenset({"do", "does", "did", "have", "has", "had", "be", "been", "is", "was",
                         "will", "would", "shall", "should", "may", "might", "can", "could", "must"})


BACK = lexicon.Cue("reply", ("quote",), "speech")   # "fired back", "shot back", "hit back"


def entry_of(tok: Token) -> lexicon.Cue | None:
    """The cue table's entry for a word by its lemma or, where the lemmatiser slipped
    ("hopes" read as "hop"), by the lemma its form implies."""
    table = lexicon.cues()
    cue = table.get(tok.lemma_.lower())
    if cue is None:
        cue = next((table[w] for w in verb_lemmas(tok.lower_)[1:] if w in table), None)
    if cue is None and any(c.dep_ in ("prt", "advmod") and c.lower_ == "back" and c.i == tok.i + 1
                           for c in tok.children):
        cue = BACK                    # "“…,” she shot back": a reply, beside a quotation only ("cut back" is none)
    return cue


def act_of(cue: Token | None, source: Token | None) -> str:
    """The act of a statement with this cue verb (None: no verb, as in a bare quotation or
    "according to") and this source's head word: what a poll, study or set of figures says
    is evidence whatever the verb; a verb not in the cue table is words given out."""
    entry = entry_of(cue) if cue is not None and cue.pos_ in ("VERB", "AUX") else None
    if source is not None and is_evidence_source(source):
        return "evidence"
    return entry.act if entry else DEFAULT_ACT


def is_evidence_source(head: Token) -> bool:
    """A poll, study, survey, set of figures... (``evidence_sources.txt``)."""
    return head.lemma_.lower() in lexicon.evidence_sources() or head.lower_ in lexicon.evidence_sources()


def verb_group_start(cue: Token) -> int:
    """Where the cue's verb group begins: its negation, modal and auxiliaries just before it
    ("did not intend", "could not have said", "would never say"), so they stay with it."""
    before = [c for c in cue.children if c.i < cue.i and _in_group(c)]
    if not before:
        return cue.idx
    first = min(before, key=lambda c: c.i)
    between = cue.doc[first.i:cue.i]
    if any(not _in_group(t) for t in between):    # words of their own between: keep the verb alone
        return cue.idx
    return first.idx


def _in_group(tok: Token) -> bool:
    if tok.dep_ == "neg" or tok.lower_ in NEGATIONS:
        return True
    return tok.dep_ in ("aux", "auxpass") and tok.lower_ in AUXILIARIES or (
        tok.dep_ == "advmod" and tok.lower_ in ("never", "not"))


def is_negated(cue: Token) -> bool:
    """Whether the article says the source did *not* do what the cue says: "did not say",
    "never said", and a subject that denies it of all it names ("Neither Cruz nor Christie
    acknowledged …", "No one said …")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS)
               or (c.dep_ in ("nsubj", "nsubjpass") and _denies(c, cue)) for c in cue.children)


def _denies(subject: Token, cue: Token) -> bool:
    if subject.tag_ in ("NNS", "NNPS") and cue.tag_ == "VBZ":
        return False          # "a bill with one sponsor and no Republicans shows …": a misparse
    return subject.lower_ in NEGATIVE_SUBJECTS or any(
        c.dep_ in ("det", "preconj", "cc") and c.lower_ in ("no", "neither") and c.i < subject.i
        for c in subject.children)


__all__ = ["act_of", "is_evidence_source", "entry_of", "verb_group_start", "is_negated"]
