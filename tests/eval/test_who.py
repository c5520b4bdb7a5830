"""The who measure (resolved speaker names) on a fixture of invented articles: a brat corpus
(fixtures/named) and its who annotation (fixtures/named-who), scored on predictions made here so
that the answers are known; the same predictions through the reference scorer
(../shared/tools/score.py who); and ``onrecord eval DIR --who WHO_DIR``."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from onrecord import cli
from onrecord.nlp import pipeline
from onrecord.errors import InputError
from onrecord.eval import evaluate, render, score_predictions
from onrecord.eval.brat import GoldDocument, load_corpus
from onrecord.eval.who import (ABSTAIN, FULL, NAMED_WRONGLY, PARTIAL, UNTIDY, WRONG, WhoResult, WhoScorer,
                               judge_named, load_who, name_match, read_tsv, referents, statement_names)
from onrecord.model import Article, Speaker, Statement

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS, WHO = FIXTURES / "named", FIXTURES / "named-who"
LIBRARY = "stourport_2024-05-02_library-hours-cut"
FERRY = "kestrel_2024-05-06_ferry-fares-rise"
PIER = "kestrel_2024-05-07_pier-reopens"          # in the corpus, not in the who annotation

# What each prediction calls the speaker of a gold content (by E id), and what that earns.
# None: the attribution is not scored for who (no row, "?", or no referent named here).
CASES: list[tuple[str, str, list[str], str | None]] = [
    (LIBRARY, "E1", ["SDC"], FULL),                          # an alternative after |
    (LIBRARY, "E2", ["Helen Okafor"], FULL),
    (LIBRARY, "E3", ["Okafor"], PARTIAL),                    # the bare surname
    (LIBRARY, "E4", ["Councillor Dev Raman"], UNTIDY),       # "councillor" is not a known title
    (LIBRARY, "E5", ["Helen Okafor", "Dev Raman"], FULL),    # two referents, " ; ", both named
    (LIBRARY, "E6", ["Dev Raman"], NAMED_WRONGLY),           # "Residents" (-) called an article's person
    (LIBRARY, "E7", ["Tim Brandt"], FULL),                   # Tim for Timothy
    (LIBRARY, "E8", ["Helen Okafor"], WRONG),                # another person
    (LIBRARY, "E9", ["Helen Okafor"], WRONG),                # one of two referents only
    (LIBRARY, "E10", ["Helen Okafor"], None),                # "?": not scored
    (LIBRARY, "E11", [], "unnamed right"),                   # the author's voice, given no name
    (LIBRARY, "E12", ["Dev Raman"], None),                   # no Source, so no who row
    (FERRY, "E1", [], ABSTAIN),
    (FERRY, "E2", ["Harbour Master Ruth Adeyemi"], UNTIDY),
    (FERRY, "E3", ["Ruth"], PARTIAL),                        # the bare first name
    (FERRY, "E4", ["Islanders"], "unnamed right"),           # a name, but of no referent of the article
    (FERRY, "E5", ["Tomas Grell", "Ruth Adeyemi"], WRONG),   # the right one and a stray
    (FERRY, "E6", ["Kestrel Ferries"], NAMED_WRONGLY),       # the operator's spokesperson (-) as the org
    (PIER, "E1", ["Ruth Adeyemi"], None),                    # an article without a who TSV
]                                                            # FERRY E7 has a row but no prediction

EXPECTED = {"articles": 2, "matched_attributions": 16, "named": 12, "unnamed": 4, "full": 4, "partial": 2,
            "untidy": 2, "wrong": 3, "abstain": 1, "unnamed_named_wrongly": 2,
            "who_full_acc": 0.3333, "who_lenient_acc": 0.6667, "who_untidy_rate": 0.1667,
            "who_surname_only_rate": 0.1667, "who_wrong_rate": 0.25, "who_abstain_rate": 0.0833,
            "who_name_precision": 0.7273, "unnamed_named_wrongly_rate": 0.5, "who_overall_acc": 0.625}
RATES = [k for k in EXPECTED if k.startswith(("who_", "unnamed_named_wrongly_rate"))]


@pytest.fixture(scope="module")
def docs() -> dict[str, GoldDocument]:
    return {d.name: d for d in load_corpus(CORPUS)}


def statement(doc: GoldDocument, eid: str, names: list[str]) -> Statement:
    """A prediction covering the gold content of ``eid`` exactly, naming ``names``."""
    (gold,) = [g for g in doc.gold if g.eid == eid]
    start, end = gold.content[0][0], gold.content[-1][1]
    speaker = Speaker(name=" and ".join(names)) if names else Speaker()
    return Statement(f"{doc.name}:{eid}", "indirect", doc.text[start:end], start, end, speaker=speaker,
                     speakers=tuple(names) if len(names) > 1 else ())


def articles(docs: dict[str, GoldDocument], cases: list[tuple[str, str, list[str], str | None]]) -> list[Article]:
    """One record per fixture text, with a statement for each case of that text."""
    return [Article(text=doc.text, source=str(doc.text_path),
                    statements=tuple(statement(doc, eid, names) for name, eid, names, _ in cases if name == doc.name))
            for doc in docs.values()]


def scored(docs: dict[str, GoldDocument], cases: list, keep_errors: bool = False) -> WhoScorer:
    scorer = WhoScorer(load_who(WHO, docs.values()), WhoResult(str(WHO)), keep_errors=keep_errors)
    for doc, article in zip(docs.values(), articles(docs, cases)):
        scorer.add(doc, article)
    return scorer


def test_fixture_rows_are_the_annotated_sources(docs: dict[str, GoldDocument]) -> None:
    """Every row's offsets and words are its E line's Source, and every Source has a row."""
    for name in (LIBRARY, FERRY):
        doc, rows = docs[name], read_tsv(WHO / f"{name}.tsv")
        sources = {g.eid: g.source for g in doc.gold if g.source}
        assert set(rows) == set(sources)
        for line in (WHO / f"{name}.tsv").read_text(encoding="utf-8").splitlines()[1:]:
            eid, start, end, mention, context, _referent, _type = line.split("\t")
            assert sources[eid] == ((int(start), int(end)),) and doc.text[int(start):int(end)] == mention
            assert f"[[{mention}]]" in context


@pytest.mark.parametrize("name, eid, names, outcome", CASES, ids=[f"{c[0][:8]}-{c[1]}" for c in CASES])
def test_each_outcome(docs: dict[str, GoldDocument], name: str, eid: str, names: list[str],
                      outcome: str | None) -> None:
    result = scored(docs, [(name, eid, names, outcome)]).result
    counts = {k: v for k, v in result.to_dict().items() if isinstance(v, int) and v and k != "articles"}
    if outcome is None:
        assert counts == {}
    elif outcome == "unnamed right":
        assert counts == {"matched_attributions": 1, "unnamed": 1}
        assert result.rates()["who_overall_acc"] == 1.0
    elif outcome == NAMED_WRONGLY:
        assert counts == {"matched_attributions": 1, "unnamed": 1, NAMED_WRONGLY: 1}
    else:
        assert counts == {"matched_attributions": 1, "named": 1, outcome: 1}


def test_the_whole_fixture(docs: dict[str, GoldDocument]) -> None:
    got = scored(docs, CASES).result.to_dict()
    assert got == {"who_dir": str(WHO), **EXPECTED}


def test_wrong_names_are_kept_for_the_errors_file(docs: dict[str, GoldDocument]) -> None:
    errors = scored(docs, CASES, keep_errors=True).errors
    assert [(e["document"], e["eid"], e["outcome"]) for e in errors] == [
        (FERRY, "E5", WRONG), (FERRY, "E6", NAMED_WRONGLY),
        (LIBRARY, "E6", NAMED_WRONGLY), (LIBRARY, "E8", WRONG), (LIBRARY, "E9", WRONG)]
    e = errors[-1]
    assert (e["error"], e["source"], e["referent"], e["names"]) == \
        ("wrong_name", "The two councillors", "Helen Okafor ; Dev Raman", ["Helen Okafor"])
    assert e["text"] in e["context"] and e["source"] in e["context"]


def test_statements_are_matched_among_the_annotated_attributions_only(docs: dict[str, GoldDocument]) -> None:
    """A statement over all of an attribution without a row (it has no Source) and the end of an
    annotated one goes to the annotated one, though it shares more with the other: the reference
    scorer matches the annotated attributions alone."""
    doc = docs[LIBRARY]
    (no_row,) = [g.content[0] for g in doc.gold if g.eid == "E12"]     # "to save £80,000 a year"
    (author,) = [g.content[0] for g in doc.gold if g.eid == "E11"]     # "the council has got this wrong"
    start = doc.text.index("got this wrong")
    assert author[1] - start < no_row[1] - no_row[0] and author[1] - start >= 0.3 * (author[1] - author[0])
    wide = Statement("w", "indirect", doc.text[start:no_row[1]], start, no_row[1], speaker=Speaker(name="Dev Raman"))
    scorer = WhoScorer(load_who(WHO, [doc]))
    scorer.add(doc, Article(text=doc.text, source=str(doc.text_path), statements=(wide,)))
    assert (scorer.result.unnamed, scorer.result.unnamed_named_wrongly) == (1, 1)


@pytest.mark.parametrize("given, gold, expected", [
    ("Donald Trump", "Donald Trump", FULL),
    ("Mr. Donald J. Trump", "Donald Trump", FULL),       # title and initial aside
    ("donald trump", "Donald Trump", FULL),
    ("Sen. Timothy M. Kaine", "Tim Kaine", FULL),
    ("Tom O'Neill", "Tom O’Neill", FULL),
    ("Trump", "Donald Trump", PARTIAL),
    ("Donald", "Donald Trump", PARTIAL),
    ("Fox News's Ed Henry", "Ed Henry", UNTIDY),
    ("A. B. C. D. Ed Henry", "Ed Henry", FULL),           # one-letter words (initials) are dropped
    ("Big Red Rip Donald Trump", "Donald Trump", UNTIDY),            # up to three words in front
    ("Big Red Rip Roaring Donald Trump", "Donald Trump", None),      # no more
    ("Donald Trump Jr.", "Donald Trump", None),          # the son
    ("Donald Trump Sr.", "Donald Trump", FULL),
    ("Michelle Obama", "Barack Obama", None),
    ("Donald Trump", "Trump", None),                     # the gold gives a surname only
    ("", "Donald Trump", None),
    ("The President", "Barack Obama", None),             # titles alone are no name
])
def test_name_match(given: str, gold: str, expected: str | None) -> None:
    assert name_match(given, gold) == expected


@pytest.mark.parametrize("names, referent, expected", [
    (["FBI"], "FBI|Federal Bureau of Investigation", FULL),
    (["Federal Bureau of Investigation"], "FBI|Federal Bureau of Investigation", FULL),
    (["Hillary Clinton", "Donald Trump"], "Hillary Clinton ; Donald Trump", FULL),
    (["Clinton", "Donald Trump"], "Hillary Clinton ; Donald Trump", PARTIAL),
    (["Clinton", "Rip Donald Trump"], "Hillary Clinton ; Donald Trump", UNTIDY),
    (["Hillary Clinton"], "Hillary Clinton ; Donald Trump", WRONG),
    (["Hillary Clinton", "Donald Trump", "Mike Pence"], "Hillary Clinton ; Donald Trump", WRONG),
    (["Clinton", "Hillary Clinton"], "Hillary Clinton", FULL),      # the best name of each counts
    ([], "Hillary Clinton", ABSTAIN),
])
def test_judge_named(names: list[str], referent: str, expected: str) -> None:
    assert judge_named(names, referents(referent)) == expected


def test_statement_names_prefer_the_list_of_speakers() -> None:
    both = Statement("s", "indirect", "x", 0, 1, speaker=Speaker(name="A Bee and C Dee"), speakers=("A Bee", "C Dee"))
    assert statement_names(both) == ["A Bee", "C Dee"]
    assert statement_names(Statement("s", "indirect", "x", 0, 1, speaker=Speaker(name="A Bee"))) == ["A Bee"]
    assert statement_names(Statement("s", "indirect", "x", 0, 1)) == []


# -- bad annotations -------------------------------------------------------------------------

def who_copy(tmp_path: Path, edit: str | None = None, line: int = 2) -> Path:
    """The fixture's who folder, with line ``line`` of the library TSV replaced by ``edit``."""
    folder = tmp_path / "who"
    folder.mkdir()
    for tsv in WHO.glob("*.tsv"):
        lines = tsv.read_text(encoding="utf-8").splitlines()
        if edit is not None and tsv.stem == LIBRARY:
            lines[line - 1] = edit
        (folder / tsv.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("edit, line, reason", [
    ("E1\t89\t106\tThe Post\tcontext\tNew York Post", 2, "6 tab-separated fields, expected 7"),
    ("T1\t89\t106\tThe Post\tcontext\tNew York Post\torg", 2, "eid 'T1' is not a brat E id"),
    ("E1\tx\t106\tThe Post\tcontext\tNew York Post\torg", 2, "start and end must be character offsets"),
    ("E1\t89\t106\tThe Post\tcontext\t \torg", 2, "E1 has no referent"),
    ("E2\t89\t106\tThe Post\tcontext\tNew York Post\torg", 2, "E2 is annotated twice"),
    ("start\teid\tend", 1, "no header line"),
])
def test_malformed_rows_are_refused(tmp_path: Path, docs: dict[str, GoldDocument], edit: str, line: int,
                                    reason: str) -> None:
    folder = who_copy(tmp_path, edit, line)
    with pytest.raises(InputError) as err:
        load_who(folder, docs.values())
    where = line if "twice" not in reason else 3
    assert err.value.subject == f"{folder / (LIBRARY + '.tsv')}:{where}"
    assert err.value.reason.startswith(reason)


def test_a_folder_annotating_none_of_the_articles_is_refused(tmp_path: Path, docs: dict[str, GoldDocument]) -> None:
    (tmp_path / "elsewhere.tsv").write_text("eid\tstart\tend\tmention\tcontext\treferent\ttype\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_who(tmp_path, docs.values())
    assert err.value.subject == str(tmp_path)
    assert err.value.reason.startswith("no who annotation for any of the 3 annotated articles")


# -- in the report, against the reference, on the command line -------------------------------

def write_jsonl(path: Path, records: list[Article]) -> Path:
    path.write_text("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in records), encoding="utf-8")
    return path


def agrees_with(reference: dict, mine: dict) -> None:
    """Every rate within 0.005 (the reference rounds to 3 places), every count equal."""
    for key, ref in reference.items():
        mine_key = mine[key]
        assert abs(ref - mine_key) <= 0.005 if key in RATES else ref == mine_key, (key, ref, mine_key)


def test_the_report_carries_the_who_result(docs: dict[str, GoldDocument]) -> None:
    report = score_predictions(CORPUS, articles(docs, CASES), who_dir=WHO)
    assert report.to_dict()["who"] == {"who_dir": str(WHO), **EXPECTED}
    assert "who" not in score_predictions(CORPUS, articles(docs, CASES)).to_dict()
    table = render(report)
    assert f"who: resolved names against {WHO} (2 articles, 16 matched attributions" in table
    assert "named wrongly 0.500" in table and "right 0.625" in table


def test_agrees_with_the_reference_scorer(tmp_path: Path, docs: dict[str, GoldDocument], score_who) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", articles(docs, CASES))
    reference = score_who(pred, CORPUS, WHO)
    agrees_with(reference, score_predictions(CORPUS, articles(docs, CASES), who_dir=WHO).to_dict()["who"])
    assert reference["who_overall_acc"] == 0.625                   # and both are the answer known here


def test_the_pipeline_agrees_with_the_reference_scorer(tmp_path: Path, analyzer, score_who) -> None:
    """On whatever the model predicts, the figures are those of the reference on the same records."""
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        report = evaluate(CORPUS, analyzer=analyzer, who_dir=WHO,
                          on_article=lambda a: fh.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n"))
    agrees_with(score_who(pred, CORPUS, WHO), report.to_dict()["who"])


def run(*args: str | os.PathLike[str]) -> Result:
    result = CliRunner().invoke(cli.main, ["eval", *map(os.fspath, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    return result


def test_cli_on_predictions(tmp_path: Path, docs: dict[str, GoldDocument]) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", articles(docs, CASES))
    errors = tmp_path / "errors.jsonl"
    result = run(CORPUS, "--predictions", pred, "--who", WHO, "--json", "--errors", errors)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["who"] == {"who_dir": str(WHO), **EXPECTED}
    wrong = [r for r in map(json.loads, errors.read_text(encoding="utf-8").splitlines()) if r["error"] == "wrong_name"]
    assert len(wrong) == 5 and ", 5 wrongly named speakers ->" in result.stderr


def test_cli_runs_the_pipeline(monkeypatch: pytest.MonkeyPatch, analyzer) -> None:
    monkeypatch.setattr(pipeline, "default_analyzer", lambda: analyzer)
    result = run(CORPUS, "--who", WHO)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{CORPUS}: 3 annotated articles")
    assert any(line.startswith(f"who: resolved names against {WHO} (2 articles") for line in lines)
    assert any(line.startswith("named") and line.split()[1].isdigit() for line in lines)


def one_error(result: Result, subject: str, reason_start: str) -> None:
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"onrecord: {subject}: {reason_start}")


def test_cli_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    one_error(run(CORPUS, "--who", empty), str(empty), "no who annotation for any of the 3 annotated articles")
    bad = who_copy(tmp_path, "E1\t89\t106\tThe Post", 2)
    one_error(run(CORPUS, "--who", bad), f"{bad / (LIBRARY + '.tsv')}:2", "4 tab-separated fields, expected 7")
    missing = run(CORPUS, "--who", tmp_path / "nowhere")            # click's own check of the option
    assert missing.exit_code == 2 and "'--who'" in missing.stderr
