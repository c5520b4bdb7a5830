"""Whether a read article is one the English pipeline can analyse: not too long, and English.

A large run meets pages in other languages and pages that are not articles at all; each is
refused with a reason (an ``InputError``) instead of filling the store with noise.
"""
from __future__ import annotations

import dataclasses
from functools import cache

from ..errors import InputError
from ..model import Article, text_without

MAX_TEXT_CHARS = 1_000_000   # spaCy's own max_length; a longer "article" is a dump, not news
MIN_LETTERS = 200            # below this, language identification is guesswork: kept as English
SAMPLE_CHARS = 4000          # the opening of an article tells its language; keeps the cost flat
SURE = 0.9                   # refuse only what the identifier is this sure is another language
NOT_ENGLISH = 0.01           # ...or what it is this sure is not English: close languages (Malay and
                             # Indonesian) share its belief, so no one of them reaches SURE


@cache
def _identifier():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """The language of ``text`` as an ISO 639-1 code, and how sure the identifier is (0–1)."""
    code, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return code, float(probability)


def english_probability(text: str) -> float:
    """How likely the identifier finds it that ``text`` is English (0–1)."""
    return float(dict(_identifier().rank(text[:SAMPLE_CHARS])).get("en", 0.0))


def screen(article: Article) -> Article:
    """``article`` with its language set, or an InputError saying why it is not analysed."""
    subject = article.source or article.id[:12]
    if len(article.text) > MAX_TEXT_CHARS:
        raise InputError(subject, f"text too long to be an article ({len(article.text):,} characters; "
                                  f"the limit is {MAX_TEXT_CHARS:,})")
    body = _body(article)
    if sum(c.isalpha() for c in body[:SAMPLE_CHARS]) < MIN_LETTERS:
        return article
    code, sure = identify_language(body)
    if code != "en" and (sure >= SURE or english_probability(body) < NOT_ENGLISH):
        raise InputError(subject, f"not in English (identified as '{code}', {sure:.0%} sure); "
                                  "only English articles are analysed")
    return article if article.language == "en" else dataclasses.replace(article, language="en")


def _body(article: Article) -> str:
    """The text without its boilerplate (menus and widgets are often English on any site)."""
    return text_without(article.text, article.boilerplate)


__all__ = ["screen", "identify_language", "english_probability", "MAX_TEXT_CHARS"]
