"""How each statement's speaker was found, as the article page shows it to a reader.

A record's speaker may carry evidence: ``resolution`` (how the name was found), ``antecedent``
(the span of the article text that names the person), ``title`` and ``confidence``. From it
each statement gets one line: the name alone when the words at the statement are the name,
"as written: *she* → Hillary Clinton (pronoun), named in paragraph 3" when the name was found
elsewhere, "as written: *a source* — not named" when there is none. Plain data only: the
template escapes every piece of it.

Records stored before the evidence fields existed lack the ``resolution`` key: they get no
line, so their page is what it always was. Offsets are trusted only when they fit the text
and cut out exactly the words the record claims.
"""
from __future__ import annotations

import re
from typing import Any

# A blank line ends a paragraph (the same rule as the analysis's paragraphs).
PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")


def paragraph_number(text: str, at: int) -> int:
    """The 1-based number of the paragraph of ``text`` holding offset ``at``: paragraphs are
    the runs of text between blank lines, blank runs not counted."""
    count, pos = 0, 0
    for found in PARAGRAPH_BREAK.finditer(text):
        if found.start() >= at:
            break
        if text[pos:found.start()].strip():
            count += 1
        pos = found.end()
    return count + 1 if at >= pos else max(count, 1)


def _span(value: Any, text: str) -> dict[str, Any] | None:
    """``value`` if it is a span whose offsets fit ``text`` and whose words are its own."""
    if not isinstance(value, dict):
        return None
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return None
    return value if text[start:end] == value.get("text") else None


def _as_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def anchor_id(span: dict[str, Any]) -> str:
    """The id of the antecedent's place in the highlighted text (one per start offset)."""
    return f"ref-{span['start']}"


def _by_name(speaker: dict[str, Any], name: str, mention: str | None) -> bool:
    """Whether the words at the statement are the name itself (nothing to resolve)."""
    return speaker.get("resolution") == "name" or (mention or "").casefold() == name.casefold()


def _mention_words(speaker: dict[str, Any]) -> str | None:
    mention = speaker.get("mention")
    return _as_text(mention.get("text")) if isinstance(mention, dict) else None


def linked_antecedent(statement: dict[str, Any], text: str) -> dict[str, Any] | None:
    """The antecedent a statement's line links to, or None: a valid span, of a name found by
    some other way than the words at the statement being the name."""
    speaker = statement.get("speaker")
    if not isinstance(speaker, dict) or _as_text(speaker.get("resolution")) is None:
        return None
    name = _as_text(speaker.get("name"))
    if name is None or _by_name(speaker, name, _mention_words(speaker)):
        return None
    return _span(speaker.get("antecedent"), text)


def speaker_line(statement: dict[str, Any], text: str, n: int = 0) -> dict[str, Any] | None:
    """The evidence line of statement ``n``, or None when its record carries no evidence.
    ``form`` is ``name`` (the name alone), ``resolved`` (mention → name, how, paragraph) or
    ``unnamed`` (the article does not say who). ``sid`` is what the highlighter anchors it by."""
    speaker = statement.get("speaker")
    if not isinstance(speaker, dict) or "resolution" not in speaker:
        return None                                   # stored before the evidence existed
    words, name = _mention_words(speaker), _as_text(speaker.get("name"))
    line = {"sid": str(statement.get("id") or n), "text": str(statement.get("text") or ""),
            "mention": words, "name": name, "title": _as_text(speaker.get("title"))}
    if name is None:
        return {**line, "form": "unnamed"}
    how = _as_text(speaker.get("resolution"))
    if how is None:
        return None                                   # a name without evidence: nothing to show
    if _by_name(speaker, name, words):
        return {**line, "form": "name"}
    antecedent = linked_antecedent(statement, text)
    return {**line, "form": "resolved", "how": how,
            "paragraph": paragraph_number(text, antecedent["start"]) if antecedent else None,
            "anchor": anchor_id(antecedent) if antecedent else None}


def speaker_lines(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The evidence line of every statement of ``record`` that has one, in record order."""
    text = record.get("text") or ""
    lines = (speaker_line(st, text, n) for n, st in enumerate(record.get("statements") or ())
             if isinstance(st, dict))
    return [line for line in lines if line is not None]


__all__ = ["PARAGRAPH_BREAK", "anchor_id", "linked_antecedent", "paragraph_number", "speaker_line",
           "speaker_lines"]
