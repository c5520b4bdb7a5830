"""Storage of article records: SQLite with FTS5 (see ``sqlite.Store``)."""
from __future__ import annotations

from onrecord.store.sqlite import Store

__all__ = ["Store"]
