"""What a statement's source did: ``speech`` (said, wrote, denied, praised), ``thought``
(believes, fears, wants, plans) or ``evidence`` (a poll, study or document shows, finds).

The act of each reporting verb is the ``act`` column of the cue table (``data/cues.tsv``).
This module reads a cue back from its words alone, without a parser, so that a record
written before statements carried their act gets the one its cue implies.
"""
from __future__ import annotations

import re
from functools import cache

from .datafiles import data_lines

ACTS = ("speech", "thought", "evidence")
DEFAULT_ACT = "speech"           # a quotation, "according to", a colon line: words given out
_WORD = re.compile(r"[a-z]+")


@cache
def cue_table() -> tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...]:
    """The cue table, one (lemma, frames, act, irregular forms) a cue; the parser's view of it
    is ``nlp.lexicon.cues``."""
    rows = []
    for line in data_lines("cues.tsv"):
        cells = [c.strip() for c in line.split("\t")]
        forms = tuple(f for f in (cells[3] if len(cells) > 3 else "").split(",") if f)
        rows.append((cells[0], tuple(cells[1].split(",")), cells[2], forms))
    return tuple(rows)


@cache
def _acts_by_form() -> dict[str, str]:
    """Each cue's act by its lemma and its irregular forms ("said", "told")."""
    return {form: act for lemma, _, act, forms in cue_table() for form in (lemma, *forms)}


def act_of_words(words: str | None) -> str:
    """The act of a cue from its words ("did not intend" → thought, "said" → speech); a cue
    that is no reporting verb ("according to") or none at all is words given out."""
    known = _acts_by_form()
    for word in _WORD.findall((words or "").lower()):
        for lemma in verb_lemmas(word):
            if lemma in known:
                return known[lemma]
    return DEFAULT_ACT


def verb_lemmas(word: str) -> list[str]:
    """The lemmas an English verb form may have: believes -> believe, planned -> plan,
    worried -> worry; the word itself first."""
    found = [word]
    for ending, back in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)] + back
            found.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not back:      # planned -> plan
                found.append(stem[:-1])
    return found


__all__ = ["ACTS", "DEFAULT_ACT", "act_of_words", "cue_table", "verb_lemmas"]
