"""Gold attributions from a corpus in brat standoff form (the PolNeAR layout).

    DIR/text/NAME.txt
    DIR/attributions/NAME_ANNOTATOR.ann     T lines (Source/Cue/Content spans) and E lines tying them

The reading follows the reference scorer (shared/tools/score.py) exactly, because the figures
must agree with it: texts are read as UTF-8 with universal newlines, the first annotator file
in sorted order is used, an E line without a Content is skipped, and a content is direct when
its text holds a quotation mark.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

Spans = tuple[tuple[int, int], ...]
OnError = Callable[[str, str], None]

QUOTE_MARKS = re.compile("[\"“”«»„]")                 # the scorer's definition of "direct"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.M)
_E_LINE = re.compile(r"^(E\d+)\t(.*)$", re.M)


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Spans
    source: Spans = ()               # empty when the annotator gave no Source
    cue: Spans = ()
    direct: bool = False
    eid: str = ""                    # the E line's id, which further annotations (``who``) are keyed by


@dataclass(frozen=True, slots=True)
class GoldDocument:
    name: str                        # the text file's stem, which predictions are keyed by
    text_path: Path
    ann_path: Path
    text: str
    gold: tuple[GoldAttribution, ...]


def span_text(text: str, spans: Spans, sep: str = " ") -> str:
    """The words of a possibly discontinuous span (pieces joined as brat does)."""
    return sep.join(text[a:b] for a, b in spans)


def parse_spans(offsets: str) -> Spans:
    """``10 20;25 40`` -> ((10, 20), (25, 40))."""
    pieces = (tuple(map(int, part.split())) for part in offsets.split(";"))
    return tuple((p[0], p[1]) for p in pieces if len(p) == 2)


def parse_ann(raw: str, text: str) -> tuple[GoldAttribution, ...]:
    """The attributions of one .ann file over ``text``."""
    spans = {tid: parse_spans(offsets) for tid, _kind, offsets in _T_LINE.findall(raw)}
    found = []
    for eid, body in _E_LINE.findall(raw):
        roles = dict(kv.split(":", 1) for kv in body.split() if ":" in kv)
        content = spans.get(roles.get("Content", ""), ())
        if not content:
            continue
        found.append(GoldAttribution(
            content=content,
            source=spans.get(roles.get("Source", ""), ()),
            cue=spans.get(roles.get("Cue", ""), ()),
            direct=bool(QUOTE_MARKS.search(span_text(text, content))),
            eid=eid,
        ))
    return tuple(found)


def check_corpus(corpus_dir: str | os.PathLike[str]) -> Path:
    """The corpus folder, or an InputError saying why it is not one."""
    folder = Path(corpus_dir)
    if not folder.exists():
        raise InputError(str(corpus_dir), "no such directory")
    if not folder.is_dir():
        raise InputError(str(corpus_dir), "not a directory")
    if not (folder / "text").is_dir():
        raise InputError(str(corpus_dir), "no text/ folder (a corpus is DIR/text/*.txt + DIR/attributions/*.ann)")
    if not (folder / "attributions").is_dir():
        raise InputError(str(corpus_dir), "no attributions/ folder (brat .ann files for DIR/text/*.txt)")
    return folder


def annotation_files(folder: Path) -> dict[str, Path]:
    """Text name -> its first annotator's .ann file (``NAME_ANNOTATOR.ann``, sorted by file name)."""
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann"), key=lambda p: p.name):
        stem = ann.name[:-4]
        name = stem.rsplit("_", 1)[0] if "_" in stem else stem
        chosen.setdefault(name, ann)
    return chosen


def load_document(folder: Path, name: str, ann: Path) -> GoldDocument:
    """One annotated text; InputError when its text is missing or not UTF-8."""
    text_path = folder / "text" / f"{name}.txt"
    try:
        text = text_path.read_text(encoding="utf-8")     # universal newlines, as the scorer reads it
        raw = ann.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise InputError(str(err.filename), "no such file (annotated in " + ann.name + ")") from None
    except UnicodeDecodeError:
        raise InputError(str(text_path), "not UTF-8 (brat offsets need the exact text)") from None
    except OSError as err:
        raise InputError(str(text_path), f"cannot read ({err.strerror or err.__class__.__name__})") from None
    return GoldDocument(name, text_path, ann, text, parse_ann(raw, text))


def load_corpus(corpus_dir: str | os.PathLike[str], limit: int | None = None,
                on_error: OnError | None = None) -> list[GoldDocument]:
    """The annotated documents of a corpus, sorted by name (texts without .ann are not scored,
    as in the reference scorer). Unreadable documents go to ``on_error`` and are left out."""
    folder = check_corpus(corpus_dir)
    docs: list[GoldDocument] = []
    for name, ann in sorted(annotation_files(folder).items()):
        if limit is not None and len(docs) >= limit:
            break
        try:
            docs.append(load_document(folder, name, ann))
        except InputError as err:
            if on_error is None:
                raise
            on_error(err.subject, err.reason)
    return docs


def unannotated(corpus_dir: str | os.PathLike[str]) -> list[str]:
    """Texts in the corpus that no .ann file annotates (left out of the scores)."""
    folder = Path(corpus_dir)
    annotated = set(annotation_files(folder))
    return sorted(p.stem for p in (folder / "text").glob("*.txt") if p.stem not in annotated)


__all__ = ["GoldAttribution", "GoldDocument", "QUOTE_MARKS", "load_corpus", "load_document",
           "parse_ann", "parse_spans", "span_text", "check_corpus", "unannotated"]
