"""Opening a store as this user may: read-only where they cannot write it (an archive, another
user's file), and a write that is tried and rolled back to learn, before a long run, whether
saves would succeed."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from onrecord.errors import StoreError
from onrecord.store.schema import VERSION, OlderSchema, check_ours, user_version


def writable(path: str | os.PathLike[str]) -> bool:
    """Whether this user may write the store file at ``path`` and the folder its WAL files
    go in (what opening it writable needs)."""
    file = Path(path)
    return os.access(file, os.R_OK | os.W_OK) and os.access(file.parent, os.W_OK | os.X_OK)


class StoreNeedsUpgrade(StoreError):
    """A store of an older schema, opened read-only: it must be migrated, which writes."""


def connect_readonly(path: str, timeout: float) -> sqlite3.Connection:
    """A read-only connection to an onrecord store of the current schema."""
    uri = Path(path).resolve().as_uri()

    def connect(flags: str) -> sqlite3.Connection:
        conn = sqlite3.connect(uri + flags, uri=True, timeout=timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        return conn

    conn = connect("?mode=ro")
    try:
        version = check_ours(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        if not _unwritable_wal_store(path, exc):
            raise
        # A WAL store in a folder this user cannot write: SQLite cannot create the -shm file
        # that readers share. With no -wal file left (the last writer closed cleanly), the
        # file alone is the whole store, and it is read as it is, unchanging.
        conn = connect("?mode=ro&immutable=1")
        version = check_ours(conn)
    if version < VERSION:
        conn.close()
        raise OlderSchema(version)
    return conn


def _unwritable_wal_store(path: str, exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    wal = Path(path + "-wal")
    unreadable = "readonly" in message or "read-only" in message or "unable to open" in message
    return unreadable and not (wal.exists() and wal.stat().st_size > 0)


def probe_write(conn: sqlite3.Connection) -> None:
    """Raise what a save through ``conn`` would raise if the file or its folder is read-only;
    the write is rolled back, so the file is left as it was. A store that another writer holds
    is writable: its saves will wait their turn (or each report the lock), as they always do."""
    version = user_version(conn)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return
        raise
    try:
        conn.execute(f"PRAGMA user_version = {version:d}")   # our own int, as it was
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


__all__ = ["StoreNeedsUpgrade", "connect_readonly", "probe_write", "writable"]
