"""Who made a statement: from the words at the statement to a person or organisation.

Resolution uses only what the article itself says about people:
- names: a surname is the full name seen in the article ("Putin" -> "Vladimir Putin");
- titles and descriptors ("the Russian leader", "his colleague from France") match the
  roles and countries the article gives people in appositions ("X, the president of Y"),
  premodifiers ("Russian President Vladimir Putin") and respectively-constructions
  ("A and B, the Presidents of Russia and France");
- pronouns and "both" take the most recent compatible speaker;
- a seat of government stands for its country ("Moscow denies" -> Russia).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Entity
from . import lexicon

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


@dataclass
class Profile:
    """What the article says about one named speaker."""
    name: str
    type: str
    entity: str | None             # None for a name the entity recogniser missed
    roles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)     # start offsets of its mentions


class SpeakerResolver:
    """Resolves speaker mentions of one article, in reading order."""

    def __init__(self, doc: Doc, entities: list[Entity]):
        self.doc = doc
        self.profiles: dict[str, Profile] = {}
        self.at_char: dict[int, Profile] = {}               # token start -> profile it names
        self.history: list[tuple[int, tuple[str, ...]]] = []
        for ent in entities:
            if ent.type not in SPEAKER_TYPES:
                continue
            prof = Profile(ent.name, ent.type, ent.id, positions=sorted(m.start for m in ent.mentions))
            self.profiles[ent.name] = prof
            for m in ent.mentions:
                for tok in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                    self.at_char[tok.idx] = prof
        learn_attributes(self)

    # ------------------------------------------------------------------ lookups
    def profile_of(self, tok: Token) -> Profile | None:
        return self.at_char.get(tok.idx)

    def country_of(self, tok: Token) -> str | None:
        """The country a token names: a demonym, a country or a seat of government."""
        word = tok.text.lower()
        if word in lexicon.demonyms():
            return lexicon.demonyms()[word]
        prof = self.profile_of(tok)
        if prof and prof.type == "GPE":
            return lexicon.capitals().get(prof.name.lower(), prof.name)
        return None

    # ------------------------------------------------------------------ resolving
    def resolve(self, mention: SpacySpan | None, at: int) -> tuple[tuple[str, ...], float]:
        """Names of the speaker(s) and how sure the resolution is."""
        if mention is None or not len(mention):
            return (), 0.0
        head = mention.root
        named = self._named(head)
        if named:
            return named, 1.0
        word = head.lower_
        if word in lexicon.pronouns() or (head.i == mention.start and word == "both"):
            return self._pronoun(lexicon.pronouns().get(word, "pair"), at), 0.9
        if any(_roles_in(mention)):
            found = self._descriptor(mention, at)
            return ((found,), 0.85) if found else ((), 0.0)
        return (), 0.0

    def remember(self, names: tuple[str, ...], at: int) -> None:
        if names:
            self.history.append((at, names))

    def _named(self, head: Token) -> tuple[str, ...]:
        """Names carried by the mention's head and its conjuncts ("Both Macron and Putin")."""
        names: list[str] = []
        for tok in [head, *_conjuncts(head)]:
            name = self._name_of(tok)
            if name and name not in names:
                names.append(name)
        return tuple(names)

    def _name_of(self, tok: Token) -> str | None:
        prof = self.profile_of(tok) or next(
            (self.profile_of(a) for a in tok.children if a.dep_ == "appos" and self.profile_of(a)), None)
        if prof is not None:
            return (self.country_of(tok) or prof.name) if prof.type in ("GPE", "NORP") else prof.name
        # a name the entity recogniser missed: a known person's surname, or the name as written
        known = [p for p in self.profiles.values() if p.type == "PERSON" and p.name.split()[-1] == tok.text]
        if known and tok.is_title:
            return known[0].name
        every_role = lexicon.roles()[0]
        if tok.pos_ != "PROPN" or tok.lower_ in every_role:
            return None
        words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.lower_ not in every_role]
        name = " ".join(t.text for t in [*words, tok])
        if words:                          # a full name: later surnames, titles and pronouns find it
            self._adopt(name, [*words, tok])
        return name

    def _adopt(self, name: str, tokens: list[Token]) -> None:
        """Make a person of a name the recogniser missed, with the title written before it."""
        prof = self.profiles.get(name)
        if prof is None:
            prof = self.profiles[name] = Profile(name, "PERSON", None, positions=[tokens[0].idx])
            for tok in tokens:
                self.at_char[tok.idx] = prof
            _learn_premodifiers(self, tokens[-1], prof)

    def _pronoun(self, kind: str, at: int) -> tuple[str, ...]:
        for _, names in reversed(self.history):
            types = {self.profiles[n].type if n in self.profiles else "GPE" for n in names}
            if kind == "person" and len(names) == 1 and types == {"PERSON"}:
                return names
            if kind == "pair" and len(names) >= 2:
                return names
            if kind == "group" and (len(names) >= 2 or types & {"ORG", "GPE"}):
                return names
            if kind == "org" and types & {"ORG", "GPE"}:
                return names
        if kind == "person":
            recent = self._most_recent([p for p in self.profiles.values() if p.type == "PERSON"], at)
            return (recent.name,) if recent else ()
        return ()

    def _descriptor(self, mention: SpacySpan, at: int) -> str | None:
        specific, generic = _roles_in(mention)
        countries = {c for t in mention if (c := self.country_of(t))}
        people = [p for p in self.profiles.values() if p.type == "PERSON" and p.positions[0] < at]
        fits = [p for p in people
                if (not countries or countries & p.countries)
                and (specific & p.roles or (not specific and (p.roles or countries)))]
        best = self._most_recent(fits, at)
        return best.name if best else None

    @staticmethod
    def _most_recent(profiles: list[Profile], at: int) -> Profile | None:
        def last_before(p: Profile) -> int:
            i = bisect_left(p.positions, at)
            return p.positions[i - 1] if i else -1
        ranked = [p for p in profiles if last_before(p) >= 0]
        return max(ranked, key=last_before, default=None)


