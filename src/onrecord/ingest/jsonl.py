"""JSON lines: one article per line, ``{"text": …}`` or ``{"html": …}`` with optional ``url``,
``title``, ``published`` and ``site``.

A bad line becomes an ``InputError`` naming ``SOURCE:LINE`` in the stream of articles, and
reading goes on with the next line.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..errors import InputError
from ..model import Article
from .decode import check_prose
from .files import open_binary
from .html import MAX_HTML_BYTES, read_html
from .text import read_text

FIELDS = ("text", "html", "url", "title", "published", "site")
# The longest line read: a page at the HTML limit, escaped as JSON, with room to spare.
MAX_LINE_BYTES = 2 * MAX_HTML_BYTES


def read_jsonl(path_or_file: str | os.PathLike[str] | IO[bytes] | IO[str],
               source: str) -> Iterator[Article | InputError]:
    """The articles of a JSONL file (a path, or an open file of bytes or text) in order,
    an ``InputError`` in place of each line that is not one."""
    if not isinstance(path_or_file, (str, os.PathLike)):
        yield from _read_lines(path_or_file, source)
        return
    try:
        file = open_binary(path_or_file, source)
    except InputError as err:
        yield err
        return
    with file:
        yield from _read_lines(_capped_lines(file), source)


def _capped_lines(file: IO[bytes]) -> Iterator[bytes | None]:
    """The file's lines, None in place of a line longer than ``MAX_LINE_BYTES`` (read past in
    pieces, never held whole)."""
    while line := file.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := file.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _read_lines(lines: Iterable[bytes | str | None], source: str) -> Iterator[Article | InputError]:
    empty = True
    for line_no, raw in enumerate(lines, 1):
        where = f"{source}:{line_no}"
        try:
            if raw is None:
                raise InputError(where, f"line too long (over {MAX_LINE_BYTES // 2**20} MB)")
            line = _line_text(raw, where, first=line_no == 1)
            if not line.strip():
                continue
            empty = False
            yield read_record(line, where)
        except InputError as err:
            empty = False
            yield err
    if empty:
        yield InputError(source, "empty file")


def _line_text(raw: bytes | str, where: str, first: bool) -> str:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(where, "not UTF-8") from None
    return raw.removeprefix("\ufeff") if first else raw


def read_record(line: str, where: str) -> Article:
    """The article of one JSON line; ``where`` (``FILE:LINE``) names it in errors and is its
    source when it has no ``url``."""
    fields = _fields(line, where)
    source = fields["url"] or where
    try:
        if fields["text"] is not None:       # text as given wins over HTML when both are there
            article = read_text(fields["text"], source)
        elif fields["html"] is not None:
            article = read_html(fields["html"], source)
        else:
            raise InputError(where, 'neither "text" nor "html"')
        check_prose(article.text, where)     # as a file of the same bytes would be
    except InputError as err:
        raise InputError(where, err.reason) from None
    # str fields of Article by name; Any so that ``replace`` takes them (a plain dict's type
    # cannot say which field each value is for)
    given: dict[str, Any] = {
        "title": fields["title"] or None,
        "published": _iso_date(fields["published"], where),
        "site": fields["site"] or None,
    }
    return dataclasses.replace(article, **{k: v for k, v in given.items() if v})


def _fields(line: str, where: str) -> dict[str, str | None]:
    """The known fields of the line's object, each a string or None."""
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"invalid JSON ({err.msg}, column {err.colno})") from None
    except RecursionError:                      # "[[[[…": valid JSON too deep for any parser
        raise InputError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise InputError(where, f"not a JSON object but {type(data).__name__}")
    for name in FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(where, f'"{name}" must be a string, not {type(value).__name__}')
        if value is not None and (lone := _lone_surrogate(value)) is not None:
            raise InputError(where, f'"{name}" is not valid Unicode: an unpaired surrogate '
                                    f'(\\u{ord(value[lone]):04x}) at character {lone}')
    return {name: data.get(name) for name in FIELDS}


def _lone_surrogate(value: str) -> int | None:
    """Where ``value`` holds a surrogate code point ("\\ud800" is valid JSON but no
    character: it cannot be stored, hashed or printed), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


def _iso_date(value: str | None, where: str) -> str | None:
    """An ISO date or datetime, normalised as ``--published`` is."""
    if not value:
        return None
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value).isoformat()
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(where, f'"published" is not an ISO date (YYYY-MM-DD): {value!r}') from None


__all__ = ["read_jsonl", "read_record"]
