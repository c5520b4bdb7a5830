"""One topic's timeline, speakers and first statements, as its page shows them."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from onrecord.store import Store

from store.subjects import Text, alliance, moscow_talks


def later_on_nato() -> list:
    """Two statements on NATO in one March article, by Scholz and Stoltenberg."""
    t = Text("Olaf Scholz said that NATO was united.", "Jens Stoltenberg said that NATO would grow.")
    return dataclasses.replace(
        alliance(), text=t.text, published="2022-03-01", source="https://beta.example/march", events=(), amounts=(),
        entities=(), statements=(t.statement("s1", "Olaf Scholz", "NATO was united", topics=("t1",)),
                                 t.statement("s2", "Jens Stoltenberg", "NATO would grow", topics=("t1",))),
        topics=(t.topic("t1", "nato", "NATO", "NATO"),))


def test_the_timeline_counts_statements_by_month_and_speakers_by_statements(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as s:
        s.save_many([moscow_talks(), alliance(), later_on_nato()])
        nato = s.topic("nato")
    assert nato["timeline"] == [{"period": "2022-02", "statements": 2}, {"period": "2022-03", "statements": 2}]
    assert [(p["name"], p["statements"]) for p in nato["speakers"]] == [
        ("Jens Stoltenberg", 2), ("Olaf Scholz", 2)]


def test_a_topic_gives_its_first_statements_up_to_the_limit(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as s:
        s.save_many([later_on_nato(), moscow_talks(), alliance()])
        first, every = s.topic("nato", limit=2), s.topic("nato")
    assert [r["published"] for r in every["statements"]] == ["2022-02-07", "2022-02-08", "2022-03-01", "2022-03-01"]
    assert first["statements"] == every["statements"][:2] and first["statement_count"] == 4


COUNTED_MONTHS = """
SELECT l.topic_id, substr(a.published, 1, 7), count(*) FROM statement_topics AS l
JOIN statements AS s ON s.id = l.statement_id JOIN articles AS a ON a.id = s.article_id
WHERE a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
"""
KEPT_MONTHS = "SELECT topic_id, period, statements FROM topic_months ORDER BY 1, 2"


def test_the_months_and_speakers_kept_equal_a_count_after_saves_replacements_and_the_upgrade(tmp_path: Path) -> None:
    import sqlite3

    from store.versions import rewriting, strip_v9

    path = tmp_path / "t.db"
    march = later_on_nato()
    with Store(path) as s:
        s.save_many([moscow_talks(), alliance(), march])
        # a new analysis of the March article, now dated April, one statement fewer
        s.save(dataclasses.replace(march, published="2022-04-02", statements=march.statements[:1]))
        timeline = s.topic("nato")["timeline"]
    assert timeline == [{"period": "2022-02", "statements": 2}, {"period": "2022-04", "statements": 1}]
    with sqlite3.connect(path) as conn:
        assert conn.execute(KEPT_MONTHS).fetchall() == conn.execute(COUNTED_MONTHS).fetchall()
        kept = conn.execute("SELECT topic_id, speaker_id, statements FROM topic_speakers ORDER BY 1, 2").fetchall()
        assert kept and kept == conn.execute(
            "SELECT l.topic_id, x.speaker_id, count(*) FROM statement_topics AS l JOIN statement_speakers AS x "
            "ON x.statement_id = l.statement_id GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    with rewriting(path) as conn:
        strip_v9(conn)
    with Store(path) as s:
        assert s.topic("nato")["timeline"] == timeline
