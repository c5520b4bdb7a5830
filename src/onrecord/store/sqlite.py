"""The SQLite store: articles, their statements and entities, searchable with FTS5.

The full record of each article is kept as JSON (``articles.record``) and is what ``get``
returns; the other columns and tables are a queryable projection of it, rebuilt whenever the
record changes. Saves are idempotent: the key is the article id (the hash of its text), and a
record identical to the stored one is not written again.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from onrecord.errors import StoreError
from onrecord.model import Article, Statement
from onrecord.store.schema import NewerSchema, migrate

_MEMORY = {":memory:", ""}

_INSERT_ARTICLE = """
INSERT INTO articles
    (id, source, title, published, site, authors, language, text, boilerplate, record, ingested_at)
VALUES
    (:id, :source, :title, :published, :site, :authors, :language, :text, :boilerplate, :record,
     :ingested_at)
"""

_INSERT_STATEMENT = """
INSERT INTO statements
    (article_id, sid, kind, text, start, "end", cue, speaker_name, speaker_mention, confidence)
VALUES
    (:article_id, :sid, :kind, :text, :start, :end, :cue, :speaker_name, :speaker_mention,
     :confidence)
"""

_INSERT_ENTITY = """
INSERT INTO entities (article_id, eid, name, type) VALUES (:article_id, :eid, :name, :type)
"""

_STATEMENT_COLUMNS = """
SELECT a.id AS article_id, a.source, a.title, a.published,
       s.sid, s.kind, s.text, s.start, s."end", s.cue,
       s.speaker_name, s.speaker_mention, s.confidence
"""

_BY_DATE = 'a.published IS NULL, a.published, a.id, s.start'  # undated articles last

_ALL_STATEMENTS = f"""{_STATEMENT_COLUMNS}
FROM statements AS s
JOIN articles AS a ON a.id = s.article_id
ORDER BY {_BY_DATE}
LIMIT :limit
"""

_MATCHING_STATEMENTS = f"""{_STATEMENT_COLUMNS}
FROM statements_fts
JOIN statements AS s ON s.id = statements_fts.rowid
JOIN articles AS a ON a.id = s.article_id
WHERE statements_fts MATCH :match
ORDER BY {_BY_DATE}
LIMIT :limit
"""

# bm25() is lower for better matches. Only for a word search: a speaker filter alone would
# rank by name length, which means nothing, so those keep the date order.
_RANKED_STATEMENTS = _MATCHING_STATEMENTS.replace("ORDER BY ", "ORDER BY bm25(statements_fts), ")

_COUNT = """
SELECT (SELECT count(*) FROM articles)   AS articles,
       (SELECT count(*) FROM statements) AS statements,
       (SELECT count(*) FROM entities)   AS entities
"""


class Store:
    """An onrecord database file (or ``":memory:"``).

    >>> with Store(":memory:") as store:
    ...     store.save(Article(text="...")), store.count()["articles"]
    (True, 1)
    """

    def __init__(self, path: str | Path = "onrecord.db", timeout: float = 5.0) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        with self._errors():
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE), see _transaction.
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            with self._errors():
                conn.row_factory = sqlite3.Row
                if self.path not in _MEMORY:
                    # Readers never block the writer, and vice versa.
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    # -- writing -----------------------------------------------------------------------------

    def save(self, article: Article) -> bool:
        """Store ``article``; True if the store changed, False if it already held this record.

        An article whose text is stored with a different record (re-analysed, say) replaces
        it, keeping its first ``ingested_at``.
        """
        with self._transaction() as conn:
            return _upsert(conn, article)

    def save_many(self, articles: Iterable[Article]) -> int:
        """Store ``articles`` in one transaction (all or none); return how many changed.

        The write lock is held while ``articles`` is consumed: feed slow generators in chunks.
        """
        with self._transaction() as conn:
            return sum(_upsert(conn, article) for article in articles)

    # -- reading -----------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        with self._errors():
            row = self._connection().execute(
                "SELECT record FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return None if row is None else Article.from_dict(json.loads(row["record"]))

    def statements(
        self, speaker: str | None = None, search: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        """Statements with their article's id, source, title and date.

        ``speaker`` matches the resolved speaker name case-insensitively, whole or by any of
        its words ("putin" finds "Vladimir Putin"). ``search`` is free words, all of which
        must occur in the statement, its cue or its speaker name (``word*`` for a prefix);
        results are then ranked by relevance, otherwise ordered by date, article and offset.
        A blank ``speaker`` or ``search`` is no filter; one with no words matches nothing.
        """
        match = _match(speaker, search)
        if match == "":
            return []
        params = {"match": match, "limit": -1 if limit is None else max(limit, 0)}
        if match is None:
            sql = _ALL_STATEMENTS
        elif search is not None and search.strip():
            sql = _RANKED_STATEMENTS
        else:
            sql = _MATCHING_STATEMENTS
        with self._errors():
            rows = self._connection().execute(sql, params).fetchall()
        return [dict(row) for row in rows]

    def count(self) -> dict[str, int]:
        """How many articles, statements and entities the store holds."""
        with self._errors():
            row = self._connection().execute(_COUNT).fetchone()
        return dict(row)

    # -- plumbing ----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(self.path, "the store is closed")
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Report SQLite failures as StoreError naming the database, never raw sqlite3 errors."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self.path, _reason(exc, self.path, self.timeout)) from exc
        except NewerSchema as exc:
            raise StoreError(self.path, f"written by a newer onrecord ({exc})") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on success and rolled back on any error.

        IMMEDIATE takes the write lock up front, so waiting for another writer happens here,
        under the busy timeout, rather than failing mid-way when a read would turn into a write.
        """
        conn = self._connection()
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back (busy, full)
                    conn.execute("ROLLBACK")
                raise


