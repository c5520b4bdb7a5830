"""Speakers that are documents or bodies: whose a poll, a statement or an ad is ("a
Quinnipiac poll", "the Post's report", "the study" after "a Reuters survey"), whose "his
campaign" is, and which organisation "the court" is."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan, Token

from . import lexicon
from .resolution import NOBODY, SURENESS, Resolution, as_found

if TYPE_CHECKING:
    from .speakers import SpeakerResolver

GROUP_HEADS = frozenset({"campaign", "administration"})   # "Kasich's campaign" -> "Kasich campaign"
DOCUMENT_WINDOW = 5        # sentences back in which "the poll" finds the poll it is
FAR_DOCUMENT_WINDOW = 40   # … or the one poll with a maker, when the article names only one
_ORGANISATION_NOUNS = lexicon.organisation_nouns()
NEWEST = frozenset({"new", "newest", "latest", "recent"})
# "the city of Phoenix" is Phoenix speaking
PLACE_NOUNS = frozenset({"city", "state", "town", "county", "province", "country", "village", "republic",
                         "kingdom", "commonwealth"})


def maker(res: "SpeakerResolver", document: Token, at: int, content: tuple[int, int] | None) -> Resolution:
    """Whose a document is: its owner ("Sanders' email", "the Post's report") or the maker
    named before it ("a Quinnipiac poll"); a document with neither speaks for no one."""
    owner = next((c for c in document.children if c.dep_ == "poss"), None)
    if owner is not None:
        found = res.identify(noun_phrase(owner), at, content)
        return as_found(found, found.how or "name") if found else NOBODY
    found = makers_of(res, document)
    if not found and _definite(document):
        return document_before(res, document)
    if not found and _indefinite(document):
        return document_after(res, document)
    return found


def makers_of(res: "SpeakerResolver", document: Token) -> Resolution:
    """The makers a document names: before it ("a Wall Street Journal/NBC News poll": both),
    or after it by "from" or "by" ("a poll from Florida Atlantic University", "a count by The
    Associated Press", "polls compiled by Real Clear Politics")."""
    makers: list[str] = []
    span = None
    for child in _maker_words(document):
        prof = res.profile_of(child)
        if prof is not None and prof.type in ("ORG", "PERSON"):
            span = span or next(((a, b) for a, b in prof.spans if a <= child.idx < b), None)
            makers += [p for p in (_in_full(res, m) for m in _makers_in(prof.name, document)) if p not in makers]
        elif prof is None and (body := body_name(res, child)):
            span = span or body.antecedent                           # "the US military said in a statement"
            makers += [n for n in body.names if n not in makers]
    return Resolution(tuple(makers), "name", span, SURENESS["name"] - 0.1) if makers else NOBODY


MAKER_PREPOSITIONS = frozenset({"from", "by"})
# "Associated Press-GfK", "Post-ABC": a hyphen between two capitalised names
_JOINED_MAKERS = re.compile(r"(?<=[A-Za-z.])-(?=[A-Z])")


def _in_full(res: "SpeakerResolver", part: str) -> str:
    """A maker's name as the article writes it in full elsewhere ("Post" of "Post-ABC" is The
    Washington Post when the article names it), else as it stands."""
    full = [name for name, prof in res.profiles.items() if prof.type == "ORG" and name.endswith(" " + part)]
    return full[0] if len(full) == 1 else part


def _makers_in(name: str, document: Token) -> list[str]:
    """The makers one name of a document's maker holds: "Wall Street Journal/NBC News" is two;
    so is "Associated Press-GfK" when it made a poll, which pollsters make together (a
    company's name may have a hyphen: "Hewlett-Packard said in a statement")."""
    parts = [p.strip() for p in name.split("/")]
    if "poll" in lexicon.document_kinds().get(document.lemma_.lower(), ()):
        parts = [q.strip() for p in parts for q in _JOINED_MAKERS.split(p)]
    return [p for p in parts if len(p) > 1]


def _maker_words(document: Token) -> list[Token]:
    """The words that may name a document's maker: its compounds, the subject that made it
    ("The museum issued a statement") or spoke in it ("the army said in a statement"), the object of its "from" or
    "by", the agent of a participle made of it ("compiled by"); through "of" when the document
    is a count of others ("the average of recent polls compiled by …")."""
    found = [c for c in document.children if c.dep_ in ("compound", "nmod")]
    # "NBC/Wall Street Journal poll": the parser may hang one maker on the other's name
    found += [t for c in list(found) for t in c.lefts if t.dep_ in ("compound", "nmod") and t not in found]
    if document.dep_ == "dobj" and document.head.lemma_.lower() in lexicon.document_verbs():
        found += [c for c in document.head.children if c.dep_ == "nsubj"]     # "X issued a statement"
    elif document.dep_ == "pobj" and document.head.lower_ == "in" and document.head.head.lemma_.lower() in lexicon.cues():
        found += [c for c in document.head.head.children if c.dep_ == "nsubj"]  # "X said in a statement"
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in MAKER_PREPOSITIONS:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            found += [o for a in child.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        elif child.dep_ == "prep" and child.lower_ == "of" and not found:
            found += [w for o in child.children if o.dep_ == "pobj" and is_document(o) for w in _maker_words(o)]
    return sorted(found, key=lambda t: t.i)        # the makers in the order written


def is_document(tok: Token) -> bool:
    """A noun of a document or of evidence: a statement, a poll, a count, figures."""
    lemma = tok.lemma_.lower()
    return lemma in lexicon.source_nouns() or lemma in lexicon.evidence_sources() or tok.lower_ in lexicon.evidence_sources()


def document_before(res: "SpeakerResolver", document: Token) -> Resolution:
    """ "The poll", "the study": the last document the article gave a maker, within a few
    sentences ("a recent Reuters survey … The study found" is Reuters'), or further back the
    one such document the article gave a maker, if it gave only one."""
    starts, here = res.index.sentence_starts, res.index.sentence_of(document.idx)
    near, far = starts[max(0, here - DOCUMENT_WINDOW)], starts[max(0, here - FAR_DOCUMENT_WINDOW)]
    newest = is_newest(document)
    earlier: dict[tuple[str, ...], Resolution] = {}
    unnamed_since = False
    for tok in reversed(res.doc[: document.i]):
        if tok.idx < far:
            break
        if not (is_document(tok) and _same_kind(tok, document) and (not newest or is_newest(tok))):
            continue
        found = makers_of(res, tok)
        if found and tok.idx >= near:
            return as_found(found, "descriptor")
        if found:
            earlier.setdefault(found.names, found)
        elif not earlier and _indefinite(tok):
            unnamed_since = True          # "another poll" came after the one with a maker
    # further back, the one such document the article gave a maker ("Poll: …" articles about one poll)
    if len(earlier) != 1 or unnamed_since:
        return NOBODY
    return as_found(next(iter(earlier.values())), "descriptor")


def document_after(res: "SpeakerResolver", document: Token) -> Resolution:
    """ "A new poll": the document the next sentence calls "the poll" (or "the survey") and
    gives a maker ("… according to a new poll. The survey, conducted by the Public Policy
    Institute of California, …")."""
    end = document.sent.end
    if end >= len(res.doc):
        return NOBODY
    for tok in res.doc[end].sent:
        if is_document(tok) and _same_kind(document, tok):
            found = makers_of(res, tok) if _definite(tok) else NOBODY
            return as_found(found, "descriptor") if found else NOBODY
    return NOBODY


def _definite(document: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in document.children)


def _indefinite(document: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in document.children)


def _same_kind(earlier: Token, document: Token) -> bool:
    """Whether ``document`` may be the ``earlier`` one: the same noun, or nouns of one kind
    ("a Reuters poll … the survey"); a speech is no survey."""
    a, b = earlier.lemma_.lower(), document.lemma_.lower()
    kinds = lexicon.document_kinds()
    return a == b or bool(kinds.get(a, frozenset()) & kinds.get(b, frozenset()))


def is_newest(document: Token) -> bool:
    """Whether a document is called the newest ("the new poll" is not last month's poll)."""
    return any(c.dep_ == "amod" and c.lower_ in NEWEST for c in document.children)


def group_name(res: "SpeakerResolver", head: Token) -> Resolution:
    """ "Kasich's campaign", "the Clinton campaign": the campaign named after its person."""
    if head.lower_ not in GROUP_HEADS:
        return NOBODY
    for child in head.children:
        prof = res.profile_of(child)
        if child.dep_ in ("poss", "compound", "amod") \
                and prof is not None and prof.type == "PERSON":
            name = f"{prof.name.split()[-1]} {head.lower_}"
            return Resolution((name,), "name", (child.idx, head.idx + len(head.text)), SURENESS["name"] - 0.1)
    return NOBODY


def government_of(res: "SpeakerResolver", head: Token) -> Resolution:
    """ "The Saudi government", "the government of Norway", "the city of Phoenix": the one
    country (or state, or city) whose government it is speaks; "the government" alone names
    none."""
    of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if head.lower_ == "government":       # "the Beijing government" is China's
        words = [c for c in head.children if c.dep_ in ("amod", "compound")] + of
        places = {country: tok for tok in words if (country := res.country_of(tok))}
    elif head.lower_ in PLACE_NOUNS:      # "the city of Beijing" is the city
        places = {prof.name: tok for tok in of if (prof := res.profile_of(tok)) and prof.type == "GPE"}
    else:
        return NOBODY
    if len(places) != 1:
        return NOBODY
    ((place, tok),) = places.items()
    return Resolution((place,), "name", (tok.idx, tok.idx + len(tok.text)), SURENESS["name"] - 0.1)


def state_body(res: "SpeakerResolver", head: Token) -> Resolution:
    """ "The US military", "Russia's foreign ministry", "the French embassy": a body of one
    country speaks, named as written (without its article); "the ministry" alone names none."""
    if head.lower_ not in lexicon.state_bodies() or head.tag_ not in ("NN", "NNP"):
        return NOBODY
    before = [c for c in head.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")]
    countries = {country for c in before if (country := res.country_of(c))}
    if len(countries) != 1:
        return NOBODY
    first = min(before, key=lambda c: c.i)
    start = first.left_edge.i if first.dep_ == "poss" else first.i
    while res.doc[start].dep_ == "det":
        start += 1
    words = res.doc[start:head.i + 1]
    return Resolution((words.text,), "name", (words.start_char, words.end_char), SURENESS["name"] - 0.1)


def body_name(res: "SpeakerResolver", head: Token) -> Resolution:
    """The name of a body the article writes by what it is: a person's campaign, a country's
    government, a city, a state's ministry or army."""
    return group_name(res, head) or government_of(res, head) or state_body(res, head)


def group_before(res: "SpeakerResolver", head: Token) -> Resolution:
    """ "The campaign": the one campaign the article named by its person within a few
    sentences before ("The Trump campaign is buying ads … The campaign expects …")."""
    floor = res.index.sentence_starts[max(0, res.index.sentence_of(head.idx) - DOCUMENT_WINDOW)]
    start = res.doc.char_span(floor, floor + 1, alignment_mode="expand")
    words = res.doc[start.start if start is not None else 0: head.i]      # the window only, not the article
    found = {named.names: named for tok in words if tok.lower_ == head.lower_ and (named := group_name(res, tok))}
    if len(found) != 1:
        return NOBODY
    (named,) = found.values()
    return Resolution(named.names, "descriptor", named.antecedent, SURENESS["descriptor"] - 0.1)


def groups_named(res: "SpeakerResolver", word: str) -> set[str]:
    """Every campaign (or administration) the article names by its person ("Trump campaign")."""
    return {n for tok in res.doc if tok.lower_ == word and (named := group_name(res, tok)) for n in named.names}


def organisation_by_noun(res: "SpeakerResolver", mention: SpacySpan, at: int) -> Resolution:
    """ "the court", "the bank": the one organisation named before whose name has that noun
    for its head ("the Supreme Court", "the Commission on Presidential Debates") or that the
    article called so ("Wells Fargo, the bank")."""
    head = mention.root
    if head.pos_ != "NOUN" or mention[0].lower_ != "the":
        return NOBODY
    noun = head.lemma_.lower()
    fits = [p for p in res.profiles.values() if p.type in ("ORG", "GPE") and p.first_at < at and (
            noun in p.kinds or (p.type == "ORG" and _name_head(p.name).rstrip("s") == noun.rstrip("s")))]
    if len(mention) != 2 or not fits:
        return organisation_just_named(res, mention, at)
    if len(fits) != 1:
        return NOBODY
    return Resolution((fits[0].name,), "descriptor", res._naming_span(fits[0], at), SURENESS["descriptor"])


def organisation_just_named(res: "SpeakerResolver", mention: SpacySpan, at: int) -> Resolution:
    """ "Volkswagen is showing … The German automaker says …", "CNBC reported … The news
    organization said": a noun any organisation of its kind may be called is the organisation
    clearly most salient just before (``salience``), when the article has not called another
    one so, nor used the noun before. A rival, a parent or a business noun for a party or a court
    is no one."""
    words = _ORGANISATION_NOUNS
    head, first = mention.root, mention[0]
    noun = head.lemma_.lower()
    business = noun in words["firms"]
    if first.lower_ != "the" or head.i != mention.end - 1 or not (business or noun in words["bodies"]):
        return NOBODY
    between = mention[1:-1]
    if any(t.lower_ in words["others"] or t.pos_ in ("DET", "NUM")
           or getattr(res.profile_of(t), "type", "NORP") != "NORP" for t in between):
        return NOBODY          # "the rival company", "the Apple unit": someone else, or named already

    def fits(name: str) -> float:
        prof = res.profiles.get(name)
        if prof is None or prof.type != "ORG" or (prof.kinds and noun not in prof.kinds) \
                or lexicon.lexicon_key(name).rstrip("s") == noun.rstrip("s"):
            return 0.0         # "The Bank opened … The bank said": the noun, capitalised, is no name
        return 0.0 if business and words["not_firms"] & set(lexicon.lexicon_key(name).split()) else 1.0

    choice = res.index.choose(at, fits)
    if choice is None or choice.minor or _noun_used_for_another(res, mention, choice.referent):
        return NOBODY
    return Resolution((choice.referent,), "descriptor", (choice.mention.start, choice.mention.end),
                      SURENESS["descriptor"])


SPEAKING_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"})


def spoken_for(res: "SpeakerResolver", mention: SpacySpan) -> Resolution:
    """ "A Twitter spokesman", "a spokeswoman for YouTube": an unnamed spokesperson of an
    organisation speaks for it, and the organisation is whom the article quotes. Not of a
    person ("a spokesman for Clinton" is someone else than Clinton), nor of two bodies."""
    head = mention.root
    if head.lower_ not in SPEAKING_FOR:
        return NOBODY
    owners = [t for t in head.children if t.dep_ in ("compound", "poss")]
    owners += [o for p in head.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
               for o in p.children if o.dep_ == "pobj"]
    owners += [c for t in owners for c in t.conjuncts]
    bodies = {prof.name: t for t in owners if (prof := res.profile_of(t)) is not None and prof.type == "ORG"}
    if len(bodies) != 1 or len(owners) != len(bodies):
        return NOBODY
    (name, tok), = bodies.items()
    span = next(((a, b) for a, b in res.profiles[name].spans if a <= tok.idx < b), None)
    return Resolution((name,), "descriptor", span, SURENESS["descriptor"])


def _noun_used_for_another(res: "SpeakerResolver", mention: SpacySpan, referent: str) -> bool:
    """Whether the article used the mention's noun before other than for ``referent`` ("the
    high-earning group … The group also views"): the noun may go on meaning that."""
    noun = mention.root.lemma_.lower()
    resolved = [(m.start, m.end) for m in res.index.between(0, mention.start_char) if m.referent == referent]
    return any(t.lemma_.lower() == noun and not any(s <= t.idx < e for s, e in resolved)
               for t in mention.doc[:mention.start])


def _name_head(name: str) -> str:
    """The head word of an organisation's name of two words or more: its last before "of",
    "on" or "for" ("commission" of "Commission on Presidential Debates"), else its last."""
    words = lexicon.lexicon_key(name).split()
    if len(words) < 2:
        return ""
    cut = next((k for k, w in enumerate(words) if w in ("of", "on", "for") and k > 0), len(words))
    return words[cut - 1]


def noun_phrase(tok: Token) -> SpacySpan:
    """A noun with the words before it ("the former secretary of state" stops at its head)."""
    return tok.doc[tok.left_edge.i: tok.i + 1]


__all__ = ["GROUP_HEADS", "body_name", "document_before", "group_before", "group_name", "is_document", "is_newest", "maker", "makers_of", "noun_phrase",
           "organisation_by_noun", "organisation_just_named", "spoken_for"]
