"""The rows the store's read queries return: one shape per kind, shared by every reader.

At runtime a row is a plain dict of JSON values (``queries``); these TypedDicts only say which
keys each kind has and what their values can be, so the library calls, the CLI, the web pages
and the exports read one definition rather than each guessing. A value is typed as the SQL
can give it: ``| None`` wherever a column is nullable or a subquery may find nothing, even
when today's writer always fills it.

No key of these rows is ever left out: a missing value is null, so none is ``NotRequired``.
"""
from __future__ import annotations

from typing import Any, Generic, NotRequired, TypedDict, TypeVar

RowT = TypeVar("RowT")


class Page(TypedDict, Generic[RowT]):
    """One page of a listing (statements, articles, quotes, topics, events)."""
    items: list[RowT]
    next_cursor: str | None          # pass back, with the same filters, for the next page; null: the last


class Counts(TypedDict):
    """The store's totals (``Store.counts``)."""
    articles: int
    statements: int
    entities: int
    speakers: int
    sites: int                       # distinct article sites; articles without a site count as none


# -- statements --------------------------------------------------------------------------------

class SpeakerRef(TypedDict):
    """A stored speaker of a statement, as its ``speakers`` list names them (in the statement's order)."""
    id: int
    name: str                        # the speaker's display name (``speakers.rename``), not the article's


class StatementRow(TypedDict):
    """A statement as every reader gets it: ``Store.statements`` and ``Store.statements_page``
    items, and the statements of an article, speaker, topic or quote (``queries.public``)."""
    article_id: str
    source: str | None
    title: str | None
    published: str | None            # the article's ISO date or datetime
    sid: str                         # the statement's id within its article (``Statement.id``)
    kind: str                        # direct | indirect | mixed
    text: str
    start: int                       # offsets into the article's text, end exclusive
    end: int
    cue: str | None                  # the words that report it ("said", "according to")
    speaker_name: str | None         # the name the article resolved; "A and B" for several
    speaker_mention: str | None      # the words at the statement that stand for the speaker ("she")
    confidence: float | None         # how sure the statement is, in [0, 1]
    # How the article found the speaker's name (``model.Speaker``); null where the record has none.
    speaker_title: str | None        # the role written with the name ("Sen.", "the president")
    speaker_resolution: str | None   # how the name was found (``Speaker.resolution``)
    speaker_confidence: float | None
    speaker_antecedent: str | None   # the words elsewhere in the article that name the speaker
    act: str                         # speech | thought | evidence (``onrecord.acts``)
    negated: bool                    # the article says the source did not
    words: str                       # the content as shown: a split quotation without its cue frame
    site: str | None
    speaker_id: int | None           # the first stored speaker; null when it has none
    quote_id: int | None             # the quote it reports (``quotes``); null when it quotes no words
    speaker_antecedent_start: int | None
    speaker_antecedent_end: int | None
    quote_articles: int | None       # how many articles report its quote; null without a quote
    speakers: list[SpeakerRef]       # every stored speaker, in order; [] for none


class KeyedStatementRow(StatementRow):
    """A statement row as ``queries.statement_rows`` reads it, before ``public`` drops the sort key."""
    _rowid: int                      # statements.id: the last part of a page cursor's key


# -- articles ----------------------------------------------------------------------------------

class ArticleRow(TypedDict):
    """An article as ``Store.articles`` lists it."""
    id: str                          # the hash of its text (``Article.id``)
    source: str | None
    title: str | None
    published: str | None
    site: str | None
    authors: list[str]
    language: str | None
    ingested_at: str                 # UTC ISO timestamp of the first save
    statement_count: int
    source_count: int                # places it was read, copies folded into it included


class SourceRow(TypedDict):
    """One place an article was read (``sources``): itself, or a copy folded into it."""
    source: str | None
    site: str | None
    title: str | None
    published: str | None
    text_id: str                     # the id of that copy's own text (the article's id: the same text)
    similarity: float                # 1 for the same text, else estimated Jaccard of the near-duplicate
    added_at: str


