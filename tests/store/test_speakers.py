"""Speakers across articles: one person each (a bare surname never joins a full name, two
first names are two people, middle names and initials do not part one), the display name the
most common full name, links replaced without orphans, idempotent saves, and the upgrade of a
v1 database in place."""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.model import Article
from onrecord.store import Store
from onrecord.store.schema import MIGRATIONS, VERSION
from onrecord.keys import name_key

from store.kit import Quote, article, check_integrity, dump, rich, totals


@pytest.fixture(params=["memory", "file"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    path = ":memory:" if request.param == "memory" else tmp_path / "onrecord.db"
    with Store(path) as s:
        yield s


def names(store: Store) -> dict[str, int]:
    """Display name -> statement count of every stored speaker."""
    return {row["name"]: row["statement_count"] for row in store.speakers(limit=500)}


def aliases(store: Store, name: str) -> set[str]:
    (row,) = [r for r in store.speakers(limit=500) if r["name"] == name]
    return set(row["aliases"])


def said(who: str | None, words: str = "talks would go on", **kw) -> Article:
    return article(Quote(who, words), **kw)


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, key", [
    ("Vladimir Putin", "vladimir putin"),
    ("  VLADIMIR   putin ", "vladimir putin"),
    ("Maroš Šefčovič", "maros sefcovic"),
    ("Jean-Yves Le Drian", "jean yves le drian"),
    ("O'Brien", "o brien"),
    ("!!", ""),
])
def test_name_key_folds_case_accents_and_punctuation(name: str, key: str) -> None:
    assert name_key(name) == key


# -- matching across articles ------------------------------------------------------------------

def test_a_bare_surname_is_a_speaker_of_its_own_never_a_full_name_person(store: Store) -> None:
    store.save(said("Putin", "talks would go on", published="2022-02-01"))
    first = store.speakers()[0]["id"]
    store.save(said("Vladimir Putin", "NATO must stop", published="2022-02-07"))
    # the full name does not take over "Putin": that would be the store guessing who it was
    assert names(store) == {"Putin": 1, "Vladimir Putin": 1}
    assert {r["name"]: r["id"] for r in store.speakers()}["Putin"] == first
    store.save(said("Putin", "the West had ignored Russia"))
    assert names(store) == {"Putin": 2, "Vladimir Putin": 1}            # "Putin" joins "Putin"
    assert aliases(store, "Vladimir Putin") == {"Vladimir Putin"}


def test_full_name_then_surname_stay_two_speakers(store: Store) -> None:
    store.save(said("Vladimir Putin", "NATO must stop"))
    store.save(said("Putin", "talks would go on"))
    assert names(store) == {"Vladimir Putin": 1, "Putin": 1}
    assert aliases(store, "Vladimir Putin") == {"Vladimir Putin"}


def test_case_and_accents_do_not_make_another_speaker(store: Store) -> None:
    store.save(said("Maroš Šefčovič"))
    store.save(said("MAROS SEFCOVIC", "sanctions would follow"))
    assert names(store) == {"Maroš Šefčovič": 2}


def test_the_display_name_keeps_its_accents_whichever_spelling_is_more_common(store: Store) -> None:
    store.save(said("Felipe Calderon"))
    store.save(said("Felipe Calderon", "sanctions would follow"))
    store.save(said("Felipe Calderón", "the border would stay open"))
    assert names(store) == {"Felipe Calderón": 3}


def test_a_surname_used_as_mention_is_an_alias_a_description_is_not(store: Store) -> None:
    store.save(article(Quote("Vladimir Putin", "NATO must stop", mention="Putin"),
                       Quote("Vladimir Putin", "talks would go on", mention="the Russian president")))
    assert aliases(store, "Vladimir Putin") == {"Putin", "Vladimir Putin"}
    assert store.speaker("the Russian president") is None              # a description is nobody's name
    # an alias from a mention is a name form, not a name another article's "Putin" joins
    store.save(said("Putin", "the West had ignored Russia"))
    assert names(store) == {"Vladimir Putin": 2, "Putin": 1}


