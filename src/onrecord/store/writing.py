"""Writing an article: its record, and the rows that project it for queries.

``articles.record`` (the full ``Article.to_dict()``) is the truth; statements (with their
quotes), speaker links, entities, mentions, amounts (claims), dates, topics and events are
rebuilt from it whenever it
changes, and for every stored article when a migration changes what they hold
(``reproject_all``). Copies of a stored article become rows of ``sources`` (``dedupe``).
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from collections.abc import Iterator
from typing import Any, cast

from onrecord.model import Article, Span, Speaker, Statement
from onrecord.store import counters, dedupe, events, quotes, speaker_totals, topics
from onrecord.store.quotes import quote_of, quotes_of, refresh
from onrecord.keys import name_key
from onrecord.store.speakers import count_article, drop_unused, names_of, rename, resolve, statement_names

_INSERT_ARTICLE = """
INSERT INTO articles
    (id, source, title, published, site, authors, language, text, boilerplate, record, ingested_at)
VALUES
    (:id, :source, :title, :published, :site, :authors, :language, :text, :boilerplate, :record,
     :ingested_at)
"""

_INSERT_STATEMENT = """
INSERT INTO statements
    (article_id, sid, kind, text, start, "end", cue, speaker_name, speaker_mention, confidence,
     speaker_id, quote_id, speaker_title, speaker_resolution, speaker_confidence,
     speaker_antecedent, speaker_antecedent_start, speaker_antecedent_end, act, negated, words)
VALUES
    (:article_id, :sid, :kind, :text, :start, :end, :cue, :speaker_name, :speaker_mention,
     :confidence, :speaker_id, :quote_id, :speaker_title, :speaker_resolution, :speaker_confidence,
     :speaker_antecedent, :speaker_antecedent_start, :speaker_antecedent_end, :act, :negated, :words)
"""

# The act columns v6 added, filled in on upgrade from the stored records.
_UPDATE_ACT = "UPDATE statements SET act = ?, negated = ?, words = ? WHERE article_id = ? AND sid = ?"

# The speaker columns v5 added, filled in on upgrade from the stored records.
_UPDATE_SPEAKER = """
UPDATE statements SET speaker_id = :speaker_id, speaker_title = :speaker_title,
    speaker_resolution = :speaker_resolution, speaker_confidence = :speaker_confidence,
    speaker_antecedent = :speaker_antecedent, speaker_antecedent_start = :speaker_antecedent_start,
    speaker_antecedent_end = :speaker_antecedent_end
WHERE article_id = :article_id AND sid = :sid
"""

_UPDATE_ARTICLE = """
UPDATE articles SET source = :source, title = :title, published = :published, site = :site,
    authors = :authors, language = :language, text = :text, boilerplate = :boilerplate,
    record = :record
WHERE id = :id
"""

_INSERT_LINK = "INSERT INTO statement_speakers (statement_id, speaker_id, position, name_key) VALUES (?, ?, ?, ?)"
_INSERT_ENTITY = "INSERT INTO entities (article_id, eid, name, type) VALUES (?, ?, ?, ?)"
_INSERT_MENTION = 'INSERT INTO mentions (article_id, eid, text, start, "end") VALUES (?, ?, ?, ?, ?)'
_INSERT_AMOUNT = """
INSERT INTO amounts (article_id, text, start, "end", value, low, high, unit, qualifier, sid,
                     about, about_start, about_end, about_key, claimed_by)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_DATE = 'INSERT INTO dates (article_id, text, start, "end", value, resolution) VALUES (?, ?, ?, ?, ?, ?)'

# The fields that say where an article was read; the others are its text and analysis.
META = ("source", "title", "published", "site", "authors")


