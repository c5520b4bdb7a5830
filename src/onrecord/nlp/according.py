"""Statements attributed with "according to": the phrase's object is the source."""
from __future__ import annotations

from .statements import Candidate, Parse, kind_of, mention_span, trim


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
            out.append(Candidate(kind_of(p, start, end), start, end, tok, mention_span(source),
                                 "according", cue_end=to.idx + len(to.text)))
    return out


__all__ = ["according_to"]
