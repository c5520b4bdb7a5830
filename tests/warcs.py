"""Small WARC crawls written for tests: HTML pages, an image, a 404, a request."""
from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

LEAD = "The harbour board met on Monday and agreed to dredge the inner basin before the winter storms."
MORE = "Fishing boats will be moved to the outer pier for the three weeks that the work is expected to take."
RUSSIAN = "Президент заявил журналистам, что переговоры продолжатся в понедельник в Москве."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


def page(title: str, *paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body><article>"
            f"<h1>{title}</h1>{body}</article></body></html>")


DATED = '<meta property="article:published_time" content="2023-05-02">'
HARBOUR = page("Harbour to be dredged", LEAD, MORE, head=DATED).encode()
KOI8 = page("Переговоры", RUSSIAN, RUSSIAN + " Это важно.").encode("koi8-r")
CAFE = page("Cafe rules", "The café owners on the quay said the new parking rules would hurt trade.",
            MORE).encode("cp1252")


def response(writer: WARCWriter, uri: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2024-01-01T00:00:00Z"})
    writer.write_record(record)


def crawl(path: Path, gzip: bool) -> Path:
    """A small crawl: three pages, an image, a 404, a request and a page that is not text."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response(writer, "https://example.org/harbour", HARBOUR, "text/html; charset=utf-8")
        response(writer, "https://example.org/logo.png", PNG, "image/png")
        response(writer, "https://example.org/gone", HARBOUR, "text/html", status="404 Not Found")
        writer.write_record(writer.create_warc_record("https://example.org/x", "request",
                                                      payload=io.BytesIO(b"GET /x HTTP/1.1\r\n\r\n")))
        response(writer, "https://example.ru/talks", KOI8, "text/html; charset=KOI8-R")
        response(writer, "https://example.org/binary", PNG, "text/html")
        response(writer, "https://example.org/cafe", CAFE, 'text/html; charset="no-such-charset"')
    return path


def corrupt_copy(good: Path, bad: Path) -> int:
    """``good`` with its first page's record header garbled, written to ``bad``; where that record starts."""
    data = good.read_bytes()
    second = data.index(b"\r\nWARC/1.", 10) + 2
    bad.write_bytes(data[:second] + b"GARBAGE!" + data[second + 8:])
    return second
