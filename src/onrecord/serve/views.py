"""The data behind every page and every JSON answer: one function per view, plain dicts.

A page renders what its JSON twin returns ("one view, two formats"): ``/search`` and
``/api/statements`` both call ``statements``, ``/speakers/{ref}`` and ``/api/speakers/{ref}``
both call ``speaker``, ``/quotes/{id}`` and ``/api/quotes/{id}`` both call ``quote``, and so on. Bad arguments raise InputError (from the store), unknown
ids NotFound.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, TypedDict, TypeVar
from urllib.parse import quote as url_quote

from onrecord import api
from onrecord.errors import InputError
from onrecord.serve.errors import NotFound
from onrecord.store import Store
from onrecord.store.queries import StatementQuery as StoreQuery

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from onrecord.digest import ArticleRef, Digest, StatementRef
    from onrecord.store.rows import (ArticleDetail, ArticleRow, Counts, EventDetail, EventRow, QuoteDetail,
                                     QuoteRow, SpeakerDetail, SpeakerRow, StatementRow, TopicDetail, TopicRow)

LIMIT_MAX = 200          # the largest page a client may ask for; more is a 400
RECENT = 8               # statements and speakers on the home page
SPEAKER_STATEMENTS = 50   # a page of a speaker's statements; the next comes by cursor
ARTICLE_STATEMENTS = 100  # a page of an article's statements (and the text around them)
# What a page of one quote, topic or event shows of its occurrences, statements or reports
# (``limit`` asks for more, up to LIMIT_MAX): the first few, and how many there are in all.
QUOTE_OCCURRENCES = 20
TOPIC_STATEMENTS = 20
EVENT_REPORTS = 50
# The claims a claims page compares: the latest, so that a page costs the same in a store of
# any size (comparing every claim of a large store is the command line's `onrecord claims`).
CLAIMS_WINDOW = 200
CLAIMS_PER_GROUP = 50     # the latest claims a group lists; the rest of the window's are counted

Order = Literal["asc", "desc"]
RowT = TypeVar("RowT")


class Listing(TypedDict, Generic[RowT]):
    """A listing view's answer: one page of the store's rows (``store.rows``) and its query."""
    items: list[RowT]
    next_cursor: str | None
    query: dict[str, Any]            # the filters set, as URL parameters (for links to other pages)


class SpeakerListing(TypedDict):
    """``speakers``' answer: speakers page by offset, not by cursor."""
    items: list[SpeakerRow]
    next_offset: int | None
    query: dict[str, Any]


class Overview(TypedDict):
    """The home page's data."""
    counts: Counts
    recent: list[StatementRow]
    speakers: list[SpeakerRow]


class _Query:
    """A page's filters; ``params`` gives them as URL parameters (for links to other pages of
    the same search), leaving out those not set."""
    __slots__ = ()

    def params(self: DataclassInstance) -> dict[str, Any]:   # every query is a dataclass
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}


@dataclass(frozen=True, slots=True)
class StatementQuery(_Query):
    q: str | None = None             # full-text words in the statement, its cue or speaker
    speaker: str | None = None
    speaker_id: int | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    act: str | None = None           # speech | thought | evidence
    order: Order = "desc"
    limit: int = 50
    cursor: str | None = None
    topic: str | None = None         # a topic's key or any name of it

    def for_store(self) -> StoreQuery:
        """The store's query of these parameters (``q`` is its ``search``); InputError when
        one is malformed, raised where the page loads so the form can show it."""
        given = {f: getattr(self, f) for f in self.__dataclass_fields__ if f != "q"}
        return StoreQuery(search=self.q, **given)



@dataclass(frozen=True, slots=True)
class ArticleQuery(_Query):
    q: str | None = None
    site: str | None = None
    since: str | None = None
    until: str | None = None
    order: Order = "desc"
    limit: int = 50
    cursor: str | None = None



@dataclass(frozen=True, slots=True)
class QuoteQuery(_Query):
    q: str | None = None             # words of the quoted text
    speaker: str | None = None
    min_articles: int = 1
    limit: int = 50
    cursor: str | None = None

    def params(self) -> dict[str, Any]:
        # (not super(): a slots dataclass is a new class, which the zero-argument form misses)
        return {k: v for k, v in _Query.params(self).items() if not (k == "min_articles" and v == 1)}


@dataclass(frozen=True, slots=True)
class EventQuery(_Query):
    q: str | None = None             # words of the evidence, place or participants
    type: str | None = None
    participant: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 50
    cursor: str | None = None



def overview(store: Store) -> Overview:
    """Totals, the newest statements and the most quoted speakers."""
    return {
        "counts": store.counts(),
        "recent": store.statements_page(limit=RECENT, order="desc")["items"],
        "speakers": store.speakers(limit=RECENT),
    }


def statements(store: Store, query: StatementQuery) -> Listing[StatementRow]:
    page = store.statements_page(query.for_store())
    return {"items": page["items"], "next_cursor": page["next_cursor"], "query": query.params()}


def articles(store: Store, query: ArticleQuery) -> Listing[ArticleRow]:
    page = store.articles(q=query.q, site=query.site, since=query.since, until=query.until,
                          limit=query.limit, cursor=query.cursor, order=query.order)
    return {"items": page["items"], "next_cursor": page["next_cursor"], "query": query.params()}


