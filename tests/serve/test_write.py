"""POST /api/articles: the token gate, the body checks, and reading + analysis + saving
through the library (the session ``analyzer``)."""
from __future__ import annotations

import json

import pytest

from onrecord.serve import writing

from serve.conftest import TOKEN, auth

TEXT = ('Harbour master Ines Duarte said that the new quay would open in June. '
        '"We are ready," Duarte told the council.')
PAGE = """<html><head><title>Quay opens</title><meta property="og:site_name" content="Port News">
</head><body><article><h1>Quay opens</h1>
<p>Harbour master Ines Duarte said that the new quay would open in June, a month late.</p>
<p>"We are ready for the ships," Duarte told the council on Monday.</p></article></body></html>"""


def test_writing_is_off_without_a_token(client):
    response = client.post("/api/articles", json={"text": TEXT}, headers=auth())
    assert response.status_code == 403
    assert response.json()["error"] == "writing is off" and "ONRECORD_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer"}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": f"Bearer {TOKEN}x"}, {"Authorization": TOKEN},
])
def test_a_missing_or_wrong_token_is_401(writer, headers):
    response = writer.post("/api/articles", json={"text": TEXT}, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_the_token_is_checked_before_the_body(writer, client):
    garbage = {"content": b"{not json", "headers": {"Content-Type": "application/json"}}
    assert writer.post("/api/articles", **garbage).status_code == 401
    assert client.post("/api/articles", **garbage).status_code == 403


@pytest.mark.parametrize("body, fragment", [
    (b"{not json", "invalid JSON"),
    (b"\xff\xfe", "invalid JSON"),
    (b"[" * 100_000, "invalid JSON"),                                  # nested past the parser
    (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "invalid JSON"),
    (b"[1, 2]", "bad request"),
    (b'"just a string"', "bad request"),
    (json.dumps({}).encode(), "bad request"),
    (json.dumps({"text": "a", "html": "<p>a</p>"}).encode(), "bad request"),
    (json.dumps({"text": 42}).encode(), "bad request"),
    (json.dumps({"text": "", "url": "x"}).encode(), "bad request"),
    (json.dumps({"text": "ok", "evil": True}).encode(), "bad request"),
    (json.dumps({"text": "   \n "}).encode(), "bad request"),           # only whitespace
    (json.dumps({"text": TEXT, "published": "June"}).encode(), "bad request"),
    (json.dumps({"html": "<html><body></body></html>"}).encode(), "bad request"),  # no article
    (json.dumps({"text": TEXT + "\u0000 and more"}).encode(), "bad request"),  # no prose: as a file would be
    (json.dumps({"text": "Der Hafenmeister sagte am Montag, dass der neue Kai im Juni eröffnet werde. " * 6}
                ).encode(), "bad request"),                                   # not English: as a file would be
])
def test_bad_bodies_are_400(writer, body, fragment):
    response = writer.post("/api/articles", content=body,
                           headers={**auth(), "Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.json()["error"] == fragment


def test_only_json_is_accepted(writer):
    response = writer.post("/api/articles", content=TEXT.encode(), headers={**auth(), "Content-Type": "text/plain"})
    assert response.status_code == 415


def test_a_body_over_the_limit_is_413(writer, monkeypatch):
    monkeypatch.setattr(writing, "MAX_BODY", 100)
    response = writer.post("/api/articles", json={"text": "x" * 200}, headers=auth())
    assert response.status_code == 413 and response.json()["error"] == "too large"


def test_text_is_analysed_saved_and_served(writer):
    response = writer.post("/api/articles", json={"text": TEXT, "url": "https://port.example/quay",
                                                  "published": "2024-06-02"}, headers=auth())
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["saved"] is True and answer["statements"] >= 2
    assert response.headers["location"] == f"/api/articles/{answer['id']}"
    stored = writer.get(answer["api"] + "?record=1").json()
    assert stored["record"]["text"] == TEXT
    assert stored["source"] == "https://port.example/quay" and stored["published"] == "2024-06-02"
    assert {s["speaker_name"] for s in stored["statements"]} == {"Ines Duarte"}
    assert writer.get(answer["page"]).status_code == 200
    again = writer.post("/api/articles", json={"text": TEXT, "url": "https://port.example/quay",
                                               "published": "2024-06-02"}, headers=auth())
    assert again.status_code == 200 and again.json()["saved"] is False
    assert writer.get("/api/overview").json()["counts"]["articles"] == 5


def test_html_is_extracted(writer):
    response = writer.post("/api/articles", json={"html": PAGE, "url": "https://port.example/quay.html"},
                           headers=auth())
    assert response.status_code == 201, response.text
    stored = writer.get(response.json()["api"] + "?record=1").json()
    assert "<p>" not in stored["record"]["text"] and "quay would open in June" in stored["record"]["text"]
    assert stored["source"] == "https://port.example/quay.html"
    assert any(s["speaker_name"] == "Ines Duarte" for s in stored["statements"])


def test_a_text_that_looks_like_a_path_is_text_not_a_file(writer):
    # onrecord.read would open /etc/hostname from the server's disk; the API must not.
    response = writer.post("/api/articles", json={"text": "/etc/hostname"}, headers=auth())
    assert response.status_code == 201, response.text
    assert writer.get(response.json()["api"] + "?record=1").json()["record"]["text"] == "/etc/hostname"


def test_a_reader_thread_sees_what_was_written_after_it_first_read(tmp_path):
    """Readers keep their connection between requests; each read still sees the latest data."""
    from onrecord.model import Article
    from onrecord.serve.state import Context, open_database
    from onrecord.store import Store

    db = tmp_path / "fresh.db"
    Store(db).close()
    ctx = Context(open_database(db))
    with ctx.reader() as store:
        assert store.counts()["articles"] == 0
    with Store(db) as writer:
        writer.save(Article("A new article arrived after the first read."))
    with ctx.reader() as store:
        assert store.counts()["articles"] == 1
