"""Plain text as a scraper saves it: the text is kept unchanged and its web chrome, headings
and title are reported as spans into it (boilerplate is reported, never cut out).

Chrome is found by general rules over lines, with word lists as data:
  1. at the head (before the title or first prose paragraph) and the tail (after the last prose
     paragraph), a short line without sentence punctuation that is mostly widget words
     ("Facebook Pixel", "All News"), holds a pictograph ("Thank 🎉"), is only symbols, or is
     a menu of short items between separators ("Home | World | Cities");
  2. anywhere, a line made only of widget words and filler ("Advertisement", "Share this");
  3. a line repeating an earlier line word for word (a photo caption printed twice);
  4. a label glued to the opening quotation mark of a block quote (the ``Quote`` of
     ``Quote"I am sure..."``), a span inside a line that is otherwise text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..datafiles import data_lines
from ..errors import InputError
from ..model import Article, Span

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_CLOSERS = "\"'”’»)]"
_OPEN_QUOTES = "\"“«„‘"
_QUOTE_CHARS = "\"“”«»„‘’"
_NO_HEADING_END = ".!?…:;,-–—"
_MENU_SEPARATOR = re.compile(r"\s+[|·•›»/>]\s+|\s*\|\s*")

EDGE_MAX_WORDS = 5        # chrome lines at head and tail are this short
MENU_ITEM_MAX_WORDS = 3   # "Home | World | Cities", "News › Europe › France"
WIDGET_MAX_WORDS = 6      # a widget-only line anywhere ("Sign up for our newsletter")
REPEAT_MIN_WORDS = 3      # shorter repeats are labels ("Q:", "SMITH:"), not copies
HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 120
TITLE_MAX_CHARS = 250
PROSE_MIN_WORDS = 6


@dataclass(frozen=True, slots=True)
class Line:
    """One line's content, stripped of surrounding whitespace; offsets into the whole text."""
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True, slots=True)
class Layout:
    boilerplate: tuple[Span, ...]
    headings: tuple[Span, ...]
    title: str | None


def read_text(text: str, source: str | None = None) -> Article:
    """An ``Article`` of plain ``text``, kept as given apart from a leading byte-order mark."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(source or "<text>", "empty text" if not text else "only whitespace, no text")
    found = layout(text)
    return Article(
        text=text, source=source, title=found.title,
        boilerplate=found.boilerplate, headings=found.headings,
    )


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for brk in [*_LINE_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        raw = text[pos:end]
        lead = len(raw) - len(raw.lstrip())
        content = raw.strip()
        lines.append(Line(pos + lead, pos + lead + len(content), content))
        pos = brk.end() if brk else end
    return lines


def layout(text: str) -> Layout:
    """Boilerplate, headings and title of a plain-text article."""
    lines = split_lines(text)
    chrome = _chrome_lines(lines)
    title_at = _title_line(lines, chrome)
    headings = {i for i in range(len(lines)) if _is_heading(lines, i, chrome)}
    if title_at is not None:
        headings.add(title_at)
    spans = [Span.of(text, lines[i].start, lines[i].end) for i in chrome]
    spans += _label_spans(text, lines)
    return Layout(
        boilerplate=tuple(sorted(spans, key=lambda s: s.start)),
        headings=tuple(Span.of(text, lines[i].start, lines[i].end) for i in sorted(headings)),
        title=lines[title_at].text if title_at is not None else None,
    )


# -- word lists ------------------------------------------------------------------------------

@cache
def word_list(name: str) -> frozenset[str]:
    """A data file's entries, lower-cased."""
    return frozenset(line.lower() for line in data_lines(name))


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = "|".join(sorted(map(re.escape, word_list("quote_labels.txt")), key=len, reverse=True))
    # the label, perhaps with a colon, glued to the opening mark: a spaced "Quote" may be prose
    return re.compile(rf"(?:{labels}):?(?=[{_OPEN_QUOTES}])", re.IGNORECASE)


# -- line shapes -----------------------------------------------------------------------------

def words(line: str) -> list[str]:
    return _WORD.findall(line)


def has_sentence_punctuation(line: str) -> bool:
    return _SENTENCE_END.search(line) is not None


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in ".!?…:"


def is_prose(line: str) -> bool:
    """A paragraph of running text: several words ending a sentence, or a long run with one."""
    n = len(words(line))
    if n < PROSE_MIN_WORDS:
        return False
    return ends_sentence(line) or (n >= 2 * PROSE_MIN_WORDS and has_sentence_punctuation(line))


def _has_pictograph(line: str) -> bool:
    return any(unicodedata.category(c) == "So" for c in line)


