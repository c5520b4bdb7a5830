"""Reading inputs: files, bytes or strings to ``Article``s, with no NLP.

``read_path`` and ``read_bytes`` tell HTML from plain text by extension and content.
Every problem the user can cause raises ``InputError`` naming the input. ``read_inputs``
also reads files of many articles (JSON lines, WARC) and streams each problem as an
``InputError`` among the articles instead of raising it.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Article
from .decode import decode as _decode  # keeps `ingest.decode` naming the module
from .files import GZIP_MAGIC, gunzip, open_binary, os_errors, source_name
from .html import MAX_HTML_BYTES, check_size, declared_charset, looks_like_html, read_html
from .jsonl import read_jsonl
from .text import read_text
from .warc import read_warc

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
JSONL_ENDINGS = (".jsonl",)
WARC_ENDINGS = (".warc", ".warc.gz")
GZIP_ENDING = ".gz"   # an article file as crawls save it: page.html.gz
STDIN = "-"  # read as JSON lines


def read_path(path: str | os.PathLike[str]) -> Article:
    """The article in the file at ``path``."""
    source = source_name(path)
    with open_binary(path, source) as fh:
        with os_errors(source):
            check_size(os.fstat(fh.fileno()).st_size, source, "file")  # before reading it all
            data = fh.read()
    return read_bytes(data, source)


def read_bytes(data: bytes, source: str) -> Article:
    """The article in ``data``; ``source`` names it (a path or URL) and gives its extension.

    A ``.txt`` file is HTML only if it opens as HTML; an unknown extension also when the
    HTML skeleton shows near the top. Gzip-compressed data is unpacked first."""
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source, MAX_HTML_BYTES)
    suffix = _suffix(source)
    check_size(len(data), source, "page" if suffix in HTML_SUFFIXES else "input")
    text = _decode(data, source, hint=declared_charset(data))
    if suffix in HTML_SUFFIXES or looks_like_html(text, strict=suffix in TEXT_SUFFIXES):
        return read_html(text, source)
    return read_text(text, source)


def read_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article | InputError]:
    """The articles of every input (directories expanded), each problem as an ``InputError``
    in their place; ``-`` is standard input read as JSON lines."""
    for given in paths:
        if not Path(given).is_dir():
            yield from _read_input(given)
            continue
        found, others = _walk(Path(given))           # one walk: what is read, what is not
        for path in found:
            yield from _read_input(path)
        yield from _unread(Path(given), found, others)


def _read_input(path: str | os.PathLike[str]) -> Iterator[Article | InputError]:
    if path == STDIN:
        yield from read_jsonl(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>")
        return
    source = source_name(Path(path))
    name = source.lower()
    if name.endswith(JSONL_ENDINGS):
        yield from read_jsonl(path, source)
    elif name.endswith(WARC_ENDINGS):
        yield from read_warc(path, source)
    else:
        try:
            yield read_path(Path(path))
        except InputError as err:
            yield err


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str | os.PathLike[str]]:
    """Named files as given (even missing ones, for the caller to report) and the article
    files under named directories, recursively, sorted, hidden files and folders skipped."""
    for path in paths:
        if Path(path).is_dir():
            yield from _files_under(Path(path))
        else:
            yield path


def unread_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[InputError]:
    """What a walk of the named directories leaves unread, each as an ``InputError``, so that
    nothing is skipped without a word: files that are not article files, and a folder with no
    files at all."""
    for path in paths:
        if Path(path).is_dir():
            yield from _unread(Path(path), *_walk(Path(path)))


def _unread(folder: Path, found: list[Path], others: list[Path]) -> Iterator[InputError]:
    others = [f for f in others if not f.name.lower().endswith(STORE_ENDINGS)]
    for other in others:
        yield InputError(source_name(other), f"not read: not an article file ({UNREAD_HINT})")
    if not others and not found:
        yield InputError(source_name(folder), "no files to read in this folder")


# A store kept in the folder it reads (``onrecord ingest .`` with ./onrecord.db) is no input.
STORE_ENDINGS = (".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite", ".sqlite3")
UNREAD_HINT = "onrecord reads .txt, .html, .htm, the same gzipped (.gz), .jsonl, .warc and .warc.gz"


def _files_under(folder: Path) -> list[Path]:
    return _walk(folder)[0]


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """The article files under ``folder`` and the other files, each sorted; hidden files and
    folders aside."""
    found: list[Path] = []
    others: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith("."):
                (found if _is_input_name(name) else others).append(Path(root, name))
    return sorted(found), sorted(others)


def _is_input_name(name: str) -> bool:
    """An article file (gzipped or not), or a file of many articles (JSON lines, WARC)."""
    lower = name.lower()
    return _suffix(lower) in INPUT_SUFFIXES or lower.endswith(JSONL_ENDINGS + WARC_ENDINGS)


def _suffix(source: str) -> str:
    """The extension of a path or of a URL's path (query and fragment ignored), looking
    through a final ``.gz``: ``page.html.gz`` is ``.html``."""
    path = PurePosixPath(source.split("?", 1)[0].split("#", 1)[0].replace("\\", "/"))
    if path.suffix.lower() == GZIP_ENDING:
        path = path.with_suffix("")
    return path.suffix.lower()


__all__ = [
    "read_path", "read_bytes", "read_text", "read_jsonl", "read_warc", "read_inputs", "iter_inputs",
    "unread_files",
    "INPUT_SUFFIXES", "JSONL_ENDINGS", "WARC_ENDINGS", "STDIN",
]
