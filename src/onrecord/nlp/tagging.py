"""spaCy's attribute ruler and lemmatizer as one component that does the same with arrays.

The stock pipes run a Matcher of ~180 patterns and a rule lemmatizer token by token in
Python, which costs about a fifth of the whole parse. Here the same patterns and the same
lemmatizer (spaCy's own data, rules and code) are evaluated once per distinct token
*signature* — the token attributes the patterns test, plus the values they may overwrite —
and the results are written back with ``Doc.from_array``. Patterns longer than one token
(a handful: "gon na", "there is") still go through a spaCy Matcher, and every result is
applied in the ruler's order, so that a later pattern wins as it does in the ruler.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:                      # spaCy's array type (thinc is spaCy's, not ours)
    from thinc.types import Ints2d

FACTORY = "onrecord_tags_lemmas"
# Attributes a single-token pattern may test here: string-valued ones (compared as strings),
# the coarse POS, and boolean lexical flags. Anything else sends the pattern to the Matcher.
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER",
               "LIKE_NUM", "IS_STOP")
_ARRAY_OUTPUTS = {POS, TAG, MORPH, LEMMA, DEP}       # safe to write with Doc.from_array
_CACHE_LIMIT = 500_000                                # signatures kept before the caches restart


class _Test:
    """One token spec of a pattern as a predicate on a token signature."""

    def __init__(self, column: int, kind: str, value):
        self.column, self.kind, self.value = column, kind, value

    def __call__(self, values: tuple) -> bool:
        got = values[self.column]
        if self.kind == "eq":
            return got == self.value
        if self.kind == "in":
            return got in self.value
        if self.kind == "not_in":
            return got not in self.value
        return self.value.search(got) is not None            # regex, on the string


class TagsAndLemmas:
    """The fused attribute ruler + lemmatizer. Built empty by the factory; ``adopt`` takes the
    stock pipes' patterns and lemmatizer."""

    def __init__(self, vocab, name: str = FACTORY):
        self.vocab = vocab
        self.name = name
        self.lemmatizer: Lemmatizer | None = None

    # ------------------------------------------------------------------ compiling
    def adopt(self, ruler, lemmatizer) -> bool:
        """Compile the ruler's patterns; False (and nothing changed) when the pair cannot be
        reproduced exactly here (another lemmatizer mode, unsupported attribute values)."""
        if getattr(lemmatizer, "mode", None) not in ("rule", "lookup"):
            return False
        outputs = sorted({attr for attrs in ruler.attrs for attr in attrs})
        if not set(outputs) <= _ARRAY_OUTPUTS | {NORM} or any(
                not isinstance(v, int) for attrs in ruler.attrs for v in attrs.values()):
            return False
        single: list[tuple[int, list[_Test]]] = []         # (pattern id, tests on one token)
        multi = Matcher(self.vocab, validate=False)
        columns: list[str] = []

        def column(attr: str) -> int:
            if attr not in columns:
                columns.append(attr)
            return columns.index(attr)

        anchors: list[tuple[str, frozenset[str]] | None] = []
        for key, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                tests = _compile(pattern, column) if len(pattern) == 1 else None
                if tests is None:
                    multi.add(str(key), [pattern])
                    anchors.append(_anchor(pattern))
                else:
                    single.append((key, tests))
        # The Matcher only runs on a doc holding a word that every such pattern needs one of.
        self.anchors: dict[int, set[int]] | None = None
        if None not in anchors:                 # string hashes do not depend on the vocab
            self.anchors = {}
            for attr, words in cast(list[tuple[str, frozenset[str]]], anchors):   # no None, as tested
                self.anchors.setdefault(column(attr), set()).update(self.vocab.strings.add(w) for w in words)
        self.columns = columns
        self.read = [IDS[c] for c in columns]
        self.outputs = outputs
        self.array_outputs = [a for a in outputs if a in _ARRAY_OUTPUTS]
        # Each pattern is filed under one of its equality tests (the most selective one), so
        # a new signature is checked against the few patterns that can match it, not all.
        rank = {c: n for n, c in enumerate(("ORTH", "LOWER", "NORM", "LEMMA", "DEP", "TAG", "POS"))}
        self.anywhere: list[tuple[int, list[_Test]]] = []
        self.filed: dict[tuple[int, object], list[tuple[int, list[_Test]]]] = {}
        for key, tests in single:
            eq = [t for t in tests if t.kind == "eq"]
            if not eq:
                self.anywhere.append((key, tests))
                continue
            best = min(eq, key=lambda t: rank.get(columns[t.column], len(rank)))
            self.filed.setdefault((best.column, best.value), []).append((key, tests))
        self.multi = multi if len(multi) else None
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.lemmatizer = lemmatizer
        self._signatures: dict[tuple, tuple] = {}
        self._lemmas: dict[tuple, int] = {}
        # spaCy's rule lemmatizer tests `form in index` on lists of tens of thousands of
        # words; the same words as sets give the same answers without the linear scans.
        index = lemmatizer.lookups.get_table("lemma_index", None)
        for pos, words in list(index.items()) if index is not None else ():
            if isinstance(words, list):
                index[pos] = frozenset(words)
        return True

    # ------------------------------------------------------------------ running
    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            self._rule(doc)
            self._lemmatize(doc)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _rule(self, doc: Doc) -> None:
        n_read = len(self.read)
        table = doc.to_array(self.read + self.outputs)
        rows = list(map(tuple, table.tolist()))
        seen = self._signatures
        if len(seen) > _CACHE_LIMIT:
            seen.clear()
        results = [seen.get(row) or self._signature(row, n_read, doc.vocab) for row in rows]
        extra = self._multi_matches(doc, rows)
        if extra:
            for i, keys in extra.items():
                ids = sorted({*results[i][1], *keys})
                results[i] = (self._apply(rows[i][n_read:], ids), ids)
        new = numpy.array([r[0] for r in results], dtype="uint64").reshape(len(rows), len(self.outputs))
        changed = (new != table[:, n_read:]).any(axis=1)
        if not changed.any():
            return
        cols = [self.outputs.index(a) for a in self.array_outputs]
        doc.from_array(self.array_outputs, _ints(new[:, cols]))
        others = [a for a in self.outputs if a not in _ARRAY_OUTPUTS]
        if others:                           # NORM lives on the token only: spaCy's own setter
            for i in numpy.flatnonzero(changed).tolist():
                set_token_attrs(doc[i], {a: int(new[i, self.outputs.index(a)]) for a in others})

    def _signature(self, row: tuple, n_read: int, vocab) -> tuple:
        """(the outputs after every matching pattern, the ids of those patterns)."""
        strings = self._as_strings(row[:n_read], vocab)
        candidates = [*self.anywhere]
        for col, value in enumerate(strings):
            candidates += self.filed.get((col, value), ())
        ids = sorted({key for key, tests in candidates if all(t(strings) for t in tests)})
        result = (self._apply(row[n_read:], ids), ids)
        self._signatures[row] = result
        return result

    def _as_strings(self, values: tuple, vocab) -> tuple:
        out = []
        for attr, value in zip(self.columns, values):
            if attr == "POS":
                out.append(POS_NAMES.get(value, ""))
            elif attr in _FLAG_ATTRS:
                out.append(bool(value))
            else:
                out.append(vocab.strings[value] if value else "")
        return tuple(out)

    def _apply(self, before: tuple, ids: list[int]) -> tuple:
        values = dict(zip(self.outputs, before))
        for key in ids:                      # in pattern order: a later pattern wins
            values.update(self.attrs[key])
        return tuple(values[a] for a in self.outputs)

    def _multi_matches(self, doc: Doc, rows: list[tuple]) -> dict[int, list[int]]:
        if self.multi is None:
            return {}
        if self.anchors is not None and all(self.anchors[col].isdisjoint([row[col] for row in rows])
                                            for col in self.anchors):
            return {}
        found: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            key = int(doc.vocab.strings[match_id])
            span = doc[start:end]
            found.setdefault(span[self.indices[key]].i, []).append(key)
        return found

    def _lemmatize(self, doc: Doc) -> None:
        # only an adopted component runs (``fuse`` installs one), and ``adopt`` sets the lemmatizer
        lemmatizer = cast(Lemmatizer, self.lemmatizer)
        table = doc.to_array([LEMMA, ORTH, POS, MORPH])
        todo = numpy.arange(len(doc)) if lemmatizer.overwrite else numpy.flatnonzero(table[:, 0] == 0)
        if not len(todo):
            return
        lemmas = self._lemmas
        if len(lemmas) > _CACHE_LIMIT:
            lemmas.clear()
            lemmatizer.cache.clear()
        out = table[:, 0].copy()
        for i, key in zip(todo.tolist(), map(tuple, table[todo, 1:].tolist())):
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = doc.vocab.strings.add(lemmatizer.lemmatize(doc[i])[0])
            out[i] = lemma
        doc.from_array([LEMMA], _ints(out.reshape(-1, 1)))


