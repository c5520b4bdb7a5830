"""Statements attributed with "according to": the phrase's object is the source."""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from . import lexicon
from .statements import Candidate, Parse, kind_of, mention_span, trim

_COMMA = re.compile(r"\s*,\s*")


def according_to(p: Parse) -> list[Candidate]:
    """ "…, according to X" and "According to X, …": X says the rest of the sentence, the
    longer side when the phrase stands in the middle."""
    out = []
    for tok in p.doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(p.doc) or p.doc[tok.i + 1].lower_ != "to":
            continue
        if p.in_quote(tok.idx):
            continue
        to = p.doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        edge = tok.right_edge
        phrase_end = edge.idx + len(edge.text)
        speaker = mention_span(source)
        if (named := _name_apposed(p, source, phrase_end)) is not None:
            speaker, phrase_end = named
        sent = tok.sent
        rest = p.text[phrase_end:sent.end_char].strip(" \n,.;:!?)\"”’")
        before = p.text[sent.start_char:tok.idx].strip(" \n,(\"“‘")
        # "…, according to X." (however long X is); in mid-sentence the longer side
        if not rest or (before and tok.idx - sent.start_char > phrase_end - tok.idx):
            start, end = sent.start_char, tok.idx
        else:                                                     # "According to X, …"
            start, end = phrase_end, sent.end_char
        start, end = trim(p.text, start, end, p.quotes)
        if end - start >= 3:
            out.append(Candidate(kind_of(p, start, end), start, end, tok, speaker,
                                 "according", cue_end=to.idx + len(to.text)))
    return out


def _name_apposed(p: Parse, source: Token, phrase_end: int) -> tuple[SpacySpan, int] | None:
    """ "According to his aunt, Jane Starner, “…”": the name set off by commas after a noun
    for a person is that person, and the phrase ends after it (the parser hangs the name
    elsewhere, so it would open the statement). Its span and the phrase's new end."""
    if source.lower_ not in lexicon.person_nouns() and source.lower_ not in lexicon.roles()[0]:
        return None
    comma = _COMMA.match(p.text, phrase_end)
    if comma is None:
        return None
    name = next((e for e in p.doc.ents if e.start_char == comma.end() and e.label_ == "PERSON"), None)
    after = _COMMA.match(p.text, name.end_char) if name is not None else None
    if name is None or after is None:
        return None
    return name, after.start()


__all__ = ["according_to"]
