"""The store's schema as ordered migrations, tracked in ``PRAGMA user_version``.

Migration N (1-based) takes a database at ``user_version`` N-1 to N. Append new migrations to
``MIGRATIONS``; never edit one that has shipped, since databases in the wild already ran it.
Each migration is a tuple of single statements rather than one script, because trigger bodies
contain ``;`` and ``executescript`` would commit the surrounding transaction.

Everything is plain tables and standard FTS5, so any SQLite tool (Datasette too) can read the
file. The full-text tables use external content: they index the rows of ``statements`` and
``articles`` without storing a second copy, and triggers keep them in sync on every insert,
update and delete (including ``ON DELETE CASCADE``).
"""
from __future__ import annotations

import sqlite3

# remove_diacritics 2 folds "Šefčovič" to "sefcovic" so a plain ASCII query finds it.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"

_ARTICLES = """
CREATE TABLE articles (
    id          TEXT PRIMARY KEY,           -- sha256 hex of text (Article.id)
    source      TEXT,
    title       TEXT,
    published   TEXT,                       -- ISO date or datetime
    site        TEXT,
    authors     TEXT NOT NULL DEFAULT '[]', -- JSON array of names
    language    TEXT,
    text        TEXT NOT NULL,
    boilerplate TEXT NOT NULL DEFAULT '[]', -- JSON array of spans
    record      TEXT NOT NULL,              -- the full Article.to_dict() as JSON
    ingested_at TEXT NOT NULL               -- UTC ISO timestamp of the first save
)"""

_STATEMENTS = """
CREATE TABLE statements (
    id              INTEGER PRIMARY KEY,    -- the rowid statements_fts points at
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sid             TEXT NOT NULL,          -- Statement.id, unique within its article
    kind            TEXT NOT NULL,          -- direct | indirect | mixed
    text            TEXT NOT NULL,
    start           INTEGER NOT NULL,       -- offsets into articles.text, end exclusive
    "end"           INTEGER NOT NULL,
    cue             TEXT,
    speaker_name    TEXT,
    speaker_mention TEXT,
    confidence      REAL,
    UNIQUE (article_id, sid)
)"""

_ENTITIES = """
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    eid        TEXT NOT NULL,               -- Entity.id, unique within its article
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,               -- PERSON | ORG | GPE | LOC | NORP
    PRIMARY KEY (article_id, eid)
)"""

_STATEMENTS_FTS = f"""
CREATE VIRTUAL TABLE statements_fts USING fts5(
    text, speaker_name, cue,
    content = 'statements', content_rowid = 'id', {_TOKENIZE}
)"""

_ARTICLES_FTS = f"""
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'rowid', {_TOKENIZE}
)"""


def _sync_triggers(table: str, key: str, columns: tuple[str, ...]) -> tuple[str, ...]:
    """Triggers keeping ``{table}_fts`` (external content) in step with ``table``.

    External-content FTS5 deletes need the old column values, hence the special
    ``'delete'`` insert rather than a plain DELETE.
    """
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.{key}, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});"
    return (
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    )


MIGRATIONS: list[tuple[str, ...]] = [
    # 1: articles, statements, entities and their full-text indexes.
    (
        _ARTICLES,
        _STATEMENTS,
        _ENTITIES,
        "CREATE INDEX statements_speaker_name ON statements (speaker_name)",
        "CREATE INDEX articles_published ON articles (published)",
        _STATEMENTS_FTS,
        *_sync_triggers("statements", "id", ("text", "speaker_name", "cue")),
        _ARTICLES_FTS,
        *_sync_triggers("articles", "rowid", ("title", "text")),
    ),
]

VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer onrecord than this one."""

    def __init__(self, found: int):
        super().__init__(f"schema version {found}, this onrecord knows up to {VERSION}")
        self.found = found


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn`` (in autocommit mode) up to ``VERSION``; return the version it started at.

    A current database is only read, so it can be opened while another connection writes
    (or from a read-only file). Otherwise the check is repeated under the write lock, in case
    a concurrent process migrated first.
    """
    found = user_version(conn)
    if found > VERSION:
        raise NewerSchema(found)
    if found == VERSION:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        start = user_version(conn)
        for number in range(start + 1, VERSION + 1):
            for statement in MIGRATIONS[number - 1]:
                conn.execute(statement)
            # PRAGMA takes no bound parameters; number is our own int.
            conn.execute(f"PRAGMA user_version = {number:d}")
        conn.execute("COMMIT")
    except BaseException:
        # SQLite rolls back by itself on some errors (busy, full); a second ROLLBACK
        # would then fail and hide the real cause.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


__all__ = ["MIGRATIONS", "VERSION", "NewerSchema", "migrate", "user_version"]
