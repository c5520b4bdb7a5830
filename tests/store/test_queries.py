"""The store's read API for the CLI and the web app: statement and article pages with keyset
cursors, filters, bad arguments as InputError, speakers and one speaker, and totals. Every
result must be plain JSON."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError, OnrecordError
from onrecord.model import Article
from onrecord.store import Store
from onrecord.store.rows import StatementRow
from onrecord.store.sqlite import MAX_PAGE

from store.kit import Quote, article, rich

SITES = ("alpha.example", "beta.example")
PEOPLE = ("Vladimir Putin", "Olaf Scholz", "Emmanuel Macron")


def corpus() -> list[Article]:
    """24 dated articles over two months and two sites, three of them on one day, plus two
    undated: 3 statements each, of every kind."""
    out = []
    for n in range(24):
        day = dt.date(2022, 1, 10) + dt.timedelta(days=2 * n if n > 2 else 0)
        quotes = [Quote(PEOPLE[(n + k) % 3], f"point {n}-{k} stands", kind=("direct", "indirect", "mixed")[k])
                  for k in range(3)]
        out.append(article(*quotes, published=day.isoformat(), site=SITES[n % 2], title=f"Report {n}",
                           tail=f"Report number {n}."))
    for n in (24, 25):
        out.append(article(Quote("Olaf Scholz", f"point {n}-0 stands"), Quote(None, f"point {n}-1 stands"),
                           Quote("Emmanuel Macron", f"point {n}-2 stands"), tail=f"Undated {n}."))
    return out


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    path = ":memory:" if request.param == "memory" else tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save_many(corpus())
        yield s


def pages(fetch, **kw) -> list[list[dict]]:
    """Every page of a listing, following next_cursor to the end."""
    out, cursor = [], None
    while True:
        page = fetch(**kw, cursor=cursor)
        json.dumps(page)                                  # plain JSON, always
        out.append(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return out
        assert isinstance(cursor, str)


def key(row: dict) -> tuple:
    return (row["article_id"], row["sid"])


# -- statement pages ---------------------------------------------------------------------------

@pytest.mark.parametrize("size", [1, 7, 25, 78, 500])
def test_statement_pages_cover_everything_once_in_date_order(store: Store, size: int) -> None:
    got = pages(store.statements_page, limit=size)
    rows = [row for page in got for row in page]
    assert all(len(page) == size for page in got[:-1]) and 0 < len(got[-1]) <= size
    assert len(rows) == len({key(r) for r in rows}) == 78
    assert [key(r) for r in rows] == [key(r) for r in store.statements(limit=None)]
    dated = [r["published"] for r in rows if r["published"]]
    assert dated == sorted(dated) and rows[-1]["published"] is None


def test_newest_first_pages_keep_undated_last(store: Store) -> None:
    rows = [r for page in pages(store.statements_page, limit=10, order="desc") for r in page]
    assert len({key(r) for r in rows}) == 78
    dated = [r["published"] for r in rows if r["published"]]
    assert dated == sorted(dated, reverse=True)
    assert [r["published"] for r in rows[-6:]] == [None] * 6


def test_pages_stay_stable_while_articles_arrive(store: Store) -> None:
    before = [key(r) for r in store.statements(limit=None)]
    first = store.statements_page(limit=30)
    # one article lands before the cursor, one after it
    early = article(Quote("Olaf Scholz", "an early word"), published="2021-12-01", tail="early")
    late = article(Quote("Olaf Scholz", "a late word"), published="2022-12-01", tail="late")
    store.save_many([early, late])
    seen, cursor = [key(r) for r in first["items"]], first["next_cursor"]
    while cursor:
        page = store.statements_page(limit=30, cursor=cursor)
        seen += [key(r) for r in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen))
    assert [k for k in seen if k[0] not in (early.id, late.id)] == before    # no gap, no repeat
    assert late.id in {k[0] for k in seen} and early.id not in {k[0] for k in seen}


# -- pages of words found all over the store ----------------------------------------------------

@pytest.fixture
def nearby_calls(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each look at the next few articles (``queries._nearby_ids``) found the page."""
    from onrecord.store import queries

    calls: list[bool] = []
    first_look = queries._nearby_ids

    def spy(*args, **kwargs):
        found = first_look(*args, **kwargs)
        calls.append(found is not None)
        return found

    monkeypatch.setattr(queries, "_nearby_ids", spy)
    return calls


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("size", [1, 2, 5])
def test_pages_of_common_words_are_found_in_the_next_articles_and_in_order(
        store: Store, nearby_calls: list[bool], order: str, size: int) -> None:
    # Every statement holds "stands": a small page lies in the next few articles.
    walked = [r for page in pages(store.statements_page, search="stands", limit=size, order=order) for r in page]
    found = nearby_calls.copy()
    whole = store.statements_page(search="stands", limit=500, order=order)["items"]
    assert [key(r) for r in walked] == [key(r) for r in whole] and len(whole) == 78
    assert found and all(found[:-1])          # only the last pages may run out of articles


