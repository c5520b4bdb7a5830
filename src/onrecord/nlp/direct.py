"""Direct quotations: quotations (found on characters) with a reporting cue right after or
right before them — "“…,” Macron stated.", "He said: “…”", a quote split around its cue
"“…,” he said, “…”" (one statement, two parts) and a quote that runs on into the next
paragraph. A quotation standing alone (whole sentences, no cue) right after another
statement continues that speaker's words."""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Span as SpacySpan, Token

from . import lexicon
from .antecedents import SUBJECT_DEPS
from .doctext import entity_at
from .quotes import OPENING, CLOSING, Quote, line_around
from .statements import (ADDRESSING, CUE_CLAUSE, DASHES, NAME_TYPES, SENTENCE_END, Candidate, Parse,
                         clause_bounds, cue_end, cue_of, mention_span, subject_of)


LEAD_IN_LENGTH = 200     # the longest line of its own that leads into the quotation under it
# what a cue's clause may hold when the quotation after it is what was said: not what was said
NOTHING_SAID_BUT = frozenset({"ccomp", "xcomp", "dobj", "advcl", "conj", "parataxis", "attr", "oprd", "acomp",
                              "dative"})
ASIDE_LENGTH = 20        # tokens of an aside between a name and its cue ("Ann Lee, co-founder of …, said")


def _segment_after(p: Parse, q: Quote, limit: int) -> list[Token]:
    """Tokens after a closing mark up to the end of that sentence."""
    out = []
    for tok in p.walk(q.close + 1, limit):
        if tok.text in OPENING and tok.idx > q.close + 1 and p.in_quote(tok.idx + 1):
            break
        out.append(tok)
        if tok.text in SENTENCE_END:
            break
    return out


def _segment_before(p: Parse, q: Quote, floor: int) -> list[Token]:
    """Tokens from the start of the sentence holding the opening mark up to it."""
    toks = []
    for tok in p.walk(floor, q.open, backwards=True):
        # a quotation's closing mark ends the segment; an apostrophe ("the staffers’ actions") does not
        if tok.text in SENTENCE_END or (tok.text in CLOSING and p.in_quote(tok.idx - 1)):
            break
        toks.append(tok)
    return toks[::-1]


def _cue_in(segment: list[Token], first: int | None = None, nearest_last: bool = False) -> tuple[Token, Token] | None:
    """(cue, subject) of an attribution clause like "Putin said" or "said the minister, who …",
    with the cue among the ``first`` tokens when given, the last such clause first when
    ``nearest_last`` (the one right before a quotation introduces it)."""
    ids = {t.i for t in segment}
    for tok in (reversed(segment) if nearest_last else segment[:first]):
        if cue_of(tok, "quote") is None or _subordinate(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS and c.i in ids), None)
        if subj is None and tok.dep_ == "pcomp" and (by := subject_of(tok)) is not None and by.i in ids:
            subj = by                                                 # "he began by saying, “…”"
        if subj is None:
            subj = _inverted_subject(tok, segment)
        if subj is None and tok.pos_ == "VERB":   # "“…,” Conway notes": a name the parser hung on the verb as a compound
            subj = next((c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i in ids), None)
        if subj is None and tok.lemma_.lower() not in ADDRESSING:     # "told CNN's Dana Bash": the addressee
            opens = tok is next((t for t in segment if not t.is_punct), None)   # "“…,” tweeted a user"
            subj = next((c for c in tok.children if c.dep_ in ("dobj", "npadvmod", "attr") and c.i in ids
                         and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ or (opens and c.pos_ == "NOUN"))), None)
        if subj is not None:
            return tok, subj
    return None


def _inverted_subject(cue: Token, segment: list[Token]) -> Token | None:
    """The name right after an inverted cue that the parser made the subject of the
    quotation's next part ("“The risk,” said Edward Leamer, an economist who …, “is that …”":
    "Leamer" taken for the subject of "is")."""
    later = [t for t in segment if t.i > cue.i and not t.is_punct]
    if not later:
        return None
    word = later[0]
    while word.dep_ in ("compound", "flat", "det", "amod") and word.head.i > word.i:
        word = word.head
    named = word.pos_ == "PROPN" or word.ent_type_ in NAME_TYPES
    return word if named and word.dep_ == "nsubj" and word.head.i > cue.i else None


