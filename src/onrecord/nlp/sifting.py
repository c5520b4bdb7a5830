"""What looks like a statement and is none: the writer's own "you" and "we", a thing that
"offers" or "shows", a name for a thing, a headline, a verb the source did not do, a
content that says nothing on its own. ("Name: words" outside a transcript is ruled out
where such lines are found, in ``marked.colon_lines``.)

A fact-checker publishes "X said: …" from every statement, so a candidate that fails one of
these rules is dropped rather than shown with a caveat. Each rule is a small predicate on a
candidate; ``why_not`` names the first that holds (the tests and diagnostics read it).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Token

from . import lexicon
from .cueing import is_evidence_source
from .quotes import line_around
from .statements import NAME_TYPES, Candidate, Parse

_WORDS = lexicon.sifting_words()              # data/sifting.tsv: each list says what it is for
WRITER, PERSONAL, RELATIVES, THINGS = (_WORDS[k] for k in ("writer", "personal", "relatives", "things"))
SEEMING, ADDRESSING, SHARES, NAMING = (_WORDS[k] for k in ("seeming", "addressing", "shares", "naming"))
NOT_DONE, VAGUE, TITLE_SMALL_WORDS = _WORDS["not_done"], _WORDS["vague"], _WORDS["title_small_words"]
SUPPOSING = _WORDS["supposing"]
PEOPLE_ENDINGS = tuple(_WORDS["people_endings"])
NOUN_FRAMES = ("dobj", "xcomp", "oprd", "dobj:as")          # and every "prep:…": a noun phrase as content
SENTENCE_ENDS = tuple(".!?…:;)\"'”’»")
TITLE_WORDS = 8                                  # a longer quotation is words, whatever its case
SHORT_PARAGRAPH = 15                             # words: a link or card, not a paragraph
BULLETS = tuple("-–—•*·")


def _verb(c: Candidate) -> Token | None:
    return c.cue if c.cue is not None and c.cue.pos_ in ("VERB", "AUX") else None


def by_the_writer(c: Candidate, p: Parse) -> bool:
    """"You want …", "We hope …", "I asked …" in the article's own narration."""
    if c.subject is None or c.subject.root.dep_ == "nsubjpass":     # "I was told by X": X speaks
        return False
    word = c.subject.root.text
    return word.lower() in WRITER and word != "US" and not p.in_quote(c.subject.start_char)


def that_said(c: Candidate, p: Parse) -> bool:
    """"That said, …", "Having said that, …": a turn of the writer's phrase, not a cue."""
    verb = _verb(c)
    if verb is None or verb.lemma_.lower() != "say":
        return False
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    idiom = before is not None and before.lower_ in ("that", "this") and before.is_sent_start
    having = before is not None and before.lower_ == "having" and after is not None and after.lower_ in ("that", "this")
    return (idiom or having) and after is not None and after.text in (",", "that", "this")


def bare_infinitive(c: Candidate, p: Parse) -> bool:
    """"… help Mr. Putin maintain the image …": a cue in the base form under another verb,
    with no "to" or modal of its own, is something the subject is made or let do."""
    verb = _verb(c)
    return verb is not None and verb.tag_ == "VB" and verb.dep_ in ("ccomp", "xcomp") and not any(
        k.dep_ in ("aux", "auxpass") for k in verb.children)


def asked_of_another(c: Candidate, p: Parse) -> bool:
    """"called on the United States to attack …", "urged members to stay home": the verb
    under them is what another was asked to do, not what the subject said or did."""
    verb = _verb(c)
    if verb is None or verb.dep_ != "xcomp":
        return False
    head = verb.head
    return any(k.i < verb.i and (k.dep_ in ("dobj", "dative") or (k.dep_ == "prep" and k.lower_ in ("on", "upon")))
               for k in head.children)


def not_done(c: Candidate, p: Parse) -> bool:
    """"declined to say whether …", "did not want to say …": the source did not say it."""
    verb = _verb(c)
    if verb is None or verb.dep_ != "xcomp":
        return False
    head = verb.head
    return head.lemma_.lower() in NOT_DONE or any(k.dep_ == "neg" for k in head.children)


def supposed(c: Candidate, p: Parse) -> bool:
    """A cue in a condition or a question: "pressed her to do more if she wanted to win" says
    nothing she wanted; "asked whether he knew" nothing he knew."""
    verb = _verb(c)
    return verb is not None and any(k.dep_ == "mark" and k.lower_ in SUPPOSING for k in verb.children)


