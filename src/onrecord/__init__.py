"""onrecord: the public record of who said what, with its evidence.

    import onrecord
    article = onrecord.extract("path/to/article.txt")          # or a string of text
    for s in article.statements:
        print(s.speaker.name, s.kind, s.text)

Importing onrecord is cheap: the analysis (spaCy, HTML extraction) is imported on the first
use of a name that needs it.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import InputError, OnrecordError, StoreError
from .model import SCHEMA, Amount, Article, DateRef, Entity, Span, Speaker, Statement
from .version import __version__

if TYPE_CHECKING:
    from .api import IngestOptions, extract, extract_all, ingest_paths, read, statements
    from .nlp import Analyzer
    from .store.queries import StatementQuery

# name -> the module that defines it, imported when the name is first asked for
_LAZY = {"extract": "api", "extract_all": "api", "ingest_paths": "api", "read": "api", "statements": "api",
         "IngestOptions": "scale.local", "Analyzer": "nlp", "StatementQuery": "store.queries"}

__all__ = ["extract", "extract_all", "ingest_paths", "IngestOptions", "read", "statements", "StatementQuery",
           "Analyzer", "Article", "Statement", "Speaker", "Span", "Entity", "Amount", "DateRef", "SCHEMA",
           "OnrecordError", "InputError", "StoreError", "__version__"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value                  # looked up once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
