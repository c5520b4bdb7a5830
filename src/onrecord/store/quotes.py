"""Quotes across articles: the same quoted words, in any number of articles, are one quote.

A statement that quotes words (kind direct or mixed) gets a key: its quoted words with case,
accents, punctuation, whitespace and the kind of quotation marks folded away (``name_key``),
so "“We will not accept this,”" and "\"we will not accept this\"" are one quote. The quotes
table holds one row per key with the words as first seen; each statement row points at its
quote. Counts (statements, articles) and the earliest publication date are kept on the row,
added to when an article is written and recounted when one is replaced, so listing the most
reported quotes reads one index.

Only exact keys group: a quotation contained in a longer one stays a quote of its own.
Quoted words shorter than ``MIN_WORDS`` (scare quotes, a single "unacceptable") get no quote.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.model import Statement
from onrecord.store.queries import (
    MAX_INTEGER, Filters, decode_cursor, encode_cursor, fts_words, page_size, public, statement_rows,
    statement_where, storable,
)
from onrecord.store.counters import recount
from onrecord.store.rows import QuoteDetail, QuoteRow
from onrecord.keys import name_key

MIN_WORDS = 3

# A quotation inside a statement's text: an opening mark after a space, a bracket or the start,
# up to its closing mark (not an apostrophe inside a word), or to the end when the text stops
# before the closing mark (a quotation that finishes the writer's sentence).
_QUOTED = re.compile(
    r"(?:^|(?<=[\s(\[{—–:;/-]))"
    r"(?:“(?P<a>.+?)(?:[”“]|$)|\"(?P<b>.+?)(?:\"(?!\w)|$)|«(?P<c>.+?)(?:»|$)"
    r"|„(?P<d>.+?)(?:[“”]|$)|‘(?P<e>.+?)(?:’(?!\w)|$))", re.S)
_EDGES = " \t\n,;:"


def quoted_words(statement: Statement) -> list[str]:
    """The quoted pieces of a direct or mixed statement (empty for reported speech)."""
    if statement.kind == "direct":
        pieces = [p.text for p in statement.parts] or [statement.text]
    elif statement.kind == "mixed":
        # The first part may start with the writer's words; later parts are quoted words.
        head = statement.parts[0].text if statement.parts else statement.text
        pieces = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(head)]
        if pieces and statement.parts:
            pieces += [p.text for p in statement.parts[1:]]
    else:
        return []
    pieces = [p.strip(_EDGES + "“”\"«»„‘’") for p in pieces]
    return [p for p in pieces if p]


def quote_key(pieces: list[str]) -> str | None:
    key = name_key(" ".join(pieces))
    return key if len(key.split()) >= MIN_WORDS else None


def quote_of(conn: sqlite3.Connection, statement: Statement) -> int | None:
    """The id of the quote ``statement`` reports, made if new; None if it quotes no words."""
    pieces = quoted_words(statement)
    key = quote_key(pieces)
    if key is None:
        return None
    row = conn.execute("SELECT id FROM quotes WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    return conn.execute("INSERT INTO quotes (key, text) VALUES (?, ?)", (key, " … ".join(pieces))).lastrowid


_REFRESH = """
UPDATE quotes SET
    statement_count = (SELECT count(*) FROM statements WHERE quote_id = quotes.id),
    article_count = (SELECT count(DISTINCT article_id) FROM statements WHERE quote_id = quotes.id),
    first_seen = (SELECT min(a.published) FROM statements AS s JOIN articles AS a ON a.id = s.article_id
                  WHERE s.quote_id = quotes.id)
WHERE id = ?
"""


# One newly projected article's statements counted into their quotes, as _REFRESH would.
_ADD = """
UPDATE quotes SET
    statement_count = statement_count + :statements,
    article_count = article_count + 1,
    first_seen = CASE WHEN :published IS NULL THEN first_seen
                      WHEN first_seen IS NULL OR :published < first_seen THEN :published
                      ELSE first_seen END