def article(store: Store, article_id: str, limit: int = ARTICLE_STATEMENTS,
            cursor: str | None = None, record: bool = True) -> ArticleDetail:
    """The article's metadata, sources, one page of its statements (text order, ``next_cursor``
    for the next) and full record (unless ``record`` is False). The id of a copy folded into a
    stored article gives that article (its ``id`` says which)."""
    found = store.article(article_id, limit=limit, cursor=cursor, record=record)
    if found is None:
        home = store.canonical(article_id)
        found = store.article(home, limit=limit, cursor=cursor, record=record) if home is not None else None
    if found is None:
        raise NotFound(f"article {article_id}", "not in the store")
    return found


def quotes(store: Store, query: QuoteQuery) -> Listing[QuoteRow]:
    page = store.quotes(q=query.q, speaker=query.speaker, min_articles=query.min_articles,
                        limit=query.limit, cursor=query.cursor)
    return {"items": page["items"], "next_cursor": page["next_cursor"], "query": query.params()}


def quote(store: Store, quote_id: int, limit: int = QUOTE_OCCURRENCES) -> QuoteDetail:
    """One quote: its words, counts, speakers and occurrences (oldest first)."""
    found = store.quote(quote_id, limit=limit)
    if found is None:
        raise NotFound(f"quote {quote_id}", "not in the store")
    return found


def speakers(store: Store, q: str | None, limit: int, offset: int) -> SpeakerListing:
    # One row more than asked tells whether there is a next page.
    rows = store.speakers(q=q, limit=limit + 1, offset=offset)
    more = len(rows) > limit
    return {"items": rows[:limit], "next_offset": offset + limit if more else None,
            "query": {k: v for k, v in {"q": q, "limit": limit}.items() if v}}


def speaker(store: Store, ref: str, limit: int = SPEAKER_STATEMENTS, cursor: str | None = None) -> SpeakerDetail:
    """One speaker by id or name: names, counts, timeline, one page of statements (oldest
    first, ``next_cursor`` for the next) and frequent entities."""
    found = store.speaker(ref, limit=limit, cursor=cursor)
    if found is None:
        raise NotFound(f"speaker {ref}", "not in the store")
    return found


def topics(store: Store, q: str | None, limit: int, cursor: str | None) -> Listing[TopicRow]:
    page = store.topics(q=q, limit=limit, cursor=cursor)
    return {"items": page["items"], "next_cursor": page["next_cursor"],
            "query": {k: v for k, v in {"q": q, "limit": limit if limit != 50 else None}.items() if v}}


def topic(store: Store, key: str, limit: int = TOPIC_STATEMENTS) -> TopicDetail:
    """One topic by key or name: names, counts, timeline, speakers, related topics, statements."""
    found = store.topic(key, limit=limit)
    if found is None:
        raise NotFound(f"topic {key}", "not in the store")
    return found


def events(store: Store, query: EventQuery) -> Listing[EventRow]:
    page = store.events(q=query.q, type=query.type, participant=query.participant, since=query.since,
                        until=query.until, limit=query.limit, cursor=query.cursor)
    return {"items": page["items"], "next_cursor": page["next_cursor"], "query": query.params()}


def event(store: Store, event_id: int, limit: int = EVENT_REPORTS) -> EventDetail:
    """One event with every article's report of it (evidence, trigger, place, date)."""
    found = store.event(event_id, limit=limit)
    if found is None:
        raise NotFound(f"event {event_id}", "not in the store")
    return found


def claims(store: Store, about: str | None) -> dict[str, Any]:
    """Claims of one quantity side by side, disagreeing groups first among equals: those of
    the store's latest ``CLAIMS_WINDOW`` claims, ``window`` saying how many were compared,
    whether they were all the store holds, and since when."""
    groups, window = api.latest_claim_groups(store, CLAIMS_WINDOW, about, per_group=CLAIMS_PER_GROUP)
    return {"groups": [g.to_dict() for g in groups], "window": window.to_dict(),
            "query": {"about": about} if about else {}}


def web_link(article: "ArticleRef", statement: "StatementRef | None") -> str:
    """Where a digest line links on the web: the statement's place in the article page."""
    base = f"/articles/{url_quote(article.id, safe='')}"
    return f"{base}#st-{url_quote(statement.id, safe='')}" if statement is not None else base


def digest(store: Store, article: str | None = None, speaker: str | None = None, topic: str | None = None,
           event: int | None = None) -> "Digest":
    """The digest of one stored article, speaker, topic or event, linked to the web pages.
    Only what the store holds: a name the store lacks is NotFound, never a file read."""
    # Any: each value goes to the stored_digest argument of its name, more than a plain dict's
    # type can say
    given: dict[str, Any] = {k: v for k, v in {"article": article, "speaker": speaker, "topic": topic, "event": event}.items()
                             if v is not None}
    if len(given) != 1:
        raise InputError("digest", "give one of article, speaker, topic or event")
    try:
        return api.stored_digest(store, **given, link=web_link)
    except InputError as err:
        if "no such" in err.reason:
            (kind, value), = given.items()
            raise NotFound(f"{kind} {value}", "not in the store") from None
        raise


__all__ = ["ARTICLE_STATEMENTS", "SPEAKER_STATEMENTS", "ArticleQuery", "EventQuery", "Listing", "Overview", "SpeakerListing", "claims", "digest", "event", "events", "topic", "topics", "web_link", "LIMIT_MAX", "QuoteQuery", "StatementQuery", "article", "articles",
           "overview", "quote", "quotes", "speaker", "speakers", "statements"]