def _upsert(conn: sqlite3.Connection, article: Article) -> bool:
    """Write ``article`` unless the same record is stored; True if anything changed.

    The same text read from another place is the same article: the first source stays.
    """
    data = article.to_dict()
    record = _json(data)
    old = conn.execute(
        "SELECT record, ingested_at FROM articles WHERE id = ?", (article.id,)
    ).fetchone()
    if old is not None and old["record"] == _json(dict(data, source=json.loads(old["record"])["source"])):
        return False
    if old is not None:
        # Replace whole: the cascade and the FTS triggers clear its statements and entities.
        conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
    ingested_at = old["ingested_at"] if old is not None else _now()
    conn.execute(_INSERT_ARTICLE, _article_row(article, record, ingested_at))
    conn.executemany(_INSERT_STATEMENT, (_statement_row(article.id, s) for s in article.statements))
    conn.executemany(
        _INSERT_ENTITY,
        ({"article_id": article.id, "eid": e.id, "name": e.name, "type": e.type}
         for e in article.entities),
    )
    return True


def _article_row(article: Article, record: str, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "site": article.site,
        "authors": _json(list(article.authors)),
        "language": article.language,
        "text": article.text,
        "boilerplate": _json([{"text": b.text, "start": b.start, "end": b.end}
                              for b in article.boilerplate]),
        "record": record,
        "ingested_at": ingested_at,
    }


def _statement_row(article_id: str, statement: Statement) -> dict[str, Any]:
    mention = statement.speaker.mention
    return {
        "article_id": article_id,
        "sid": statement.id,
        "kind": statement.kind,
        "text": statement.text,
        "start": statement.start,
        "end": statement.end,
        "cue": statement.cue.text if statement.cue else None,
        "speaker_name": statement.speaker.name,
        "speaker_mention": mention.text if mention else None,
        "confidence": statement.confidence,
    }


def _match(speaker: str | None, search: str | None) -> str | None:
    """The FTS5 MATCH expression for the filters: None for no filter, "" for no possible match."""
    parts: list[str] = []
    if speaker is not None and speaker.strip():
        if not _has_word(speaker):
            return ""
        # One phrase restricted to the speaker column: the name's words, consecutive.
        parts.append("{speaker_name} : " + _quote(speaker))
    if search is not None and search.strip():
        words = fts_words(search)
        if not words:
            return ""
        parts.append("(" + words + ")")
    return " AND ".join(parts) if parts else None


def fts_words(text: str) -> str:
    """Free words as a safe FTS5 query: each whitespace-separated word a quoted phrase, all
    required; a trailing ``*`` keeps its prefix meaning. FTS5 operators and quotes in ``text``
    are searched as plain words (or ignored), never parsed, so no input is a syntax error:
    ``AND (`` becomes ``"AND"`` and ``expan*`` becomes ``"expan"*``.
    """
    phrases = []
    for word in text.replace("\x00", " ").split():
        stem = word.rstrip("*")
        if _has_word(stem):
            phrases.append(_quote(stem) + ("*" if stem != word else ""))
    return " ".join(phrases)


def _quote(text: str) -> str:
    # Inside an FTS5 string "" stands for one quote; the tokenizer then drops punctuation.
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    # unicode61 indexes letters and digits; anything else separates tokens.
    return any(ch.isalnum() for ch in text)


def _reason(exc: sqlite3.Error, path: str, timeout: float) -> str:
    """A one-line reason for a SQLite failure, in terms the user can act on."""
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return f"database is locked by another connection (waited {timeout:g}s)"
    if "not a database" in message:
        return "not a SQLite database"
    if "readonly" in message or "read-only" in message:
        return _read_only_reason(path)
    if "unable to open" in message:
        return _open_reason(path)
    if "disk is full" in message:
        return "disk is full"
    if "malformed" in message:
        return "database file is damaged"
    if "closed database" in message:
        return "the store is closed"
    return f"SQLite error: {exc}"


def _open_reason(path: str) -> str:
    """Why SQLite could not open ``path`` (it only says "unable to open database file")."""
    file = Path(path)
    folder = file.parent
    if file.is_dir():
        return "is a directory, not a database file"
    if not folder.is_dir():
        return f"directory {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"directory {folder} is not writable"
    if file.exists() and not os.access(file, os.R_OK):
        return "file is not readable"
    return "cannot open the database file"


def _read_only_reason(path: str) -> str:
    # A WAL database also needs its directory writable (for the -wal and -shm files).
    file = Path(path)
    if file.exists() and not os.access(file, os.W_OK):
        return "database file is read-only"
    if file.parent.is_dir() and not os.access(file.parent, os.W_OK | os.X_OK):
        return f"database is read-only: directory {file.parent} is not writable"
    return "database is read-only"


def _json(value: Any) -> str:
    # Compact and deterministic, so an unchanged record compares equal as a string.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["Store", "fts_words"]
