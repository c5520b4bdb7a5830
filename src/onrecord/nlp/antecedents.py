"""What a sentence's own grammar says about whom a "he" or "she" can point back to, before
salience is asked: a person the article does not name may stand nearer ("My mother has
softened, but she still says …"), and no one named in an opening participle is the pronoun's
person ("Campaigning against Mitt Romney, he …")."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import lexicon

SUBJECT_DEPS = ("nsubj", "nsubjpass")    # a clause's subject, active or passive; one tuple for every extractor
INDEFINITES = frozenset({"a", "an", "one", "another", "some", "any", "several"})


def unnamed_subject_before(doc: Doc, at: int, gender: str | None, is_named: Callable[[Token], bool]) -> Token | None:
    """The subject (or its owner) nearest before the pronoun at ``at``, in its sentence or else
    the sentence before, when it is a person the article does not name (``is_named`` tells
    which tokens name a person) and who agrees with ``gender``: someone new or known by a
    relation ("a woman", "my mother", "a spokesman's view"). A definite role ("the GOP
    candidate") points back to someone named, so it is no such person."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return None
    sentence = span[0].sent
    before = [t for t in sentence if t.i < span[0].i and t.dep_ in SUBJECT_DEPS]
    if not before and (previous := sentence_before(sentence)) is not None:
        before = [t for t in previous if t.dep_ in SUBJECT_DEPS]
    if not before:
        return None
    subject = before[-1]
    if not _person_noun(subject):
        subject = next((c for c in subject.children if c.dep_ == "poss"), subject)   # "a spokesman's view"
    if not _person_noun(subject) or subject.tag_ != "NN":
        return None
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in INDEFINITES) for c in subject.children):
        return None                # "the candidate" points back to someone; "a woman", "my mother" do not
    if any(is_named(t) for t in subject.subtree if t.i == subject.i or t.dep_ in ("appos", "compound")):
        return None                # "spokesman Joe Smith" is named
    said = lexicon.gender_words().get(subject.lower_)
    return None if gender is not None and said is not None and said != gender else subject


def untagged_name_before(doc: Doc, at: int, known: Callable[[Token], bool]) -> Token | None:
    """The main subject of the pronoun's sentence before it, or else of the sentence before,
    when it is a name the tagger did not take for anyone's (``known`` tells which tokens are
    in an entity): "Nehlen responded to reports that Trump … “…,” he said" may be Nehlen, so
    "he" is not the last man the article named."""
    subject = next((t for t in clause_before(doc, at) if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"), None)
    if subject is None or subject.pos_ != "PROPN" or not subject.text[:1].isupper() or subject.text.isupper() \
            or subject.lower_ in lexicon.roles()[0]:
        return None                # "The Russian President recalled …" is a role, which points back
    name = [t for t in subject.subtree if t.i == subject.i or (t.dep_ == "compound" and t.pos_ == "PROPN")]
    return None if any(known(t) for t in name) else subject


def clause_before(doc: Doc, at: int) -> list[Token]:
    """The words before ``at`` in its sentence or, when they hold no subject, the sentence
    before: where what a pronoun at ``at`` points back to was last the subject."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return []
    sentence = span[0].sent
    before = [t for t in sentence if t.i < span[0].i]
    if not any(t.dep_ in SUBJECT_DEPS for t in before) and (previous := sentence_before(sentence)) is not None:
        before = list(previous)
    return before


def _person_noun(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon.person_nouns()


def participle_before(doc: Doc, at: int) -> tuple[int, int] | None:
    """The characters of a participle clause without a subject of its own that opens the
    clause of the pronoun at ``at``: its doer is the pronoun's person, so no one named in it
    is ("Campaigning against Mitt Romney, he …" is not Romney)."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or span[0].dep_ not in SUBJECT_DEPS:
        return None
    pronoun = span[0]
    for clause in pronoun.head.children:
        if clause.dep_ == "advcl" and clause.i < pronoun.i and clause.tag_ in ("VBG", "VBN") \
                and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in clause.children):
            end = clause.right_edge
            return clause.left_edge.idx, end.idx + len(end.text)
    return None


def sentence_before(sentence: SpacySpan) -> SpacySpan | None:
    """The sentence before, over the blank lines between paragraphs."""
    at = sentence.start - 1
    while at >= 0 and sentence.doc[at].is_space:
        at -= 1
    return sentence.doc[at].sent if at >= 0 else None


def plural_verb(verb: Token) -> bool:
    """Whether a verb agrees with a plural subject ("who are drawn", "who feel"): a relative
    pronoun's verb tells the number of the noun it stands for."""
    return verb.tag_ == "VBP" or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("are", "were", "have")
                                     for c in verb.children)


def relative_antecedent(relative: Token, is_person: Callable[[Token], bool]) -> Token:
    """The noun a relative pronoun points back to. The parser hangs a relative clause on the
    nearest noun; "who" speaks of a person, so when that noun is no person but sits in the
    apposition of one ("Matt Duss, the president of the Foundation for Middle East Peace, who
    criticizes …"), the person is meant; so too in the second of two appositions joined by
    "and" ("Ana Ruiz, a teacher and a trader who felt …"), but not in a noun joined to the
    person ("Ana Ruiz and a farmer who said …": the farmer)."""
    noun = relative.head.head
    if relative.lower_ != "who" or is_person(noun):
        return noun
    up = noun
    while (up.dep_ in ("pobj", "prep", "appos") or (up.dep_ == "conj" and up.head.dep_ == "appos")) \
            and up.head.i != up.i:
        up = up.head
        if is_person(up):
            return up
    return noun


__all__ = ["SUBJECT_DEPS", "clause_before", "participle_before", "plural_verb", "relative_antecedent",
           "sentence_before", "unnamed_subject_before", "untagged_name_before"]