WHERE id = :id
"""


# Each quote's speakers with how many of its statements are theirs (``quote_speakers``), so a
# list of quotes names its most frequent speakers without reading all their occurrences.
_SPEAKERS_OF = """
SELECT s.quote_id, l.speaker_id, count(*) FROM statements AS s JOIN statement_speakers AS l ON l.statement_id = s.id
WHERE {which} GROUP BY 1, 2
"""
_ADD_SPEAKERS = ("INSERT INTO quote_speakers (quote_id, speaker_id, statements) "
                 + _SPEAKERS_OF.format(which="s.article_id = ? AND s.quote_id IS NOT NULL")
                 + " ON CONFLICT (quote_id, speaker_id) DO UPDATE SET statements = statements + excluded.statements")
_COUNT_SPEAKERS = ("INSERT INTO quote_speakers (quote_id, speaker_id, statements) "
                   + _SPEAKERS_OF.format(which="s.quote_id = ?"))


def refresh(conn: sqlite3.Connection, ids: Iterable[int | None]) -> None:
    """Recount the quotes ``ids`` and their speakers; those no statement reports any more are
    deleted.

    Reads every occurrence of each quote: for an article replaced, not for one added (``add``)."""
    wanted = [(qid,) for qid in dict.fromkeys(ids) if qid is not None]
    conn.executemany("DELETE FROM quote_speakers WHERE quote_id = ?", wanted)
    conn.executemany(_COUNT_SPEAKERS, wanted)
    recount(conn, _REFRESH, "quotes", "statement_count", [qid for (qid,) in wanted])


def recount_speakers(conn: sqlite3.Connection) -> None:
    """Count every quote's speakers anew (after every speaker link was derived again)."""
    conn.execute("DELETE FROM quote_speakers")
    conn.execute("INSERT INTO quote_speakers (quote_id, speaker_id, statements) "
                 + _SPEAKERS_OF.format(which="s.quote_id IS NOT NULL"))


def add(conn: sqlite3.Connection, article_id: str, published: str | None) -> None:
    """Count the newly projected article ``article_id`` (none of whose statements were counted
    before; ``published``: its stored date) into its quotes, as ``refresh`` would, without
    reading their other occurrences."""
    found = conn.execute("SELECT quote_id, count(*) FROM statements "
                         "WHERE article_id = ? AND quote_id IS NOT NULL GROUP BY quote_id", (article_id,)).fetchall()
    conn.executemany(_ADD, [{"id": qid, "statements": n, "published": published} for qid, n in found])
    conn.execute(_ADD_SPEAKERS, (article_id,))


