"""Quotes across articles: the same quoted words reported by several articles are one quote
with every occurrence and its speaker; listing, filtering and paging them."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.model import Article, Span, Statement
from onrecord.store import Store
from onrecord.store.quotes import quote_key, quoted_words

from store.copies import SENTENCE, kremlin, moscow, paris, quoting, syndicated, wire
from store.kit import Quote, article, check_integrity

def store_of(path: Path, *articles: Article) -> Store:
    s = Store(path)
    s.save_many(articles)
    return s


# -- the key ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("words, key", [
    ("We will not accept this", "we will not accept this"),
    ("“We  will not\naccept THIS!”", "we will not accept this"),
    ("We won’t accept this", "we won t accept this"),
    ("We won't accept this", "we won t accept this"),
    ("No, never", None),                     # fewer than three words
])
def test_quote_key_folds_case_marks_punctuation_and_space(words: str, key: str | None) -> None:
    assert quote_key([words]) == key


def test_quoted_words_of_each_kind() -> None:
    text = 'She said the plan was "a betrayal of the workers" and “a waste of money”.'
    mixed = Statement("s1", "mixed", text[9:-1], 9, len(text) - 1)
    assert quoted_words(mixed) == ["a betrayal of the workers", "a waste of money"]
    assert quoted_words(dataclasses.replace(mixed, kind="indirect")) == []
    split = '“We will not,” he said, “accept this.”'
    direct = Statement("s2", "direct", split[1:-2], 1, len(split) - 2,
                       parts=(Span.of(split, 1, 12), Span.of(split, 25, len(split) - 2)))
    assert quoted_words(direct) == ["We will not", "accept this"]
    assert quote_key(quoted_words(direct)) == "we will not accept this"
    # a quotation finishing the writer's sentence: the text stops before the closing mark
    lead = 'Clinton, in her view, “is seen as a risk'
    assert quoted_words(Statement("s3", "mixed", lead, 0, len(lead))) == ["is seen as a risk"]
    # an apostrophe inside a word does not close a single-mark quotation
    single = "He called it ‘the country’s best chance’ today"
    assert quoted_words(Statement("s4", "mixed", single, 0, len(single))) == ["the country’s best chance"]


# -- grouping ----------------------------------------------------------------------------------

def test_one_sentence_in_two_articles_is_one_quote_with_two_occurrences(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", moscow(), kremlin()) as s:
        (item,) = s.quotes()["items"]
        found = s.quote(item["id"])
        putin = s.speaker("Putin")
    vladimir, bare = putin["id"], putin["surname_only"][0]["id"]
    assert (item["text"], item["article_count"], item["statement_count"]) == (SENTENCE, 2, 2)
    assert item["first_seen"] == "2022-02-07"
    # whom each outlet says said it: the Kremlin story's bare "Putin" is not guessed to be Vladimir
    assert item["speakers"] == [{"id": bare, "name": "Putin", "statements": 1},
                                {"id": vladimir, "name": "Vladimir Putin", "statements": 1}]
    occurrences = found["occurrences"]
    assert [(o["article_id"], o["title"], o["site"], o["published"], o["source"], o["sid"]) for o in occurrences] == [
        (moscow().id, "Putin warns", "a.example", "2022-02-07", "https://a.example/1", "s1"),
        (kremlin().id, "Kremlin line", "b.example", "2022-02-09", "https://b.example/2", "s1")]
    assert [o["speaker_name"] for o in occurrences] == ["Vladimir Putin", "Putin"]
    assert [o["speaker_id"] for o in occurrences] == [vladimir, bare]
    assert [o["text"] for o in occurrences] == [SENTENCE, "we will NOT accept this,"]
    for o, art in zip(occurrences, (moscow(), kremlin())):
        assert art.text[o["start"]:o["end"]] == o["text"]
    assert found["speakers"] == item["speakers"] and found["unattributed"] == 0


def test_different_speakers_of_one_quote_are_all_listed(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", moscow(), kremlin(), paris()) as s:
        (item,) = s.quotes()["items"]
        found = s.quote(item["id"])
    assert item["article_count"] == 3
    assert [(p["name"], p["statements"]) for p in found["speakers"]] == [
        ("Emmanuel Macron", 1), ("Putin", 1), ("Vladimir Putin", 1)]
    assert [o["kind"] for o in found["occurrences"]] == ["direct", "mixed", "direct"]   # by date


def test_reported_speech_and_short_quotes_get_no_quote(tmp_path: Path) -> None:
    reported = article(Quote("Olaf Scholz", "we will not accept this"))
    short = quoting('"No, never," Scholz said.', "No, never", "Olaf Scholz", "Scholz")
    with store_of(tmp_path / "q.db", reported, short) as s:
        assert s.quotes()["items"] == []
        assert [r["quote_id"] for r in s.statements_page()["items"]] == [None, None]


def test_statement_rows_name_their_quote_and_how_many_articles_report_it(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", moscow(), kremlin()) as s:
        rows = s.article(moscow().id)["statements"]
        qid = s.quotes()["items"][0]["id"]
    assert [(r["quote_id"], r["quote_articles"]) for r in rows] == [(qid, 2)]


def test_a_folded_copy_adds_a_source_not_an_occurrence(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", wire()) as s:
        before = s.quotes()["items"]
        assert s.save(syndicated()) is False
        after = s.quotes()["items"]
        found = s.quote(after[0]["id"])
    assert before == after and len(after) == 1
    assert after[0]["article_count"] == after[0]["statement_count"] == 1
    assert found["source_count"] == 2


def test_reanalysis_moves_and_drops_quotes(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with store_of(path, moscow(), kremlin()) as s:
        qid = s.quotes()["items"][0]["id"]
        unquoted = dataclasses.replace(kremlin(), statements=())
        assert s.save(unquoted) is True
        assert s.quote(qid)["article_count"] == 1
        assert s.save(dataclasses.replace(moscow(), statements=())) is True
        assert s.quote(qid) is None and s.quotes()["items"] == []
        assert s.save(moscow()) is True
        assert s.quotes()["items"][0]["statement_count"] == 1
    check_integrity(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 1


COUNTED_SPEAKERS = """
SELECT s.quote_id, l.speaker_id, count(*) FROM statements AS s JOIN statement_speakers AS l ON l.statement_id = s.id
WHERE s.quote_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""