def _conjuncts(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ == "conj"] + [
        g for c in tok.children if c.dep_ == "conj" for g in _conjuncts(c)]


def _roles_in(tokens) -> tuple[set[str], set[str]]:
    """(specific roles, generic roles) named by these tokens, two-word roles included."""
    every, generic = lexicon.roles()
    words = [t.lower_ for t in tokens]
    found = {w for w in words if w in every}
    found |= {f"{a} {b}" for a, b in zip(words, words[1:]) if f"{a} {b}" in every}
    found |= {w[:-1] for w in words if w.endswith("s") and w[:-1] in every}     # "Presidents"
    return found - generic, found & generic


# ---------------------------------------------------------------------- learning
def learn_attributes(res: SpeakerResolver) -> None:
    """Give people the roles and countries the article states for them."""
    for tok in res.doc:
        prof = res.profile_of(tok)
        if prof is None or prof.type != "PERSON" or res.profile_of(tok.head) is prof:
            continue                                  # only the head token of a name
        _learn_premodifiers(res, tok, prof)
        for appos in [c for c in tok.children if c.dep_ == "appos"]:
            _learn_apposition(res, tok, appos)
        if tok.dep_ in ("appos", "compound") and res.profile_of(tok.head) is None:
            outer = [t for t in tok.head.subtree if t.i not in {s.i for s in tok.subtree}]
            _add_attributes(res, prof, outer)


def _learn_premodifiers(res: SpeakerResolver, tok: Token, prof: Profile) -> None:
    """"Russian President Vladimir Putin": role and country before the name."""
    mods = [t for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")
            for t in c.subtree if res.profile_of(t) is not prof]
    _add_attributes(res, prof, mods)


def _learn_apposition(res: SpeakerResolver, tok: Token, appos: Token) -> None:
    """"X, the president of Y" and "A and B, the Presidents of Y and Z" (respectively)."""
    people = [t for t in [tok, *_conjuncts(tok)] if (p := res.profile_of(t)) and p.type == "PERSON"]
    words = list(appos.subtree)
    places = [t.i for t in words if res.country_of(t)]
    roles = set().union(*_roles_in(words))
    if len(people) > 1 and len(places) == len(people):
        for person_tok, place_i in zip(people, places):
            prof = res.profile_of(person_tok)
            prof.roles |= roles
            prof.countries.add(res.country_of(res.doc[place_i]))
        return
    for person_tok in people:
        _add_attributes(res, res.profile_of(person_tok), words, countries=len(places) <= 1)


def _add_attributes(res: SpeakerResolver, prof: Profile, tokens, countries: bool = True) -> None:
    specific, generic = _roles_in(tokens)
    prof.roles |= specific | generic
    if countries:
        prof.countries |= {c for t in tokens if (c := res.country_of(t))}
