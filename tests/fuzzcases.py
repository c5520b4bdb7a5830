"""Generated inputs of the kinds that once hung, crashed or fooled a run: texts whose parse is
a chain thousands deep, quotation runs, one-line dumps, NULs and stray bytes, JSON lines that
no parser or store can take, HTML nested past any page, WARC files cut anywhere, names that
are not UTF-8. ``write_cases`` writes ``n`` of them to a folder, one file each, and returns
what each file is; the suite's fuzz test and ``benchmarks/fuzz.py`` share them."""
from __future__ import annotations

import gzip
import io
import json
import os
import random
from pathlib import Path

from warcio.warcwriter import WARCWriter

from warcs import page, response

NAMES = ["Ana Ruiz", "Tom Keller", "Lena Okafor", "Marek Hale", "Ines Duarte"]
CUES = ["said", "told reporters", "added", "warned", "insisted", "wrote"]
WORDS = "the harbour board met on monday and agreed to dredge the inner basin before winter".split()


def _prose(rng: random.Random) -> str:
    out = []
    for _ in range(rng.randint(1, 12)):
        name, cue = rng.choice(NAMES), rng.choice(CUES)
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 20)))
        out.append(rng.choice([f"“{words.capitalize()},” {name} {cue}.", f"{name} {cue} that {words}.",
                               f"{words.capitalize()}, {name} {cue}, “{words}.”", f"“{words}” — {name}",
                               f"{name}: {words}", f"''{words},'' he {cue}."]))
    return rng.choice(["\n\n", " ", "\n"]).join(out)


def _text(rng: random.Random, scale: int) -> bytes:
    kind = rng.randrange(8)
    if kind == 0:
        return ("said " * rng.randint(scale, 5 * scale)).encode()
    if kind == 1:
        return ("The minister said that " + " and said that ".join(f"x{i}" for i in range(scale // 5)) + ".").encode()
    if kind == 2:
        return ("“🎉” said 🐱. " * rng.randint(scale // 10, scale // 2)).encode()
    if kind == 3:
        return " ".join(rng.choice(WORDS + CUES) for _ in range(scale * 4)).encode()
    if kind == 4:
        return _prose(rng).encode() + b"\x00" + _prose(rng).encode()
    if kind == 5:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 400)))
    if kind == 6:
        return rng.choice([b"", b"   \n\t ", "\ufeff".encode()])
    return _prose(rng).encode(rng.choice(["utf-8", "utf-16", "cp1252"]), errors="replace")


def _jsonl(rng: random.Random, scale: int) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 6)):
        kind = rng.randrange(7)
        if kind == 0:
            lines.append(json.dumps({"text": _prose(rng)}))
        elif kind == 1:
            lines.append('{"text": "The mayor said the pier \\ud800 is unsafe."}')
        elif kind == 2:
            lines.append("[" * rng.randint(1000, 20 * scale))
        elif kind == 3:
            lines.append(rng.choice(['{"text": 42}', "[1, 2]", '"a string"', "{not json", '{"html": null}']))
        elif kind == 4:
            lines.append(json.dumps({"text": _prose(rng) + "\u0000"}))
        elif kind == 5:
            lines.append(json.dumps({"html": page("Quay", _prose(rng), _prose(rng)), "published": rng.choice(["2024-06-02", "June", "9999-12-31"])}))
        else:
            lines.append(json.dumps({"text": "said " * scale}))
    return ("\n".join(lines) + "\n").encode("utf-8", errors="surrogatepass")


def _html(rng: random.Random, scale: int) -> bytes:
    kind = rng.randrange(4)
    if kind == 0:
        return page("Quay opens", _prose(rng), _prose(rng)).encode()
    if kind == 1:
        return ("<html><body>" + "<div>" * (scale * 2) + _prose(rng) + "</div>" * (scale * 2) + "</body></html>").encode()
    if kind == 2:
        return ("<html><body><script>" + "x" * scale + "</script><p>" + _prose(rng) + "</p></body></html>").encode()
    return bytes(rng.randrange(256) for _ in range(rng.randint(10, 400)))


def _warc(rng: random.Random, stem: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=rng.random() < 0.5)
    for n in range(rng.randint(1, 4)):
        body = page(f"Page {n}", _prose(rng), _prose(rng)).encode()
        response(writer, f"https://fuzz.example/{stem}/{n}", body, "text/html; charset=utf-8")
    data = out.getvalue()
    if rng.random() < 0.6:
        data = data[:rng.randint(1, len(data))]              # cut anywhere
    return data


def write_cases(folder: Path, n: int, seed: int = 0, scale: int = 400) -> dict[str, str]:
    """``n`` generated inputs in ``folder`` (``scale`` sets how big the pathological ones
    grow); file name -> its kind."""
    rng = random.Random(seed)
    kinds: dict[str, str] = {}
    for i in range(n):
        kind = rng.choice(["txt", "txt", "jsonl", "html", "warc", "gz", "name"])
        stem = f"case{i:05d}"
        if kind == "txt":
            name, data = f"{stem}.txt", _text(rng, scale)
        elif kind == "jsonl":
            name, data = f"{stem}.jsonl", _jsonl(rng, scale)
        elif kind == "html":
            name, data = f"{stem}.html", _html(rng, scale)
        elif kind == "warc":
            name, data = f"{stem}.warc" + (".gz" if rng.random() < 0.5 else ""), _warc(rng, stem)
        elif kind == "gz":
            raw = gzip.compress(_prose(rng).encode())
            name, data = f"{stem}.txt.gz", raw[:rng.randint(1, len(raw))] if rng.random() < 0.5 else raw
        else:                                   # a name that is not UTF-8, as old archives have
            name, data = os.fsdecode(stem.encode() + b"-caf\xe9.txt"), _prose(rng).encode()
        (folder / name).write_bytes(data)
        kinds[name] = kind
    return kinds


__all__ = ["write_cases"]
