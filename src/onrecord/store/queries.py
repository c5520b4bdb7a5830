"""Read queries over statements and articles: filters, cursor pages, plain-dict rows.

Rows are plain dicts of JSON values, so the CLI, a JSON API and HTML pages can render the same
data (``rows`` gives the keys of each kind). Pages use keyset cursors (the sort key of the last
row, opaque to callers): a page neither repeats nor skips a row while other rows are added
elsewhere in the order.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any, cast

from onrecord.acts import ACTS
from onrecord.errors import InputError
from onrecord.store.rows import ArticleRow, KeyedStatementRow, StatementRow
from onrecord.store.speakers import denoted
from onrecord.store.topic_ids import find_topic

MAX_PAGE = 500
DEFAULT_PAGE = 50
# How many articles, per statement of the page, a page of statements matching common words
# or a topic is first looked for in (``_nearby_ids``): an article holds about ten statements,
# so four articles find one at a fortieth of them; rarer matches are looked up all at once.
NEARBY_ARTICLES = 4
# SQLite integers are signed 64-bit: a larger Python int cannot even be bound as a parameter.
MIN_INTEGER, MAX_INTEGER = -2 ** 63, 2 ** 63 - 1
KINDS = ("direct", "indirect", "mixed")
ORDERS = ("asc", "desc")

_STATEMENT_COLUMNS = """
SELECT a.id AS article_id, a.source, a.title, a.published,
       s.sid, s.kind, s.act, s.negated, s.text, coalesce(s.words, s.text) AS words, s.start, s."end", s.cue,
       s.speaker_name, s.speaker_mention, s.confidence,
       a.site, s.speaker_id, s.quote_id,
       s.speaker_title, s.speaker_resolution, s.speaker_confidence,
       s.speaker_antecedent, s.speaker_antecedent_start, s.speaker_antecedent_end,
       (SELECT article_count FROM quotes WHERE id = s.quote_id) AS quote_articles, s.id AS _rowid,
       (SELECT json_group_array(json_object('id', x.id, 'name', x.name)) FROM
          (SELECT p.id, p.name FROM statement_speakers AS l JOIN speakers AS p ON p.id = l.speaker_id
           WHERE l.statement_id = s.id ORDER BY l.position) AS x) AS speakers
"""

_ARTICLE_COLUMNS = """
SELECT a.id, a.source, a.title, a.published, a.site, a.authors, a.language, a.ingested_at,
       (SELECT count(*) FROM statements AS s WHERE s.article_id = a.id) AS statement_count,
       (SELECT count(*) FROM sources AS c WHERE c.article_id = a.id) AS source_count