def quotes_of(conn: sqlite3.Connection, article_id: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT quote_id FROM statements WHERE article_id = ? AND quote_id IS NOT NULL", (article_id,))]


# -- reading -----------------------------------------------------------------------------------

# A listed quote names its most frequent speakers (ties by id) and counts them all; the
# names of those few are read afterwards (``_named``), not those of every speaker.
_QUOTE_COLUMNS = """
SELECT q.id, q.text, q.key, q.first_seen, q.article_count, q.statement_count,
       json_object('count', (SELECT count(*) FROM quote_speakers WHERE quote_id = q.id),
                   'top', json((SELECT json_group_array(json_array(x.speaker_id, x.statements)) FROM
                             (SELECT speaker_id, statements FROM quote_speakers WHERE quote_id = q.id
                              ORDER BY statements DESC, speaker_id LIMIT :speakers) AS x))) AS speakers
FROM quotes AS q
"""

LIST_SPEAKERS = 3      # speakers named by each quote of a list; a quote's own page names all


def quote_rows(conn: sqlite3.Connection, q: str | None, speaker: str | None, min_articles: int,
               limit: int, cursor: str | None) -> tuple[list[QuoteRow], str | None]:
    """One page of quotes, most reported (by articles) first, and the cursor of the next."""
    size = page_size(limit)
    if isinstance(min_articles, bool) or not isinstance(min_articles, int) or min_articles < 1:
        raise InputError("min_articles", f"must be a whole number ≥ 1, not {min_articles!r}")
    # No quote is reported by more articles than SQLite can count.
    params: dict[str, Any] = {"min_articles": min(min_articles, MAX_INTEGER), "limit": size + 1,
                              "speakers": LIST_SPEAKERS}
    where = ["q.article_count >= :min_articles"]
    search = q if q is not None and q.strip() else None
    who = speaker if speaker is not None and speaker.strip() else None
    if search is not None or who is not None:
        # The statements that match, as the statement search matches them (words of the
        # quoted text; the speaker by name or name form), give their quotes.
        inner, inner_params = statement_where(conn, Filters(speaker=who), ranked=False)
        if inner is None:
            return [], None
        if search is not None:
            words = _text_words(search)
            if not words:
                return [], None
            inner_params["quote_words"] = words
            inner.append("s.id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :quote_words)")
        params.update(inner_params)
        where.append(f"q.id IN (SELECT s.quote_id FROM statements AS s WHERE {' AND '.join(inner)})")
    if cursor is not None:
        count, last = decode_cursor(cursor, "quotes", "desc", (int, int))
        where.append("(q.article_count < :c_count OR (q.article_count = :c_count AND q.id > :c_id))")
        params.update(c_count=count, c_id=last)
    sql = (f"{_QUOTE_COLUMNS} WHERE {' AND '.join(where)} "
           "ORDER BY q.article_count DESC, q.id LIMIT :limit")
    rows = _named(conn, list(conn.execute(sql, params)))
    more = len(rows) > size
    rows = rows[:size]
    after = encode_cursor("quotes", "desc", [rows[-1]["article_count"], rows[-1]["id"]]) if more else None
    return rows, after


def quote_detail(conn: sqlite3.Connection, quote_id: int, limit: int) -> QuoteDetail | None:
    """One quote with its occurrences (oldest first, at most ``limit``) and its speakers."""
    if isinstance(quote_id, bool) or not isinstance(quote_id, int):
        raise InputError("quote", f"not a quote id: {quote_id!r}")
    if not storable(quote_id):
        return None
    row = conn.execute(f"{_QUOTE_COLUMNS} WHERE q.id = :id", {"id": quote_id, "speakers": MAX_INTEGER}).fetchone()
    if row is None:
        return None
    out = cast(QuoteDetail, _named(conn, [row])[0])   # given the keys QuoteRow lacks, below
    rows = statement_rows(conn, Filters(quote_id=quote_id), page_size(limit), ranked=False)
    out["occurrences"] = [public(r) for r in rows]
    out["unattributed"] = conn.execute(
        "SELECT count(*) FROM statements AS s WHERE s.quote_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM statement_speakers WHERE statement_id = s.id)", (quote_id,)).fetchone()[0]
    out["source_count"] = conn.execute(
        "SELECT count(*) FROM sources WHERE article_id IN "
        "(SELECT article_id FROM statements WHERE quote_id = ?)", (quote_id,)).fetchone()[0]
    return out


def _text_words(text: str) -> str:
    # Words of the quoted text only, not of the speaker's name or the cue.
    words = fts_words(text)
    return "{text} : (" + words + ")" if words else ""


def _named(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[QuoteRow]:
    """The quote rows with their speakers named, most statements first (ties by name)."""
    out = [dict(row) for row in rows]
    for row in out:
        found = json.loads(row["speakers"]) if row["speakers"] else {"count": 0, "top": None}
        row["speaker_count"], row["speakers"] = found["count"], found["top"] or []
    ids = json.dumps(sorted({sid for row in out for sid, _ in row["speakers"]}))
    names = dict(conn.execute("SELECT id, name FROM speakers WHERE id IN (SELECT value FROM json_each(?))", (ids,)))
    for row in out:
        named = [{"id": sid, "name": names[sid], "statements": n} for sid, n in row["speakers"]]
        row["speakers"] = sorted(named, key=lambda p: (-p["statements"], p["name"]))
    return cast("list[QuoteRow]", out)             # the columns of _QUOTE_COLUMNS


__all__ = ["LIST_SPEAKERS", "MIN_WORDS", "add", "recount_speakers", "quote_detail", "quote_key", "quote_of", "quote_rows", "quoted_words",
           "quotes_of", "refresh"]
