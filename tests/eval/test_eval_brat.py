"""The brat standoff loader on the fixture corpus (invented news texts, hand annotations in
PolNeAR's layout) and on small corpora written here for the edge cases."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.eval.brat import load_corpus, parse_ann, parse_spans, span_text, unannotated

MINI = Path(__file__).parent / "fixtures" / "mini"
HARBOUR = "harbour_2024-03-04_ferry-to-run-through-winter"
SCHOOL = "lowmere_2024-03-07_village-school-to-close"


@pytest.fixture(scope="module")
def docs() -> dict:
    return {d.name: d for d in load_corpus(MINI)}


def test_fixture_offsets_match_the_annotated_words() -> None:
    """Each T line's words are the text at its offsets (pieces joined by a space, as brat does)."""
    for ann in sorted(MINI.glob("attributions/*.ann")):
        text = (MINI / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")).read_text(encoding="utf-8")
        for tid, offsets, words in re.findall(r"^(T\d+)\t\S+ ([\d ;]+)\t(.*)$", ann.read_text(encoding="utf-8"), re.M):
            assert span_text(text, parse_spans(offsets)) == words, (ann.name, tid)


def test_annotated_texts_only_sorted_by_name(docs: dict) -> None:
    assert list(docs) == sorted(docs) and len(docs) == 3
    assert unannotated(MINI) == ["lowmere_2024-03-08_weather-notes"]


def test_first_annotator_file_is_used(docs: dict) -> None:
    harbour = docs[HARBOUR]
    assert harbour.ann_path.name == f"{HARBOUR}_aa.ann"      # not _bb
    assert len(harbour.gold) == 6


def test_discontinuous_content(docs: dict) -> None:
    harbour = docs[HARBOUR]
    split = [g for g in harbour.gold if len(g.content) == 2]
    assert [span_text(harbour.text, g.content, " | ") for g in split] == [
        '"It is a relief," | "but a winter timetable is not a promise."',
        "The plan | to be approved by the council next week",
    ]
    assert span_text(harbour.text, split[0].source) == "Tomas Grell"
    assert span_text(harbour.text, split[1].cue) == "is expected"


def test_missing_source_is_empty(docs: dict) -> None:
    without = {name: [span_text(d.text, g.cue) for g in d.gold if not g.source] for name, d in docs.items()}
    assert without[HARBOUR] == ["is expected"] and without[SCHOOL] == ["were told"]


def test_direct_means_a_quotation_mark_in_the_content(docs: dict) -> None:
    school = docs[SCHOOL]
    direct = [span_text(school.text, g.content) for g in school.gold if g.direct]
    assert direct == ['"Twenty-three children cannot fill six classrooms,"',
                      'the decision "a betrayal of the whole village"']


def test_limit_takes_the_first_documents() -> None:
    assert [d.name for d in load_corpus(MINI, limit=1)] == [HARBOUR]


def test_parse_ann_skips_what_the_reference_skips() -> None:
    text = "Ann said it rained. It rained, Bo said."
    raw = ("T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 18\tit rained\n"
           "E1\tAttribution:T9 Cue:T2 Source:T1 Content:T3 Content2:T3\n"
           "E2\tAttribution-no-source:T8 \n"                      # no Content: skipped
           "E3\tAttribution:T7 stray Content:T42\n"               # unknown Content: skipped
           "#1\tAnnotatorNotes T1\tthe annotator's note\n")
    (gold,) = parse_ann(raw, text)
    assert gold.content == ((9, 18),) and gold.source == ((0, 3),) and gold.cue == ((4, 8),)
    assert not gold.direct


def write_corpus(root: Path, texts: dict[str, str], anns: dict[str, str]) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, body in texts.items():
        (root / "text" / f"{name}.txt").write_text(body, encoding="utf-8")
    for name, body in anns.items():
        (root / "attributions" / f"{name}.ann").write_text(body, encoding="utf-8")
    return root


def test_unreadable_documents_are_reported_and_left_out(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", {"a": "Ann said it rained."}, {"a_x": "", "gone_x": ""})
    (root / "text" / "b.txt").write_bytes(b"caf\xe9 said no")
    (root / "attributions" / "b_x.ann").write_text("", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    docs = load_corpus(root, on_error=lambda s, r: seen.append((s, r)))
    assert [d.name for d in docs] == ["a"]
    assert [Path(s).name for s, _ in seen] == ["b.txt", "gone.txt"]
    with pytest.raises(InputError):
        load_corpus(root)                                       # no callback: the first problem raises


@pytest.mark.parametrize("layout, reason", [
    (None, "no such directory"),
    ([], "no text/ folder"),
    (["text"], "no attributions/ folder"),
])
def test_not_a_corpus(tmp_path: Path, layout: list[str] | None, reason: str) -> None:
    root = tmp_path / "corpus"
    if layout is not None:
        root.mkdir()
        for sub in layout:
            (root / sub).mkdir()
    with pytest.raises(InputError, match=reason):
        load_corpus(root)