def test_two_people_with_one_surname_stay_apart(store: Store) -> None:
    store.save(said("Boris Johnson", "the plan was sound"))
    store.save(said("Dwayne Johnson", "the film was done"))
    assert names(store) == {"Boris Johnson": 1, "Dwayne Johnson": 1}
    with pytest.raises(InputError, match="more than one speaker fits: Boris Johnson .*Dwayne Johnson"):
        store.speaker("Johnson")
    # "Johnson" alone could be either: it becomes a speaker of its own, not a guess
    store.save(said("Johnson", "nothing had changed"))
    assert names(store) == {"Boris Johnson": 1, "Dwayne Johnson": 1, "Johnson": 1}
    # full names still find their own speakers
    store.save(said("Boris Johnson", "the vote would pass"))
    assert names(store) == {"Boris Johnson": 2, "Dwayne Johnson": 1, "Johnson": 1}


def test_a_surname_known_first_is_never_upgraded(store: Store) -> None:
    store.save(said("Johnson", "the plan was sound"))
    store.save(said("Boris Johnson", "the vote would pass"))           # "Johnson" may have been anyone
    store.save(said("Dwayne Johnson", "the film was done"))
    store.save(said("Johnson", "nothing had changed"))
    store.save(said("Ben Johnson", "the race was fair"))
    assert names(store) == {"Johnson": 2, "Boris Johnson": 1, "Dwayne Johnson": 1, "Ben Johnson": 1}


def test_two_people_of_one_surname_are_never_merged(store: Store) -> None:
    # the report: a bare "Obama" saved first became Michelle Obama, then took Barack's words
    store.save(said("Obama", "the deal was done"))
    store.save(said("Michelle Obama", "the garden would grow"))
    store.save(said("Obama", "the law would pass"))
    store.save(said("Barack Obama", "the troops would come home"))
    store.save(said("Trump", "the wall would be built"))
    store.save(said("Melania Trump", "the children came first"))
    store.save(said("Trump", "the deal was great"))
    store.save(said("Donald Trump", "the economy had grown"))
    store.save(said("Bill Clinton", "the economy had grown fast"))
    store.save(said("Hillary Clinton", "the vote was close"))
    assert names(store) == {"Obama": 2, "Michelle Obama": 1, "Barack Obama": 1, "Trump": 2, "Melania Trump": 1,
                            "Donald Trump": 1, "Bill Clinton": 1, "Hillary Clinton": 1}
    assert [r["text"] for r in store.speaker("Michelle Obama")["statements"]] == ["the garden would grow"]
    assert [r["text"] for r in store.speaker("Melania Trump")["statements"]] == ["the children came first"]


def test_a_bare_surname_does_not_join_the_only_full_name_person_either(store: Store) -> None:
    store.save(said("Barack Obama", "the law would pass"))
    store.save(said("Obama", "the deal was done"))
    store.save(said("Obama", "the talks had failed"))
    assert names(store) == {"Barack Obama": 1, "Obama": 2}
    assert store.speaker("Barack Obama")["aliases"] == ["Barack Obama"]


def test_middle_names_and_initials_do_not_part_one_person(store: Store) -> None:
    store.save(said("Donald J. Trump", "the wall would be built"))
    store.save(said("Donald Trump", "the deal was done"))
    store.save(said("Donald John Trump", "the talks had failed"))
    store.save(said("Donald Trump", "the economy had grown"))
    assert names(store) == {"Donald Trump": 4}                          # the most common full name
    assert aliases(store, "Donald Trump") == {"Donald J. Trump", "Donald Trump", "Donald John Trump"}


def test_suffixes_and_short_first_names_part_people(store: Store) -> None:
    store.save(said("Donald Trump", "the wall would be built"))
    store.save(said("Donald Trump Jr.", "the campaign was strong"))
    store.save(said("Donald J. Trump Jr.", "the rally was full"))
    store.save(said("Timothy Scott", "the bill was fair"))
    store.save(said("Tim Scott", "the vote was close"))                 # a first name it begins
    store.save(said("Alan Smith", "the plan was sound"))
    store.save(said("Al Smith", "the race was fair"))                   # too short to tell
    assert names(store) == {"Donald Trump": 1, "Donald Trump Jr.": 2, "Timothy Scott": 2,
                            "Alan Smith": 1, "Al Smith": 1}


