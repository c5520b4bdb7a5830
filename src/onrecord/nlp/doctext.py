"""What the extractors read of a parsed article many times, read cheaply: its text, joined
once (spaCy's ``Doc.text`` joins every token again on each read), and the entity a token is
part of (``Doc.ents`` builds every entity of the article on each read)."""
from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "onrecord.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept with it."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity token ``i`` is part of, found from the tokens' own tags."""
    label = doc[i].ent_type_
    if not label:
        return None
    start, end = i, i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=label)


__all__ = ["entity_at", "text_of"]
