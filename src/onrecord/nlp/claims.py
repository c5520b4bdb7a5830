"""Claims: whose quantity an amount is, and who claims it.

An amount's ``about`` is the span naming whose quantity it is, read off the parse:

1. a possessor of the counted noun: "Russia's 100,000 troops" → Russia;
2. the subject of the clause whose verb governs the amount: "Russia has deployed more than
   100,000 troops" → Russia; a relative pronoun stands for what it refers to ("it was Ukraine
   that had concentrated 100,000 troops" → Ukraine); a passive verb's agent counts as its
   subject ("100,000 troops were deployed by Russia"), and so does the subject of a relative clause
   that has the counted noun as its object ("the 100,000 troops that Russia deployed");
   a name the amount stands beside ("Donald Trump, 70");
3. an "of"-phrase: "a budget of $2 billion for the city" → the city (the budget's owner, or the
   subject of the clause holding "a budget"); "10 percent of Americans" → Americans.

Anything else is None: precision comes first, so personal pronouns, an amount that is itself
the subject, a place or time ("in two states"), two amounts of one verb ("leads 47 percent
to 41 percent": whose is which?) and durations outside "lasted / took …" ("he spoke for six
hours" is no quantity of his) get no ``about``.

``claimed_by`` is the resolved speaker of the statement holding the amount; None when the
outlet says it in its own words or the speaker is unknown.
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from ..model import Amount, Span, Statement
from .dates import date_words
from .doctext import text_of

# The amount is the verb's own complement: its object, an attribute, a measure ("lasted six hours").
_COMPLEMENTS = frozenset({"dobj", "attr", "npadvmod", "oprd", "dative", "acomp"})
# A clause whose subject is also the subject of the clause it hangs from ("plans to deploy").
_SHARED_SUBJECT = frozenset({"xcomp", "conj"})
_SUBJECTS = frozenset({"nsubj", "csubj"})
# Right-hand dependents that still belong to a subject's phrase ("the government of Ukraine",
# "Russia and Belarus").
_PHRASE_RIGHT = frozenset({"compound", "flat", "cc", "conj"})
# A duration is some subject's only when the verb measures it: "the talks lasted six hours".
_LASTING = frozenset({"last", "take", "run", "continue", "span", "drag"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
# Prepositions through which a verb measures its subject: "by" any amount ("led by 5 points"),
# the others only sums and shares ("fell to 40 percent", "stood at $2 billion"), for they also
# say where ("moved to the 447 members", "at one point"); "in", "on" and the rest never measure.
_MEASURING = frozenset({"by", "to", "from", "at"})
_MEASURING_ANY = frozenset({"by"})
_SHARES = frozenset({"percent", "percentage points"})   # "10 percent of Americans"
_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


def attach_claims(doc: Doc, amounts: list[Amount], statements: list[Statement]) -> list[Amount]:
    """``amounts`` with ``about`` (whose quantity) and ``claimed_by`` (who says so) set."""
    speakers = {s.id: s.speaker.name for s in statements}
    out = []
    for amount in amounts:
        about = _about(doc, amount)
        claimed_by = speakers.get(amount.statement) if amount.statement else None
        out.append(dataclasses.replace(amount, about=about, claimed_by=claimed_by))
    return out


def _about(doc: Doc, amount: Amount) -> Span | None:
    span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    duration = _is_duration(amount, root)
    owner = _possessor(root) if not duration else None
    if owner is None:
        owner = _clause_subject(root, duration, _is_sum_or_share(amount))
    if owner is None and not duration:
        owner = _of_phrase(root, amount)
    if owner is None:
        return None
    start, end = _phrase(owner)
    if start >= amount.start and end <= amount.end:
        return None                    # the amount's own words name nothing else
    return Span.of(text_of(doc), start, end)


def _is_duration(amount: Amount, root: Token) -> bool:
    units = date_words().get("unit", frozenset())
    unit = (amount.unit or "").lower()
    return unit in units or unit.rstrip("s") in units or root.lemma_.lower() in units


def _possessor(noun: Token) -> Token | None:
    """"Russia's 100,000 troops", "the army's 100,000 troops" → the possessor, if a name or a noun."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    return _named(poss)


def _is_sum_or_share(amount: Amount) -> bool:
    unit = amount.unit or ""
    return unit.isupper() or unit.lower() in _SHARES      # currency codes ("USD"), percent


def _clause_subject(root: Token, duration: bool, sum_or_share: bool) -> Token | None:
    """The subject of the clause whose verb takes the amount as its complement."""
    if any(c.dep_ in ("nmod", "compound") and c.pos_ == "PROPN" and c.i < root.i for c in root.children):
        return None                    # "HuffPollster 4.3 points": a list whose verb is elided
    tok = root
    if tok.dep_ == "appos":            # "Donald Trump, 70"; "Gary Johnson 3 percent"
        bare = root.like_num or root.lower_ in _SHARES
        return _named(tok.head) if bare and not duration and tok.head.pos_ == "PROPN" else None
    while tok.dep_ == "conj" and _is_amount(tok.head):   # "100,000 troops and 500 tanks"
        tok = tok.head
    verb = None
    if tok.dep_ in _COMPLEMENTS:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep" and _is_verb(tok.head.head):
        measuring = _MEASURING if sum_or_share else _MEASURING_ANY
        if tok.head.lower_ not in measuring or _is_passive(tok.head.head) and tok.head.lower_ == "by":
            return None                # "in two states" says where; "damaged by one estimate" who
        verb = tok.head.head           # "rose by 5 percent", "stood at 200,000"
    elif tok.dep_ == "nsubjpass":
        verb = tok.head                # "100,000 troops were deployed by Russia": the agent
        return None if duration else _agent(verb)
    if verb is None or not _is_verb(verb):
        return _relative_clause_subject(tok) if not duration and tok.dep_ != "pobj" else None
    if duration and verb.lemma_.lower() not in _LASTING:
        return None
    if _other_amounts(verb, tok):
        return None                    # "leading Clinton 47.1 percent to 41.7 percent": whose is which?
    return _subject_of(verb)


