"""The library calls (``onrecord.extract``, ``read``, ``ingest_paths``, ``statements``): what a
notebook user gets, on short hand-written inputs; the session analyser keeps it one model load."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

import onrecord
from onrecord import api
from onrecord.errors import InputError
from onrecord.model import Article

from articles import EXAMPLES, PNG, QUAY, WIND



def spans_hold(article: Article) -> None:
    """Every offset in the record points at exactly the text it claims."""
    text = article.text
    for s in article.statements:
        assert text[s.start:s.end] == s.text
        for span in (s.cue, s.speaker.mention, *s.parts):
            if span is not None:
                assert text[span.start:span.end] == span.text
    for e in article.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for x in (*article.amounts, *article.dates, *article.boilerplate, *article.headings):
        assert text[x.start:x.end] == x.text


def by_speaker(article: Article) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for s in article.statements:
        found.setdefault(s.speaker.name, []).append(s.text)
    return found


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of the store's tables, in a fixed order (ingested_at included)."""
    conn = sqlite3.connect(db)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("articles", "statements", "entities")
        }
    finally:
        conn.close()


# -- extract and read -----------------------------------------------------------------------

def test_extract_text_gives_verbatim_statements(analyzer) -> None:
    article = onrecord.extract(WIND, analyzer=analyzer)
    assert article.text == WIND
    assert article.source is None
    speakers = by_speaker(article)
    assert speakers["Lena Okafor"] == ["This is the largest step we have taken towards clean power,"]
    assert any("60 boats would lose their grounds" in t for t in speakers["Daniel Brennock"])
    spans_hold(article)
    direct = next(s for s in article.statements if s.kind == "direct")
    assert direct.cue is not None and direct.cue.text == "told"
    assert direct.speaker.mention is not None and direct.speaker.mention.text == "Energy Minister Lena Okafor"


def test_extract_reads_a_path_object_and_a_str_path(tmp_path: Path, analyzer) -> None:
    path = tmp_path / "quay.txt"
    path.write_text(QUAY, encoding="utf-8")
    from_path = onrecord.extract(path, analyzer=analyzer)
    from_str = onrecord.extract(str(path), analyzer=analyzer)
    for article in (from_path, from_str):
        assert article.source == str(path)
        assert article.text == QUAY
        assert article.title == "Quay protest"
        assert set(by_speaker(article)) == {"Marek Hale"}
    assert from_path.statements == from_str.statements
    # the same words given as text are analysed the same, with no source
    assert onrecord.extract(QUAY, analyzer=analyzer).statements == from_path.statements


def test_read_does_no_analysis(tmp_path: Path) -> None:
    path = tmp_path / "wind.txt"
    path.write_text(WIND, encoding="utf-8")
    article = onrecord.read(path, published="2022-02-07")
    assert (article.source, article.published, article.statements) == (str(path), "2022-02-07", ())
    assert article.title == "Wind farm approved off the north coast"


def test_published_is_applied_and_resolves_relative_dates(analyzer) -> None:
    article = onrecord.extract(WIND, published="2022-02-07", analyzer=analyzer)  # a Monday
    assert article.published == "2022-02-07"
    dates = {d.text: d.value for d in article.dates}
    assert dates["February 8"] == "2022-02-08"
    assert dates["Tuesday"] == "2022-02-01"  # "on Tuesday" in past-tense news: the Tuesday before
    spans_hold(article)
    # a date object is taken as well
    assert onrecord.extract(WIND, published=dt.date(2022, 2, 7), analyzer=analyzer).dates == article.dates


def test_without_published_relative_dates_stay_unplaced(analyzer) -> None:
    article = onrecord.extract(WIND, analyzer=analyzer)
    assert article.published is None
    dates = {d.text: d.value for d in article.dates}
    assert "February 8" in dates and dates["February 8"] is None
    assert dates.get("Tuesday") is None


