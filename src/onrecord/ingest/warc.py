"""WARC and WARC.gz files (Common Crawl's CC-NEWS among them): the HTML pages of their HTTP
``response`` records, read with warcio.

Each page's ``source`` is its ``WARC-Target-URI``; ``published`` comes from the page's own
metadata, never from ``WARC-Date`` (the crawl time). Other records (requests, metadata,
images, redirects) are skipped, but a response whose HTTP head is garbled is reported, not
taken for one of them. A record that cannot be parsed, or a gzip member whose compressed data
is corrupt, becomes an ``InputError`` naming ``FILE#offset`` and reading resumes at the next
record; a page that cannot be read one naming its URI; a file that breaks off (a truncated
gzip) ends with one ``InputError``. warcio prints nothing of its own: what it would write to
stderr becomes one of these errors, or one line naming the file and offset.
"""
from __future__ import annotations

import os
import re
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
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
_STATUS = re.compile(r"[1-5][0-9][0-9]\b")
_PROTOCOL = re.compile(r"HTTP/[0-9]\.[0-9]$")


class _CorruptMember(Exception):
    """A gzip member of the file that stops inflating part-way."""


class _CorruptBody(Exception):
    """An HTTP body (Content-Encoding gzip, deflate, br) that stops inflating part-way."""


def _strict(error: type[Exception], guess: bool):
    """warcio's ``_decompress``, raising ``error`` where warcio writes zlib's message bare to
    stderr and reads on as if the data had ended. When the first block fails, warcio guesses
    the data is not compressed; with ``guess`` that is kept (a server may send plain text it
    says is gzip), without it (the members of a file that is gzip) it is an error too."""
    def _decompress(self: BufferedReader, data: bytes) -> bytes:
        if not (self.decompressor and data and (self.num_block_read or not guess)):
            return BufferedReader._decompress(self, data)
        try:
            return self.decompressor.decompress(data)
        except Exception as err:  # noqa: BLE001 - zlib.error, or brotli's own
            raise error(_brief(err)) from None
    return _decompress


class _MemberReader(DecompressingBufferedReader):
    _decompress = _strict(_CorruptMember, guess=False)


class _BodyReader(BufferedReader):
    _decompress = _strict(_CorruptBody, guess=True)


class _ChunkedBodyReader(ChunkedDataReader):
    _decompress = _strict(_CorruptBody, guess=True)


# warcio's body readers by their strict twins, which add behaviour and no state: a reader's
# class is swapped in place, so that warcio still decides which reader a body needs
_STRICT_BODY: dict[type, type] = {BufferedReader: _BodyReader, ChunkedDataReader: _ChunkedBodyReader}


def _strict_body(stream):
    if type(stream) in _STRICT_BODY:
        stream.__class__ = _STRICT_BODY[type(stream)]
    return stream


class _OneLine:
    """warcio's warning for a record not followed by a blank line, as one line naming the
    file (warcio prints three, with the raw bytes that follow). Held until the reading goes
    on (``flush``): when it does not, the error that stops it names the same bytes, and one
    line is enough."""

    def __init__(self, source: str):
        self.source = source
        self.held: list[str] = []

    def format(self, offset: int, _remainder: bytes) -> str:
        self.held.append(f"onrecord: {self.source}#{offset}: a WARC record is not followed by a "
                         "blank line (its Content-Length may be wrong); reading on\n")
        return ""                                     # what warcio writes to stderr

    def flush(self) -> None:
        sys.stderr.write("".join(self.held))
        self.held.clear()


class _Records(ArchiveIterator):
    """warcio's iterator, noting where it last began to read a record (``start``): it reports
    no error at a record that breaks off in its headers, it just stops there."""

    start = 0
    last = 0              # where the last record read began

    def __init__(self, fileobj: BinaryIO, source: str, gzipped: bool):
        super().__init__(fileobj)
        self.INC_RECORD = self.warnings = _OneLine(source)
        if gzipped:                    # a reader with nothing read yet: only its class changes
            self.reader.__class__ = _MemberReader

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


def count_pages(path: str | os.PathLike[str]) -> int:
    """The HTML pages of a WARC file, counted without reading them and without a word on
    stderr (warcio's own iterator prints its errors): a census for a progress bar. A file
    that cannot be read to its end raises, as warcio does."""
    with open(path, "rb") as file:
        gzipped = file.read(2) == _GZIP
        file.seek(0)
        return sum(is_html_page(record) for record in _Records(file, os.fspath(path), gzipped))


