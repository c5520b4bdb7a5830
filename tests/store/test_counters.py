"""The counters kept on quotes, topics and event groups: added to as articles are saved, and
recounted for the rows an article named when it is replaced. They must always equal a full
recount, and saving one more article must not read every row of the topics it names."""
from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

from onrecord.model import Article, DateRef, Entity, Event, Topic
from onrecord.store import Store
from onrecord.store import events, quotes, topics

from store.kit import Quote, article, check_integrity
from store.subjects import Text, alliance, kyiv_visit, moscow_talks

_TABLES = {"quotes": quotes.refresh, "topics": topics.refresh, "event_groups": events.refresh}


def counters(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {table: [tuple(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
            for table in _TABLES}


def assert_counted(path: Path) -> None:
    """The stored counters are what recounting every quote, topic and event group gives."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        kept = counters(conn)
        conn.execute("BEGIN")
        for table, refresh in _TABLES.items():
            refresh(conn, [row[0] for row in conn.execute(f"SELECT id FROM {table}")])
        assert counters(conn) == kept
        conn.execute("ROLLBACK")
    finally:
        conn.close()
    check_integrity(path)


def variant(base: Article, tail: str, published: str | None, status: str | None = None) -> Article:
    """Another article (another text, so another id) naming the same topics and events."""
    evs = base.events if status is None else tuple(dataclasses.replace(e, status=status) for e in base.events)
    return dataclasses.replace(base, text=base.text + tail, source=f"{base.source}/{len(tail)}",
                               published=published, events=evs)


def quoting(published: str | None, tail: str) -> Article:
    return dataclasses.replace(article(Quote("Vladimir Putin", "we will not accept this ever", kind="direct"),
                                       Quote("Vladimir Putin", "we will not accept this ever", kind="direct"),
                                       tail=tail, published=published), source=f"quote{tail}")


def reanalysed(talks: Article) -> Article:
    """Topics dropped and one added; its meeting now only planned."""
    minsk = Topic("t4", "minsk", "Minsk", ())
    return dataclasses.replace(
        talks, topics=(talks.topics[0], minsk),
        statements=tuple(dataclasses.replace(s, topics=("t1", "t4") if s.id == "s1" else ("t4",))
                         for s in talks.statements),
        events=tuple(dataclasses.replace(e, status="planned") for e in talks.events))


def test_counters_equal_a_full_recount_through_adds_reanalysis_and_replacement(tmp_path: Path) -> None:
    path = tmp_path / "counted.db"
    with Store(path) as store:
        store.save_many([
            quoting("2022-02-01", ""), moscow_talks(), kyiv_visit(),
            variant(moscow_talks(), " More to come.", None, status="planned"),
            variant(alliance(), " Later.", "2022-03-01"), alliance(),
            quoting(None, "Again."), quoting("2022-01-05", "Earlier."),
        ])
        assert_counted(path)
        nato = store.topic("nato")
        assert (nato["statement_count"], nato["article_count"]) == (4, 4)
        assert (nato["first_seen"], nato["last_seen"]) == ("2022-02-07", "2022-03-01")
        assert store.topic("russia")["article_count"] == 4
        assert store.quotes()["items"][0]["statement_count"] == 6
        assert store.quotes()["items"][0]["first_seen"] == "2022-01-05"

        # A re-analysis of the same text: other topics, the meeting only planned.
        assert store.save(reanalysed(moscow_talks()))
        assert_counted(path)
        assert store.topic("minsk")["statement_count"] == 2
        assert store.topic("russia")["article_count"] == 3

        # The same text and source, with another date and without its quotes.
        assert store.save(dataclasses.replace(alliance(), published="2021-12-31"))
        assert store.save(dataclasses.replace(quoting("2022-01-05", "Earlier."), statements=(),
                                              entities=()))
        assert_counted(path)
        assert store.topic("nato")["first_seen"] == "2021-12-31"
        assert store.quotes()["items"][0]["first_seen"] == "2022-02-01"

        # A copy from elsewhere changes no counter; an article added after replacements adds.
        assert not store.save(dataclasses.replace(kyiv_visit(), source="https://delta.example/kyiv"))
        store.save(variant(kyiv_visit(), " Update.", "2022-02-11"))
        assert_counted(path)
        assert store.topic("ukraine")["last_seen"] == "2022-02-11"


def test_a_repeated_topic_id_is_counted_as_linked(tmp_path: Path) -> None:
    path = tmp_path / "repeated.db"
    talks = moscow_talks()
    repeated = (*talks.topics, Topic("t1", "belarus", "Belarus", ()))
    with Store(path) as store:
        store.save(dataclasses.replace(talks, topics=repeated))
        assert_counted(path)
        assert store.topic("belarus") is None and store.topic("nato")["article_count"] == 1
        # Replaced by a record whose repeated id now shadows a topic the article did not name.
        store.save(dataclasses.replace(talks, topics=(Topic("t1", "minsk", "Minsk", ()), *repeated[1:])))
        assert_counted(path)
        assert store.topic("minsk")["article_count"] == 1


# -- cost --------------------------------------------------------------------------------------

def shared(n: int) -> Article:
    """Article ``n`` of many naming the same two topics, quote and meeting."""
    t = Text("Jens Stoltenberg said that NATO would not send troops to Ukraine.",
             '"We will never accept this at all," Jens Stoltenberg said.',
             "Jens Stoltenberg met Olaf Scholz in Berlin on May 2.", f"Item {n} follows.")
    text, start, end = t.sentence("Jens Stoltenberg met")
    return Article(
        text=t.text, source=f"https://x.example/{n}", published=f"2022-{1 + n % 12:02d}-1{n % 10}",
        statements=(t.statement("s1", "Jens Stoltenberg", "NATO would not send troops to Ukraine", topics=("t1", "t2")),
                    t.statement("s2", "Jens Stoltenberg", "We will never accept this at all", kind="direct",
                                topics=("t1",))),
        entities=(Entity("e1", "Jens Stoltenberg", "PERSON", (t.at("Jens Stoltenberg"),)),),
        topics=(t.topic("t1", "nato", "NATO", "NATO"), t.topic("t2", "ukraine", "Ukraine", "Ukraine")),
        events=(Event("v1", "meeting", text, start, end, trigger=t.at("met"),
                      participants=("Jens Stoltenberg", "Olaf Scholz"), place=t.at("Berlin"),
                      date=DateRef("May 2", t.at("May 2").start, t.at("May 2").end, value="2022-05-02")),))


def work(store: Store, item: Article) -> int:
    """SQLite virtual machine steps that saving ``item`` takes (the handler's count restarts
    with every statement, so it is called at every step)."""
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    conn = store._connection()
    conn.set_progress_handler(tick, 1)
    try:
        assert store.save(item)
    finally:
        conn.set_progress_handler(None, 0)
    return steps


def test_saving_does_not_slow_down_as_its_topics_grow(tmp_path: Path) -> None:
    path = tmp_path / "grown.db"
    with Store(path) as store:
        store.save_many(shared(n) for n in range(50))
        small = work(store, shared(50))
        store.save_many(shared(n) for n in range(51, 1000))
        large = work(store, shared(1000))
        assert store.topic("nato")["article_count"] == 1001
        assert_counted(path)
    # Twenty times the articles per topic; the save may grow with index depth, not with them.
    assert large < 2 * small, (small, large)


def test_a_page_of_events_reads_the_date_index(tmp_path: Path) -> None:
    """The events listing is sorted by the index, not by a sort of every event group."""
    plans: list[str] = []
    with Store(tmp_path / "plan.db") as store:
        store.save_many([moscow_talks(), alliance(), kyiv_visit()])
        conn = store._connection()
        conn.set_trace_callback(plans.append)
        try:
            first = store.events(limit=1)
        finally:
            conn.set_trace_callback(None)
        sql = next(s for s in plans if "FROM event_groups AS g" in s and "ORDER BY" in s)
        # The outer query's steps only: the first report's subquery sorts its own few rows.
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql) if row[1] == 0)
        assert "USING INDEX event_groups_date" in plan and "TEMP B-TREE" not in plan, plan
        assert store.events(cursor=first["next_cursor"])["items"]
