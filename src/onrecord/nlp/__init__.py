"""Analysis: parsed articles to statements, speakers, entities, amounts and dates."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Analyzer


def __getattr__(name: str) -> Any:
    # The analyser (and spaCy with it) loads when first asked for: readers of a store (the
    # web app, the digest, claims) use this package's word lists, never the model.
    if name == "Analyzer":
        from .pipeline import Analyzer

        return Analyzer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Analyzer"]