def test_published_overrides_the_page_date(analyzer) -> None:
    article = onrecord.extract(EXAMPLES / "wind-farm.html", published="2024-03-15", analyzer=analyzer)
    assert article.published == "2024-03-15"
    assert onrecord.read(EXAMPLES / "wind-farm.html").published.startswith("2024-03-14")


@pytest.mark.parametrize("bad", ["2022-13-01", "2022-02-30", "yesterday", "07/02/2022", "Feb 7 2022"])
def test_bad_published_raises_input_error(bad: str, analyzer) -> None:
    with pytest.raises(InputError) as caught:
        onrecord.extract(WIND, published=bad, analyzer=analyzer)
    assert caught.value.subject == "--published"
    assert repr(bad) in caught.value.reason
    assert "\n" not in str(caught.value)


def test_parse_published_accepts_dates_and_datetimes() -> None:
    assert api.parse_published(None) is None
    assert api.parse_published("") is None
    assert api.parse_published("2022-02-07") == "2022-02-07"
    assert api.parse_published("2022-02-07T10:30:00") == "2022-02-07T10:30:00"
    assert api.parse_published(dt.date(2022, 2, 7)) == "2022-02-07"
    assert api.parse_published(dt.datetime(2022, 2, 7, 10, 30)) == "2022-02-07T10:30:00"


# -- ingest_paths -------------------------------------------------------------------------------

@pytest.fixture
def good_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    wind, quay = folder / "wind.txt", folder / "quay.txt"
    wind.write_text(WIND, encoding="utf-8")
    quay.write_text(QUAY, encoding="utf-8")
    return [wind, quay]


def test_ingest_saves_then_changes_nothing_the_second_time(tmp_path: Path, good_files, analyzer) -> None:
    db = tmp_path / "store.db"
    first = api.ingest_paths(good_files, db, analyzer=analyzer)
    expected = sum(len(onrecord.extract(p, analyzer=analyzer).statements) for p in good_files)
    assert (first.saved, first.unchanged, first.failed) == (2, 0, [])
    assert first.statements == expected > 0
    before = dump(db)
    assert len(before["articles"]) == 2 and len(before["statements"]) == expected

    again = api.ingest_paths(good_files, db, analyzer=analyzer)
    assert (again.saved, again.unchanged, again.statements, again.failed) == (0, 2, 0, [])
    assert dump(db) == before


def test_ingest_a_directory_and_its_files_is_the_same_article_set(tmp_path: Path, good_files, analyzer) -> None:
    db = tmp_path / "store.db"
    report = api.ingest_paths([good_files[0].parent], db, analyzer=analyzer)
    assert (report.saved, report.failed) == (2, [])
    again = api.ingest_paths(good_files, db, analyzer=analyzer)
    assert (again.saved, again.unchanged) == (0, 2)


def test_ingest_reports_bad_inputs_and_saves_the_good_ones(tmp_path: Path, good_files, analyzer) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "picture.png"
    binary.write_bytes(PNG)
    db = tmp_path / "store.db"
    seen: list[tuple[str, str]] = []

    report = api.ingest_paths([good_files[0], missing, empty, binary, good_files[1]], db,
                              analyzer=analyzer, on_error=lambda subject, reason: seen.append((subject, reason)))

    assert report.failed == [
        (str(missing), "no such file"),
        (str(empty), "empty file"),
        (str(binary), "binary file, not text"),
    ]
    assert seen == report.failed
    assert report.saved == 2 and report.unchanged == 0
    sources = {row["source"] for row in api.statements(db)}
    assert sources == {str(p) for p in good_files}


def test_ingest_with_published_stores_it(tmp_path: Path, good_files, analyzer) -> None:
    db = tmp_path / "store.db"
    api.ingest_paths(good_files[:1], db, published="2022-02-07", analyzer=analyzer)
    rows = api.statements(db)
    assert rows and {r["published"] for r in rows} == {"2022-02-07"}


