"""Speakers across articles: one row per person (or organisation), whatever name form each
article used.

An article resolves "the Russian leader" and "Mr. Putin" to "Vladimir Putin" when the article
itself says so; the store then ties that name to the speakers of other articles and guesses
no further. A resolved name joins a stored speaker of the same kind (an unknown kind agrees
with any) when

1. the speaker is known by that very name (case and accents folded): a name statements gave
   it, or its display name; else
2. for people only, the name is a full name (first and last name, at least) and exactly one
   stored person has only full names that are this person's: the same last name and suffix
   (Jr., Sr., II, III, IV; none is a suffix of its own) and the same first name, or one first
   name of three letters or more that begins the other ("Tim" and "Timothy"). Middle names
   and initials are not compared: "Donald J. Trump" is "Donald Trump".

So a bare surname ("Obama") joins only a speaker named by that one word, never a full-name
person, and "Michelle Obama" never joins "Barack Obama". A name that fits nobody, or more
than one person, makes a new speaker. Aliases are name forms only ("Putin", "Vladimir Putin"),
never descriptions ("the Russian president"); each counts the statements that named the
speaker by it, and the display name is the most common full name among those (ties: the one
seen first), or the most common name when there is no full name.

Looking a name up for a query (``denoted``) follows the same rules, and a bare surname also
finds the one full-name person with that surname together with the speakers known only by
it ("Putin": Vladimir Putin and the articles' "Putin"); fitting two people is an error.
"""
from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from onrecord.errors import InputError
from onrecord.keys import name_key
from onrecord.model import Article, Statement

_PEOPLE = {"PERSON", None}          # kinds whose names follow the rules for people's names
SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
MIN_PREFIX = 3                      # "Tim" may be "Timothy"; "Al" is not taken for "Alan"


def _ends_with(longer: str, shorter: str) -> bool:
    """Whether the words of ``shorter`` are the last words of ``longer`` (keys, not equal)."""
    return longer != shorter and longer.endswith(" " + shorter)


@dataclass(frozen=True, slots=True)
class FullName:
    """A person's name cut into what decides who they are (middle names are left out), each
    part folded as ``name_key`` folds ("O'Brien" -> "o brien")."""
    first: str
    last: str
    suffix: str | None

    @property
    def last_word(self) -> str:
        """The last word of the name's key (``speaker_aliases.last``): the suffix if any."""
        return self.suffix or self.last.split()[-1]


def full_name(name: str) -> FullName | None:
    """The parts of ``name``, by its words as written (so "O'Brien" is one word); None when it
    is a bare surname (one word, with or without a suffix), which could be anyone's."""
    words = [key for key in map(name_key, name.split()) if key]
    suffix = words.pop() if len(words) > 1 and words[-1] in SUFFIXES else None
    if len(words) < 2:
        return None
    return FullName(words[0], words[-1], suffix)


def same_person(a: FullName, b: FullName) -> bool:
    """Whether two full names may be one person's (see the module doc)."""
    if a.last != b.last or a.suffix != b.suffix:
        return False
    short, long = sorted((a.first, b.first), key=len)
    return short == long or (len(short) >= MIN_PREFIX and long.startswith(short))


def _kinds_agree(stored: str | None, kind: str | None) -> bool:
    return stored is None or kind is None or stored == kind


@dataclass(frozen=True, slots=True)
class Named:
    """A speaker name as one article gives it: the resolved name, its kind and name forms."""
    name: str
    kind: str | None
    aliases: tuple[str, ...]


def names_of(article: Article) -> dict[str, Named]:
    """Every speaker name of ``article`` with its kind (from the entities) and name forms."""
    entities = {e.name: e for e in article.entities}
    by_id = {e.id: e for e in article.entities}
    forms: dict[str, list[str]] = {}
    kinds: dict[str, str | None] = {}
    for statement in article.statements:
        for n, name in enumerate(statement_names(statement)):
            entity = entities.get(name)
            if entity is None and n == 0 and statement.speaker.entity:
                entity = by_id.get(statement.speaker.entity)
            if kinds.get(name) is None:
                kinds[name] = entity.type if entity else None
            seen = forms.setdefault(name, [name])
            mention = statement.speaker.mention
            extra = [m.text for m in entity.mentions] if entity else []
            seen += [t for t in (*extra, *([mention.text] if mention else [])) if _is_form_of(t, name)]
    return {name: Named(name, kinds[name], tuple(dict.fromkeys(forms[name])))
            for name in forms}


def statement_names(statement: Statement) -> tuple[str, ...]:
    """The resolved names of a statement's speakers, in order, without repeats."""
    if statement.speakers:
        names = statement.speakers
    else:
        names = (statement.speaker.name,) if statement.speaker.name else ()
    return tuple(dict.fromkeys(n for n in names if n and name_key(n)))