def upsert(conn: sqlite3.Connection, article: Article) -> bool:
    """Write ``article`` unless the same record is stored; True if its record is new or changed.

    A copy is not stored as an article of its own but as one more source of the article it
    copies (``dedupe``), and False is returned: the same text read from another source, or a
    near-duplicate text (another headline or byline, a changed word). The same text with a new
    analysis replaces the stored record, whatever its source; the stored article then keeps
    the metadata of its first source.
    """
    data = article.to_dict()
    old = conn.execute(
        "SELECT record, source FROM articles WHERE id = ?", (article.id,)
    ).fetchone()
    if old is None:
        return _insert(conn, article, data)
    stored = json.loads(old["record"])
    copy = article.source is not None and article.source != old["source"]
    if copy:
        dedupe.add_source(conn, article.id, article)
        data.update((key, stored.get(key)) for key in META)
    elif article.source is None:
        data["source"] = stored.get("source")
    record = to_json(data)
    if old["record"] == record:
        return False
    _replace(conn, Article.from_dict(data), record, old["source"])
    return True


def _insert(conn: sqlite3.Connection, article: Article, data: dict[str, Any]) -> bool:
    """A text not stored as an article (``data``: its ``to_dict()``): fold it into the article
    it copies, or store it."""
    home = dedupe.folded_into(conn, article.id)          # folded before, from another source
    signature = None
    if home is None:
        signature = dedupe.signature(article)
        home = dedupe.near_duplicate(conn, article, signature) if signature is not None else None
    if home is not None:
        dedupe.add_source(conn, home[0], article, home[1])
        return False
    conn.execute(_INSERT_ARTICLE, _article_row(article, to_json(data), _now()))
    project(conn, article)
    dedupe.add_source(conn, article.id, article)
    dedupe.index(conn, article.id, signature)
    return True


def _replace(conn: sqlite3.Connection, article: Article, record: str, old_source: str | None) -> None:
    """Rewrite a stored article from a new record: its row in place (so its sources and first
    ``ingested_at`` stay), every projected row anew."""
    aid = article.id
    old_speakers = count_article(conn, aid, -1)         # the counts go before the links do
    speaker_totals.take(conn, aid)
    old_quotes = quotes_of(conn, aid)
    old_topics, old_events = topics.topics_of(conn, aid), events.groups_of(conn, aid)
    row = _article_row(article, record, "")
    del row["ingested_at"]
    conn.execute(_UPDATE_ARTICLE, row)
    _clear(conn, aid)
    new_quotes, new_topics, new_events = project(conn, article, added=False)
    # Only now, so a speaker or quote the new version still names keeps its id. Only the
    # quotes, topics and events the article named before or names now are recounted.
    drop_unused(conn, old_speakers)
    rename(conn, old_speakers)                          # those it no longer names, or less often
    refresh(conn, old_quotes + new_quotes)
    topics.refresh(conn, old_topics + new_topics)
    events.refresh(conn, old_events + new_events)
    dedupe.update_first_source(conn, old_source, article)
    dedupe.index(conn, aid, dedupe.signature(article))     # boilerplate may have changed


