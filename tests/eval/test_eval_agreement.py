"""The pipeline on the fixture corpus: the figures of ``evaluate`` agree with the reference
scorer (../shared/tools/score.py) run on the very predictions that were scored."""
from __future__ import annotations

import json
from pathlib import Path

from onrecord.eval import evaluate, read_predictions, score_predictions

MINI = Path(__file__).parent / "fixtures" / "mini"


def test_evaluate_agrees_with_the_reference_scorer(tmp_path: Path, analyzer, score_py, assert_agrees) -> None:
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        report = evaluate(MINI, analyzer=analyzer,
                          on_article=lambda a: fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n"))
    records = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["source"]).parent for r in records] == [MINI / "text"] * 3     # source = the text path
    mine = report.to_dict()
    assert (mine["articles"], mine["articles_predicted"], mine["unannotated"]) == (3, 3, 1)
    assert mine["ggt@0.3"]["gold"] == 19 and mine["ggt@0.3"]["matched"] > 0
    reference = score_py(pred, MINI)
    assert_agrees(reference, mine)
    # scoring the saved records again gives the same report
    again = score_predictions(MINI, read_predictions(pred)).to_dict()
    assert all(again[k] == mine[k] for k in ("ggt@0.3", "ggt@0.8", "sym@0.5", "calibration", "confidence>=0.8"))


def test_evaluate_limit_and_timing(analyzer) -> None:
    report = evaluate(MINI, analyzer=analyzer, limit=1)
    assert (report.articles, report.articles_predicted) == (1, 1)
    assert report.measures["ggt@0.3"].gold == 6
    assert report.seconds > 0 and report.seconds_per_article == report.seconds
    assert sum(b.count for b in report.bands) == report.measures["ggt@0.3"].predicted


def test_an_unreadable_text_is_scored_as_predicting_nothing(tmp_path: Path, analyzer) -> None:
    corpus = tmp_path / "corpus"
    for sub in ("text", "attributions"):
        (corpus / sub).mkdir(parents=True)
    (corpus / "text" / "blank.txt").write_text("   \n", encoding="utf-8")       # onrecord.read refuses it
    (corpus / "attributions" / "blank_x.ann").write_text("T1\tContent 0 2\t  \nE1\tContent:T1\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    report = evaluate(corpus, analyzer=analyzer, on_error=lambda s, r: seen.append((s, r)))
    assert (report.articles, report.articles_predicted, report.measures["ggt@0.3"].gold) == (1, 0, 1)
    assert len(seen) == 1 and seen[0][0].endswith("blank.txt") and report.problems == seen