def _read_file(file: BinaryIO, source: str, gzipped: bool) -> Iterator[Article | InputError]:
    resume: int | None = 0
    while resume is not None:
        file.seek(resume)
        records = _Records(file, source, gzipped)
        try:
            for record in records:
                records.warnings.flush()           # the bytes before this record read on
                yield from _page(record, source, records.start)
        except _Truncated:
            fault = TRUNCATED
        except Exception as err:  # noqa: BLE001 - warcio raises assorted errors on a bad record
            fault = f"corrupt WARC record ({_brief(err)})"
        else:
            ending = list(_ending(file, source, records, gzipped))
            if not ending:
                records.warnings.flush()
            yield from ending
            return
        at = records.start
        if gzipped:
            at, fault = _member_fault(file, records, fault)
        yield InputError(f"{source}#{at}", fault)
        resume = None if fault == TRUNCATED else _next_start(file, at + 1, gzipped)


def _member_fault(file: BinaryIO, records: _Records, fault: str) -> tuple[int, str]:
    """Where a fault in a gzip file lies and what it is, whatever warcio made of it: each
    record is a member, so a fault where no member begins is in the last record's (warcio
    read on past the end of one that never ended)."""
    file.seek(records.start)
    if file.read(len(_STARTS[True])) == _STARTS[True]:
        return records.start, _inflate(file, records.start)[1] or fault
    ended, corrupt = _inflate(file, records.last)
    return records.last, corrupt or (fault if ended else TRUNCATED)


def _ending(file: BinaryIO, source: str, records: _Records, gzipped: bool) -> Iterator[InputError]:
    """The error of a file whose records warcio read to the end, if it ends badly: in a gzip
    file, first the last record's member (warcio stops inside one that never ends)."""
    if gzipped:
        ended, corrupt = _inflate(file, records.last)
        if corrupt or not ended:
            yield InputError(f"{source}#{records.last}", corrupt or TRUNCATED)
            return
    if _left_over(file, records.start):
        yield InputError(f"{source}#{records.start}", TRUNCATED)


def _inflate(file: BinaryIO, start: int) -> tuple[bool, str | None]:
    """Whether the gzip member at ``start`` ends as gzip ends, with its checksum (warcio reads
    a record whose compressed bytes were cut after its last word), and why its data is
    corrupt if it is. Inflated a chunk at a time: a member that inflates to gigabytes is
    never held whole."""
    file.seek(start)
    inflate = zlib.decompressobj(wbits=31)
    try:
        while not inflate.eof and (chunk := file.read(_CHUNK)):
            while chunk and not inflate.eof:
                inflate.decompress(chunk, _CHUNK)
                chunk = inflate.unconsumed_tail
    except zlib.error as err:
        return False, f"corrupt gzip data ({_brief(err)})"
    return inflate.eof, None


def _left_over(file: BinaryIO, end: int) -> bool:
    """True when bytes other than blank lines follow where warcio stopped."""
    file.seek(end)
    return bool(file.read(_CHUNK).strip())


def _page(record: ArcWarcRecord, source: str, offset: int) -> Iterator[Article | InputError]:
    """The article of an HTML response record, nothing for any other record."""
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        raise ValueError("no valid Content-Length")  # warcio would read on to the end of the file
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{offset}"
    garbled = _garbled(record)
    payload = InputError(uri, garbled) if garbled else _payload(record, uri) if is_html_page(record) else None
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
        return _strict_body(record.content_stream()).read(MAX_HTML_BYTES + 1)
    except _CorruptMember:
        raise                                 # the record's gzip member, not the page: see _read_file
    except _CorruptBody as err:
        return InputError(uri, f"cannot read the page (corrupt compressed body: {err})")
    except Exception as err:  # noqa: BLE001 - a broken chunked or compressed body
        return InputError(uri, f"cannot read the page ({_brief(err)})")


def is_html_page(record: ArcWarcRecord) -> bool:
    """A successful HTTP response whose content type is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    mime = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    return status.startswith("2") and mime in HTML_TYPES


def _garbled(record: ArcWarcRecord) -> str | None:
    """Why a response's HTTP head is not one, if it is not: warcio parses any first line as a
    status line, so a garbled head would otherwise pass for a page that is not HTML."""
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        return None
    if not _PROTOCOL.match(http.protocol or "") or not _STATUS.match(http.get_statuscode() or ""):
        return f"corrupt HTTP response (status line: {_brief(ValueError(http.protocol + ' ' + http.statusline), 40)})"
    if (http.get_statuscode() or "").startswith("2") and not http.get_header("Content-Type"):
        return "corrupt HTTP response (no Content-Type)"
    return None


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


__all__ = ["read_warc", "is_html_page", "count_pages", "HTML_TYPES"]
