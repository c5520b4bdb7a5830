"""What an article says about the people it names: their roles, countries, describing words
and gender, from premodifiers ("Russian President Vladimir Putin"), appositions ("X, the
president of Y"; "A and B, the Presidents of Y and Z", respectively), "X is the …" and
compounds ("the Trump aide") — the evidence descriptors are resolved against — and who a
transcript's labels in capitals are ("TAPPER: …")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from . import lexicon
from .names import same_person, transcript_labels

if TYPE_CHECKING:
    from .speakers import Profile, SpeakerResolver

# Titles as newspapers abbreviate them ("New Jersey Gov. Chris Christie").
ABBREVIATIONS = {"gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
                 "sec.": "secretary", "pres.": "president", "amb.": "ambassador", "supt.": "superintendent",
                 "gov": "governor", "sen": "senator", "rep": "representative"}   # headlines drop the stop


def is_title(word: str) -> bool:
    """Whether a word (lower case) is a role or its abbreviation ("Rep", "Sen.")."""
    return ABBREVIATIONS.get(word, word) in lexicon.roles()[0]


def conjuncts(tok: Token) -> list[Token]:
    """The tokens conjoined to ``tok``, however deep ("A, B and C")."""
    return [c for c in tok.children if c.dep_ == "conj"] + [
        g for c in tok.children if c.dep_ == "conj" for g in conjuncts(c)]


def roles_in(tokens) -> tuple[set[str], set[str]]:
    """(specific roles, generic roles) named by these tokens, two-word roles included."""
    every, generic = lexicon.roles()
    words = [ABBREVIATIONS.get(t.lower_, t.lower_) for t in tokens]
    found = {w for w in words if w in every}
    found |= {f"{a} {b}" for a, b in zip(words, words[1:]) if f"{a} {b}" in every}
    found |= {w[:-1] for w in words if w.endswith("s") and w[:-1] in every}     # "Presidents"
    rank = next((w for w in words if w in lexicon.role_ranks()), None)
    if rank is not None:           # "vice presidential nominee": another office than "nominee"
        found = {r if r.split()[0] == rank else f"{rank} {r}" for r in found if r != rank} or {rank}
    return found - generic, found & generic


def learn_attributes(res: "SpeakerResolver") -> None:
    """Give people the roles and countries the article states for them, and organisations
    what the article calls them."""
    for tok in res.doc:
        prof = res.profile_of(tok)
        if prof is None or res.profile_of(tok.head) is prof:
            continue                                  # only the head token of a name
        if prof.type in ("ORG", "GPE"):
            prof.kinds |= _kinds(res, tok)
            continue
        if prof.type != "PERSON":
            continue
        learn_premodifiers(res, tok, prof)
        for appos in [c for c in tok.children if c.dep_ == "appos" and not _possessed(tok, c)]:
            _learn_apposition(res, tok, appos)
        if tok.dep_ == "appos" and res.profile_of(tok.head) is None:    # "the senator, Bernie Sanders"
            outer = [t for t in _phrase(tok.head) if t.i not in {s.i for s in tok.subtree}]
            _add_attributes(res, prof, outer, genders=False)
            _add_genders(prof, _core(tok.head))
        # a name before a noun ("the Trump aide", "Clinton spokesman Nick Merrill") says nothing of
        # that person: the aide and the spokesman are someone else
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":          # "X is the party's nominee"
            for attr in [c for c in tok.head.children if c.dep_ == "attr"]:
                _add_attributes(res, prof, list(attr.subtree))


def _kinds(res: "SpeakerResolver", tok: Token) -> set[str]:
    """The nouns an organisation's name stands beside: "Wells Fargo, the bank", "the bank
    Wells Fargo", "the UMWA union", "RT is a network" (lemmas)."""
    nouns = [c for c in tok.children if c.dep_ == "appos"]
    head = tok.head
    # "a UK man", "a Google engineer": a person of the place or the firm, not what it is
    if tok.dep_ in ("appos", "compound") and head.pos_ == "NOUN" and res.profile_of(head) is None \
            and not _a_person(head):
        nouns.append(head)
    if tok.dep_ == "nsubj" and head.lemma_ == "be":
        nouns += [c for c in head.children if c.dep_ == "attr"]
    # a singular noun: "Wells Fargo and Chase, the two banks" tells which two, not which one
    return {n.lemma_.lower() for n in nouns if n.tag_ == "NN" and not _possessed(tok, n)}


