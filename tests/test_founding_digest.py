"""The founding example organised: its digest reads like its highlights (its own sections,
every quote verbatim), its events and its claims. Skipped when ../shared is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

import onrecord
from onrecord.claims import claims_of, compare
from onrecord.digest import article_digest
from onrecord.digest_format import to_markdown, words

SECTIONS = ["Overall impression", 'Russian threat to Ukraine and "Minsk"', "What about NATO",
            "Bonus for Poroshenko from Putin", "Macron is going to Kyiv"]


@pytest.fixture(scope="module")
def article(founding_path: Path, analyzer):
    return onrecord.extract(founding_path, published="2022-02-07", analyzer=analyzer)


def test_the_digest_has_the_highlights_sections_with_every_quote_verbatim(article) -> None:
    digest = article_digest(article)
    assert [s.title for s in digest.sections] == SECTIONS
    assert not any(s.generated for s in digest.sections)         # the article's own headings
    lines = [line for s in digest.sections for line in s.lines]
    assert len(lines) >= 20
    for line in lines:
        assert article.text[line.start:line.end] == line.text
        shown = words(line)
        if line.kind == "direct":                                # quotation marks hold only its words
            assert all(f"“{piece.strip()}”" in shown for piece in line.pieces)
    topics = {s.title: s.topics for s in digest.sections}
    assert "NATO" in topics["What about NATO"]
    assert {"Ukraine", "Minsk agreements"} <= set(topics['Russian threat to Ukraine and "Minsk"'])
    md = to_markdown(digest)
    assert "“Well, like it or lump it—tough it out. It must be fulfilled”" in md


def test_without_headings_sections_come_from_the_topics(article) -> None:
    digest = article_digest(article, use_headings=False)
    titles = [s.title for s in digest.sections]
    assert all(s.generated for s in digest.sections)
    assert any("NATO" in t for t in titles) and any("Ukraine" in t for t in titles)
    nato = next(s for s in digest.sections if "NATO" in s.title)
    assert all(line.speaker == "Vladimir Putin" for line in nato.lines)


def test_the_two_meetings_are_events(article) -> None:
    found = {(e.type, frozenset(e.participants), e.place.text if e.place else None,
              e.date.value if e.date else None, e.status) for e in article.events}
    assert ("meeting", frozenset({"Vladimir Putin", "Emmanuel Macron"}), "Moscow", "2022-02-07", "held") in found
    assert ("meeting", frozenset({"Emmanuel Macron", "Volodymyr Zelenskyy"}), "Kyiv", "2022-02-08", "planned") in found
    for e in article.events:
        assert article.text[e.start:e.end] == e.text


def test_the_troop_claims_are_shown_together_not_as_a_contradiction(article) -> None:
    by_text = {a.text: a for a in article.amounts}
    putin, outlet = by_text["100,000—125,000 troops"], by_text["more than 100,000 troops"]
    assert (putin.about.text, putin.claimed_by) == ("Ukraine", "Vladimir Putin")
    assert (outlet.about.text, outlet.claimed_by) == ("Russia", None)
    (group,) = [g for g in compare(claims_of(article)) if any(c.text == putin.text for c in g.claims)]
    assert {c.text for c in group.claims} == {putin.text, outlet.text}
    assert group.verdict == "different subjects"
