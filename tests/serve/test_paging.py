"""Article and speaker pages a page at a time, as JSON and as HTML: cursors walk everything
once, page sizes are bounded, a bad cursor is one clear 400, the counts stay the totals."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from onrecord.serve import create_app

from serve.conftest import fill
from store.kit import Quote, article

LONG = article(*(Quote("Ana Ruiz", f"the harbour needs plan number {n}") for n in range(9)),
               Quote("Ben Hale", "the ferry is late"), published="2024-03-01", tail="The end.")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = fill(tmp_path_factory.mktemp("paging") / "paging.db", [LONG])
    with TestClient(create_app(db, token="")) as test_client:
        yield test_client


def walk(client: TestClient, url: str, size: int) -> list[dict]:
    answers, cursor = [], None
    while True:
        r = client.get(url, params={"limit": size, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        answers.append(r.json())
        cursor = answers[-1]["next_cursor"]
        if cursor is None:
            return answers


@pytest.mark.parametrize("size", [1, 3, 10])
def test_article_api_pages(client: TestClient, size: int) -> None:
    answers = walk(client, f"/api/articles/{LONG.id}", size)
    sids = [s["sid"] for a in answers for s in a["statements"]]
    assert sids == [s.id for s in LONG.statements]
    assert all(len(a["statements"]) <= size for a in answers)
    assert {a["statement_count"] for a in answers} == {10}
    assert answers[0]["speakers"][0]["statements"] == 9


def test_speaker_api_pages(client: TestClient) -> None:
    sid = client.get("/api/speakers", params={"q": "Ana"}).json()["items"][0]["id"]
    answers = walk(client, f"/api/speakers/{sid}", 4)
    texts = [s["text"] for a in answers for s in a["statements"]]
    assert sorted(texts) == sorted(f"the harbour needs plan number {n}" for n in range(9))
    assert [len(a["statements"]) for a in answers] == [4, 4, 1]
    assert {a["statement_count"] for a in answers} == {9}


@pytest.mark.parametrize("path", [f"/api/articles/{LONG.id}", "/api/speakers/Ana%20Ruiz"])
def test_bad_cursor_and_limit_are_400_json(client: TestClient, path: str) -> None:
    r = client.get(path, params={"cursor": "not-a-cursor"})
    assert r.status_code == 400 and r.json()["error"] == "bad request"
    assert "cursor" in r.json()["detail"]
    assert client.get(path, params={"limit": 10_000}).status_code == 400


def test_bad_cursor_on_a_page_is_one_message(client: TestClient) -> None:
    r = client.get(f"/articles/{LONG.id}", params={"cursor": "not-a-cursor"})
    assert r.status_code == 400 and "not a cursor of this list" in r.text


def _visible_text(page: str) -> str:
    body = re.search(r'<div class="text"[^>]*>(.*?)</div>', page, re.S).group(1)
    body = re.sub(r'<p class="muted">[^<]*</p>', "", body)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<(a|span) class="(who|act[^"]*|also)"[^>]*>.*?</\1>', "", body)))


def test_article_pages_show_the_text_once_with_every_statement(client: TestClient) -> None:
    pages, cursor = [], None
    while True:
        r = client.get(f"/articles/{LONG.id}", params={"limit": 3, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        pages.append(r.text)
        found = re.search(r'href="/articles/[^"?]+\?([^"]*cursor=[^"]+)" *>The article continues', r.text)
        if found is None:
            break
        cursor = html.unescape(found.group(1)).split("cursor=")[1].split("&")[0]
    assert len(pages) == 4
    assert "".join(_visible_text(p) for p in pages) == LONG.text
    marked = [re.findall(r'id="st-(s\d+)"', p) for p in pages]
    assert [m for p in marked for m in p] == [s.id for s in LONG.statements]
    assert all("10 statements" in p for p in pages)            # the byline counts them all
    assert "Beginning of the article" in pages[1] and "Beginning of the article" not in pages[0]


def test_short_article_is_one_page_without_pager(client: TestClient) -> None:
    page = client.get(f"/articles/{LONG.id}", params={"limit": 50}).text
    assert "The article continues" not in page and "A long article" not in page


def test_speaker_page_links_the_next_page(client: TestClient) -> None:
    sid = client.get("/api/speakers", params={"q": "Ana"}).json()["items"][0]["id"]
    first = client.get(f"/speakers/{sid}", params={"limit": 5}).text
    nxt = re.search(r'href="(/speakers/\d+\?[^"]*cursor=[^"]+)" *>Next page', first)
    assert nxt is not None
    second = client.get(html.unescape(nxt.group(1))).text
    assert "Next page" not in second and "First page" in second
    said = lambda page: set(re.findall(r"plan number (\d)", page))    # noqa: E731
    assert said(first) | said(second) == {str(n) for n in range(9)} and not said(first) & said(second)
