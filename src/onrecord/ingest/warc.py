"""WARC and WARC.gz files (Common Crawl's CC-NEWS among them): the HTML pages of their HTTP
``response`` records, read with warcio.

Each page's ``source`` is its ``WARC-Target-URI``; ``published`` comes from the page's own
metadata, never from ``WARC-Date`` (the crawl time). Other records (requests, metadata,
images, redirects) are skipped. A record that cannot be parsed becomes an ``InputError``
naming ``FILE#offset`` and reading resumes at the next record; a page that cannot be read
one naming its URI; a file that breaks off (a truncated gzip) ends with one ``InputError``.
"""
from __future__ import annotations

import os
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError
from ..model import Article
from .decode import decode
from .files import open_binary
from .html import MAX_HTML_BYTES, check_size, declared_charset, read_html

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TRUNCATED = "file ends in the middle of a record (truncated or corrupt)"
_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_GZIP = b"\x1f\x8b"
_STARTS = {True: _GZIP + b"\x08", False: b"\nWARC/1."}   # where a record can begin (gzip or not)
_CHUNK = 1 << 20


class _OneLine:
    """warcio's warning for a record not followed by a blank line, as one line naming the
    file (warcio prints three, with the raw bytes that follow)."""

    def __init__(self, source: str):
        self.source = source

    def format(self, offset: int, _remainder: bytes) -> str:
        return (f"onrecord: {self.source}#{offset}: a WARC record is not followed by a blank line "
                "(its Content-Length may be wrong); reading on\n")


class _Records(ArchiveIterator):
    """warcio's iterator, noting where it last began to read a record (``start``): it reports
    no error at a record that breaks off in its headers, it just stops there."""

    start = 0
    last = 0              # where the last record read began

    def __init__(self, fileobj: BinaryIO, source: str):
        super().__init__(fileobj)
        self.INC_RECORD = _OneLine(source)

    def _next_record(self, next_line: bytes | None) -> ArcWarcRecord:
        self.last, self.start = self.start, self.offset
        return super()._next_record(next_line)


class _Truncated(Exception):
    """A record whose bytes end before its Content-Length does."""


def read_warc(path: str | os.PathLike[str], source: str) -> Iterator[Article | InputError]:
    """The articles of the HTML responses in a WARC file, an ``InputError`` for each record
    or page that cannot be read."""
    try:
        file = open_binary(path, source)
    except InputError as err:
        yield err
        return
    with file:
        head = file.read(2)
        if not head:
            yield InputError(source, "empty file")
            return
        yield from _read_file(file, source, gzipped=head == _GZIP)


def _read_file(file: BinaryIO, source: str, gzipped: bool) -> Iterator[Article | InputError]:
    resume: int | None = 0
    while resume is not None:
        file.seek(resume)
        records = _Records(file, source)
        try:
            for record in records:
                yield from _page(record, source, records.start)
        except _Truncated:
            yield InputError(f"{source}#{records.start}", TRUNCATED)
            return
        except Exception as err:  # noqa: BLE001 - warcio raises assorted errors on a bad record
            yield InputError(f"{source}#{records.start}", f"corrupt WARC record ({_brief(err)})")
            resume = _next_start(file, records.start + 1, gzipped)
            continue
        if _left_over(file, records.start):
            yield InputError(f"{source}#{records.start}", TRUNCATED)
        elif gzipped and not _member_ends(file, records.last):
            yield InputError(f"{source}#{records.last}", TRUNCATED)
        return


def _member_ends(file: BinaryIO, start: int) -> bool:
    """Whether the gzip member at ``start`` (the last record's) ends as gzip ends, with its
    checksum: warcio reads a record whose compressed bytes were cut after its last word."""
    file.seek(start)
    inflate = zlib.decompressobj(wbits=31)
    while not inflate.eof and (chunk := file.read(_CHUNK)):
        inflate.decompress(chunk)
    return inflate.eof


def _left_over(file: BinaryIO, end: int) -> bool:
    """True when bytes other than blank lines follow where warcio stopped."""
    file.seek(end)
    return bool(file.read(_CHUNK).strip())


def _page(record: ArcWarcRecord, source: str, offset: int) -> Iterator[Article | InputError]:
    """The article of an HTML response record, nothing for any other record."""
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        raise ValueError("no valid Content-Length")  # warcio would read on to the end of the file
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{offset}"
    payload = _payload(record, uri) if is_html_page(record) else None
    if _unread(record):
        raise _Truncated
    if payload is None:
        return
    if isinstance(payload, InputError):
        yield payload
        return
    try:
        check_size(len(payload), uri, "page")
        text = decode(payload, uri, hint=_http_charset(record) or declared_charset(payload))
        yield read_html(text, uri)
    except InputError as err:
        yield err


def _payload(record: ArcWarcRecord, uri: str) -> bytes | InputError:
    """The HTTP body, unchunked and uncompressed (read up to just past the size limit)."""
    try:
        return record.content_stream().read(MAX_HTML_BYTES + 1)
    except Exception as err:  # noqa: BLE001 - a broken chunked or compressed body
        return InputError(uri, f"cannot read the page ({_brief(err)})")


def is_html_page(record: ArcWarcRecord) -> bool:
    """A successful HTTP response whose content type is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    mime = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return status.startswith("2") and mime in HTML_TYPES


def _http_charset(record: ArcWarcRecord) -> str | None:
    found = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    return found.group(1) if found else None


def _unread(record: ArcWarcRecord) -> bool:
    """True when the record's bytes end before its Content-Length does."""
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    return getattr(stream, "limit", 0) > 0


def _next_start(file: BinaryIO, after: int, gzipped: bool) -> int | None:
    """The offset of the next possible record start at or after ``after``, if any."""
    mark = _STARTS[gzipped]
    pos = after - 1 if not gzipped else after   # the plain mark includes the newline before it
    while True:
        file.seek(pos)
        chunk = file.read(_CHUNK + len(mark))
        found = chunk.find(mark)
        if found >= 0:
            return pos + found + (0 if gzipped else 1)
        if len(chunk) <= len(mark):
            return None
        pos += _CHUNK


def _brief(err: Exception, limit: int = 80) -> str:
    """An error's message on one short printable line (warcio quotes raw bytes), or its class."""
    text = " ".join(str(err).split())
    text = "".join(c if c.isprintable() and ord(c) < 128 else "?" for c in text)
    return (text[:limit] + "…" if len(text) > limit else text) or err.__class__.__name__


__all__ = ["read_warc", "is_html_page", "HTML_TYPES"]
