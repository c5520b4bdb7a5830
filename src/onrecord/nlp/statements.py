"""Statements found in a parsed article: direct quotes, reported speech and mixed forms.

Three passes over one parse, each a small pure function, and what they share (``Candidate``,
``Parse``, cue and subject look-ups):
1. ``direct`` (in ``direct.py``): quotations with a reporting cue right after or before them.
2. ``reported``: a cue verb with its subject and its content — a clause ("stressed that …"),
   a noun phrase ("recalled the capabilities"), a verb phrase ("denies planning …"),
   "called X Y"; conjoined cues share the subject ("stated that … and complained that …").
3. ``according_to`` (in ``according.py``): "…, according to X."

Candidates carry token spans; ``speakers.py`` turns the subject into a person afterwards.
``candidates.py`` puts these passes together with the ones in ``marked.py``.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import lexicon
from .antecedents import SUBJECT_DEPS
from .cueing import entry_of, is_evidence_source, verb_group_start
from .quotes import OPENING, CLOSING, Quote
from .doctext import entity_at, is_dateline, text_of

# How likely each form of statement is an attribution: its precision (ggt@0.3) on PolNeAR
# train, rounded. A statement's confidence is this, lowered when its speaker is unresolved.
RULE_CONFIDENCE = {"direct": 0.94, "according": 0.93, "signed": 0.9, "ccomp": 0.9, "prep:as": 0.9,
                   "prep:of": 0.9, "prep:with": 0.9, "source": 0.84, "xcomp": 0.77, "oprd": 0.76,
                   "prep:about": 0.75, "prep:for": 0.73, "around": 0.8, "passive": 0.7, "continued": 0.69,
                   "colon": 0.66, "dobj": 0.62, "prep:to": 0.6, "dobj:as": 0.76}
SENTENCE_END = {".", "!", "?"}
DASHES = {"―", "—", "–", "-", "--"}
NAME_TYPES = ("PERSON", "ORG", "NORP", "GPE")
CLAUSE_MARKS = {"that", "whether", "if"}
CONDITIONS = {"if", "unless", "provided", "lest"}
CONTRASTS = {"while", "whereas"}
MAIN_VERBS = ("ROOT", "ccomp", "conj", "parataxis")
# Cues whose object is the one spoken to, never the speaker ("“…,” he told CNN's Dana Bash").
ADDRESSING = frozenset({"tell", "ask", "inform", "assure", "warn", "remind", "urge", "advise", "brief", "reassure"})
TRAILING = ("advcl", "npadvmod", "ccomp")            # what a cue adds after its clause and belongs to it


@dataclass
class Candidate:
    """A statement before its speaker is resolved (offsets into the article text)."""
    kind: str
    start: int
    end: int
    cue: Token | None
    subject: SpacySpan | None
    rule: str
    parts: list[tuple[int, int]] = field(default_factory=list)
    cue_end: int | None = None          # for multi-word cues ("summed up", "according to")
    score: float | None = None          # a trained rescorer's probability, when one is used

    @property
    def cue_bounds(self) -> tuple[int, int] | None:
        """The cue's words, with the negation and modals that stand before a cue verb
        ("did not intend"): they are part of what the article says the source did."""
        if self.cue is None:
            return None
        return verb_group_start(self.cue), self.cue_end or self.cue.idx + len(self.cue.text)


class Parse:
    """A parsed article with the look-ups the extractors share."""

    def __init__(self, doc: Doc, quotes: list[Quote], blocked: list[tuple[int, int]]):
        self.doc = doc
        self.text = text_of(doc)
        self.quotes = quotes
        self.blocked = blocked                      # headings: no cue-less quotations there
        self.starts = [t.idx for t in doc]
        self.quote_starts = [q.start for q in quotes]

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens that start within [start, end)."""
        return list(self.walk(start, end))

    def walk(self, start: int, end: int, backwards: bool = False) -> Iterator[Token]:
        """Tokens that start within [start, end), one at a time (from the end when
        ``backwards``): a reader that stops at the sentence's end reads no further."""
        i, j = bisect_right(self.starts, start - 1), bisect_right(self.starts, end - 1)
        for k in (range(j - 1, i - 1, -1) if backwards else range(i, j)):
            tok = self.doc[k]
            if not tok.is_space:
                yield tok

    def in_quote(self, char: int) -> Quote | None:
        i = bisect_right(self.quote_starts, char) - 1          # quotations are sorted, disjoint
        return self.quotes[i] if i >= 0 and char < self.quotes[i].end else None

    def is_blocked(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.blocked)


