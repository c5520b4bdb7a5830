import codecs

import pytest

from onrecord.errors import InputError
from onrecord.ingest.decode import BINARY, decode

HELLO = "Ana said “yes” — at last."


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"plain ascii text", "plain ascii text"),
        (HELLO.encode("utf-8"), HELLO),
        (codecs.BOM_UTF8 + HELLO.encode("utf-8"), HELLO),
        (codecs.BOM_UTF16_LE + HELLO.encode("utf-16-le"), HELLO),
        (codecs.BOM_UTF16_BE + HELLO.encode("utf-16-be"), HELLO),
        (codecs.BOM_UTF32_LE + HELLO.encode("utf-32-le"), HELLO),
        (codecs.BOM_UTF32_BE + HELLO.encode("utf-32-be"), HELLO),
        ("No mark here, only text.".encode("utf-16-le"), "No mark here, only text."),
        ("No mark here, only text.".encode("utf-16-be"), "No mark here, only text."),
        (b"caf\xe9 \x93quoted\x94", "café “quoted”"),
        (b"It was \x93fair\x94 \x97 and final, said M\xfcller.", "It was “fair” — and final, said Müller."),
        ("Der Bürgermeister sagte, die Straße sei zu schmal.".encode("latin-1"),
         "Der Bürgermeister sagte, die Straße sei zu schmal."),
        ("Министр заявил, что переговоры продолжатся на следующей неделе в столице.".encode("cp1251"),
         "Министр заявил, что переговоры продолжатся на следующей неделе в столице."),
        ("Burmistrz powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu.".encode("cp1250"),
         "Burmistrz powiedział, że rozmowy będą kontynuowane w przyszłym tygodniu."),
        (b"line one\r\nline two\r\n", "line one\r\nline two\r\n"),
    ],
)
def test_decodes(data: bytes, expected: str) -> None:
    assert decode(data, "in.txt") == expected


def test_declared_encoding_is_tried_before_guessing() -> None:
    data = "Zażółć gęślą jaźń, rzekł wójt.".encode("iso8859_2")
    assert decode(data, "page.html", hint="iso-8859-2") == "Zażółć gęślą jaźń, rzekł wójt."


@pytest.mark.parametrize("hint", ["no-such-codec", "utf-8"])
def test_unusable_hint_falls_back(hint: str) -> None:
    assert decode(b"caf\xe9 ouvert", "page.html", hint=hint) == "café ouvert"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\r\n ", "whitespace"),
        (codecs.BOM_UTF8 + b" \n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BINARY),
        (b"PK\x03\x04\x14\x00\x06\x00", BINARY),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", BINARY),
        (b"header\x00\x00\x00\x07\xff\x10\x00\x00payload\x00\x01", BINARY),
        (b"\x01\x02\x03\x04\x05\x06 some words \x07\x08\x0e\x0f", BINARY),
        ("Odd length.".encode("utf-16-le") + b"x", BINARY),
        (codecs.BOM_UTF8 + b"caf\xe9", "byte-order mark"),
        (b"\x9d\xff\xfe\x81\x8d\x8f" * 50, "cannot decode"),
    ],
)
def test_rejects(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "bad.txt")
    assert caught.value.subject == "bad.txt"
    assert reason in caught.value.reason


def test_a_few_control_characters_are_tolerated() -> None:
    text = "A form feed\f between pages, and one stray \x1a at the end of a long enough line of text."
    assert decode(text.encode("utf-8"), "x.txt") == text
