"""The JSON API through the ASGI app: every read endpoint, its filters and pages, and every
bad request answered with a 4xx JSON error (never a 500)."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.serve import create_app
from onrecord.serve.security import CSP
from onrecord.model import Article
from onrecord.store import Store

from serve.conftest import TOKEN, auth, fill
from serve.corpus import budget, harbour, minds, undated, wind


def ok(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def bad(client, url: str, status: int = 400) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["error"]
    return body


def test_overview_counts_and_recent(client):
    data = ok(client, "/api/overview")
    counts = data["counts"]
    assert {k: counts[k] for k in ("articles", "statements", "speakers", "sites")} == \
        {"articles": 4, "statements": 8, "speakers": 3, "sites": 2}
    assert counts["entities"] >= counts["speakers"]
    assert data["recent"][0]["title"] == "Budget balanced"          # newest first
    assert [p["name"] for p in data["speakers"]][:2] == ["Ana Ruiz", "Tomas Velde"]


def test_statements_newest_first_undated_last(client):
    items = ok(client, "/api/statements")["items"]
    assert len(items) == 8
    assert [i["published"] for i in items] == ["2024-06-01"] * 2 + ["2024-04-10"] * 2 + ["2024-03-05"] * 3 + [None]
    assert ok(client, "/api/statements?order=asc")["items"][0]["published"] == "2024-03-05"
    first = items[0]
    assert {"article_id", "text", "kind", "cue", "speaker_name", "speaker_id", "speakers", "site",
            "source", "title", "sid", "start", "end"} <= set(first)


@pytest.mark.parametrize("query, texts", [
    ("speaker=Ruiz", {"the harbour would reopen in May", "We have waited long enough for this",
                      "The turbines bring jobs to the coast"}),
    ("speaker=ana%20ruiz&kind=direct", {"We have waited long enough for this",
                                        "The turbines bring jobs to the coast"}),
    ("site=coast.example", {"fishing crews would lose their grounds", "The turbines bring jobs to the coast"}),
    ("since=2024-04-10&until=2024-05-31", {"fishing crews would lose their grounds",
                                          "The turbines bring jobs to the coast"}),
    ("until=2024-03-05", {"the harbour would reopen in May", "We have waited long enough for this",
                          "the costs had been underestimated"}),
    ("kind=mixed", {"fishing crews would lose their grounds"}),
    ("q=harbour", {"the harbour would reopen in May", "the harbour vote was rushed"}),
    ("q=harbour&speaker=Okafor", {"the harbour vote was rushed"}),
    ("q=nothing-like-this", set()),
    ("q=%22AND%20(", set()),                      # FTS syntax is searched as words, not parsed
    ("speaker=&site=&since=&until=&kind=&q=", None),   # blank fields, as forms send them: no filter
])
def test_statement_filters(client, query, texts):
    items = ok(client, f"/api/statements?{query}")["items"]
    if texts is None:
        assert len(items) == 8
    else:
        assert {i["text"] for i in items} == texts


def test_statements_by_speaker_id(client):
    velde = next(p for p in ok(client, "/api/speakers")["items"] if p["name"] == "Tomas Velde")
    items = ok(client, f"/api/statements?speaker_id={velde['id']}")["items"]
    assert len(items) == 3 and {i["speaker_name"] for i in items} == {"Tomas Velde"}


@pytest.mark.parametrize("order", ["desc", "asc"])
def test_statement_pages_cover_everything_once(client, order):
    seen, cursor, pages = [], None, 0
    while True:
        url = f"/api/statements?limit=3&order={order}" + (f"&cursor={cursor}" if cursor else "")
        page = ok(client, url)
        seen += [(i["article_id"], i["sid"]) for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == 8 and len(set(seen)) == 8
    everything = ok(client, f"/api/statements?order={order}")["items"]
    assert seen == [(i["article_id"], i["sid"]) for i in everything]


def test_filters_carry_over_pages(client):
    page = ok(client, "/api/statements?speaker=Ruiz&limit=2")
    assert page["query"] == {"speaker": "Ruiz", "order": "desc", "limit": 2}
    rest = ok(client, f"/api/statements?speaker=Ruiz&limit=2&cursor={page['next_cursor']}")
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None


@pytest.mark.parametrize("query, fragment", [
    ("since=2024-13-01", "since"),
    ("until=yesterday", "until"),
    ("since=2024-05-01&until=2024-04-01", "after"),
    ("kind=quote", "kind"),
    ("act=belief", "act"),
    ("act=Speech", "act"),
    ("limit=0", "limit"),
    ("limit=201", "limit"),
    ("limit=100000000000000000000000000000", "limit"),
    ("limit=ten", "limit"),
    ("order=sideways", "order"),
    ("speaker_id=abc", "speaker_id"),
    ("cursor=not-a-cursor", "cursor"),
    ("cursor=" + "A" * 3000, "cursor"),
    ("q=" + "x" * 600, "q"),
    ("speaker=Scholz%00", "speaker"),             # a NUL was a 503, "store unavailable"
])
def test_bad_statement_queries_are_400(client, query, fragment):
    assert fragment in str(bad(client, f"/api/statements?{query}")["detail"])


def test_statements_carry_and_filter_by_act(minded_client):
    items = ok(minded_client, "/api/statements?order=asc")["items"]
    assert [(i["act"], i["negated"]) for i in items] == [("speech", False), ("thought", False),
                                                       ("evidence", False), ("speech", True)]
    assert [i["text"] for i in ok(minded_client, "/api/statements?act=thought")["items"]] == [
        "the crossing will pay for itself"]
    assert [i["text"] for i in ok(minded_client, "/api/statements?act=speech&speaker=Velde")["items"]] == [
        "the fares would rise"]
    assert ok(minded_client, "/api/statements?act=evidence&kind=direct")["items"] == []
    page = ok(minded_client, "/api/statements?act=speech&limit=1")
    assert page["query"] == {"act": "speech", "order": "desc", "limit": 1} and page["next_cursor"]
    rest = ok(minded_client, f"/api/statements?act=speech&limit=1&cursor={page['next_cursor']}")
    assert [i["act"] for i in page["items"] + rest["items"]] == ["speech", "speech"] and rest["next_cursor"] is None
    assert len(ok(minded_client, "/api/statements?act=")["items"]) == 4           # blank: no filter
    article = ok(minded_client, f"/api/articles/{minds().id}")
    assert [(s["act"], s["negated"]) for s in article["statements"]] == [(i["act"], i["negated"]) for i in items]


def test_the_schema_documents_the_act_parameter(client):
    params = ok(client, "/api/openapi.json")["paths"]["/api/statements"]["get"]["parameters"]
    (act,) = [p for p in params if p["name"] == "act"]
    assert "speech, thought or evidence" in act["description"]


def test_cursor_of_another_list_or_order_is_refused(client):
    articles_cursor = ok(client, "/api/articles?limit=1")["next_cursor"]
    bad(client, f"/api/statements?cursor={articles_cursor}")
    desc_cursor = ok(client, "/api/statements?limit=1")["next_cursor"]
    bad(client, f"/api/statements?order=asc&cursor={desc_cursor}")


def test_articles_list_filters_and_pages(client):
    items = ok(client, "/api/articles")["items"]
    assert [a["title"] for a in items] == ["Budget balanced", "Wind farm approved", "Harbour plan passes", "Letters"]
    assert items[0]["statement_count"] == 2 and "text" not in items[0]
    assert [a["title"] for a in ok(client, "/api/articles?q=turbines")["items"]] == ["Wind farm approved"]
    assert len(ok(client, "/api/articles?site=harbour.example")["items"]) == 2
    assert [a["title"] for a in ok(client, "/api/articles?since=2024-04-01&order=asc")["items"]] == [
        "Wind farm approved", "Budget balanced"]
    titles, cursor = [], ""
    while cursor is not None:
        page = ok(client, "/api/articles?limit=1" + (f"&cursor={cursor}" if cursor else ""))
        titles += [a["title"] for a in page["items"]]
        cursor = page["next_cursor"]
    assert titles == [a["title"] for a in items]


@pytest.mark.parametrize("query", ["since=2024-02-30", "limit=500", "cursor=%%%", "order=up"])
def test_bad_article_queries_are_400(client, query):
    bad(client, f"/api/articles?{query}")


def test_one_article_with_statements_and_record(client):
    article = harbour()
    data = ok(client, f"/api/articles/{article.id}?record=1")
    assert data["id"] == article.id and data["title"] == "Harbour plan passes"
    assert [s["sid"] for s in data["statements"]] == ["s1", "s2", "s3"]
    assert data["record"] == Article.from_dict(data["record"]).to_dict() == article.to_dict()


def test_the_full_record_of_an_article_comes_only_when_asked(client):
    article = harbour()
    plain = ok(client, f"/api/articles/{article.id}")
    assert "record" not in plain and [s["sid"] for s in plain["statements"]] == ["s1", "s2", "s3"]
    assert "record" not in ok(client, f"/api/articles/{article.id}?record=0")
    asked = ok(client, f"/api/articles/{article.id}?record=true")
    assert {k: v for k, v in asked.items() if k != "record"} == plain


@pytest.mark.parametrize("ref", ["0" * 64, "nope", "..%2F..%2Fetc", "%3Cscript%3E"])
def test_unknown_article_is_404(client, ref):
    assert bad(client, f"/api/articles/{ref}", 404)["error"] == "not found"


def test_speakers_list(client):
    data = ok(client, "/api/speakers")
    assert [(p["name"], p["statement_count"], p["article_count"]) for p in data["items"]] == [
        ("Ana Ruiz", 3, 2), ("Tomas Velde", 3, 2), ("Lena Okafor", 2, 2)]
    assert data["next_offset"] is None
    assert [p["name"] for p in ok(client, "/api/speakers?q=oka")["items"]] == ["Lena Okafor"]
    first = ok(client, "/api/speakers?limit=1")
    assert first["next_offset"] == 1 and len(first["items"]) == 1
    assert ok(client, "/api/speakers?limit=1&offset=1")["items"][0]["name"] == "Tomas Velde"
    assert ok(client, "/api/speakers?limit=2&offset=1")["next_offset"] is None


@pytest.mark.parametrize("query", ["offset=-1", "limit=0", "limit=1000", "offset=x"])
def test_bad_speaker_queries_are_400(client, query):
    bad(client, f"/api/speakers?{query}")


@pytest.mark.parametrize("ref", ["Ana Ruiz", "ana ruiz", "Ruiz", "ID"])
def test_one_speaker_by_name_or_id(client, ref):
    ruiz = ok(client, "/api/speakers?q=ruiz")["items"][0]
    data = ok(client, f"/api/speakers/{ref.replace('ID', str(ruiz['id']))}")
    assert data["id"] == ruiz["id"] and data["name"] == "Ana Ruiz"
    assert data["timeline"] == [{"period": "2024-03", "statements": 2}, {"period": "2024-04", "statements": 1}]
    assert [s["published"] for s in data["statements"]] == ["2024-03-05", "2024-03-05", "2024-04-10"]
    assert data["first_published"] == "2024-03-05" and data["last_published"] == "2024-04-10"
    assert data["aliases"] == ["Ana Ruiz", "Ruiz"]
    assert {e["name"] for e in data["entities"]} == {"Tomas Velde", "Lena Okafor"}


@pytest.mark.parametrize("ref", ["999999", "Nobody Atall", "a/b/c", "%00"])
def test_unknown_speaker_is_404(client, ref):
    bad(client, f"/api/speakers/{ref}", 404)


def test_unknown_routes_and_methods_are_json_errors(client):
    assert bad(client, "/api/nothing", 404)["error"] == "not found"
    response = client.delete(f"/api/articles/{harbour().id}")
    assert response.status_code == 405 and response.json()["error"] == "method not allowed"


def test_security_headers_on_every_kind_of_answer(client):
    for url in ("/api/overview", "/api/statements?since=x", "/api/nothing", "/", "/static/style.css", "/nope"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CSP, url
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    for directive in ("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in CSP


def test_openapi_schema_lists_every_endpoint(client):
    schema = ok(client, "/api/openapi.json")
    assert {"/api/overview", "/api/statements", "/api/articles", "/api/articles/{article_id}",
            "/api/speakers", "/api/speakers/{ref}"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/articles"]
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"text", "html", "url", "published"} <= set(body["properties"])
    assert not any(path.startswith(("/search", "/speakers/")) for path in schema["paths"])
    assert all("422" not in op["responses"] for ops in schema["paths"].values() for op in ops.values())
    assert client.get("/redoc").status_code == 404 and client.get("/openapi.json").status_code == 404


@pytest.mark.parametrize("make", [
    lambda tmp: tmp / "missing.db",
    lambda tmp: tmp,                                   # a directory
    lambda tmp: ":memory:",
])
def test_app_needs_an_existing_database_file(tmp_path, make):
    with pytest.raises(StoreError):
        create_app(make(tmp_path))
    assert not (tmp_path / "missing.db").exists()


def test_reads_use_a_read_only_connection(db_file: Path):
    with Store(db_file, readonly=True) as store:
        assert store.counts()["articles"] == 4
        with pytest.raises(StoreError, match="read-only"):
            store.save(Article(text="A new article."))


def test_token_comes_from_the_environment_at_creation(db_file, monkeypatch):
    from fastapi.testclient import TestClient

    monkeypatch.setenv("ONRECORD_TOKEN", TOKEN)
    app = create_app(db_file)
    monkeypatch.delenv("ONRECORD_TOKEN")
    with TestClient(app) as c:
        # writing is on (401: a token is wanted) although the variable is gone now
        assert c.post("/api/articles", json={"text": "x"}).status_code == 401
    monkeypatch.setenv("ONRECORD_TOKEN", "")
    with TestClient(create_app(db_file)) as c:
        assert c.post("/api/articles", json={"text": "x"}, headers=auth()).status_code == 403


def test_data_is_what_the_articles_say(client):
    # the hand-written corpus round-trips through the store unchanged
    for article in (harbour(), wind(), budget(), undated()):
        assert ok(client, f"/api/articles/{article.id}?record=1")["record"]["text"] == article.text


def test_a_vanished_database_is_503_not_500(tmp_path):
    from fastapi.testclient import TestClient

    db = fill(tmp_path / "gone.db", [harbour()])
    app = create_app(db, token="")
    db.unlink()
    with TestClient(app) as c:
        response = c.get("/api/statements")
        assert response.status_code == 503 and response.json()["error"] == "store unavailable"
        assert response.headers["retry-after"] == "5"
        assert c.get("/search").status_code == 503


def test_an_unexpected_error_is_a_bare_500_with_the_headers(db_file):
    from fastapi.testclient import TestClient

    app = create_app(db_file, token="")

    def boom() -> None:
        raise RuntimeError("secret internals")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/boom")
        assert response.status_code == 500
        assert response.json() == {"error": "internal error", "detail": None}
        assert response.headers["content-security-policy"] == CSP
        page = c.get("/boom")
        assert page.status_code == 500 and "secret internals" not in page.text
        assert page.headers["content-security-policy"] == CSP


def test_worker_processes_build_the_app_from_the_environment(tmp_path, monkeypatch):
    from onrecord.serve.app import DB_VARIABLE, app_from_environment
    from onrecord.store import Store

    db = tmp_path / "w.db"
    Store(db).close()
    monkeypatch.setenv(DB_VARIABLE, str(db))
    app = app_from_environment()
    assert app.title == "onrecord" and app.state.ctx.db