class ArticleEventRow(TypedDict):
    """An event as one article reports it, in ``Store.article``'s ``events``."""
    vid: str                         # the event's id within the article (``Event.id``)
    group_id: int | None             # the event's id across articles (``EventRow.id``)
    type: str                        # meeting | visit | call | talks
    status: str                      # held | planned, as this article says
    participants: list[str]
    date: str | None                 # the ISO date value, when the article gives one


class ArticleSpeaker(TypedDict):
    """Who one article quotes, by the name it gives them, with how many of its statements."""
    id: int | None                   # the stored speaker; null when the statement has none
    name: str | None                 # the article's name for them (``speaker_name``); null: unnamed
    statements: int


class ArticleDetail(ArticleRow):
    """One article (``Store.article``): its listing row and everything stored of it."""
    sources: list[SourceRow]         # first one first
    statements: list[StatementRow]   # in text order: all of them, or one page
    next_cursor: str | None          # the next page of statements; null: the last (or all were asked)
    events: list[ArticleEventRow]
    speakers: list[ArticleSpeaker]   # over every statement, whichever page ``statements`` is
    record: NotRequired[dict[str, Any]]   # the full ``Article.to_dict()``, unless left out


# -- speakers ----------------------------------------------------------------------------------

class SpeakerRow(TypedDict):
    """A speaker (a person or organisation across articles) as ``Store.speakers`` lists it."""
    id: int
    name: str                        # the display name: the most common full name
    kind: str | None                 # PERSON | ORG | GPE | ... when an entity says so
    statement_count: int
    article_count: int
    aliases: list[str]               # every name form known, longest first


class SurnameOnly(TypedDict):
    """A speaker known only by the surname a detail's person has, counted into that person."""
    id: int
    name: str
    statement_count: int


class PeriodCount(TypedDict):
    """Statements in one month of a speaker's or topic's timeline (dated articles only)."""
    period: str                      # YYYY-MM
    statements: int


class EntityCount(TypedDict):
    """An entity of the articles quoting a speaker."""
    name: str
    type: str                        # PERSON | ORG | GPE | LOC | NORP
    articles: int                    # of those articles, how many name it
    mentions: int


class SpeakerDetail(SpeakerRow):
    """One person (``Store.speaker``): the first speaker's row, with the counts and aliases of
    ``surname_only`` added in when there are any."""
    surname_only: list[SurnameOnly]
    first_published: str | None      # null when none of their articles is dated
    last_published: str | None
    timeline: list[PeriodCount]
    statements: list[StatementRow]   # oldest first, one page
    next_cursor: str | None          # the page after ``statements``; null: the last
    entities: list[EntityCount]      # the most frequent, their own names left out


# -- quotes and topics -------------------------------------------------------------------------

class SpeakerCount(TypedDict):
    """A speaker of a quote or of a topic's statements, with how many of them they said."""
    id: int
    name: str
    statements: int


class QuoteRow(TypedDict):
    """A quote (the same quoted words across articles) as ``Store.quotes`` lists it."""
    id: int
    text: str                        # the quoted words as first seen
    key: str                         # the words folded (``quotes.quote_key``)
    first_seen: str | None           # earliest publication date of an occurrence
    article_count: int
    statement_count: int
    # Most frequent first (ties by name): in a list the few most frequent (``quotes.LIST_SPEAKERS``),
    # on a quote's own page every one.
    speakers: list[SpeakerCount]
    speaker_count: int               # the distinct stored speakers of all its occurrences


class QuoteDetail(QuoteRow):
    """One quote (``Store.quote``) with its occurrences."""
    occurrences: list[StatementRow]  # oldest first, at most the limit asked for (``statement_count`` in all)
    unattributed: int                # occurrences without a stored speaker
    source_count: int                # sources of the articles quoting it, copies included