def test_words_not_in_the_next_articles_are_looked_up_everywhere(store: Store, nearby_calls: list[bool]) -> None:
    # "23" is in the newest dated article only: the oldest few hold none of it.
    found = store.statements_page(search="23", limit=1, order="asc")
    assert nearby_calls == [False]
    assert [r["text"] for r in found["items"]] == ["point 23-0 stands"] and found["next_cursor"] is not None
    rest = [r["text"] for page in pages(store.statements_page, search="23", limit=1, order="asc") for r in page]
    assert rest == ["point 23-0 stands", "point 23-1 stands", "point 23-2 stands"]


def test_filters_of_the_article_narrow_the_next_articles_too(store: Store) -> None:
    walked = [r for page in pages(store.statements_page, search="stands", site="beta.example", limit=2,
                                  since="2022-01-20", order="desc") for r in page]
    whole = [r for r in store.statements_page(search="stands", limit=500, order="desc")["items"]
             if r["site"] == "beta.example" and (r["published"] or "") >= "2022-01-20"]
    assert [key(r) for r in walked] == [key(r) for r in whole] and whole


def test_statement_rows_carry_site_and_speakers(store: Store) -> None:
    row = store.statements_page(limit=1)["items"][0]
    assert set(row) == {"article_id", "source", "title", "published", "sid", "kind", "text", "words", "start", "end",
                        "cue", "speaker_name", "speaker_mention", "confidence", "site", "speaker_id", "speakers",
                        "quote_id", "quote_articles", "speaker_title", "speaker_resolution", "speaker_confidence",
                        "speaker_antecedent", "speaker_antecedent_start", "speaker_antecedent_end",
                        "act", "negated", "words"}
    assert (row["act"], row["negated"]) == ("speech", False)
    assert row["speakers"] == [{"id": row["speaker_id"], "name": row["speaker_name"]}]
    assert row["site"] in SITES


# -- filters -----------------------------------------------------------------------------------

def test_filters_alone_and_together(store: Store) -> None:
    def texts(**kw) -> list[str]:
        return [r["text"] for page in pages(store.statements_page, limit=10, **kw) for r in page]

    assert len(texts(site="alpha.example")) == 36
    assert len(texts(site="ALPHA.example")) == 36                       # sites are case-insensitive
    assert len(texts(kind="direct")) == 24                             # the undated have none
    assert texts(since="2022-03-01") == texts(since=dt.date(2022, 3, 1))
    assert all(r["published"] >= "2022-03-01" for r in store.statements(since="2022-03-01", limit=None))
    # until is inclusive: the three articles of 10 January
    assert sorted(texts(until="2022-01-10")) == [f"point {n}-{k} stands" for n in range(3) for k in range(3)]
    assert texts(since="2022-01-16", until="2022-01-16") == ["point 3-0 stands", "point 3-1 stands",
                                                           "point 3-2 stands"]
    assert texts(speaker="Scholz", kind="mixed", site="beta.example", until="2022-01-31") == \
        ["point 5-2 stands"]
    assert texts(search="stands", speaker="Macron", since="2022-02-23") == \
        ["point 22-1 stands", "point 23-0 stands"]
    assert texts(site="gamma.example") == []