def _is_form_of(text: str, name: str) -> bool:
    """A name form of ``name``: the name itself or its last words, capitalised as a name."""
    key, full = name_key(text), name_key(name)
    return bool(key) and text[:1].isupper() and (key == full or _ends_with(full, key))


# -- the names a speaker is known by -----------------------------------------------------------

# A speaker is known by the names statements gave it and by its display name (so one made a
# moment ago, whose statements are not counted yet, is found too). Name forms seen only in
# mentions ("Putin" in "Vladimir Putin ... Putin said") are not names it is known by.
_KNOWN = "(a.statements > 0 OR a.key = p.key)"

_KNOWN_AS = f"""
SELECT DISTINCT p.id, p.kind FROM speaker_aliases AS a JOIN speakers AS p ON p.id = a.speaker_id
WHERE a.key = ? AND {_KNOWN} ORDER BY p.id
"""

_KNOWN_NAMES = f"""
SELECT a.alias FROM speaker_aliases AS a JOIN speakers AS p ON p.id = a.speaker_id
WHERE p.id = ? AND {_KNOWN}
"""

# People with a known name whose last word is ``last`` (a surname, or a suffix after one).
_PEOPLE_ENDING = f"""
SELECT DISTINCT p.id FROM speaker_aliases AS a JOIN speakers AS p ON p.id = a.speaker_id
WHERE a.last IN ({{}}) AND (p.kind IS NULL OR p.kind = 'PERSON') AND {_KNOWN} ORDER BY p.id
"""


def _known_as(conn: sqlite3.Connection, key: str) -> dict[int, str | None]:
    """The speakers known by the name key ``key``, with their kinds."""
    return {sid: kind for sid, kind in conn.execute(_KNOWN_AS, (key,))}


def _full_names(conn: sqlite3.Connection, sid: int) -> list[FullName | None]:
    return [full_name(alias) for (alias,) in conn.execute(_KNOWN_NAMES, (sid,))]


def _people_named(conn: sqlite3.Connection, person: FullName) -> list[int]:
    """People every known name of whom is a full name of ``person``'s (so a speaker stays one
    person however many names join it)."""
    rows = conn.execute(_PEOPLE_ENDING.format("?"), (person.last_word,)).fetchall()
    return [sid for (sid,) in rows
            if all(n is not None and same_person(n, person) for n in _full_names(conn, sid))]


def _people_surnamed(conn: sqlite3.Connection, surname: str) -> list[int]:
    """People known by a full name with the last name ``surname`` (folded), whatever its suffix."""
    lasts = (surname.split()[-1], *SUFFIXES)
    rows = conn.execute(_PEOPLE_ENDING.format(", ".join("?" * len(lasts))), lasts).fetchall()
    out = []
    for (sid,) in rows:
        names = _full_names(conn, sid)
        if names and all(n is not None and n.last == surname for n in names):
            out.append(sid)
    return out


# -- joining a name on save --------------------------------------------------------------------

def joins(conn: sqlite3.Connection, name: str, kind: str | None) -> int | None:
    """The stored speaker the resolved ``name`` (of ``kind``) is, by the rules of the module
    doc; None when it is nobody's yet, or may be more than one speaker's."""
    key = name_key(name)
    exact = {sid: k for sid, k in _known_as(conn, key).items() if _kinds_agree(k, kind)}
    same_kind = [sid for sid, k in exact.items() if k == kind]
    if same_kind:
        # A name that was ambiguous made a speaker of its own kind: later uses of it join that one.
        return same_kind[0]
    if len(exact) == 1:
        return next(iter(exact))
    person = full_name(name)
    if exact or kind not in _PEOPLE or person is None:
        return None
    fitting = _people_named(conn, person)
    return fitting[0] if len(fitting) == 1 else None


def resolve(conn: sqlite3.Connection, named: Named) -> int:
    """The id of the speaker ``named`` denotes, made as needed, with its aliases. Its display
    name is set by ``rename`` once its statements are counted (``count_article``)."""
    sid = joins(conn, named.name, named.kind)
    if sid is None:
        # lastrowid is typed optional, but an INSERT that ran has always set it
        sid = cast(int, conn.execute("INSERT INTO speakers (name, key, kind) VALUES (?, ?, ?)",
                                     (named.name, name_key(named.name), named.kind)).lastrowid)
    elif named.kind:
        conn.execute("UPDATE speakers SET kind = ? WHERE id = ? AND kind IS NULL", (named.kind, sid))
    _add_aliases(conn, sid, named.aliases)
    return sid


