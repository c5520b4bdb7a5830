"""Pages and answers of one quote, topic or event show their first few items and say how
many there are in all; the quotes list names a quote's few most frequent speakers."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from serve.conftest import fill
from store.subjects import alliance, moscow_talks
from store.test_quotes import many_speakers


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator:
    from fastapi.testclient import TestClient

    from onrecord.serve import create_app

    db = fill(tmp_path_factory.mktemp("bounded") / "b.db", [*many_speakers(), moscow_talks(), alliance()])
    with TestClient(create_app(db, token="")) as c:
        yield c


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response


def quote_id(client) -> int:
    (item,) = get(client, "/api/quotes").json()["items"]
    return item["id"]


def test_the_quotes_list_names_three_speakers_and_how_many_more(client) -> None:
    (item,) = get(client, "/api/quotes").json()["items"]
    assert [p["name"] for p in item["speakers"]] == ["Ana Ruiz", "Ben Hale", "Cem Kaya"]
    assert item["speaker_count"] == 4
    page = get(client, "/quotes").text
    assert f'<a class="more" href="/quotes/{item["id"]}">and 1 more</a>' in page and "Dag Berg" not in page


def test_a_quote_shows_its_first_occurrences_and_links_to_more(client) -> None:
    qid = quote_id(client)
    answer = get(client, f"/api/quotes/{qid}?limit=3").json()
    assert len(answer["occurrences"]) == 3 and answer["statement_count"] == 8
    assert len(get(client, f"/api/quotes/{qid}").json()["occurrences"]) == 8     # within the default
    page = get(client, f"/quotes/{qid}?limit=3").text
    assert page.count('<article class="statement') == 3
    assert "The first 3 of 8 occurrences." in page
    assert f'href="/quotes/{qid}?limit=30">Show the first 8 →</a>' in page
    assert f'href="/api/quotes/{qid}?limit=3"' in page                           # its JSON twin
    assert "The first" not in get(client, f"/quotes/{qid}").text


def test_a_topic_shows_its_first_statements_and_links_to_all(client) -> None:
    every = get(client, "/api/topics/nato").json()
    first = get(client, "/api/topics/nato?limit=1").json()
    assert first["statements"] == every["statements"][:1] and first["statement_count"] == 2
    page = get(client, "/topics/nato?limit=1").text
    assert "The first 1 of 2 statements." in page and 'href="/search?topic=nato&amp;order=asc"' in page


def test_an_event_shows_its_first_reports_and_counts_them_all(client) -> None:
    (meeting,) = [e for e in get(client, "/api/events").json()["items"] if e["type"] == "meeting"]
    answer = get(client, f"/api/events/{meeting['id']}?limit=1").json()
    assert len(answer["reports"]) == 1 and answer["report_count"] == 2
    page = get(client, f"/events/{meeting['id']}?limit=1").text
    assert "The first 1 of 2 reports." in page and f'href="/events/{meeting["id"]}?limit=10">' in page


@pytest.mark.parametrize("url", ["/api/quotes/1?limit=0", "/api/topics/nato?limit=201", "/events/1?limit=x"])
def test_a_limit_out_of_bounds_is_a_400(client, url: str) -> None:
    assert client.get(url).status_code == 400
