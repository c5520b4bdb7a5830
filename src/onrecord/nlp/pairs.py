"""Several people as one speaker: "they", "both" and "the two voters" — the people the article
has just named together, or the speakers of its last joint statement; no one when that is unclear."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan

from .antecedents import SUBJECT_DEPS, clause_before
from .attributes import conjuncts
from .resolution import NOBODY, SURENESS, Resolution
from .salience import WINDOW

if TYPE_CHECKING:
    from .speakers import SpeakerResolver


def pair_before(res: "SpeakerResolver", at: int) -> Resolution:
    """ "They", "both": the people just named together, else the speakers of the last joint
    statement within the window; no one when a plural just before may be whom it means."""
    named, plural = people_just_before(res, at)
    if named or plural:
        return named                   # the people just named, or a plural that may be they
    return last_joint_statement(res, at)


def last_joint_statement(res: "SpeakerResolver", at: int) -> Resolution:
    """The speakers of the last statement of several people within the window."""
    for said_at, names in reversed(res.history):
        if res.index.sentence_of(at) - res.index.sentence_of(said_at) > WINDOW:
            break
        if len(names) >= 2:
            return Resolution(names, "pronoun", None, SURENESS["pronoun"])
    return NOBODY


def people_just_before(res: "SpeakerResolver", at: int) -> tuple[Resolution, bool]:
    """ "They": the people named together as the main subject just before ("David Autor,
    David Dorn and Gordon Hanson found … they conclude"), when no other plural stands
    between them and the pronoun that could be whom it means; and whether the clause
    before holds a plural at all (then no earlier pair is meant)."""
    before = clause_before(res.doc, at)
    plural = any(t.tag_ in ("NNS", "NNPS") or t.dep_ == "conj" for t in before)
    subject = next((t for t in before if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"), None)
    if subject is None:
        return NOBODY, plural
    # "A, B and C": the parser may hang B on A as an apposition and C on B
    listed = [subject, *conjuncts(subject)]
    listed += [g for a in subject.children if a.dep_ == "appos" for g in (a, *conjuncts(a))]
    profiles = [res.profile_of(t) for t in listed]
    if len(listed) < 2 or any(p is None or p.type != "PERSON" for p in profiles) or any(
            t.tag_ in ("NNS", "NNPS") and t.i > subject.i for t in before if t not in listed):
        return NOBODY, plural              # a plural in between ("spoke to voters") may be "they"
    names = tuple(dict.fromkeys(p.name for p in profiles if p is not None))
    end = max(t.idx + len(t.text) for t in listed)
    return Resolution(names, "pronoun", (listed[0].left_edge.idx, end), SURENESS["pronoun"]), plural


def both_before(res: "SpeakerResolver", at: int) -> Resolution:
    """ "Both candidates", "both men", "the two voters": the two people just named together
    or the last pair of speakers, else the two people clearly most salient just before
    ("… her support. Sanders has to … Both candidates sought"); no one else."""
    named, plural = people_just_before(res, at)
    found = named if named or plural else last_joint_statement(res, at)
    if found.names or plural:          # a plural just before ("X and the Democratic socialist"): maybe they
        return found if len(found.names) == 2 else NOBODY
    pair = res.index.choose_pair(at, lambda name: 1.0 if res.profiles[name].type == "PERSON" else 0.0)
    if pair is None or any(_beside_another(res, c.mention.start, c.mention.end, pair) for c in pair):
        return NOBODY
    first, second = sorted(pair, key=lambda c: c.mention.start)
    return Resolution((first.referent, second.referent), "pronoun", (first.mention.start, first.mention.end),
                      SURENESS["pronoun"] - 0.05)


def _beside_another(res: "SpeakerResolver", start: int, end: int, pair) -> bool:
    """Whether the mention is joined by "and" to someone not of the pair ("Berg and her
    rival"): an unnamed person may be one of the two."""
    span = res.doc.char_span(start, end, alignment_mode="expand")
    names = {c.referent for c in pair}
    return span is not None and any(getattr(res.profile_of(c), "name", None) not in names
                                    for c in span.root.conjuncts)


def is_the_two(mention: SpacySpan) -> bool:
    """ "The two candidates", "the two voters": two people the article has spoken of."""
    head = mention.root
    return mention[0].lower_ == "the" and head.tag_ == "NNS" \
        and any(c.lower_ == "two" and c.dep_ == "nummod" for c in head.children)


