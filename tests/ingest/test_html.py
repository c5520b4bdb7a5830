import socket

import pytest
import trafilatura

from onrecord.errors import InputError
from onrecord.ingest import html as html_mod
from onrecord.ingest.html import NO_ARTICLE, declared_charset, looks_like_html, read_html, split_authors

P1 = "The valley council voted on Tuesday to close the old ferry crossing at the end of the year."
P2 = '"It is the end of an era, but the bridge makes it inevitable," council leader Ines Varga said.'
P3 = "Varga said that the ferry's two boats would be sold to a museum and the jetty kept as a landmark."

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Ferry crossing to close | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2023-11-02T08:00:00Z">
<meta name="author" content="Jo Kemp; Sam Ortiz">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/login">Log in</a></nav>
<div id="cookie-banner"><p>We use cookies. <button>Accept</button></p></div>
<article>
<h1>Ferry crossing to close after ninety years</h1>
<p>{P1}</p>
<p>{P2}</p>
<h2>What happens to the boats</h2>
<p>{P3}</p>
</article>
<footer><p>Share on Facebook</p><p>© 2023 Valley Courier</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def article():
    return read_html(PAGE, "ferry.html")


def test_paragraphs_are_separated_by_blank_lines(article) -> None:
    assert f"{P1}\n\n{P2}\n\nWhat happens to the boats\n\n{P3}" in article.text


def test_chrome_is_left_out(article) -> None:
    for chrome in ("Log in", "cookies", "Share on Facebook", "© 2023"):
        assert chrome not in article.text


@pytest.mark.parametrize(
    "field, expected",
    [
        ("title", "Ferry crossing to close after ninety years"),
        ("published", "2023-11-02"),
        ("site", "Valley Courier"),
        ("authors", ("Jo Kemp", "Sam Ortiz")),
        ("source", "ferry.html"),
    ],
)
def test_metadata(article, field: str, expected: object) -> None:
    assert getattr(article, field) == expected


def test_headings(article) -> None:
    assert [s.text for s in article.headings] == [
        "Ferry crossing to close after ninety years", "What happens to the boats",
    ]
    for span in article.headings:
        assert article.text[span.start:span.end] == span.text


def test_site_falls_back_to_the_host_of_a_url_source() -> None:
    page = f"<html><head><title>Ferry</title></head><body><article><p>{P1}</p><p>{P3}</p></article>"
    assert read_html(page, "https://news.example.org/ferry.html").site == "news.example.org"


def test_a_fragment_without_body_is_read() -> None:
    article = read_html(f"<p>{P1}</p><p>{P3}</p>", "fragment.html")
    assert article.text == f"{P1}\n\n{P3}"


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<<<<>>>>",
        "<html",
        "\x00\x01<html>",
        "<!DOCTYPE html><html><body>" + "<div>" * 3000 + "deep" + "</div>" * 3000 + "</body></html>",
    ],
)
def test_pages_without_an_article_raise(page: str) -> None:
    with pytest.raises(InputError) as caught:
        read_html(page, "empty.html")
    assert caught.value.reason == NO_ARTICLE


@pytest.mark.parametrize(
    "page",
    [
        f"<html><body><p>{P1}<p>{P2}<b>unclosed <i>tags</p></div></span><p>{P3}",
        f"<html><body><article><p>{P1}</p><script>if (a < b) {{ x = '</p>'; }}</script><p>{P3}</p>",
        f"<html><body><table><tr><td><p>{P1}</td><p>{P3}</table>",
    ],
)
def test_broken_html_still_yields_the_text(page: str) -> None:
    article = read_html(page, "broken.html")
    assert P1[:40] in article.text and P3[:40] in article.text


def test_page_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "MAX_HTML_BYTES", 100)
    with pytest.raises(InputError) as caught:
        read_html(PAGE, "big.html")
    assert caught.value.reason.startswith("page too large")


def test_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert read_html(PAGE, "https://valley.example/ferry").title


@pytest.mark.parametrize(
    "author, expected",
    [
        (None, ()),
        ("", ()),
        ("Jo Kemp", ("Jo Kemp",)),
        ("Jo Kemp; Sam Ortiz", ("Jo Kemp", "Sam Ortiz")),
        (" ; A ;", ("A",)),
    ],
)
def test_split_authors(author: str | None, expected: tuple[str, ...]) -> None:
    assert split_authors(author) == expected


@pytest.mark.parametrize(
    "data, expected",
    [
        (b'<html><head><meta charset="windows-1252"></head>', "windows-1252"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "ISO-8859-1"),
        (b"<html><head><title>charset=none here</title>", None),
        (b"plain text", None),
    ],
)
def test_declared_charset(data: bytes, expected: str | None) -> None:
    assert declared_charset(data) == expected


@pytest.mark.parametrize(
    "text, strict, expected",
    [
        ("<!DOCTYPE html><html>", True, True),
        ("  <!-- saved page -->\n<html lang='en'>", True, True),
        ("<HTML><BODY>", True, True),
        ("<div>x</div>\n<body><p>x</p>", False, True),
        ("<div>x</div>\n<body><p>x</p>", True, False),
        ("The <html> tag opens a page.", False, False),
        ("<p>A paragraph without any page around it.</p>", False, False),
        ("Plain text about a council vote.", False, False),
    ],
)
def test_looks_like_html(text: str, strict: bool, expected: bool) -> None:
    assert looks_like_html(text, strict=strict) is expected


def test_text_survives_a_metadata_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    real = trafilatura.bare_extraction

    def choke_on_metadata(*args, **kwargs):
        if kwargs.get("with_metadata"):
            raise AssertionError("lxml drop_tree on a parentless node")
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", choke_on_metadata)
    article = read_html(PAGE, "odd.html")
    assert P1 in article.text and article.authors == ()


def test_extraction_crash_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(trafilatura, "bare_extraction", crash)
    with pytest.raises(InputError) as caught:
        read_html(PAGE, "odd.html")
    assert caught.value.reason == "cannot parse HTML (RecursionError)"


def test_a_card_shown_on_hover_beside_a_name_is_left_out_and_the_name_kept() -> None:
    card = ('<span class="rollover-people"><a class="rollover-people-link" href="/people/ines-varga">Ines Varga'
            '</a><span class="rollover-people-block"><span class="rollover-block"><a class="name" '
            'href="/people/ines-varga">Ines Varga</a><a class="people-articles" href="/a">Council votes to sell '
            'the boats | Museum bids for the jetty</a> MORE</span></span></span>')
    page = PAGE.replace("council leader Ines Varga said", f"council leader {card} said")
    text = read_html(page, "ferry.html").text
    assert '"It is the end of an era, but the bridge makes it inevitable," council leader Ines Varga said.' in text
    assert "Museum bids" not in text and "MORE" not in text
