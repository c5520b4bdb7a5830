"""Which person each name mention of one article denotes, and what the article says of
their gender.

A wrong name is worse than none, so a mention joins a person only on the article's evidence:
- a longer form that ends with a full name is that person with words in front that are not
  part of the name: a headline verb, an epithet, a title the tagger swept in ("Rip Donald
  Trump", "Crooked Hillary Clinton" -> Hillary Clinton);
- full names are one person when their first and last names agree, middle names and initials
  aside ("Donald J. Trump" = "Donald Trump"; "Tim" may be "Timothy", "Sandy" "Sandra"), never
  with different first names ("Michelle Obama" is not "Barack Obama");
- a surname of two words ("Mr. Guajardo Villarreal") is the person whose full name ends with it;
- a surname alone is the one person of the article with that surname; when there are several,
  an honorific before it ("Mr. Obama", "Mrs. Clinton") picks the one of that gender, or else
  the surname stays a name of its own, unresolved;
- a first name alone ("Hillary") is the one person with that first name, if no one has it as a
  surname.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from . import lexicon
from .lexicon import lexicon_key

SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# Words that belong to the surname after them ("de Blasio", "van Voorhis").
PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "du", "van", "von", "le", "la",
                       "al", "el", "bin", "ibn", "st.", "dos", "das"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "madame"})
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
# A paragraph opening with words in capitals and a colon: a transcript's speaker label.
_LABEL = re.compile(r"^[ \t]*((?:[A-Z][A-Z'’.\-]+ ){0,3}[A-Z][A-Z'’\-]+):", re.M)


@dataclass
class Person:
    """One person of an article: the name forms that denote them and their gender."""
    forms: list[str] = field(default_factory=list)          # name keys (multi-word)
    gender: str | None = None                                # "m", "f" or None
    name: str = ""                                           # how the person is named
    surnames: set[str] = field(default_factory=set)          # forms that are a surname of two words


def words_of(key: str) -> tuple[list[str], str | None]:
    """A name key's words without a suffix, and the suffix ("jr") if any; a surname with its
    particle is one word ("bill de blasio" -> ["bill", "de blasio"], "de blasio" a surname)."""
    words = key.replace(",", " ").split()
    suffix = words[-1].rstrip(".") if len(words) > 2 and words[-1] in SUFFIXES else None
    words = words[:-1] if suffix else words
    joined: list[str] = []
    for word in reversed(words):
        if joined and word in PARTICLES and len(words) > 1:
            joined[-1] = f"{word} {joined[-1]}"
        else:
            joined.append(word)
    return joined[::-1], suffix


def same_person(a: str, b: str) -> bool:
    """Whether two full-name keys name one person: same surname and suffix, first names equal,
    one a shortening of the other ("tim" / "timothy") or a short form people go by ("sandy" /
    "sandra", ``nicknames.tsv``); middle names are not compared."""
    (wa, sa), (wb, sb) = words_of(a), words_of(b)
    if len(wa) < 2 or len(wb) < 2 or wa[-1] != wb[-1] or sa != sb:
        return False
    fa, fb = wa[0].rstrip("."), wb[0].rstrip(".")
    return fa == fb or (min(len(fa), len(fb)) >= 3 and (fa.startswith(fb) or fb.startswith(fa))) \
        or frozenset((fa, fb)) in lexicon.nicknames()


def word_before(text: str, start: int) -> str:
    """The word written just before ``start`` ("mr" for "Mr. Obama"), lower case."""
    found = _WORD_BEFORE.search(text[max(0, start - 30):start])
    return found.group(1).lower() if found else ""


def gender_said(text: str, start: int) -> str | None:
    """The gender an honorific or gendered role right before a mention gives it."""
    return lexicon.gender_words().get(word_before(text, start))


def first_name_gender(key: str) -> str | None:
    """The weak prior of a full name's first name (None for a name of one word)."""
    words, _ = words_of(key)
    return lexicon.first_names().get(words[0]) if len(words) >= 2 else None


def person_names(text: str, spans: Sequence[tuple[int, int]],
                 in_body: Callable[[int], bool]) -> dict[tuple[int, int], str]:
    """The display name of the person each person-mention span denotes; spans that denote no
    single person (an ambiguous surname) are absent. ``in_body`` tells whether an offset is in
    the article's body text (not a heading), where names are written as names."""
    keys = {span: lexicon_key(text[span[0]:span[1]]) for span in spans}
    people = _group_full_names(text, spans, keys, in_body)
    owner = {form: person for person in people for form in person.forms}
    out: dict[tuple[int, int], str] = {}
    others = _other_genders(text, keys, owner, people)
    for span, key in keys.items():
        person = owner.get(key) or _single_word_owner(key, people, gender_said(text, span[0]), others)
        if person is not None:
            out[span] = person.name
    return out


