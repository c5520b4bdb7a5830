"""The totals kept for each speaker (``speaker_totals``) always equal a count over the stored
rows: after saves, after an article is replaced by a new analysis, after re-projection and
after the upgrade that adds them; and the speaker views read them."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from onrecord.model import Entity
from onrecord.store import Store
from onrecord.store.writing import reproject_all

from store.kit import Quote, article, rich, span
from store.versions import rewriting, strip_v5, strip_v9

# The totals, counted from the links, statements, entities and mentions themselves.
COUNTED_SPEAKERS = """
SELECT p.id, count(l.statement_id), count(DISTINCT s.article_id) FROM speakers AS p
LEFT JOIN statement_speakers AS l ON l.speaker_id = p.id LEFT JOIN statements AS s ON s.id = l.statement_id
GROUP BY p.id ORDER BY p.id
"""
COUNTED_ARTICLES = """
SELECT l.speaker_id, s.article_id, count(*), a.published FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id JOIN articles AS a ON a.id = s.article_id
GROUP BY 1, 2 ORDER BY 1, 2
"""
COUNTED_ENTITIES = """
SELECT sa.speaker_id, e.name, e.type, count(DISTINCT e.article_id),
       sum((SELECT count(*) FROM mentions AS m WHERE m.article_id = e.article_id AND m.eid = e.eid))
FROM (SELECT DISTINCT l.speaker_id, s.article_id FROM statement_speakers AS l
      JOIN statements AS s ON s.id = l.statement_id) AS sa
