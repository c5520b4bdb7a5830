"""The measures on hand-made predictions with known answers, and the same predictions through
the reference scorer (../shared/tools/score.py), which must give the same figures."""
from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from onrecord.eval import read_predictions, score_predictions
from onrecord.eval.brat import GoldAttribution, GoldDocument
from onrecord.eval.scoring import Scorer, band_index, context, error_records, match_document
from onrecord.model import Article, Span, Speaker, Statement

# Synthetic text: fixed random letters, so that any few characters occur once (words are found
# where they are) and there are no quotation marks.
TEXT = "".join(random.Random(7).choices(string.ascii_lowercase, k=400))


def gold(start: int, end: int, source: tuple[int, int] | None = None, direct: bool = False,
         more: tuple[int, int] | None = None) -> GoldAttribution:
    content = ((start, end),) + ((more,) if more else ())
    return GoldAttribution(content, (source,) if source else (), ((end, end + 4),), direct)


def stmt(start: int, end: int, confidence: float = 0.5, mention: tuple[int, int] | None = None,
         text: str = TEXT) -> Statement:
    speaker = Speaker(mention=Span.of(text, *mention)) if mention else Speaker()
    return Statement(f"s{start}-{end}", "indirect", text[start:end], start, end,
                     speaker=speaker, confidence=confidence)


def doc(*golds: GoldAttribution, name: str = "d", text: str = TEXT) -> GoldDocument:
    return GoldDocument(name, Path(f"{name}.txt"), Path(f"{name}_x.ann"), text, golds)


def article(*statements: Statement, text: str = TEXT, name: str = "d") -> Article:
    return Article(text=text, source=f"corpus/text/{name}.txt", statements=statements)


def scored(golds: list[GoldAttribution], preds: list[Statement]) -> Scorer:
    scorer = Scorer(keep_errors=True)
    scorer.add(doc(*golds), article(*preds))
    return scorer


def matched(scorer: Scorer) -> dict[str, int]:
    return {name: m.matched for name, m in scorer.measures.items()}


def test_exact_match() -> None:
    s = scored([gold(0, 100)], [stmt(0, 100)])
    for m in s.measures.values():
        assert (m.precision, m.recall, m.f1, m.gold, m.predicted, m.matched) == (1.0, 1.0, 1.0, 1, 1, 1)
    assert s.errors == []


@pytest.mark.parametrize("pred, expected", [
    ((60, 100), {"ggt@0.3": 1, "ggt@0.8": 0, "sym@0.5": 0}),   # 40% of the gold
    ((70, 100), {"ggt@0.3": 1, "ggt@0.8": 0, "sym@0.5": 0}),   # exactly 30%: thresholds are inclusive
    ((75, 100), {"ggt@0.3": 0, "ggt@0.8": 0, "sym@0.5": 0}),   # 25%
    ((20, 100), {"ggt@0.3": 1, "ggt@0.8": 1, "sym@0.5": 1}),   # exactly 80%
    ((50, 150), {"ggt@0.3": 1, "ggt@0.8": 0, "sym@0.5": 1}),   # half of each
])
def test_partial_overlap(pred: tuple[int, int], expected: dict[str, int]) -> None:
    assert matched(scored([gold(0, 100)], [stmt(*pred)])) == expected


def test_symmetric_fails_on_a_prediction_much_longer_than_the_gold() -> None:
    assert matched(scored([gold(0, 20)], [stmt(0, 100)])) == {"ggt@0.3": 1, "ggt@0.8": 1, "sym@0.5": 0}
    assert matched(scored([gold(0, 20)], [stmt(0, 40)]))["sym@0.5"] == 1      # exactly half of it


def test_discontinuous_gold_counts_its_pieces_only() -> None:
    # gold 0-20 + 80-100 (40 chars); the prediction 0-100 shares all 40 but is 100 long
    assert matched(scored([gold(0, 20, more=(80, 100))], [stmt(0, 100)])) == \
        {"ggt@0.3": 1, "ggt@0.8": 1, "sym@0.5": 0}
    assert matched(scored([gold(0, 20, more=(80, 100))], [stmt(0, 20)])) == \
        {"ggt@0.3": 1, "ggt@0.8": 0, "sym@0.5": 1}


