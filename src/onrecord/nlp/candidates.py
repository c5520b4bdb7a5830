"""Every statement candidate of a parsed article, from all passes, without overlaps."""
from __future__ import annotations

from typing import Protocol

from .marked import colon_lines, passive_sources, source_phrases
from .sifting import sift
from .statements import RULE_CONFIDENCE, Candidate, Parse, according_to, direct, overlaps, reported


class Rescorer(Protocol):
    """A trained judge of candidates (see ``onrecord.learn``)."""
    threshold: float

    def score(self, cand: Candidate, parse: Parse) -> float: ...


def all_candidates(p: Parse, paragraphs: list[tuple[int, int]], wide: bool = False) -> list[Candidate]:
    """What every pass proposes, overlaps included; direct quotations first."""
    found = direct(p, paragraphs)
    taken = {c.cue.i for c in found if c.cue is not None}
    return found + (reported(p, taken, wide) + according_to(p) + colon_lines(p, paragraphs)
                    + source_phrases(p) + passive_sources(p))


def find_candidates(p: Parse, paragraphs: list[tuple[int, int]],
                    rescorer: Rescorer | None = None) -> list[Candidate]:
    """Candidates in text order. Without a rescorer direct quotations come first, and where
    two others overlap the surer form wins ("…, according to X" over a verb inside its
    content); with one, candidates below its threshold go and the likelier of two wins.
    What is no statement at all (``sifting``) goes first, so that it wins no overlap."""
    pool = sift(all_candidates(p, paragraphs, wide=rescorer is not None), p, paragraphs)
    if rescorer is None:
        rank = {id(c): (c.rule in ("direct", "signed", "continued"), RULE_CONFIDENCE.get(c.rule, 0.5)) for c in pool}
    else:
        for cand in pool:
            cand.score = rescorer.score(cand, p)
        pool = [c for c in pool if c.score >= rescorer.threshold]
        rank = {id(c): (c.score,) for c in pool}
    found: list[Candidate] = []
    for cand in sorted(pool, key=lambda c: rank[id(c)], reverse=True):
        if not any(overlaps(cand, other) for other in found):
            found.append(cand)
    return sorted(found, key=lambda c: c.start)
