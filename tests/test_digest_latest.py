"""Bounded digests and claim lists: a speaker's or a topic's digest reads their latest
statements from the store's tables and says what it leaves out; an article's digest shows
its first sections; the claims of a page are the store's latest, and the page says so."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from onrecord import api
from onrecord.digest import article_digest, collection_digest
from onrecord.digest_format import to_html, to_markdown
from onrecord.model import Article
from onrecord.serve import views
from onrecord.store import Store

from store.subjects import Text, all_subjects, alliance, kyiv_visit, moscow_talks


def dated(article: Article, published: str) -> Article:
    return dataclasses.replace(article, published=published)


@pytest.fixture()
def store(tmp_path: Path):
    with Store(tmp_path / "s.db") as s:
        s.save_many(all_subjects())
        yield s


def lines(digest) -> list[list[tuple[str, str]]]:
    return [[(line.article_id, line.statement_id) for line in section.lines] for section in digest.sections]


def test_a_speakers_digest_from_the_tables_is_the_digest_of_their_records(store) -> None:
    from_rows = api.stored_digest(store, speaker="Olaf Scholz")
    records = [(a, [s for s in a.statements if s.speaker.name == "Olaf Scholz"]) for a in (alliance(), kyiv_visit())]
    from_records = collection_digest("Olaf Scholz", records, subject="Olaf Scholz")
    assert from_rows.title == "Olaf Scholz" and from_rows.context == from_records.context
    assert [s.title for s in from_rows.sections] == [s.title for s in from_records.sections]
    assert lines(from_rows) == lines(from_records)
    assert [line.link for s in from_rows.sections for line in s.lines] == \
           [line.link for s in from_records.sections for line in s.lines]
    assert from_rows.events == from_records.events
    assert not from_rows.partial and from_rows.notes == ()


def test_a_quotation_split_around_its_cue_keeps_its_pieces_and_amounts(tmp_path: Path) -> None:
    t = Text('"The troops are ready," Olaf Scholz said, "and 250,000 troops will stay."')
    first, second = t.at("The troops are ready,"), t.at("and 250,000 troops will stay.")
    body = t.at(t.text[first.start:second.end])
    said = dataclasses.replace(t.statement("s1", "Olaf Scholz", body.text, kind="direct"), parts=(first, second))
    article = Article(t.text, published="2022-02-01", statements=(said,),
                      amounts=(t.amount("250,000 troops", "s1", "troops", "Olaf Scholz", value=250000.0, unit="troops"),))
    with Store(tmp_path / "q.db") as s:
        s.save(article)
        (section,) = api.stored_digest(s, speaker="Olaf Scholz").sections
    (line,) = section.lines
    assert line.pieces == (first.text, second.text)
    assert [a["text"] for a in line.amounts] == ["250,000 troops"]


def test_a_digest_of_the_latest_statements_says_how_many_it_leaves_out(store, monkeypatch) -> None:
    monkeypatch.setattr(api, "DIGEST_STATEMENTS", 1)
    digest = api.stored_digest(store, speaker="Olaf Scholz")
    assert lines(digest) == [[(kyiv_visit().id, "s1")]]          # the newer of his two
    assert digest.partial and digest.notes == (f"The latest 1 of 2 statements (since {kyiv_visit().published[:10]}); "
                                               "older ones are left out.",)
    assert digest.to_dict()["partial"] is True
    assert digest.notes[0] in to_html(digest) and "older ones are left out" in to_markdown(digest)
    topic = api.stored_digest(store, topic="Ukraine")
    assert topic.partial and "The latest 1 of" in topic.notes[0]


def test_an_unknown_speaker_or_topic_is_not_found(store) -> None:
    from onrecord.serve.errors import NotFound

    with pytest.raises(NotFound):
        views.digest(store, speaker="Nobody Atall")
    with pytest.raises(NotFound):
        views.digest(store, topic="nowhere")


def test_a_long_articles_digest_shows_its_first_sections_and_says_so() -> None:
    from test_digest import harbour

    whole = article_digest(harbour())
    assert [s.title for s in whole.sections] == ["Harbour talks", "Budget"] and not whole.partial
    cut = article_digest(harbour(), max_sections=1)
    assert [s.title for s in cut.sections] == ["Harbour talks"]
    assert cut.partial and cut.notes == ("The first 1 of its 2 sections; the 2 statement(s) after them are "
                                         "left out here (the article lists them all).",)


def test_the_claims_page_compares_the_latest_claims_and_says_so(tmp_path: Path, monkeypatch) -> None:
    articles = [dated(moscow_talks(), "2022-02-07"), dated(kyiv_visit(), "2022-03-01")]
    with Store(tmp_path / "c.db") as s:
        s.save_many(articles)
        everything = views.claims(s, None)
        assert everything["window"] == {"claims": 2, "complete": True, "since": "2022-02-07"}
        monkeypatch.setattr(views, "CLAIMS_WINDOW", 1)
        latest = views.claims(s, None)
        assert latest["window"] == {"claims": 1, "complete": False, "since": "2022-03-01"}
        groups, window = api.latest_claim_groups(s, 1, min_claims=1)
        assert [c.article for g in groups for c in g.claims] == [kyiv_visit().id]
        # read newest first, listed oldest first as every claim list is
        assert [r["published"] for r in s.claims(limit=2)] == ["2022-02-07", "2022-03-01"]


def test_the_claims_page_tells_the_reader_it_is_partial(tmp_path: Path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from onrecord.serve import create_app

    db = tmp_path / "p.db"
    with Store(db) as s:
        s.save_many(all_subjects())
    monkeypatch.setattr(views, "CLAIMS_WINDOW", 1)
    with TestClient(create_app(db, token="")) as client:
        page = client.get("/claims").text
        assert "only the latest 1 claims" in page and "onrecord claims" in page
        assert client.get("/api/claims").json()["window"]["complete"] is False
    monkeypatch.setattr(views, "CLAIMS_WINDOW", 200)
    with TestClient(create_app(db, token="")) as client:
        assert "Compared: all 3 claims in the store." in client.get("/claims").text