def _add_aliases(conn: sqlite3.Connection, sid: int, aliases: Iterable[str]) -> None:
    rows = []
    for alias in aliases:
        key = name_key(alias)
        rows.append((sid, alias, key, key.split()[-1]))
    conn.executemany(
        "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) VALUES (?, ?, ?, ?)", rows)
    for _, alias, key, _ in rows:             # a spelling with its accents over the plain one
        if _accents(alias):
            (kept,) = conn.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ? AND key = ?",
                                   (sid, key)).fetchone()
            if _accents(alias) > _accents(kept):
                conn.execute("UPDATE speaker_aliases SET alias = ? WHERE speaker_id = ? AND key = ?", (alias, sid, key))


def _accents(name: str) -> int:
    """How many letters of a name carry accents ("Calderón" 1, "Calderon" 0)."""
    return sum(1 for ch in unicodedata.normalize("NFKD", name) if unicodedata.combining(ch))


_LINKED = """
SELECT l.speaker_id, l.name_key, count(*) FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id
WHERE s.article_id = ? GROUP BY l.speaker_id, l.name_key
"""

_COUNT = "UPDATE speaker_aliases SET statements = statements + ? WHERE speaker_id = ? AND key = ?"


def count_article(conn: sqlite3.Connection, article_id: str, sign: int) -> list[int]:
    """Add (``sign`` 1) or take away (-1) the linked statements of the article ``article_id``
    to or from the counts of the names they gave their speakers; the speakers counted."""
    rows = conn.execute(_LINKED, (article_id,)).fetchall()
    conn.executemany(_COUNT, [(sign * n, sid, key) for sid, key, n in rows])
    return sorted({sid for sid, _, _ in rows})


_COUNTED = """
SELECT alias, key, statements FROM speaker_aliases WHERE speaker_id = ? AND statements > 0
ORDER BY rowid
"""


def rename(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Give each speaker of ``ids`` its display name: its most common full name (ties: the
    first seen, as aliases are added in the order seen), else its most common name."""
    for sid in ids:
        names = conn.execute(_COUNTED, (sid,)).fetchall()
        if not names:
            continue                            # unlinked: dropped, or linked later
        full = [row for row in names if len(row[0].split()) > 1] or names
        alias, key, _ = max(full, key=lambda row: row[2])       # max keeps the first of equals
        conn.execute("UPDATE speakers SET name = ?, key = ? WHERE id = ? AND (name != ? OR key != ?)",
                     (alias, key, sid, alias, key))


def drop_unused(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Delete those of ``ids`` that no statement names any more (their aliases go with them)."""
    conn.executemany(
        "DELETE FROM speakers WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM statement_speakers WHERE speaker_id = speakers.id)",
        ((sid,) for sid in ids))


# -- looking a name up for queries ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Found:
    """The speakers a name fits: one person's (the full-name one first) or several people's."""
    ids: tuple[int, ...]
    one_person: bool


def lookup(conn: sqlite3.Connection, name: str) -> Found:
    """The stored speakers ``name`` fits, by the rules of the module doc; then, for a name no
    speaker is known by, the speakers with it as a name form ("Le Drian")."""
    key = name_key(name)
    if not key:
        return Found((), True)
    exact = _known_as(conn, key)
    person = full_name(name)
    if person is not None:
        found = list(exact) or _people_named(conn, person)
    else:
        people = _people_surnamed(conn, key)
        if people:
            bare = [sid for sid, kind in exact.items() if sid not in people]
            same = len(people) == 1 and all(exact[sid] in _PEOPLE for sid in bare)
            return Found(tuple(people + bare), same)
        found = list(exact)
    if not found:
        found = [sid for (sid,) in conn.execute(
            "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE key = ? ORDER BY speaker_id", (key,))]
    return Found(tuple(found), len(found) <= 1)


def denoted(conn: sqlite3.Connection, name: str) -> list[int]:
    """The speakers ``name`` denotes as one person (``lookup``), the full-name one first; []
    for none. InputError, listing them, when it fits more than one person."""
    found = lookup(conn, name)
    if not found.one_person:
        rows = conn.execute("SELECT name, id FROM speakers WHERE id IN (SELECT value FROM json_each(?)) "
                            "ORDER BY id", (json.dumps(found.ids),))
        listed = "; ".join(f"{who} (id {sid})" for who, sid in rows)
        raise InputError(name, f"more than one speaker fits: {listed}")
    return list(found.ids)


__all__ = ["Found", "FullName", "Named", "SUFFIXES", "count_article", "denoted", "drop_unused", "full_name",
           "joins", "lookup", "names_of", "rename", "resolve", "same_person", "statement_names"]