def _ints(array: numpy.ndarray) -> Ints2d:
    """``array`` as spaCy's ``Doc.from_array`` is typed to take it: thinc's Ints2d is what a
    2-d integer numpy array is (those here come from ``Doc.to_array``, as uint64)."""
    return cast("Ints2d", array)


def _anchor(pattern: list[dict]) -> tuple[str, frozenset[str]] | None:
    """(attribute, words) such that a match needs some token with one of those words: the
    position of the pattern with the fewest, or None when no position names its words."""
    best = None
    for spec in pattern:
        if not isinstance(spec, dict) or spec.get("OP", "1") != "1":
            return None                   # an optional token may be absent: no anchor there
        for attr, value in spec.items():
            attr = attr.upper()
            if attr not in _STRING_ATTRS:
                continue
            if isinstance(value, str):
                words = frozenset([value])
            elif isinstance(value, dict) and list(value) == ["IN"]:
                words = frozenset(value["IN"])
            else:
                continue
            if best is None or len(words) < len(best[1]):
                best = (attr, words)
    return best


def _compile(pattern: list[dict], column) -> list[_Test] | None:
    """Tests for a one-token pattern, or None when it uses anything not handled here."""
    (spec,) = pattern
    tests = []
    for attr, value in spec.items():
        attr = attr.upper()
        if attr in _FLAG_ATTRS:
            if not isinstance(value, bool):
                return None
            tests.append(_Test(column(attr), "eq", value))
        elif attr in _STRING_ATTRS or attr == "POS":
            if isinstance(value, str):
                tests.append(_Test(column(attr), "eq", value))
            elif isinstance(value, dict) and len(value) == 1:
                (op, arg), = value.items()
                if op in ("IN", "NOT_IN") and all(isinstance(v, str) for v in arg):
                    tests.append(_Test(column(attr), op.lower(), frozenset(arg)))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append(_Test(column(attr), "regex", re.compile(arg)))
                else:
                    return None
            else:
                return None
        else:
            return None
    return tests


