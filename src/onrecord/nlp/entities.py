"""Named entities of an article, with every mention, merged within the article.

People are merged by surname ("Putin" joins "Vladimir Putin" and takes the longer name);
other entities by their text without a leading "the". spaCy sometimes labels one name
differently in two places; the label seen most often for a name wins, and a bare surname
of a known person is that person.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc, Span as SpacySpan

from ..model import Entity, Span
from . import lexicon
from .lexicon import name_key
from .doctext import text_of

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP")


def label_of(span: SpacySpan) -> str:
    """spaCy's label, except that a title followed by a name is a person ("Councillor Marek Hale")."""
    words = [t for t in span if not t.is_space]
    if len(words) > 1 and words[0].lower_ in lexicon.roles()[0] and all(t.pos_ == "PROPN" for t in words[1:]):
        return "PERSON"
    return span.label_


def clean_name(span: SpacySpan, label: str | None = None) -> tuple[int, int]:
    """Character bounds of an entity without a leading article or a trailing possessive,
    and a person's name without the title before it ("Councillor Marek Hale")."""
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if (label or span.label_) == "PERSON":
        titles = [k for k, t in enumerate(tokens[:-1]) if t.lower_ in lexicon.roles()[0] or t.lower_ in lexicon.demonyms()]
        tokens = tokens[titles[-1] + 1:] if titles else tokens
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return span.start_char, span.start_char
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def find_entities(doc: Doc, skip: list[tuple[int, int]] = ()) -> list[Entity]:
    """Entities of the wanted types, in order of first mention, ids e1, e2, ..."""
    text = text_of(doc)
    mentions: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = label_of(ent)
        if label not in TYPES:
            continue
        start, end = clean_name(ent, label)
        if end > start and not any(a <= start < b for a, b in skip):
            mentions.append((start, end, label))
    votes: dict[str, Counter] = defaultdict(Counter)
    for start, end, label in mentions:
        votes[name_key(text[start:end])][label] += 1
    people = _people(text, mentions, votes)
    mentions += _untagged_surnames(doc, mentions, people)
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for start, end, _ in sorted(mentions):
        key = name_key(text[start:end])
        if key in people:
            group = ("PERSON", people[key])
        else:
            group = (votes[key].most_common(1)[0][0], key)
        groups.setdefault(group, []).append((start, end))
    out = []
    for n, ((label, person), spans) in enumerate(groups.items(), 1):
        name = person if label == "PERSON" else max((text[s:e] for s, e in spans), key=len)
        out.append(Entity(f"e{n}", name, label, tuple(Span.of(text, s, e) for s, e in spans)))
    return out


def _untagged_surnames(doc: Doc, mentions, people: dict[str, str]) -> list[tuple[int, int, str]]:
    """Mentions of a known person by surname that the recogniser did not tag (added to ``people``)."""
    surnames = {full.split()[-1]: full for full in people.values() if len(full.split()) > 1}
    tagged = {i for start, end, _ in mentions for i in range(start, end)}
    found = [t for t in doc if t.text in surnames and t.idx not in tagged]
    for tok in found:
        people[name_key(tok.text)] = surnames[tok.text]
    return [(t.idx, t.idx + len(t.text), "PERSON") for t in found]


def _people(text: str, mentions, votes) -> dict[str, str]:
    """Map each name key that denotes a person to that person's fullest name."""
    full: dict[str, str] = {}           # surname -> longest full name
    for start, end, _ in mentions:
        name = text[start:end]
        key = name_key(name)
        if votes[key].most_common(1)[0][0] != "PERSON":
            continue
        surname = key.split()[-1]
        if len(name.split()) >= len(full.get(surname, "").split()):
            full[surname] = name
    people = {}
    for start, end, _ in mentions:
        key = name_key(text[start:end])
        surname = key.split()[-1]
        if surname in full and (votes[key]["PERSON"] or key == surname):
            people[key] = full[surname]
    return people
