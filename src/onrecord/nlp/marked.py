"""Attributions marked by layout or a source phrase rather than by a verb:

- "Name: words" — a line that opens with a person or organisation and a colon, as in
  transcripts (not headlines: "Roger Stone: Don't Trust the Voting Machines" is none);
- "In a statement, …", "In the latest poll, …" — a document or survey as the source;
- "As reported by X, …", "The story was first reported by X" — a passive cue with its agent.
"""
from __future__ import annotations

from collections import Counter

from . import lexicon
from .direct import is_name
from .statements import NAME_TYPES, Candidate, Parse, cue_of, kind_of, mention_span, trim


FINITE = ("VBD", "VBZ", "VBP", "MD")     # tags of a verb that makes a sentence


def colon_lines(p: Parse, lines: list[tuple[int, int]]) -> list[Candidate]:
    """"Name: words" at the start of a paragraph or heading, in a transcript only: where some
    name speaks more than once ("JAKE TAPPER:", then "TAPPER:"), and where the words make a
    sentence. A lone "Julian Assange: Sweden drops rape investigation" is a headline, and
    "Elizabeth A. Burton: Possession of methamphetamine" a police blotter line."""
    out = _colon_lines(p, lines)
    turns = Counter(c.subject.text.split()[-1].lower() for c in out if c.subject is not None)
    if max(turns.values(), default=0) < 2:
        return []
    return [c for c in out if any(t.tag_ in FINITE for t in p.tokens(c.start, c.end))]


def _colon_lines(p: Parse, lines: list[tuple[int, int]]) -> list[Candidate]:
    out = []
    for start, end in lines:
        head = p.text[start:min(end, start + 80)]
        colon = head.find(":")
        if colon <= 0:
            continue
        name = p.tokens(start, start + colon)
        colon_tok = p.tokens(start + colon, start + colon + 1)
        if not colon_tok or not is_name(name):
            continue
        s, e = trim(p.text, start + colon + 1, end, p.quotes)
        if e - s >= 3:
            mention = name[0].doc[name[0].i: name[-1].i + 1]
            out.append(Candidate(kind_of(p, s, e), s, e, colon_tok[0], mention, "colon"))
    return out


def source_phrases(p: Parse) -> list[Candidate]:
    """"In a statement, the campaign …": the clause the phrase belongs to, from that source."""
    out = []
    for tok in p.doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or not tok.is_sent_start or p.in_quote(tok.idx):
            continue
        source = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in lexicon.source_nouns()), None)
        host = tok.head
        cue = cue_of(host)
        # a verb of saying with a clause speaks for itself ("In a statement, X said …"); one
        # of stance does not ("In the survey, most residents backed …": the survey's finding)
        if source is None or host.pos_ not in ("VERB", "AUX") or (cue and cue.act == "speech" and "ccomp" in cue.frames):
            continue
        if cue is not None and source.lemma_.lower() not in lexicon.evidence_sources() \
                and any(c.dep_ == "nsubj" for c in host.children):
            continue    # "In an interview, the senator criticized the plan": his cue says what; the clause is not his words
        phrase = {t.i for t in tok.subtree}
        rest = [t for t in host.subtree if t.i not in phrase and not t.is_space]
        if len(rest) < 3:
            continue
        s, e = trim(p.text, rest[0].idx, rest[-1].idx + len(rest[-1].text), p.quotes)
        out.append(Candidate(kind_of(p, s, e), s, e, tok, _maker_of(source, host), "source"))
    return out


def _maker_of(source, host):
    """Who speaks through "In a statement, …": the subject of a clause that says something
    ("In his speech, Trump proclaimed …" is Trump's), when the document is one someone gives;
    a poll or a study speaks for itself ("In the survey, most residents backed …"), and the
    writer's narration about an interview is no one's ("In an interview about …, X did …")."""
    subject = next((c for c in host.children if c.dep_ == "nsubj"), None)
    if subject is not None and cue_of(host) is not None and source.lemma_.lower() not in lexicon.evidence_sources():
        return mention_span(subject)
    return source.doc[source.left_edge.i: source.i + 1]


def passive_sources(p: Parse) -> list[Candidate]:
    """A passive cue with "by X": the story it has as subject, or the clause it qualifies."""
    out = []
    for tok in p.doc:
        if tok.tag_ != "VBN" or cue_of(tok) is None or p.in_quote(tok.idx):
            continue
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        source = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if source is None:
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subject is not None:
            words = list(subject.subtree)
            if all(t.is_punct or t.pos_ in ("PROPN", "PRON", "DET") or t.ent_type_ in NAME_TYPES for t in words):
                continue             # "Assange was accused … by a woman": the one it is about
        elif tok.dep_ == "advcl":
            mine = {t.i for t in tok.subtree}
            words = [t for t in tok.head.subtree if t.i not in mine and not t.is_space]
        else:
            continue
        if len(words) < 2:
            continue
        s, e = trim(p.text, words[0].idx, words[-1].idx + len(words[-1].text), p.quotes)
        mention = source.doc[source.left_edge.i: source.right_edge.i + 1]
        out.append(Candidate(kind_of(p, s, e), s, e, tok, mention, "passive"))
    return out
