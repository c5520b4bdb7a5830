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
from collections.abc import Callable

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

# v2. A speaker is a person (or organisation) across articles; ``key`` is the folded name
# (``speakers.name_key``) that matching compares, ``name`` the fullest form seen (from v5: the
# most common full name, see ``speakers.rename``; the column comment below is as shipped).
_SPEAKERS = """
CREATE TABLE speakers (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                     -- display name: the longest name form seen
    key  TEXT NOT NULL,                     -- name_key(name): case and accents folded
    kind TEXT                               -- PERSON | ORG | GPE | ... when an entity says so
)"""

_SPEAKER_ALIASES = """
CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,               -- a name form as first seen ("Putin")
    key        TEXT NOT NULL,               -- name_key(alias)
    last       TEXT NOT NULL,               -- last word of key, for surname look-ups
    PRIMARY KEY (speaker_id, key)
)"""

_STATEMENT_SPEAKERS = """
CREATE TABLE statement_speakers (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    speaker_id   INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,          -- order of the names in the statement
    PRIMARY KEY (statement_id, speaker_id)
)"""

# v9. What ``speaker_totals`` keeps for each speaker: the articles quoting them (with how many
# of each article's statements, and its date) and the entities of those articles.
_SPEAKER_ARTICLES = """
CREATE TABLE speaker_articles (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    statements INTEGER NOT NULL,            -- the article's statements linked to the speaker
    published  TEXT,                        -- articles.published, for the timeline
    PRIMARY KEY (speaker_id, article_id)
) WITHOUT ROWID"""

def _speakers_of(owner: str, table: str) -> str:
    """A table of the speakers of each ``owner`` (a quote, a topic), with how many of its
    statements are theirs."""
    return f"""
CREATE TABLE {owner}_speakers (
    {owner}_id INTEGER NOT NULL REFERENCES {table}(id) ON DELETE CASCADE,
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    statements INTEGER NOT NULL,
    PRIMARY KEY ({owner}_id, speaker_id)
) WITHOUT ROWID"""


def _months(owner: str, table: str) -> str:
    """A table of the statements of each ``owner`` (a speaker, a topic) month by month."""
    return f"""
CREATE TABLE {owner}_months (
    {owner}_id INTEGER NOT NULL REFERENCES {table}(id) ON DELETE CASCADE,
    period     TEXT NOT NULL,               -- YYYY-MM of the articles' dates
    statements INTEGER NOT NULL,
    PRIMARY KEY ({owner}_id, period)
) WITHOUT ROWID"""


_SPEAKER_ENTITIES = """
CREATE TABLE speaker_entities (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    articles   INTEGER NOT NULL,            -- the speaker's articles that name it
    mentions   INTEGER NOT NULL,            -- its mentions in those articles
    PRIMARY KEY (speaker_id, name, type)
) WITHOUT ROWID"""

_MENTIONS = """
CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    eid        TEXT NOT NULL,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    FOREIGN KEY (article_id, eid) REFERENCES entities(article_id, eid) ON DELETE CASCADE
)"""

_AMOUNTS = """
CREATE TABLE amounts (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    value      REAL,
    low        REAL,
    high       REAL,
    unit       TEXT,
    qualifier  TEXT,
    sid        TEXT                         -- Statement.id the amount occurs in
)"""

_DATES = """
CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text       TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    value      TEXT,                        -- ISO date, or null
    resolution TEXT                         -- day | month | year
)"""

# v3. Every place an article was read from, including copies folded into it: the same text
# (``text_id`` = ``article_id``) or a near-duplicate (its own ``text_id``). See ``dedupe``.
_SOURCES = """
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text_id    TEXT NOT NULL,               -- sha256 hex of this copy's own text
    source     TEXT,
    site       TEXT,
    title      TEXT,
    published  TEXT,
    similarity REAL NOT NULL,               -- 1 for the same text, else estimated Jaccard
    added_at   TEXT NOT NULL                -- UTC ISO timestamp
)"""

_MINHASHES = """
CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature  BLOB NOT NULL                -- dedupe.NUM_PERM little-endian uint32
)"""

