"""What the words of a speaker mention say, read off the parse: whether a subject leads its
sentence, whose name a role or a first name belongs to, who a passive's speaker is, the role
words written with a name. Small functions of tokens, used by ``speakers``."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from . import lexicon
from .antecedents import SUBJECT_DEPS
from .attributes import roles_in
from .documents import noun_phrase
from .entities import in_capitals_as_position

if TYPE_CHECKING:
    from .speakers import Profile, SpeakerResolver

MINOR_DEPS = frozenset({"pobj", "poss", "compound", "npadvmod"})   # "like Trump", "Trump's words"
# the main verb's preposition written right after it takes an object, not an aside ("I thought of Elise")
VERB_PREPOSITIONS = frozenset({"of", "to", "with", "about", "at", "for", "on"})
KEEPS_SUBJECT = frozenset({"quote", "cite"})               # "X was quoted as saying"
ASKING = frozenset({"ask", "question", "press", "interview"})   # the one asked is the one who answers


def one_word_genders(profiles: dict[str, Profile]) -> None:
    """The prior of a person named by one word: a surname the article gives two people
    ("Scott" beside Bobby and Tim Scott) is one of them, so of their gender when they share
    one; a first name no one bears as a surname ("Melanie") has the first name's."""
    bearers: dict[str, set[str | None]] = {}
    for prof in profiles.values():
        if prof.type == "PERSON" and len(words := lexicon.lexicon_key(prof.name).split()) > 1:
            bearers.setdefault(words[-1], set()).add(prof.gender)
    for prof in profiles.values():
        word = lexicon.lexicon_key(prof.name)
        if prof.type != "PERSON" or " " in word:
            continue
        genders = bearers.get(word, set())
        if len(genders) == 1 and None not in genders:
            prof.prior = next(iter(genders))
        elif not genders:
            prof.prior = lexicon.first_names().get(word)


def plural_of(word: str, nouns: frozenset[str]) -> bool:
    """Whether ``word`` is the plural of one of ``nouns`` ("studies", "researchers")."""
    return word.endswith("s") and any(
        stem in nouns for stem in (word[:-1], word[:-2], word[:-3] + "y" if word.endswith("ies") else ""))


def salient_role(tok: Token) -> bool:
    """A subject, except of a question ("X asked Y whether …"), whose object is the one
    expected to speak next. A conjunct shares its role ("Ann and Tom met": both subjects)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    asking = tok.head.lemma_.lower() in ASKING
    return (tok.dep_ in SUBJECT_DEPS and not asking) or (tok.dep_ == "dobj" and asking)


def with_shared_surname(names: list[str]) -> list[str]:
    """ "Anna and Tom Keller": a first name alone beside a full name takes its surname."""
    surname = next((n.split()[-1] for n in reversed(names) if len(n.split()) > 1), None)
    if surname is None or len(names) < 2:
        return names
    return [f"{n} {surname}" if " " not in n and n.lower() in lexicon.first_names() else n for n in names]


def owner_of(head: Token) -> list[Token]:
    """ "U.S. Attorney's" of "the U.S. Attorney's Office": the named owner of an institution's
    word, which alone would name no one ("Office")."""
    if head.lower_ not in lexicon.organisation_words() | lexicon.state_bodies():
        return []
    owner = next((c for c in head.lefts if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return []
    words = [t for t in owner.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    case = [t for t in owner.rights if t.dep_ == "case"]
    return [*words, owner, *case] if case else []


def first_names_joined(head: Token) -> list[Token]:
    """ "Khizr" of "Khizr and Ghazala Khan", "Trump" of "Donald Trump and House Speaker Paul
    Ryan": a name joined by "and" before the one the mention's head belongs to, which the
    parser hangs inside that name, not as a conjunct."""
    return [c for c in head.subtree if c.i < head.i and c.dep_ in ("amod", "compound", "nmod")
            and c.text[:1].isupper() and any(g.dep_ == "cc" and g.lower_ == "and" for g in c.children)]


def party_member(res: SpeakerResolver, mention: SpacySpan) -> bool:
    """ "The Wisconsin Republican", "the Democrat": one person of a party, named by it alone."""
    head = mention.root
    return mention[0].lower_ == "the" and head.tag_ == "NNP" and head.lower_ in lexicon.parties() \
        and (prof := res.profile_of(head)) is not None and prof.type == "NORP"


def in_embedded_clause(tok: Token) -> bool:
    """Whether ``tok`` belongs to a clause inside the sentence's main one (the reported "Cruz
    won" of "Cruz won, Stovall said"), not to the main clause or one joined to it by "and"
    (nor is the second of two subjects joined so: "Ann and Tom met")."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return head.dep_ != "ROOT"


