"""Storage of article records: SQLite with FTS5 (see ``sqlite.Store``)."""
from __future__ import annotations

from onrecord.store.queries import MAX_PAGE
from onrecord.store.opening import StoreNeedsUpgrade, writable
from onrecord.store.sqlite import Store

__all__ = ["MAX_PAGE", "Store", "StoreNeedsUpgrade", "writable"]
