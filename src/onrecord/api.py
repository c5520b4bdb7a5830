"""The library calls behind every command: what a notebook user imports.

    >>> import onrecord
    >>> article = onrecord.extract("Putin said that talks would go on.")
    >>> [(s.speaker.name, s.text) for s in article.statements]
    [('Putin', 'talks would go on')]
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, cast

from .errors import InputError, StoreError
# reading and bulk ingest live below the façade; their names are part of it too
from .ingest.reading import OnError, looks_like_path, parse_published, read, read_all
from .model import Article
from .scale.local import (SAVE_BATCH, IngestOptions, IngestReport, IngestStopped, OnProgress, count_stored,
                          ingest_paths, save_counted)
from .store.queries import MAX_PAGE, StatementQuery, statement_query

if TYPE_CHECKING:
    from .claims import Claim, ClaimGroup, Window
    from .digest import Digest, EventLine, Linker, Said
    from .nlp import Analyzer
    from .store import Store
    from .store.rows import (ClaimRow, EventDetail, EventRow, Page, QuoteDetail, QuoteRow,
                             SpeakerDetail, SpeakerRow, StatementRow, TopicDetail, TopicRow)


def extract(text_or_path: str | os.PathLike[str], published: str | dt.date | None = None,
            analyzer: Analyzer | None = None) -> Article:
    """Statements, speakers, entities, amounts and dates of one article."""
    from .nlp import pipeline           # the model and its parser, only for what analyses

    return (analyzer or pipeline.default_analyzer()).analyse(read(text_or_path, published))


def extract_all(paths: Iterable[str | os.PathLike[str]], on_error: OnError,
                published: str | None = None, analyzer: Analyzer | None = None) -> Iterator[Article]:
    """Analysed articles of every readable input, streamed."""
    from .nlp import pipeline

    return (analyzer or pipeline.default_analyzer()).analyse_many(read_all(paths, on_error, published))


def _existing(db: str | os.PathLike[str]) -> "Store":
    """The store at ``db``, which must exist: reading never creates an empty database. A
    store this user cannot write (an archive, another user's file) is opened read-only."""
    from .store import Store, writable

    if str(db) != ":memory:" and not os.path.exists(db):
        raise StoreError(str(db), "no such database (create it with `onrecord ingest`)")
    if str(db) == ":memory:" or writable(db):
        return Store(db)         # writable, so closing it tidies the WAL files away
    return Store(db, readonly=True)


def parse_date(subject: str, value: str | dt.date | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from what the user gave, or an InputError naming ``subject``."""
    from .store.queries import iso_date

    return iso_date(subject, value)


def statements(db: str | os.PathLike[str] = "onrecord.db", query: StatementQuery | None = None,
               **given) -> list[StatementRow]:
    """Stored statements, all of them unless a ``limit`` is given: those of ``query`` or of its
    fields given by name (``StatementQuery``: speaker name, full-text search, site, dates,
    kind, topic — a key or any name of it, "NATO", "the North Atlantic Alliance" — and act:
    speech, thought or evidence, what the source did)."""
    with _existing(db) as store:
        return store.statements(statement_query(query, given))


def topics(db: str | os.PathLike[str] = "onrecord.db", search: str | None = None, limit: int = 50,
           cursor: str | None = None) -> Page[TopicRow]:
    """Topics across articles, most discussed first: ``{"items": [...], "next_cursor": ...}``."""
    with _existing(db) as store:
        return store.topics(q=search, limit=limit, cursor=cursor)


def topic(db: str | os.PathLike[str], key: str, limit: int = 200) -> TopicDetail:
    """One topic by key or any name of it, with its statements, speakers and timeline;
    InputError if the store has no such topic."""
    with _existing(db) as store:
        found = store.topic(key, limit=limit)
    if found is None:
        raise InputError(key, "no such topic in the store (see `onrecord topics`)")
    return found


def events(db: str | os.PathLike[str] = "onrecord.db", search: str | None = None, *, type: str | None = None,
           participant: str | None = None, since: str | dt.date | None = None,
           until: str | dt.date | None = None, limit: int = 50, cursor: str | None = None) -> Page[EventRow]:
    """Meetings, visits, calls and talks, one per event however many articles report it,
    newest first: ``{"items": [...], "next_cursor": ...}``."""
    with _existing(db) as store:
        return store.events(q=search, type=type, participant=participant, since=since, until=until,
                            limit=limit, cursor=cursor)


def event(db: str | os.PathLike[str], event_id: int | str, limit: int = 500) -> EventDetail:
    """One event with every article's report of it; InputError if not stored."""
    with _existing(db) as store:
        found = store.event(event_id, limit=limit)
    if found is None:
        raise InputError(str(event_id), "no such event in the store (see `onrecord events`)")
    return found


def claims(db: str | os.PathLike[str] = "onrecord.db", about: str | None = None,
           min_claims: int = 2) -> list["ClaimGroup"]:
    """The stored amounts as claims, one group per quantity, claims of one subject from
    different speakers or outlets compared (``onrecord.claims.compare``); ``about`` keeps the
    claims whose subject or unit it names."""
    with _existing(db) as store:
        return claim_groups(store, about, min_claims)


def claim_groups(store: "Store", about: str | None = None, min_claims: int = 2) -> list["ClaimGroup"]:
    """``claims`` over an open store."""
    # Every counted claim is read, not only those the store's word match finds: comparing
    # matches units by meaning ("soldiers" are "troops"), which SQL cannot.
    return _compared(store.claims(counted=True), about, min_claims)


def latest_claim_groups(store: "Store", latest: int, about: str | None = None, min_claims: int = 2,
                        per_group: int | None = None) -> tuple[list["ClaimGroup"], "Window"]:
    """``claim_groups`` of the store's ``latest`` claims only (by their article's date), each
    group showing at most ``per_group`` (``claims.PER_GROUP`` by default), and the ``Window``
    they were read from: what a page can compare in the same time whatever the size of the
    store, and tell its reader it did."""
    from .claims import Window

    rows = store.claims(counted=True, limit=latest + 1)      # one more tells whether older ones exist
    complete = len(rows) <= latest
    if not complete:                                          # the one more is the least recent
        rows.remove(min(rows, key=lambda r: (r["published"] is not None, r["published"] or "",
                                             r["article_id"], r["start"])))
    since = min((r["published"] for r in rows if r["published"]), default=None)
    return _compared(rows, about, min_claims, per_group), Window(len(rows), complete, since)


def _compared(rows: Iterable[ClaimRow], about: str | None, min_claims: int,
              per_group: int | None = None) -> list["ClaimGroup"]:
    from .claims import PER_GROUP, compare

    about = about.strip() if about and about.strip() else None
    return compare((claim_of(row) for row in rows), about=about, min_claims=min_claims,
                   per_group=per_group or PER_GROUP)


def claim_of(row: ClaimRow) -> "Claim":
    """A ``Store.claims`` row as the claims module's ``Claim``."""
    from .claims import Claim, normalise_unit

    return Claim(article=row["article_id"], source=row["source"], site=row["site"], published=row["published"],
                 statement=row["statement"], claimed_by=row["claimed_by"], text=row["text"],
                 value=row["value"], low=row["low"], high=row["high"], unit=row["unit"],
                 quantity=normalise_unit(row["unit"]), qualifier=row["qualifier"], about=row["about"],
                 about_key=row["about_key"], start=row["start"], end=row["end"])


def speakers(db: str | os.PathLike[str] = "onrecord.db", search: str | None = None,
             limit: int = 100) -> list[SpeakerRow]:
    """Stored speakers, most quoted first, with their counts and name forms."""
    with _existing(db) as store:
        return store.speakers(q=search, limit=limit)


def speaker(db: str | os.PathLike[str], name: str, limit: int = 200) -> SpeakerDetail:
    """One stored speaker by name or id, with their statements over time; InputError if the
    store has no such speaker or the name fits several."""
    with _existing(db) as store:
        found = store.speaker(name, limit=limit)
    if found is None:
        raise InputError(name, "no such speaker in the store (see `onrecord speakers`)")
    return found


def quotes(db: str | os.PathLike[str] = "onrecord.db", search: str | None = None, speaker: str | None = None,
           min_articles: int = 1, limit: int = 50, cursor: str | None = None) -> Page[QuoteRow]:
    """Quotations grouped across articles (the same words, however each article named the
    speaker), most reported first: ``{"items": [...], "next_cursor": ...}``."""
    with _existing(db) as store:
        return store.quotes(q=search, speaker=speaker, min_articles=min_articles, limit=limit, cursor=cursor)


def quote(db: str | os.PathLike[str], quote_id: int | str, limit: int = 500) -> QuoteDetail:
    """One quotation with every occurrence and its speakers; InputError if not stored."""
    with _existing(db) as store:
        found = store.quote(quote_id, limit=limit)
    if found is None:
        raise InputError(str(quote_id), "no such quote in the store (see `onrecord quotes`)")
    return found


def iter_statements(db: str | os.PathLike[str] = "onrecord.db", query: StatementQuery | None = None,
                    **given) -> Iterator[StatementRow]:
    """Every stored statement of ``query`` (or of its fields given by name, as
    ``Store.statements_page``), in date order, read page by page so a large store is never
    held in memory."""
    query = statement_query(query, given)
    with _existing(db) as store:
        cursor = None
        while True:
            page = store.statements_page(dataclasses.replace(query, limit=MAX_PAGE, cursor=cursor))
            yield from page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return


def export(db: str | os.PathLike[str], fmt: str, out: str | os.PathLike[str] | None = None,
           stream: IO[str] | None = None, query: StatementQuery | None = None, **given) -> int:
    """Write the statements of ``query`` (or of its fields given by name) with their article's
    metadata as jsonl, csv or parquet to the file ``out`` (or to ``stream``); return how many
    were written."""
    from .export import write

    query = statement_query(query, given)              # a bad filter fails before any file is made
    if out is None and (fmt == "parquet" or stream is None):
        raise InputError("--out", f"{fmt} needs a file to write to")
    _existing(db).close()                              # fail before creating any file
    return write(iter_statements(db, query), fmt, out, stream)


# The statements a digest of a speaker or a topic reads: their latest, so that it costs the
# same for the most quoted speaker of a large store (the digest says what it leaves out).
DIGEST_STATEMENTS = 100
DIGEST_EVENTS = 20        # events such a digest lists, of the articles it reads


def digest(db: str | os.PathLike[str] = "onrecord.db", article: str | os.PathLike[str] | None = None, *,
           speaker: str | None = None, topic: str | None = None, event: int | str | None = None,
           published: str | None = None, analyzer: Analyzer | None = None,
           link: "Linker | None" = None, per_section: int | None = None) -> "Digest":
    """A digest of one article (a file, analysed now, or the id of a stored one), of one
    speaker's or one topic's stored statements, or of one event (the statements of every
    article reporting it, the event listed): context, sections by topic, statements verbatim
    with links."""
    from .digest import article_digest, source_link

    given = [x for x in (article, speaker, topic, event) if x is not None]
    if not given:
        raise InputError("digest", "give one article, or --speaker NAME, --topic T or --event ID")
    if len(given) > 1:
        raise InputError("digest", "give only one of an article, --speaker, --topic and --event")
    if article is not None and (isinstance(article, os.PathLike) or looks_like_path(article)):
        from .digest import PER_SECTION
        return article_digest(extract(article, published, analyzer), link or source_link,
                              per_section or PER_SECTION)
    with _existing(db) as store:
        return stored_digest(store, article=None if article is None else str(article), speaker=speaker,
                             topic=topic, event=event, link=link, per_section=per_section)


def stored_digest(store: "Store", *, article: str | None = None, speaker: str | None = None,
                  topic: str | None = None, event: int | str | None = None, link: "Linker | None" = None,
                  per_section: int | None = None) -> "Digest":
    """A digest of what ``store`` holds: one stored article (by id), speaker, topic or event
    (one of them). Never reads a file, so a server may call it with what a client asks for."""
    from .digest import PER_SECTION, article_digest, collection_digest, source_link

    link = link or source_link
    per_section = per_section or PER_SECTION
    if sum(x is not None for x in (article, speaker, topic, event)) != 1:
        raise InputError("digest", "give one article, speaker, topic or event")
    if article is not None:
        home = store.canonical(article)            # the id itself, or the article a copy folded into
        found = store.get(home) if home else None
        if found is None:
            raise InputError(article, "no such file, nor an article of that id in the store")
        return article_digest(found, link, per_section)
    if speaker is not None or topic is not None:
        return _latest_digest(store, speaker, topic, link, per_section)
    # exactly one was given (checked above) and it is none of the other three: it is the event
    detail = store.event(cast("int | str", event))
    if detail is None:
        raise InputError(str(event), "no such event in the store (see `onrecord events`)")
    reports = {(r["article_id"], r["vid"]) for r in detail["reports"]}
    records = [a for a in (store.get(aid) for aid in dict.fromkeys(r["article_id"] for r in detail["reports"]))
               if a is not None]
    # the articles' other events are not this one: only its reports are listed
    records = [dataclasses.replace(a, events=tuple(e for e in a.events if (a.id, e.id) in reports))
               for a in records]
    title = f"{detail['type'].capitalize()}: {' and '.join(detail['participants']) or 'unnamed participants'}"
    if detail["date"]:
        title += f", {detail['date']}"
    return collection_digest(title, [(a, list(a.statements)) for a in records], link=link,
                             per_section=per_section)


def _latest_digest(store: "Store", speaker: str | None, topic: str | None, link: "Linker",
                   per_section: int) -> "Digest":
    """The digest of a speaker's or a topic's latest ``DIGEST_STATEMENTS`` statements, read
    from the store's tables (not the articles' records), saying what it leaves out."""
    from .digest import said_digest

    found = store.latest_statements(speaker=speaker, topic=topic, limit=DIGEST_STATEMENTS, events=DIGEST_EVENTS + 1)
    rows, total, title = found.statements, found.total, found.title
    events = _event_lines(found.events, rows, link)
    notes = []
    if len(rows) < total:
        since = min((r["published"][:10] for r in rows if r["published"]), default=None)
        notes.append(f"The latest {len(rows)} of {total} statements" + (f" (since {since})" if since else "")
                     + "; older ones are left out.")
    if len(events) > DIGEST_EVENTS:
        events = events[:DIGEST_EVENTS]
        notes.append(f"The first {DIGEST_EVENTS} events of these articles.")
    said = [_said(row, link) for row in reversed(rows)]        # oldest first, as a digest reads them
    return said_digest(title, said, subject=title, per_section=per_section, events=tuple(events),
                       notes=tuple(notes))


def _said(row: dict, link: "Linker") -> "Said":
    """A statement row of ``store.digest_rows`` as a digest's ``Said``."""
    from .digest import Line, Ref, Said

    # a quotation split around its cue is stored as its pieces joined (``Statement.words``)
    pieces = tuple(row["words"].split(" … ")) if row["words"] and row["words"] != row["text"] else (row["text"],)
    line = Line(row["speaker_name"], row["cue"], row["kind"], row["text"], pieces,
                link(Ref(row["article_id"], row["source"]), Ref(row["sid"])), row["article_id"], row["sid"],
                row["start"], row["end"], row["published"], row["site"], tuple(row["amounts"]),
                tuple(row["dates"]), row["act"], bool(row["negated"]))
    # which topic's mentions fill the statement the tables do not say: the selection's weight decides
    return Said(line, row["confidence"] or 0.0, tuple((key, name, 0) for key, name in row["topics"]))


def _event_lines(events: list[dict], rows: list[dict], link: "Linker") -> list["EventLine"]:
    """The events the articles of ``rows`` report (``Store.latest_statements``), as digest lines."""
    from .digest import EventLine, Ref

    sources = {r["article_id"]: r["source"] for r in rows}
    return [EventLine(e["type"], tuple(e["participants"]), e["place"], e["date_value"] or e["date_text"],
                      e["status"], e["text"], link(Ref(e["article_id"], sources.get(e["article_id"])), None))
            for e in events]
