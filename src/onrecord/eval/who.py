"""Who each speaker *is*: the resolved speaker names against a "who" annotation of a brat corpus.

A brat Source is the words written ("he", "the Democratic nominee"), so a statement whose
speaker mention overlaps it counts as right even when "he" was resolved to the wrong man. A who
annotation adds, for every Source, the entity it refers to:

    WHO_DIR/NAME.tsv     for DIR/text/NAME.txt: a header line, then one row per attribution
                         eid  start  end  mention  context  referent  type

``eid`` is the attribution's E id in the article's (first) .ann file. ``referent`` is a canonical
name ("Donald Trump"), with alternatives after ``|`` ("FBI|Federal Bureau of Investigation"),
several referents joined by `` ; ``, ``-`` when there is no nameable referent, ``author`` for
the writer's own voice and ``?`` when undecidable (not scored).

The measure is the one the annotation's README defines and the reference scorer
(shared/tools/score.py ``who``) computes, reproduced here so that the figures agree: statements
are matched one to one to the contents of the annotated attributions at ggt@0.3 (the others take
no part), and each match with a referent is judged by the names it gives:

- named referent: ``full`` for the same person's name (titles, middle names, initials, case and
  "Tim"/"Timothy" aside), ``partial`` for a bare surname or first name of the right person,
  ``untidy`` for the right name with up to three junk words in front ("Rip Donald Trump"),
  ``abstain`` when no name is given and ``wrong`` otherwise; several referents need every one
  of them and no other name;
- unnamed referent (``-``, ``author``): named wrongly when a name given is one of a named
  referent of the same article.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Statement
from .brat import GoldAttribution, GoldDocument, span_text
from .scoring import MEASURES, context, locate, match

FIELDS = ("eid", "start", "end", "mention", "context", "referent", "type")
WHO_MEASURE = "ggt@0.3"                       # how statements are matched to the annotated contents
UNDECIDABLE = "?"
UNNAMED = frozenset({"-", "author"})          # no nameable referent; the writer's own voice
REFERENT_SEP, ALTERNATIVE_SEP = " ; ", "|"

FULL, PARTIAL, UNTIDY, WRONG, ABSTAIN = "full", "partial", "untidy", "wrong", "abstain"
NAMED_WRONGLY = "unnamed_named_wrongly"
# How good a match is, as the reference ranks them: a bare surname above junk before a full name.
_RANK = {FULL: 3, PARTIAL: 2, UNTIDY: 1, None: 0}

# Words written with a name that do not identify the person (the reference's list).
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
                    "secretary", "the", "former", "vice", "prof", "sir", "madam", "lady", "gen", "general",
                    "judge", "justice", "rev", "house", "speaker", "attorney", "candidate", "nominee"})
SUFFIXES = frozenset({"ii", "iii", "iv", "sr"})     # "Jr." stays: the son is another person
_PUNCTUATION = re.compile(r"[.,'’\"“”()]")
_EID = re.compile(r"E\d+")

Referent = tuple[str, ...]                    # one entity's names: the canonical one and its alternatives


@dataclass(frozen=True, slots=True)
class WhoRow:
    """One annotated Source: whom it refers to."""
    eid: str
    referent: str                # as written: names, "-", "author" or "?"
    type: str                    # person, org, people, group, anonymous, document, author, unclear


WhoAnnotation = dict[str, dict[str, WhoRow]]  # document name -> E id -> row


# -- reading the annotation ------------------------------------------------------------------

def _row(line: str, where: str) -> WhoRow:
    """One TSV line as a row; InputError saying what is wrong with it."""
    fields = line.split("\t")
    if len(fields) != len(FIELDS):
        raise InputError(where, f"{len(fields)} tab-separated fields, expected {len(FIELDS)} "
                                f"({' '.join(FIELDS)})")
    eid, start, end, referent, kind = (fields[i].strip() for i in (0, 1, 2, 5, 6))
    if not _EID.fullmatch(eid):
        raise InputError(where, f"eid {eid!r} is not a brat E id (E1, E2, ...)")
    if not (start.isdigit() and end.isdigit()):
        raise InputError(where, f"start and end must be character offsets, got {start!r} and {end!r}")
    if not referent:
        raise InputError(where, f"{eid} has no referent (a name, '-', 'author', or '?' when undecidable)")
    return WhoRow(eid, referent, kind)


def read_tsv(path: Path) -> dict[str, WhoRow]:
    """One article's rows by E id. Lines are split on "\\n" only, so that a context holding a
    line separator of another kind (U+2028...) stays one row."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8") from None
    except OSError as err:
        raise InputError(str(path), f"cannot read ({err.strerror or err.__class__.__name__})") from None
    if lines[0].split("\t")[0].strip() != FIELDS[0]:
        raise InputError(f"{path}:1", f"no header line ({' '.join(FIELDS)})")
    rows: dict[str, WhoRow] = {}
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        row = _row(line, f"{path}:{n}")
        if row.eid in rows:
            raise InputError(f"{path}:{n}", f"{row.eid} is annotated twice")
        rows[row.eid] = row
    return rows


