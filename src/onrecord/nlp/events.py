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
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import DateRef, Entity, Event
from . import lexicon
from .speakers import SpeakerResolver
from .doctext import text_of
from .event_places import name_bounds, place_bounds
from .event_records import Found, merge, records, unique
from .event_words import (EVENT_TYPES, EventWords, Trigger, event_words, forms, governors, head_of, match_phrase,
                          plan_governor, pos_fits, trigger_bounds)

_PARTICIPANT_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "both"})
_OTHER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "it", "its",
                             "who", "whom", "whose", "that", "which", "one", "someone", "everyone"})
_RECIPROCAL = frozenset({"other", "another"})               # "each other", "one another"
_GROUP_NOUNS = frozenset({"side", "party"})                 # "the two sides", "the parties"
_BOUNDING = frozenset({"since", "until", "till", "before", "after", "by", "ahead", "from"})
_MEANS = frozenset({"through", "via", "by", "for", "without", "against", "of"})
_PARTNER_PREPS = frozenset({"with", "between", "among", "amongst"})
_PLACE_PREPS = frozenset({"in", "at"})
_AROUND = frozenset({"after", "before", "during", "following", "at"})
_STRICT = frozenset({"meet", "call", "host"})  # verbs with other senses unless their object is someone
_ROUNDS = frozenset({"round", "series", "set"})  # "a new round of talks"
_LOOKBACK = 3                       # sentences a pronoun may reach back


# ---------------------------------------------------------------------- the finder
@dataclass
class _Mention:
    at: int                          # character offset
    names: tuple[str, ...]
    person: bool                     # a single person
    subject: bool


def find_events(doc: Doc, entities: list[Entity], dates: list[DateRef], resolver: SpeakerResolver,
                skip: Sequence[tuple[int, int]] = (), *, text: str | None = None) -> list[Event]:
    """Meetings, visits, calls and talks reported in ``doc``, in text order (ids v1, v2, ...).

    ``text`` is the article's text when it differs from the parse's (normalised quotation
    marks): the evidence is cut from it. Offsets are the same in both."""
    return _Finder(doc, entities, dates, resolver, skip).events(text if text is not None else text_of(doc))


