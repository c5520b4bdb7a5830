"""WARC and WARC.gz input: HTML responses become articles named by their URI; other records
are skipped; a bad page, a corrupt record or a truncated file is reported and the rest read."""
from __future__ import annotations

from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from onrecord import api
from onrecord.errors import InputError
from onrecord.ingest import iter_inputs, read_inputs, read_warc
from onrecord.model import Article

from warcs import CAFE, DATED, HARBOUR, KOI8, LEAD, MORE, PNG, RUSSIAN, crawl, page, response


def split(items: list[Article | InputError]) -> tuple[list[Article], list[tuple[str, str]]]:
    articles = [x for x in items if isinstance(x, Article)]
    errors = [(x.subject, x.reason) for x in items if isinstance(x, InputError)]
    return articles, errors


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path: Path, name: str, gzip: bool) -> None:
    path = crawl(tmp_path / name, gzip)
    assert path.read_bytes().startswith(b"\x1f\x8b") is gzip
    articles, errors = split(list(read_warc(path, name)))
    assert [a.source for a in articles] == [
        "https://example.org/harbour", "https://example.ru/talks", "https://example.org/cafe"]
    harbour, talks, cafe = articles
    assert LEAD in harbour.text and harbour.title == "Harbour to be dredged"
    assert harbour.published == "2023-05-02"                 # the page's date, not WARC-Date
    assert RUSSIAN in talks.text                             # the HTTP charset is honoured
    assert "café owners" in cafe.text                        # an unknown charset falls back
    assert errors == [("https://example.org/binary", "binary file, not text")]


def test_without_a_page_date_published_stays_empty(tmp_path: Path) -> None:
    path = tmp_path / "undated.warc"
    with path.open("wb") as out:
        response(WARCWriter(out, gzip=False), "https://example.org/a", page("Dredging", LEAD, MORE).encode(),
                 "text/html")
    (article,) = read_warc(path, "undated.warc")
    assert isinstance(article, Article) and article.published is None


def test_a_corrupt_record_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    data = crawl(tmp_path / "good.warc", gzip=False).read_bytes()
    second = data.index(b"\r\nWARC/1.", 10) + 2                # the first page's record
    path = tmp_path / "bad.warc"
    path.write_bytes(data[:second] + b"GARBAGE!" + data[second + 8:])
    articles, errors = split(list(read_warc(path, "bad.warc")))
    assert [a.source for a in articles] == ["https://example.ru/talks", "https://example.org/cafe"]
    assert errors[0][0] == f"bad.warc#{second}" and errors[0][1].startswith("corrupt WARC record")
    assert errors[1:] == [("https://example.org/binary", "binary file, not text")]


@pytest.mark.parametrize("gzip", [True, False])
def test_a_truncated_file_ends_with_one_error(tmp_path: Path, gzip: bool) -> None:
    data = crawl(tmp_path / "full", gzip).read_bytes()
    for cut in (len(data) - 40, len(data) * 2 // 3):
        path = tmp_path / "cut.warc.gz"
        path.write_bytes(data[:cut])
        items = list(read_warc(path, "cut.warc.gz"))
        articles, errors = split(items)
        assert articles[0].source == "https://example.org/harbour"
        assert len(errors) in (1, 2) and isinstance(items[-1], InputError)
        assert items[-1].subject.startswith("cut.warc.gz#") and "truncated" in items[-1].reason
    path.write_bytes(data[:100])                              # cut inside the first record's headers
    assert split(list(read_warc(path, "cut.warc.gz")))[1] == [
        ("cut.warc.gz#0", "corrupt WARC record (no valid Content-Length)")]


def test_every_cut_but_one_between_records_is_reported(tmp_path: Path) -> None:
    data = crawl(tmp_path / "full.warc.gz", gzip=True).read_bytes()
    path = tmp_path / "cut.warc.gz"
    silent = set()
    for cut in range(1, len(data), 5):
        path.write_bytes(data[:cut])
        if not any(isinstance(x, InputError) and ("truncated" in x.reason or "corrupt" in x.reason)
                   for x in read_warc(path, "cut.warc.gz")):
            silent.add(cut)
    # a cut exactly where a record (a gzip member) begins leaves a shorter crawl, whole
    assert silent <= {cut for cut in range(1, len(data)) if data[cut:cut + 3] == b"\x1f\x8b\x08"}


def test_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "empty.warc").write_bytes(b"")
    assert split(list(read_warc(tmp_path / "empty.warc", "e")))[1] == [("e", "empty file")]
    assert split(list(read_warc(tmp_path / "none.warc", "n")))[1] == [("n", "no such file")]


def test_read_inputs_and_read_all_take_warc(tmp_path: Path) -> None:
    crawl(tmp_path / "a.warc.gz", gzip=True)
    crawl(tmp_path / "b.WARC", gzip=False)
    (tmp_path / "c.gz").write_bytes(b"\x1f\x8b")
    assert [p.name for p in iter_inputs([tmp_path])] == ["a.warc.gz", "b.WARC"]
    assert len(split(list(read_inputs([tmp_path])))[0]) == 6
    problems: list[tuple[str, str]] = []
    articles = list(api.read_all([tmp_path / "a.warc.gz"], lambda s, r: problems.append((s, r)),
                                 published="2022-02-07"))
    assert [a.published for a in articles] == ["2022-02-07"] * 3   # --published still wins
    assert problems == [("https://example.org/binary", "binary file, not text")]


def test_warcios_warning_is_one_line_naming_the_file(tmp_path: Path, capsys) -> None:
    data = crawl(tmp_path / "full.warc", gzip=False).read_bytes()
    at = data.index(b"Content-Length: ", 1200)
    end = data.index(b"\r\n", at)
    short = int(data[at + 16:end]) - 5                       # the record then runs into the next
    path = tmp_path / "short.warc"
    path.write_bytes(data[:at] + b"Content-Length: %d" % short + data[end:])
    list(read_warc(path, "short.warc"))
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith("onrecord: short.warc#") for line in lines)
    assert "Content-Length may be wrong" in lines[0]