def test_date_filters_take_a_datetime_published_on_the_day(store: Store) -> None:
    store.save(article(Quote("Olaf Scholz", "late in the day"), published="2022-01-11T23:30:00", tail="x"))
    assert "late in the day" in [r["text"] for r in store.statements(until="2022-01-11", limit=None)]
    assert "late in the day" in [r["text"] for r in store.statements(since="2022-01-11", limit=None)]


def test_speaker_id_filter(store: Store) -> None:
    sid = store.speaker("Olaf Scholz")["id"]
    rows = [r for page in pages(store.statements_page, speaker_id=sid, limit=9) for r in page]
    assert len(rows) == 26 and {r["speaker_name"] for r in rows} == {"Olaf Scholz"}


def test_act_filter_alone_and_with_others(store: Store) -> None:
    store.save(article(Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                       Quote(None, "most voters backed the plan", mention="A poll", verb="shows", act="evidence"),
                       Quote("Olaf Scholz", "the talks had ended", verb="did not say", negated=True),
                       published="2022-02-01", site="alpha.example", tail="minds"))

    def texts(**kw) -> list[str]:
        return [r["text"] for page in pages(store.statements_page, limit=10, **kw) for r in page]

    assert texts(act="thought") == ["the talks would fail"]
    assert texts(act="evidence") == ["most voters backed the plan"]
    assert len(texts(act="speech")) == 79                              # the corpus's 78 and the denial
    assert texts(act="thought", speaker="Scholz", site="alpha.example", since="2022-02-01") == ["the talks would fail"]
    assert texts(act="thought", site="beta.example") == [] and texts(act="evidence", kind="direct") == []
    # a negated statement keeps its act and says it was not done
    (denied,) = store.statements(act="speech", search="ended")
    assert (denied["cue"], denied["act"], denied["negated"]) == ("did not say", "speech", True)
    assert [r["negated"] for r in store.statements(act="thought")] == [False]


def test_statements_have_the_rows_of_a_page_and_take_every_filter(store: Store) -> None:
    rows = store.statements(speaker="Putin", kind="direct", limit=None)
    page = store.statements_page(speaker="Putin", kind="direct", limit=len(rows))
    assert rows and rows == page["items"]                 # one shape of row for every reader
    assert set(rows[0]) == set(StatementRow.__annotations__)
    assert len(store.statements()) == 50                 # the default page
    assert len(store.statements(limit=None)) == 78
    cursor = store.statements_page(limit=5)["next_cursor"]
    assert [key(r) for r in store.statements(limit=5, cursor=cursor)] == \
        [key(r) for r in store.statements_page(limit=10)["items"][5:]]


# -- bad arguments -----------------------------------------------------------------------------

@pytest.mark.parametrize("args, subject", [
    ({"since": "2022-13-01"}, "since"),
    ({"since": "yesterday"}, "since"),
    ({"until": "07/02/2022"}, "until"),
    ({"until": "2022-02-30"}, "until"),
    ({"since": "2022-03-01", "until": "2022-02-01"}, "since"),
    ({"kind": "quote"}, "kind"),
    ({"act": "said"}, "act"),
    ({"act": "Speech"}, "act"),                          # the acts as named, not folded
    ({"act": ["speech"]}, "act"),
    ({"limit": 0}, "limit"),
    ({"limit": -5}, "limit"),
    ({"limit": "10"}, "limit"),
    ({"cursor": "not a cursor"}, "cursor"),
    ({"cursor": ""}, "cursor"),
    ({"cursor": "W10"}, "cursor"),                       # valid base64 of "[]"
    ({"order": "sideways"}, "order"),
])
def test_bad_arguments_are_input_errors(store: Store, args: dict, subject: str) -> None:
    with pytest.raises(InputError) as caught:
        store.statements_page(**args)
    assert caught.value.subject == subject
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("args", [{"since": "2022-1-1"}, {"until": "soon"}, {"limit": 0}, {"limit": 2.5},
                                  {"cursor": "%%%"}, {"order": "up"}])
def test_bad_article_arguments_are_input_errors(store: Store, args: dict) -> None:
    with pytest.raises(InputError):
        store.articles(**args)


