"""Events: meetings, visits, calls and talks, with who takes part, where, when, and the
sentence that reports them.

A trigger (``data/event_triggers.tsv``) is an event only when at least one participant
resolves to a person, organisation or country, so "the plan failed to meet its targets"
and "she visited the idea" are none. Precision comes first:

- participants: the clause subject (through "is scheduled to", "decided to", relative
  clauses and shared subjects of joined verbs), the object of "meet"/"call", "with X",
  "between X and Y", "of X", "by X", possessives ("his visit") and, for a nominal trigger
  governed by a light verb ("held talks"), that verb's subject. "he" is the person the
  sentence or the ones just before it are about; "they", "both", "the leaders" are the
  group named last (joined names, the participants of an earlier event, or the people
  of a sentence). First and second person ("we agreed to call each other") stay
  unresolved: a quotation's "we" is not worked out here, so such an event is dropped;
- an object that is not a participant makes "meet", "call" and "host" other senses ("meet
  the targets", "met with criticism", "called the talks useful", "hosted the World Cup");
  one person alone does not "meet", and countries do not travel (a visit's participants
  are people and organisations);
- the place is a place name after "in"/"at" (or a visit's destination); a visit to two
  places ("visit Moscow first and then Kyiv") is one visit event for each, because the
  place is what tells visits apart. A meeting without a place of its own, reported right
  after a visit of one of its participants, takes that visit's (last) destination;
- the date is one of the article's dates attached to the trigger or the verbs that govern
  it, never one that only bounds it ("since", "until", "before", "after");
- planned: a modal ("will meet"), a governing plan verb ("is scheduled to", "agreed to
  call", "is to", "is going to") or adjective ("the upcoming summit"); negated or
  cancelled triggers ("refused to meet", "did not call") are no events;
- a report that adds nothing to another event of the same type and status (its
  participants among the other's, no other date or place, places compared by name) is
  the same event.

This module reads each trigger, verb or noun, into reports of an event; the parts live
beside it: ``event_words`` (the triggers and how a phrase is matched), ``event_clauses``
(the grammar around a trigger: subject, partners, status, place and date attached to it),
``event_participants`` (who a word stands for), ``event_places`` (where place names stand)
and ``event_records`` (merging reports and numbering them).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import DateRef, Entity, Event
from . import event_clauses as clauses
from .doctext import text_of
from .event_clauses import Bounds
from .event_participants import Participants
from .event_places import name_bounds, place_bounds
from .event_records import Found, merge, records, unique
from .event_words import (EVENT_TYPES, EventWords, Trigger, event_words, forms, governors, head_of, match_phrase,
                          pos_fits, trigger_bounds)
from .speakers import SpeakerResolver

_MEANS = frozenset({"through", "via", "by", "for", "without", "against", "of"})
_AROUND = frozenset({"after", "before", "during", "following", "at"})
_STRICT = frozenset({"meet", "call", "host"})  # verbs with other senses unless their object is someone
_ROUNDS = frozenset({"round", "series", "set"})  # "a new round of talks"


def find_events(doc: Doc, entities: list[Entity], dates: list[DateRef], resolver: SpeakerResolver,
                skip: Sequence[tuple[int, int]] = (), *, text: str | None = None) -> list[Event]:
    """Meetings, visits, calls and talks reported in ``doc``, in text order (ids v1, v2, ...).

    ``text`` is the article's text when it differs from the parse's (normalised quotation
    marks): the evidence is cut from it. Offsets are the same in both."""
    article = _Article.of(doc, entities, dates, resolver)
    skip = list(skip)
    found: list[Found] = []
    for n, sent in enumerate(article.sents):
        # sentence by sentence: a pronoun stands for what was named, or met, before it
        article.cast.read_sentence(n, sent)
        for head, tokens, trig in _triggers(sent, article.words, skip):
            read = _verbal if trig.pos == "VERB" else _nominal
            for event in read(article, n, head, tokens, trig, found):
                found.append(event)
                if len(event.participants) > 1:
                    article.cast.note_group(n, head.idx, event.participants)
    text = text if text is not None else text_of(doc)
    return records(merge(found, text), article.sents, text)


@dataclass(frozen=True)
class _Article:
    """What the readings of an article's triggers share: the parse and its sentences, where
    its names stand, its dates, and who its words stand for."""
    doc: Doc
    words: EventWords
    sents: list[SpacySpan]
    places: dict[int, Bounds]        # token index -> the place name it is part of
    premises: dict[int, Bounds]      # token index -> an organisation or building one goes to
    dates: dict[int, DateRef]        # start offset -> date
    cast: Participants

    @classmethod
    def of(cls, doc: Doc, entities: list[Entity], dates: list[DateRef], resolver: SpeakerResolver) -> _Article:
        sents = list(doc.sents)
        places = place_bounds(doc, entities)
        return cls(doc, event_words(), sents, places, name_bounds(doc, ("ORG", "FAC")),
                   {d.start: d for d in dates}, Participants(doc, sents, resolver, places))

    def place(self, tok: Token) -> Bounds | None:
        return self.places.get(tok.i)


def _triggers(sent: SpacySpan, words: EventWords,
              skip: list[tuple[int, int]]) -> Iterable[tuple[Token, list[Token], Trigger]]:
    """The trigger phrases of a sentence outside ``skip``, each with its head word and the
    tokens it is made of; a word is part of one phrase at most, the longest."""
    used: set[int] = set()
    tokens = list(sent)
    for k, tok in enumerate(tokens):
        if tok.i in used or any(a <= tok.idx < b for a, b in skip):
            continue
        options = {t for form in forms(tok) for t in words.triggers.get(form, ())}
        for trig in sorted(options, key=lambda t: -len(t.words)):
            matched = match_phrase(tokens, k, trig.words)
            if not matched:
                continue
            head = head_of(matched)
            if head is None or not pos_fits(head, trig.pos) or any(t.i in used for t in matched):
                continue
            used.update(t.i for t in matched)
            yield head, matched, trig
            break


def _names(cast: Participants, tokens: Iterable[Token]) -> list[str]:
    """Who the tokens stand for, in order, each name once."""
    out: list[str] = []
    for tok in tokens:
        cast.add(out, tok)
    return out


# ---------------------------------------------------------------------- verbs
def _verbal(a: _Article, n: int, head: Token, tokens: list[Token], trig: Trigger,
            found: list[Found]) -> list[Found]:
    """The reports of a verbal trigger ("met", "will visit", "is scheduled to call")."""
    chain = governors(head, a.words)
    if clauses.cancelled([head, *chain], a.words):
        return []
    subjects, objects = _verb_arguments(a, head, chain, trig)
    partners = clauses.partners(head)
    single = len(tokens) == 1
    if trig.type == "visit" and single:
        # the destination: the object ("visit Kyiv") or "to" ("travel to Kyiv")
        to = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "to" for o in clauses.pobjects(c)]
        objects += to
        partners = [p for p in partners if p not in to]
        visited = _visited(a, objects)
        if visited is None:
            return []
        places, participants = visited
    elif single and trig.words[0] in _STRICT:
        if not _object_fits(a.cast, head, objects, partners, trig.words[0]):
            return []
        places, participants = [], _names(a.cast, objects)
    else:
        places, participants = [], _names(a.cast, [o for o in objects if not a.place(o)])
    participants = unique(_names(a.cast, [*subjects, *partners]) + participants)
    if trig.type == "visit":
        participants = [p for p in participants if not a.cast.is_country_name(p)]  # people travel
    if not participants:
        return []
    if trig.words == ("meet",) and not objects and not partners and len(participants) < 2:
        return []                                     # one person alone does not "meet"
    anchors = [head, *chain]
    places = places or clauses.place_at(anchors, a.places)
    status = clauses.status(anchors, a.words)
    span = trigger_bounds(tokens, chain, a.words)
    return _split(a, trig.type, head, span, n, participants, places, anchors, status, found)


def _verb_arguments(a: _Article, head: Token, chain: list[Token],
                    trig: Trigger) -> tuple[list[Token], list[Token]]:
    """The subjects and the objects (with the words joined to them) of a verbal trigger; in
    the passive the agent is the subject and the passive subject an object."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    if passive:
        objects += [c for c in head.children if c.dep_ == "nsubjpass"]
        subjects = [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    else:
        subjects = clauses.subjects(head, chain, a.words)
    objects = [o for tok in objects for o in [tok, *clauses.conjuncts(tok)]]
    if trig.type == "visit":
        # "visit Moscow first and then Kyiv": the parse may hang the second place on "first"
        objects += [o for c in head.children if c.dep_ in ("advmod", "npadvmod")
                    for o in clauses.conjuncts(c) if a.place(o)]
    return subjects, objects


def _visited(a: _Article, objects: list[Token]) -> tuple[list[Bounds], list[str]] | None:
    """The places a visit goes to and the people it visits; None when it has no object or
    one that is neither ("visited the idea")."""
    if not objects:
        return None
    places: list[Bounds] = []
    participants: list[str] = []
    for obj in objects:
        if place := a.place(obj) or a.premises.get(obj.i):
            places.append(place)
        elif not a.cast.add(participants, obj):
            return None
    return places, participants


def _object_fits(cast: Participants, head: Token, objects: list[Token], partners: list[Token], word: str) -> bool:
    """Whether "meet"/"call" has the sense of meeting or phoning someone."""
    if any(not cast.personal(o) for o in objects):
        return False                                  # "meet the targets", "call the talks useful"
    with_objects = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj"]
    if any(not cast.personal(p) for p in with_objects):
        return False                                  # "met with criticism"
    if word == "host" and not all(cast.person_word(o) for o in objects):
        return False                                  # "hosted the Vikings", "hosted the World Cup"
    if word != "meet" and not (objects or partners):
        return False                                  # "called for talks", "hosted in Oslo"
    if word == "call":
        if any(c.dep_ in ("nsubjpass", "auxpass") or (c.dep_ == "mark" and c.lower_ == "as")
               for c in head.children):
            return False                              # "was called to a hearing", "as X called them"
        if any(c.dep_ in ("oprd", "ccomp", "acomp", "attr") or
               (c.dep_ == "prt" and c.lower_ not in ("back",)) for c in head.children):
            return False                              # "called it a mistake", "called off"
        if head.dep_ == "amod" or not (objects or partners):
            return False                              # "so-called", "called for talks"
        if any(c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN", "ADJ") for c in head.children):
            return False
    return True


# ---------------------------------------------------------------------- nouns
def _nominal(a: _Article, n: int, head: Token, tokens: list[Token], trig: Trigger,
             found: list[Found]) -> list[Found]:
    """The reports of a nominal trigger ("the Geneva talks", "his visit to Kyiv", "held a
    new round of talks")."""
    slot = _slot(head, trig)
    if slot is None:
        return []
    verb = slot.head if slot.dep_ in ("dobj", "nsubj", "nsubjpass") and slot.head.pos_ in ("VERB", "AUX") else None
    chain = governors(verb, a.words) if verb is not None else []
    if verb is not None and clauses.cancelled([verb, *chain], a.words):
        return []
    # the light verb of "held talks", whose subject takes part; None when there is none
    support = verb if verb is not None and slot.dep_ == "dobj" and verb.lemma_.lower() in a.words.support \
        else None
    participants = _names(a.cast, clauses.subjects(support, chain, a.words)) if support is not None else []
    participants += _names(a.cast, [c for c in head.children if c.dep_ == "poss"])
    places, named = _modifiers(a, head, tokens, trig)
    more, destinations = _prep_arguments(a, head, support, trig)
    places += destinations
    participants = unique(participants + named + more + _names(a.cast, _outer_subjects(a, head, trig, places)))
    if not participants:
        return []
    if trig.words == ("call",) and not clauses.partners(head):
        return []                                     # "took calls", "the candidate's call came"
    anchors = [head]
    if verb is not None and (support is not None or slot.dep_ in ("nsubj", "nsubjpass")):
        anchors += [verb, *chain]
    places = places or clauses.place_at(anchors, a.places)
    status = "planned" if any(clauses.planned_modifier(c, a.words) for c in head.children) else \
        clauses.status([verb, *chain], a.words) if verb is not None else "held"
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return _split(a, trig.type, head, span, n, participants, places, anchors, status, found)


def _slot(head: Token, trig: Trigger) -> Token | None:
    """The noun that fills the clause for a nominal trigger (itself, or "round" in "held a
    new round of talks"); None when the noun reports no event."""
    if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in head.children):
        return None                                   # "no talks"
    slot = head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _ROUNDS:
        slot = head.head.head                         # "held a new round of talks"
    if slot.dep_ == "pobj" and slot.head.lower_ in _MEANS:
        return None                                   # "calls for talks", "through negotiations"
    if any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in head.children) and trig.words == ("call",):
        return None                                   # "a call for restraint"
    return slot