def test_ingest_options_are_one_object_for_every_runner(tmp_path: Path, good_files, analyzer) -> None:
    seen: list[tuple[int, int]] = []
    options = api.IngestOptions(published=dt.date(2022, 2, 7), on_progress=lambda *done: seen.append(done))
    assert options.published == "2022-02-07"
    report = api.ingest_paths(good_files[:1], tmp_path / "store.db", options, analyzer=analyzer)
    assert report.saved == 1 and seen and seen[-1][0] == 1
    assert {r["published"] for r in api.statements(tmp_path / "store.db")} == {"2022-02-07"}
    with pytest.raises(InputError, match="published"):
        api.IngestOptions(published="last week")
    with pytest.raises(InputError, match="batch_size"):
        api.IngestOptions(batch_size=0)
    with pytest.raises(TypeError):
        api.ingest_paths(good_files[:1], tmp_path / "other.db", "2022-02-07", analyzer=analyzer)


# -- statements -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory, analyzer) -> Path:
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    report = api.ingest_paths([EXAMPLES], db, analyzer=analyzer)
    assert (report.saved, report.failed) == (2, [])
    return db


def test_statements_by_speaker(examples_db: Path, analyzer) -> None:
    rows = api.statements(examples_db, speaker="Okafor")
    wind = onrecord.extract(EXAMPLES / "wind-farm.html", analyzer=analyzer)
    expected = [s.text for s in wind.statements if s.speaker.name == "Lena Okafor"]
    assert expected
    assert [r["text"] for r in rows] == expected
    assert {r["speaker_name"] for r in rows} == {"Lena Okafor"}
    assert {r["source"] for r in rows} == {str(EXAMPLES / "wind-farm.html")}
    # case does not matter, the full name works, a name nobody has finds nothing
    assert api.statements(examples_db, speaker="okafor") == rows
    assert api.statements(examples_db, speaker="Lena Okafor") == rows
    assert api.statements(examples_db, speaker="Zelenskyy") == []


def test_statements_of_one_query_object(examples_db: Path, tmp_path: Path) -> None:
    query = onrecord.StatementQuery(speaker="Okafor", kind="direct")
    rows = api.statements(examples_db, query)
    assert rows and rows == api.statements(examples_db, speaker="Okafor", kind="direct")
    assert api.statements(examples_db, query, limit=1) == rows[:1]
    out = tmp_path / "okafor.jsonl"
    assert api.export(examples_db, "jsonl", out, query=query) == len(rows)


def test_statements_by_search(examples_db: Path) -> None:
    rows = api.statements(examples_db, search="turbine")
    assert rows
    assert all("turbine" in (r["text"] + " " + (r["cue"] or "")).lower() for r in rows)
    harbour = api.statements(examples_db, speaker="Ruiz", search="council")
    assert harbour and {r["speaker_name"] for r in harbour} == {"Ana Ruiz"}
    assert all("council" in r["text"].lower() for r in harbour)
    assert api.statements(examples_db, search="turbine", speaker="Ruiz") == []
    assert len(api.statements(examples_db, limit=2)) == 2


def test_statements_by_act(tmp_path: Path) -> None:
    from onrecord.store import Store
    from store.kit import Quote, article

    db = tmp_path / "acts.db"
    with Store(db) as store:
        store.save(article(Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                           Quote(None, "most voters backed the plan", mention="A poll", verb="shows", act="evidence"),
                           Quote("Olaf Scholz", "the talks had ended", verb="did not say", negated=True)))
    assert [(r["act"], r["negated"]) for r in api.statements(db)] == [
        ("thought", False), ("evidence", False), ("speech", True)]
    assert [r["text"] for r in api.statements(db, act="thought")] == ["the talks would fail"]
    assert [r["text"] for r in api.statements(db, act="evidence", speaker="Scholz")] == []
    with pytest.raises(InputError) as caught:
        api.statements(db, act="belief")
    assert caught.value.subject == "act" and "speech, thought, evidence" in caught.value.reason


