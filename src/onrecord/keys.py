"""The keys names are compared and looked up by, in one low module that every layer may use:
the analysis keys names for its word lists (``lexicon_key``) and topics (``topic_key``), the
store folds people's names to tell them apart (``name_key``). Reading a store keys names
the way the analysis did, without loading the analysis."""
from __future__ import annotations

import re
import unicodedata
from functools import cache

from .datafiles import data_lines

_WORD = re.compile(r"\w+")


def lexicon_key(name: str) -> str:
    """A name as the word lists are looked up by: lower case, one kind of apostrophe, single
    spaces (accents kept; ``name_key`` folds them to tell people apart)."""
    return " ".join(name.lower().replace("’", "'").split())


def name_key(name: str) -> str:
    """The folded form names are compared by: "Maroš  Šefčovič" -> "maros sefcovic"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.casefold()))


def bare_name(name: str) -> str:
    """``lexicon_key`` without a leading "the": the form topic_aliases() is keyed by."""
    key = lexicon_key(name)
    return key[4:] if key.startswith("the ") else ("" if key == "the" else key)


def _rows(name: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("\t")] for line in data_lines(name)]


@cache
def demonyms() -> dict[str, str]:
    """A nationality's adjective or people (lower case) -> its country ("ukrainian" -> "Ukraine")."""
    return {r[0].lower(): r[1] for r in _rows("demonyms.tsv")}


@cache
def topic_aliases() -> dict[str, str]:
    """Every name of a topic (lower case, no leading "the") -> the name it is shown by."""
    out = {}
    for row in _rows("topic_aliases.tsv"):
        for name in row:
            out[bare_name(name)] = row[0]
    return out


def topic_key(name: str) -> str:
    """The key of the topic ``name`` names, the same for all its names: "the North Atlantic
    Alliance" and "NATO" → "nato"; "Ukrainian" → "ukraine"; else the name in lower case
    without a leading "the" or a trailing possessive."""
    return lexicon_key(topic_name(name))


def topic_name(name: str) -> str:
    """The name a topic is shown by: its first name in topic_aliases.tsv, the country of a
    nationality adjective, else ``name`` without a leading "the" and a possessive."""
    bare = bare_name(name).removesuffix("'s").removesuffix("'").strip()
    if bare in topic_aliases():
        return topic_aliases()[bare]
    if bare in demonyms():
        return demonyms()[bare]
    words = name.replace("’", "'").split()
    if words[:1] and words[0].lower() == "the":
        words = words[1:]
    shown = " ".join(words)
    return shown.removesuffix("'s").removesuffix("'") if shown else name


__all__ = ["bare_name", "demonyms", "lexicon_key", "name_key", "topic_aliases", "topic_key", "topic_name"]