def _modifiers(a: _Article, head: Token, tokens: list[Token], trig: Trigger) -> tuple[list[Bounds], list[str]]:
    """The names in front of a nominal trigger: its place ("the Geneva talks") or its
    participants ("the Macron-Putin meeting", "the NATO summit")."""
    named = [c for c in head.children if c.dep_ in ("compound", "nmod", "amod") and c not in tokens
             for c in [c, *clauses.conjuncts(c)]]
    named = [c for c in named if a.cast.resolver.profile_of(c) or a.place(c)]
    if len(named) == 1 and (place := a.place(named[0])) and \
            (trig.type == "visit" or not a.cast.is_country(named[0])):
        return [place], []
    return [], _names(a.cast, named)


def _prep_arguments(a: _Article, head: Token, support: Token | None,
                    trig: Trigger) -> tuple[list[str], list[Bounds]]:
    """Participants and destinations in the prepositions on a nominal trigger or its light
    verb: "talks with X", "a call to X", "a visit to Kyiv", "the visit of X", "a visit by X
    from Y" ("of", "by" and "from" only on the trigger, and never a place for a visit)."""
    participants: list[str] = []
    places: list[Bounds] = []
    for holder in ([head, support] if support is not None else [head]):
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            objs = clauses.pobjects(prep)
            word = prep.lower_
            if word == "to" and trig.type == "visit":
                places += [b for o in objs if (b := a.place(o))]
            elif word in clauses.PARTNER_PREPS or (word == "to" and trig.type == "call") or \
                    (holder is head and word in ("of", "by")) or (trig.type == "visit" and word == "from"):
                for o in objs:
                    if not (word in ("of", "by", "from") and a.place(o) and trig.type == "visit"):
                        a.cast.add(participants, o)
    return participants, places