def test_a_cursor_belongs_to_its_list_and_order(store: Store) -> None:
    statements = store.statements_page(limit=5)["next_cursor"]
    articles = store.articles(limit=5)["next_cursor"]
    with pytest.raises(InputError, match="cursor"):
        store.articles(cursor=statements)
    with pytest.raises(InputError, match="cursor"):
        store.statements_page(cursor=articles)
    with pytest.raises(InputError, match="cursor"):
        store.statements_page(cursor=statements, order="desc")


def test_huge_page_sizes_are_cut(tmp_path: Path) -> None:
    many = article(*[Quote("Olaf Scholz", f"item {n} holds") for n in range(MAX_PAGE + 20)])
    with Store(":memory:") as s:
        s.save(many)
        page = s.statements_page(limit=10**9)
        assert len(page["items"]) == MAX_PAGE and page["next_cursor"]
        assert len(s.statements_page(limit=10**9, cursor=page["next_cursor"])["items"]) == 20
        assert len(s.speaker("Scholz", limit=10**6)["statements"]) == MAX_PAGE
        assert len(s.statements(limit=None)) == MAX_PAGE + 20    # the CLI's full list is not a page


# -- articles ----------------------------------------------------------------------------------

def test_article_pages_newest_first(store: Store) -> None:
    got = pages(store.articles, limit=4)
    rows = [r for page in got for r in page]
    assert len(rows) == len({r["id"] for r in rows}) == 26
    dated = [r["published"] for r in rows if r["published"]]
    assert dated == sorted(dated, reverse=True) and rows[-1]["published"] is None
    assert set(rows[0]) == {"id", "source", "title", "published", "site", "authors", "language",
                            "ingested_at", "statement_count", "source_count"}
    assert rows[0]["statement_count"] == 3 and rows[0]["authors"] == []
    oldest = [r for page in pages(store.articles, limit=5, order="asc") for r in page]
    assert [r["published"] for r in oldest if r["published"]] == sorted(dated)


def test_article_filters(store: Store) -> None:
    assert [r["title"] for r in store.articles(q="number 7")["items"]] == ["Report 7"]
    assert [r["title"] for r in store.articles(q="report*", since="2022-02-23")["items"]] == \
        ["Report 23", "Report 22"]
    assert len(store.articles(site="beta.example", limit=500)["items"]) == 12
    assert store.articles(q="((")["items"] == []


def test_one_article_with_its_statements_and_record(store: Store) -> None:
    store.save(rich())
    found = store.article(rich().id)
    json.dumps(found)
    assert found["title"] == "Troops" and found["statement_count"] == 3
    assert [s["sid"] for s in found["statements"]] == ["s1", "s2", "s3"]
    assert {s["speakers"][0]["name"] for s in found["statements"]} == {"Vladimir Putin"}
    assert found["record"] == rich().to_dict()
    assert store.article("0" * 64) is None


# -- speakers ----------------------------------------------------------------------------------

def test_speakers_with_counts_and_search(store: Store) -> None:
    rows = store.speakers()
    json.dumps(rows)
    assert [(r["name"], r["statement_count"], r["article_count"]) for r in rows] == [
        ("Emmanuel Macron", 26, 26), ("Olaf Scholz", 26, 26), ("Vladimir Putin", 24, 24)]
    assert [r["name"] for r in store.speakers(q="put")] == ["Vladimir Putin"]
    assert [r["name"] for r in store.speakers(q="OLAF")] == ["Olaf Scholz"]
    assert [r["name"] for r in store.speakers(limit=1, offset=1)] == ["Olaf Scholz"]
    assert store.speakers(q="%") == store.speakers(q="zzz") == []
    assert len(store.speakers(q="  ")) == 3


def test_speakers_search_folds_accents(store: Store) -> None:
    store.save(article(Quote("Maroš Šefčovič", "sanctions would follow")))
    assert [r["name"] for r in store.speakers(q="sefcovic")] == ["Maroš Šefčovič"]


