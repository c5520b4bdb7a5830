"""Parse trees kept small enough to walk. spaCy walks a subtree recursively in C, so a
pathological text ("said said said …", thousands of words hung one on the next) overflows the
C stack and kills the process, and finding a word's sentence takes as long as the sentence,
so a "sentence" of a hundred thousand words is read a hundred thousand times over; no input
may do either. A tree deeper (``MAX_DEPTH``) or longer (``MAX_SENTENCE``) than prose ever is
is flattened into pieces of at most ``MAX_SENTENCE`` words, each word hung on its piece's
first: it yields no statement structure, which such text has none of."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
from spacy.attrs import DEP, HEAD
from spacy.tokens import Doc

if TYPE_CHECKING:                      # spaCy's array type (thinc is spaCy's, not ours)
    from thinc.types import Ints2d

MAX_DEPTH = 100        # news sentences stay under ~30 levels
MAX_SENTENCE = 1000    # and under ~150 words


def shallow(doc: Doc) -> Doc:
    """``doc`` with every tree too deep or too long flattened in pieces (in place)."""
    if not len(doc) or not doc.has_annotation("DEP"):
        return doc
    if all(len(sentence) <= MAX_DEPTH for sentence in doc.sents):
        return doc                     # a tree is no deeper than its sentence is long
    arr = doc.to_array([HEAD, DEP]).astype("int64")
    heads = np.arange(len(doc)) + arr[:, 0]
    roots, depth = _roots_and_depths(heads)
    sizes = np.bincount(roots, minlength=len(doc))
    bad = set(roots[depth > MAX_DEPTH].tolist()) | set(np.nonzero(sizes > MAX_SENTENCE)[0].tolist())
    if not bad:
        return doc
    members = [i for i, root in enumerate(roots.tolist()) if root in bad]
    flat_dep, root_dep = doc.vocab.strings.add("dep"), doc.vocab.strings.add("ROOT")
    for n, i in enumerate(members):
        first = members[n - n % MAX_SENTENCE]
        arr[i] = (0, root_dep) if i == first else (first - i, flat_dep)
    # spaCy types the array as thinc's Ints2d, which a 2-d integer numpy array is
    doc.from_array([HEAD, DEP], cast("Ints2d", arr.astype("uint64")))
    return doc


def _roots_and_depths(heads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each token, the root of its tree and its depth, walking each path once."""
    n = len(heads)
    root = np.full(n, -1)
    depth = np.full(n, -1)
    for i in range(n):
        path: list[int] = []
        j = i
        while depth[j] < 0 and heads[j] != j and len(path) <= n:
            path.append(j)
            j = heads[j]
        if depth[j] < 0:                     # j is a root reached for the first time
            depth[j], root[j] = 0, j
        for k in reversed(path):
            depth[k], root[k] = depth[heads[k]] + 1, root[heads[k]]
    return root, depth


__all__ = ["MAX_DEPTH", "shallow"]
