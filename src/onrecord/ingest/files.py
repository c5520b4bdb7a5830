"""Opening input files, with one set of one-line reasons for what can go wrong."""
from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from ..errors import InputError


@contextmanager
def os_errors(source: str) -> Iterator[None]:
    """Turn the errors of opening and reading a file into an InputError naming ``source``."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source, "is a directory, not a file") from None
    except OSError as err:
        raise InputError(source, f"cannot read file ({err.strerror or err.__class__.__name__})") from None


def open_binary(path: str | os.PathLike[str], source: str) -> BinaryIO:
    """The file at ``path`` open for binary reading, or an InputError naming ``source``."""
    with os_errors(source):
        if os.path.isdir(path):
            raise IsADirectoryError(path)
        return open(path, "rb")


def source_name(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can be stored and printed: the bytes of a name that are not
    UTF-8 (an old archive's ``caf\xe9.txt``) as backslash escapes, which Python would
    otherwise carry as lone surrogates that no store, hash or terminal takes."""
    name = os.fspath(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, source: str, limit: int) -> bytes:
    """The contents of the gzip file ``data`` (a crawl's ``.html.gz``), or an InputError naming
    ``source``: never more than ``limit`` bytes are inflated, so a small file that unpacks to
    gigabytes is refused instead of filling memory."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as err:
        raise InputError(source, f"not a readable gzip file ({err})") from None
    if len(out) > limit:
        raise InputError(source, f"unpacks to more than the {limit // 2**20} MB limit")
    if not inflater.eof:
        raise InputError(source, "gzip file is cut short (truncated)")
    return out


__all__ = ["open_binary", "os_errors", "gunzip", "source_name", "GZIP_MAGIC"]
