"""Where the names an event may take place at, or be held by, stand among a document's tokens."""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Entity
from . import lexicon
from .entities import clean_name

_PLACE_LABELS = ("GPE", "LOC", "FAC")


def place_bounds(doc: Doc, entities: list[Entity]) -> dict[int, tuple[int, int]]:
    """Token index -> character bounds of the place name it is part of: the recogniser's
    places, the article's GPE/LOC entities, and seats of government however they are tagged."""
    out: dict[int, tuple[int, int]] = {}

    def mark(start: int, end: int) -> None:
        span = doc.char_span(start, end, alignment_mode="expand")
        for tok in span or ():
            out.setdefault(tok.i, (start, end))

    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS:
            start, end = clean_name(ent)
            if end > start:
                mark(start, end)
    for entity in entities:
        if entity.type in ("GPE", "LOC"):
            for m in entity.mentions:
                mark(m.start, m.end)
    capitals = lexicon.capitals()
    for tok in doc:
        if tok.lower_ in capitals and tok.is_title:
            mark(tok.idx, tok.idx + len(tok))
    return out


def name_bounds(doc: Doc, labels: tuple[str, ...]) -> dict[int, tuple[int, int]]:
    """Token index -> character bounds of the recogniser's names with these labels."""
    out: dict[int, tuple[int, int]] = {}
    for ent in doc.ents:
        if ent.label_ in labels:
            start, end = clean_name(ent)
            for tok in ent:
                if start <= tok.idx < end:
                    out[tok.i] = (start, end)
    return out
