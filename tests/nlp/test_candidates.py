"""Settling overlaps between statement candidates (``nlp/candidates.py``)."""
from __future__ import annotations

import random

from onrecord.nlp.candidates import _first_of_overlaps
from onrecord.nlp.statements import Candidate, overlaps


def naive(ranked):
    found = []
    for cand in ranked:
        if not any(overlaps(cand, other) for other in found):
            found.append(cand)
    return found


def test_only_neighbours_are_compared_and_the_result_is_the_same_as_comparing_all():
    rng = random.Random(7)
    for _ in range(200):
        ranked = []
        for _ in range(rng.randint(1, 40)):
            start = rng.randint(0, 500)
            ranked.append(Candidate("indirect", start, start + rng.randint(1, 120), None, None, "ccomp"))
        assert _first_of_overlaps(ranked) == naive(ranked)


def test_the_better_of_two_overlapping_candidates_is_kept():
    better = Candidate("direct", 10, 60, None, None, "direct")
    worse = Candidate("indirect", 20, 70, None, None, "ccomp")
    apart = Candidate("indirect", 80, 90, None, None, "ccomp")
    assert _first_of_overlaps([better, worse, apart]) == [better, apart]