def test_names_are_cut_into_words_as_written(store: Store) -> None:
    store.save(said("Conan O'Brien", "the show would go on"))
    store.save(said("O'Brien", "the joke was old"))                     # a bare surname, not "O. Brien"
    store.save(said("Jean-Yves Le Drian", "the treaty would hold"))
    store.save(said("Jean Le Drian", "the talks were useful"))          # the first name it begins
    assert names(store) == {"Conan O'Brien": 1, "O'Brien": 1, "Jean-Yves Le Drian": 2}
    found = store.speaker("O'Brien")
    assert found["name"] == "Conan O'Brien" and found["statement_count"] == 2


def test_a_full_name_that_fits_two_people_is_a_speaker_of_its_own(store: Store) -> None:
    store.save(said("Timothy Scott", "the bill was fair"))
    store.save(said("Timon Scott", "the film was done"))
    store.save(said("Tim Scott", "the vote was close"))                 # Timothy's or Timon's?
    store.save(said("Tim Scott", "the race was fair"))                  # the same "Tim Scott"
    assert names(store) == {"Timothy Scott": 1, "Timon Scott": 1, "Tim Scott": 2}


def test_display_name_is_the_most_common_full_name_the_first_seen_of_equals(store: Store) -> None:
    early = said("Donald J. Trump", "the wall would be built")
    store.save(early)
    store.save(said("Donald Trump", "the deal was done"))
    assert names(store) == {"Donald J. Trump": 2}                       # one each: the first seen
    twice = article(Quote("Donald Trump", "the talks had failed"), Quote("Donald Trump", "the vote was close"))
    store.save(twice)
    assert names(store) == {"Donald Trump": 4}
    # the article re-analysed without him: the counts go down and the name back
    store.save(dataclasses.replace(twice, statements=twice.statements[:1], entities=()))
    assert store.speaker("Donald J. Trump")["aliases"] == ["Donald J. Trump", "Donald Trump"]
    rows = {r["name"]: r["statement_count"] for r in store.speakers()}
    assert rows["Donald Trump"] == 3
    store.save(dataclasses.replace(twice, statements=(), entities=()))
    assert names(store) == {"Donald J. Trump": 2}


def test_kinds_never_merge_and_an_unknown_kind_joins_any(store: Store) -> None:
    store.save(said("Georgia", "the border was calm", kinds={"Georgia": "GPE"}))
    store.save(said("Georgia", "the song was hers"))                    # a person of that name
    store.save(dataclasses.replace(said("Barack Obama", "the law would pass"), entities=()))
    store.save(said("Barack Obama", "the troops would come home"))
    assert {(r["name"], r["kind"], r["statement_count"]) for r in store.speakers()} == {
        ("Georgia", "GPE", 1), ("Georgia", "PERSON", 1), ("Barack Obama", "PERSON", 2)}


def test_organisations_are_not_matched_by_their_last_word(store: Store) -> None:
    org = {"European Commission": "ORG", "Commission": "ORG"}
    store.save(said("European Commission", "sanctions were ready", kinds=org))
    store.save(said("Commission", "rules would change", kinds=org))
    assert names(store) == {"European Commission": 1, "Commission": 1}
    assert {r["kind"] for r in store.speakers()} == {"ORG"}


def test_kind_is_learnt_when_an_entity_tells_it(store: Store) -> None:
    store.save(said("Olaf Scholz"))
    assert store.speakers()[0]["kind"] == "PERSON"


def test_several_speakers_of_one_statement_are_all_linked(store: Store) -> None:
    both = Quote("Emmanuel Macron and Vladimir Putin", "talks were useful", mention="Macron and Putin",
                 speakers=("Emmanuel Macron", "Vladimir Putin"))
    store.save(article(both, Quote("Vladimir Putin", "NATO must stop")))
    assert names(store) == {"Vladimir Putin": 2, "Emmanuel Macron": 1}
    first = store.statements_page()["items"][0]
    assert [s["name"] for s in first["speakers"]] == ["Emmanuel Macron", "Vladimir Putin"]
    assert first["speaker_id"] == first["speakers"][0]["id"]
    assert [r["text"] for r in store.speaker("Putin")["statements"]] == ["talks were useful", "NATO must stop"]
    # "Macron and Putin" names no one by itself
    assert aliases(store, "Vladimir Putin") == {"Vladimir Putin"}