def _other_amounts(verb: Token, tok: Token) -> bool:
    """Whether ``verb`` governs an amount besides ``tok``, directly or through a preposition."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _MEASURING:
            child = next((g for g in child.children if g.dep_ == "pobj"), child)
        if (child.i != tok.i and child.dep_ in (_COMPLEMENTS | {"pobj"}) and _is_amount(child)
                and child.ent_type_ not in ("DATE", "TIME")):
            return True
    return False


def _is_amount(tok: Token) -> bool:
    """A number, or a noun it counts ("38 percent support" counts through "percent")."""
    return tok.like_num or any(c.dep_ == "nummod" or c.dep_ == "compound" and _is_amount(c) for c in tok.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _relative_clause_subject(noun: Token) -> Token | None:
    """"the 100,000 troops that Russia deployed" → Russia."""
    for clause in noun.children:
        if clause.dep_ == "relcl":
            objects = [c for c in clause.children if c.dep_ == "dobj" and c.lower_ in _RELATIVE]
            if objects or not any(c.dep_ in ("dobj", "nsubj") for c in clause.children):
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.lower_ not in _RELATIVE:
                    return _named(subject)
    return None


def _subject_of(verb: Token) -> Token | None:
    for _ in range(4):                 # climb through "plans to deploy", "has deployed and kept"
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            return _antecedent(subject, verb)
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return _agent(verb)
        if verb.dep_ not in _SHARED_SUBJECT or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _antecedent(subject: Token, verb: Token) -> Token | None:
    """What a relative pronoun subject stands for; other pronouns are not resolved."""
    if subject.lower_ not in _RELATIVE:
        return _named(subject)
    if verb.dep_ == "relcl":
        return _named(verb.head)
    head = verb.head                   # a cleft: "it was Ukraine that had concentrated …"
    if head.lemma_ == "be" and any(c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children):
        focus = next((c for c in head.children if c.dep_ == "attr" and c.i < verb.i), None)
        return _named(focus)
    return None


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            return _named(next((c for c in child.children if c.dep_ == "pobj"), None))
    return None


def _of_phrase(root: Token, amount: Amount) -> Token | None:
    """"a budget of $2 billion for the city" → the city; "10 percent of Americans" → Americans.
    Only sums and shares: "the systems of 20 states" are not the states' quantity."""
    head = root.head
    share = (amount.unit or "").lower() in _SHARES
    after_noun = root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN")
    if after_noun and _is_sum_or_share(amount):
        measured = head.head           # "a budget": whose? its owner, else the clause's subject
        owner = _possessor(measured)
        if owner is None:
            owner = next((_named(g) for p in measured.children if p.dep_ == "prep" and p.lower_ == "for"
                          for g in p.children if g.dep_ == "pobj"), None)
        if owner is None and measured.dep_ in _COMPLEMENTS and _is_verb(measured.head):
            owner = _subject_of(measured.head)
        return owner
    if not share and not root.like_num:
        return None                    # "100,000 of its troops", "two of the victims"
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            whole = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if whole is not None:
                return _possessor(whole) or _named(whole)
    return None


def _named(tok: Token | None) -> Token | None:
    """``tok`` if it can say whose quantity something is: a noun or a name, not a pronoun,
    a number or a date."""
    if tok is None or tok.pos_ in ("PRON", "NUM", "DET") or tok.like_num:
        return None
    if tok.ent_type_ in ("DATE", "TIME"):
        return None                    # "this past weekend" misparsed as a subject
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    return tok


def _is_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _phrase(head: Token) -> tuple[int, int]:
    """(start, end) characters of the noun phrase headed by ``head``: its left dependents,
    then "of" phrases, compounds and conjuncts to the right, never a relative clause."""
    doc = head.doc
    left = head.left_edge
    for tok in doc[left.i:head.i]:
        if _breaks(tok):               # "herself - Sharon Werner": the phrase starts after the dash
            left = doc[tok.i + 1]
    while left.i < head.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    right = head
    for child in head.rights:
        of = child.dep_ == "prep" and child.lower_ == "of"
        if child.dep_ not in _PHRASE_RIGHT and not of:
            break
        right = child.right_edge
    while right.i > head.i and (right.is_punct or right.is_space):
        right = doc[right.i - 1]
    return left.idx, right.idx + len(right.text)


def _breaks(tok: Token) -> bool:
    """Punctuation that ends a phrase: a comma, a colon, a dash standing apart ("coal- and
    gas-fired" keeps its hyphens)."""
    if tok.text in (",", ";", ":", "(", ")", "[", "]"):
        return True
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.is_punct and tok.text in _DASHES and before is not None and bool(before.whitespace_)


__all__ = ["attach_claims"]