def _coordinated(after: list[Token]) -> bool:
    """Words after a quotation that open a clause of their own ("“…” and that the committee
    would continue …"): their verb tells what else was said or done, not who said this."""
    words = [t for t in after if not t.is_punct]
    return bool(words) and words[0].pos_ == "CCONJ"


def _subordinate(cue: Token) -> bool:
    """A cue in a clause that "although", "because" or "if" opens tells a circumstance, not who
    spoke the quotation beside it ("“…” Although he had written a will, …")."""
    return any(c.dep_ == "mark" and c.lower_ not in ("as", "that") for c in cue.children)


def _cue_after_subject(segment: list[Token]) -> tuple[Token, Token] | None:
    """(cue, subject) when the words after a quotation are a long subject and then its cue:
    "“…,” Jeff Weaver, Sanders’ campaign manager, said in a statement"."""
    words = [t for t in segment if not t.is_punct]
    if not words:
        return None
    for tok in segment:
        if cue_of(tok, "quote") is None or _subordinate(tok):
            continue
        subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
        # its first word, not a closing mark the parser hung on it
        if subj is not None and next(t for t in subj.subtree if not t.is_punct).i == words[0].i:
            return tok, subj
    return None


def _cue_after_name(segment: list[Token]) -> tuple[Token, Token] | None:
    """(cue, name) when the words after a quotation are a name, perhaps an aside, and a cue the
    parser gave no subject ("“…,” Ramos, 58, told AFP": "Ramos" hung on the quotation's verb)."""
    words = [t for t in segment if not t.is_punct]
    if len(words) < 2 or words[0].ent_type_ not in ("PERSON", "ORG") or words[0].pos_ != "PROPN":
        return None
    name = entity_at(words[0].doc, words[0].i)
    if name is None or name.start != words[0].i:
        return None
    rest = [t for t in segment if t.i >= name.end]
    cue = next((t for t in rest[:ASIDE_LENGTH] if cue_of(t, "quote") is not None), None)
    if cue is None or _subordinate(cue) or any(c.dep_ in SUBJECT_DEPS for c in cue.children):
        return None
    between = [t for t in rest if t.i < cue.i]
    aside = not between or (between[0].text == "," and between[-1].text == ",")
    return (cue, name.root) if aside else None


def _reports_its_own(p: Parse, q: Quote, cue: Token) -> bool:
    """Whether a cue after a quotation reports a clause of its own: after a quotation that
    ends its sentence ("“… campaign.” Ohio Gov. John Kasich said he would have fired …"), or
    a clause outside quotation marks ("On Fox News’s “Sunday Futures,” Rep. Issa said
    Clinton’s judgment is in question"): the quotation was someone else's, or a title."""
    closed = p.text[:q.close].rstrip()[-1:] in (".", "!", "?")
    for clause in (c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i):
        first = next((t for t in clause.subtree if not t.is_punct and t.i > cue.i), None)
        # "…,” Warren told Stumpf, after he admitted …": a clause the writer hung on, not said
        said = first is not None and (first.pos_ != "SCONJ" or first.lower_ in ("that", "whether", "if"))
        if closed or (said and first is not None and not p.in_quote(first.idx)):
            return True
    return False


def _inside_its_clause(q: Quote, cue: Token) -> bool:
    """Whether the quotation is words inside the clause the cue reports ("Trump’s “excesses”
    are sickening, Hollande said"): that clause is the statement, a mixed one, not the
    quoted words alone."""
    return any(c.dep_ == "ccomp" and c.left_edge.idx < q.open and c.right_edge.idx > q.close
               for c in cue.children)


