"""HTML pages: the article text and metadata as trafilatura extracts them, offline.

``text`` is the extracted article, one block (paragraph, heading, list, quote) per paragraph,
blocks separated by a blank line so that paragraph boundaries stay visible downstream.
Offsets point into that text, not into the HTML.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Article, Span
from .text import layout

if TYPE_CHECKING:          # trafilatura (and lxml) load only when a page is read
    from trafilatura.settings import Document

MAX_HTML_BYTES = 20 * 1024 * 1024
NO_ARTICLE = "no article text found in HTML"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)
# A card that shows on hover beside a name in the text ("Ilhan Omar" then her photo and the
# headlines of her latest articles) is inline markup, and trafilatura keeps its text, run into
# the sentence. What sits inside such a widget, other than its link (the name itself), goes.
_HOVER = " or ".join(f"contains(@class, '{word}')" for word in ("rollover", "tooltip", "hovercard", "popover"))
HOVER_CARDS = f"//*[{_HOVER}][ancestor::*[{_HOVER}]][not(self::a)]"


def looks_like_html(text: str, strict: bool = False) -> bool:
    """True for a document that opens as HTML or, unless ``strict``, opens with a tag and
    shows the HTML skeleton early on (a saved fragment)."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return not strict and head.lstrip().startswith("<") and _HTML_TAG.search(head) is not None


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in ``<meta charset>`` (looked for near the top only)."""
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def check_size(size: int, source: str, what: str = "page") -> None:
    if size > MAX_HTML_BYTES:
        limit = MAX_HTML_BYTES // 2**20
        raise InputError(source, f"{what} too large ({size / 2**20:.1f} MB; the limit is {limit} MB)")


def read_html(html: str, source: str) -> Article:
    """An ``Article`` of the main text of an HTML page; never fetches anything."""
    check_size(len(html), source)
    document = _extract(html, source)
    blocks = list(_blocks(document))
    if not blocks:
        raise InputError(source, NO_ARTICLE)
    text, heads = _join(blocks)
    found = layout(text)
    headings = {(s.start, s.end): s for s in (*found.headings, *heads)}
    return Article(
        text=text,
        source=source,
        title=_clean(document.title) or found.title,
        published=_clean(document.date),
        site=_clean(document.sitename) or _clean(document.hostname),
        authors=split_authors(document.author),
        boilerplate=found.boilerplate,
        headings=tuple(headings[k] for k in sorted(headings)),
    )


def split_authors(author: str | None) -> tuple[str, ...]:
    """trafilatura joins several authors with "; "."""
    return tuple(name.strip() for name in (author or "").split(";") if name.strip())


def _extract(html: str, source: str) -> Document:
    """trafilatura's Document; when the metadata step chokes on a page, the text alone."""
    if not _BODY_TAG.search(html):
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    try:
        document = _bare_extraction(html, source, with_metadata=True)
    # trafilatura, htmldate and lxml raise assorted errors on malformed trees (lxml even an
    # AssertionError); to the user each means the same, and one bad page must not stop a batch.
    except Exception:  # noqa: BLE001
        try:
            document = _bare_extraction(html, source, with_metadata=False)
        except Exception as err:  # noqa: BLE001
            raise InputError(source, f"cannot parse HTML ({err.__class__.__name__})") from None
    from trafilatura.settings import Document

    if not isinstance(document, Document):
        raise InputError(source, NO_ARTICLE)
    return document


def _bare_extraction(html: str, source: str, with_metadata: bool) -> Document | None:
    import trafilatura
    from trafilatura.settings import set_date_params

    url = source if source.startswith(("http://", "https://")) else None
    return trafilatura.bare_extraction(  # type: ignore[return-value]
        html,
        url=url,
        with_metadata=with_metadata,
        include_comments=False,
        prune_xpath=HOVER_CARDS,
        # the publication date from the page's markup, not any date guessed from the text
        date_extraction_params=set_date_params(extensive=False),
    )


def _blocks(document: Document) -> Iterator[tuple[str, bool]]:
    """(text, is a heading) for each top-level block of the extracted body."""
    from trafilatura.xml import xmltotxt

    if document.body is None:
        for line in (document.text or "").splitlines():
            if line.strip():
                yield line.strip(), False
        return
    for element in document.body:
        block = xmltotxt(element, False).strip()
        if block:
            yield block, element.tag == "head"


def _join(blocks: list[tuple[str, bool]]) -> tuple[str, list[Span]]:
    """The blocks as one text, a blank line between them, and the spans of the headings."""
    parts: list[str] = []
    heads: list[Span] = []
    pos = 0
    for block, is_head in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block)
        if is_head:
            heads.append(Span(block, pos, pos + len(block)))
        pos += len(block)
    return "".join(parts), heads


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


__all__ = [
    "read_html", "looks_like_html", "declared_charset", "check_size", "split_authors", "MAX_HTML_BYTES",
]
