"""The SQLite store: articles, their statements, speakers and entities, searchable with FTS5.

The full record of each article is kept as JSON (``articles.record``) and is what ``get``
returns; the other columns and tables are a queryable projection of it, rebuilt whenever the
record changes (``writing``). Saves are idempotent: the key is the article id (the hash of its
text), and a record identical to the stored one is not written again. A copy of a stored
article (the same text from another source, or a near-duplicate) is kept as one more of its
sources (``dedupe``). Speakers are matched across articles as they are saved, one person
each (``speakers``), and so are quotes, the same quoted words in several articles (``quotes``).

The query methods return plain dicts and lists of JSON values (``queries``, ``people``), so a
JSON API and HTML pages can render the same data (each kind's keys: ``rows``); their bad
arguments (dates, cursors, page sizes) raise InputError.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from onrecord.errors import InputError, StoreError
from onrecord.model import Article
from onrecord.store.people import counts, find_speaker, speaker_detail, speaker_rows
from onrecord.store.queries import (
    DEFAULT_PAGE, MAX_INTEGER, MAX_PAGE, Filters, StatementQuery, article_cursor, as_id, article_rows, check_order,
    fts_words, page_size, public, statement_filters, statement_page, statement_query, statement_rows,
)
from onrecord.store import dedupe
from onrecord.store.claims import claim_rows
from onrecord.store.digest_rows import Latest, latest
from onrecord.store.events import event_detail, event_rows
from onrecord.store.quotes import quote_detail, quote_rows
from onrecord.store.rows import (
    ArticleDetail, ArticleRow, ClaimRow, Counts, EventDetail, EventRow, Page, QuoteDetail,
    QuoteRow, SpeakerDetail, SpeakerRow, StatementRow, TopicDetail, TopicRow,
)
from onrecord.store.topics import find_topic, topic_detail, topic_rows
from onrecord.store.schema import (
    ACTS_FROM, BACKFILL_FROM, REPROJECT_FROM, SPEAKERS_FROM, TOPICS_FROM, ForeignDatabase, NewerSchema,
    OlderSchema, check_ours, migrate,
)
from onrecord.store.opening import StoreNeedsUpgrade, connect_readonly, probe_write, writable
from onrecord.store.writing import backfill, backfill_subjects, fill_acts, relink_speakers, reproject_all, upsert

_MEMORY = {":memory:", ""}

_SOURCES = """
SELECT source, site, title, published, text_id, similarity, added_at FROM sources
WHERE article_id = ? ORDER BY id
"""

# Who is quoted in one article, by the name the article gives (as its statement rows do).
_ARTICLE_SPEAKERS = """
SELECT speaker_id AS id, speaker_name AS name, count(*) AS statements FROM statements
WHERE article_id = ? GROUP BY speaker_name, speaker_id ORDER BY statements DESC, min(start), min(id)
"""

_EVENTS = """
SELECT vid, group_id, type, status, participants, date_value AS date FROM events
WHERE article_id = ? ORDER BY start, id
"""

class Store:
    """An onrecord database file (or ``":memory:"``).

    >>> with Store(":memory:") as store:
    ...     store.save(Article(text="...")), store.counts()["articles"]
    (True, 1)
    """

    def __init__(self, path: str | os.PathLike[str] = "onrecord.db", timeout: float = 5.0, readonly: bool = False) -> None:
        self.path = str(path)
        self.timeout = timeout
        self.readonly = readonly          # reads only, through a connection SQLite opens read-only
        self._conn: sqlite3.Connection | None = None
        self._conn = self._open()

    # -- lifecycle ---------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.readonly:
            return self._open_readonly()
        with self._errors():
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE), see _transaction.
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            with self._errors():
                conn.row_factory = sqlite3.Row
                check_ours(conn)              # before any write: a file refused stays as it was
                if self.path not in _MEMORY:
                    # Readers never block the writer, and vice versa.
                    conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA foreign_keys = ON")
                migrate(conn, after=_reproject)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_readonly(self) -> sqlite3.Connection:
        """No write can happen through it, so it opens files and folders this user cannot
        write (an archive, another user's store). No migration either: a store of an older
        schema is a StoreNeedsUpgrade (open it once writable)."""
        with self._errors():
            return connect_readonly(self.path, self.timeout)

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
            return upsert(conn, article)

    def save_many(self, articles: Iterable[Article]) -> int:
        """Store ``articles`` in one transaction (all or none); return how many changed.

        The write lock is held while ``articles`` is consumed: feed slow generators in chunks.
        """
        return sum(self.save_batch(articles))

    def save_batch(self, articles: Iterable[Article]) -> list[bool]:
        """Store ``articles`` in one transaction (all or none); for each, whether it changed
        the store (as ``save``). Bulk ingest writes this way: one commit per batch, not per
        article, is what keeps the writer ahead of the analysing workers."""
        with self._transaction() as conn:
            return [upsert(conn, article) for article in articles]

    def add_source(self, article: Article) -> bool:
        """List where ``article`` was read (its source, site, title and published) as one more
        source of the stored article that holds its text: the article itself, or the one a
        copy of it was folded into. The analysis is not read nor touched, so an ingest that
        skips a text it holds (``has``) still records every place it met it.

        True if a source row was added; False if this source was listed already, the text is
        not stored, or ``article`` has no source (a save of it would add none either).
        """
        if article.source is None:
            return False
        with self._transaction() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is not None:
                return dedupe.add_source(conn, article.id, article)
            home = dedupe.folded_into(conn, article.id)
            return home is not None and dedupe.add_source(conn, home[0], article, home[1])

    # -- reading -----------------------------------------------------------------------------

    def check_writable(self) -> None:
        """A StoreError now if saving here would fail (a read-only file or folder), so that a
        run fails before it analyses anything. Checked by a write that is rolled back: the
        file is left as it was."""
        if self.readonly:
            raise StoreError(self.path, "opened read-only")
        with self._errors():
            probe_write(self._connection())

    def remember_stopped(self, article_id: str, source: str | None, reason: str) -> None:
        """That the analysis of the input ``article_id`` was stopped (it killed its worker or
        ran over its budget), and why: a resumed ingest fails it at once (``stopped``)."""
        with self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO stopped_articles (id, source, reason, stopped_at) "
                         "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                         (article_id, source, reason))

    def stopped(self, article_id: str) -> str | None:
        """Why the analysis of ``article_id`` was stopped in an earlier run, if it was. (Once
        it is stored, ``has`` is what counts: an ingest asks this only of unstored texts.)"""
        with self._errors():
            row = self._connection().execute(
                "SELECT reason FROM stopped_articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def stopped_inputs(self) -> dict[str, str]:
        """Every text whose analysis was stopped in an earlier run, by id, with the reason
        (for runs whose readers cannot ask ``stopped`` text by text: a cluster's workers)."""
        with self._errors():
            return dict(self._connection().execute(
                "SELECT id, reason FROM stopped_articles WHERE id NOT IN (SELECT id FROM articles)").fetchall())

    def has(self, article_id: str) -> bool:
        """Whether a text with this id (its hash) is stored: as an article, or as a copy
        folded into one (so an ingest that meets it again need not analyse it)."""
        return self.canonical(article_id) is not None

    def canonical(self, article_id: str) -> str | None:
        """The id of the stored article that holds the text with this id: the id itself,
        the article a copy of it was folded into, or None."""
        with self._errors():
            row = self._connection().execute(
                "SELECT id FROM articles WHERE id = :id UNION ALL "
                "SELECT * FROM (SELECT article_id FROM sources WHERE text_id = :id ORDER BY id LIMIT 1)",
                {"id": article_id}).fetchone()
        return None if row is None else row[0]

    def get(self, article_id: str) -> Article | None:
        with self._errors():
            row = self._connection().execute(
                "SELECT record FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return None if row is None else Article.from_dict(json.loads(row["record"]))

    def statements(self, query: StatementQuery | None = None, /, **given: Any) -> list[StatementRow]:
        """Statements with their article's id, source, title and date, the speaker's evidence
        and what the source did (``StatementRow``, as every reader gets them): those of ``query`` (a ``StatementQuery``),
        or of its fields given by name (``speaker="Putin", search="NATO"``; the first
        ``DEFAULT_PAGE`` unless ``limit`` says otherwise, None for all).

        ``speaker`` is a name, case and accents folded: the statements of the stored person it
        denotes (``speakers.denoted``: "Donald J. Trump" finds Donald Trump; a bare surname,
        "putin", finds the one full-name Putin together with the speakers known only as
        "Putin"); InputError when it fits two people ("Obama" with Barack and Michelle stored).
        A name no speaker goes by matches the resolved names by its words ("Vladimir").
        ``search`` is free words, all of which must occur in the statement, its cue or its
        speaker name (``word*`` for a prefix); results are then ranked by relevance, otherwise
        (and always after a ``cursor``) ordered by date, article and offset. A blank
        ``speaker`` or ``search`` is no filter; one with no words matches nothing. ``site`` is
        the article's site, ``since``/``until`` ISO dates (inclusive) of its publication,
        ``kind`` direct, indirect or mixed, ``act`` speech, thought or evidence (what the source
        did: said, believed, or a poll or study showed; a negated statement keeps its act).
        ``topic`` is a topic's key or any name of it (as ``topic`` resolves it): only the
        statements about it; one not stored matches nothing.
        """
        if query is None:
            given.setdefault("limit", DEFAULT_PAGE)
        query = statement_query(query, given)
        limit = query.limit
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)):
            raise InputError("limit", f"not a whole number: {limit!r}")
        size = -1 if limit is None else min(max(limit, 0), MAX_INTEGER)    # more than SQLite counts: all
        with self._snapshot() as conn:
            rows = statement_rows(conn, query.filters, size, ranked=query.cursor is None, cursor=query.cursor)
        return [public(row) for row in rows]

    def statements_page(self, query: StatementQuery | None = None, /, **given: Any) -> Page[StatementRow]:
        """One page of the statements of ``query`` (or of its fields given by name), filtered as
        ``statements`` and ordered by date, article and offset (``order`` "desc" for newest
        first; undated articles come last either way): ``{"items": [row, ...], "next_cursor":
        str | None}``. Pass ``next_cursor`` back, with the same filters, for the next page.
        ``limit`` is cut to ``MAX_PAGE``; None is ``DEFAULT_PAGE``.

        A row has the ``statements`` columns plus ``site``, ``speaker_id`` (the first speaker),
        ``speakers`` (``[{"id", "name"}]``, every speaker, in order, by display name) and how
        the article found the speaker's name: ``speaker_title``, ``speaker_resolution``,
        ``speaker_confidence``, ``speaker_antecedent`` with ``speaker_antecedent_start`` and
        ``_end`` (null where the record has none); ``act`` (speech, thought or evidence) and
        ``negated`` (true when the article says the source did not).
        """
        query = statement_query(query, given)
        size = page_size(DEFAULT_PAGE if query.limit is None else query.limit)
        with self._snapshot() as conn:
            items, after = statement_page(conn, query.filters, size, order=query.order, cursor=query.cursor)
        return {"items": items, "next_cursor": after}

    def articles(
        self, q: str | None = None, site: str | None = None, since: str | date | None = None,
        until: str | date | None = None, limit: int = 50, cursor: str | None = None,
        order: str = "desc",
    ) -> Page[ArticleRow]:
        """One page of articles, newest first (``order`` "asc" for oldest first; undated last):
        ``{"items": [...], "next_cursor": str | None}``. ``q`` is free words in the title or
        text. An item has ``id, source, title, published, site, authors, language,
        ingested_at, statement_count``.
        """
        filters = statement_filters(site=site, since=since, until=until)
        size, order = page_size(limit), check_order(order)
        with self._snapshot() as conn:
            rows = article_rows(conn, q, filters, size + 1, order, cursor)
        more = len(rows) > size
        return {"items": rows[:size],
                "next_cursor": article_cursor(rows[size - 1], order) if more else None}

    def article(self, article_id: str, limit: int | None = None, cursor: str | None = None,
                record: bool = True) -> ArticleDetail | None:
        """One article: its ``articles`` item, ``sources`` (every place it was read, first
        one first: ``{"source", "site", "title", "published", "text_id", "similarity",
        "added_at"}``, ``text_id`` the id of that copy's own text and ``similarity`` 1 for the
        same text), ``statements`` (rows as in ``statements_page``, in text order), ``events``
        (``{"vid", "group_id", "type", "status", "participants", "date"}``: ``group_id`` is the
        event's id across articles, as ``event`` takes it), ``speakers`` (``[{"id", "name",
        "statements"}]``: who the article quotes, by the name it gives, most statements first,
        every statement counted) and ``record`` (the full ``Article.to_dict()``); None if not
        stored.

        ``limit`` None gives every statement; a number gives one page of them (cut to
        ``MAX_PAGE``) and ``next_cursor``, to pass back as ``cursor`` for the next page (null on
        the last). ``statement_count`` stays the article's total. ``record`` False leaves the
        record out (reading it is most of the cost of a large article)."""
        size = None if limit is None else page_size(limit)
        with self._snapshot() as conn:
            row = conn.execute(f"SELECT {'record' if record else 'NULL AS record'} FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
            if row is None:
                return None
            found = article_rows(conn, None, Filters(article_id=article_id), 1, "asc", None)
            statements, after = statement_page(conn, Filters(article_id=article_id), size, "article", cursor=cursor)
            sources = conn.execute(_SOURCES, (article_id,)).fetchall()
            events = conn.execute(_EVENTS, (article_id,)).fetchall()
            speakers = conn.execute(_ARTICLE_SPEAKERS, (article_id,)).fetchall()
        out = cast("dict[str, Any]", found[0])        # an ArticleRow, given ArticleDetail's keys below
        out["speakers"] = [dict(p) for p in speakers]
        out["sources"] = [dict(s) for s in sources]
        out["statements"], out["next_cursor"] = statements, after
        out["events"] = [dict(e, participants=json.loads(e["participants"])) for e in events]
        if record:
            out["record"] = json.loads(row["record"])
        return cast(ArticleDetail, out)

    def quotes(self, q: str | None = None, speaker: str | None = None, min_articles: int = 1,
               limit: int = 50, cursor: str | None = None) -> Page[QuoteRow]:
        """One page of quotes (the same quoted words across articles), most reported first:
        ``{"items": [...], "next_cursor": str | None}``. An item has ``id, text, key,
        first_seen, article_count, statement_count, speakers`` (``[{"id", "name",
        "statements"}]``, most frequent first). ``q`` is free words of the quoted text,
        ``speaker`` a name as ``statements`` matches it (a quote any of whose occurrences
        they are the speaker of); ``min_articles`` keeps quotes reported by that many
        articles or more. ``limit`` is cut to ``MAX_PAGE``.
        """
        with self._snapshot() as conn:
            items, after = quote_rows(conn, q, speaker, min_articles, limit, cursor)
        return {"items": items, "next_cursor": after}

    def quote(self, quote_id: int | str, limit: int = MAX_PAGE) -> QuoteDetail | None:
        """One quote, or None: the ``quotes`` item plus ``occurrences`` (statement rows as in
        ``statements_page``, each with its article's id, title, site, date and source, the
        speaker and the statement's text and offsets; oldest first, at most ``limit``),
        ``unattributed`` (occurrences without a known speaker) and ``source_count`` (sources
        of the articles quoting it, copies folded into them included)."""
        with self._snapshot() as conn:
            return quote_detail(conn, as_id(quote_id), limit)

    def speakers(self, q: str | None = None, limit: int = 100, offset: int = 0) -> list[SpeakerRow]:
        """Speakers, most quoted first: ``[{"id", "name", "kind", "statement_count",
        "article_count", "aliases"}]``. ``q`` finds words in any of their names ("put" finds
        Vladimir Putin). ``limit`` is cut to ``MAX_PAGE``; ``offset`` skips that many."""
        with self._snapshot() as conn:
            return speaker_rows(conn, q, limit, offset)

    def speaker(self, name_or_id: int | str, limit: int = 200, cursor: str | None = None) -> SpeakerDetail | None:
        """One speaker by id, or one person by name (as ``statements`` finds them: a bare
        surname takes in the speakers known only by it, listed in ``surname_only``), or None:
        the ``speakers`` item plus ``first_published``, ``last_published``, ``timeline``
        (``[{"period": "YYYY-MM", "statements": n}]``), ``statements`` (rows as in
        ``statements_page``, oldest first, at most ``limit``) and ``entities`` (``[{"name",
        "type", "articles", "mentions"}]``: the ten most frequent in the articles quoting them).
        ``next_cursor``, passed back as ``cursor``, gives the next ``limit`` statements (the
        counts, timeline and entities stay the speaker's whole); it is null on the last page.
        A name that fits several speakers raises InputError listing them.
        """
        with self._snapshot() as conn:
            ids = find_speaker(conn, name_or_id)
            return None if ids is None else speaker_detail(conn, ids, limit, cursor)

    def topics(self, q: str | None = None, limit: int = 50, cursor: str | None = None) -> Page[TopicRow]:
        """One page of topics (what statements are about, one key across articles), most
        discussed first: ``{"items": [...], "next_cursor": str | None}``. An item has ``id, key,
        name, first_seen, last_seen, article_count, statement_count``. ``q`` is words of any of
        their names ("alliance" finds NATO), or a whole name keyed as the analysis keys it
        ("the North Atlantic Alliance" → nato). ``limit`` is cut to ``MAX_PAGE``."""
        with self._snapshot() as conn:
            items, after = topic_rows(conn, q, limit, cursor)
        return {"items": items, "next_cursor": after}

    def topic(self, key_or_words: str, limit: int = 200) -> TopicDetail | None:
        """One topic by key ("nato") or any name of it ("the North Atlantic Alliance"), or None:
        the ``topics`` item plus ``names`` (as articles show it, most used first),
        ``timeline`` (``[{"period": "YYYY-MM", "statements": n}]``), ``speakers`` (``[{"id",
        "name", "statements"}]``), ``related`` (``[{"key", "name", "statements"}]``: topics
        the same statements are about) and ``statements`` (rows as in ``statements_page``,
        oldest first, at most ``limit``)."""
        with self._snapshot() as conn:
            tid = find_topic(conn, key_or_words)
            return None if tid is None else topic_detail(conn, tid, limit)

    def events(self, q: str | None = None, type: str | None = None, participant: str | None = None,
               since: str | date | None = None, until: str | date | None = None, limit: int = 50,
               cursor: str | None = None) -> Page[EventRow]:
        """One page of events (one per meeting, visit, call or talks, however many articles
        report it), newest first by their date (else their first report's): ``{"items": [...],
        "next_cursor": ...}``. An item has ``id, type, participants, date, status, first_seen,
        article_count, when, place`` and ``first_report`` (``{"article_id", "vid", "text",
        "title", "site", "published"}``). ``q`` is words of the evidence, place or participants;
        ``type`` meeting, visit, call or talks; ``participant`` a name or any word of it;
        ``since``/``until`` ISO dates (inclusive) of ``when``."""
        with self._snapshot() as conn:
            items, after = event_rows(conn, q, type, participant, since, until, limit, cursor)
        return {"items": items, "next_cursor": after}

    def event(self, event_id: int | str, limit: int = MAX_PAGE) -> EventDetail | None:
        """One event, or None: the ``events`` item plus ``reports`` (every article's report of
        it, oldest first: its article's id, title, site, date and source, the evidence ``text``
        with its offsets, ``trigger``, ``place`` and ``date`` spans, ``status`` and
        ``participants``)."""
        with self._snapshot() as conn:
            return event_detail(conn, as_id(event_id), limit)

    def claims(self, about: str | None = None, limit: int | None = None, *,
               counted: bool = False) -> list[ClaimRow]:
        """Every amount as a claim, in date order: ``article_id, source, title, site,
        published, statement`` (its statement's id; null: the outlet's own words),
        ``claimed_by, text, start, end, value, low, high, unit, qualifier, about, about_key``.
        ``about`` keeps those whose subject is what these words name, or whose subject or unit
        has every word; ``counted`` those with a unit. ``limit`` None is no limit."""
        with self._snapshot() as conn:
            return claim_rows(conn, about, limit, counted)

    def latest_statements(self, speaker: str | int | None = None, topic: str | None = None, limit: int = 100,
                          events: int = 21) -> Latest:
        """The latest ``limit`` statements of ``speaker`` (a name or id) or about ``topic``
        (newest first, each with its ``topics``, ``amounts`` and ``dates``), how many they
        have in all, and the first ``events`` events of their articles: what a digest of
        them reads. InputError when the store has no such speaker or topic."""
        if (speaker is None) == (topic is None):
            raise InputError("latest_statements", "give a speaker or a topic")
        with self._snapshot() as conn:
            return latest(conn, None if speaker is None else str(speaker), topic, page_size(limit), events)

    def counts(self) -> Counts:
        """How many articles, statements, entities, speakers and sites the store holds."""
        with self._snapshot() as conn:
            return counts(conn)

    # -- plumbing ----------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(self.path, "the store is closed", lasting=True)
        return self._conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Report SQLite failures as StoreError naming the database, never raw sqlite3 errors."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(self.path, _reason(exc, self.path, self.timeout), lasting=_lasting(exc)) from exc
        except NewerSchema as exc:
            raise StoreError(self.path, f"written by a newer onrecord ({exc})") from exc
        except OlderSchema as exc:
            raise StoreNeedsUpgrade(self.path, f"written by an older onrecord ({exc}): "
                                    "open it once with write access to upgrade it") from exc
        except ForeignDatabase as exc:
            raise StoreError(self.path, str(exc)) from exc

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: the queries of one call see one state of the database."""
        conn = self._connection()
        with self._errors():
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

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


def _reproject(conn: sqlite3.Connection, start: int) -> None:
    # A database made before the projection changed gets its rows rebuilt from the records.
    reprojected = 0 < start < REPROJECT_FROM
    if reprojected:
        reproject_all(conn)
    if 0 < start < BACKFILL_FROM:
        backfill(conn, reprojected)
    if not reprojected and 0 < start < TOPICS_FROM:
        backfill_subjects(conn)
    if not reprojected and 0 < start < SPEAKERS_FROM:
        relink_speakers(conn)
    if not reprojected and 0 < start < ACTS_FROM:
        fill_acts(conn)


# SQLite's primary result codes (the low byte of an extended code) after which no later write
# to the same file can succeed: full, read-only, an I/O error, damaged, gone, not a database.
_LASTING_CODES = {13, 8, 10, 11, 14, 26}   # FULL, READONLY, IOERR, CORRUPT, CANTOPEN, NOTADB


def _lasting(exc: sqlite3.Error) -> bool:
    """Whether a failure will repeat on every later write (``StoreError.lasting``), judged by
    SQLite's result code, not its message; a closed connection has no code but is lasting."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return isinstance(exc, sqlite3.ProgrammingError) and "closed" in str(exc).lower()
    return code & 0xFF in _LASTING_CODES


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


__all__ = ["MAX_PAGE", "Store", "fts_words"]
