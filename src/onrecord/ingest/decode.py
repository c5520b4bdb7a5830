"""Bytes to text: find the encoding of an input file, or say clearly why it is not text.

Order: a byte-order mark, strict UTF-8, UTF-16 without a mark (recognised by its NUL bytes),
an encoding the caller found declared (an HTML ``<meta charset>``), Windows-1252 when the
result reads as Western text, and charset-normalizer for everything else.
"""
from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ..errors import InputError

# UTF-32 first: its little-endian mark starts with the UTF-16 one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Signatures of common non-text files that people point a text tool at by mistake.
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"%PDF-", b"PK\x03\x04", b"PK\x05\x06",
    b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"\xd0\xcf\x11\xe0",
    b"SQLite format 3", b"\x00asm", b"OggS", b"fLaC", b"wOFF", b"wOF2",
)

BINARY = "binary file, not text"
_SNIFF = 4096                   # bytes looked at for the UTF-16 NUL pattern
_MAX_CONTROL_SHARE = 0.02       # more control characters than this is not prose
_MAX_ACCENTED_SHARE = 0.3       # Western text has mostly unaccented letters
_GLUED_OK = frozenset("©®™°")   # symbols that legitimately follow a letter


def decode(data: bytes, source: str, hint: str | None = None) -> str:
    """The text of ``data``, without a byte-order mark; ``hint`` is a declared encoding."""
    if not data:
        raise InputError(source, "empty file")
    text = _with_bom(data, source)
    if text is None:
        if data.startswith(_MAGIC):
            raise InputError(source, BINARY)
        text = _without_bom(data, source, hint)
    check_text(text, source)
    return text


def _with_bom(data: bytes, source: str) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                reason = f"starts with a {encoding} byte-order mark but is not {encoding}"
                raise InputError(source, reason) from None
    return None


def _without_bom(data: bytes, source: str, hint: str | None) -> str:
    if b"\x00" in data:
        return _utf16(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for attempt in (_declared(data, hint), _western(data), _detected(data)):
        if attempt is not None:
            return attempt
    raise InputError(source, "cannot decode: not UTF-8 and no known encoding fits")


def _utf16(data: bytes, source: str) -> str:
    """UTF-16 without a mark puts a NUL beside every ASCII character; anything else is binary."""
    head = data[:_SNIFF]
    half = max(len(head) // 2, 1)
    even = head[0::2].count(0) / half
    odd = head[1::2].count(0) / half
    if odd > 0.3 and even < 0.05:
        encoding = "utf-16-le"
    elif even > 0.3 and odd < 0.05:
        encoding = "utf-16-be"
    else:
        raise InputError(source, BINARY)
    if len(data) % 2:
        raise InputError(source, BINARY)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(source, BINARY) from None


def _declared(data: bytes, hint: str | None) -> str | None:
    if not hint:
        return None
    try:
        return data.decode(hint)
    except (LookupError, UnicodeDecodeError):
        return None


def _western(data: bytes) -> str | None:
    """Windows-1252, the usual legacy encoding of English news, when the result reads as such.

    charset-normalizer cannot tell single-byte code pages apart on a short text (it calls
    b"caf\\xe9" cp1125), so try the likely one first and keep it only if it looks right.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    accented = sum(1 for c in letters if ord(c) > 127)
    if letters and accented > _MAX_ACCENTED_SHARE * len(letters):
        return None  # Cyrillic or Greek bytes read as Latin come out all accents
    return None if _glued_symbol(text) else text


def _detected(data: bytes) -> str | None:
    """charset-normalizer's best guess that reads right, else its best guess."""
    first = None
    for match in from_bytes(data):  # best first
        text = str(match)
        if not _glued_symbol(text):
            return text
        first = first or text
    return first


def _glued_symbol(text: str) -> bool:
    """A symbol or number sign right after a letter, the mark of a wrong code page
    (cp1250's "ł" read as cp1252 is "³": "powiedzia³")."""
    for before, char in zip(text, text[1:]):
        if ord(char) > 127 and before.isalpha() and char not in _GLUED_OK:
            if unicodedata.category(char)[0] in "SN":
                return True
    return False


def check_text(text: str, source: str) -> None:
    if not text.strip():
        raise InputError(source, "only whitespace, no text")
    check_prose(text, source)


def check_prose(text: str, source: str) -> None:
    """Refuse what is no prose: a NUL or control characters beyond a few (InputError naming
    ``source``), however the text came (a file, a JSON line, a request)."""
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(source, BINARY)


__all__ = ["decode", "check_prose", "BINARY"]
