"""What statements are about: topics from the article's names and named matters.

A topic is an entity (a country, an organisation, a person spoken of, a place) or a named
matter — a name before a noun such as "agreements" or "deal" ("the Minsk agreements"). Each
has a key that is the same across articles: other names of one topic ("the North Atlantic
Alliance", "NATO") and nationality adjectives ("Ukrainian" → Ukraine) share it, and within one
article a bare name means the matter named after it ("Minsk" → the Minsk agreements).
A statement is about the topics mentioned inside it, except its own speakers.
"""
from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..model import Entity, Span, Statement, Topic
from . import lexicon
from ..keys import topic_key, topic_name
from .doctext import text_of


def find_topics(doc: Doc, entities: list[Entity], statements: list[Statement],
                skip: Sequence[tuple[int, int]] = ()) -> tuple[list[Topic], list[Statement]]:
    """The article's topics (ids t1, t2, … by first mention) and its statements with the
    ids of the topics each is about."""
    text = text_of(doc)
    # a person is named as the entity merged them ("Putin" is Vladimir Putin); other
    # mentions by their own words, so that "the North Atlantic Alliance" finds its alias
    named = {(m.start, m.end): e.name if e.type == "PERSON" else m.text for e in entities for m in e.mentions}
    named.update({span: text[span[0]:span[1]] for span in _named_matters(doc)})
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    names: dict[str, Counter] = defaultdict(Counter)
    for start, end in _outermost(named):
        if not any(a <= start < b for a, b in skip):
            key = topic_key(named[start, end])
            by_key[key].append((start, end))
            names[key][topic_name(named[start, end])] += 1
    for bare, matter in _bare_names(by_key):
        by_key[matter] += by_key.pop(bare)
    topics: list[Topic] = []
    for n, (key, spans) in enumerate(sorted(by_key.items(), key=lambda kv: min(kv[1])), 1):
        spans.sort()
        topics.append(Topic(f"t{n}", key, _shown(names[key]), tuple(Span.of(text, s, e) for s, e in spans)))
    return topics, [_tag(statement, topics) for statement in statements]


def _named_matters(doc: Doc) -> list[tuple[int, int]]:
    """"the Minsk agreements", "the Iran nuclear deal": proper names before a topic noun."""
    found = []
    for tok in doc:
        if tok.lower_ not in lexicon.topic_heads() or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        names = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and _is_name(c)]
        if names:
            first = min(names, key=lambda c: c.left_edge.i).left_edge
            while first.i < tok.i and (first.is_punct or first.lower_ == "the"):
                first = doc[first.i + 1]
            found.append((first.idx, tok.idx + len(tok.text)))
    return found


def _is_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" or (tok.ent_type_ in ("GPE", "ORG", "NORP", "LOC") and tok.text[:1].isupper())


def _outermost(spans) -> list[tuple[int, int]]:
    """Spans not inside a longer one ("Minsk" inside "Minsk agreements" is that matter)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out


def _bare_names(by_key: dict[str, list[tuple[int, int]]]) -> list[tuple[str, str]]:
    """(bare name, matter) for each bare name that opens exactly one named matter of the
    article: "minsk" → "minsk agreements"."""
    pairs = []
    for key in by_key:
        matters = [k for k in by_key if k.startswith(key + " ") and k.rsplit(" ", 1)[-1] in lexicon.topic_heads()]
        if len(matters) == 1:
            pairs.append((key, matters[0]))
    return pairs


def _shown(names: Counter) -> str:
    """The name used most for the topic, then the longest: "NATO" for NATO and the Alliance."""
    return max(names, key=lambda name: (names[name], len(name)))


def _tag(statement: Statement, topics: list[Topic]) -> Statement:
    speakers = {topic_key(name) for name in statement.speakers or (statement.speaker.name,) if name}
    inside = [t.id for t in topics if t.key not in speakers
              and any(statement.start <= m.start and m.end <= statement.end for m in t.mentions)]
    return dataclasses.replace(statement, topics=tuple(inside))


__all__ = ["find_topics"]
