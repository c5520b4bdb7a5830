import codecs
import os
import gzip
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.ingest import iter_inputs, read_bytes, read_inputs, read_path, read_text
from onrecord.ingest.census import count_articles
from onrecord.ingest.files import gunzip
from onrecord.model import Article

REPO = Path(__file__).resolve().parents[2]
FOUNDING = REPO.parent / "shared" / "examples" / "macron-putin-2022-02-07.txt"

LEAD = "The harbour board met on Monday and agreed to dredge the inner basin before the winter storms."
TEXT = f"Harbour to be dredged\n\n{LEAD}\n"
MORE = "Fishing boats will be moved to the outer pier for the three weeks that the work is expected to take."
HTML = (
    "<!DOCTYPE html><html><head><title>Dredging</title></head><body><article>"
    f"<h1>Harbour to be dredged</h1><p>{LEAD}</p><p>{MORE}</p></article></body></html>"
)


def spans_hold(article: Article) -> None:
    for span in (*article.boilerplate, *article.headings):
        assert article.text[span.start:span.end] == span.text


@pytest.mark.parametrize(
    "name, data, is_html",
    [
        ("a.txt", TEXT.encode(), False),
        ("a.TEXT", TEXT.encode(), False),
        ("a.html", HTML.encode(), True),
        ("a.HTM", HTML.encode(), True),
        ("saved-as.txt", HTML.encode(), True),            # a page that opens as HTML is HTML
        ("no-extension", HTML.encode(), True),
        ("notes.md", TEXT.encode(), False),
        ("a.txt", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), False),
        ("a.html", codecs.BOM_UTF8 + HTML.encode(), True),
    ],
)
def test_read_path_sniffs_the_kind(tmp_path: Path, name: str, data: bytes, is_html: bool) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    article = read_path(path)
    assert article.source == str(path)
    assert LEAD in article.text
    assert article.text.startswith("<") is False
    assert article.title
    assert (f"\n\n{LEAD}\n\n{MORE}" in article.text) is is_html
    spans_hold(article)


def test_plain_text_is_kept_unchanged(tmp_path: Path) -> None:
    raw = "Share\r\n\r\nHarbour to be dredged\r\n\r\n" + LEAD + "\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(codecs.BOM_UTF8 + raw.encode())
    assert read_path(path).text == raw


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(b"Caf\xe9 owners \x93welcome\x94 the plan, the board said on Monday.")
    assert read_path(path).text == "Café owners “welcome” the plan, the board said on Monday."