def test_one_speaker_over_time(store: Store) -> None:
    store.save(rich())
    found = store.speaker("Putin")
    json.dumps(found)
    assert found == store.speaker(found["id"]) == store.speaker(str(found["id"]))
    assert found["name"] == "Vladimir Putin" and found["kind"] == "PERSON"
    assert found["statement_count"] == len(found["statements"]) == 27
    dates = [s["published"] for s in found["statements"]]
    assert dates == sorted(dates)
    assert found["first_published"] == "2022-01-10" and found["last_published"] == "2022-02-25"
    months = [d[:7] for d in dates]
    assert found["timeline"] == [{"period": m, "statements": months.count(m)} for m in ("2022-01", "2022-02")]
    names = [e["name"] for e in found["entities"]]
    assert "Vladimir Putin" not in names and names[:2] == ["Emmanuel Macron", "Olaf Scholz"]
    assert "Moscow" in names


def test_unknown_speaker_is_none(store: Store) -> None:
    assert store.speaker("Angela Merkel") is None
    assert store.speaker(9999) is None
    assert store.speaker("!!") is None


def test_counts(store: Store) -> None:
    assert store.counts() == {"articles": 26, "statements": 78, "entities": 76, "speakers": 3, "sites": 2}


def test_errors_are_onrecord_errors(store: Store) -> None:
    store.close()
    with pytest.raises(OnrecordError, match="closed"):
        store.statements_page()


def test_until_the_last_day_of_the_calendar_is_every_dated_statement(store: Store) -> None:
    # the day after 9999-12-31 does not exist: this was an OverflowError and a traceback
    key = lambda r: (r["article_id"], r["sid"])                           # noqa: E731
    dated = sorted(key(r) for r in store.statements(limit=None) if r["published"])
    assert sorted(key(r) for r in store.statements(until="9999-12-31", limit=None)) == dated
    assert store.statements_page(until="9999-12-31", limit=5)["items"]


def test_a_filter_word_sqlite_cannot_take_is_an_input_error(store: Store) -> None:
    for name, value in (("speaker", "Scholz\x00"), ("search", "a\ud800b"), ("site", "x\x00")):
        with pytest.raises(InputError) as caught:
            store.statements(**{name: value})
        assert caught.value.subject == name


def test_one_query_object_is_the_same_as_its_fields_by_name(store: Store) -> None:
    from onrecord.store.queries import StatementQuery

    query = StatementQuery(speaker="Scholz", kind="mixed", since=dt.date(2022, 1, 20), limit=3, order="desc")
    assert store.statements_page(query) == store.statements_page(
        speaker="Scholz", kind="mixed", since="2022-01-20", limit=3, order="desc")
    assert store.statements(query) == store.statements(speaker="Scholz", kind="mixed", since="2022-01-20", limit=3)
    # fields given beside a query change it: the next page of the same query
    first = store.statements_page(query)
    second = store.statements_page(query, cursor=first["next_cursor"])
    assert second["items"] and not {key(r) for r in first["items"]} & {key(r) for r in second["items"]}


def test_a_query_checks_its_fields_when_it_is_made() -> None:
    from onrecord.store.queries import StatementQuery, statement_query

    with pytest.raises(InputError, match="since"):
        StatementQuery(since="last tuesday")
    with pytest.raises(InputError, match="kind"):
        StatementQuery(kind="sarcastic")
    with pytest.raises(InputError, match="order"):
        StatementQuery(order="sideways")
    with pytest.raises(InputError, match="until"):
        StatementQuery(since="2022-03-01", until="2022-02-01")
    with pytest.raises(TypeError):
        statement_query("Putin", {})                            # a name is given as speaker=
    query = StatementQuery(since=dt.date(2022, 1, 5), speaker="Putin", order="desc")
    assert (query.since, query.speaker, query.order) == ("2022-01-05", "Putin", "desc")


def test_statements_without_a_query_keep_their_first_page(store: Store) -> None:
    from onrecord.store.queries import DEFAULT_PAGE, StatementQuery

    assert len(store.statements()) == DEFAULT_PAGE
    assert len(store.statements(StatementQuery())) == 24 * 3 + 2 * 3          # a query without a limit: all
    assert len(store.statements_page(StatementQuery())["items"]) == DEFAULT_PAGE
