"""Quotation spans found on characters, independent of the parse.

A quotation is a pair of marks inside one paragraph; a quotation whose paragraph ends
without a closing mark and whose next paragraph opens with a mark runs on (the news
convention for long quotes), so its pieces are kept together. An unmatched mark skips
that one candidate, never the paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPENING = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"'}
CLOSING = {"”", "»", "“", "’", '"'}
# Double marks that close one another's quotation too: pages pasted together from several
# editors open with “ and close with " ("“Our roads are crumbling," she said).
ALSO_CLOSES = {"“": '"', '"': "”"}
PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")


@dataclass(frozen=True, slots=True)
class Quote:
    """Marks at ``open`` and ``close``; the words are ``text[open + 1:close]`` (per part)."""
    parts: tuple[tuple[int, int], ...]     # (start, end) of the words of each paragraph piece

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def open(self) -> int:
        return self.start - 1

    @property
    def close(self) -> int:
        return self.end


TWO_APOSTROPHES_OPEN = re.compile(r"(?<![\w.,!?;:])''(?=[^\s'])")
TWO_APOSTROPHES_CLOSE = re.compile(r"(?<=\S)''(?![\w'])")


def normalise_marks(text: str) -> str:
    """Two apostrophes used as a quotation mark (''Yes,'' he said) become a double mark,
    padded with a space so that every offset stays the same."""
    if "''" not in text:
        return text
    text = TWO_APOSTROPHES_OPEN.sub(' "', text)
    return TWO_APOSTROPHES_CLOSE.sub('" ', text)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text between blank lines."""
    out, pos = [], 0
    for m in PARAGRAPH_BREAK.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


LIST_BULLETS = tuple("-–—•*·")
WRAP_WIDTH = 60      # characters: a hard-wrapped line is filled near its width; a headline, a
                     # list item or a short line of a page is not


def line_around(text: str, at: int, paragraph: tuple[int, int]) -> tuple[int, int]:
    """The run of ``paragraph`` around ``at`` between line breaks that end a line of its own
    (a headline, a list item, a sentence): a hard-wrapped paragraph's breaks do not count."""
    start, end = paragraph
    before = [i for i in _breaks(text, start, at) if _line_of_its_own(text, i)]
    after = next((i for i in _breaks(text, at, end) if _line_of_its_own(text, i)), end)
    return (before[-1] + 1 if before else start), after


def _breaks(text: str, start: int, end: int) -> Iterator[int]:
    i = text.find("\n", start, end)
    while i != -1:
        yield i
        i = text.find("\n", i + 1, end)


def _line_of_its_own(text: str, i: int) -> bool:
    """Whether the line break at ``i`` ends a line of its own rather than wrapping one."""
    before = text[text.rfind("\n", 0, i) + 1:i].strip()
    next_break = text.find("\n", i + 1)
    after = text[i + 1:next_break if next_break != -1 else len(text)].strip()
    if not before or not after:
        return True
    if after.startswith(LIST_BULLETS):
        return True
    if not (after[0].isupper() or after[0].isdigit() or after[0] in OPENING):
        return False                       # "… said that the\nboard would …": a wrapped line
    return before.endswith(tuple(".!?…:;\"”’»")) or len(before) < WRAP_WIDTH


def _opens(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can open a quotation (space or bracket before, a word after)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:;/" or before in OPENING) and not after.isspace()


def _closes(text: str, i: int) -> bool:
    """Whether the mark at ``i`` can close a quotation: a word or mark before it (or a thin
    space after an inner quotation's close, as typesetters set "… attention,’ ”"), no word
    right after."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    nested = before in " \u2009\u202f\u00a0" and i > 1 and text[i - 2] in "’'"
    return (not before.isspace() or nested) and (after.isspace() or not after.isalnum())


def _pairs(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Matched (open, close) mark positions in one paragraph, and a dangling opening mark."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for i in range(start, end):
        ch = text[i]
        if opened is None:
            if ch in OPENING and _opens(text, i):
                # a typographic apostrophe is no quotation unless a closing ’ follows
                if ch != "‘" or "’" in text[i + 1:end]:
                    opened = i
        elif ch in (OPENING[text[opened]], ALSO_CLOSES.get(text[opened])) and _closes(text, i):
            if ch == "’" and i + 1 < end and text[i + 1].isalpha():
                continue                     # don’t, it’s: an apostrophe, not a closing mark
            pairs.append((opened, i))
            opened = None
    return pairs, opened


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, in order, with run-on quotations joined across paragraphs."""
    quotes: list[Quote] = []
    running: list[tuple[int, int]] = []       # pieces of a quotation still open
    for p_start, p_end in paragraphs(text):
        lead = p_start + len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        pairs, dangling = _pairs(text, p_start, p_end)
        if running:
            if text[lead] in OPENING and (not pairs or pairs[0][0] == lead):
                if pairs and pairs[0][0] == lead:
                    quotes.append(Quote(tuple(running) + ((lead + 1, pairs[0][1]),)))
                    pairs = pairs[1:]
                    running = []
                elif dangling == lead:
                    running.append((lead + 1, p_end))
                    continue
            else:
                running = []                  # the run-on never closed: drop it
        quotes.extend(Quote(((o + 1, c),)) for o, c in pairs)
        if dangling is not None:
            running = [(dangling + 1, p_end)]
    return quotes