# --------------------------------------------------------------------------- helpers
def cue_of(tok: Token, frame: str | None = None) -> lexicon.Cue | None:
    """The cue entry for a verb token (optionally only if it allows ``frame``)."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    cue = entry_of(tok)
    if cue is None or (frame and frame not in cue.frames):
        return None
    return cue


def cue_end(tok: Token) -> int:
    """End of a cue with its particle ("summed up", "pointed out")."""
    prt = [c for c in tok.children if c.i == tok.i + 1 and (c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ == "back"))]
    last = prt[0] if prt else tok
    return last.idx + len(last.text)


# Words that open a clause the parser may read as a preposition ("since Clinton … cited")
CLAUSE_OPENERS = frozenset({"since", "after", "before", "until", "because", "as", "when", "while"})
# Prepositions before a date that say when something was done ("called on Tuesday")
TIME_PREPOSITIONS = frozenset({"on", "in", "at", "during", "since", "until", "by"})


def subject_of(tok: Token) -> Token | None:
    """The subject of a cue. A cue without one takes it from the verb it hangs on: a
    conjoined cue ("denies … but says …"; the nearest cue above it, as the parser often
    hangs it inside the first content), a participle ("attacked X, saying …", "began by
    saying …") or a verb phrase ("wants to say")."""
    subjects = [c for c in tok.children
                if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and c.lower_ not in ("it", "there"))]
    if subjects:          # "BERLIN -- The agency says …": the parser took the dateline for a second subject
        return next((c for c in subjects if not is_dateline(c.doc[c.left_edge.i:c.i + 1])), subjects[0])
    if tok.dep_ == "xcomp":
        return next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None)
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "by":    # "began by saying"
        return next((c for c in tok.head.head.children if c.dep_ in SUBJECT_DEPS), None)
    if tok.dep_ == "conj" and (named := _name_left_of(tok)) is not None and named.dep_ == "pobj" \
            and named.head.lower_ in CLAUSE_OPENERS:
        return named           # "targeting her since Clinton, at the debate, cited …": Clinton's clause
    if _shares_subject(tok) or (tok.dep_ in ("advcl", "conj") and tok.tag_ == "VBG"):
        for anc in tok.ancestors:
            if cue_of(anc):
                return subject_of(anc)
        return _shared_subject(tok, _conjoined_with(tok))
    return _name_left_of(tok) if tok.dep_ == "ROOT" else None