def load_who(who_dir: str | os.PathLike[str], docs: Iterable[GoldDocument]) -> WhoAnnotation:
    """The who rows of the corpus documents that have a TSV (``WHO_DIR/NAME.tsv``); an
    InputError when none has, since the figures would then measure nothing."""
    folder = Path(who_dir)
    if not folder.is_dir():
        raise InputError(str(who_dir), "no such directory" if not folder.exists() else "not a directory")
    names = [doc.name for doc in docs]
    found = {name: read_tsv(folder / f"{name}.tsv") for name in names if (folder / f"{name}.tsv").is_file()}
    if not found:
        raise InputError(str(who_dir), f"no who annotation for any of the {len(names)} annotated articles "
                                       "(expected NAME.tsv for each DIR/text/NAME.txt)")
    return found


# -- comparing names -------------------------------------------------------------------------

def name_words(name: str) -> list[str]:
    """The words that identify a person, lower case, without punctuation, titles, initials and
    generational suffixes, so that "Sen. Timothy M. Kaine" and "Tim Kaine" can be compared."""
    words = _PUNCTUATION.sub(" ", name.lower()).replace("-", " ").split()
    return [w for w in words if len(w) > 1 and w not in TITLES and w not in SUFFIXES]


def _same_first_name(a: str, b: str) -> bool:
    """Equal, or one the short form of the other ("Tim" and "Timothy")."""
    return a == b or (len(a) > 2 and len(b) > 2 and (a.startswith(b) or b.startswith(a)))


def name_match(given: str, gold: str) -> str | None:
    """How a name given to a statement matches one gold name: FULL, PARTIAL, UNTIDY or None."""
    p, g = name_words(given), name_words(gold)
    if not p or not g:
        return None
    if p == g or "".join(p) == "".join(g):
        return FULL
    if len(p) >= 2 and len(g) >= 2 and _same_first_name(p[0], g[0]) and p[-1] == g[-1] != "jr":
        return FULL
    if len(p) == 1 and len(g) >= 2 and p[0] in (g[0], g[-1]):
        return PARTIAL
    if 2 <= len(g) < len(p) <= len(g) + 3 and p[-len(g):] == g:
        return UNTIDY
    return None


def referents(value: str) -> tuple[Referent, ...]:
    """``Hillary Clinton ; FBI|Federal Bureau of Investigation`` -> each entity with its names."""
    return tuple(tuple(ref.split(ALTERNATIVE_SEP)) for ref in value.split(REFERENT_SEP))


def referent_match(given: str, ref: Referent) -> str | None:
    """The best match of a name to any of one entity's names."""
    return max((name_match(given, alt) for alt in ref), key=_RANK.__getitem__)


def judge_named(names: list[str], refs: tuple[Referent, ...]) -> str:
    """The outcome for a named referent: each entity must be named, and no one else."""
    if not names:
        return ABSTAIN
    per_ref = [max((referent_match(n, ref) for n in names), key=_RANK.__getitem__) for ref in refs]
    stray = any(all(referent_match(n, ref) is None for ref in refs) for n in names)
    if stray or None in per_ref:
        return WRONG
    if all(kind == FULL for kind in per_ref):
        return FULL
    return UNTIDY if UNTIDY in per_ref else PARTIAL


def article_referents(rows: Iterable[WhoRow]) -> list[Referent]:
    """Every named entity an article's annotation refers to (what an unnamed source must not be called)."""
    found = {ref for row in rows for ref in row.referent.split(REFERENT_SEP)
             if ref not in UNNAMED and ref not in (UNDECIDABLE, "")}
    return [tuple(ref.split(ALTERNATIVE_SEP)) for ref in sorted(found)]


def statement_names(st: Statement) -> list[str]:
    """The names a statement gives: all its speakers when it lists several, else the resolved one."""
    names = [n for n in st.speakers if n]
    return names or ([st.speaker.name] if st.speaker.name else [])


# -- scoring ---------------------------------------------------------------------------------