def _outer_subjects(a: _Article, head: Token, trig: Trigger, places: list[Bounds]) -> list[Token]:
    """The subject of the clause a nominal trigger's phrase hangs on, when it takes part: "On
    a trip to Kyiv, Macron said", "X said after talks with Y" (not after "his talks")."""
    out: list[Token] = []
    if trig.type == "visit" and places and head.dep_ == "pobj" and head.head.lower_ in ("on", "during") \
            and head.head.head.pos_ in ("VERB", "AUX"):
        out += clauses.subjects(head.head.head, [], a.words)
    if head.dep_ == "pobj" and head.head.lower_ in _AROUND and head.head.head.pos_ in ("VERB", "AUX") \
            and clauses.partners(head) and not any(c.dep_ == "poss" for c in head.children):
        out += clauses.subjects(head.head.head, [], a.words)
    return out


# ---------------------------------------------------------------------- shared
def _split(a: _Article, type_: str, head: Token, span: tuple[int, int], n: int, participants: list[str],
           places: list[Bounds], anchors: list[Token], status: str, found: list[Found]) -> list[Found]:
    """One event per place for visits; meetings without a place take a visit's."""
    date = clauses.date_at(anchors, a.sents[n], a.dates, a.doc)
    if not places and type_ in ("meeting", "talks"):
        places = _destination(n, participants, status, found)
    if type_ == "visit" and len(places) > 1:
        return [Found(type_, head, span, n, tuple(participants), [p], date, status, anchors)
                for p in unique(places)]
    return [Found(type_, head, span, n, tuple(participants), places[:1], date, status, anchors)]


def _destination(n: int, participants: list[str], status: str, found: list[Found]) -> list[Bounds]:
    """The last destination of a visit by a participant: in the same sentence ("visited
    Kyiv and met Zelenskyy"), or a planned visit in the previous one (a plan to visit,
    then a plan to meet someone there; a meeting reported after a visit that took place
    may have been anywhere)."""
    for event in reversed(found):
        if event.sentence < n - 1:
            break
        near = event.sentence == n or status == "planned"
        if event.type == "visit" and event.status == status and near and event.places \
                and set(event.participants) & set(participants):
            return event.places[:1]
    return []


__all__ = ["find_events", "event_words", "EventWords", "Trigger", "EVENT_TYPES"]
