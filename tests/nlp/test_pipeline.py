"""The pipeline keeps offsets: chunks tile the text, boilerplate is blanked, not cut."""
from __future__ import annotations

import onrecord
from onrecord.model import Article, Span
from onrecord.nlp.pipeline import chunk_bounds, parse_text


def test_parse_text_blanks_boilerplate_and_keeps_length():
    text = "Share\n\nQuote\"Yes,\" she said."
    article = Article(text, boilerplate=(Span.of(text, 0, 5), Span.of(text, 7, 12)))
    blanked = parse_text(article)
    assert len(blanked) == len(text)
    assert blanked == "     \n\n     \"Yes,\" she said."


def test_chunks_tile_the_text_and_cut_at_headings_and_paragraphs():
    text = "Title line\nBody starts here. More.\n\nSecond paragraph."
    article = Article(text, headings=(Span.of(text, 0, 10),))
    chunks = chunk_bounds(text, article)
    assert "".join(text[a:b] for a, b in chunks) == text
    assert [text[a:b].strip() for a, b in chunks] == ["Title line", "Body starts here. More.", "Second paragraph."]


def test_no_sentence_crosses_a_heading(analyzer):
    text = "What about NATO\n\nPutin said that the alliance was expanding."
    article = Article(text, headings=(Span.of(text, 0, 15),))
    (s,) = analyzer.analyse(article).statements
    assert s.speaker.mention.text == "Putin"
    assert s.text == "the alliance was expanding"


def test_amounts_are_linked_to_the_statement_that_holds_them(analyzer):
    text = "The mayor said that more than 2,000 residents had signed the petition."
    article = analyzer.analyse(Article(text))
    (amount,) = article.amounts
    (statement,) = article.statements
    assert amount.text == "more than 2,000 residents" and amount.statement == statement.id


def _spans(record):
    import dataclasses
    from onrecord.model import Span
    if isinstance(record, Span):
        yield record
    elif isinstance(record, tuple):
        for item in record:
            yield from _spans(item)
    elif dataclasses.is_dataclass(record):
        for f in dataclasses.fields(record):
            yield from _spans(getattr(record, f.name))


def test_every_span_of_the_record_is_the_articles_own_words(analyzer):
    # the parser sees '' as " — the record never does
    text = ("The ''Harbour Trust'' has 4,000 members, its chairman said on Monday. "
            "''We are 4,000 strong and growing,'' Ana Ruiz said.")
    article = onrecord.extract(text, analyzer=analyzer)
    spans = list(_spans(article))
    assert len(spans) > 5 and any(a.about for a in article.amounts)
    assert [s for s in spans if text[s.start:s.end] != s.text] == []


def test_a_content_that_ends_on_two_apostrophes_keeps_both(analyzer):
    text = "Okafor said the ferry plan was ''dead on arrival.''"
    (s,) = onrecord.extract(text, analyzer=analyzer).statements
    assert s.text == "the ferry plan was ''dead on arrival.''"
    assert text[s.start:s.end] == s.text