@pytest.mark.parametrize("hostile", ['"', "(", "AND", "NEAR(", "text:*", "*", "-", "OR NOT"])
def test_statements_search_never_fails_on_fts_syntax(examples_db: Path, hostile: str) -> None:
    rows = api.statements(examples_db, search=hostile)
    assert isinstance(rows, list)
    assert isinstance(api.statements(examples_db, speaker=hostile), list)


def test_statements_search_ignores_a_nul_character(examples_db: Path) -> None:
    assert api.statements(examples_db, search="turbine\x00") == api.statements(examples_db, search="turbine")


def test_statements_from_a_missing_database_is_an_error_not_a_new_file(tmp_path: Path) -> None:
    db = tmp_path / "typo.db"
    with pytest.raises(onrecord.StoreError, match="no such database"):
        api.statements(db)
    assert not db.exists()


def test_the_same_text_from_two_places_is_one_article(tmp_path: Path, good_files, analyzer) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(good_files[0].read_bytes())
    db = tmp_path / "store.db"
    report = api.ingest_paths([good_files[0], copy], db, analyzer=analyzer)
    assert (report.saved, report.unchanged) == (1, 1)
    rows = dump(db)
    again = api.ingest_paths([copy, good_files[0]], db, analyzer=analyzer)
    assert (again.saved, again.unchanged) == (0, 2)
    assert dump(db) == rows


def test_a_mistyped_file_name_is_reported_missing_not_analysed_as_text(tmp_path: Path, analyzer) -> None:
    with pytest.raises(InputError, match="no such file"):
        onrecord.extract(str(tmp_path / "reprot.txt"), analyzer=analyzer)


def test_stored_articles_are_not_analysed_again(tmp_path: Path, good_files, analyzer) -> None:
    db = tmp_path / "store.db"
    api.ingest_paths(good_files[:1], db, analyzer=analyzer)
    seen: list[str] = []

    class Counting:
        def analyse_many(self, articles):
            for article in articles:
                seen.append(article.source)
                yield from analyzer.analyse_many([article])

    report = api.ingest_paths(good_files, db, analyzer=Counting())
    assert (report.saved, report.unchanged) == (1, 1) and seen == [str(good_files[1])]
    again = api.ingest_paths(good_files, db, analyzer=Counting(), reanalyse=True)
    assert (again.saved, again.unchanged) == (0, 2) and len(seen) == 3


def many_files(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(n):
        path = folder / f"{i:02d}.txt"
        path.write_text(f"Harbour note {i}\n\nCouncillor Ana Ruiz said that berth {i} would reopen in spring.\n")
        paths.append(path)
    return paths


def test_ingest_saves_in_batches_and_tells_its_progress(tmp_path: Path, analyzer, monkeypatch) -> None:
    from onrecord.store import Store

    paths = many_files(tmp_path / "in", 5)
    batches: list[int] = []
    real = Store.save_batch
    monkeypatch.setattr(Store, "save_batch", lambda self, articles: batches.append(len(articles)) or real(self, articles))
    progress: list[tuple[int, int]] = []
    report = api.ingest_paths(paths, tmp_path / "s.db", analyzer=analyzer, batch_size=2,
                              on_progress=lambda *counts: progress.append(counts))
    assert batches == [2, 2, 1]
    assert (report.saved, report.done) == (5, 5) and report.statements == 5
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)   # never backwards
    assert progress[-1] == (5, 5)


def test_a_batch_that_cannot_be_written_is_saved_article_by_article(tmp_path: Path, analyzer, monkeypatch) -> None:
    from onrecord.errors import StoreError
    from onrecord.store import Store

    def refuse(self, articles):
        raise StoreError("store.db", "database is locked")

    monkeypatch.setattr(Store, "save_batch", refuse)
    paths = many_files(tmp_path / "in", 3)
    report = api.ingest_paths(paths, tmp_path / "s.db", analyzer=analyzer)
    assert (report.saved, report.failed) == (3, [])
    assert len(dump(tmp_path / "s.db")["articles"]) == 3
