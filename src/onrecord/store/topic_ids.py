"""Which stored topic a key or a name denotes: what the statement query and the topic pages
both ask, kept apart from the topic tables' writing and reading."""
from __future__ import annotations

import sqlite3

from onrecord.errors import InputError
from onrecord.keys import topic_key


def find_topic(conn: sqlite3.Connection, ref: str) -> int | None:
    """The id of the topic ``ref`` denotes: its key as stored, or any name of it (keyed as the
    analysis keys names); None if no stored topic."""
    if not isinstance(ref, str):
        raise InputError("topic", f"not a topic key or name: {ref!r}")
    if not ref.strip():
        return None
    for key in dict.fromkeys((ref.strip(), ref.strip().lower(), topic_key(ref))):
        row = conn.execute("SELECT id FROM topics WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return row[0]
    return None
