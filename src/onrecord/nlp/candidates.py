"""Every statement candidate of a parsed article, from all passes, without overlaps."""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, insort
from typing import Protocol

from .marked import colon_lines, passive_sources, source_phrases
from .sifting import cue_line, sift
from .direct import direct
from .according import according_to
from .statements import RULE_CONFIDENCE, Candidate, Parse, overlaps, reported


class Rescorer(Protocol):
    """A trained judge of candidates (see ``onrecord.learn``)."""
    threshold: float

    def score(self, cand: Candidate, parse: Parse) -> float: ...


def all_candidates(p: Parse, paragraphs: list[tuple[int, int]], wide: bool = False) -> list[Candidate]:
    """What every pass proposes, overlaps included; direct quotations first."""
    found = direct(p, paragraphs)
    taken = {c.cue.i for c in found if c.cue is not None}
    others = (reported(p, taken, wide) + according_to(p) + colon_lines(p, paragraphs)
              + source_phrases(p) + passive_sources(p))
    return found + [in_cue_paragraph(c, p.text, paragraphs) for c in others]


def in_cue_paragraph(c: Candidate, text: str, paragraphs: list[tuple[int, int]]) -> Candidate:
    """A reported content kept to its cue's line: a reported clause does not run on over the
    end of a headline into the report under it, nor from one list item into the next. A
    content wholly on another line is left whole, for sifting to refuse."""
    line = cue_line(c, text, paragraphs)
    if line is None or "\n" not in text[c.start:c.end]:
        return c
    start, end = max(c.start, line[0]), min(c.end, line[1])
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return c if start >= end else dataclasses.replace(c, start=start, end=end)


def find_candidates(p: Parse, paragraphs: list[tuple[int, int]],
                    rescorer: Rescorer | None = None) -> list[Candidate]:
    """Candidates in text order. Without a rescorer direct quotations come first, and where
    two others overlap the surer form wins ("…, according to X" over a verb inside its
    content); with one, candidates below its threshold go and the likelier of two wins.
    What is no statement at all (``sifting``) goes first, so that it wins no overlap."""
    pool = sift(all_candidates(p, paragraphs, wide=rescorer is not None), p, paragraphs)
    rank: dict[int, tuple[float, ...]]
    if rescorer is None:
        rank = {id(c): (c.rule in ("direct", "signed", "continued"), RULE_CONFIDENCE.get(c.rule, 0.5)) for c in pool}
    else:
        scores: dict[int, float] = {}       # the same scores, typed as never None
        for cand in pool:
            cand.score = scores[id(cand)] = rescorer.score(cand, p)
        pool = [c for c in pool if scores[id(c)] >= rescorer.threshold]
        rank = {id(c): (scores[id(c)],) for c in pool}
    return sorted(_first_of_overlaps(sorted(pool, key=lambda c: rank[id(c)], reverse=True)),
                  key=lambda c: c.start)


def _first_of_overlaps(ranked: list[Candidate]) -> list[Candidate]:
    """The candidates, best first, that overlap none taken before them. Only those taken
    that start within the longest one's length before a candidate can overlap it, so each
    looks at its neighbours, not at all: an article of thousands of statements stays linear."""
    taken: list[Candidate] = []          # in rank order
    by_start: list[tuple[int, int]] = []  # (start, index into taken), sorted
    longest = 0
    for cand in ranked:
        lo = bisect_left(by_start, (cand.start - longest, -1))
        hi = bisect_left(by_start, (cand.end, -1))
        if not any(overlaps(cand, taken[k]) for _, k in by_start[lo:hi]):
            insort(by_start, (cand.start, len(taken)))
            taken.append(cand)
            longest = max(longest, cand.end - cand.start)
    return taken
