"""What the app holds between requests: the database path, the write token and the analyser.

Reads use a read-only connection, so no GET can change the file whatever a query does;
each server thread keeps its own (SQLite connections belong to their thread), so its page
cache stays warm between requests. Writes open a connection of their own each time.
"""
from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from onrecord.errors import StoreError
from onrecord.store import Store, writable

if TYPE_CHECKING:
    from onrecord.nlp import Analyzer


def open_database(db: str | os.PathLike[str]) -> Path:
    """The path of an existing onrecord database, migrated to the current schema; StoreError
    otherwise. Serving never creates an empty database where a path was mistyped."""
    path = Path(db)
    if str(db) in ("", ":memory:"):
        raise StoreError(str(db), "an in-memory database cannot be served (give a file)")
    if not path.exists():
        raise StoreError(str(db), "no such database (create it with `onrecord ingest`)")
    if not path.is_file():
        raise StoreError(str(db), "not a database file")
    # Opening validates the file, and migrates an older schema if this user can write it.
    Store(path, readonly=not writable(path)).close()
    return path.resolve()


@dataclass
class Context:
    db: Path
    token: str | None = None
    analyzer: "Analyzer | None" = None
    # spaCy pipelines are not documented as thread-safe: one analysis (and save) at a time.
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    local: threading.local = field(default_factory=threading.local)

    @contextmanager
    def reader(self) -> Iterator[Store]:
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = Store(self.db, readonly=True)
        yield store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with Store(self.db) as store:
            yield store

    def get_analyzer(self) -> "Analyzer":
        """The analyser, loaded on the first write (the model load takes seconds)."""
        if self.analyzer is None:
            from onrecord.nlp import Analyzer
            self.analyzer = Analyzer()
        return self.analyzer

    @property
    def writable(self) -> bool:
        return bool(self.token)


__all__ = ["Context", "open_database"]
