"""The word lists under ``onrecord/data``, shared by every stage that reads one."""
from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def data_lines(name: str) -> tuple[str, ...]:
    """The lines of a data file without ``#`` comments and blanks, stripped (read once: the
    lists never change while a process runs)."""
    text = (files("onrecord") / "data" / name).read_text(encoding="utf-8")
    lines = (raw.split("#", 1)[0].strip() for raw in text.splitlines())
    return tuple(line for line in lines if line)
