"""The trained rescorer: features, the JSON model file, training and use on our own corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import onrecord
from onrecord import cli
from onrecord.nlp import pipeline
from onrecord.errors import InputError
from onrecord.learn import LogisticRescorer, train
from onrecord.learn.features import features
from onrecord.nlp import Analyzer
from onrecord.nlp.candidates import all_candidates
from onrecord.nlp.pipeline import parse_of
from onrecord.nlp.quotes import paragraphs

MINI = Path(__file__).resolve().parents[1] / "eval" / "fixtures" / "mini"


def candidates(analyzer, text):
    (doc, article), = analyzer.parse_many([onrecord.read(text)])
    parse = parse_of(doc, article)
    return parse, all_candidates(parse, paragraphs(doc.text), wide=True)


def test_features_name_the_rule_the_cue_and_the_speaker(analyzer):
    parse, (cand,) = candidates(analyzer, "The mayor said that the ferry would run all winter.")
    f = features(cand, parse)
    assert f["rule=ccomp"] == f["lemma=say"] == f["lemma_rule=say|ccomp"] == 1.0
    assert f["speaker_role"] == 1.0 and f["cue_after"] == 0.0


def test_wide_candidates_include_verbs_outside_the_lexicon(analyzer):
    text = "The mayor grumbled that the ferry was late again."
    _, wide = candidates(analyzer, text)
    assert [c.rule for c in wide] == ["ccomp"] and wide[0].cue.lemma_ == "grumble"
    assert onrecord.extract(text, analyzer=analyzer).statements == ()      # the rules alone skip it


def test_model_file_round_trip_and_bad_files(tmp_path):
    model = LogisticRescorer({"rule=ccomp": 2.0, "lemma=say": 1.0}, bias=-1.0, threshold=0.4)
    path = tmp_path / "m.json"
    model.save(path)
    again = LogisticRescorer.load(path)
    assert again == model and json.loads(path.read_text())["format"] == "onrecord/rescorer@1"
    assert again.probability({"rule=ccomp": 1.0, "lemma=say": 1.0}) == pytest.approx(0.8808, abs=1e-4)
    (tmp_path / "bad.json").write_text('{"weights": {}}')
    with pytest.raises(InputError, match="not an onrecord/rescorer@1 model"):
        LogisticRescorer.load(tmp_path / "bad.json")
    with pytest.raises(InputError, match="no such model file"):
        LogisticRescorer.load(tmp_path / "missing.json")


def test_train_on_our_corpus_then_extract_with_the_model(tmp_path, analyzer):
    out = tmp_path / "mini.json"
    report = train(MINI, out, analyzer)
    assert report.documents == 3 and 0 < report.positives <= report.candidates
    model = LogisticRescorer.load(out)
    assert model.weights and 0.2 <= model.threshold <= 0.8
    judged = Analyzer(nlp=analyzer.nlp, rescorer=model)
    text = "The mayor said that the ferry would run all winter."
    (s,) = onrecord.extract(text, analyzer=judged).statements
    assert s.text == "the ferry would run all winter" and s.confidence == pytest.approx(
        model.probability(features(*_only(judged, text))), abs=1e-3)


def _only(analyzer, text):
    parse, (cand,) = candidates(analyzer, text)
    return cand, parse


def test_cli_train_and_use(tmp_path, analyzer, monkeypatch):
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    out = tmp_path / "m.json"
    runner = CliRunner()
    done = runner.invoke(cli.main, ["train", str(MINI), "--out", str(out)])
    assert done.exit_code == 0 and "trained on 3 articles" in done.stdout
    used = runner.invoke(cli.main, ["eval", str(MINI), "--model", str(out), "--json"])
    assert used.exit_code == 0 and json.loads(used.stdout)["ggt@0.3"]["pred"] > 0
    bad = runner.invoke(cli.main, ["extract", str(MINI / "text"), "--model", str(tmp_path / "nope.json")])
    assert bad.exit_code == 1 and bad.stderr.strip().endswith("no such model file")