def _shared_subject(tok: Token, head: Token) -> Token | None:
    """The subject ``tok`` shares with the verb it is joined to: that verb's subject, or the
    subject of a passive one when ``tok`` is active ("Trump was forced into damage control
    and said …": Trump said it)."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is not None or tok.dep_ != "conj" or any(c.dep_ == "auxpass" for c in tok.children):
        return subject
    return next((c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ not in ("it", "there")), None)


def _name_left_of(cue: Token) -> Token | None:
    """The name just before a main cue the parser gave no subject, with an aside between
    them ("Sen. Elizabeth Warren (D-MA) said …", "Jeffrey Salkin, a rabbi helping to
    organize the boycott, said …"): the parser hung the name on the words around it."""
    doc, j = cue.doc, cue.i - 1
    floor = cue.sent.start
    if j == floor and doc[j].is_title and doc[j].head.i == cue.i and doc[j].dep_ in ("advmod", "amod", "npadvmod"):
        return doc[j]              # "Jolly said he …": a surname the tagger read as a word
    if j >= floor and doc[j].text == ")":
        j = next((k for k in range(j - 1, max(floor, j - 12) - 1, -1) if doc[k].text == "("), floor) - 1
    elif j >= floor and doc[j].text == ",":
        j = next((k for k in range(j - 1, max(floor, j - 30) - 1, -1) if doc[k].text == ","), floor) - 1
    if j < floor or doc[j].ent_type_ not in ("PERSON", "ORG") or doc[j].pos_ != "PROPN":
        return None
    ent = entity_at(doc, j)
    # a subject of a verb of its own is no name of the cue's, unless that verb is in the aside
    # (the parser's "Salkin … rabbi helping", "rabbi" taken for a verb)
    # nor is the last of a list ("…, Obama and Clinton call them"), which the rest belongs to
    if ent is None or ent.end != j + 1 or ent.root.dep_ == "conj" or (
            ent.root.dep_ in SUBJECT_DEPS and not ent.root.i < ent.root.head.i < cue.i):
        return None
    return ent.root


def _conjoined_with(tok: Token) -> Token:
    """The verb a conjoined verb shares its subject with: the one it hangs on, unless that is
    of another tense and a verb above is of its own ("Putin backpedaled on his prediction that
    Russia would pull out …, and blamed …": the parser hung "blamed" on "pull")."""
    head = tok.head
    if tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ != tok.tag_:
        return next((a for a in head.ancestors if a.tag_ == tok.tag_ and a.pos_ in ("VERB", "AUX")), head)
    return head


def _shares_subject(tok: Token) -> bool:
    """A cue with no subject of its own, conjoined or participial ("and complained", "adding")."""
    return (tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")) and cue_of(tok) is not None \
        and not any(k.dep_ in SUBJECT_DEPS for k in tok.children)


def mention_span(subj: Token) -> SpacySpan:
    """The words naming the speaker: the subject without relative clauses or asides."""
    drop = {t.i for c in subj.children if c.dep_ in ("relcl", "acl", "advcl", "punct", "appos")
            and c.i > subj.i for t in c.subtree}
    keep = [t for t in subj.subtree if t.i not in drop and not t.is_space]
    while len(keep) > 1 and keep[0].is_punct:           # "”" the parser hung on the name after it
        keep = keep[1:]
    return subj.doc[keep[0].i: keep[-1].i + 1] if keep else subj.doc[subj.i: subj.i + 1]


def trim(text: str, start: int, end: int, quotes: list[Quote]) -> tuple[int, int]:
    """Shrink a content span to its words: no edge spaces, commas, stops or stray marks."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    # keep a quotation whole: extend to its closing mark when it opens inside the span
    for q in quotes:
        if start <= q.open < end < q.close + 1:
            end = q.close + 1
        if start < q.close < end and q.open < start and not text[q.open + 1:start].strip():
            start = q.open
    return start, end


# --------------------------------------------------------------------------- reported
def _content(cue: Token, frames: tuple[str, ...]) -> tuple[int, int, str] | None:
    """Bounds of what the cue attributes, and which frame held it."""
    kids = list(cue.children)
    # a clause after the cue before one the parser hung on it from before ("Research team
    # head Jennifer Ngo-Anh says the idea …", "head" taken for a verb)
    ccomps = [c for c in kids if c.dep_ == "ccomp"]
    ccomp = next((c for c in ccomps if c.i > cue.i), ccomps[0] if ccomps else _clause_hung_on_phrase(cue))
    if ccomp is not None and "ccomp" in frames:
        return (*clause_bounds(cue, ccomp), "ccomp")
    if "oprd" in frames:                     # "called the talks useful": object + predicate
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        lone = next((c for c in kids if c.dep_ == "oprd" and c.i > cue.i), None)
        if obj is None and lone is not None:
            return lone.left_edge.idx, _right(lone), "oprd"
        if obj is not None:
            prd = next((c for c in kids if c.dep_ in ("oprd", "ccomp", "xcomp") and c.i > obj.i), None)
            if prd is not None and prd.pos_ == "PROPN" and not any(c.dep_ == "det" for c in prd.children):
                return None                  # "Everyone called him Mike": a name given, nothing said
            if prd is not None:
                return obj.left_edge.idx, _right(prd), "oprd"
            if any(c.dep_ == "amod" and c.i > obj.i for c in obj.children) or _predicate_as_apposition(obj):
                return obj.left_edge.idx, _right(obj), "oprd"     # a mis-attached predicate
            quoted = _quoted_after(obj)          # "called his rules “a step forward for the port”"
            if quoted is not None:
                return obj.left_edge.idx, quoted, "oprd"
    if "dobj:as" in frames:                  # "see black votes as key": an object and what it is seen as
        obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
        role = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i), None)
        if obj is not None and role is not None:
            return obj.left_edge.idx, _right(role), "dobj:as"
    for frame in ("xcomp", "dobj"):
        if frame in frames:
            comp = next((c for c in kids if c.dep_ == frame and c.i > cue.i), None)
            if comp is not None and comp.pos_ not in ("PRON",):
                whole = _hyphenated_whole(comp)
                return comp.left_edge.idx, _with_its_reason(cue, whole, _list_end(whole)), frame
    for frame in frames:
        if frame.startswith("prep:"):
            # "called on Tuesday on the council": "on Tuesday" says when, not what
            # "called her brother for dinner": a preposition after the object of a cue that names
            # its object as something is not that cue's "called for"
            prep = next((c for c in kids if c.dep_ == "prep" and c.lower_ == frame[5:] and not _says_when(c)
                         and not ("oprd" in frames and any(k.dep_ == "dobj" and k.i < c.i for k in kids))), None)
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
            if prep is not None and obj is not None:     # "called for X": X, without "for"
                # "called on the council to act": the one called on and what they should do
                then = next((c for c in kids if c.dep_ == "xcomp" and c.i > prep.i), None)
                return obj.left_edge.idx, _right(then if then is not None else prep), frame
            marked = _marked_clause(cue, frame[5:])
            if marked is not None:                       # "called for Trump to drop out": "for" as its mark
                return marked.left_edge.nbor().idx, _right(marked), frame
    return None


def _quoted_after(obj: Token) -> int | None:
    """The end of a quotation right after the object, the predicate the parser scattered; or
    of one that ends the object, the parser having hung it inside ("called the assault that
    killed five officers “an attack on our country”": an apposition of "officers")."""
    doc, first = obj.doc, obj.right_edge.i + 1
    if obj.right_edge.text in OPENING and obj.right_edge != obj:      # the parser gave it the mark
        first -= 1
    inner = next((t for t in obj.subtree if t.i > obj.i and t.text in OPENING), None)
    if inner is not None and first < obj.sent.end and doc[first].text not in OPENING \
            and _a_predicate(doc, inner.i):
        first = inner.i
    if first >= obj.sent.end or doc[first].text not in OPENING:
        return None
    close = next((t for t in doc[first + 1: obj.sent.end] if t.text in CLOSING and t.text != "‘"), None)
    if close is None or close.i - first < 2 or close.i < obj.right_edge.i:
        return None                   # a quotation inside the object that the object goes on past
    return close.idx + len(close.text)


def _a_predicate(doc: Doc, opening: int) -> bool:
    """Whether the quotation that opens at token ``opening`` is a noun the parser hung on a
    noun before it (an apposition), as a predicate it scattered would be; not the words of a
    verb inside the object ("the reporter who asked “why now?”")."""
    close = next((t.i for t in doc[opening + 1: doc[opening].sent.end] if t.text in CLOSING), None)
    inside = range(opening + 1, close) if close is not None else range(0)
    roots = [doc[i] for i in inside if doc[i].head.i not in inside]
    return any(r.dep_ in ("appos", "attr", "oprd") for r in roots) and all(r.is_punct or r.dep_ in (
        "appos", "attr", "oprd") for r in roots)


def _says_when(prep: Token) -> bool:
    """ "on Tuesday", "in May": a time, not what was called for ("accused him of years of
    bullying" is no time, though "years" is tagged a date)."""
    return prep.lower_ in TIME_PREPOSITIONS and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _predicate_as_apposition(obj: Token) -> bool:
    """ "called Mr. Yanukovych an outstanding leader": the parser often takes the predicate for
    an apposition of the object; a real apposition is set off by a comma ("called her
    brother, a doctor, …": whom she phoned), the predicate is not."""
    appos = next((c for c in obj.children if c.dep_ == "appos" and c.i > obj.i), None)
    return appos is not None and appos.pos_ in ("NOUN", "ADJ") \
        and not any(t.text == "," for t in obj.doc[obj.i + 1: appos.left_edge.i])


def _hyphenated_whole(comp: Token) -> Token:
    """The last piece of an object the parser split at its hyphens ("the re-emergence of a
    German colossus" as objects "re", "-" and "emergence"): the phrase goes on from there."""
    doc = comp.doc
    while comp.right_edge.i + 1 < len(doc) and not comp.right_edge.whitespace_:
        nxt = doc[comp.right_edge.i + 1]
        if nxt.head.i != comp.head.i or nxt.dep_ != comp.dep_:
            break
        comp = nxt
    return comp


def _marked_clause(cue: Token, word: str) -> Token | None:
    """A clause after the cue that opens with ``word`` as its mark, as the parser reads "for
    Trump to drop out", with a subject of its own."""
    for clause in (c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i):
        first = clause.left_edge
        if (first.dep_ == "mark" and first.lower_ == word and first.head == clause
                and any(c.dep_ in SUBJECT_DEPS for c in clause.children)):
            return clause
    return None


# Prepositions after an object that say what the object is praised, accused or taken for
OBJECT_PREDICATES = ("for", "of", "as", "over", "with", "on")


def _with_its_reason(cue: Token, obj: Token, end: int) -> int:
    """The end of an object with what the cue says of it right after ("accused Emanuel of
    covering up", "praised Trump for his speech", "described the plan as too vague",
    "congratulated her on her win"): the
    object alone would change what was said."""
    after = obj.doc[obj.right_edge.i + 1] if obj.right_edge.i + 1 < len(obj.doc) else None
    if after is not None and after.head == cue and after.dep_ == "prep" and after.lower_ in OBJECT_PREDICATES \
            and after.idx >= end and not _says_when(after):       # "congratulated her on her win", not "on Monday"
        return _right(after)
    return end


def _clause_hung_on_phrase(cue: Token) -> Token | None:
    """The that-clause the parser hung on a phrase between the cue and it, as if relative
    ("said following a vote in 2001 that he had concerns"): a relative clause has no "that"
    for its mark, only as its subject or object, so a marked one with a subject of its own
    is what was said."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
        for clause in (t for t in prep.subtree if t.dep_ == "relcl"):
            marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
            if marks and marks[0].i == clause.left_edge.i and any(c.dep_ in SUBJECT_DEPS for c in clause.children):
                return clause
    return None


# Words in the longest sentence read as one that a cue is set into: prose stays far below; a
# list or a page's debris that the parser takes for one sentence is not walked once per cue.
LONGEST_SENTENCE = 200

# what belongs to the cue's own clause in "X, he said in a statement, Y."
CUE_CLAUSE = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "prt", "prep", "npadvmod", "advmod", "dative",
              "dobj", "agent", "punct", "cc", "mark"}


def _around(cue: Token) -> tuple[int, int, str] | None:
    """A cue set into the sentence it reports ("X, he said, Y." or "X, officials said."):
    the content is the rest of the sentence, when that is a clause."""
    if len(cue.sent) > LONGEST_SENTENCE or not _parenthetical(cue):
        return None                   # a run of hundreds of words is no "X, he said, Y"
    # "Ford wrote, and wrote, and wrote": the cue said again is its own clause, not what it said
    clause = {cue.i} | {t.i for c in cue.children if c.dep_ in CUE_CLAUSE or (c.dep_ == "conj" and c.lemma_ == cue.lemma_)
                        for t in c.subtree}
    rest = [t for t in cue.sent if t.i not in clause and not t.is_space]
    while rest and rest[-1].is_punct and rest[-1].text not in CLOSING:
        rest.pop()
    while rest and rest[0].is_punct and rest[0].text not in OPENING:
        rest.pop(0)
    words = [t for t in rest if not t.is_punct]
    # a clause of its own, not a lone "Since the AirPods first launched": a main verb
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") and t.dep_ in MAIN_VERBS for t in words):
        return None
    return rest[0].idx, rest[-1].idx + len(rest[-1].text), "around"


def _parenthetical(cue: Token) -> bool:
    """Whether the cue's clause is set into its sentence ("X, he said, Y", "X, officials
    said."): not a clause of its own joined by "and" ("…, and he denied it"), with no object
    that is its content ("denied it"), no passive ("each is written in a different genre") or
    relative clause ("who wrote as Robert Jordan"), which are the writer's, and not inside
    what another cue reports."""
    if any(c.dep_ == "cc" and c.i < cue.i for c in cue.children) or (cue.dep_ == "conj" and cue.head.lemma_ == cue.lemma_):
        return False               # "…, and he denied it"; "wrote, and wrote": the cue said again
    if any(c.dep_ == "mark" and c.lower_ != "as" for c in cue.children):
        return False               # "more complicated than he suggests", "if they believed": not a frame
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children) or cue.dep_ in ("relcl", "acl"):
        return False
    if cue.dep_ == "ccomp" and cue_of(cue.head) is not None:
        return False               # "The magazine said that Trump had not replied": what another said
    return cue.lemma_.lower() in ADDRESSING or not any(c.dep_ == "dobj" for c in cue.children)


def _parts_around(text: str, start: int, end: int, cue: Token, subj: Token) -> list[tuple[int, int]]:
    """The content's pieces on either side of a cue clause set inside it."""
    clause = [t for t in (cue, *subj.subtree) if start <= t.idx < end]
    if not clause:
        return []
    left = min(t.idx for t in clause)
    right = max(t.idx + len(t.text) for t in clause)
    pieces = [(start, left), (right, end)]
    return [(a, b) for a, b in (trim(text, a, b, []) for a, b in pieces) if b > a]


def _list_end(comp: Token) -> int:
    """The end of a noun phrase with the rest of the list it opens: in "highlighted the cost
    of childcare, mounting student debt and unpaid family leave" the parser often takes
    "leave" for a verb and hangs the list elsewhere; a content cut at "childcare" would
    leave out what the source listed."""
    end, doc = _right(comp), comp.doc
    stretch: list[Token] = []
    for tok in doc[comp.right_edge.i + 1: comp.sent.end]:
        if tok.pos_ == "ADP" and tok.lower_ != "of" and any(t.pos_ == "CCONJ" for t in stretch):
            break
        stretch.append(tok)
    while stretch and stretch[-1].is_punct:
        stretch.pop()
    words = [t for t in stretch if not t.is_punct]
    # ", A and B" with A in between: ", and the council voted" opens a clause, not a list
    if (not stretch or stretch[0].text != "," or not words or words[0].pos_ == "CCONJ"
            or not any(t.lower_ in ("and", "or") for t in words)):
        return end
    if len(words) > 12 or any(t.pos_ in ("PRON", "SCONJ", "AUX") or t.lower_ in ("that", "which", "who")
                              or (t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN")
                                  and (t is not words[-1] or t.tag_ == "VBD"))
                              for t in words):
        return end
    return stretch[-1].idx + len(stretch[-1].text)


def _right(tok: Token) -> int:
    last = tok.right_edge
    return last.idx + len(last.text)


def clause_bounds(cue: Token, clause: Token) -> tuple[int, int]:
    """A that-clause without its "that", cut before a cue that shares the speaker
    ("… and complained that …", "…, adding that …"): that cue makes its own statement."""
    cut = {t.i for c in clause.subtree if _shares_subject(c) or _contrast(c) or _conjoined_report(c, clause)
           for t in c.subtree}
    more = [c for c in cue.children if c.i > clause.i and _another_that_clause(c)]
    # what the cue adds after its clause belongs to a content that follows the cue; after
    # "X, the minister said Thursday" it is the writer's "Thursday"
    tail = [t for c in cue.children if c.i > clause.i > cue.i and (c in more or (
            c.dep_ in TRAILING and (c.dep_ == "ccomp" or not cue_of(c)) and not _writers_clause(c)
            and not _conjoined_report(c, clause)))
            for t in c.subtree]                    # "said X, should the chance come": one content
    cut |= {t.i for c in cue.children if c.i > clause.i and c not in more
            and (_shares_subject(c) or c.dep_ == "conj") for t in c.subtree}
    stop = min(cut, default=len(cue.doc))
    toks = [t for t in (*clause.subtree, *tail) if t.i < stop and not t.is_space and t.i != cue.i]
    toks.sort(key=lambda t: t.i)
    if toks and toks[0].lower_ in CLAUSE_MARKS and toks[0].dep_ == "mark":
        toks = toks[1:]
    while toks and toks[-1].dep_ in ("cc", "punct") and toks[-1].text not in CLOSING:
        toks = toks[:-1]
    if not toks:
        return clause.idx, clause.idx
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _conjoined_report(conj: Token, clause: Token) -> bool:
    """ "said Clinton is honest, and three-quarters said the same of Sanders": a clause joined
    to the content by "and"/"but", with a subject and a cue of its own, is the writer's report
    of another statement, not more of this one (the parser hangs it on the content or, as a
    second complement, on the cue)."""
    if conj == clause or conj.dep_ not in ("conj", "ccomp") or cue_of(conj) is None \
            or not any(c.dep_ == "nsubj" for c in conj.children) \
            or any(c.dep_ == "mark" or c.tag_ in ("WRB", "WP") for c in conj.children):
        return False
    joined = conj.head if conj.dep_ == "conj" else clause
    if conj.dep_ == "ccomp" and conj.head != clause.head:
        return False
    between = conj.doc[joined.i + 1: conj.left_edge.i]
    return any(t.dep_ == "cc" and t.head in (joined, conj) for t in between)


def _another_that_clause(conj: Token) -> bool:
    """ "said that A, and that B": a second that-clause the parser hung on the cue, with a
    subject of its own, is more of the same content."""
    return conj.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in conj.children) \
        and any(c.dep_ in SUBJECT_DEPS for c in conj.children)


def _contrast(clause: Token) -> bool:
    """", while the Arab League condemned …": a contrast set after a comma, with a subject of
    its own, is the writer's juxtaposition, not more of what was said."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "nsubj" for c in clause.children):
        return False
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    return (mark is not None and mark.lower_ in CONTRASTS and mark.i > 0
            and clause.doc[mark.i - 1].text in (",", ";", "—", "–"))


def _writers_clause(clause: Token) -> bool:
    """A clause hung on the cue that tells of something else ("said X, while the League
    condemned Y", "said X after the meeting ended"): the writer's, not the content's; a
    condition ("if", "unless", "should the chance come") stays with what was said."""
    mark = next((c for c in clause.children if c.dep_ == "mark"), None)
    return mark is not None and mark.lower_ not in CONDITIONS


def reported(p: Parse, taken: set[int], wide: bool = False) -> list[Candidate]:
    """Reported statements for every cue verb not already used by a direct quote; ``wide``
    also tries every verb with a subject and a clause, for a trained rescorer to judge."""
    out = []
    for tok in p.doc:
        entry = cue_of(tok) or (_any_verb(tok) if wide else None)
        if entry is None or tok.i in taken or p.in_quote(tok.idx):
            continue
        subj = subject_of(tok)
        found = _content(tok, entry.frames) or (_around(tok) if _may_be_set_in(entry, subj) else None)
        if found is None or (subj is None and not _unsaid_speaker(tok)):
            continue
        found = _before_quoted_cue(p, found, taken)
        start, end = trim(p.text, found[0], found[1], p.quotes)
        parts = _parts_around(p.text, start, end, tok, subj) if found[2] == "around" and subj else []
        if end - start < 3 or (subj is not None and start <= subj.idx < end and len(parts) < 2):
            continue
        kind = kind_of(p, start, end)
        if kind == "direct":
            q = next(q for q in p.quotes if q.open == start)
            start, end = q.start, q.end
        mention = mention_span(subj) if subj is not None else None
        out.append(Candidate(kind, start, end, tok, mention, found[2], parts, cue_end(tok)))
    return out


def _before_quoted_cue(p: Parse, found: tuple[int, int, str], taken: set[int]) -> tuple[int, int, str]:
    """A content ends before the clause of a cue that introduces a quotation of its own ("said
    the port was closed, and when asked …, he said, “I hope not.”"): the parser ran them into
    one, and that clause is the writer's account of another statement."""
    inner = next((t for t in p.tokens(found[0], found[1]) if t.i in taken), None)
    if inner is None:
        return found
    top = inner
    while top.head.i != top.i and top.head.left_edge.idx > found[0]:
        top = top.head
    words = [t for t in p.tokens(found[0], top.left_edge.idx) if not t.is_space]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    if not words:
        return found                     # "said that Ruiz told him “…”": the quotation is what was said
    return found[0], words[-1].idx + len(words[-1].text), found[2]


def _may_be_set_in(entry: lexicon.Cue, subj: Token | None) -> bool:
    """Whether a cue may be set into the sentence it reports: speech ("X, he said, Y"), and
    evidence whose subject is a poll or records ("What is less certain, the survey shows, is
    whether …"), not any thing that "shows"."""
    if "ccomp" not in entry.frames:
        return False
    return entry.act == "speech" or (entry.act == "evidence" and subj is not None and is_evidence_source(subj))


def _any_verb(tok: Token) -> lexicon.Cue | None:
    if tok.pos_ != "VERB" or not any(c.dep_ == "ccomp" for c in tok.children):
        return None
    return lexicon.Cue(tok.lemma_.lower(), ("ccomp",), "speech")


def _unsaid_speaker(cue: Token) -> bool:
    """A participle cue whose speaker the sentence leaves out ("When asked whether …")."""
    return cue.tag_ == "VBN" and cue.dep_ in ("advcl", "ROOT") and not any(
        c.dep_ in ("auxpass", "aux", "agent") for c in cue.children)


def kind_of(p: Parse, start: int, end: int) -> str:
    """direct when the content is one quotation, mixed when it quotes some words."""
    inner = [q for q in p.quotes if start <= q.open and q.close < end]
    if len(inner) == 1 and inner[0].open == start and inner[0].close >= end - 2:
        return "direct"
    return "mixed" if inner else "indirect"


def overlaps(a: Candidate, b: Candidate) -> bool:
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0.5 * min(a.end - a.start, b.end - b.start)
