"""Counters kept on the rows of quotes, topics and event groups: recounted, and dropped once
nothing counts towards them any more."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable


def _wanted(ids: Iterable[int | None]) -> list[tuple[int]]:
    return [(rid,) for rid in dict.fromkeys(ids) if rid is not None]


def drop_empty(conn: sqlite3.Connection, table: str, column: str, ids: Iterable[int | None]) -> None:
    """Delete the rows ``ids`` of ``table`` whose ``column`` count is 0."""
    conn.executemany(f"DELETE FROM {table} WHERE id = ? AND {column} = 0", _wanted(ids))


def recount(conn: sqlite3.Connection, refresh: str, table: str, column: str,
            ids: Iterable[int | None]) -> None:
    """Run ``refresh`` (one ``?``: the row id) for each of ``ids``, then drop the rows of
    ``table`` it left with a ``column`` count of 0."""
    wanted = _wanted(ids)
    conn.executemany(refresh, wanted)
    conn.executemany(f"DELETE FROM {table} WHERE id = ? AND {column} = 0", wanted)


def published(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The stored publication date of the article ``article_id`` (its row must exist)."""
    return conn.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


__all__ = ["drop_empty", "published", "recount"]
