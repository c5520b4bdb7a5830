"""What the extractors read of a parsed article many times, read cheaply: its text, joined
once (spaCy's ``Doc.text`` joins every token again on each read), and the entity a token is
part of (``Doc.ents`` builds every entity of the article on each read); and the dateline that
opens a report, which is no one's name."""
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


def is_dateline(mention: Span) -> bool:
    """A place in capitals, as a report's dateline prints it: a place, or words in capitals
    that open a paragraph before a comma or a dash ("OSLO, Norway —")."""
    words = [t for t in mention if t.is_alpha]
    if not words or not all(t.is_upper for t in words):
        return False
    text, start, end = text_of(mention.doc), mention.start_char, mention.end_char
    opens = start == 0 or text[start - 1] == "\n"
    return mention.root.ent_type_ in ("GPE", "LOC", "FAC") or (opens and text[end:end + 2].strip()[:1] in (",", "—", "–", "-"))


__all__ = ["entity_at", "is_dateline", "text_of"]
