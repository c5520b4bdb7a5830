"""Analysis: parsed articles to statements, speakers, entities, amounts and dates."""
from .pipeline import Analyzer

__all__ = ["Analyzer"]