# No foreign key: the primary key is the look-up index, and a second one on article_id would
# double the table. Rows of a deleted article are never candidates (look-ups join minhashes).
_MINHASH_BANDS = """
CREATE TABLE minhash_bands (
    key        INTEGER NOT NULL,            -- 64-bit hash of one band of a signature
    article_id TEXT NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID"""

_QUOTES = """
CREATE TABLE quotes (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,   -- the quoted words folded (quotes.quote_key)
    text            TEXT NOT NULL,          -- the quoted words as first seen
    first_seen      TEXT,                   -- earliest publication date of an occurrence
    article_count   INTEGER NOT NULL DEFAULT 0,
    statement_count INTEGER NOT NULL DEFAULT 0
)"""

# v4. Topics across articles: one row per topic key (``Topic.key``, the same for every name
# of a topic), with the articles and statements about it; counts are kept on the row, as for
# quotes, so listing the most discussed topics reads one index.
_TOPICS = """
CREATE TABLE topics (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,   -- Topic.key: "nato" for NATO and the North Atlantic Alliance
    name            TEXT NOT NULL,          -- display name as first seen
    first_seen      TEXT,                   -- earliest publication date of an article about it
    last_seen       TEXT,
    article_count   INTEGER NOT NULL DEFAULT 0,
    statement_count INTEGER NOT NULL DEFAULT 0
)"""

_ARTICLE_TOPICS = """
CREATE TABLE article_topics (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tid        TEXT NOT NULL,               -- Topic.id within the article (t1, t2, ...)
    topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,               -- the name this article shows it by
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tid)
)"""

_STATEMENT_TOPICS = """
CREATE TABLE statement_topics (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    topic_id     INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    PRIMARY KEY (statement_id, topic_id)
) WITHOUT ROWID"""

# An event across articles: reports of the same type, participant set and date value are one
# group (see ``events.group_key``); ``events`` holds each article's report of it.
_EVENT_GROUPS = """
CREATE TABLE event_groups (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,     -- type, participant keys and date value
    type          TEXT NOT NULL,            -- meeting | visit | call | talks
    participants  TEXT NOT NULL,            -- JSON array of names as first seen
    date          TEXT,                     -- ISO date value the reports share, or null
    status        TEXT,                     -- held if any report says so, else planned
    first_seen    TEXT,                     -- earliest publication date of a report
    article_count INTEGER NOT NULL DEFAULT 0
)"""

_EVENTS = """
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    vid             TEXT NOT NULL,          -- Event.id within the article (v1, v2, ...)
    group_id        INTEGER REFERENCES event_groups(id) ON DELETE SET NULL,
    type            TEXT NOT NULL,
    status          TEXT NOT NULL,          -- held | planned
    text            TEXT NOT NULL,          -- the evidence sentence; offsets into articles.text
    start           INTEGER NOT NULL,
    "end"           INTEGER NOT NULL,
    trigger         TEXT,
    trigger_start   INTEGER,
    trigger_end     INTEGER,
    place           TEXT,
    place_start     INTEGER,
    place_end       INTEGER,
    date_text       TEXT,
    date_value      TEXT,
    date_resolution TEXT,
    participants    TEXT NOT NULL DEFAULT '[]',  -- JSON array of resolved names
    UNIQUE (article_id, vid)
)"""