class _Finder:
    def __init__(self, doc: Doc, entities: list[Entity], dates: list[DateRef],
                 resolver: SpeakerResolver, skip: Sequence[tuple[int, int]]):
        self.doc, self.resolver, self.skip = doc, resolver, list(skip)
        self.words = event_words()
        self.sents = [s for s in doc.sents]
        self.sent_of = {t.i: n for n, s in enumerate(self.sents) for t in s}
        self.places = place_bounds(doc, entities)
        self.named = name_bounds(doc, ("ORG", "FAC"))
        self.dates = {d.start: d for d in dates}
        self.mentions: list[list[_Mention]] = [[] for _ in self.sents]
        self.groups: list[list[_Mention]] = [[] for _ in self.sents]

    # ------------------------------------------------------------------ driving
    def events(self, text: str) -> list[Event]:
        found: list[Found] = []
        for n, sent in enumerate(self.sents):
            self._read_mentions(n, sent)
            for head, tokens, trig in self._triggers(sent):
                for event in self._event(n, head, tokens, trig, found):
                    found.append(event)
                    if len(event.participants) > 1:
                        self.groups[n].append(_Mention(head.idx, event.participants, False, False))
        return records(merge(found, text), self.sents, text)

    def _skipped(self, at: int) -> bool:
        return any(a <= at < b for a, b in self.skip)

    # ------------------------------------------------------------------ triggers
    def _triggers(self, sent: SpacySpan) -> Iterable[tuple[Token, list[Token], Trigger]]:
        used: set[int] = set()
        tokens = list(sent)
        for k, tok in enumerate(tokens):
            if tok.i in used or self._skipped(tok.idx):
                continue
            options = {t for form in forms(tok) for t in self.words.triggers.get(form, ())}
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

    def _event(self, n: int, head: Token, tokens: list[Token], trig: Trigger,
               found: list[Found]) -> list[Found]:
        if trig.pos == "VERB":
            return self._verbal(n, head, tokens, trig, found)
        return self._nominal(n, head, tokens, trig, found)

    # ------------------------------------------------------------------ verbs
    def _verbal(self, n: int, head: Token, tokens: list[Token], trig: Trigger,
                found: list[Found]) -> list[Found]:
        chain = governors(head, self.words)
        if self._cancelled([head, *chain]):
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if passive:
            objects += [c for c in head.children if c.dep_ == "nsubjpass"]
            subjects = [p for c in head.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        else:
            subjects = self._subjects(head, chain)
        objects = [o for tok in objects for o in [tok, *_conjuncts(tok)]]
        if trig.type == "visit":
            # "visit Moscow first and then Kyiv": the parse may hang the second place on "first"
            objects += [o for c in head.children if c.dep_ in ("advmod", "npadvmod")
                        for o in _conjuncts(c) if self._place(o)]
        partners = self._partners(head)
        single = len(tokens) == 1
        places: list[tuple[int, int]] = []
        participants: list[str] = []
        if trig.type == "visit" and single:
            # the destination: the object ("visit Kyiv") or "to" ("travel to Kyiv")
            to = [o for c in head.children if c.dep_ == "prep" and c.lower_ == "to"
                  for p in c.children if p.dep_ == "pobj" for o in [p, *_conjuncts(p)]]
            objects += to
            partners = [p for p in partners if p not in to]
            if not objects:
                return []
            for obj in objects:
                if place := self._place(obj) or self._premises(obj):
                    places.append(place)
                elif not self._add(participants, obj):
                    return []                               # "visited the idea"
        elif single and trig.words[0] in _STRICT:
            if not self._object_fits(head, objects, partners, trig.words[0]):
                return []
            for obj in objects:
                self._add(participants, obj)
        else:
            for obj in objects:
                if not self._place(obj):
                    self._add(participants, obj)
        who: list[str] = []
        for subj in subjects:
            self._add(who, subj)
        for partner in partners:
            self._add(who, partner)
        participants = unique(who + participants)
        if trig.type == "visit":
            participants = [p for p in participants if not self._is_country_name(p)]  # people travel
        if not participants:
            return []
        if trig.words == ("meet",) and not objects and not partners and len(participants) < 2:
            return []                                     # one person alone does not "meet"
        anchors = [head, *chain]
        places = places or self._place_at(anchors, relative_to=head)
        status = self._status([head, *chain])
        span = trigger_bounds(tokens, chain, self.words)
        return self._split(trig.type, head, span, n, participants, places, anchors, status, found)

    def _object_fits(self, head: Token, objects: list[Token], partners: list[Token], word: str) -> bool:
        """Whether "meet"/"call" has the sense of meeting or phoning someone."""
        if any(not self._personal(o) for o in objects):
            return False                                  # "meet the targets", "call the talks useful"
        with_objects = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                        for p in c.children if p.dep_ == "pobj"]
        if any(not self._personal(p) for p in with_objects):
            return False                                  # "met with criticism"
        if word == "host" and not all(self._person_word(o) for o in objects):
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

    # ------------------------------------------------------------------ nouns
    def _nominal(self, n: int, head: Token, tokens: list[Token], trig: Trigger,
                 found: list[Found]) -> list[Found]:
        if any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in head.children):
            return []
        slot = head                                       # the noun that fills the clause
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _ROUNDS:
            slot = head.head.head                         # "held a new round of talks"
        if slot.dep_ == "pobj" and slot.head.lower_ in _MEANS:
            return []                                     # "calls for talks", "through negotiations"
        if any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in head.children) and trig.words == ("call",):
            return []                                     # "a call for restraint"
        verb = slot.head if slot.dep_ in ("dobj", "nsubj", "nsubjpass") and slot.head.pos_ in ("VERB", "AUX") else None
        chain = governors(verb, self.words) if verb is not None else []
        if verb is not None and self._cancelled([verb, *chain]):
            return []
        participants: list[str] = []
        places: list[tuple[int, int]] = []
        # the light verb of "held talks", whose subject takes part; None when there is none
        support = verb if verb is not None and slot.dep_ == "dobj" and verb.lemma_.lower() in self.words.support \
            else None
        if support is not None:
            for subj in self._subjects(support, chain):
                self._add(participants, subj)
        for c in head.children:
            if c.dep_ == "poss":
                self._add(participants, c)
        named = [c for c in head.children if c.dep_ in ("compound", "nmod", "amod") and c not in tokens
                 for c in [c, *_conjuncts(c)]]
        named = [c for c in named if self.resolver.profile_of(c) or self._place(c)]
        if len(named) == 1 and (place := self._place(named[0])) and \
                (trig.type == "visit" or not self._is_country(named[0])):
            places.append(place)                          # "the Geneva talks"
        else:
            for c in named:
                self._add(participants, c)                # "the Macron-Putin meeting", "the NATO summit"
        holders = [head, support] if support is not None else [head]
        for holder in holders:
            for prep in (c for c in holder.children if c.dep_ == "prep"):
                objs = [o for p in prep.children if p.dep_ == "pobj" for o in [p, *_conjuncts(p)]]
                word = prep.lower_
                if word == "to" and trig.type == "visit":
                    places += [b for o in objs if (b := self._place(o))]
                elif word in _PARTNER_PREPS or (word == "to" and trig.type == "call") or \
                        (holder is head and word in ("of", "by")) or (trig.type == "visit" and word == "from"):
                    for o in objs:
                        if not (word in ("of", "by", "from") and self._place(o) and trig.type == "visit"):
                            self._add(participants, o)
        if trig.type == "visit" and places and head.dep_ == "pobj" and head.head.lower_ in ("on", "during") \
                and head.head.head.pos_ in ("VERB", "AUX"):
            for subj in self._subjects(head.head.head, []):  # "On a trip to Kyiv, Macron said"
                self._add(participants, subj)
        if head.dep_ == "pobj" and head.head.lower_ in _AROUND and head.head.head.pos_ in ("VERB", "AUX") \
                and self._partners(head) and not any(c.dep_ == "poss" for c in head.children):
            for subj in self._subjects(head.head.head, []):  # "X said after talks with Y"
                self._add(participants, subj)
        participants = unique(participants)
        if not participants:
            return []
        if trig.words == ("call",) and not self._partners(head):
            return []                                     # "took calls", "the candidate's call came"
        anchors = [head]
        if verb is not None and (support is not None or slot.dep_ in ("nsubj", "nsubjpass")):
            anchors += [verb, *chain]
        places = places or self._place_at(anchors, relative_to=head)
        status = "planned" if any(self._planned_modifier(c) for c in head.children) else \
            self._status([verb, *chain]) if verb is not None else "held"
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
        return self._split(trig.type, head, span, n, participants, places, anchors, status, found)

    def _planned_modifier(self, tok: Token) -> bool:
        """"the upcoming summit", "next week's meeting"."""
        if tok.dep_ in ("amod", "compound") and tok.lower_ in self.words.plan:
            return True
        return tok.dep_ in ("poss", "npadvmod", "compound") and any(
            c.dep_ == "amod" and c.lower_ in ("next", "upcoming") for c in tok.children)

    # ------------------------------------------------------------------ shared
    def _split(self, type_: str, head: Token, span: tuple[int, int], n: int, participants: list[str],
               places: list[tuple[int, int]], anchors: list[Token], status: str,
               found: list[Found]) -> list[Found]:
        """One event per place for visits; meetings without a place take a visit's."""
        date = self._date_at(anchors, n)
        if not places and type_ in ("meeting", "talks"):
            places = self._destination(n, participants, status, found)
        if type_ == "visit" and len(places) > 1:
            return [Found(type_, head, span, n, tuple(participants), [p], date, status, anchors)
                    for p in unique(places)]
        return [Found(type_, head, span, n, tuple(participants), places[:1], date, status, anchors)]

    def _destination(self, n: int, participants: list[str], status: str,
                     found: list[Found]) -> list[tuple[int, int]]:
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

    def _cancelled(self, tokens: list[Token]) -> bool:
        for tok in tokens:
            if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in tok.children):
                return True
            lemma = tok.lemma_.lower()
            particles = {f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"}
            if lemma in self.words.cancel or particles & self.words.cancel:
                return True
        return False

    def _status(self, tokens: list[Token]) -> str:
        plan = self.words.plan
        for k, tok in enumerate(tokens):
            if any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children):
                return "planned"                          # "will meet", "could visit"
            if k and plan_governor(tok, plan):
                return "planned"                          # "is scheduled to meet", "agreed to call"
        return "held"

    def _subjects(self, verb: Token, chain: list[Token]) -> list[Token]:
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
            return self._subjects(top.head, governors(top.head, self.words))
        if top.dep_ == "relcl" and top.head.pos_ in ("NOUN", "PROPN"):
            return [top.head]
        if top.dep_ == "pcomp" and top.head.dep_ == "prep" and top.head.head.pos_ in ("VERB", "AUX"):
            outer = top.head.head                         # "Obama said after meeting with Putin"
            return self._subjects(outer, governors(outer, self.words))
        if top.dep_ == "advcl" and top.tag_ == "VBG" and top.head.pos_ in ("VERB", "AUX"):
            return self._subjects(top.head, governors(top.head, self.words))
        if top.dep_ == "acl" and top.head.pos_ == "NOUN":
            return [c for c in top.head.children if c.dep_ == "poss"]   # "her decision to meet"
        return []

    def _partners(self, tok: Token) -> list[Token]:
        """"with X", "to X" (spoke to X by phone), "between X and Y"."""
        out = []
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS | {"to"}):
            out += [o for p in prep.children if p.dep_ == "pobj" for o in [p, *_conjuncts(p)]]
        return out

    def _personal(self, tok: Token) -> bool:
        """Whether a word can stand for someone who meets or is called."""
        word = tok.lower_
        if word in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _OTHER_PRONOUNS or word in _RECIPROCAL:
            return True
        if tok.ent_type_ not in ("", *_PARTICIPANT_TYPES):
            return False                                  # "hosted the World Cup"
        if self.resolver.profile_of(tok) or (tok.pos_ == "PROPN" and not self._place_only(tok)):
            return True
        roles = lexicon.roles()[0]
        return tok.lemma_.lower() in roles or word in roles or tok.lemma_.lower() in _GROUP_NOUNS

    def _person_word(self, tok: Token) -> bool:
        prof = self.resolver.profile_of(tok)
        if prof is not None:
            return prof.type == "PERSON"
        return tok.lower_ in _PERSON_PRONOUNS or tok.lemma_.lower() in lexicon.roles()[0]

    # ------------------------------------------------------------------ participants
    def _add(self, out: list[str], tok: Token) -> bool:
        """Add who ``tok`` stands for; whether it stood for anyone."""
        names = self._who(tok)
        out.extend(n for n in names if n not in out)
        return bool(names)

    def _who(self, tok: Token) -> tuple[str, ...]:
        word = tok.lower_
        if word in _RECIPROCAL or (word == "each" and tok.dep_ == "det"):
            return ()
        if word in _PERSON_PRONOUNS:
            return self._person_before(tok)
        if word in _OTHER_PRONOUNS:
            return ()
        if self._place_only(tok) or tok.ent_type_ not in ("", *_PARTICIPANT_TYPES):
            return ()                                     # "Monday's trip"
        if tok.tag_ in ("NNS", "NNPS") and tok.pos_ == "NOUN":
            # unnamed people: whose they are ("Patriot Coal's executives", "the leaders of
            # Norway and Sweden"), else the group named before ("the leaders")
            whose = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
            whose += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for p in c.children if p.dep_ == "pobj" for o in [p, *_conjuncts(p)]]
            names = tuple(unique(n for c in whose if self.resolver.country_of(c) or self._org(c)
                                  for n in self._who(c)))
            return names or (self._group_before(tok) if self._group_noun(tok) else ())
        if word in _GROUP_PRONOUNS:
            return self._group_before(tok)
        mention = self.doc[tok.left_edge.i:tok.right_edge.i + 1] if tok.pos_ in ("NOUN",) else self.doc[tok.i:tok.i + 1]
        names, _ = self.resolver.resolve(mention, tok.idx)
        return tuple(n for name in names if self._participant_name(name) for n in self._pair(name))

    def _pair(self, name: str) -> tuple[str, ...]:
        """A hyphenated pair of surnames the recogniser took for one name ("Macron-Putin")."""
        parts = name.split("-")
        if len(parts) < 2:
            return (name,)
        surnames = {p.name.split()[-1]: p.name for p in self.resolver.profiles.values()
                    if p.type == "PERSON" and "-" not in p.name}
        return tuple(surnames[p] for p in parts) if all(p in surnames for p in parts) else (name,)

    def _participant_name(self, name: str) -> bool:
        prof = self.resolver.profiles.get(name)
        return prof is None or prof.type in _PARTICIPANT_TYPES

    def _group_noun(self, tok: Token) -> bool:
        """"the leaders", "the two presidents", "both sides" (a plural role or side)."""
        if tok.tag_ not in ("NNS", "NNPS"):
            return False
        lemma = tok.lemma_.lower()
        if lemma not in lexicon.roles()[0] and lemma not in _GROUP_NOUNS:
            return False
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod", "predet")}
        return bool(dets & {"the", "both", "two", "these", "those"})

    def _person_before(self, tok: Token) -> tuple[str, ...]:
        """The person a pronoun stands for: the subject (else the first person) of the nearest
        sentence that names one, the pronoun's own sentence first."""
        n = self.sent_of[tok.i]
        own = self._own_subject(tok)
        others = {m.names for m in self.mentions[n] if own[0] <= m.at < own[1]}
        for k in range(n, max(-1, n - _LOOKBACK - 1), -1):
            people = [m for m in self.mentions[k] if m.person and (k < n or m.at < tok.idx)
                      and m.names not in others]
            if people:
                subjects = [m for m in people if m.subject]
                if k == n:
                    return (subjects or people)[-1].names
                return (subjects or people)[0].names
        return ()

    def _own_subject(self, tok: Token) -> tuple[int, int]:
        """Bounds of the subject of the verb whose object ``tok`` is: "him" in "X invited him"
        is not X."""
        verb = tok.head if tok.dep_ in ("dobj", "dative") else \
            tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else None
        if tok.tag_ != "PRP" or verb is None:
            return (0, 0)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return (0, 0)
        last = subj.right_edge
        return subj.left_edge.idx, last.idx + len(last)

    def _group_before(self, tok: Token) -> tuple[str, ...]:
        """The group "they" or "the leaders" stands for: joined names or an earlier event's
        participants, else the people of a sentence, the nearest sentence first."""
        n = self.sent_of[tok.i]
        for k in range(n, max(-1, n - _LOOKBACK - 1), -1):
            groups = [g for g in self.groups[k] if k < n or g.at < tok.idx]
            if groups:
                return groups[-1].names
            people = unique([m.names[0] for m in self.mentions[k]
                              if m.person and (k < n or m.at < tok.idx)])
            if len(people) > 1:
                return tuple(people)
        return ()

    def _read_mentions(self, n: int, sent: SpacySpan) -> None:
        """The named people, organisations and countries of a sentence, and named groups."""
        for tok in sent:
            prof = self.resolver.profile_of(tok)
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            if prof is not None and prof.type in _PARTICIPANT_TYPES and self.resolver.profile_of(tok.head) is not prof:
                name = (self.resolver.country_of(tok) or prof.name) if prof.type in ("GPE", "NORP") else prof.name
                self.mentions[n].append(_Mention(tok.idx, (name,), prof.type == "PERSON", subject))
                if any(c.dep_ == "conj" for c in tok.children):
                    names, _ = self.resolver.resolve(self.doc[tok.i:tok.i + 1], tok.idx)
                    if len(names) > 1:
                        self.groups[n].append(_Mention(tok.idx, names, False, subject))
            elif subject and tok.lower_ in _PERSON_PRONOUNS:
                names = self._person_before(tok)
                if names:
                    self.mentions[n].append(_Mention(tok.idx, names, True, True))
            elif subject and tok.pos_ == "NOUN" and not self._group_noun(tok):
                names, _ = self.resolver.resolve(self.doc[tok.left_edge.i:tok.i + 1], tok.idx)
                if len(names) == 1 and self._is_person(names[0]):
                    self.mentions[n].append(_Mention(tok.idx, names, True, True))

    def _is_country_name(self, name: str) -> bool:
        prof = self.resolver.profiles.get(name)
        return (prof is not None and prof.type == "GPE") or name in lexicon.capitals().values() \
            or name in lexicon.demonyms().values()

    def _org(self, tok: Token) -> bool:
        prof = self.resolver.profile_of(tok)
        return prof is not None and prof.type in ("ORG", "GPE")

    def _is_person(self, name: str) -> bool:
        prof = self.resolver.profiles.get(name)
        return prof is not None and prof.type == "PERSON"

    # ------------------------------------------------------------------ places and dates
    def _place(self, tok: Token) -> tuple[int, int] | None:
        return self.places.get(tok.i)

    def _premises(self, tok: Token) -> tuple[int, int] | None:
        """An organisation or building one goes to ("visited the White House")."""
        return self.named.get(tok.i)

    def _place_only(self, tok: Token) -> bool:
        """A place that is not also a country or a seat of government (no participant)."""
        if tok.i not in self.places:
            return False
        prof = self.resolver.profile_of(tok)
        return prof is None or prof.type not in ("GPE", "ORG") and not self._is_country(tok)

    def _is_country(self, tok: Token) -> bool:
        prof = self.resolver.profile_of(tok)
        return prof is not None and prof.type == "GPE" and prof.name.lower() not in lexicon.capitals()

    def _place_at(self, anchors: list[Token], relative_to: Token) -> list[tuple[int, int]]:
        """A place after "in"/"at" on the trigger or a verb governing it; the noun a "where"
        clause hangs on ("Kyiv, where he will meet ...")."""
        for tok in anchors:
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
                for obj in (p for p in prep.children if p.dep_ == "pobj"):
                    if place := self._place(obj):
                        return [place]
            if any(c.lower_ == "where" for c in tok.children):
                if tok.dep_ == "relcl" and (place := self._place(tok.head)):
                    return [place]
                if tok.dep_ == "advcl":                   # "will travel to Kyiv next week, where ..."
                    return [b for c in tok.head.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
                            for p in c.children if p.dep_ == "pobj" and (b := self._place(p))][:1]
        return []

    def _date_at(self, anchors: list[Token], n: int) -> DateRef | None:
        """The first date of the sentence that hangs on the trigger or a verb governing it."""
        sent = self.sents[n]
        ids = {t.i for t in anchors}
        for start, date in sorted(self.dates.items()):
            if not sent.start_char <= start < sent.end_char:
                continue
            span = self.doc.char_span(date.start, date.end, alignment_mode="expand")
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


# ---------------------------------------------------------------------- helpers
def _conjuncts(tok: Token) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ == "conj":
            out += [c, *_conjuncts(c)]
    return out


__all__ = ["find_events", "event_words", "EventWords", "Trigger", "EVENT_TYPES"]
