"""Who a pronoun or a description most likely points back to, and whether that is clear.

Each mention of a person or organisation before the pronoun gives that referent a salience
(its strongest mention counts): more when it is recent (``DECAY`` for each sentence back), when
it is a subject (or a statement's speaker), most when the subject of a sentence's main clause
rather than of a clause inside it ("Cruz won, Stovall said": Stovall), less inside a prepositional phrase or a
possessive ("like Trump, Rubio holds …"), and little inside a quotation. A referent wins only when it is
clearly ahead of the next one (more than ``MARGIN`` times as salient: a subject against an
object of the same sentence is not enough); otherwise the answer is nobody,
because a wrong name is worse than none. Agreement (gender, person or group) is decided by
the caller's ``fits``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

WINDOW = 3            # sentences back that can hold an antecedent
MARGIN = 2.0          # the winner must be more than this many times as salient as the next
DECAY = 0.4           # salience kept per sentence back
SUBJECT_WEIGHT = 3.0
MINOR_WEIGHT = 0.5
EMBEDDED_WEIGHT = 0.4  # a subject of a clause inside another counts a little more than an object
QUOTED_WEIGHT = 0.1   # a name inside someone's quotation is rarely whom the writer's "he" means


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    referent: str          # the profile name it denotes
    subject: bool          # a clause's subject, or a statement's speaker
    quoted: bool           # inside a quotation
    minor: bool = False    # inside a prepositional phrase or a possessive
    embedded: bool = False  # a subject of a clause inside the main one ("Cruz" in "Cruz won, he said")


@dataclass(frozen=True, slots=True)
class Choice:
    referent: str
    mention: Mention       # its latest mention before the pronoun: the antecedent shown
    margin: float          # winner's salience over the runner-up's (inf when alone)
    minor: bool = False    # the winner is named only in asides (prepositional phrases, possessives) of earlier sentences


class MentionIndex:
    """Mentions of one article in text order, with sentence numbers for distances."""

    def __init__(self, sentence_starts: Sequence[int]):
        self.sentence_starts = list(sentence_starts)
        self.mentions: list[Mention] = []
        self._starts: list[int] = []

    def sentence_of(self, char: int) -> int:
        return bisect_right(self.sentence_starts, char) - 1

    def add(self, mention: Mention) -> None:
        """Add a mention; one that overlaps a known mention replaces it (a resolved speaker
        mention "Mr. Obama" over the name "Obama" in it), so nothing counts twice."""
        i = bisect_left(self._starts, mention.start)
        for j in (i - 1, i):
            if 0 <= j < len(self.mentions) and self.mentions[j].start < mention.end \
                    and mention.start < self.mentions[j].end:
                del self.mentions[j], self._starts[j]
                i = bisect_left(self._starts, mention.start)
                break
        self._starts.insert(i, mention.start)
        self.mentions.insert(i, mention)

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start within [start, end)."""
        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def before(self, at: int) -> list[Mention]:
        """Mentions that end before ``at`` within the window of sentences."""
        floor = self.sentence_starts[max(0, self.sentence_of(at) - WINDOW)] if self.sentence_starts else 0
        lo, hi = bisect_left(self._starts, floor), bisect_left(self._starts, at)
        return [m for m in self.mentions[lo:hi] if m.end <= at]

    def choose(self, at: int, fits: Callable[[str], float],
               skip: Callable[[Mention], bool] = lambda m: False) -> Choice | None:
        """The clearly most salient referent before ``at``; ``fits`` weighs how well a
        referent agrees with the pronoun (0: not at all), ``skip`` drops mentions."""
        score, latest, in_asides_only = self._salience(at, fits, skip)
        if not score:
            return None
        ranked = sorted(score, key=score.__getitem__, reverse=True)
        top = ranked[0]
        runner = score[ranked[1]] if len(ranked) > 1 else 0.0
        if runner and score[top] <= MARGIN * runner:
            return None
        return Choice(top, latest[top], score[top] / runner if runner else float("inf"), in_asides_only[top])

    def choose_pair(self, at: int, fits: Callable[[str], float],
                    skip: Callable[[Mention], bool] = lambda m: False) -> tuple[Choice, Choice] | None:
        """The only two referents within the window ("both candidates" after an article's
        paragraph on Clinton and Sanders), neither named only in asides: with a third, which
        two is a guess."""
        score, latest, in_asides_only = self._salience(at, fits, skip)
        if len(score) != 2 or any(in_asides_only.values()):
            return None
        first, second = (Choice(r, latest[r], float("inf")) for r in score)
        return first, second

    def _salience(self, at: int, fits: Callable[[str], float], skip: Callable[[Mention], bool]
                  ) -> tuple[dict[str, float], dict[str, Mention], dict[str, bool]]:
        """Each fitting referent's salience before ``at``, its latest mention, and whether it
        is named only in asides of earlier sentences."""
        here = self.sentence_of(at)
        score: dict[str, float] = defaultdict(float)
        latest: dict[str, Mention] = {}
        in_asides_only: dict[str, bool] = {}
        for m in self.before(at):
            agree = fits(m.referent)
            if agree <= 0 or skip(m):
                continue
            weight = DECAY ** (here - self.sentence_of(m.start))
            weight *= SUBJECT_WEIGHT if m.subject else (MINOR_WEIGHT if m.minor else 1.0)
            weight *= EMBEDDED_WEIGHT if m.subject and m.embedded else 1.0
            weight *= QUOTED_WEIGHT if m.quoted else 1.0
            score[m.referent] = max(score[m.referent], weight * agree)
            aside = m.minor and not m.subject and self.sentence_of(m.start) < here
            in_asides_only[m.referent] = in_asides_only.get(m.referent, True) and aside
            latest[m.referent] = m
        return score, latest, in_asides_only


__all__ = ["Choice", "MARGIN", "Mention", "MentionIndex", "WINDOW"]