def _widget_counts(line: str) -> tuple[int, int]:
    """(widget words, words that are neither widget nor filler)."""
    widgets, fillers = word_list("widget_words.txt"), word_list("widget_fillers.txt")
    lowered = [w.lower() for w in words(line)]
    hits = sum(1 for w in lowered if w in widgets)
    other = sum(1 for w in lowered if w not in widgets and w not in fillers)
    return hits, other


def is_edge_chrome(line: str) -> bool:
    """Rule 1, for lines at the head or tail of the page."""
    if not line or has_sentence_punctuation(line):
        return False
    if _is_menu(line):
        return True
    if len(words(line)) > EDGE_MAX_WORDS:
        return False
    if _has_pictograph(line) or not any(c.isalnum() for c in line):
        return True
    hits, other = _widget_counts(line)
    return hits > other


def _is_menu(line: str) -> bool:
    """A navigation bar or breadcrumb: three or more short items between separators."""
    items = [item for item in _MENU_SEPARATOR.split(line) if item.strip()]
    return len(items) >= 3 and all(len(words(item)) <= MENU_ITEM_MAX_WORDS for item in items)


def is_widget_line(line: str) -> bool:
    """Rule 2: only widget words and filler; quoted words are speech, never chrome."""
    if not line or len(words(line)) > WIDGET_MAX_WORDS or any(c in _QUOTE_CHARS for c in line):
        return False
    hits, other = _widget_counts(line)
    return hits > 0 and other == 0


# -- chrome, title, headings -----------------------------------------------------------------

def _chrome_lines(lines: list[Line]) -> set[int]:
    """Indices of whole lines that are chrome (rules 1-3)."""
    chrome, seen = set(), set()
    for i, line in enumerate(lines):
        if line.blank:
            continue
        repeated = line.text in seen and len(words(line.text)) >= REPEAT_MIN_WORDS
        if repeated or is_widget_line(line.text):
            chrome.add(i)
        seen.add(line.text)
    prose = [i for i, line in enumerate(lines) if is_prose(line.text)]
    head_end = _head_end(lines, chrome, prose[0] if prose else len(lines))
    tail_start = prose[-1] + 1 if prose else head_end + 1
    edges = [*range(head_end), *range(tail_start, len(lines))]
    chrome.update(i for i in edges if is_edge_chrome(lines[i].text))
    return chrome


def _head_end(lines: list[Line], chrome: set[int], first_prose: int) -> int:
    """The first line of the head that is not chrome: the title, or the first prose line."""
    for i in range(first_prose):
        text = lines[i].text
        if text and i not in chrome and not is_edge_chrome(text):
            return i
    return first_prose


def _content_after(lines: list[Line], i: int, chrome: set[int]) -> int | None:
    for j in range(i + 1, len(lines)):
        if not lines[j].blank and j not in chrome:
            return j
    return None


def _title_line(lines: list[Line], chrome: set[int]) -> int | None:
    """The first content line when it stands alone and reads as a headline, not a paragraph."""
    i = _content_after(lines, -1, chrome)
    if i is None or i + 1 >= len(lines) or not lines[i + 1].blank:
        return None
    text = lines[i].text
    if len(text) >= TITLE_MAX_CHARS or len(_SENTENCE_END.findall(text)) >= 2:
        return None
    return i


def _is_heading(lines: list[Line], i: int, chrome: set[int]) -> bool:
    """A short unpunctuated line opening a paragraph and followed by a longer prose one."""
    text = lines[i].text
    if not text or i in chrome or not _heading_shape(text):
        return False
    prev = lines[i - 1] if i else None
    if prev is not None and not prev.blank and i - 1 not in chrome and not ends_sentence(prev.text):
        return False  # the middle of a hard-wrapped paragraph
    j = _content_after(lines, i, chrome)
    if j is None or not is_prose(lines[j].text) or len(words(lines[j].text)) <= len(words(text)):
        return False
    same_block = all(not lines[k].blank for k in range(i + 1, j + 1))
    return not same_block or ends_sentence(lines[j].text)


def _heading_shape(text: str) -> bool:
    n = len(words(text))
    if not 1 <= n <= HEADING_MAX_WORDS or len(text) > HEADING_MAX_CHARS:
        return False
    stripped = text.rstrip(_CLOSERS + " ")
    if not stripped or stripped[-1] in _NO_HEADING_END:
        return False
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _label_spans(text: str, lines: list[Line]) -> list[Span]:
    """Rule 4: the label before a block quote's opening quotation mark."""
    pattern = _label_pattern()
    spans = []
    for line in lines:
        found = pattern.match(text, line.start, line.end)
        if found:
            spans.append(Span.of(text, found.start(), found.end()))
    return spans


__all__ = ["Layout", "Line", "layout", "read_text", "split_lines", "is_prose", "words"]
