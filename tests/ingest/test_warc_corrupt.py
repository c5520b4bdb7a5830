"""Corrupt bytes in a WARC file: each fault is one failure naming the file and offset (or the
page), warcio prints nothing bare, and the records after it are still read."""
from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord import api
from onrecord.errors import InputError
from onrecord.ingest import read_warc
from onrecord.ingest.census import count_articles
from onrecord.ingest.warc import count_pages
from onrecord.model import Article

from warcs import HARBOUR, LEAD, MORE, crawl, page, response

GZIP_MEMBER = b"\x1f\x8b\x08"


def members(data: bytes) -> list[int]:
    return [i for i in range(len(data)) if data[i:i + 3] == GZIP_MEMBER]


def flipped(data: bytes, at: int, width: int = 6) -> bytes:
    return data[:at] + bytes(b ^ 0x55 for b in data[at:at + width]) + data[at + width:]


def outcome(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    items = list(read_warc(path, path.name))
    return ([x.source or "" for x in items if isinstance(x, Article)],
            [(x.subject, x.reason) for x in items if isinstance(x, InputError)])


@pytest.fixture(scope="module")
def big_crawl(tmp_path_factory) -> Path:
    """A page between two others whose gzip member is far larger than warcio's 16 KB read:
    warcio prints a decompression error only past a member's first block."""
    rng = random.Random(7)
    words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
                     for _ in range(20000))
    path = tmp_path_factory.mktemp("big") / "big.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        response(writer, "https://example.org/harbour", HARBOUR, "text/html")
        response(writer, "https://example.org/big", page("Big", LEAD, words, MORE).encode(), "text/html")
        response(writer, "https://example.org/after", HARBOUR.replace(b"Monday", b"Friday"), "text/html")
    return path


@pytest.mark.parametrize("where", [0.5, 0.99])
def test_a_corrupt_member_past_the_first_block_is_one_failure_and_reading_goes_on(
        big_crawl: Path, tmp_path: Path, capfd, where: float) -> None:
    data = big_crawl.read_bytes()
    start, end = members(data)[1:3]
    assert end - start > 3 * 16384
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(flipped(data, start + int((end - start) * where)))
    pages, errors = outcome(path)
    assert pages == ["https://example.org/harbour", "https://example.org/after"]
    assert len(errors) == 1 and errors[0][0] == f"bad.warc.gz#{start}"
    assert errors[0][1].startswith("corrupt gzip data (Error -3 while decompressing data")
    assert capfd.readouterr().err == ""                      # warcio printed nothing


def test_every_corrupt_member_of_a_small_crawl_is_one_line(tmp_path: Path, capfd) -> None:
    data = crawl(tmp_path / "full.warc.gz", gzip=True).read_bytes()
    starts = members(data)
    path = tmp_path / "bad.warc.gz"
    for start, end in zip(starts, [*starts[1:], len(data)]):
        for at in (start + 20, (start + end) // 2, end - 15, end - 10):
            path.write_bytes(flipped(data, at, 4))
            items = list(read_warc(path, "bad.warc.gz"))
            faults = [x for x in items if isinstance(x, InputError) and x.subject.startswith("bad.warc.gz#")]
            assert [x.subject for x in faults] == [f"bad.warc.gz#{start}"], (start, at)
            assert faults[0].reason.startswith(("corrupt gzip data", "file ends in the middle")), faults[0]
            assert capfd.readouterr().err == "", (start, at)


def test_the_failures_report_has_the_one_line(big_crawl: Path, tmp_path: Path, capfd) -> None:
    data = big_crawl.read_bytes()
    start, end = members(data)[1:3]
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(flipped(data, (start + end) // 2))
    problems: list[tuple[str, str]] = []
    articles = list(api.read_all([path], lambda s, r: problems.append((s, r))))
    assert [a.source for a in articles] == ["https://example.org/harbour", "https://example.org/after"]
    assert [s for s, _ in problems] == [f"{path}#{start}"]
    assert capfd.readouterr().err == ""


def test_the_census_is_quiet_too(big_crawl: Path, tmp_path: Path, capfd) -> None:
    data = big_crawl.read_bytes()
    start, end = members(data)[1:3]
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(flipped(data, (start + end) // 2))
    with pytest.raises(Exception):                             # a census counts the file as one failure
        count_pages(path)
    assert count_pages(big_crawl) == 3
    assert count_articles([path]) == 1                      # what the progress bar counts: one failure
    assert capfd.readouterr().err == ""


def compressed_page(path: Path, body: bytes, chunked: bool = False) -> Path:
    headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip")]
    if chunked:
        headers.append(("Transfer-Encoding", "chunked"))
        body = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 4096]), body[i:i + 4096])
                        for i in range(0, len(body), 4096)) + b"0\r\n\r\n"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/zipped", "response",
                                                      payload=io.BytesIO(body), http_headers=http))
        response(writer, "https://example.org/harbour", HARBOUR, "text/html")
    return path


@pytest.mark.parametrize("chunked", [False, True])
def test_a_corrupt_compressed_page_body_is_that_pages_failure(tmp_path: Path, capfd, chunked: bool) -> None:
    rng = random.Random(3)
    words = " ".join("".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(30000))
    body = gzip.compress(page("Zipped", LEAD, words).encode())
    path = compressed_page(tmp_path / "page.warc", flipped(body, len(body) // 2), chunked)
    pages, errors = outcome(path)
    assert pages == ["https://example.org/harbour"]
    assert errors == [("https://example.org/zipped",
                       errors[0][1])] and errors[0][1].startswith("cannot read the page (corrupt compressed body")
    assert capfd.readouterr().err == ""
    whole = compressed_page(tmp_path / "whole.warc", body, chunked)
    assert outcome(whole)[0] == ["https://example.org/zipped", "https://example.org/harbour"]


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("garble, reason", [
    (lambda d, at: d[:at] + b"\x00\x01garbage!zzzzz" + d[at + 15:], "corrupt HTTP response (status line: "),
    (lambda d, at: d[:at] + b"200 OK         " + d[at + 15:], "corrupt HTTP response (status line: 200 OK)"),
    (lambda d, at: d.replace(b"Content-Type: text/html", b"Content-Typ\x00: text/html", 1),
     "corrupt HTTP response (no Content-Type)"),
])
def test_a_response_with_a_garbled_http_head_is_reported_not_skipped(tmp_path: Path, garble, reason: str,
                                                                     gzipped: bool) -> None:
    data = crawl(tmp_path / "plain.warc", gzip=False).read_bytes()
    bad = garble(data, data.index(b"HTTP/1.1 200 OK"))
    path = tmp_path / "bad.warc"
    path.write_bytes(bad)
    if gzipped:          # the same records, one gzip member each, as crawlers write them
        from warcio.archiveiterator import ArchiveIterator
        path = tmp_path / "bad.warc.gz"
        with (tmp_path / "bad.warc").open("rb") as plain, path.open("wb") as out:
            writer = WARCWriter(out, gzip=True)
            for record in ArchiveIterator(plain):
                writer.write_record(record)
    pages, errors = outcome(path)
    assert pages == ["https://example.ru/talks", "https://example.org/cafe"]
    assert errors[0][0] == "https://example.org/harbour" and errors[0][1].startswith(reason)
    # the image, the 404 and the request are still skipped without a word
    assert errors[1:] == [("https://example.org/binary", "binary file, not text")]
