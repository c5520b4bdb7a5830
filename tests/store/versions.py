"""Store files as older onrecord versions left them: made with the current code, then cut back
to an earlier schema (its tables, columns and triggers), so an upgrade test starts from the
same rows that version held."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from onrecord.store.schema import COUNTED, _sync_triggers


@contextmanager
def rewriting(path: Path) -> Iterator[sqlite3.Connection]:
    """A raw connection to the store file at ``path`` in one transaction, foreign keys off, for
    cutting it back to what an older version wrote; committed when the block ends."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN")
        yield conn
        conn.execute("COMMIT")
    finally:
        conn.close()

# What v6 added (see schema.MIGRATIONS[5]).
V6_COLUMNS = {"statements": ("act", "negated", "words")}


# What an upgrade must leave as it was, each as the rows it selects.
FIRST_SAVES = "SELECT id, ingested_at, record FROM articles ORDER BY id"
SPEAKERS = "SELECT id, name, key, kind FROM speakers ORDER BY id"   # (v9 added totals: counted anew)
SPEAKER_LINKS = "SELECT * FROM statement_speakers ORDER BY 1, 2"
TOPIC_LINKS = "SELECT * FROM statement_topics ORDER BY 1, 2"


def rows(path: Path, *queries: str) -> list[list[tuple]]:
    """The rows each query selects from the store file at ``path``."""
    with sqlite3.connect(path) as conn:
        return [conn.execute(query).fetchall() for query in queries]


def strip_v9(conn: sqlite3.Connection) -> None:
    """Take ``conn`` (at v9, in a transaction) back to v8."""
    for table in ("speaker_entities", "speaker_months", "speaker_articles", "topic_months", "quote_speakers", "topic_speakers",
                  "totals", "site_articles"):   # (and their indexes)
        conn.execute(f"DROP TABLE {table}")
    for table in COUNTED:
        conn.execute(f"DROP TRIGGER {table}_total_insert")
        conn.execute(f"DROP TRIGGER {table}_total_delete")
    for change in ("insert", "delete", "update"):
        conn.execute(f"DROP TRIGGER articles_site_{change}")
    conn.execute("DROP INDEX speakers_rank")
    for column in ("statement_count", "article_count"):
        conn.execute(f"ALTER TABLE speakers DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 8")


def strip_v8(conn: sqlite3.Connection) -> None:
    """Take ``conn`` (at v8 or later, in a transaction) back to v7."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= 9:
        strip_v9(conn)
    for index in ("articles_newest", "articles_oldest", "statements_article_start"):
        conn.execute(f"DROP INDEX {index}")
    conn.execute("PRAGMA user_version = 7")


def strip_v7(conn: sqlite3.Connection) -> None:
    """Take ``conn`` (at v7 or later, in a transaction) back to v6."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= 8:
        strip_v8(conn)
    conn.execute("DROP TABLE stopped_articles")
    conn.execute("PRAGMA user_version = 6")


def strip_v6(conn: sqlite3.Connection) -> None:
    """Take ``conn`` (at v6 or later, in a transaction, foreign keys off) back to v5."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= 7:
        strip_v7(conn)
    for table, columns in V6_COLUMNS.items():
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 5")


# What v5 added (see schema.MIGRATIONS[4]).
V5_COLUMNS = {
    "statements": ("speaker_title", "speaker_resolution", "speaker_confidence", "speaker_antecedent",
                   "speaker_antecedent_start", "speaker_antecedent_end"),
    "speaker_aliases": ("statements",),
    "statement_speakers": ("name_key",),
}


def strip_v5(conn: sqlite3.Connection) -> None:
    """Take ``conn`` (at v5 or later, in a transaction, foreign keys off) back to v4."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= 6:
        strip_v6(conn)
    for table, columns in V5_COLUMNS.items():
        for column in columns:
            conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("DROP TRIGGER statements_fts_update")
    conn.execute(_sync_triggers("statements", "id", ("text", "speaker_name", "cue"))[2])   # as v1 made it
    conn.execute("PRAGMA user_version = 4")


def merge_as_v4_did(conn: sqlite3.Connection, merged: dict[str, str]) -> None:
    """Replace the speakers of a v4 file with people merged wrongly, as v4 merged them: each
    resolved name of ``merged`` is linked to the speaker named by its value (made as needed,
    with every name it took in as an alias); the other names keep a speaker of their own."""
    conn.execute("DELETE FROM statement_speakers")
    conn.execute("DELETE FROM speaker_aliases")
    conn.execute("UPDATE statements SET speaker_id = NULL")
    conn.execute("DELETE FROM speakers")
    ids: dict[str, int] = {}
    rows = conn.execute("SELECT id, speaker_name FROM statements WHERE speaker_name IS NOT NULL ORDER BY id")
    for rowid, name in rows.fetchall():
        display = merged.get(name, name)
        if display not in ids:
            ids[display] = conn.execute("INSERT INTO speakers (name, key, kind) VALUES (?, ?, 'PERSON')",
                                        (display, display.casefold())).lastrowid
        key = name.casefold().replace(".", "")
        conn.execute("INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) VALUES (?, ?, ?, ?)",
                     (ids[display], name, key, key.split()[-1]))
        conn.execute("INSERT INTO statement_speakers (statement_id, speaker_id, position) VALUES (?, ?, 0)",
                     (rowid, ids[display]))
        conn.execute("UPDATE statements SET speaker_id = ? WHERE id = ?", (ids[display], rowid))