def test_greedy_one_to_one() -> None:
    # three predictions on one gold: the largest overlap wins, the other two are spurious
    s = scored([gold(0, 100)], [stmt(0, 30), stmt(0, 60), stmt(45, 100)])
    m = s.measures["ggt@0.3"]
    assert (m.matched, m.predicted, m.precision, m.recall) == (1, 3, pytest.approx(1 / 3), 1.0)
    found = match_document(doc(gold(0, 100)), article(stmt(0, 30), stmt(0, 60), stmt(45, 100)))
    assert found.pairs["ggt@0.3"] == [(0, 1)]
    # one prediction over two golds matches the one it shares more with
    found = match_document(doc(gold(0, 50), gold(50, 120)), article(stmt(0, 120)))
    assert found.pairs["ggt@0.3"] == [(1, 0)]
    # a tie goes to the later gold, as in the reference scorer (tuples sorted in reverse)
    found = match_document(doc(gold(0, 50), gold(50, 100)), article(stmt(0, 100)))
    assert found.pairs["ggt@0.3"] == [(1, 0)]


def test_greedy_is_global_not_per_gold() -> None:
    # gold 0 could take either prediction; the pair with the most overlap is taken first
    found = match_document(doc(gold(0, 100), gold(100, 140)), article(stmt(50, 140), stmt(0, 90)))
    assert sorted(found.pairs["ggt@0.3"]) == [(0, 1), (1, 0)]


def test_speaker_accuracy_among_matched_pairs_with_a_source() -> None:
    golds = [gold(0, 100, source=(100, 110)), gold(120, 200, source=(200, 210)), gold(220, 300),
             gold(310, 350, source=(350, 360))]
    preds = [stmt(0, 100, mention=(105, 115)),       # overlaps the source: right
             stmt(120, 200, mention=(0, 5)),         # elsewhere: wrong
             stmt(220, 300, mention=(0, 5)),         # gold has no Source: not counted
             stmt(310, 350)]                         # no mention: wrong
    m = scored(golds, preds).measures["ggt@0.3"]
    assert (m.speaker_ok, m.speaker_n, m.speaker_acc) == (1, 3, pytest.approx(1 / 3))
    assert scored([gold(0, 100)], [stmt(0, 100)]).measures["ggt@0.3"].speaker_acc is None


def test_recall_of_direct_and_indirect() -> None:
    golds = [gold(0, 50, direct=True), gold(60, 100), gold(110, 150)]
    m = scored(golds, [stmt(0, 50), stmt(60, 100)]).measures["ggt@0.3"]
    assert (m.recall_direct, m.recall_indirect, m.direct, m.indirect) == (1.0, 0.5, [1, 1], [1, 2])
    assert scored([gold(0, 50)], []).measures["ggt@0.3"].recall_direct == 0.0   # no direct gold


def test_calibration_bands() -> None:
    assert [band_index(c) for c in (0.0, 0.19, 0.2, 0.79, 0.8, 0.89, 0.9, 1.0, 1.2, -0.1)] == \
        [0, 0, 1, 3, 4, 4, 5, 5, 5, 0]
    preds = [stmt(0, 100, 0.95), stmt(120, 200, 0.85), stmt(210, 220, 1.0), stmt(300, 310, 0.1)]
    s = scored([gold(0, 100), gold(120, 200)], preds)
    assert [(b.count, b.correct) for b in s.bands] == [(1, 0), (0, 0), (0, 0), (0, 0), (1, 1), (2, 1)]
    assert [b.precision for b in s.bands] == [0.0, None, None, None, 1.0, 0.5]
    assert (s.high.count, s.high.correct, s.high.precision) == (3, 2, pytest.approx(2 / 3))
    assert s.bands[-1].label == "[0.9, 1.0]" and s.bands[0].label == "[0.0, 0.2)"


def test_statements_are_located_by_their_words_when_the_text_differs() -> None:
    shifted = "\ufeffXY" + TEXT            # e.g. a byte-order mark the reader dropped, or a prefix
    preds = [stmt(3, 103, mention=(103, 113), text=shifted),   # TEXT[0:100], found at 0
             Statement("gone", "direct", "not in the gold text", 0, 20)]   # never located
    s = Scorer()
    s.add(doc(gold(0, 100, source=(100, 110))), article(*preds, text=shifted))
    m = s.measures["ggt@0.8"]
    assert (m.matched, m.predicted, m.speaker_ok) == (1, 2, 1)
    assert s.provenance_mismatches == 1        # "gone" is not shifted[0:20]


def test_a_document_without_predictions() -> None:
    s = Scorer()
    s.add(doc(gold(0, 100)), None)
    m = s.measures["ggt@0.3"]
    assert (s.articles, s.articles_predicted, m.gold, m.predicted, m.recall, m.precision, m.f1) == \
        (1, 0, 1, 0, 0.0, 0.0, 0.0)


