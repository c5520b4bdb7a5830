"""The HTML pages: what they show, that untrusted text is escaped everywhere, and that
nothing is loaded from another site."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.resources import files

import pytest

from onrecord.serve import create_app
from onrecord.serve.security import CSP

from serve.conftest import fill
from serve.corpus import all_articles, budget, harbour, hostile, minds, undated


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    return response.text


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    from fastapi.testclient import TestClient

    db = fill(tmp_path_factory.mktemp("hostile") / "h.db", [*all_articles(), hostile()])
    with TestClient(create_app(db, token="")) as c:
        yield c


def urls(client) -> list[str]:
    """Every page of the store, listed and single."""
    found = ["/", "/search", "/search?q=harbour&kind=indirect", "/articles", "/speakers", "/docs"]
    found += [f"/articles/{a['id']}" for a in client.get("/api/articles").json()["items"]]
    found += [f"/speakers/{p['id']}" for p in client.get("/api/speakers").json()["items"]]
    return found


def test_home_shows_counts_search_and_recent(client):
    html = page(client, "/")
    assert 'action="/search"' in html and "Recent statements" in html
    assert "The budget is balanced at last" in html and ">8<" in html
    assert 'href="/speakers/' in html


def test_search_shows_results_with_their_details(client):
    html = page(client, "/search?speaker=Ruiz&site=harbour.example")
    assert "We have waited long enough for this" in html and "the harbour would reopen in May" in html
    assert "The turbines bring jobs" not in html
    assert f'href="/articles/{harbour().id}#st-s2"' in html
    assert 'href="https://harbour.example/news/vote"' in html
    assert "told reporters" in html and "2024-03-05" in html and "harbour.example" in html
    assert 'value="Ruiz"' in html                      # the form keeps what was asked


def test_search_pages_link_to_the_next(client):
    html = page(client, "/search?limit=3")
    found = re.search(r'class="next" href="(/search\?[^"]+)"', html)
    assert found
    second = page(client, found.group(1).replace("&amp;", "&"))
    assert "First page" in second


def test_bad_filters_show_beside_the_form(client):
    html = page(client, "/search?since=2024-02-31", 400)
    assert "not an ISO date" in html and 'name="since"' in html
    assert "not an ISO date" in page(client, "/articles?until=soon", 400)
    assert "less than or equal" in page(client, "/search?limit=9999", 400)


def test_article_page_marks_every_statement_with_its_speaker(client):
    article = harbour()
    html = page(client, f"/articles/{article.id}")
    assert html.count("<mark ") == 3 + 3                 # three statements and the legend's three
    for n, name in ((1, "Ana Ruiz"), (2, "Ana Ruiz"), (3, "Tomas Velde")):
        assert re.search(rf'<mark class="st \w+" id="st-s{n}"[^>]*><a class="who" href="/speakers/\d+">{name}</a>', html)
    assert '<span class="boilerplate">Share on Facebook</span>' in html
    assert '<span class="headings">Harbour plan passes</span>' in html
    assert '<span class="cue">told reporters</span>' in html
    assert '<span class="mention">Mayor Ana Ruiz</span>' in html
    assert 'href="https://harbour.example/news/vote"' in html


def test_search_filters_by_act_and_shows_it(minded_client):
    html = page(minded_client, "/search?act=thought")
    (select,) = re.findall(r'<select name="act">(.*?)</select>', html, re.S)
    options = re.findall(r'<option value="(\w*)"( selected)?>', select)
    assert options == [("", ""), ("speech", ""), ("thought", " selected"), ("evidence", "")]
    assert "the crossing will pay for itself" in html and "the ferry would run all winter" not in html
    assert '<span class="act a-thought">thought</span>' in html
    every = page(minded_client, "/search")
    assert re.findall(r'<span class="act a-(\w+)( negated)?">([^<]+)</span>', every) == [
        ("speech", " negated", "negated speech"), ("evidence", "", "evidence"), ("thought", "", "thought"),
        ("speech", "", "speech")]                                              # newest first: the text backwards
    assert "not one of speech, thought, evidence" in page(minded_client, "/search?act=belief", 400)


def test_article_page_shows_what_each_source_did(minded_client):
    html = page(minded_client, f"/articles/{minds().id}")
    body = re.search(r'<div class="text"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert re.findall(r'</(?:a|span)><span class="act a-(\w+)( negated)?">([^<]+)</span>', body) == [
        ("speech", "", "speech"), ("thought", "", "thought"), ("evidence", "", "evidence"),
        ("speech", " negated", "negated speech")]
    assert 'title="Ana Ruiz · believes · indirect · thought"' in body
    assert "what the source did" in html                                      # the legend says what it is


def test_article_page_without_source_link_or_date(client):
    html = page(client, f"/articles/{undated().id}")
    assert "letters.txt" in html and 'href="letters.txt"' not in html


def test_speaker_page_has_a_timeline_and_entities(client):
    ruiz = client.get("/api/speakers?q=ruiz").json()["items"][0]
    html = page(client, f"/speakers/{ruiz['id']}")
    assert "<svg" in html and html.count('<rect class="bar"') == 6     # Nov 2023 .. Apr 2024
    assert "<title>Mar 2024: 2</title>" in html and "<title>Apr 2024: 1</title>" in html
    assert "Tomas Velde" in html and "Lena Okafor" in html              # named alongside
    assert "We have waited long enough for this" in html
    assert page(client, "/speakers/Ana%20Ruiz") == html


def test_lists_of_articles_and_speakers(client):
    html = page(client, "/articles")
    assert all(a.title in html for a in all_articles())
    assert 'href="javascript:' not in html
    html = page(client, "/speakers?q=velde")
    assert "Tomas Velde" in html and "Ana Ruiz" not in html


def test_api_reference_is_rendered_from_the_schema(client):
    html = page(client, "/docs")
    for path in ("/api/statements", "/api/articles/{article_id}", "/api/speakers/{ref}"):
        assert f"<code>{path}</code>" in html
    assert "next_cursor" in html and "Authorization" in html


@pytest.mark.parametrize("url", ["/articles/" + "0" * 64, "/speakers/99999", "/nowhere"])
def test_unknown_pages_are_html_404s(client, url):
    assert "Not found" in page(client, url, 404)


def test_each_page_has_a_json_twin(client):
    html = page(client, "/search?speaker=Ruiz")
    assert 'href="/api/statements?speaker=Ruiz&amp;order=desc&amp;limit=50"' in html
    assert f'href="/api/articles/{budget().id}"' in page(client, f"/articles/{budget().id}")


# -- nothing from elsewhere -----------------------------------------------------------------

ASSET_ATTRS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src",
               "video": "src", "audio": "src", "embed": "src", "object": "data", "form": "action"}


def test_no_page_loads_anything_from_another_site(client):
    for url in urls(client):
        html = page(client, url)
        for tag, attrs in parse(html).tags:
            if tag in ASSET_ATTRS and attrs.get(ASSET_ATTRS[tag]):
                assert attrs[ASSET_ATTRS[tag]].startswith("/") and not attrs[ASSET_ATTRS[tag]].startswith("//"), (url, tag, attrs)
            assert "style" not in attrs, (url, tag)                      # the CSP would block it
            assert not any(name.startswith("on") for name in attrs), (url, tag)
            if tag == "a" and re.match(r"(?i)\s*(https?:)?//", attrs.get("href") or ""):
                assert "source" in (attrs.get("class") or ""), (url, attrs)   # only links to sources
        assert "<script" not in html and "<style" not in html
        assert "cdn" not in html.lower()


def test_static_assets_are_local_and_complete():
    static = files("onrecord.serve") / "static"
    for asset in static.iterdir():
        text = asset.read_text(encoding="utf-8")
        urls_in = re.findall(r"(?i)(?:https?:)?//[\w.-]+[^\s\"')]*", text)
        assert all(u == "http://www.w3.org/2000/svg" for u in urls_in), (asset.name, urls_in)
        assert "@import" not in text and "cdn" not in text.lower()


def test_templates_reference_no_external_url():
    templates = files("onrecord.serve") / "templates"
    for template in templates.iterdir():
        assert not re.search(r"(?i)(https?:)?//[a-z]", template.read_text(encoding="utf-8")), template.name


def test_static_files_are_served(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/favicon.svg").headers["content-type"].startswith("image/svg+xml")
    # the address browsers ask for whatever the page links: no 404 in their console
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert client.get("/static/../app.py").status_code == 404


# -- untrusted text ---------------------------------------------------------------------------

def test_hostile_article_is_shown_as_text(hostile_client):
    article = hostile()
    html = page(hostile_client, f"/articles/{article.id}")
    tags = parse(html)
    assert not [t for t, _ in tags.tags if t in ("script", "img", "svg", "iframe", "b", "i")]
    text = "".join(tags.text)
    assert "<script>document.title='pwned';window.pwned=1</script>" in text
    assert "it ends here</mark><script>window.pwned=3</script> or not" in text
    assert "&lt;/mark&gt;&lt;script&gt;" in html
    assert "<b>Mallory</b> <img src=x onerror=alert(3)>" in text           # the speaker label
    assert "javascript:" not in "".join(a.get("href") or "" for _, a in tags.tags)
    assert html.count("<mark ") == 1 + 3
    assert "</mark>" in html and html.count("</mark>") == html.count("<mark ")


def test_hostile_fields_are_escaped_on_every_page(hostile_client):
    for url in urls(hostile_client) + ["/search?q=ends", "/search?speaker=Mallory"]:
        html = page(hostile_client, url)
        tags = parse(html)
        assert not [t for t, _ in tags.tags if t in ("script", "img", "iframe", "b", "i")], url
        assert not any((a.get("href") or "").lower().lstrip().startswith("javascript:") for _, a in tags.tags), url
        assert not any(name.startswith("on") for _, a in tags.tags for name in a), url
