"""Every statement candidate of a parsed article, from all passes, without overlaps."""
from __future__ import annotations

from .marked import colon_lines, passive_sources, source_phrases
from .statements import RULE_CONFIDENCE, Candidate, Parse, according_to, direct, overlaps, reported


def find_candidates(p: Parse, paragraphs: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates in text order. Direct quotations come first; where two others overlap,
    the surer form wins ("…, according to X" over a verb inside its content)."""
    found = direct(p, paragraphs)
    taken = {c.cue.i for c in found if c.cue is not None}
    others = (reported(p, taken) + according_to(p) + colon_lines(p, paragraphs) + source_phrases(p)
              + passive_sources(p))
    for cand in sorted(others, key=lambda c: -RULE_CONFIDENCE.get(c.rule, 0.5)):
        if not any(overlaps(cand, other) for other in found):
            found.append(cand)
    return sorted(found, key=lambda c: c.start)