"""

# Sort keys, undated articles last either way: (flag, date, article, [offset, rowid]).
_DATED = {"asc": "a.published IS NULL", "desc": "a.published IS NOT NULL"}


def _keyset(order: str, extra: tuple[str, ...], cursor: list[Any] | None,
            where: list[str], params: dict[str, Any], inclusive: bool = False, prefix: str = "k") -> str:
    """The ORDER BY terms for ``order``; with a cursor key, the condition for rows after it
    (``inclusive``: or at it), its values bound as ``prefix`` 0, 1, ..."""
    parts = (_DATED[order], "coalesce(a.published, '')", "a.id", *extra)
    if cursor is not None:
        names = [f"{prefix}{n}" for n in range(len(parts))]
        where.append(f"({', '.join(parts)}) {'>' if order == 'asc' else '<'}{'=' if inclusive else ''} "
                     f"({', '.join(':' + n for n in names)})")
        params.update(zip(names, cursor))
    return ", ".join(f"{part} {order.upper()}" for part in parts)


@dataclass(frozen=True, slots=True)
class Filters:
    """What every statement query may filter by, validated (see ``statement_filters``)."""
    speaker: str | None = None
    speaker_id: int | None = None
    search: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None       # the day after the given one: published < until
    kind: str | None = None
    article_id: str | None = None
    quote_id: int | None = None
    topic: str | None = None       # a topic's key or any name of it
    topic_id: int | None = None
    speaker_ids: tuple[int, ...] = ()   # one person's speakers (``speakers.denoted``): any of them
    act: str | None = None         # speech | thought | evidence (``onrecord.acts``)


def iso_date(subject: str, value: str | dt.date | None) -> str | None:
    """``value`` as YYYY-MM-DD, or InputError naming ``subject``; None and "" are no date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InputError(subject, f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def storable(value: int) -> bool:
    """Whether SQLite can hold ``value``; no row has an id it cannot hold."""
    return MIN_INTEGER <= value <= MAX_INTEGER


def as_id(value: Any) -> Any:
    """A row id given as text ("12", as on a command line or in a URL) as an int; any other
    value as it is, for the caller to check. Only ASCII digits: str.isdigit also takes "²",
    which int() refuses."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return value


def statement_filters(speaker: str | None = None, search: str | None = None, site: str | None = None,
                      since: str | dt.date | None = None, until: str | dt.date | None = None,
                      kind: str | None = None, speaker_id: int | None = None,
                      topic: str | None = None, act: str | None = None) -> Filters:
    for name, value in (("speaker", speaker), ("search", search), ("site", site), ("topic", topic)):
        _check_text(name, value, nul_is_space=name == "search")
    first, last = iso_date("since", since), iso_date("until", until)
    if first and last and first > last:
        raise InputError("since", f"{first} is after until {last}")
    if kind is not None and kind not in KINDS:
        raise InputError("kind", f"not one of {', '.join(KINDS)}: {kind!r}")
    if act is not None and act not in ACTS:
        raise InputError("act", f"not one of {', '.join(ACTS)}: {act!r}")
    if speaker_id is not None and (isinstance(speaker_id, bool) or not isinstance(speaker_id, int)):
        raise InputError("speaker_id", f"not a speaker id: {speaker_id!r}")
    after = _day_after(last) if last else None
    if topic is not None and not isinstance(topic, str):
        raise InputError("topic", f"not a topic key or name: {topic!r}")
    return Filters(speaker, speaker_id, search, site or None, first, after, kind,
                   topic=topic if topic and topic.strip() else None, act=act)


@dataclass(frozen=True)
class StatementQuery:
    """One query of statements, whole: what to filter by and which page. It is made once —
    from command-line options, URL parameters or keyword arguments — and handed whole to the
    store; a value it cannot take raises InputError naming the field when it is made.

    ``speaker`` is a name (``Store.statements`` says how it is matched), ``speaker_id`` a
    stored speaker's id, ``search`` free words, ``site`` the article's site, ``since`` and
    ``until`` ISO dates of publication (inclusive), ``kind`` direct, indirect or mixed,
    ``topic`` a topic's key or any name of it, ``act`` speech, thought or evidence. ``limit``
    None is every statement for ``Store.statements`` and a page of ``DEFAULT_PAGE`` for
    ``Store.statements_page``; ``cursor`` and ``order`` (asc, desc) page through.
    """
    speaker: str | None = None
    speaker_id: int | None = None
    search: str | None = None
    site: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    kind: str | None = None
    topic: str | None = None
    act: str | None = None
    limit: int | None = None
    cursor: str | None = None
    order: str = "asc"
    filters: Filters = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found = statement_filters(self.speaker, self.search, self.site, self.since, self.until, self.kind,
                                  self.speaker_id, self.topic, self.act)
        object.__setattr__(self, "filters", found)
        object.__setattr__(self, "since", found.since)             # as ISO dates from here on
        object.__setattr__(self, "until", iso_date("until", self.until))
        check_order(self.order)
        if self.cursor is not None and not isinstance(self.cursor, str):
            raise InputError("cursor", f"not a cursor: {self.cursor!r}")


def statement_query(query: StatementQuery | None, given: dict[str, Any]) -> StatementQuery:
    """``query`` with the fields in ``given`` changed, or a query of ``given`` alone."""
    if query is not None and not isinstance(query, StatementQuery):
        raise TypeError(f"not a StatementQuery: {query!r} (give filters by name: speaker=…)")
    return replace(query, **given) if query is not None else StatementQuery(**given)


def _check_text(name: str, value: Any, nul_is_space: bool = False) -> None:
    """InputError for a filter word SQLite cannot take: an unpaired surrogate, or a NUL
    ("speaker=%00" was a 503, "store unavailable") except in search words, where it
    separates words like a space."""
    if not isinstance(value, str):
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(name, "not valid Unicode (an unpaired surrogate)") from None
    if "\x00" in value and not nul_is_space:
        raise InputError(name, "holds a NUL character")


def _day_after(day: str) -> str:
    """The bound ``published < bound`` that keeps every date up to ``day`` inclusive; for the
    last day a calendar holds (9999-12-31) a string after any date and time of that day."""
    if day == dt.date.max.isoformat():
        return day + "~"                          # "~" sorts after "T…" and every digit
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def page_size(limit: Any) -> int:
    """A page size: at least 1, at most MAX_PAGE (larger asks are cut, not refused)."""
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InputError("limit", f"not a whole number: {limit!r}")
    if limit < 1:
        raise InputError("limit", f"must be at least 1, not {limit}")
    return min(limit, MAX_PAGE)


def check_order(order: str) -> str:
    if order not in ORDERS:
        raise InputError("order", f"not one of asc, desc: {order!r}")
    return order


# -- cursors -----------------------------------------------------------------------------------

def encode_cursor(listing: str, order: str, key: list[Any]) -> str:
    raw = json.dumps([listing, order, *key], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, listing: str, order: str, types: tuple[type, ...]) -> list[Any]:
    """The sort key in ``cursor``, or InputError when it is not one of this listing's."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (TypeError, ValueError, binascii.Error, UnicodeDecodeError):
        data = None
    if (not isinstance(data, list) or data[:2] != [listing, order] or len(data) != 2 + len(types)
            or not all(type(v) is t for v, t in zip(data[2:], types))
            or not all(storable(v) for v in data[2:] if type(v) is int)):
        raise InputError("cursor", "not a cursor of this list (start again without one)")
    return data[2:]


# -- statements --------------------------------------------------------------------------------

def statement_rows(conn: sqlite3.Connection, f: Filters, limit: int, ranked: bool,
                   order: str = "asc", cursor: str | None = None,
                   listing: str = "statements") -> list[KeyedStatementRow]:
    """Statements matching ``f``: ranked by relevance (``ranked`` and a word search), else by
    date, article and offset, after ``cursor`` (one of ``listing``'s, ``statement_cursor``).
    ``limit`` -1 is no limit."""
    ranked = ranked and bool(f.search and f.search.strip())
    after = None if cursor is None else decode_cursor(cursor, listing, order, (int, str, str, int, int))
    speakers = None if ranked or limit <= 0 else _speakers_alone(conn, f)
    if speakers:
        where, params = _window_where(conn, speakers, order, after, limit)
    else:
        conditions, params = statement_where(conn, f, ranked)
        if conditions is None:
            return []
        where = conditions
    source = ("statements_fts JOIN statements AS s ON s.id = statements_fts.rowid" if ranked
              else "statements AS s")
    sort = _keyset(order, ("s.start", "s.id"), after, where, params)
    # The page's ids first, then its columns: SQLite computes every selected column of every
    # matching row before it sorts, and the speakers' and quotes' subqueries of thousands of
    # rows cost far more than the sort itself.
    params["limit"] = limit
    ids = None
    if not speakers and not ranked and limit > 0 and _widespread(f):
        ids = _nearby_ids(conn, f, where, dict(params), order, after, sort)
    if ids is None:
        sql = (f"SELECT s.id FROM {source} JOIN articles AS a ON a.id = s.article_id "
               f"WHERE {' AND '.join(where) or '1'} "
               f"ORDER BY {'bm25(statements_fts), ' if ranked else ''}{sort} LIMIT :limit")
        ids = [row[0] for row in conn.execute(sql, params)]
    if not ids:
        return []
    found = {row["_rowid"]: _statement(row) for row in conn.execute(
        f"{_STATEMENT_COLUMNS} FROM statements AS s JOIN articles AS a ON a.id = s.article_id "
        "WHERE s.id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(ids)})}
    return [found[i] for i in ids]


def _widespread(f: Filters) -> bool:
    """Whether ``f`` may match statements all over the store: words or a topic, which can
    match thousands, and neither an article's nor a quote's, which are a few at most."""
    return bool((f.search and f.search.strip()) or f.topic or f.topic_id is not None) and (
        f.article_id is None and f.quote_id is None)


def _speakers_alone(conn: sqlite3.Connection, f: Filters) -> tuple[int, ...] | None:
    """The speakers ``f`` asks for when it filters by nothing else (their statements are then
    counted per article in ``speaker_articles``); None otherwise."""
    if any(v is not None for v in (f.search, f.site, f.since, f.until, f.kind, f.article_id, f.quote_id,
                                   f.topic, f.topic_id, f.act)):
        return None
    given = [ids for ids in (f.speaker_ids, (f.speaker_id,) if f.speaker_id is not None else ()) if ids]
    if f.speaker is not None:
        if not _has_word(f.speaker):
            return None
        given.append(tuple(denoted(conn, f.speaker)))
    return given[0] if len(given) == 1 and given[0] and all(storable(i) for i in given[0]) else None


def _window_where(conn: sqlite3.Connection, speakers: tuple[int, ...], order: str, after: list[Any] | None,
                  limit: int) -> tuple[list[str], dict[str, Any]]:
    """The conditions of a page of statements by ``speakers`` alone: the page lies in the next
    few of their articles (``speaker_window``), whose statements are each looked up in the
    links, instead of reading every statement of the speakers to sort them all."""
    params: dict[str, Any] = {"speakers": json.dumps(list(speakers)),
                              "window": json.dumps(speaker_window(conn, speakers, order, after, limit))}
    return ["s.article_id IN (SELECT value FROM json_each(:window))",
            "EXISTS (SELECT 1 FROM statement_speakers AS l WHERE l.statement_id = s.id "
            "AND l.speaker_id IN (SELECT value FROM json_each(:speakers)))"], params


def speaker_window(conn: sqlite3.Connection, speakers: tuple[int, ...], order: str,
                    after: list[Any] | None, limit: int) -> list[str]:
    """The articles, in the page's order from the cursor's own one on, whose statements by
    ``speakers`` are at least ``limit`` after the cursor's article: the page lies in them.
    (Of several speakers an article counts the most any one said: a statement may be two of
    theirs, so that is the least the article holds.)"""
    # (one speaker's rows come in order from an index; several speakers' are grouped first)
    params: dict[str, Any]
    if len(speakers) == 1:
        where, params = ["a.speaker_id = :speaker"], {"speaker": speakers[0]}
        held, group = "a.statements", ""
    else:
        where, params = ["a.speaker_id IN (SELECT value FROM json_each(:speakers))"], {"speakers": json.dumps(list(speakers))}
        held, group = "max(a.statements)", " GROUP BY a.id"
    sort = _keyset(order, (), None if after is None else after[:3], where, params, inclusive=True)
    sql = (f"SELECT a.id, {held} FROM (SELECT speaker_id, article_id AS id, published, statements "
           f"FROM speaker_articles) AS a WHERE {' AND '.join(where)}{group} ORDER BY {sort}")
    window: list[str] = []
    found = 0
    for article_id, statements in conn.execute(sql, params):
        window.append(article_id)
        if after is None or article_id != after[2]:      # the cursor's article may be half read
            found += statements
        if found >= limit:
            break
    return window


def _nearby_ids(conn: sqlite3.Connection, f: Filters, where: list[str], params: dict[str, Any], order: str,
                after: list[Any] | None, sort: str) -> list[int] | None:
    """The page's ids when the next ``NEARBY_ARTICLES`` articles per statement asked for, in
    the page's order (from the cursor's own article on), hold enough of them, else None.

    Matches of common words or a big topic are spread over the store: ordering them all by
    date reads the article of every one, while the first page lies in the first few
    articles. Every statement of later articles sorts after these, so when they fill the
    page it is the page."""
    near: list[str] = []
    _article_where(f, near, params)
    article_sort = _keyset(order, (), None if after is None else after[:3], near, params,
                           inclusive=True, prefix="n")
    params["nearby"] = NEARBY_ARTICLES * params["limit"]
    # The articles, materialized and crossed first, stand in for the table as ``a`` (with the
    # columns the conditions read): their statements are read through the index of their
    # article, each only checked against the words' or topic's matches.
    sql = (f"WITH a AS MATERIALIZED (SELECT a.id, a.published, a.site FROM articles AS a "
           f"WHERE {' AND '.join(near) or '1'} ORDER BY {article_sort} LIMIT :nearby) "
           "SELECT s.id FROM a CROSS JOIN statements AS s INDEXED BY statements_article_start "
           f"ON s.article_id = a.id WHERE {' AND '.join(where) or '1'} ORDER BY {sort} LIMIT :limit")
    ids = [row[0] for row in conn.execute(sql, params)]
    return ids if len(ids) >= params["limit"] else None


def statement_page(conn: sqlite3.Connection, f: Filters, size: int | None, listing: str = "statements",
                   order: str = "asc", cursor: str | None = None) -> tuple[list[StatementRow], str | None]:
    """``size`` statements of ``f`` in date, article and offset order after ``cursor`` (None:
    all that follow), and the cursor of the page after them (None on the last page)."""
    rows = statement_rows(conn, f, -1 if size is None else size + 1, ranked=False, order=order,
                          cursor=cursor, listing=listing)
    if size is None or len(rows) <= size:
        return [public(r) for r in rows], None
    return [public(r) for r in rows[:size]], statement_cursor(rows[size - 1], order, listing)


def statement_cursor(row: KeyedStatementRow, order: str, listing: str = "statements") -> str:
    """The cursor of the page after ``row``; ``listing`` names the list it pages (a cursor of
    one speaker's statements is refused by an article's)."""
    dated = row["published"] is not None
    flag = int(not dated) if order == "asc" else int(dated)
    return encode_cursor(listing, order, [flag, row["published"] or "", row["article_id"],
                                               row["start"], row["_rowid"]])


def statement_where(conn: sqlite3.Connection, f: Filters,
                     ranked: bool) -> tuple[list[str] | None, dict[str, Any]]:
    """SQL conditions and parameters for ``f``; None when nothing can match. ``ranked``: the
    query reads ``statements_fts`` itself (to rank by it), so the search matches there."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if f.speaker is not None and f.speaker.strip():
        if not _has_word(f.speaker):
            return None, params
        # The stored person the name denotes ("Putin": Vladimir Putin and the speakers known
        # only as "Putin"; InputError when it fits two people); a name no speaker goes by, by
        # its words, consecutive, in the resolved names ("Vladimir" finds "Vladimir Putin").
        ids = denoted(conn, f.speaker)
        if ids:
            _speakers_where(where, params, "speaker_ref", ids)
        else:
            params["speaker_match"] = "{speaker_name} : " + _quote(f.speaker)
            where.append("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :speaker_match)")
    if f.search is not None and f.search.strip():
        params["search"] = fts_words(f.search)
        if not params["search"]:
            return None, params
        where.append("statements_fts MATCH :search" if ranked else
                     "s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :search)")
    if f.speaker_id is not None:
        if not storable(f.speaker_id):
            return None, params
        params["speaker_id"] = f.speaker_id
        where.append("s.id IN (SELECT statement_id FROM statement_speakers WHERE speaker_id = :speaker_id)")
    if f.speaker_ids:
        _speakers_where(where, params, "speaker_ids", f.speaker_ids)
    _bind(where, params, "kind", f.kind, "s.kind = :kind")
    _bind(where, params, "act", f.act, "s.act = :act")
    _bind(where, params, "quote_id", f.quote_id, "s.quote_id = :quote_id")
    topic_id = f.topic_id
    if f.topic is not None:
        topic_id = find_topic(conn, f.topic)
        if topic_id is None:
            return None, params
        if f.topic_id is not None and f.topic_id != topic_id:
            return None, params
    if topic_id is not None:
        params["topic_id"] = topic_id
        where.append("s.id IN (SELECT statement_id FROM statement_topics WHERE topic_id = :topic_id)")
    _article_where(f, where, params)
    return where, params


def _speakers_where(where: list[str], params: dict[str, Any], name: str, ids: Any) -> None:
    """Statements any of the speakers ``ids`` said (bound as the parameter ``name``)."""
    params[name] = json.dumps(list(ids))
    where.append(f"s.id IN (SELECT statement_id FROM statement_speakers WHERE speaker_id IN "
                 f"(SELECT value FROM json_each(:{name})))")


def _bind(where: list[str], params: dict[str, Any], name: str, value: Any, condition: str) -> None:
    """Add ``condition`` on the parameter ``name`` bound to ``value``, unless ``value`` is None."""
    if value is not None:
        params[name] = value
        where.append(condition)


def _article_where(f: Filters, where: list[str], params: dict[str, Any]) -> None:
    _bind(where, params, "article_id", f.article_id, "a.id = :article_id")
    _bind(where, params, "site", f.site, "a.site = :site COLLATE NOCASE")
    _bind(where, params, "since", f.since, "a.published >= :since")
    _bind(where, params, "until", f.until, "a.published < :until")


def _statement(row: sqlite3.Row) -> KeyedStatementRow:
    out = dict(row)
    out["speakers"] = json.loads(out["speakers"]) if out["speakers"] else []
    out["negated"] = bool(out["negated"])          # stored as 0 or 1: SQLite has no booleans
    return cast(KeyedStatementRow, out)            # the columns of _STATEMENT_COLUMNS


def public(row: KeyedStatementRow) -> StatementRow:
    """A statement row without the internal sort key."""
    return cast(StatementRow, {k: v for k, v in row.items() if not k.startswith("_")})


# -- articles ----------------------------------------------------------------------------------

def article_rows(conn: sqlite3.Connection, q: str | None, f: Filters, limit: int, order: str,
                 cursor: str | None) -> list[ArticleRow]:
    where: list[str] = []
    params: dict[str, Any] = {"limit": limit}
    if q is not None and q.strip():
        params["q"] = fts_words(q)
        if not params["q"]:
            return []
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)")
    _article_where(f, where, params)
    after = None if cursor is None else decode_cursor(cursor, "articles", order, (int, str, str))
    sort = _keyset(order, (), after, where, params)
    sql = (f"{_ARTICLE_COLUMNS} FROM articles AS a WHERE {' AND '.join(where) or '1'} "
           f"ORDER BY {sort} LIMIT :limit")
    rows = [dict(row) for row in conn.execute(sql, params)]
    for row in rows:
        row["authors"] = json.loads(row["authors"])
    return cast("list[ArticleRow]", rows)          # the columns of _ARTICLE_COLUMNS


def article_cursor(row: ArticleRow, order: str) -> str:
    dated = row["published"] is not None
    flag = int(not dated) if order == "asc" else int(dated)
    return encode_cursor("articles", order, [flag, row["published"] or "", row["id"]])


# -- full-text words ---------------------------------------------------------------------------

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


__all__ = ["DEFAULT_PAGE", "Filters", "KINDS", "MAX_PAGE", "StatementQuery", "statement_query", "article_cursor", "article_rows", "check_order",
           "decode_cursor", "encode_cursor", "fts_words", "iso_date", "page_size",
           "public", "statement_cursor", "statement_filters", "statement_page", "statement_rows", "statement_where"]
