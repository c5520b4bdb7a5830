"""How many articles a set of inputs holds, counted without reading any article: what
gives a bulk ingest's progress bar its end, and so its ETA."""
from __future__ import annotations

import os
from collections.abc import Iterable

from . import JSONL_ENDINGS, STDIN, WARC_ENDINGS, iter_inputs, unread_files
from .warc import count_pages


def count_articles(paths: Iterable[str | os.PathLike[str]]) -> int | None:
    """Articles in ``paths`` as a bulk read will meet them (a file that cannot be read
    counts as the one failure it will be); None if standard input is among them."""
    paths = list(paths)
    total = sum(1 for _ in unread_files(paths))   # each is reported as a failure
    for path in iter_inputs(paths):
        if path == STDIN:
            return None
        name = os.fspath(path).lower()
        try:
            if name.endswith(JSONL_ENDINGS):
                total += max(1, _lines(path))
            elif name.endswith(WARC_ENDINGS):
                total += max(1, count_pages(path))   # quietly: warcio's iterator prints its errors
            else:
                total += 1
        except Exception:  # noqa: BLE001 - the read itself will report the problem; counting goes on
            total += 1
    return total


def _lines(path: str | os.PathLike[str]) -> int:
    with open(path, "rb") as fh:
        return sum(1 for line in fh if line.strip())


__all__ = ["count_articles"]