_EVENT_PARTICIPANTS = """
CREATE TABLE event_participants (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    key      TEXT NOT NULL,                 -- name_key(name)
    PRIMARY KEY (event_id, position)
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


def _sync_triggers(table: str, key: str, columns: tuple[str, ...], only_indexed: bool = False) -> tuple[str, ...]:
    """Triggers keeping ``{table}_fts`` (external content) in step with ``table``.

    External-content FTS5 deletes need the old column values, hence the special
    ``'delete'`` insert rather than a plain DELETE.
    """
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    # ``only_indexed`` (v5 on): an update of other columns (a speaker link, say) leaves the index be.
    of = f" OF {cols}" if only_indexed else ""
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    insert = f"INSERT INTO {fts} (rowid, {cols}) VALUES (new.{key}, {new});"
    delete = f"INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES ('delete', old.{key}, {old});"
    return (
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE{of} ON {table} BEGIN {delete} {insert} END",
    )


# v9. The store's totals (``people.counts``, on the home page), kept by triggers so that no
# page counts every row of a large store. Sites are kept with their article counts, so the
# count of sites is the count of those rows (an article without a site adds none).
_TOTALS = """
CREATE TABLE totals (
    name TEXT PRIMARY KEY,                  -- a table: articles, statements, entities, speakers
    n    INTEGER NOT NULL                   -- its rows
) WITHOUT ROWID"""

_SITE_ARTICLES = """
CREATE TABLE site_articles (
    site     TEXT PRIMARY KEY,
    articles INTEGER NOT NULL
) WITHOUT ROWID"""

COUNTED = ("articles", "statements", "entities", "speakers")


def _total_triggers(table: str) -> tuple[str, ...]:
    """The row count of ``table`` in ``totals``: filled, then kept by a trigger each way."""
    keep = f"UPDATE totals SET n = n {{}} 1 WHERE name = '{table}';"
    return (
        f"INSERT INTO totals (name, n) SELECT '{table}', count(*) FROM {table}",
        f"CREATE TRIGGER {table}_total_insert AFTER INSERT ON {table} BEGIN {keep.format('+')} END",
        f"CREATE TRIGGER {table}_total_delete AFTER DELETE ON {table} BEGIN {keep.format('-')} END",
    )


_ADD_SITE = ("INSERT INTO site_articles (site, articles) VALUES (new.site, 1) "
             "ON CONFLICT (site) DO UPDATE SET articles = articles + 1;")
_TAKE_SITE = ("UPDATE site_articles SET articles = articles - 1 WHERE site = old.site; "
              "DELETE FROM site_articles WHERE site = old.site AND articles <= 0;")
_SITE_TRIGGERS = (
    "INSERT INTO site_articles (site, articles) SELECT site, count(*) FROM articles WHERE site IS NOT NULL GROUP BY site",
    f"CREATE TRIGGER articles_site_insert AFTER INSERT ON articles WHEN new.site IS NOT NULL BEGIN {_ADD_SITE} END",
    f"CREATE TRIGGER articles_site_delete AFTER DELETE ON articles WHEN old.site IS NOT NULL BEGIN {_TAKE_SITE} END",
    # (``site = old.site`` matches no row when the old site is null)
    f"CREATE TRIGGER articles_site_update AFTER UPDATE OF site ON articles WHEN old.site IS NOT new.site BEGIN "
    f"{_TAKE_SITE} INSERT INTO site_articles (site, articles) SELECT new.site, 1 WHERE new.site IS NOT NULL "
    "ON CONFLICT (site) DO UPDATE SET articles = articles + 1; END",
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
    # 2: speakers across articles (with their name forms and statement links), entity
    # mentions, amounts and dates. Existing articles are re-projected after it (REPROJECT_FROM).
    (
        _SPEAKERS,
        "CREATE INDEX speakers_key ON speakers (key)",
        _SPEAKER_ALIASES,
        "CREATE INDEX speaker_aliases_key ON speaker_aliases (key)",
        "CREATE INDEX speaker_aliases_last ON speaker_aliases (last)",
        # ADD COLUMN may carry REFERENCES as long as the default is NULL.
        "ALTER TABLE statements ADD COLUMN speaker_id INTEGER "
        "REFERENCES speakers(id) ON DELETE SET NULL",
        "CREATE INDEX statements_speaker_id ON statements (speaker_id)",
        _STATEMENT_SPEAKERS,
        "CREATE INDEX statement_speakers_speaker ON statement_speakers (speaker_id)",
        _MENTIONS,
        "CREATE INDEX mentions_entity ON mentions (article_id, eid)",
        _AMOUNTS,
        "CREATE INDEX amounts_article ON amounts (article_id)",
        _DATES,
        "CREATE INDEX dates_article ON dates (article_id)",
        "CREATE INDEX articles_site ON articles (site)",
    ),
    # 3: sources (copies folded into an article), MinHash signatures with their LSH bands, and
    # quotes across articles. Existing articles are indexed after it (BACKFILL_FROM).
    (
        _SOURCES,
        "CREATE INDEX sources_text ON sources (text_id)",
        "CREATE UNIQUE INDEX sources_copy ON sources (article_id, text_id, coalesce(source, ''))",
        _MINHASHES,
        _MINHASH_BANDS,
        _QUOTES,
        "CREATE INDEX quotes_rank ON quotes (article_count DESC, id)",
        "ALTER TABLE statements ADD COLUMN quote_id INTEGER REFERENCES quotes(id) ON DELETE SET NULL",
        "CREATE INDEX statements_quote ON statements (quote_id)",
    ),
    # 4: topics (with article and statement links), events with their groups across articles,
    # and claims: an amount's subject and claimant. Existing articles are filled in after it
    # (TOPICS_FROM).
    (
        _TOPICS,
        "CREATE INDEX topics_rank ON topics (statement_count DESC, article_count DESC, id)",
        _ARTICLE_TOPICS,
        "CREATE INDEX article_topics_topic ON article_topics (topic_id)",
        _STATEMENT_TOPICS,
        "CREATE INDEX statement_topics_topic ON statement_topics (topic_id, statement_id)",
        _EVENT_GROUPS,
        # The sort key of ``events.event_rows``, expression for expression, so a page of
        # events reads the index backwards instead of sorting every group.
        "CREATE INDEX event_groups_date ON event_groups ((coalesce(date, substr(first_seen, 1, 10)) IS NOT NULL), "
        "coalesce(coalesce(date, substr(first_seen, 1, 10)), ''), id)",
        _EVENTS,
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX events_group ON events (group_id)",
        _EVENT_PARTICIPANTS,
        "CREATE INDEX event_participants_key ON event_participants (key)",
        "ALTER TABLE amounts ADD COLUMN about TEXT",
        "ALTER TABLE amounts ADD COLUMN about_start INTEGER",
        "ALTER TABLE amounts ADD COLUMN about_end INTEGER",
        "ALTER TABLE amounts ADD COLUMN about_key TEXT",
        "ALTER TABLE amounts ADD COLUMN claimed_by TEXT",
        "CREATE INDEX amounts_about ON amounts (about_key)",
    ),
    # 5: speakers are one person each (see ``speakers``): the names statements gave a speaker
    # are counted on its aliases (the display name is the most common full name), each link
    # keeps the name it was made by, and statements keep how the article found the speaker's
    # name. Existing speakers and links are derived again from the records after it
    # (SPEAKERS_FROM).
    (
        "ALTER TABLE speaker_aliases ADD COLUMN statements INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE statement_speakers ADD COLUMN name_key TEXT",
        "ALTER TABLE statements ADD COLUMN speaker_title TEXT",
        "ALTER TABLE statements ADD COLUMN speaker_resolution TEXT",
        "ALTER TABLE statements ADD COLUMN speaker_confidence REAL",
        "ALTER TABLE statements ADD COLUMN speaker_antecedent TEXT",
        "ALTER TABLE statements ADD COLUMN speaker_antecedent_start INTEGER",
        "ALTER TABLE statements ADD COLUMN speaker_antecedent_end INTEGER",
        # So re-linking every statement does not rewrite the full-text index row by row.
        "DROP TRIGGER statements_fts_update",
        _sync_triggers("statements", "id", ("text", "speaker_name", "cue"), only_indexed=True)[2],
    ),
    # 6: what each statement's source did (``onrecord.acts``): ``act`` speech, thought or
    # evidence, ``negated`` (1 when the article says the source did not), and ``words``, the
    # content as shown. Existing statements get all three from the records after it
    # (ACTS_FROM); the defaults only hold
    # until then. The full-text index is not touched: since v5 it follows only its columns.
    (
        "ALTER TABLE statements ADD COLUMN act TEXT NOT NULL DEFAULT 'speech'",
        "ALTER TABLE statements ADD COLUMN negated INTEGER NOT NULL DEFAULT 0",
        # the content as shown (``Statement.words``): a split quotation without its cue frame
        "ALTER TABLE statements ADD COLUMN words TEXT",
    ),
    # 7: inputs whose analysis was stopped (they killed their worker or ran over their time
    # budget), so that a resumed ingest fails them again at once instead of stopping on each
    # one again; ``IngestOptions.retry_stopped`` analyses them anyway.
    (
        """CREATE TABLE stopped_articles (
    id         TEXT PRIMARY KEY,                -- Article.id (the hash of its text)
    source     TEXT,                            -- where it was read from
    reason     TEXT NOT NULL,                   -- why its analysis stopped, as reported
    stopped_at TEXT NOT NULL                    -- UTC ISO timestamp of the last stop
)""",
    ),
    # 8: the order statements and articles are listed in (newest first, or oldest first;
    # undated last either way: ``queries._keyset``), so that a page of a large store is read
    # in order from an index instead of sorting every matching statement on each request.
    (
        "CREATE INDEX articles_newest ON articles (published IS NOT NULL, coalesce(published, ''), id)",
        "CREATE INDEX articles_oldest ON articles (published IS NULL, coalesce(published, ''), id)",
        "CREATE INDEX statements_article_start ON statements (article_id, start)",
    ),
    # 9: totals kept as articles are saved, so that no page counts all of a large speaker's
    # or topic's rows, nor the whole store's: each speaker's (``speaker_totals``), each
    # topic's months, and the store's own (triggers); filled here by counting the rows stored.
    (
        "ALTER TABLE speakers ADD COLUMN statement_count INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE speakers ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX speakers_rank ON speakers (statement_count DESC, name, id)",
        _SPEAKER_ARTICLES,
        # A speaker's articles in the orders statements are listed in (``queries._keyset``):
        # a page of their statements is looked for in the next few of them only.
        "CREATE INDEX speaker_articles_oldest ON speaker_articles "
        "(speaker_id, published IS NULL, coalesce(published, ''), article_id)",
        "CREATE INDEX speaker_articles_newest ON speaker_articles "
        "(speaker_id, published IS NOT NULL, coalesce(published, ''), article_id)",
        "CREATE INDEX speaker_articles_article ON speaker_articles (article_id)",
        _months("speaker", "speakers"),
        _SPEAKER_ENTITIES,
        "CREATE INDEX speaker_entities_rank ON speaker_entities (speaker_id, articles DESC, mentions DESC, name)",
        """INSERT INTO speaker_articles (speaker_id, article_id, statements, published)
           SELECT l.speaker_id, s.article_id, count(*), a.published
           FROM statement_speakers AS l JOIN statements AS s ON s.id = l.statement_id
           JOIN articles AS a ON a.id = s.article_id
           GROUP BY l.speaker_id, s.article_id""",
        """UPDATE speakers SET
             statement_count = coalesce((SELECT sum(statements) FROM speaker_articles
                                         WHERE speaker_id = speakers.id), 0),
             article_count = (SELECT count(*) FROM speaker_articles WHERE speaker_id = speakers.id)""",
        """INSERT INTO speaker_months (speaker_id, period, statements)
           SELECT speaker_id, substr(published, 1, 7), sum(statements) FROM speaker_articles
           WHERE published IS NOT NULL GROUP BY 1, 2""",
        """INSERT INTO speaker_entities (speaker_id, name, type, articles, mentions)
           SELECT sa.speaker_id, e.name, e.type, count(DISTINCT e.article_id),
                  sum((SELECT count(*) FROM mentions AS m WHERE m.article_id = e.article_id AND m.eid = e.eid))
           FROM speaker_articles AS sa JOIN entities AS e ON e.article_id = sa.article_id
           GROUP BY sa.speaker_id, e.name, e.type""",
        # and a topic's timeline, month by month (``topics.add`` and ``refresh``)
        _months("topic", "topics"),
        """INSERT INTO topic_months (topic_id, period, statements)
           SELECT l.topic_id, substr(a.published, 1, 7), count(*)
           FROM statement_topics AS l JOIN statements AS s ON s.id = l.statement_id
           JOIN articles AS a ON a.id = s.article_id WHERE a.published IS NOT NULL GROUP BY 1, 2""",
        # and each quote's speakers (``quotes.add`` and ``refresh``)
        _speakers_of("quote", "quotes"),
        "CREATE INDEX quote_speakers_rank ON quote_speakers (quote_id, statements DESC, speaker_id)",
        """INSERT INTO quote_speakers (quote_id, speaker_id, statements)
           SELECT s.quote_id, l.speaker_id, count(*) FROM statements AS s
           JOIN statement_speakers AS l ON l.statement_id = s.id WHERE s.quote_id IS NOT NULL GROUP BY 1, 2""",
        # and each topic's speakers (``topics.add`` and ``refresh``)
        _speakers_of("topic", "topics"),
        "CREATE INDEX topic_speakers_rank ON topic_speakers (topic_id, statements DESC)",
        """INSERT INTO topic_speakers (topic_id, speaker_id, statements)
           SELECT l.topic_id, x.speaker_id, count(*) FROM statement_topics AS l
           JOIN statement_speakers AS x ON x.statement_id = l.statement_id GROUP BY 1, 2""",
        _TOTALS,
        *(sql for table in COUNTED for sql in _total_triggers(table)),
        _SITE_ARTICLES,
        *_SITE_TRIGGERS,
    ),
]

VERSION = len(MIGRATIONS)

# Migrations that change the projection of the stored records (rather than only adding empty
# tables) are followed by a re-projection of every article from ``articles.record`` with the
# code of the running onrecord (see ``Store``): migrations stay plain SQL, so an old migration
# never runs code written for a newer schema.
REPROJECT_FROM = 2
# Databases from before v3 get their sources, signatures and quote ids filled in from the
# records (a lighter pass than re-projecting; speakers stay as they are).
BACKFILL_FROM = 3
# Databases from before v4 get their topics, events and claim fields projected from the
# records (speakers and quotes stay as they are).
TOPICS_FROM = 4
# Databases from before v5 get their speakers, aliases and statement links derived again from
# the records with the rules of ``speakers`` (no re-analysis), and the v5 speaker columns.
SPEAKERS_FROM = 5
# Databases from before v6 get each statement's act and negation from the records: an old
# record's act is the one its cue implies (``Article.from_dict``); nothing else is rewritten.
ACTS_FROM = 6


class NewerSchema(Exception):
    """The database was written by a newer onrecord than this one."""

    def __init__(self, found: int):
        super().__init__(f"schema version {found}, this onrecord knows up to {VERSION}")
        self.found = found


class OlderSchema(Exception):
    """The database was written by an older onrecord: reading it needs a migration first."""

    def __init__(self, found: int):
        super().__init__(f"schema version {found}, this onrecord reads {VERSION}")
        self.found = found


class ForeignDatabase(Exception):
    """A SQLite file of something else: tables, but none of onrecord's schema versions."""


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_ours(conn: sqlite3.Connection) -> int:
    """The schema version of an onrecord database (0: an empty file), read without writing;
    NewerSchema or ForeignDatabase otherwise, so that a file onrecord refuses is left as it was.
    Migration 1 sets the version in the transaction that creates the tables, so an onrecord
    database with tables is never at version 0."""
    found = user_version(conn)
    if found > VERSION:
        raise NewerSchema(found)
    if found == 0 and conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!' LIMIT 1").fetchone():
        raise ForeignDatabase("not an onrecord database: it holds tables of another program")
    return found


def migrate(conn: sqlite3.Connection,
            after: Callable[[sqlite3.Connection, int], None] | None = None) -> int:
    """Bring ``conn`` (in autocommit mode) up to ``VERSION``; return the version it started at.

    A current database is only read, so it can be opened while another connection writes
    (or from a read-only file). Otherwise the check is repeated under the write lock, in case
    a concurrent process migrated first. ``after(conn, start)`` runs in the same transaction
    once the schema is current, so a data backfill commits together with the schema or not at all.
    """
    found = check_ours(conn)
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
        if after is not None:
            after(conn, start)
        conn.execute("COMMIT")
    except BaseException:
        # SQLite rolls back by itself on some errors (busy, full); a second ROLLBACK
        # would then fail and hide the real cause.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return found


__all__ = ["ACTS_FROM", "BACKFILL_FROM", "MIGRATIONS", "SPEAKERS_FROM", "TOPICS_FROM", "VERSION", "REPROJECT_FROM", "ForeignDatabase", "NewerSchema", "OlderSchema", "check_ours", "migrate", "user_version"]
