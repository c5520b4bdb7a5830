"""Word lists the extractors read: reporting cues, roles, demonyms, capitals, pronouns.

They are data files under ``onrecord/data`` so that they can be read and extended without
touching code. Each loader reads its file once (the lists are immutable).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..acts import cue_table
from ..datafiles import data_lines
# the keys live below every layer (``onrecord.keys``); the extractors find them here with the lists
from ..keys import bare_name, demonyms, lexicon_key, topic_aliases, topic_key, topic_name  # noqa: F401


def _rows(name: str) -> list[list[str]]:
    """The lines of a data file, split on tabs."""
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines(name)]


def _words(name: str) -> frozenset[str]:
    """A one-word-a-line data file as a set (lower case)."""
    return frozenset(r[0].lower() for r in _rows(name))


def _mapping(name: str) -> dict[str, str]:
    """A two-column data file as a look-up: first column (lower case) -> second."""
    return {r[0].lower(): r[1] for r in _rows(name)}


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    frames: tuple[str, ...]   # in the table's order, which is the order they are tried in
    act: str             # speech | thought | evidence (``onrecord.acts``)


@cache
def cues() -> dict[str, Cue]:
    return {lemma: Cue(lemma, frames, act) for lemma, frames, act, _ in cue_table()}


@cache
def sifting_words() -> dict[str, frozenset[str]]:
    """The named word lists of the statement sifting rules (``sifting.tsv``)."""
    return {r[0]: frozenset(r[1].split()) for r in _rows("sifting.tsv")}


@cache
def organisation_nouns() -> dict[str, frozenset[str]]:
    """What an article may call an organisation it has just named (``organisation_nouns.tsv``)."""
    return {r[0]: frozenset(r[1].split()) for r in _rows("organisation_nouns.tsv")}


@cache
def organisation_words() -> frozenset[str]:
    """Last words that make a name an organisation's or a place's ("Stanley Cup")."""
    return _words("organisation_words.txt")


@cache
def parties() -> dict[str, str]:
    """Words that name a political party -> the party ("gop" -> "republican")."""
    return _mapping("parties.tsv")


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns that name one person ("my mother", "a spokesman")."""
    return _words("person_nouns.txt")


@cache
def source_people() -> frozenset[str]:
    """Common nouns of people and bodies that can be a source ("officials", "the company")."""
    return _words("source_people.txt")


@cache
def nicknames() -> frozenset[frozenset[str]]:
    """Pairs of a first name and a short form people go by ("sandra", "sandy")."""
    return frozenset(frozenset((r[0].lower(), nick)) for r in _rows("nicknames.tsv") for nick in r[1].split())


@cache
def state_bodies() -> frozenset[str]:
    """Head nouns of a state's bodies that speak in its name ("the US military")."""
    return _words("state_bodies.txt")


@cache
def document_verbs() -> frozenset[str]:
    """Verbs whose subject makes the document that is their object ("issued a statement")."""
    return _words("document_verbs.txt")


@cache
def evidence_sources() -> frozenset[str]:
    """Nouns of sources whose statements are evidence: polls, studies, figures."""
    return _words("evidence_sources.txt")


@cache
def roles() -> tuple[frozenset[str], frozenset[str]]:
    """(all role nouns, the generic ones that fit anyone holding an office)."""
    every, generic, _ = _titles()
    return every, generic


@cache
def role_ranks() -> frozenset[str]:
    """Words that make a role another office ("vice", "deputy"): the vice presidential
    nominee is not the nominee."""
    return _titles()[2]


@cache
def _titles() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """titles.txt read once: (role nouns, the generic ones, the rank words)."""
    marked: dict[str, set[str]] = {"": set(), "generic": set(), "rank": set()}
    for (line,) in _rows("titles.txt"):
        word, _, mark = (p.strip() for p in line.partition("="))
        marked.get(mark, marked[""]).add(word.lower())
    every = marked[""] | marked["generic"]
    return frozenset(every), frozenset(marked["generic"]), frozenset(marked["rank"])


@cache
def capitals() -> dict[str, str]:
    return _mapping("capitals.tsv")


@cache
def pronouns() -> dict[str, str]:
    return _mapping("pronouns.tsv")


@cache
def gender_words() -> dict[str, str]:
    """Honorifics, gendered roles and relations -> "m" or "f" (what the article itself says)."""
    return _mapping("gender_words.tsv")


@cache
def first_names() -> dict[str, str]:
    """Common first names -> "m" or "f": a weak prior, used only when the article says nothing."""
    return _mapping("first_names.tsv")


@cache
def staff_roles() -> frozenset[str]:
    """Roles of people who work for another's campaign or office ("campaign manager")."""
    return _words("staff_roles.txt")


@cache
def document_kinds() -> dict[str, frozenset[str]]:
    """Document nouns -> their kinds: nouns of a kind in common may name the same document."""
    kinds: dict[str, set[str]] = {}
    for kind, nouns in _rows("document_kinds.tsv"):
        for noun in nouns.split():
            kinds.setdefault(noun, set()).add(kind)
    return {noun: frozenset(found) for noun, found in kinds.items()}


@cache
def source_nouns() -> frozenset[str]:
    """Documents and surveys that can be a source ("In a statement, …")."""
    return _words("source_nouns.txt")


@cache
def topic_heads() -> frozenset[str]:
    return frozenset(line.lower() for line in data_lines("topic_heads.txt"))
