"""What a speaker resolution says: the names, how they were found, the mention that names the
person and how sure it is (see ``speakers``)."""
from __future__ import annotations

from dataclasses import dataclass

# How sure each way of finding a name is (see model.RESOLUTIONS).
SURENESS = {"name": 0.95, "surname": 0.9, "apposition": 0.9, "relative": 0.85, "descriptor": 0.75,
            "pronoun": 0.7, "continuation": 0.8}


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who a speaker mention denotes, and the evidence."""
    names: tuple[str, ...] = ()
    how: str | None = None                      # one of model.RESOLUTIONS
    antecedent: tuple[int, int] | None = None   # the mention that names the person
    confidence: float = 0.0
    title: str | None = None                    # role words written with the name
    # names the recogniser missed that this resolution found (each with its tokens' indices):
    # ``SpeakerResolver.learn`` makes people of them, so later surnames and pronouns find them
    learned: tuple[tuple[str, tuple[int, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names)


NOBODY = Resolution()


def as_found(found: Resolution, how: str) -> Resolution:
    """The same names found another way (a pronoun standing for a resolved quotation's speaker)."""
    sure = min(found.confidence, SURENESS[how])
    return Resolution(found.names, how, found.antecedent, sure, found.title, found.learned)


__all__ = ["NOBODY", "SURENESS", "Resolution", "as_found"]
