"""What a statement's source did, in the words every view uses for it (the CLI's tables, the
web pages, the digest), so a thought reads as a thought wherever it is shown."""
from __future__ import annotations

from .acts import DEFAULT_ACT


def act_label(act: str | None, negated: bool = False) -> str:
    """"speech", "thought" or "evidence"; "negated thought" when the article says the source
    did not ("did not intend"). A row or record without an act is words given out, as
    ``acts`` reads one."""
    name = act or DEFAULT_ACT
    return f"negated {name}" if negated else name


__all__ = ["act_label"]