JOIN entities AS e ON e.article_id = sa.article_id GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
"""
KEPT_SPEAKERS = "SELECT id, statement_count, article_count FROM speakers ORDER BY id"
KEPT_ARTICLES = "SELECT speaker_id, article_id, statements, published FROM speaker_articles ORDER BY 1, 2"
KEPT_ENTITIES = "SELECT speaker_id, name, type, articles, mentions FROM speaker_entities ORDER BY 1, 2, 3"
COUNTED_MONTHS = """
SELECT l.speaker_id, substr(a.published, 1, 7), count(*) FROM statement_speakers AS l
JOIN statements AS s ON s.id = l.statement_id JOIN articles AS a ON a.id = s.article_id
WHERE a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""
KEPT_MONTHS = "SELECT speaker_id, period, statements FROM speaker_months ORDER BY 1, 2"
COUNTED_QUOTES = """
SELECT s.quote_id, l.speaker_id, count(*) FROM statements AS s JOIN statement_speakers AS l ON l.statement_id = s.id
WHERE s.quote_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""
KEPT_QUOTES = "SELECT quote_id, speaker_id, statements FROM quote_speakers ORDER BY 1, 2"
COUNTED_TOPICS = """
SELECT l.topic_id, x.speaker_id, count(*) FROM statement_topics AS l
JOIN statement_speakers AS x ON x.statement_id = l.statement_id GROUP BY 1, 2 ORDER BY 1, 2
"""
KEPT_TOPICS = "SELECT topic_id, speaker_id, statements FROM topic_speakers ORDER BY 1, 2"


def assert_totals_match(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        for kept, counted in ((KEPT_SPEAKERS, COUNTED_SPEAKERS), (KEPT_ARTICLES, COUNTED_ARTICLES),
                              (KEPT_ENTITIES, COUNTED_ENTITIES), (KEPT_MONTHS, COUNTED_MONTHS),
                              (KEPT_QUOTES, COUNTED_QUOTES), (KEPT_TOPICS, COUNTED_TOPICS)):
            assert conn.execute(kept).fetchall() == conn.execute(counted).fetchall(), kept


def three_articles():
    first = article(Quote("Olaf Scholz", "the sanctions were ready"), Quote("Olaf Scholz", "talks would fail"),
                    Quote("Ursula von der Leyen", "the union stood together"), published="2022-01-30")
    second = article(Quote("Olaf Scholz", "gas would keep flowing"), published="2022-02-14", tail="More.")
    third = article(Quote("Olaf Scholz", "nothing was decided"), tail="Undated.")
    return first, second, third


def stored(path: Path, *articles) -> Path:
    """The store at ``path`` with ``articles`` saved, in order."""
    with Store(path) as store:
        for a in articles:
            store.save(a)
    return path


def test_saving_articles_keeps_every_total_equal_to_its_count(tmp_path: Path) -> None:
    path = stored(tmp_path / "s.db", *three_articles(), rich())
    assert_totals_match(path)
    with sqlite3.connect(path) as conn:
        (n, articles), = conn.execute("SELECT statement_count, article_count FROM speakers "
                                      "WHERE name = 'Olaf Scholz'").fetchall()
    assert (n, articles) == (4, 3)


def test_a_new_analysis_of_an_article_takes_its_old_counts_away(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first, second, _ = three_articles()
    with Store(path) as store:
        store.save(first)
        store.save(second)
        # The same text, now read as one statement of another speaker, with one entity more.
        statement = replace(first.statements[0], speaker=replace(first.statements[0].speaker, name="Annalena Baerbock"))
        extra = Entity("e9", "Kyiv", "GPE", (span(first.text, "sanctions"),))
        store.save(replace(first, statements=(statement,), entities=(*first.entities, extra),
                           published="2022-03-05"))           # (its month moves too)
    assert_totals_match(path)
    with sqlite3.connect(path) as conn:
        rows = dict(conn.execute("SELECT name, statement_count FROM speakers").fetchall())
    assert rows == {"Olaf Scholz": 1, "Annalena Baerbock": 1}


def test_re_projecting_every_article_counts_them_once(tmp_path: Path) -> None:
    path = stored(tmp_path / "s.db", *three_articles())
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        reproject_all(conn)
        conn.execute("COMMIT")
    assert_totals_match(path)


def test_the_upgrade_counts_the_totals_of_what_is_stored(tmp_path: Path) -> None:
    path = stored(tmp_path / "s.db", *three_articles(), rich())
    with Store(path) as store:
        before = store.speakers(), store.counts()
    with rewriting(path) as conn:
        strip_v9(conn)
    with Store(path) as store:
        assert (store.speakers(), store.counts()) == before
    assert_totals_match(path)


def test_an_upgrade_that_links_every_speaker_again_counts_them_once(tmp_path: Path) -> None:
    path = stored(tmp_path / "s.db", *three_articles(), rich())
    with rewriting(path) as conn:
        strip_v5(conn)              # to v4: the upgrade derives speakers and links anew
    Store(path).close()
    assert_totals_match(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT sum(statement_count) FROM speakers").fetchone()[0] == 8   # 3 + 1 + 1 + 3


def test_a_speaker_page_reads_its_totals(tmp_path: Path) -> None:
    with Store(stored(tmp_path / "s.db", *three_articles())) as store:
        (scholz,) = [row for row in store.speakers() if row["name"] == "Olaf Scholz"]
        found = store.speaker(scholz["id"])
    assert found is not None
    assert (found["statement_count"], found["article_count"]) == (4, 3)
    assert (found["first_published"], found["last_published"]) == ("2022-01-30", "2022-02-14")
    assert found["timeline"] == [{"period": "2022-01", "statements": 2}, {"period": "2022-02", "statements": 1}]
    # Von der Leyen is named in one of Scholz's three articles, once; his own name is left out.
    assert found["entities"] == [{"name": "Ursula von der Leyen", "type": "PERSON", "articles": 1, "mentions": 1}]


def test_the_speaker_list_ranks_by_the_kept_counts(tmp_path: Path) -> None:
    with Store(stored(tmp_path / "s.db", *three_articles())) as store:
        rows = store.speakers()
    assert [(r["name"], r["statement_count"], r["article_count"]) for r in rows] == [
        ("Olaf Scholz", 4, 3), ("Ursula von der Leyen", 1, 1)]


def test_the_store_totals_follow_saves_and_new_analyses(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first, second, third = three_articles()
    with Store(path) as store:
        store.save(replace(first, site="a.example"))
        store.save(replace(second, site="b.example"))
        store.save(third)                                   # no site: counts no site
        # a new analysis of the first, fewer statements, read at another site
        store.save(replace(first, site="c.example", statements=first.statements[:1]))
        counts = store.counts()
    with sqlite3.connect(path) as conn:
        counted = conn.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM statements), "
            "(SELECT count(*) FROM entities), (SELECT count(*) FROM speakers), "
            "(SELECT count(DISTINCT site) FROM articles)").fetchone()
    assert tuple(counts[k] for k in ("articles", "statements", "entities", "speakers", "sites")) == counted
    assert counted[:2] == (3, 3)