def _group_full_names(text: str, spans, keys: dict[tuple[int, int], str],
                      in_body: Callable[[int], bool]) -> list[Person]:
    """The article's people, from the mentions that are names of two words or more."""
    full = sorted({k for k in keys.values() if len(words_of(k)[0]) >= 2}, key=lambda k: len(k.split()))
    surnames = _surnames_of_two_words(text, keys, full)
    canonical: dict[str, str] = {}
    for key in full:                      # shortest first: "donald trump" before "rip donald trump"
        if key in surnames:
            continue
        inner = next((c for c in reversed(list(canonical)) if key.endswith(" " + c)), None)
        canonical[key] = canonical[inner] if inner else key
    people: list[Person] = []
    for key in full:
        if canonical.get(key) != key:
            continue
        person = next((p for p in people if any(same_person(key, f) for f in p.forms)), None)
        if person is None:
            people.append(person := Person())
        person.forms.append(key)
    for key in full:
        if key not in surnames and canonical[key] != key:
            next(p for p in people if canonical[key] in p.forms).forms.append(key)
    for key, outer in surnames.items():
        person = next(p for p in people if canonical[outer] in p.forms)
        person.forms.append(key)
        person.surnames.add(key)
    for person in people:
        _name_and_gender(text, spans, keys, in_body, person)
    _drop_lone_suffixes(people)
    return people


_SUFFIX_WRITTEN = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")


def _drop_lone_suffixes(people: list[Person]) -> None:
    """ "Joseph R. Biden Jr." is named "Joseph R. Biden" — as other articles name him — unless
    the article names someone else with the same name (a father and a son)."""
    for person in people:
        short = _SUFFIX_WRITTEN.sub("", person.name)
        if short != person.name and not any(
                other is not person and lexicon_key(_SUFFIX_WRITTEN.sub("", other.name)) == lexicon_key(short)
                for other in people):
            person.name = short


def _surnames_of_two_words(text: str, keys: dict[tuple[int, int], str], full: list[str]) -> dict[str, str]:
    """Two-word names that are a surname, each with the full name it ends: "Guajardo
    Villarreal" of "Ildefonso Guajardo Villarreal", when it does not open with a first name
    and the article writes it after an honorific ("Mr. Guajardo Villarreal") or the longer
    form adds a first name ("Debbie Wasserman Schultz"). Other longer forms are a name with
    words in front ("Rip Donald Trump")."""
    honoured = {key for (start, _), key in keys.items() if word_before(text, start) in HONORIFICS}
    out: dict[str, str] = {}
    for key in full:
        words = key.split()
        if len(words) != 2 or words[0] in lexicon.first_names():
            continue
        outer = [k for k in full if k.endswith(" " + key) and len(k.split()) == 3]
        if len(outer) == 1 and (key in honoured or outer[0].split()[0] in lexicon.first_names()):
            out[key] = outer[0]
    return out


def _name_and_gender(text: str, spans, keys, in_body, person: Person) -> None:
    """A person's display name (their most common clean form in body text, the earliest on a
    tie) and gender (what the article writes before their names, else the first-name prior)."""
    forms = [f for f in person.forms if f not in person.surnames]
    clean = set(forms[:1]) | {f for f in forms if not any(f.endswith(" " + g) for g in forms if g != f)}
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    said: Counter[str] = Counter()
    for span in sorted(spans):
        key = keys[span]
        if key not in person.forms:
            continue
        if (g := gender_said(text, span[0])) is not None:
            said[g] += 1
        if key in clean:
            counts[key] += 2 if in_body(span[0]) else 1
            first.setdefault(key, span)
    best = max(counts, key=lambda k: (counts[k], -first[k][0]))
    person.name = text[first[best][0]:first[best][1]]
    if person.name.isupper():              # written only in capitals, as a transcript's label
        person.name = person.name.title()
    if len(said) == 1:
        person.gender = next(iter(said))
    elif not said:
        person.gender = first_name_gender(best)


def _other_genders(text: str, keys: dict[tuple[int, int], str], owner: dict[str, Person],
                   people: list[Person]) -> dict[str, set[str]]:
    """For each one-word name, the genders its honorifics give it ("Mr. Obama"): when one of
    them fits no full-named person with that surname, someone else bears it too."""
    said: dict[str, set[str]] = {}
    for span, key in keys.items():
        if key not in owner and len(words_of(key)[0]) == 1 and (g := gender_said(text, span[0])):
            said.setdefault(key, set()).add(g)
    return {key: {g for g in genders if not any(p.gender == g and words_of(f)[0][-1] == key
                                                 for p in people for f in p.forms)}
            for key, genders in said.items()}


def _single_word_owner(key: str, people: list[Person], gender: str | None,
                       others: dict[str, set[str]]) -> Person | None:
    """The one person a surname or first name alone denotes, or None when it is not clear:
    when the article also writes of another bearer ("President Obama" beside "Mr. Obama" in an
    article that names only Michelle Obama in full), a bare surname could be either."""
    words, _ = words_of(key)
    if len(words) != 1 or (gender is None and others.get(key)):
        return None
    word = words[0]
    by_surname = [p for p in people if any(words_of(f)[0][-1] == word for f in p.forms)]
    found = by_surname or [p for p in people if any(words_of(f)[0][0] == word for f in p.forms)]
    if gender is not None:                 # "Mrs. Clinton" is never Bill Clinton
        found = [p for p in found if p.gender in (gender, None)]
        if len(found) > 1:
            found = [p for p in found if p.gender == gender]
    return found[0] if len(found) == 1 else None


def transcript_labels(text: str) -> list[tuple[int, int]]:
    """The spans of a transcript's speaker labels, names written in capitals before a colon at
    the start of a paragraph ("JAKE TAPPER: Donald Trump released a video", "TAPPER: And …")."""
    return [m.span(1) for m in _LABEL.finditer(text)]


__all__ = ["Person", "first_name_gender", "gender_said", "person_names", "same_person", "transcript_labels",
           "word_before", "words_of"]