def several_without_and(res: SpeakerResolver, mention: SpacySpan) -> bool:
    """Whether a mention names two people that neither a conjunction nor a role between them
    relates (a headline's "X Endorses Y"; but "Cruz spokesman Rick Tyler", "Rubio supporter
    Scott Szlachta" and "Browns DL Sheldon Richardson" are the second)."""
    people: list[tuple[Profile, int]] = []
    for tok in mention:
        prof = res.profile_of(tok)
        if prof is not None and prof.type == "PERSON" and all(p is not prof for p, _ in people):
            people.append((prof, tok.i))
    if len(people) < 2 or any(t.dep_ == "conj" or t.lower_ in ("and", "&") for t in mention):
        return False
    between = mention.doc[people[0][1] + 1: people[-1][1]]
    return not any(roles_in(between)) and not any(t.lemma_.lower() in lexicon.person_nouns()
                                                  or in_capitals_as_position(t) for t in between)


def speaking(subject: SpacySpan | None, cue: Token | None = None) -> SpacySpan | None:
    """The words that name whoever spoke, given a cue's subject: a passive cue's agent ("was
    accused of rape by a woman"), or nobody ("was told"); "X was quoted as saying" keeps X, and
    so does an active cue joined to a passive verb ("was sworn in and said": X said)."""
    if subject is None or not len(subject):
        return subject
    head = subject.root
    if cue is not None and head.head != cue and cue.dep_ == "conj":
        return subject
    if head.dep_ == "nsubjpass" and head.head.lemma_.lower() not in KEEPS_SUBJECT:
        return agent_of(head.head)
    return subject


def agent_of(verb: Token) -> SpacySpan | None:
    """The "by" phrase of a passive verb: its object."""
    for child in verb.children:
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return noun_phrase(obj)
    return None


def title_of(head: Token) -> str | None:
    """The role words written before a name ("Sen." of "Massachusetts Sen. Elizabeth Warren")."""
    every = lexicon.roles()[0]
    roles = [t for t in head.lefts if t.lower_.rstrip(".") in every or t.lower_ in every]
    for t in head.lefts:
        roles += [g for g in t.subtree if g.i < head.i and g not in roles and g.lower_ in every]
    if not roles:
        return None
    roles.sort(key=lambda t: t.i)
    return head.doc[roles[0].i: roles[-1].i + 1].text


def descriptive_words(mention: SpacySpan) -> set[str]:
    """The adjectives and nouns that describe in a descriptor ("democratic" of "the Democratic
    nominee", a party the tagger calls a nationality): determiners, possessives, countries
    and numbers aside."""
    return {t.lower_ for t in mention if t.pos_ in ("ADJ", "NOUN", "PROPN") and t.i != mention.root.i
            and t.lower_ not in lexicon.demonyms() and t.ent_type_ not in ("GPE", "DATE", "CARDINAL")}


def descriptor_title(mention: SpacySpan) -> str:
    words = [t for t in mention if not (t.i == mention.start and t.pos_ in ("DET", "PRON"))]
    return mention.doc[words[0].i: words[-1].i + 1].text if words else mention.text


def minor_mention(root: Token) -> bool:
    """A name in an aside ("like Trump", "Trump's words"), which a pronoun rarely means; but
    the owner of a main clause's subject is what that clause is about ("Ban's term expires
    this year. He said …"), and the object of a verb's preposition ("I thought of Elise.
    … she replied") is one."""
    if root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS and root.head.head.dep_ == "ROOT":
        return False
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ in VERB_PREPOSITIONS and prep.head.pos_ == "VERB" \
            and prep.head.dep_ == "ROOT" and prep.i == prep.head.i + 1:
        return False
    return root.dep_ in MINOR_DEPS


__all__ = [
    "agent_of", "descriptive_words", "descriptor_title", "first_names_joined",
    "in_embedded_clause", "minor_mention", "one_word_genders", "owner_of", "party_member", "plural_of",
    "salient_role",
    "several_without_and", "speaking", "title_of", "with_shared_surname"
]
