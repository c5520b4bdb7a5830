"""Speakers across articles: one row per person (or organisation), whatever name form each
article used.

An article resolves "the Russian leader" and "Putin" to "Vladimir Putin" within itself; the
store then ties that name to the speakers of other articles. A name matches a stored speaker

1. by its display name (case and accents folded), else
2. when exactly one speaker is a candidate by any of: an alias equal to the name; a name form
   ending with the name ("Putin" for "Vladimir Putin": the surname); a display name that the
   name ends with ("Vladimir Putin" for a speaker known only as "Putin"), in which case the
   display name becomes the longer form.

Surname matching applies to people only (or speakers of unknown kind), and two candidates
mean the name is ambiguous: a new speaker is made rather than a guess. Aliases are name
forms only ("Putin", "Vladimir Putin"), never descriptions ("the Russian president").
"""
from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from onrecord.model import Article, Statement

_WORD = re.compile(r"\w+")
_PEOPLE = {"PERSON", None}          # kinds whose names may be matched by surname


def name_key(name: str) -> str:
    """The folded form names are compared by: "Maroš  Šefčovič" -> "maros sefcovic"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(plain.casefold()))


def _ends_with(longer: str, shorter: str) -> bool:
    """Whether the words of ``shorter`` are the last words of ``longer`` (keys, not equal)."""
    return longer != shorter and longer.endswith(" " + shorter)


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


# -- matching ----------------------------------------------------------------------------------

def candidates(conn: sqlite3.Connection, name: str, kind: str | None = None) -> tuple[list[int], set[int]]:
    """Speakers ``name`` may denote: (upgradable, all), see the module doc.

    ``upgradable`` are those known only by a shorter form of ``name``. A display-name match
    is returned alone, as the only candidate.
    """
    key = name_key(name)
    exact = conn.execute("SELECT id FROM speakers WHERE key = ? ORDER BY id LIMIT 1", (key,)).fetchone()
    if exact is not None:
        return [], {exact[0]}
    found = {row[0] for row in conn.execute("SELECT speaker_id FROM speaker_aliases WHERE key = ?", (key,))}
    upgradable: list[int] = []
    if kind in _PEOPLE:
        found |= _by_surname(conn, key)
        upgradable = _known_by_tail(conn, key)
        found |= set(upgradable)
    return upgradable, found


def _by_surname(conn: sqlite3.Connection, key: str) -> set[int]:
    """People with a name form that ends with ``key`` ("vladimir putin" for "putin")."""
    rows = conn.execute(
        "SELECT a.speaker_id, a.key FROM speaker_aliases AS a JOIN speakers AS s ON s.id = a.speaker_id "
        "WHERE a.last = ? AND (s.kind IS NULL OR s.kind = 'PERSON')", (key.split()[-1],))
    return {sid for sid, alias in rows if _ends_with(alias, key)}


def _known_by_tail(conn: sqlite3.Connection, key: str) -> list[int]:
    """People whose display name is the last words of ``key`` and whose name no one else ends with.

    "Johnson" is not upgraded to "Ben Johnson" when a "Boris Johnson" is stored too: that
    "Johnson" may have been either.
    """
    words = key.split()
    tails = [" ".join(words[i:]) for i in range(1, len(words))]
    out: list[int] = []
    if not tails:
        return out
    for sid, tail in conn.execute(
        f"SELECT id, key FROM speakers WHERE key IN ({', '.join('?' * len(tails))}) "
        "AND (kind IS NULL OR kind = 'PERSON') ORDER BY id", tails,
    ):
        if _by_surname(conn, tail) <= {sid}:
            out.append(sid)
    return out


def lookup(conn: sqlite3.Connection, name: str) -> list[int]:
    """The ids of the stored speakers ``name`` may denote (one when it is unambiguous)."""
    if not name_key(name):
        return []
    return sorted(candidates(conn, name)[1])


# -- writing -----------------------------------------------------------------------------------

def resolve(conn: sqlite3.Connection, named: Named) -> int:
    """The id of the speaker ``named`` denotes, made or updated as needed, with its aliases."""
    upgradable, found = candidates(conn, named.name, named.kind)
    if len(found) == 1:
        (sid,) = found
        if sid in upgradable:                            # a longer name for a known speaker
            conn.execute("UPDATE speakers SET name = ?, key = ? WHERE id = ?",
                         (named.name, name_key(named.name), sid))
        if named.kind:
            conn.execute("UPDATE speakers SET kind = ? WHERE id = ? AND kind IS NULL", (named.kind, sid))
    else:
        sid = conn.execute("INSERT INTO speakers (name, key, kind) VALUES (?, ?, ?)",
                           (named.name, name_key(named.name), named.kind)).lastrowid
    _add_aliases(conn, sid, named.aliases)
    return sid


def _add_aliases(conn: sqlite3.Connection, sid: int, aliases: Iterable[str]) -> None:
    rows = []
    for alias in aliases:
        key = name_key(alias)
        rows.append((sid, alias, key, key.split()[-1]))
    conn.executemany(
        "INSERT OR IGNORE INTO speaker_aliases (speaker_id, alias, key, last) VALUES (?, ?, ?, ?)", rows)


def drop_unused(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Delete those of ``ids`` that no statement names any more (their aliases go with them)."""
    conn.executemany(
        "DELETE FROM speakers WHERE id = ? AND NOT EXISTS "
        "(SELECT 1 FROM statement_speakers WHERE speaker_id = speakers.id)",
        ((sid,) for sid in ids))


__all__ = ["Named", "candidates", "drop_unused", "lookup", "name_key", "names_of", "resolve",
           "statement_names"]