def test_error_records() -> None:
    text = ("Headline\n\nFirst paragraph where Ann said the tide is late. Then more.\n\n"
            "Second paragraph, in which Bo said the boats are in.\n")
    tide, boats = text.index("the tide is late"), text.index("the boats are in")
    ann, said = text.index("Ann"), text.index("said the tide")
    g = GoldAttribution(((tide, tide + 16),), ((ann, ann + 3),), ((said, said + 4),), False)
    spurious = Statement("x", "indirect", "the boats are in", boats, boats + 16, cue=Span.of(text, boats - 5, boats - 1),
                         speaker=Speaker("Bo", Span.of(text, boats - 8, boats - 6)), confidence=0.7)
    short = Statement("y", "indirect", "late", tide + 12, tide + 16)       # 25% of the gold: no match
    found = match_document(doc(g, text=text), article(spurious, short, text=text))
    missed, *wrong = error_records(found)
    assert missed["error"] == "missed" and missed["text"] == "the tide is late"
    assert (missed["source"], missed["cue"], missed["kind"]) == ("Ann", "said", "indirect")
    assert missed["context"] == "First paragraph where Ann said the tide is late. Then more."
    assert missed["closest_prediction"] == {"text": "late", "start": tide + 12, "end": tide + 16,
                                            "covers_gold": 0.25, "matched_elsewhere": False}
    assert [(w["text"], w["cue"], w["speaker"], w["closest_gold"] is None) for w in wrong] == \
        [("late", None, None, False), ("the boats are in", "said", "Bo", True)]
    assert wrong[1]["context"] == "Second paragraph, in which Bo said the boats are in."


def test_context_is_cut_in_long_paragraphs() -> None:
    text = "a" * 1000 + "QUOTE" + "b" * 1000
    got = context(text, 1000, 1005, limit=10)
    assert got == "…" + "a" * 10 + "QUOTE" + "b" * 10 + "…"


# -- the same hand-made predictions through the reference scorer ------------------------------

def write_corpus(root: Path, docs: list[GoldDocument], annotators: str = "x") -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for d in docs:
        (root / "text" / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
        lines, n = [], 0
        for e, g in enumerate(d.gold, 1):
            roles = []
            for role, spans in (("Source", g.source), ("Cue", g.cue), ("Content", g.content)):
                if spans:
                    n += 1
                    offsets = ";".join(f"{a} {b}" for a, b in spans)
                    lines.append(f"T{n}\t{role} {offsets}\t{' '.join(d.text[a:b] for a, b in spans)}")
                    roles.append(f"{role}:T{n}")
            lines.append(f"E{e}\tAttribution:T0 {' '.join(roles)}")
        (root / "attributions" / f"{d.name}_{annotators}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def write_predictions(path: Path, articles: list[Article]) -> Path:
    path.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    return path


def test_hand_made_predictions_agree_with_the_reference(tmp_path: Path, score_py, assert_agrees) -> None:
    quoted = 'he said "' + TEXT[:200] + '" and then ' + TEXT[200:]
    docs = [
        doc(gold(0, 100, source=(100, 110)), gold(120, 200, source=(200, 210)), gold(220, 300),
            gold(0, 20, more=(80, 100)), gold(310, 350, source=(350, 360)), name="a"),
        doc(gold(0, 50), gold(50, 120), gold(130, 160, source=(160, 170)), name="b"),
        doc(gold(8, 209, source=(3, 7)), gold(222, 300), name="c", text=quoted),
        doc(gold(0, 100), name="d_unpredicted"),
        doc(gold(0, 50, source=(50, 60)), gold(50, 100, source=(100, 110)), name="e_tie"),
    ]
    shifted = "\ufeffXY" + TEXT
    articles = [
        article(stmt(0, 100, 0.9, (105, 115)), stmt(0, 30, 0.3), stmt(60, 100, 0.6), stmt(120, 200, 0.85, (0, 5)),
                stmt(220, 300, 1.0), stmt(310, 350, 0.1), stmt(380, 400, 0.82), name="a"),
        article(stmt(3, 123, 0.7, (163, 166), text=shifted), stmt(133, 163, 0.95, (163, 173), text=shifted),
                Statement("gone", "direct", "nowhere in b", 0, 12), text=shifted, name="b"),
        article(stmt(9, 208, 0.95, (3, 5), text=quoted), stmt(230, 260, 0.4, text=quoted), text=quoted, name="c"),
        article(stmt(0, 10), name="not_in_the_corpus"),
        article(stmt(0, 100, 0.9, (52, 58)), name="e_tie"),     # the tie decides whose speaker is judged
    ]
    corpus = write_corpus(tmp_path / "corpus", docs)
    preds = write_predictions(tmp_path / "pred.jsonl", articles)
    mine = score_predictions(corpus, read_predictions(preds)).to_dict()
    assert mine["ggt@0.3"]["matched"] >= 8 and mine["sym@0.5"]["matched"] < mine["ggt@0.3"]["matched"]
    assert_agrees(score_py(preds, corpus), mine)