def test_statement_without_a_speaker_has_no_link(store: Store) -> None:
    store.save(said(None, "nothing had changed"))
    assert names(store) == {}
    (row,) = store.statements_page()["items"]
    assert row["speaker_id"] is None and row["speakers"] == []


def test_speaker_filter_by_surname_finds_the_person_across_name_forms(store: Store) -> None:
    store.save(said("Putin", "talks would go on", published="2022-02-01"))
    store.save(said("Vladimir Putin", "NATO must stop", published="2022-02-07"))
    store.save(said("Vladimir Putin", "the West had ignored Russia", published="2022-02-08"))
    # the first article only ever said "Putin": the surname finds it with the full name's
    assert [r["text"] for r in store.statements(speaker="putin")] == [
        "talks would go on", "NATO must stop", "the West had ignored Russia"]
    # the full name finds that person, not the guess that the bare "Putin" was him too
    assert [r["text"] for r in store.statements(speaker="Vladimir Putin")] == [
        "NATO must stop", "the West had ignored Russia"]


# -- idempotence and replacement ---------------------------------------------------------------

def test_saving_an_unchanged_article_changes_no_row_of_any_table(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save_many([rich(), said("Putin"), said("Boris Johnson", "the vote would pass")])
        before = dump(path)
        assert s.save(rich()) is False
        assert s.save_many([said("Putin"), rich()]) == 0
        assert s.save(dataclasses.replace(rich(), source="elsewhere.txt")) is False
        assert [x["source"] for x in s.article(rich().id)["sources"]] == ["rich.txt", "elsewhere.txt"]
    assert dump(path) == before
    assert all(before[t] for t in before if not t.startswith("minhash")), "every table has rows"


def test_replacing_a_changed_article_leaves_no_orphans(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    original = article(Quote("Vladimir Putin", "NATO must stop"), Quote("Olaf Scholz", "sanctions were ready"),
                       Quote("Emmanuel Macron", "talks were useful"))
    with Store(path) as s:
        s.save(original)
        s.save(said("Olaf Scholz", "the door stays open"))           # Scholz is in another article too
        ids = {r["name"]: r["id"] for r in s.speakers()}
        fewer = dataclasses.replace(original, statements=original.statements[:2], entities=original.entities[:1])
        assert s.save(fewer) is True
        after = {r["name"]: r["id"] for r in s.speakers()}
    # Macron is said nowhere any more; the others keep their ids
    assert after == {"Vladimir Putin": ids["Vladimir Putin"], "Olaf Scholz": ids["Olaf Scholz"]}
    rows = dump(path)
    assert len(rows["statement_speakers"]) == 3
    assert len(rows["mentions"]) == 2           # the Putin entity's one, and the other article's
    assert not [a for a in rows["speaker_aliases"] if "Macron" in a[1]]
    check_integrity(path)


def test_projection_holds_mentions_amounts_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "onrecord.db"
    with Store(path) as s:
        s.save(rich())
    rows = dump(path)
    text = rich().text
    assert sorted(m[2] for m in rows["mentions"]) == ["Moscow", "Putin", "Vladimir Putin"]
    for _, _, span_text, start, end in rows["mentions"]:
        assert text[start:end] == span_text
    (amount,) = rows["amounts"]
    assert amount[1:] == ("more than 100,000 troops", 25, 49, None, 100000.0, None, "troops", "more than", "s1",
                          None, None, None, None, None)          # no subject, no claimant
    assert sorted((d[1], d[4], d[5]) for d in rows["dates"]) == [
        ("2022", "2022-01-01", "year"), ("February 7", "2022-02-07", "day")]
    check_integrity(path)


# -- upgrading a v1 database -------------------------------------------------------------------

_V1_STATEMENT = """INSERT INTO statements (article_id, sid, kind, text, start, "end", cue, speaker_name,
    speaker_mention, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def save_v1(conn: sqlite3.Connection, art: Article, ingested_at: str) -> None:
    """What onrecord 0.1 (schema v1) wrote for one article."""
    record = json.dumps(art.to_dict(), ensure_ascii=False, separators=(",", ":"))
    conn.execute("INSERT INTO articles (id, source, title, published, site, authors, language, text, "
                 "boilerplate, record, ingested_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, '[]', ?, ?)",
                 (art.id, art.source, art.title, art.published, art.site, art.language, art.text, record,
                  ingested_at))
    for s in art.statements:
        conn.execute(_V1_STATEMENT, (art.id, s.id, s.kind, s.text, s.start, s.end, s.cue and s.cue.text,
                                     s.speaker.name, s.speaker.mention and s.speaker.mention.text, s.confidence))
    for e in art.entities:
        conn.execute("INSERT INTO entities (article_id, eid, name, type) VALUES (?, ?, ?, ?)",
                     (art.id, e.id, e.name, e.type))


def make_v1(path: Path, articles: list[Article]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        for n, art in enumerate(articles):
            save_v1(conn, art, f"2022-03-0{n + 1}T00:00:00+00:00")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_v1_database_is_upgraded_in_place_with_speakers_backfilled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    older = said("Putin", "talks would go on", published="2022-02-01")
    make_v1(path, [older, rich()])
    before = sqlite3.connect(path).execute("SELECT id, ingested_at, record FROM articles ORDER BY id").fetchall()
    with Store(path) as s:
        assert s.get(rich().id) == rich()
        assert totals(s) == {"articles": 2, "statements": 4, "entities": 3}
        # "Putin" (saved first) is a speaker of its own; the surname finds both
        assert names(s) == {"Vladimir Putin": 3, "Putin": 1}
        assert aliases(s, "Vladimir Putin") == {"Putin", "Vladimir Putin"}       # rich() says "Putin" too
        assert [r["text"] for r in s.speaker("Putin")["statements"]][0] == "talks would go on"
        assert s.speaker("Putin")["statement_count"] == 4
        assert s.statements(search="border")[0]["speaker_name"] == "Vladimir Putin"
        assert s.save(rich()) is False                      # still the same record
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert conn.execute("SELECT id, ingested_at, record FROM articles ORDER BY id").fetchall() == before
        assert conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 4
        assert conn.execute("SELECT count(*) FROM amounts").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM dates").fetchone()[0] == 2
        assert conn.execute("SELECT count(*) FROM statements WHERE speaker_id IS NULL").fetchone()[0] == 0
    check_integrity(path)


def test_upgraded_database_equals_one_saved_fresh(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    articles = [said("Putin", "talks would go on"), rich(), said("Boris Johnson", "the vote would pass")]
    make_v1(old, articles)
    Store(old).close()
    with Store(new) as s:
        for art in articles:
            s.save(art)
    assert portable(old) == portable(new)


def portable(path: Path) -> dict[str, list[tuple]]:
    """The rows that do not depend on when or in what order rows were written: no
    ``ingested_at``, statements by (article, sid) rather than rowid."""
    rows = dump(path)
    with sqlite3.connect(path) as conn:
        rows["statements"] = conn.execute(
            'SELECT article_id, sid, kind, text, start, "end", cue, speaker_name, speaker_mention, '
            "confidence, speaker_id FROM statements ORDER BY article_id, sid").fetchall()
        rows["statement_speakers"] = conn.execute(
            "SELECT s.article_id, s.sid, l.speaker_id, l.position FROM statement_speakers AS l "
            "JOIN statements AS s ON s.id = l.statement_id ORDER BY 1, 2, 3").fetchall()
    rows["articles"] = [row[:-1] for row in rows["articles"]]
    return rows


def test_empty_v1_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    make_v1(path, [])
    with Store(path) as s:
        assert s.counts() == {"articles": 0, "statements": 0, "entities": 0, "speakers": 0, "sites": 0}
        assert s.save(rich()) is True
    check_integrity(path)