def _clear(conn: sqlite3.Connection, article_id: str) -> None:
    # Cascades take statement_speakers and statement_topics (with statements), mentions (with
    # entities) and event_participants (with events).
    for table in ("statements", "entities", "amounts", "dates", "article_topics", "events"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def project(conn: sqlite3.Connection, article: Article,
            added: bool = True) -> tuple[list[int | None], list[int], list[int]]:
    """Insert the rows projected from ``article`` (whose ``articles`` row exists); the quote,
    topic and event group ids it names.

    ``added``: none of its rows were counted into quotes, topics and events before (they are
    new, or were all cleared with the counters), so the counters are added to; otherwise the
    caller recounts the ids returned."""
    links = speaker_links(conn, article)
    quote_ids = []
    rowids: dict[str, int] = {}
    for statement, linked in zip(article.statements, links):
        quote_ids.append(quote_of(conn, statement))
        row = _statement_row(article.id, statement, linked[0][0] if linked else None, quote_ids[-1])
        # lastrowid is typed optional, but an INSERT that ran has always set it
        rowid = rowids[statement.id] = cast(int, conn.execute(_INSERT_STATEMENT, row).lastrowid)
        conn.executemany(_INSERT_LINK, ((rowid, sid, n, key) for n, (sid, key) in enumerate(linked)))
    aid = article.id
    conn.executemany(_INSERT_ENTITY, ((aid, e.id, e.name, e.type) for e in article.entities))
    conn.executemany(_INSERT_MENTION, ((aid, e.id, m.text, m.start, m.end)
                                       for e in article.entities for m in e.mentions))
    rename(conn, count_article(conn, aid, 1))
    speaker_totals.add(conn, aid)                       # reads the links, entities and mentions
    published = counters.published(conn, aid) if added else None
    if added:
        quotes.add(conn, aid, published)
    conn.executemany(_INSERT_DATE, ((aid, d.text, d.start, d.end, d.value, d.resolution)
                                    for d in article.dates))
    return (quote_ids, *project_subjects(conn, article, rowids, added, published))


def speaker_links(conn: sqlite3.Connection, article: Article) -> list[list[tuple[int, str]]]:
    """For each statement of ``article``, its speakers (made or joined as needed) in order,
    each with the key of the name the statement gave them; a speaker named twice once."""
    speaker_ids = {name: resolve(conn, named) for name, named in names_of(article).items()}
    out = []
    for statement in article.statements:
        linked: dict[int, str] = {}
        for name in statement_names(statement):
            linked.setdefault(speaker_ids[name], name_key(name))
        out.append(list(linked.items()))
    return out


_UNREAD: Any = object()


def project_subjects(conn: sqlite3.Connection, article: Article, rowids: dict[str, int],
                     added: bool = True, published: str | None = _UNREAD) -> tuple[list[int], list[int]]:
    """The rows added in v4: amounts as claims, topics and events (``rowids``: the article's
    statement ids → their rows; ``added`` as for ``project``, with ``published`` the stored
    date when the caller read it already); the topic and event group ids."""
    aid = article.id
    conn.executemany(_INSERT_AMOUNT, ((aid, a.text, a.start, a.end, a.value, a.low, a.high, a.unit,
                                       a.qualifier, a.statement, *_about(a.about), a.claimed_by)
                                      for a in article.amounts))
    topic_ids = topics.project_topics(conn, article, rowids)
    group_ids = events.project_events(conn, article)
    if added:
        if published is _UNREAD:
            published = counters.published(conn, aid)
        topics.add(conn, aid, topic_ids, published)
        events.add(conn, aid, published)
    return topic_ids, group_ids


def _about(about: Span | None) -> tuple[str | None, int | None, int | None, str | None]:
    if about is None:
        return None, None, None, None
    return about.text, about.start, about.end, topics.topic_key(about.text) or None


def reproject_all(conn: sqlite3.Connection) -> None:
    """Rebuild every article's rows from its record, in the order they were first saved
    (so speakers are matched as they would have been had the articles been saved now)."""
    speaker_totals.clear(conn)
    conn.execute("DELETE FROM statement_speakers")
    conn.execute("DELETE FROM speakers")
    conn.execute("DELETE FROM quotes")
    conn.execute("DELETE FROM statement_topics")
    conn.execute("DELETE FROM topics")
    conn.execute("DELETE FROM events")
    conn.execute("DELETE FROM event_groups")
    for article in _saved(conn):
        _clear(conn, article.id)
        project(conn, article)


def backfill(conn: sqlite3.Connection, reprojected: bool) -> None:
    """Give every stored article (saved before v3) its first source, its MinHash signature
    and, unless ``reprojected`` did it, its statements' quotes. Articles already stored as
    separate near-duplicates stay separate: nothing stored is deleted by an upgrade."""
    for article in _saved(conn):
        dedupe.add_source(conn, article.id, article)
        dedupe.index(conn, article.id, dedupe.signature(article))
        if reprojected:
            continue
        found = [(quote_of(conn, st), article.id, st.id) for st in article.statements]
        conn.executemany("UPDATE statements SET quote_id = ? WHERE article_id = ? AND sid = ?", found)
        refresh(conn, (qid for qid, _, _ in found))


def backfill_subjects(conn: sqlite3.Connection) -> None:
    """Give every stored article (saved before v4) its topics, events and claim fields from
    its record; statements, speakers and quotes stay as they are."""
    for article in _saved(conn):
        conn.execute("DELETE FROM amounts WHERE article_id = ?", (article.id,))
        rowids = {sid: rowid for rowid, sid in conn.execute(
            "SELECT id, sid FROM statements WHERE article_id = ?", (article.id,))}
        project_subjects(conn, article, rowids)


def relink_speakers(conn: sqlite3.Connection) -> None:
    """Derive every speaker, its names and its statement links again from the stored records
    (saved before v5, when surnames and first names were matched too loosely), in the order
    first saved, and fill in the speaker columns v5 added. Nothing is analysed again; the
    other rows (quotes, topics, events) do not depend on speakers and stay as they are."""
    speaker_totals.clear(conn)
    conn.execute("DELETE FROM statement_speakers")
    conn.execute("DELETE FROM speaker_aliases")
    conn.execute("UPDATE statements SET speaker_id = NULL")
    conn.execute("DELETE FROM speakers")
    for article in _saved(conn):
        links = speaker_links(conn, article)
        conn.executemany(_UPDATE_SPEAKER, [
            dict(_speaker_columns(st.speaker), article_id=article.id, sid=st.id,
                 speaker_id=linked[0][0] if linked else None)
            for st, linked in zip(article.statements, links)])
        rowids = dict(conn.execute("SELECT sid, id FROM statements WHERE article_id = ?", (article.id,)).fetchall())
        conn.executemany(_INSERT_LINK, [(rowids[st.id], sid, n, key)
                                        for st, linked in zip(article.statements, links)
                                        for n, (sid, key) in enumerate(linked)])
        rename(conn, count_article(conn, article.id, 1))
        speaker_totals.add(conn, article.id)
    quotes.recount_speakers(conn)
    topics.recount_speakers(conn)


def fill_acts(conn: sqlite3.Connection) -> None:
    """Give every statement stored before v6 its act, negation and shown words from its
    article's record:
    a record written before statements carried an act gets the one its cue implies
    (``Article.from_dict``). Only those three columns are written; speakers, quotes, topics and
    the full-text index stay as they are."""
    for article in _saved(conn):
        conn.executemany(_UPDATE_ACT, [(st.act, int(st.negated), st.words, article.id, st.id)
                                       for st in article.statements])


def _saved(conn: sqlite3.Connection) -> Iterator[Article]:
    """Every stored article, in the order first saved, read one at a time."""
    ids = [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY ingested_at, rowid")]
    for aid in ids:
        row = conn.execute("SELECT record FROM articles WHERE id = ?", (aid,)).fetchone()
        yield Article.from_dict(json.loads(row[0]))


def _article_row(article: Article, record: str, ingested_at: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "site": article.site,
        "authors": to_json(list(article.authors)),
        "language": article.language,
        "text": article.text,
        "boilerplate": to_json([{"text": b.text, "start": b.start, "end": b.end}
                                for b in article.boilerplate]),
        "record": record,
        "ingested_at": ingested_at,
    }


def _statement_row(article_id: str, statement: Statement, speaker_id: int | None,
                   quote_id: int | None) -> dict[str, Any]:
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
        "speaker_id": speaker_id,
        "quote_id": quote_id,
        "act": statement.act,
        "negated": int(statement.negated),
        "words": statement.words,
        **_speaker_columns(statement.speaker),
    }


def _speaker_columns(speaker: Speaker) -> dict[str, Any]:
    """How the article found the speaker's name (v5 columns): title, resolution, antecedent."""
    antecedent = speaker.antecedent
    return {
        "speaker_title": speaker.title,
        "speaker_resolution": speaker.resolution,
        "speaker_confidence": speaker.confidence,
        "speaker_antecedent": antecedent.text if antecedent else None,
        "speaker_antecedent_start": antecedent.start if antecedent else None,
        "speaker_antecedent_end": antecedent.end if antecedent else None,
    }


def to_json(value: Any) -> str:
    # Compact and deterministic, so an unchanged record compares equal as a string.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


__all__ = ["META", "backfill", "backfill_subjects", "fill_acts", "project", "relink_speakers", "reproject_all", "speaker_links",
           "to_json", "upsert"]