def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class WhoResult:
    """The who counts, summed over articles, and their rates (0.0 when there is nothing to count)."""
    who_dir: str = ""
    articles: int = 0                # corpus articles with a who TSV
    matched: int = 0                 # matched attributions with a decidable referent
    named: int = 0
    unnamed: int = 0
    full: int = 0
    partial: int = 0
    untidy: int = 0
    wrong: int = 0
    abstain: int = 0
    unnamed_named_wrongly: int = 0

    @property
    def right(self) -> int:
        return self.full + self.partial + self.untidy

    def rates(self) -> dict[str, float]:
        """The reported rates, by the reference scorer's names."""
        n = self.named
        return {"who_full_acc": _ratio(self.full, n), "who_lenient_acc": _ratio(self.right, n),
                "who_untidy_rate": _ratio(self.untidy, n), "who_surname_only_rate": _ratio(self.partial, n),
                "who_wrong_rate": _ratio(self.wrong, n), "who_abstain_rate": _ratio(self.abstain, n),
                "who_name_precision": _ratio(self.right, self.right + self.wrong),
                "unnamed_named_wrongly_rate": _ratio(self.unnamed_named_wrongly, self.unnamed),
                "who_overall_acc": _ratio(self.right + self.unnamed - self.unnamed_named_wrongly,
                                          self.named + self.unnamed)}

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        out: dict[str, Any] = {"who_dir": self.who_dir, "articles": self.articles,
                               "matched_attributions": self.matched, "named": self.named, "unnamed": self.unnamed}
        out.update((k, getattr(self, k)) for k in (FULL, PARTIAL, UNTIDY, WRONG, ABSTAIN, NAMED_WRONGLY))
        out.update((k, round(v, digits)) for k, v in self.rates().items())
        return out


def matched_statements(doc: GoldDocument, golds: list[GoldAttribution],
                       article: Article | None) -> list[tuple[int, Statement]]:
    """(gold index, statement) at ggt@0.3, matched among ``golds`` alone: as in the reference, an
    attribution without a who row cannot take a statement from one that has a row."""
    if article is None:
        return []
    _name, theta, symmetric = next(m for m in MEASURES if m[0] == WHO_MEASURE)
    spans = [locate(st, article.text, doc.text) for st in article.statements]
    located = [i for i, s in enumerate(spans) if s]
    pairs = match([g.content for g in golds], [spans[i] for i in located], theta, symmetric)
    return sorted((gi, article.statements[located[pi]]) for gi, pi in pairs)


def _error(doc: GoldDocument, gold: GoldAttribution, row: WhoRow, names: list[str], outcome: str) -> dict[str, Any]:
    """A wrongly named speaker, for the --errors file."""
    text, start, end = doc.text, gold.content[0][0], gold.content[-1][1]
    around = [start, end, *(x for span in gold.source for x in span)]
    return {"error": "wrong_name", "outcome": outcome, "document": doc.name, "eid": gold.eid,
            "start": start, "end": end, "text": span_text(text, gold.content, " … "),
            "source": span_text(text, gold.source, " … ") or None, "referent": row.referent, "type": row.type,
            "names": names, "context": context(text, min(around), max(around))}


@dataclass
class WhoScorer:
    """Judges the names of matched statements, article by article (``add``)."""
    annotation: WhoAnnotation
    result: WhoResult = field(default_factory=WhoResult)
    keep_errors: bool = False
    errors: list[dict[str, Any]] = field(default_factory=list)     # wrong names, when kept

    def add(self, doc: GoldDocument, article: Article | None) -> None:
        rows = self.annotation.get(doc.name)
        if rows is None:
            return
        self.result.articles += 1
        golds = [g for g in doc.gold if g.eid in rows]
        others = article_referents(rows[g.eid] for g in golds)
        for gi, st in matched_statements(doc, golds, article):
            self._judge(doc, golds[gi], rows[golds[gi].eid], statement_names(st), others)

    def _judge(self, doc: GoldDocument, gold: GoldAttribution, row: WhoRow, names: list[str],
               others: list[Referent]) -> None:
        if row.referent == UNDECIDABLE:
            return
        r = self.result
        r.matched += 1
        if row.referent in UNNAMED:
            r.unnamed += 1
            named_wrongly = any(referent_match(n, ref) for n in names for ref in others)
            outcome = NAMED_WRONGLY if named_wrongly else None
        else:
            r.named += 1
            outcome = judge_named(names, referents(row.referent))
        if outcome is not None:
            setattr(r, outcome, getattr(r, outcome) + 1)
        if self.keep_errors and outcome in (WRONG, NAMED_WRONGLY):
            self.errors.append(_error(doc, gold, row, names, outcome))


__all__ = ["WhoRow", "WhoAnnotation", "WhoResult", "WhoScorer", "load_who", "read_tsv", "name_words",
           "name_match", "referents", "referent_match", "judge_named", "statement_names", "FULL", "PARTIAL",
           "UNTIDY", "WRONG", "ABSTAIN", "NAMED_WRONGLY"]