class TopicRow(TypedDict):
    """A topic (what statements are about, one key across articles) as ``Store.topics`` lists it."""
    id: int
    key: str                         # "nato" for NATO and the North Atlantic Alliance
    name: str                        # the display name as first seen
    first_seen: str | None           # earliest and latest publication dates of its articles
    last_seen: str | None
    article_count: int
    statement_count: int


class RelatedTopic(TypedDict):
    """A topic the same statements are about too, by how many statements they share."""
    key: str
    name: str
    statements: int


class TopicDetail(TopicRow):
    """One topic (``Store.topic``)."""
    names: list[str]                 # as articles show it, most used first
    timeline: list[PeriodCount]
    speakers: list[SpeakerCount]
    related: list[RelatedTopic]
    statements: list[StatementRow]   # oldest first, at most the limit asked for (``statement_count`` in all)


# -- events ------------------------------------------------------------------------------------

class FirstReport(TypedDict):
    """The earliest article's report of an event, as its listing row shows it."""
    article_id: str
    vid: str
    text: str                        # the evidence sentence
    title: str | None
    site: str | None
    published: str | None


class EventRow(TypedDict):
    """An event across articles (meetings, visits, calls, talks) as ``Store.events`` lists it."""
    id: int
    type: str                        # meeting | visit | call | talks
    participants: list[str]          # names as first seen
    date: str | None                 # the ISO date value its reports share
    status: str | None               # held if any report says so, else planned (the column is nullable)
    first_seen: str | None           # earliest publication date of a report
    article_count: int
    when: str | None                 # what it sorts by: ``date``, else the day of ``first_seen``
    place: str | None                # the place of the first stored report that names one
    first_report: FirstReport | None


class Span(TypedDict):
    """Words of the article, with their offsets into its text."""
    text: str
    start: int | None
    end: int | None


class DateSpan(TypedDict):
    """A date as the article writes it, with what it resolves to."""
    text: str
    value: str | None                # ISO date
    resolution: str | None           # day | month | year


class EventReport(TypedDict):
    """One article's report of an event (``EventDetail.reports``)."""
    article_id: str
    title: str | None
    site: str | None
    published: str | None
    source: str | None
    vid: str
    type: str
    status: str                      # held | planned, as this article says
    text: str                        # the evidence sentence; ``start``/``end`` its offsets
    start: int
    end: int
    trigger: Span | None             # the word that reports it ("met")
    place: Span | None
    date: DateSpan | None
    participants: list[str]


class EventDetail(EventRow):
    """One event (``Store.event``) with every article's report of it."""
    reports: list[EventReport]       # oldest first, at most the limit asked for (``report_count`` in all)
    report_count: int                # every article's report of it (an article may report it twice)


# -- claims ------------------------------------------------------------------------------------

class ClaimRow(TypedDict):
    """A stored amount as a claim (``Store.claims``), as ``onrecord.claims.Claim`` reads it."""
    article_id: str
    source: str | None
    title: str | None
    site: str | None
    published: str | None
    statement: str | None            # the id of the statement holding it; null: the outlet's own words
    claimed_by: str | None           # the statement's resolved speaker
    text: str                        # the amount as written
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str | None            # "more than", "almost", ...
    about: str | None                # whose quantity, as written
    about_key: str | None            # the same across articles (``topic_key``)


__all__ = [
    "ArticleDetail", "ArticleEventRow", "ArticleSpeaker", "ArticleRow", "ClaimRow", "Counts", "DateSpan", "EntityCount",
    "EventDetail", "EventReport", "EventRow", "FirstReport", "KeyedStatementRow",
    "Page", "PeriodCount", "QuoteDetail", "QuoteRow", "RelatedTopic", "SourceRow", "Span", "SpeakerCount",
    "SpeakerDetail", "SpeakerRef", "SpeakerRow", "StatementRow", "SurnameOnly", "TopicDetail", "TopicRow",
]
