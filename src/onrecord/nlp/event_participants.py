"""Who the words around an event stand for: the people, organisations and countries they
name, "he" (the person the sentence or the ones just before it are about), "they", "both"
and "the leaders" (the group named last: joined names, the participants of an earlier event,
or the people of a sentence), and which words can stand for someone at all.

First and second person ("we", "you"), "it" and relative pronouns stand for no one here: a
quotation's "we" is not worked out, so an event only they take part in is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import lexicon
from .event_clauses import Bounds, pobjects
from .event_records import unique
from .speakers import SpeakerResolver

PARTICIPANT_TYPES = ("PERSON", "ORG", "GPE", "NORP")
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves", "both"})
_OTHER_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "it", "its",
                             "who", "whom", "whose", "that", "which", "one", "someone", "everyone"})
_RECIPROCAL = frozenset({"other", "another"})               # "each other", "one another"
_GROUP_NOUNS = frozenset({"side", "party"})                 # "the two sides", "the parties"
_LOOKBACK = 3                       # sentences a pronoun may reach back


@dataclass
class Mention:
    at: int                          # character offset
    names: tuple[str, ...]
    person: bool                     # a single person
    subject: bool


class Participants:
    """Who tokens stand for. Pronouns look back at what earlier sentences named, so the
    sentences are read in order (``read_sentence``) and the events found noted as groups
    (``note_group``) before the next sentence is read."""

    def __init__(self, doc: Doc, sents: list[SpacySpan], resolver: SpeakerResolver,
                 places: dict[int, Bounds]):
        self.doc, self.resolver, self.places = doc, resolver, places
        self.sent_of = {t.i: n for n, s in enumerate(sents) for t in s}
        self.mentions: list[list[Mention]] = [[] for _ in sents]
        self.groups: list[list[Mention]] = [[] for _ in sents]

    # ------------------------------------------------------------------ reading
    def read_sentence(self, n: int, sent: SpacySpan) -> None:
        """The named people, organisations and countries of a sentence, and named groups."""
        for tok in sent:
            prof = self.resolver.profile_of(tok)
            subject = tok.dep_ in ("nsubj", "nsubjpass")
            if prof is not None and prof.type in PARTICIPANT_TYPES and self.resolver.profile_of(tok.head) is not prof:
                name = (self.resolver.country_of(tok) or prof.name) if prof.type in ("GPE", "NORP") else prof.name
                self.mentions[n].append(Mention(tok.idx, (name,), prof.type == "PERSON", subject))
                if any(c.dep_ == "conj" for c in tok.children):
                    names, _ = self.resolver.resolve(self.doc[tok.i:tok.i + 1], tok.idx)
                    if len(names) > 1:
                        self.groups[n].append(Mention(tok.idx, names, False, subject))
            elif subject and tok.lower_ in _PERSON_PRONOUNS:
                names = self._person_before(tok)
                if names:
                    self.mentions[n].append(Mention(tok.idx, names, True, True))
            elif subject and tok.pos_ == "NOUN" and not self._group_noun(tok):
                names, _ = self.resolver.resolve(self.doc[tok.left_edge.i:tok.i + 1], tok.idx)
                if len(names) == 1 and self._is_person(names[0]):
                    self.mentions[n].append(Mention(tok.idx, names, True, True))

    def note_group(self, n: int, at: int, names: tuple[str, ...]) -> None:
        """An event of several participants in sentence ``n``: what a later "they" may be."""
        self.groups[n].append(Mention(at, names, False, False))

    # ------------------------------------------------------------------ who
    def add(self, out: list[str], tok: Token) -> bool:
        """Add who ``tok`` stands for; whether it stood for anyone."""
        names = self.who(tok)
        out.extend(n for n in names if n not in out)
        return bool(names)

    def who(self, tok: Token) -> tuple[str, ...]:
        """The names ``tok`` stands for; none for a pronoun or place that stands for no one."""
        word = tok.lower_
        if word in _RECIPROCAL or (word == "each" and tok.dep_ == "det"):
            return ()
        if word in _PERSON_PRONOUNS:
            return self._person_before(tok)
        if word in _OTHER_PRONOUNS:
            return ()
        if self.place_only(tok) or tok.ent_type_ not in ("", *PARTICIPANT_TYPES):
            return ()                                     # "Monday's trip"
        if tok.tag_ in ("NNS", "NNPS") and tok.pos_ == "NOUN":
            # unnamed people: whose they are ("Patriot Coal's executives", "the leaders of
            # Norway and Sweden"), else the group named before ("the leaders")
            whose = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
            whose += [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
                      for o in pobjects(c)]
            names = tuple(unique(n for c in whose if self.resolver.country_of(c) or self._org(c)
                                  for n in self.who(c)))
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
        return prof is None or prof.type in PARTICIPANT_TYPES

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
        own = _own_subject(tok)
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

    # ------------------------------------------------------------------ what a word can be
    def personal(self, tok: Token) -> bool:
        """Whether a word can stand for someone who meets or is called."""
        word = tok.lower_
        if word in _PERSON_PRONOUNS | _GROUP_PRONOUNS | _OTHER_PRONOUNS or word in _RECIPROCAL:
            return True
        if tok.ent_type_ not in ("", *PARTICIPANT_TYPES):
            return False                                  # "hosted the World Cup"
        if self.resolver.profile_of(tok) or (tok.pos_ == "PROPN" and not self.place_only(tok)):
            return True
        roles = lexicon.roles()[0]
        return tok.lemma_.lower() in roles or word in roles or tok.lemma_.lower() in _GROUP_NOUNS

    def person_word(self, tok: Token) -> bool:
        """Whether a word stands for a person (not an organisation, a team or a thing)."""
        prof = self.resolver.profile_of(tok)
        if prof is not None:
            return prof.type == "PERSON"
        return tok.lower_ in _PERSON_PRONOUNS or tok.lemma_.lower() in lexicon.roles()[0]

    def place_only(self, tok: Token) -> bool:
        """A place that is not also a country or a seat of government (no participant)."""
        if tok.i not in self.places:
            return False
        prof = self.resolver.profile_of(tok)
        return prof is None or prof.type not in ("GPE", "ORG") and not self.is_country(tok)

    def is_country(self, tok: Token) -> bool:
        prof = self.resolver.profile_of(tok)
        return prof is not None and prof.type == "GPE" and prof.name.lower() not in lexicon.capitals()

    def is_country_name(self, name: str) -> bool:
        prof = self.resolver.profiles.get(name)
        return (prof is not None and prof.type == "GPE") or name in lexicon.capitals().values() \
            or name in lexicon.demonyms().values()

    def _org(self, tok: Token) -> bool:
        prof = self.resolver.profile_of(tok)
        return prof is not None and prof.type in ("ORG", "GPE")

    def _is_person(self, name: str) -> bool:
        prof = self.resolver.profiles.get(name)
        return prof is not None and prof.type == "PERSON"


def _own_subject(tok: Token) -> tuple[int, int]:
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
