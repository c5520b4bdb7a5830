"""One statement of a list as HTML: every value escaped, links to its speakers, article,
quote and source, and the parts a page leaves out left out."""
from __future__ import annotations

from onrecord.serve.statement_html import statement_html

ROW = {"article_id": "a/1", "sid": "s2", "kind": "direct", "text": 'the "deal" <is> done', "words": None,
       "cue": "said", "speaker_name": "Ana Ruiz", "speaker_id": 7, "speakers": [{"id": 7, "name": "Ana <Ruiz>"}],
       "act": "thought", "negated": True, "site": "example.org", "published": "2024-03-01T10:00:00",
       "quote_id": 3, "quote_articles": 4, "title": "Harbour & town", "source": "https://example.org/a?x=1&y=2"}


def test_every_value_is_escaped_and_linked() -> None:
    html = str(statement_html(ROW))
    assert "<blockquote>the &#34;deal&#34; &lt;is&gt; done</blockquote>" in html
    assert '<a href="/speakers/7">Ana &lt;Ruiz&gt;</a>' in html
    assert '<span class="act a-thought negated">negated thought</span>' in html
    assert '<time datetime="2024-03-01">2024-03-01</time>' in html
    assert '<a class="also" href="/quotes/3">same words in 4 articles</a>' in html
    assert '<a class="to-article" href="/articles/a%2F1#st-s2">Harbour &amp; town</a>' in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html


def test_a_page_leaves_out_what_it_shows_elsewhere() -> None:
    html = str(statement_html(ROW, show_speaker=False, show_article=False, show_quote=False))
    assert "/speakers/" not in html and "to-article" not in html and "/quotes/" not in html


def test_a_speaker_not_stored_and_a_source_not_on_the_web() -> None:
    row = dict(ROW, speakers=[], speaker_id=None, speaker_name=None, source="javascript:alert(1)", quote_articles=1)
    html = str(statement_html(row))
    assert '<span class="unknown">unknown speaker</span>' in html
    assert "javascript" not in html and "also" not in html
