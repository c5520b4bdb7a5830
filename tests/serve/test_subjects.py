"""Topics, events, claims and digests on the web: the JSON routes (documented in the OpenAPI)
and their pages, every untrusted text escaped, no script, the CSP unchanged."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from onrecord.serve import create_app
from onrecord.serve.security import CSP

from serve.conftest import fill
from serve.corpus import all_articles
from store.subjects import all_subjects, alliance, hostile_subjects, moscow_talks


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator:
    from fastapi.testclient import TestClient

    db = fill(tmp_path_factory.mktemp("subjects") / "s.db", [*all_articles(), *all_subjects(), hostile_subjects()])
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
    assert "<script" not in response.text and "<b>" not in response.text and "<i>" not in response.text
    return response.text


def meeting_id(client) -> int:
    (item,) = ok(client, "/api/events?participant=macron")["items"]
    return item["id"]


# -- JSON --------------------------------------------------------------------------------------

def test_topics_api_and_one_topic(client):
    items = ok(client, "/api/topics")["items"]
    assert [t["key"] for t in items][:3] == ["nato", "ukraine", "russia"]
    page = ok(client, "/api/topics?limit=1")
    assert len(page["items"]) == 1 and page["next_cursor"]
    nato = ok(client, "/api/topics/the%20North%20Atlantic%20Alliance")
    assert nato["key"] == "nato" and {s["speaker_name"] for s in nato["statements"]} == {"Jens Stoltenberg", "Olaf Scholz"}
    assert client.get("/api/topics/nowhere").status_code == 404


def test_statements_api_filters_by_topic(client):
    rows = ok(client, "/api/statements?topic=nato&speaker=Scholz")["items"]
    assert [r["text"] for r in rows] == ["the North Atlantic Alliance would hold firm"]
    assert ok(client, "/api/statements?topic=nowhere")["items"] == []


def test_events_api_and_one_event(client):
    event = ok(client, f"/api/events/{meeting_id(client)}")
    assert event["article_count"] == 2 and [r["site"] for r in event["reports"]] == ["alpha.example", "beta.example"]
    assert [e["type"] for e in ok(client, "/api/events?type=visit")["items"]] == ["visit"]
    assert client.get("/api/events/99999").status_code == 404
    assert client.get("/api/events?type=party").status_code == 400
    assert client.get("/api/events?since=yesterday").status_code == 400


def test_claims_api_groups_and_flags(client):
    groups = ok(client, "/api/claims?about=Russia")["groups"]
    (troops,) = groups
    assert troops["quantity"] == "troops" and troops["verdict"] == "disagree"
    assert [c["claimant"] for c in troops["claims"]] == ["Vladimir Putin", "beta.example"]
    assert ok(client, "/api/claims?about=Belarus")["groups"] == []


def test_digest_api_in_each_mode(client):
    by_topic = ok(client, "/api/digest?topic=NATO")
    assert by_topic["title"] == "NATO" and by_topic["context"]["generated"] is True
    links = [l["link"] for s in by_topic["sections"] for l in s["lines"]]
    assert f"/articles/{moscow_talks().id}#st-s1" in links
    by_event = ok(client, f"/api/digest?event={meeting_id(client)}")
    assert [e["evidence"] for e in by_event["events"]] == [moscow_talks().events[0].text, alliance().events[0].text]
    assert ok(client, f"/api/digest?article={alliance().id}")["title"] == "Alliance holds"
    assert ok(client, "/api/digest?speaker=Olaf%20Scholz")["title"] == "Olaf Scholz"
    assert client.get("/api/digest").status_code == 400
    assert client.get("/api/digest?topic=nato&speaker=Scholz").status_code == 400
    assert client.get("/api/digest?article=no-such-id").status_code == 404
    assert client.get("/api/digest?article=/etc/passwd").status_code == 404          # never a file


def test_openapi_documents_the_new_routes(client):
    schema = ok(client, "/api/openapi.json")
    paths = {"/api/topics", "/api/topics/{key}", "/api/events", "/api/events/{event_id}", "/api/claims", "/api/digest"}
    assert paths <= set(schema["paths"])
    assert "topic" in {p["name"] for p in schema["paths"]["/api/statements"]["get"]["parameters"]}
    assert {p["name"] for p in schema["paths"]["/api/digest"]["get"]["parameters"]} == {"article", "speaker", "topic", "event"}
    assert "404" in schema["paths"]["/api/events/{event_id}"]["get"]["responses"]
    docs = html(client, "/docs")
    assert "/api/claims" in docs and "/api/digest" in docs


# -- pages -------------------------------------------------------------------------------------

def test_nav_links_the_new_pages(client):
    home = html(client, "/")
    for href in ("/topics", "/events", "/claims"):
        assert f'href="{href}"' in home


def test_topic_pages(client):
    listing = html(client, "/topics")
    assert 'href="/topics/nato"' in listing and "&lt;script&gt;" in listing
    page = html(client, "/topics/nato")
    assert "the North Atlantic Alliance" in page and "Jens Stoltenberg" in page
    assert 'href="/digest?topic=nato"' in page and 'href="/topics/ukraine"' in page
    assert "<svg" in page                                              # statements over time
    html(client, "/topics/nowhere", 404)
    assert "Only the statements about" in html(client, "/search?topic=nato")


def test_event_pages_highlight_the_evidence(client):
    eid = meeting_id(client)
    assert f'href="/events/{eid}"' in html(client, "/events")
    page = html(client, f"/events/{eid}")
    assert '<mark class="trigger">met</mark> Emmanuel Macron in <span class="place">Moscow</span>' in page
    assert f'href="/articles/{moscow_talks().id}"' in page and f'href="/digest?event={eid}"' in page
    hostile = ok(client, "/api/events?participant=mallory")["items"][0]["id"]
    page = html(client, f"/events/{hostile}")
    assert '<span class="place">&lt;script&gt;x&lt;/script&gt;</span>' in page
    html(client, "/events/99999", 404)
    html(client, "/events?type=party", 400)


def test_claims_page_flags_disagreement(client):
    page = html(client, "/claims")
    section = page[page.index("troops · "):]
    assert "the claims disagree" in section[:300]
    assert re.search(r'class="claim-group disagree"', page)
    assert f'href="/articles/{moscow_talks().id}#st-s2"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page           # a hostile subject, escaped
    assert "No two claims" in html(client, "/claims?about=Belarus")


def test_digest_page_marks_generated_text_and_links_statements(client):
    page = html(client, "/digest?topic=nato")
    assert '<span class="gen-label">generated</span>' in page
    assert f'href="/articles/{moscow_talks().id}#st-s1"' in page
    assert "NATO would not send troops to Ukraine" in page
    html(client, "/digest?topic=nowhere", 404)
    html(client, "/digest", 400)
    hostile = html(client, f"/digest?article={hostile_subjects().id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; had 5 &lt;i&gt;tanks&lt;/i&gt;" in hostile


def test_article_and_speaker_pages_link_their_digest(client):
    article = html(client, f"/articles/{alliance().id}")
    assert f'href="/digest?article={alliance().id}"' in article
    assert 'href="/topics/nato"' in article and f'href="/events/{meeting_id(client)}"' in article
    speaker = ok(client, "/api/speakers/Olaf%20Scholz")
    assert f'href="/digest?speaker={speaker["id"]}"' in html(client, f"/speakers/{speaker['id']}")


def test_the_digest_shows_what_each_source_did(minded_client):
    from serve.corpus import minds

    data = ok(minded_client, f"/api/digest?article={minds().id}")
    lines = [line for section in data["sections"] for line in section["lines"]]
    assert [(l["act"], l["negated"]) for l in lines] == [("speech", False), ("thought", False),
                                                          ("evidence", False), ("speech", True)]
    page = html(minded_client, f"/digest?article={minds().id}")
    assert re.findall(r'<span class="act a-(\w+)( negated)?">([^<]+)</span>:', page) == [
        ("speech", "", "speech"), ("thought", "", "thought"), ("evidence", "", "evidence"),
        ("speech", " negated", "negated speech")]