def is_name(tokens: list[Token]) -> bool:
    """A short run of capitalised words ending in a named entity, with no verb among them,
    or a name in capitals as transcripts print speakers ("KATE BOLDUAN")."""
    words = [t for t in tokens if not t.is_punct]
    if not 0 < len(words) <= 8 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    shouted = len(words) <= 3 and all(t.is_upper and t.is_alpha and len(t) > 1 for t in words)
    return shouted or (words[-1].ent_type_ in NAME_TYPES and words[0].is_title)


def signed_by(after: list[Token]) -> SpacySpan | None:
    """The name after a dash that signs the quotation just before it."""
    if len(after) < 2 or after[0].text not in DASHES:
        return None
    name = [t for t in after[1:] if not (t.is_punct and t.text in ".")]
    if not is_name(name):
        return None
    return name[0].doc[name[0].i: name[-1].i + 1]


def direct(p: Parse, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    quotes = p.quotes
    para_starts = [a for a, _ in paragraphs]
    i = 0
    while i < len(quotes):
        q = quotes[i]
        k = bisect_right(para_starts, q.open) - 1          # the quotation's paragraph
        paragraph = paragraphs[k]
        para = _lines_of(p, q, paragraph)
        after = _segment_after(p, q, para[1] if len(q.parts) == 1 else len(p.text))
        found = None if _coordinated(after) else (_cue_in(after, first=6) or _cue_after_subject(after)
                                                  or _cue_after_name(after))
        if found is not None and (_reports_its_own(p, q, found[0]) or _inside_its_clause(q, found[0])):
            found = None
        signer = signed_by(after) if found is None else None
        if signer is not None:                          # "“…” ― Name"
            out.append(Candidate("direct", q.start, q.end, after[0], signer, "signed", list(q.parts)
                                 if len(q.parts) > 1 else []))
            i += 1
            continue
        if found is None:
            before = _segment_before(p, q, para[0])
            lead_line = not before and not p.text[para[0]:q.open].strip()
            if lead_line:
                before = _lead_in_line(p, q, paragraphs, k)
            if before and (before[-1].text in (":", ",") or cue_of(before[-1], "quote")):
                found = _name_before_colon(before) or _cue_in(before, nearest_last=True) \
                    or (_speaking_verb(before) if lead_line else None)
                if found and not _introduces(found[0], before):
                    found = None
            if found is None and not before:
                found = _cue_sentence_before(p, q, _floor_before(p, q, para, paragraphs, k))
        i += 1
        if found is None:
            if _stands_alone(p, q, para) and _after_a_sentence(p, para, paragraph) and not p.is_blocked(q.open):
                out.append(Candidate("direct", q.start, q.end, None, None, "continued",
                                     list(q.parts) if len(q.parts) > 1 else []))
            continue
        parts = list(q.parts)
        while i < len(quotes) and quotes[i].open < para[1] and _goes_on(p, parts[-1][1], after, quotes[i], para):
            parts += quotes[i].parts              # "“A,” he said, “B.”" and "“A,” he said. “B.”"
            after = _segment_after(p, quotes[i], para[1])
            i += 1
        cue, subj = found
        lead = _lead_in(p, q, para) if cue.idx > q.close else None
        if lead is not None:                     # "Clinton, in her view, “is seen as …,” he said"
            parts[0] = (lead, parts[0][1])
        rest = _clause_goes_on(p, cue, q) if cue.idx < q.open and len(parts) == 1 else None
        if rest is not None:                     # "says “the wind is at our backs” despite his loss"
            parts[0] = (q.open, rest)
        kind = "mixed" if lead is not None or rest is not None else "direct"
        words = (_name_ending(list(cue.doc[cue.sent.start: cue.i])) if cue.text == ":" else None) \
            or mention_span(subj)
        out.append(Candidate(kind, parts[0][0], parts[-1][1], cue, words, "direct",
                             parts if len(parts) > 1 else [], cue_end(cue)))
    return out


def _lead_in_line(p: Parse, q: Quote, paragraphs: list[tuple[int, int]], k: int) -> list[Token]:
    """The paragraph before a quotation that opens its own, when it is one short sentence
    ending with a colon that leads into it ("Cruz continued:" — then the quotation)."""
    start = _one_line_before(p, paragraphs, k)
    if start is None or not p.text[start:paragraphs[k - 1][1]].rstrip().endswith(":"):
        return []
    return _segment_before(p, q, start)


def _one_line_before(p: Parse, paragraphs: list[tuple[int, int]], k: int) -> int | None:
    """Where the paragraph before paragraph ``k`` starts, when it is one short line."""
    if k <= 0:
        return None
    start, end = paragraphs[k - 1]
    line = p.text[start:end].strip()
    return start if len(line) <= LEAD_IN_LENGTH and "\n" not in line else None


def _floor_before(p: Parse, q: Quote, para: tuple[int, int], paragraphs: list[tuple[int, int]], k: int) -> int:
    """Where the sentence before a quotation may start: in its paragraph, or, when the
    quotation opens paragraph ``k``, in the one before if that is one short line."""
    if p.text[para[0]:q.open].strip():
        return para[0]
    start = _one_line_before(p, paragraphs, k)
    return q.open if start is None else start


def _cue_sentence_before(p: Parse, q: Quote, floor: int) -> tuple[Token, Token] | None:
    """(cue, subject) of the sentence right before a quotation when it is only someone
    speaking, with nothing said ("Sam Lau said in a statement. “There are no ballots …”"):
    the words it announces are the quotation's."""
    toks = list(p.walk(floor, q.open, backwards=True))
    if not toks or toks[0].text != ".":
        return None
    sentence: list[Token] = []
    for tok in toks[1:]:
        if tok.text in SENTENCE_END:
            break
        if tok.text in OPENING or tok.text in CLOSING:
            return None                    # a sentence with a quotation of its own says something
        sentence.append(tok)
    sentence.reverse()
    found = _cue_in(sentence, nearest_last=True)
    if found is None or found[0].dep_ != "ROOT":
        return None
    cue = found[0]
    clause = {t.i for t in cue.subtree}
    said = [c for c in cue.children if c.dep_ in NOTHING_SAID_BUT
            and not (c.dep_ == "dobj" and cue.lemma_.lower() in ADDRESSING)]    # "told reporters."
    if said or any(t.i not in clause for t in sentence):
        return None
    return found


def _name_before_colon(before: list[Token]) -> tuple[Token, Token] | None:
    """(colon, name) when a quotation follows a name and a colon alone, at the start of its
    line or after a dash or an ellipsis ("… interplay has been important - Philip Bump: “…”",
    "Donald Trump: “…”"): the name's words, as a transcript gives them."""
    if len(before) < 2 or before[-1].text != ":":
        return None
    name = _name_ending(before[:-1])
    if name is None:
        return None
    lead = [t for t in before if t.i < name.start]
    if lead and lead[-1].text not in DASHES and lead[-1].text not in ("…", "..."):
        return None
    return before[-1], name.root


def _name_ending(words: list[Token]) -> SpacySpan | None:
    """The name ``words`` end with, as the tagger has it or, where it has none, a first name
    and a surname; the name alone, whatever the parser hung on it ("important - Philip Bump")."""
    if not words:
        return None
    last = words[-1]
    name = entity_at(last.doc, last.i) if last.ent_type_ in ("PERSON", "ORG") else _untagged_name(words)
    if name is None or name.end != last.i + 1 or name.start < words[0].i:
        return None
    return name


def _untagged_name(words: list[Token]) -> SpacySpan | None:
    """The person's name that ``words`` end with when the tagger saw none: a known first
    name and a surname, capitalised ("Ana Ruiz"); other capitals ("Breaking News") name no one."""
    run = 0
    while run < min(3, len(words)) and words[-1 - run].pos_ == "PROPN" and words[-1 - run].is_title:
        run += 1
    if run < 2 or words[-run].lower_ not in lexicon.first_names():
        return None
    return words[0].doc[words[-run].i: words[-1].i + 1]


def _speaking_verb(line: list[Token]) -> tuple[Token, Token] | None:
    """(verb, subject) of a line of its own that leads into a quotation with a colon, whatever
    its verb: someone who "called them on it:" or "put it this way:" speaks the words under it."""
    verb = next((t for t in line if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if verb is None or subject is None or not (subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in NAME_TYPES):
        return None
    return verb, subject


def _lines_of(p: Parse, q: Quote, paragraph: tuple[int, int]) -> tuple[int, int]:
    """The lines of ``paragraph`` the quotation stands on: its cue and the quotations that go on
    from it are on them, not on the next line's report ("“…,” he said. “…”\nNeither man
    acknowledged …"); a hard-wrapped paragraph's breaks do not count."""
    return line_around(p.text, q.open, paragraph)[0], line_around(p.text, min(q.close, paragraph[1] - 1), paragraph)[1]


def _clause_goes_on(p: Parse, cue: Token, q: Quote) -> int | None:
    """Where the cue's clause ends when a quotation opens it and the writer's words finish it
    ("said “it gets me mad” every time he thinks of them"): a content is not cut at its
    inner quotation."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
    if clause is None or not clause.left_edge.idx <= q.open + 1:
        return None
    end = clause_bounds(cue, clause)[1]
    words = [t for t in p.walk(q.close + 1, end) if not t.is_punct and not t.is_space]
    return end if len(words) >= 2 and clause.left_edge.idx >= cue.idx else None


def _lead_in(p: Parse, q: Quote, para: tuple[int, int]) -> int | None:
    """Where the writer's own words start when a quotation finishes their sentence."""
    before = _segment_before(p, q, para[0])
    words = [t for t in before if not t.is_punct]
    if len(words) < 2 or before[-1].text in (":",) or any(cue_of(t) for t in before):
        return None
    return before[0].idx


def _introduces(cue: Token, before: list[Token]) -> bool:
    """Whether everything between the cue and the quotation belongs to the cue's own clause
    ("He told reporters on Monday: “…”"), not to a content of its own ("He said X, “…”")."""
    own = {t.i for c in cue.children if c.dep_ in CUE_CLAUSE for t in c.subtree}
    return all(t.i in own or t.is_punct for t in before if t.i > cue.i)


def _goes_on(p: Parse, close: int, after: list[Token], nxt: Quote, para: tuple[int, int]) -> bool:
    """Whether the next quotation in the paragraph continues the same speaker's words: it
    follows the cue clause directly, after a comma (split sentence) or a full stop (next
    sentence), and has no cue of its own."""
    between = p.text[close + 1:nxt.open]
    if not after or len(between) > 400:
        return False
    cue_clause_end = after[-1].idx + len(after[-1].text)
    if after[-1].text in SENTENCE_END:
        if p.text[cue_clause_end:nxt.open].strip():
            return False
    elif not between.rstrip().endswith((",", ":")):
        return False
    if _name_before_colon(_segment_before(p, nxt, close + 1)) is not None:
        return False                    # "“…” [538] The interplay - Philip Bump: “…”": another's words
    nxt_after = _segment_after(p, nxt, para[1])
    return _cue_in(nxt_after) is None


def _after_a_sentence(p: Parse, line: tuple[int, int], paragraph: tuple[int, int]) -> bool:
    """Whether the line before a quotation's line ends a sentence: pages whose paragraphs are
    single lines go on from one speaker's quotation to the next, but a caption block ("Michael
    Anastassiades\n‘Jewels after Jewels’\nFlos Showroom") names a work, not what was said."""
    before = p.text[paragraph[0]:line[0]].rstrip()
    return not before or before[-1] in ".!?:”\"’'"


def _stands_alone(p: Parse, q: Quote, para: tuple[int, int]) -> bool:
    """A quotation that is whole sentences on its own (no words of the writer around it)."""
    before = p.text[para[0]:q.open].rstrip()
    after = p.text[q.close + 1:para[1]].lstrip(" .,!?")
    return (not before or before[-1] in ".!?”\"") and (not after or after[0] in "“\"" or after[0].isupper())


__all__ = ["direct", "is_name", "signed_by"]