def _a_person(noun: Token) -> bool:
    """Whether a noun names a person ("man", "spokeswoman", "senator")."""
    word = noun.lemma_.lower()
    return word in lexicon.person_nouns() or word in lexicon.gender_words() or is_title(word) \
        or word in lexicon.roles()[0]


def _possessed(name: Token, appos: Token) -> bool:
    """ "Sanders’ son", which the parser may read as "Sanders, son": the words after the name
    are its owner's mark, so they are someone else."""
    after = name.doc[name.i + 1] if name.i + 1 < len(name.doc) else None
    return after is not None and after.i < appos.i and after.text in ("’", "'", "'s", "’s")


def _phrase(tok: Token) -> list[Token]:
    """A noun phrase without its conjuncts: "the first lady" of "the president and the first lady"."""
    cut = {t.i for c in tok.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    return [t for t in tok.subtree if t.i not in cut]


def learn_premodifiers(res: "SpeakerResolver", tok: Token, prof: "Profile") -> None:
    """"Russian President Vladimir Putin": role and country before the name."""
    mods = [t for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss")
            for t in c.subtree if res.profile_of(t) is not prof]
    _add_attributes(res, prof, mods)


def _learn_apposition(res: "SpeakerResolver", tok: Token, appos: Token) -> None:
    """"X, the president of Y" and "A and B, the Presidents of Y and Z" (respectively)."""
    # the profiles and countries found are kept, not looked up again (the lookups are pure)
    people = [p for t in [tok, *conjuncts(tok)] if (p := res.profile_of(t)) and p.type == "PERSON"]
    words = list(appos.subtree)
    places = [c for t in words if (c := res.country_of(t))]
    roles = set().union(*roles_in(words))
    if len(people) > 1 and len(places) == len(people):
        for prof, country in zip(people, places):
            prof.roles |= roles
            prof.countries.add(country)
        return
    for prof in people:
        _add_attributes(res, prof, words, countries=len(places) <= 1, genders=False)
        _add_genders(prof, _core(appos))


def _core(noun: Token) -> list[Token]:
    """A noun with the words that describe it directly ("the party's new spokeswoman"), not
    the clauses and phrases hung on it, which speak of others ("a union that endorsed Mr.
    Sanders and buses its members to campaign for him")."""
    return [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))]


def _add_genders(prof: "Profile", tokens) -> None:
    prof.genders |= {g for t in tokens if t.dep_ != "poss" and (g := lexicon.gender_words().get(t.lower_))}


def _add_attributes(res: "SpeakerResolver", prof: "Profile", tokens, countries: bool = True,
                    genders: bool = True) -> None:
    """Roles, countries, describing words and gendered words ("spokeswoman", "his wife")."""
    tokens = [t for t in tokens if res.profile_of(t) is not prof]
    specific, generic = roles_in(tokens)
    prof.roles |= specific | generic
    prof.words |= {t.lower_ for t in tokens if t.pos_ in ("ADJ", "NOUN", "PROPN")}
    if genders:
        _add_genders(prof, tokens)
    if countries:
        prof.countries |= {c for t in tokens if (c := res.country_of(t))}


def learn_transcript_labels(res: "SpeakerResolver") -> None:
    """A transcript names its speakers in capitals ("JAKE TAPPER: …", then "TAPPER: …"): a
    label is the one person the article names with that surname (and first name, if the
    label has one), else, if it opens with a first name, a person of its own."""
    for start, end in transcript_labels(res.text):
        words = res.text[start:end].split()
        key = lexicon.lexicon_key(" ".join(words))
        people = [p for p in res.profiles.values() if p.type == "PERSON" and not p.name.isupper()
                  and p.name.split()[-1].lower() == words[-1].lower()
                  and (len(words) == 1 or same_person(key, lexicon.lexicon_key(p.name)))]
        tokens = list(res.doc.char_span(start, end, alignment_mode="expand") or ())
        if len(people) == 1:
            prof = people[0]
            prof.spans = sorted({*prof.spans, (start, end)})
            for tok in tokens:
                res.at_char[tok.idx] = prof
        elif not people and len(words) > 1 and words[0].lower() in lexicon.first_names():
            res.adopt(" ".join(w.title() for w in words), tokens)


__all__ = ["ABBREVIATIONS", "conjuncts", "is_title", "learn_attributes", "learn_premodifiers",
           "learn_transcript_labels", "roles_in"]
