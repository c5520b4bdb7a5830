"""Analysis on worker processes gives what one process gives, in input order."""
from __future__ import annotations

import pickle

import onrecord
from onrecord import api
from onrecord.errors import InputError, StoreError
from onrecord.scale import analyse_parallel

TEXTS = [f"Mayor Ana Ruiz said that the ferry to {place} would run all winter." for place in
         ("Vigo", "Kiel", "Cork", "Porto", "Brest")]


def test_two_workers_agree_with_one_process_and_keep_the_order(analyzer):
    articles = [onrecord.read(t) for t in TEXTS]
    parallel = list(analyse_parallel(articles, workers=2))
    assert [a.to_dict() for a in parallel] == [analyzer.analyse(a).to_dict() for a in articles]


def test_ingest_with_workers_stores_every_article_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, text in enumerate(TEXTS):
        (folder / f"{n}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "store.db"
    report = api.ingest_paths([folder], db, workers=2)
    assert (report.saved, report.unchanged) == (5, 0) and [r for _, r in report.failed] == ["empty file"]
    again = api.ingest_paths([folder], db, workers=2)
    assert (again.saved, again.unchanged) == (0, 5)


def test_errors_cross_process_boundaries():
    for err in (InputError("a.txt", "empty file"), StoreError("x.db", "locked")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and (back.subject, back.reason) == (err.subject, err.reason)