def test_the_speakers_kept_for_each_quote_equal_a_count_of_its_occurrences(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    with store_of(path, moscow(), kremlin(), paris()) as s:
        s.save(dataclasses.replace(kremlin(), statements=()))          # one occurrence goes
        listed = s.quotes()["items"]
    assert [(p["name"], p["statements"]) for p in listed[0]["speakers"]] == [("Emmanuel Macron", 1), ("Vladimir Putin", 1)]
    assert listed[0]["speaker_count"] == 2
    with sqlite3.connect(path) as conn:
        kept = conn.execute("SELECT quote_id, speaker_id, statements FROM quote_speakers ORDER BY 1, 2").fetchall()
        assert kept == conn.execute(COUNTED_SPEAKERS).fetchall() and len(kept) == 2


# -- listing ---------------------------------------------------------------------------------------

def many(path: Path) -> Store:
    """Quote n is reported by n articles (n = 1..4), by a speaker of its own."""
    articles = []
    for n, who in enumerate(("Ana Ruiz", "Tomas Velde", "Lena Okafor", "Olaf Scholz"), 1):
        words = f"the harbour plan number {n} is good"
        for copy in range(n):
            articles.append(quoting(f'"{words}," {who} said in paper {copy}.', words, who, who,
                                    published=f"2024-0{copy + 1}-01"))
    return store_of(path, *articles)


def test_most_reported_first_with_min_articles(tmp_path: Path) -> None:
    with many(tmp_path / "q.db") as s:
        assert [q["article_count"] for q in s.quotes()["items"]] == [4, 3, 2, 1]
        assert [q["article_count"] for q in s.quotes(min_articles=3)["items"]] == [4, 3]
        assert s.quotes(min_articles=5)["items"] == []


def test_quote_filters_by_words_and_speaker(tmp_path: Path) -> None:
    with many(tmp_path / "q.db") as s:
        assert [q["text"] for q in s.quotes(q="number 2")["items"]] == ["the harbour plan number 2 is good"]
        assert [q["article_count"] for q in s.quotes(speaker="velde")["items"]] == [2]
        assert [q["article_count"] for q in s.quotes(speaker="Lena Okafor", min_articles=2)["items"]] == [3]
        assert s.quotes(q="velde")["items"] == []            # words of the quote, not of the name
        assert s.quotes(q="?!")["items"] == [] and s.quotes(speaker="nobody")["items"] == []


def test_quote_pages_cover_everything_once(tmp_path: Path) -> None:
    with many(tmp_path / "q.db") as s:
        seen, cursor = [], None
        while True:
            page = s.quotes(limit=1, cursor=cursor)
            seen += [q["id"] for q in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert len(seen) == len(set(seen)) == 4
        with pytest.raises(InputError):
            s.quotes(cursor=s.statements_page(limit=1)["next_cursor"])


@pytest.mark.parametrize("args", [{"min_articles": 0}, {"limit": 0}, {"cursor": "nonsense"},
                                  {"min_articles": "2"}])
def test_bad_quote_arguments_are_input_errors(tmp_path: Path, args: dict) -> None:
    with many(tmp_path / "q.db") as s, pytest.raises(InputError):
        s.quotes(**args)


def test_unknown_quote_is_none(tmp_path: Path) -> None:
    with many(tmp_path / "q.db") as s:
        assert s.quote(999) is None and s.quote("999") is None
        with pytest.raises(InputError):
            s.quote("abc")


def many_speakers() -> list[Article]:
    """One quotation in eight articles: Ana Ruiz says it three times, Ben Hale and Cem Kaya
    twice, Dag Berg once."""
    who = ["Ana Ruiz", "Ben Hale", "Ana Ruiz", "Cem Kaya", "Dag Berg", "Ben Hale", "Ana Ruiz", "Cem Kaya"]
    return [article(Quote(name, "we will build the new harbour", kind="direct"), published=f"2024-01-0{n + 1}",
                    tail=f"Report {n}.") for n, name in enumerate(who)]


def test_a_listed_quote_names_its_most_frequent_speakers_and_counts_them_all(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", *many_speakers()) as s:
        (item,) = s.quotes()["items"]
        found = s.quote(item["id"])
    assert [(p["name"], p["statements"]) for p in item["speakers"]] == [
        ("Ana Ruiz", 3), ("Ben Hale", 2), ("Cem Kaya", 2)]
    assert item["speaker_count"] == found["speaker_count"] == 4
    # the quote's own page names every one
    assert [(p["name"], p["statements"]) for p in found["speakers"]] == [
        ("Ana Ruiz", 3), ("Ben Hale", 2), ("Cem Kaya", 2), ("Dag Berg", 1)]


def test_a_quote_gives_its_first_occurrences_up_to_the_limit(tmp_path: Path) -> None:
    with store_of(tmp_path / "q.db", *many_speakers()) as s:
        (item,) = s.quotes()["items"]
        first = s.quote(item["id"], limit=3)
        every = s.quote(item["id"])
    assert [o["published"] for o in first["occurrences"]] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert first["occurrences"] == every["occurrences"][:3] and len(every["occurrences"]) == 8
    assert first["statement_count"] == 8