def test_html_with_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = HTML.replace("<head>", '<head><meta charset="iso-8859-2">').replace("dredge", "pogłębić")
    path = tmp_path / "pl.html"
    path.write_bytes(page.encode("iso8859_2"))
    assert "pogłębić" in read_path(path).text


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("missing.txt", None, "no such file"),
        ("", None, "is a directory"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n \n", "whitespace"),
        ("img.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("nav.html", b"<html><body><nav>Home</nav></body></html>", "no article text found in HTML"),
    ],
)
def test_read_path_errors(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert caught.value.subject == str(path)
    assert reason in caught.value.reason


@pytest.mark.parametrize(
    "source, is_html",
    [
        ("https://example.org/story.html?page=2#top", True),
        ("https://example.org/story.txt", False),
        ("-", False),
    ],
)
def test_read_bytes_uses_the_extension_of_urls(source: str, is_html: bool) -> None:
    page = f"<p>{LEAD}</p><p>{MORE}</p>"
    article = read_bytes(page.encode(), source)
    assert article.text.startswith("<p>") is not is_html


def test_read_text_is_exported() -> None:
    assert read_text(TEXT).title == "Harbour to be dredged"


def test_iter_inputs(tmp_path: Path) -> None:
    names = ["b.txt", "a.html", "sub/c.htm", "sub/deep/d.TEXT", "sub/e.TXT", "notes.md",
             ".hidden.txt", ".git/f.txt", "sub/.cache/g.html"]
    for rel in names:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    named = tmp_path / "notes.md"
    found = list(iter_inputs([tmp_path, "missing.txt", named]))
    assert found == [
        tmp_path / "a.html", tmp_path / "b.txt", tmp_path / "sub/c.htm",
        tmp_path / "sub/deep/d.TEXT", tmp_path / "sub/e.TXT", "missing.txt", named,
    ]


def test_bundled_examples_read() -> None:
    articles = [read_path(p) for p in iter_inputs([REPO / "examples"])]
    assert len(articles) >= 2
    for article in articles:
        assert article.title and len(article.text.split()) > 150
        spans_hold(article)
    html = next(a for a in articles if a.source.endswith(".html"))
    assert html.published and html.site and len(html.authors) == 2


def test_founding_example() -> None:
    if not FOUNDING.exists():
        pytest.skip(f"founding example not found at {FOUNDING}")
    article = read_path(FOUNDING)
    text = article.text
    spans_hold(article)
    assert text == FOUNDING.read_text(encoding="utf-8")

    caption = "Macron-Putin meeting on February 7—the highlights. Photo: Kremlin website"
    whole_lines = [s.text for s in article.boilerplate if s.text != "Quote"]
    assert whole_lines == ["Facebook Pixel", caption, "Thank 🎉", "All News"]
    copy = next(s for s in article.boilerplate if s.text == caption)
    assert copy.start == text.rindex(caption) != text.index(caption)

    labels = [s for s in article.boilerplate if s.text == "Quote"]
    assert [s.start for s in labels] == [i for i in range(len(text)) if text.startswith('Quote"', i)]
    assert all(s.start == 0 or text[s.start - 1] == "\n" for s in labels)

    headings = [s.text for s in article.headings]
    for section in ["Overall impression", 'Russian threat to Ukraine and "Minsk"', "What about NATO",
                    "Bonus for Poroshenko from Putin", "Macron is going to Kyiv", caption]:
        assert section in headings
    assert article.title.startswith('"This is a bad sandbox')
    assert article.title in headings
    assert len(headings) == 7


def test_gzipped_pages_are_read_as_crawls_save_them(tmp_path: Path) -> None:
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(HTML.encode()))
    (tmp_path / "story.TXT.GZ").write_bytes(gzip.compress(TEXT.encode()))
    found = list(iter_inputs([tmp_path]))
    assert [p.name for p in found] == ["page.html.gz", "story.TXT.GZ"]
    page, story = (read_path(p) for p in found)
    assert page.title == "Harbour to be dredged" and LEAD in page.text and "<p>" not in page.text
    assert story.text == TEXT


@pytest.mark.parametrize(
    "data, reason",
    [
        (gzip.compress(HTML.encode())[:-12], "cut short"),
        (b"\x1f\x8b" + b"not really gzip", "not a readable gzip file"),
    ],
)
def test_broken_gzip_files_are_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_path(path)
    assert reason in caught.value.reason


def test_gunzip_refuses_to_unpack_past_its_limit() -> None:
    bomb = gzip.compress(b"<p>" + b" " * 50_000)
    with pytest.raises(InputError) as caught:
        gunzip(bomb, "bomb.html.gz", limit=10_000)
    assert "limit" in caught.value.reason
    assert gunzip(bomb, "bomb.html.gz", limit=60_000).startswith(b"<p>")


def test_what_a_folder_walk_leaves_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(TEXT)
    (tmp_path / "pages" / "notes.md").write_text("x")
    (tmp_path / "pages" / ".hidden.pdf").write_text("x")
    (tmp_path / "empty").mkdir()
    results = list(read_inputs([tmp_path / "pages", tmp_path / "empty"]))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "InputError"]
    unread, empty = results[1:]
    assert unread.subject.endswith("notes.md") and "not an article file" in unread.reason
    assert empty.subject.endswith("empty") and "no files" in empty.reason
    assert count_articles([tmp_path / "pages", tmp_path / "empty"]) == 3


def test_a_file_name_that_is_not_utf8_is_named_with_escapes(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(TEXT.encode())
    (article,) = [r for r in read_inputs([tmp_path])]
    assert article.source == f"{tmp_path}/caf\\xe9.txt"
    assert article.source.encode("utf-8")                           # storable, printable
