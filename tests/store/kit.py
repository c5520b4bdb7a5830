"""Hand-built articles for the store tests: short texts whose statements, speakers and
entities are spelled out, every span cut from the text with ``Span.of``."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from onrecord.model import Amount, Article, DateRef, Entity, Span, Speaker, Statement


@dataclass(frozen=True)
class Quote:
    """One statement: ``who`` (resolved name) said ``words``, named in the text as ``mention``."""
    who: str | None
    words: str
    mention: str | None = None       # defaults to ``who``; the sentence starts with it
    kind: str = "indirect"
    speakers: tuple[str, ...] = ()   # several speakers: who is then their names joined by " and "
    verb: str = "said"               # the cue, as written: "believes", "did not intend"
    act: str = "speech"              # what the source did (``onrecord.acts``)
    negated: bool = False


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span.of(text, start, start + len(part))


def article(*quotes: Quote, published: str | None = None, site: str | None = None,
            title: str | None = None, kinds: dict[str, str] | None = None, tail: str = "") -> Article:
    """An article of one sentence per quote ("MENTION VERB that WORDS."), then ``tail``.

    Each named speaker is a PERSON entity (or ``kinds[name]``) whose mentions are the mentions
    that named them; a different ``tail`` makes a different article (another id).
    """
    kinds = kinds or {}
    text, places = "", []
    for q in quotes:
        mention = q.mention or q.who or "Someone"
        opening = f'"{q.words}," {mention} {q.verb}. ' if q.kind == "direct" else f"{mention} {q.verb} that {q.words}. "
        places.append(len(text))
        text += opening
    text += tail
    statements, mentions = [], {}
    for n, (q, at) in enumerate(zip(quotes, places), 1):
        mention = q.mention or q.who or "Someone"
        named = span(text, mention, at)
        body = span(text, q.words, at)
        cue = span(text, q.verb, at)
        names = q.speakers or ((q.who,) if q.who else ())
        for name in names:
            mentions.setdefault(name, []).append(named)
        statements.append(Statement(
            id=f"s{n}", kind=q.kind, text=body.text, start=body.start, end=body.end, cue=cue,
            speaker=Speaker(" and ".join(names) or None, named, None), confidence=0.8,
            speakers=q.speakers, act=q.act, negated=q.negated))
    entities = tuple(Entity(f"e{n}", name, kinds.get(name, "PERSON"), tuple(spans))
                     for n, (name, spans) in enumerate(mentions.items(), 1))
    return Article(text=text, title=title, published=published, site=site,
                   statements=tuple(statements), entities=entities)


def rich() -> Article:
    """An article with every kind of row: statements, entities with mentions, amounts, dates."""
    text = ("Vladimir Putin said that more than 100,000 troops stood at the border on February 7. "
            '"We will not accept this," Putin told reporters in Moscow. '
            "The Russian president said that talks would go on in 2022.")
    return Article(
        text=text, source="rich.txt", title="Troops", published="2022-02-07", site="example.org",
        statements=(
            Statement("s1", "indirect", *_at(text, "more than 100,000 troops stood at the border on February 7"),
                      cue=span(text, "said"),
                      speaker=Speaker("Vladimir Putin", span(text, "Vladimir Putin"), "e1"), confidence=0.9),
            Statement("s2", "direct", *_at(text, "We will not accept this"), cue=span(text, "told"),
                      speaker=Speaker("Vladimir Putin", span(text, "Putin", 30), "e1"),
                      speakers=("Vladimir Putin",)),
            Statement("s3", "indirect", *_at(text, "talks would go on in 2022"), cue=span(text, "said", 100),
                      speaker=Speaker("Vladimir Putin", span(text, "The Russian president"), "e1")),
        ),
        entities=(
            Entity("e1", "Vladimir Putin", "PERSON", (span(text, "Vladimir Putin"), span(text, "Putin", 30))),
            Entity("e2", "Moscow", "GPE", (span(text, "Moscow"),)),
        ),
        amounts=(Amount(*_at(text, "more than 100,000 troops"), low=100000.0, unit="troops",
                        qualifier="more than", statement="s1"),),
        dates=(DateRef(*_at(text, "February 7"), value="2022-02-07", resolution="day"),
               DateRef(*_at(text, "2022"), value="2022-01-01", resolution="year")),
    )


def titled() -> Article:
    """'Mr. Obama' resolved by the article to Barack Obama, with how it was found."""
    text = "Barack Obama spoke in Chicago. Mr. Obama said that the law would pass."
    at = text.index("Obama", 10)
    body = text.index("the law")
    statement = Statement(
        "s1", "indirect", "the law would pass", body, body + len("the law would pass"),
        cue=Span.of(text, text.index("said"), text.index("said") + 4),
        speaker=Speaker("Barack Obama", Span.of(text, at, at + 5), "e1", title="Mr.", resolution="surname",
                        antecedent=Span.of(text, 0, 12), confidence=0.85),
        confidence=0.9)
    person = Entity("e1", "Barack Obama", "PERSON", (Span.of(text, 0, 12), Span.of(text, at, at + 5)))
    return Article(text=text, title="Obama in Chicago", published="2016-05-02", statements=(statement,),
                   entities=(person,))


def _at(text: str, part: str) -> tuple[str, int, int]:
    s = span(text, part)
    return s.text, s.start, s.end


# Not ``sources``: a copy of a stored article adds a source and nothing else.
TABLES = ("articles", "statements", "entities", "speakers", "speaker_aliases", "statement_speakers",
          "mentions", "amounts", "dates", "quotes", "minhashes", "minhash_bands")


def dump(path: Path | str) -> dict[str, list[tuple]]:
    """Every row of every table, read with plain sqlite3 (no onrecord code)."""
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def check_integrity(path: Path | str) -> None:
    """No dangling foreign keys, and both full-text indexes agree with their tables."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for fts in ("statements_fts", "articles_fts"):
            conn.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")


def totals(store) -> dict[str, int]:
    """The store's articles, statements and entities (``Store.counts`` has more)."""
    found = store.counts()
    return {k: found[k] for k in ("articles", "statements", "entities")}