def no_source(c: Candidate, p: Parse) -> bool:
    """A finding or a noun-phrase content ("offers more than 100 games") whose subject is no
    person, body or document: "tests showed", "the phone supports". A clause or a verb
    phrase after a verb of thinking ("fears that …", "wants to …") has a mind behind it."""
    verb = _verb(c)
    framed = c.rule in ("ccomp", "around", *NOUN_FRAMES) or c.rule.startswith("prep:")
    if verb is None or c.subject is None or not framed:
        return False
    cue = lexicon.cues().get(verb.lemma_.lower())
    if cue is None:
        return False
    if cue.act == "evidence":              # "police found the body", "tests showed that …"
        return not (is_evidence_source(c.subject.root) if c.rule not in ("ccomp", "around")
                    else is_source(c.subject.root))
    if c.rule in ("ccomp", "around") and cue.act == "speech":
        return False                                         # a verb of saying: its subject spoke
    if c.rule in ("ccomp", "around") or (c.rule == "xcomp" and verb.lemma_.lower() not in SEEMING):
        # "the harbour master fears that …", "wants to …": a mind, unless "it" believes
        return c.subject.root.lower_ in THINGS
    return not is_source(c.subject.root)   # "the sets emphasize playability", "treatment seemed to"


def is_source(head: Token) -> bool:
    """A name, a personal pronoun, a role ("the minister"), a person or body ("officials",
    "the company"), a share of people ("64 percent", "most of the voters"), a document or
    survey; a relative pronoun is what it stands for ("voters who want …")."""
    if head.lower_ in RELATIVES and head.head.dep_ == "relcl" and head.head.head is not head:
        return is_source(head.head.head)
    if head.ent_type_ in NAME_TYPES or head.pos_ == "PROPN" or head.lower_ in PERSONAL or _named(head):
        return True
    lemma = head.lemma_.lower()
    if lemma in SHARES or head.pos_ == "NUM":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return whole is None or is_source(whole)
    return (lemma in lexicon.roles()[0] or lemma in lexicon.source_people() or head.lower_ in lexicon.source_people()
            or lemma in lexicon.source_nouns() or is_evidence_source(head)
            or (head.pos_ == "NOUN" and lemma.endswith(PEOPLE_ENDINGS)))


def _named(head: Token) -> bool:
    """A name the tagger took for a common noun: one the article names elsewhere ("Sanders
    has denounced …"), or, inside a sentence, a capitalised singular noun with no
    determiner ("… and Ruiz backed …"), which English does not allow a common noun."""
    if not head.is_title:
        return False
    if head.tag_ == "NN" and not head.is_sent_start and not any(
            c.dep_ in ("det", "poss", "amod", "compound") for c in head.children):
        return True
    return any(head.text in ent.text.split() for ent in head.doc.ents if ent.label_ in NAME_TYPES)


def aside_of_nobody(c: Candidate, p: Parse) -> bool:
    """A cue "set into" a sentence whose subject is somebody's thing ("his first novel"),
    not somebody: the rest of the sentence is the writer's. (A passive or a relative clause
    is never taken for such an aside: ``statements._parenthetical``.)"""
    if c.rule != "around" or c.subject is None:
        return False
    head = c.subject.root               # "his first novel" is somebody's thing, not somebody
    return head.lower_ in THINGS or (any(k.dep_ == "poss" for k in head.children) and not is_source(head))


def a_title(c: Candidate, p: Parse) -> bool:
    """"Johnston wrote “Listen to the Music”": a short quotation in title case with no
    sentence mark of its own is the name of a work (a song, a book, a show), not words said;
    without a cue, a list's commas are no sentence marks either."""
    if c.rule not in ("direct", "continued"):
        return False
    quoted = p.text[c.start:c.end].strip()
    if c.rule == "continued":               # no cue: "hits like “China Grove,” “Black Water,” …"
        quoted = quoted.rstrip(",;")
    words = quoted.split()
    if not 2 <= len(words) <= TITLE_WORDS or quoted[-1] in ".,!?…;:":      # "Yes" is an answer
        return False
    big = [w for w in words if w[:1].isalpha() and w.lower() not in TITLE_SMALL_WORDS]
    return bool(big) and words[0][:1].isupper() and all(w[:1].isupper() for w in big)


def only_the_addressee(c: Candidate, p: Parse) -> bool:
    """"Republicans questioned Morrison", "she thanked the mayor": the object is the one
    spoken to, not what was said."""
    verb = _verb(c)
    if verb is None or c.rule != "dobj" or verb.lemma_.lower() not in ADDRESSING:
        return False
    words = [t for t in p.tokens(c.start, c.end) if not t.is_punct and not t.is_space]
    heads = [t for t in words if t.head not in words or t.head is t]
    return bool(heads) and all(t.ent_type_ == "PERSON" or t.lower_ in PERSONAL or t.lower_ in ("him", "her", "them")
                               or t.lemma_.lower() in lexicon.roles()[0] for t in heads)