@Language.factory(FACTORY, assigns=["token.pos", "token.tag", "token.morph", "token.lemma"])
def make_tags_and_lemmas(nlp: Language, name: str) -> TagsAndLemmas:
    return TagsAndLemmas(nlp.vocab, name)


def fuse(nlp: Language, ruler_name: str = "attribute_ruler", lemmatizer_name: str = "lemmatizer") -> bool:
    """Replace the adjacent stock attribute ruler and lemmatizer of ``nlp`` by one
    ``TagsAndLemmas``; False (pipeline untouched) when that cannot be done exactly."""
    names = nlp.pipe_names
    if ruler_name not in names or lemmatizer_name not in names:
        return False
    at = names.index(ruler_name)
    if names.index(lemmatizer_name) != at + 1:
        return False
    ruler, lemmatizer = nlp.get_pipe(ruler_name), nlp.get_pipe(lemmatizer_name)
    component = TagsAndLemmas(nlp.vocab)
    if not component.adopt(ruler, lemmatizer):
        return False
    nlp.remove_pipe(lemmatizer_name)
    nlp.remove_pipe(ruler_name)
    # the factory of FACTORY, registered above, builds a TagsAndLemmas
    added = cast(TagsAndLemmas, nlp.add_pipe(FACTORY, before=names[at + 2] if at + 2 < len(names) else None))
    added.__dict__.update(component.__dict__)
    added.name = FACTORY
    return True
