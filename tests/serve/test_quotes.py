"""Copies and quotes on the web: the article JSON and page list every source, /api/quotes and
the quote pages list occurrences with their speakers, statements link to their quote."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from onrecord.model import Article
from onrecord.serve import create_app
from onrecord.serve.security import CSP

from serve.conftest import fill
from serve.corpus import all_articles, budget, hostile
from store.copies import SENTENCE, kremlin, moscow, other, paris, quoting, syndicated, wire


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator:
    from fastapi.testclient import TestClient

    articles = [*all_articles(), wire(), syndicated(), other(), moscow(), kremlin(), paris(), hostile(),
                quoting('"<script>window.pwned=9</script> is what we said," Mallory wrote.',
                        "<script>window.pwned=9</script> is what we said", "Mallory", "Mallory",
                        source="javascript:alert(1)", site="<b>x</b>"),
                quoting('"<script>window.pwned=9</script> is what we said," Eve wrote.',
                        "<script>window.pwned=9</script> is what we said", "Eve", "Eve")]
    db = fill(tmp_path_factory.mktemp("quotes") / "q.db", articles)
    with TestClient(create_app(db, token="")) as c:
        yield c


def ok(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-security-policy"] == CSP
    return response.text


def quote_id(client) -> int:
    (item,) = ok(client, f"/api/quotes?q={SENTENCE}")["items"]
    return item["id"]


# -- sources -------------------------------------------------------------------------------------

def test_article_json_lists_every_source(client):
    data = ok(client, f"/api/articles/{wire().id}")
    assert [(s["site"], s["text_id"]) for s in data["sources"]] == [
        ("wire.example", wire().id), ("daily.example", syndicated().id)]
    assert data["source_count"] == 2 and 0.9 <= data["sources"][1]["similarity"] < 1
    assert len(ok(client, f"/api/articles/{other().id}")["sources"]) == 1


def test_a_folded_copy_id_answers_with_its_article(client):
    data = ok(client, f"/api/articles/{syndicated().id}")
    assert data["id"] == wire().id
    assert html(client, f"/articles/{syndicated().id}") == html(client, f"/articles/{wire().id}")


def test_article_page_lists_its_sources(client):
    page = html(client, f"/articles/{wire().id}")
    assert "Published in 2 places" in page
    assert 'href="https://daily.example/news/harbour-vote"' in page
    assert "Harbour to reopen after council vote" in page and "near-duplicate" in page
    assert "Published in" not in html(client, f"/articles/{other().id}")


# -- quotes --------------------------------------------------------------------------------------

def test_quotes_api_most_reported_first(client):
    data = ok(client, "/api/quotes")
    counts = [q["article_count"] for q in data["items"]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 3
    top = data["items"][0]
    assert top["text"] == SENTENCE
    # whom each outlet says said it: the Kremlin story's bare "Putin" is not guessed to be Vladimir
    assert [p["name"] for p in top["speakers"]] == ["Emmanuel Macron", "Putin", "Vladimir Putin"]
    # the sentence; the mayor's words, in the wire story and in the harbour story; the markup
    assert [q["article_count"] for q in ok(client, "/api/quotes?min_articles=2")["items"]] == [3, 2, 2]
    assert ok(client, "/api/quotes?speaker=Macron")["items"] == [top]
    assert ok(client, "/api/quotes?q=nothing+like+this")["items"] == []


def test_quotes_api_pages(client):
    first = ok(client, "/api/quotes?limit=1")
    second = ok(client, f"/api/quotes?limit=1&cursor={first['next_cursor']}")
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert second["query"] == {"limit": 1, "cursor": first["next_cursor"]}


@pytest.mark.parametrize("query", ["min_articles=0", "limit=0", "limit=9999", "cursor=abc", "min_articles=x"])
def test_bad_quote_queries_are_400(client, query):
    response = client.get(f"/api/quotes?{query}")
    assert response.status_code == 400 and set(response.json()) == {"error", "detail"}


def test_one_quote_with_occurrences_and_speakers(client):
    data = ok(client, f"/api/quotes/{quote_id(client)}")
    assert [(o["article_id"], o["speaker_name"], o["published"]) for o in data["occurrences"]] == [
        (moscow().id, "Vladimir Putin", "2022-02-07"), (paris().id, "Emmanuel Macron", "2022-02-08"),
        (kremlin().id, "Putin", "2022-02-09")]
    assert [(p["name"], p["statements"]) for p in data["speakers"]] == [
        ("Emmanuel Macron", 1), ("Putin", 1), ("Vladimir Putin", 1)]
    occurrence = data["occurrences"][2]
    assert kremlin().text[occurrence["start"]:occurrence["end"]] == occurrence["text"]


@pytest.mark.parametrize("ref, status", [("999999", 404), ("0", 400), ("abc", 400), ("1.5", 400)])
def test_unknown_or_bad_quote_ids(client, ref, status):
    response = client.get(f"/api/quotes/{ref}")
    assert response.status_code == status and response.json()["error"]
    assert client.get(f"/quotes/{ref}").status_code == status


def test_openapi_documents_the_quote_routes(client):
    schema = ok(client, "/api/openapi.json")
    assert {"/api/quotes", "/api/quotes/{quote_id}"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/quotes"]["get"]["parameters"]}
    assert names == {"q", "speaker", "min_articles", "limit", "cursor"}
    assert "404" in schema["paths"]["/api/quotes/{quote_id}"]["get"]["responses"]
    assert "/api/quotes/{quote_id}" in html(client, "/docs")


def test_quote_page_lists_occurrences_with_speakers(client):
    qid = quote_id(client)
    page = html(client, f"/quotes/{qid}")
    assert page.count('<article class="statement') == 3
    for art in (moscow(), paris(), kremlin()):
        assert f'href="/articles/{art.id}#st-s1"' in page
    assert "Emmanuel Macron" in page and "Vladimir Putin" in page and "Putin warns" in page
    assert f'href="/api/quotes/{qid}"' in page


def test_quote_list_page(client):
    page = html(client, "/quotes?min_articles=2")
    assert SENTENCE in page and 'href="/quotes/' in page
    assert "the first ships could dock" not in page
    assert "not a cursor" in html(client, "/quotes?cursor=abc", 400)


def test_statements_link_to_their_quote_when_others_report_it(client):
    qid = quote_id(client)
    page = html(client, f"/articles/{moscow().id}")
    assert re.search(rf'<a class="also" href="/quotes/{qid}"[^>]*>3 articles</a>', page)
    assert "Reported elsewhere too" in page
    # a quote only this article reports gets no link
    assert 'class="also"' not in html(client, f"/articles/{budget().id}")
    assert ok(client, f"/api/articles/{budget().id}")["statements"][0]["quote_articles"] == 1
    assert f'href="/quotes/{qid}"' in html(client, "/search?q=accept")


def test_quote_pages_escape_what_articles_say(client):
    (item,) = ok(client, "/api/quotes?speaker=Eve")["items"]
    for url in (f"/quotes/{item['id']}", "/quotes"):
        page = html(client, url)
        assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned=9" in page
        assert 'href="javascript:' not in page and "<b>x</b>" not in page


def test_every_new_page_is_reachable_from_the_nav(client):
    assert 'href="/quotes"' in html(client, "/")


def test_copy_fixture_differs_from_its_original() -> None:
    assert isinstance(syndicated(), Article) and syndicated().id != wire().id
