"""onrecord: the public record of who said what, with its evidence.

    import onrecord
    article = onrecord.extract("path/to/article.txt")          # or a string of text
    for s in article.statements:
        print(s.speaker.name, s.kind, s.text)
"""
from .api import extract, extract_all, ingest_paths, read, statements
from .errors import InputError, OnrecordError, StoreError
from .model import SCHEMA, Amount, Article, DateRef, Entity, Span, Speaker, Statement
from .nlp import Analyzer

__version__ = "0.1.0"
__all__ = ["extract", "extract_all", "ingest_paths", "read", "statements", "Analyzer", "Article", "Statement",
           "Speaker", "Span", "Entity", "Amount", "DateRef", "SCHEMA", "OnrecordError", "InputError",
           "StoreError", "__version__"]