def naming(c: Candidate, p: Parse) -> bool:
    """"HP is called 'feather duvet lung'", "a simulation they call TNG50", "what doctors
    call …": a name for a thing, not words anyone said."""
    verb = _verb(c)
    if verb is None or verb.lemma_.lower() not in NAMING:
        return False
    passive = any(k.dep_ in ("auxpass", "nsubjpass") for k in verb.children) or (
        verb.tag_ == "VBN" and not any(k.dep_ == "nsubj" for k in verb.children))
    # "a simulation they call TNG50": the thing named is the relative clause's gap; in "who
    # called the nominee 'unfit'" the relative pronoun is the one speaking
    gap = verb.dep_ in ("relcl", "acl") and not any(
        k.dep_ == "nsubj" and k.lower_ in RELATIVES for k in verb.children)
    return passive or gap or any(k.lower_ == "what" for k in verb.children)


def passive_patient(c: Candidate, p: Parse) -> bool:
    """"Assange was accused of rape": "rape" alone is not what anyone said; a passive cue's
    noun-phrase content means nothing without its subject, unless an agent says who did it
    ("… by a former partner"). (Its subject alone, "Assange", ``marked.passive_sources``
    does not propose.)"""
    verb = _verb(c)
    if verb is None or not any(k.dep_ in ("auxpass", "nsubjpass") for k in verb.children):
        return False
    if any(k.dep_ == "agent" for k in verb.children):
        return False                 # "was accused by Clara Jensen of lying": she accused
    return c.rule in NOUN_FRAMES or c.rule.startswith("prep:")


def says_nothing(c: Candidate, p: Parse) -> bool:
    """"denied the claim", "rejected it": three words or fewer, none with a meaning of its own."""
    words = [t for t in p.tokens(c.start, c.end) if not t.is_punct and not t.is_space]
    return len(words) <= 3 and all(t.pos_ in ("DET", "PRON") or t.lower_ in VAGUE for t in words)


def not_a_sentence(c: Candidate, p: Parse, paragraphs: list[tuple[int, int]]) -> bool:
    """A hover card, a related-article link or a subheading inside the article: a short
    paragraph that ends without a sentence's closing mark ("Senators call for 5G security
    coordinator"). The article's own headline, its first paragraph, may report what was
    said ("Trump Says He Never Pledged …"); list items ("- Pollster Ann Selzer …") are
    sentences without their full stop."""
    index = bisect_right(paragraphs, (c.start, float("inf"))) - 1     # paragraphs are sorted
    if index <= 0 or c.start >= paragraphs[index][1]:
        return False
    paragraph = p.text[slice(*paragraphs[index])].strip()
    words = paragraph.split()
    return (0 < len(words) < SHORT_PARAGRAPH and not paragraph.endswith(SENTENCE_ENDS)
            and paragraph[0] not in BULLETS)


def cue_line(c: Candidate, text: str, paragraphs: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The line of its paragraph a reported candidate's cue stands on (``quotes.line_around``)."""
    bounds = c.cue_bounds
    if c.kind != "indirect" or bounds is None:
        return None
    index = bisect_right(paragraphs, (bounds[0], float("inf"))) - 1
    if index < 0 or bounds[0] >= paragraphs[index][1]:
        return None
    return line_around(text, bounds[0], paragraphs[index])


def outside_cue_line(c: Candidate, p: Parse, paragraphs: list[tuple[int, int]]) -> bool:
    """A reported content with no word on its cue's line: one related-article link's words
    read as what the next link's headline verb says ("- Gronk … ⏎ - Jones tells …")."""
    line = cue_line(c, p.text, paragraphs)
    return line is not None and (c.end <= line[0] or c.start >= line[1])


RULES: tuple[tuple[str, Callable[[Candidate, Parse], bool]], ...] = (
    ("the writer's own words", by_the_writer),
    ("the writer's turn of phrase", that_said),
    ("a verb the subject is made to do", bare_infinitive),
    ("a verb the source did not do", not_done),
    ("a verb another was asked to do", asked_of_another),
    ("a condition or a question, not a statement", supposed),
    ("no person, body or document as source", no_source),
    ("a name for a thing", naming),
    ("only the one spoken to", only_the_addressee),
    ("the title of a work", a_title),
    ("an aside that is no speaker's", aside_of_nobody),
    ("a passive's subject or object alone", passive_patient),
    ("a content that says nothing on its own", says_nothing),
)


def why_not(c: Candidate, p: Parse, paragraphs: list[tuple[int, int]]) -> str | None:
    """Why ``c`` is no statement, or None when it may be one."""
    for reason, rule in RULES:
        if rule(c, p):
            return reason
    if not_a_sentence(c, p, paragraphs):
        return "not a sentence: a heading or a page's chrome"
    if outside_cue_line(c, p, paragraphs):
        return "a content on another line than its cue"
    return None


def sift(pool: list[Candidate], p: Parse, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates that may be statements."""
    return [c for c in pool if why_not(c, p, paragraphs) is None]


__all__ = ["sift", "why_not", "is_source", "RULES"]
