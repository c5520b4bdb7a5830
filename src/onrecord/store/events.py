"""Events across articles: meetings, visits, calls and talks, each article's report of one.

Every ``Event`` of a record is a row of ``events`` (its evidence sentence, trigger, place,
date, status and participants). Reports of the same type, between the same participants
(their names folded as speaker names are) on the same date value are one event: a row of
``event_groups`` that ``onrecord event ID`` and ``/events/{id}`` show with every report. A
report without a date value, or naming nobody, is too vague to be matched with another: it is
an event of its own. A planned and a held report of one meeting are one event; the group is
held once any report says so.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.model import Article, Event
from onrecord.store.queries import decode_cursor, encode_cursor, iso_date, page_size, storable
from onrecord.store.counters import recount
from onrecord.store.rows import DateSpan, EventDetail, EventReport, EventRow, Span
from onrecord.keys import name_key

TYPES = ("meeting", "visit", "call", "talks")

_INSERT = """
INSERT INTO events (article_id, vid, group_id, type, status, text, start, "end", trigger, trigger_start,
    trigger_end, place, place_start, place_end, date_text, date_value, date_resolution, participants)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def group_key(article_id: str, event: Event) -> str:
    """What makes two reports one event: type, the set of participants, the date value."""
    names = sorted({key for key in (name_key(p) for p in event.participants) if key})
    date = event.date.value if event.date is not None else None
    if not names or not date:
        return f"{event.type}|article {article_id} {event.id}"
    return f"{event.type}|{';'.join(names)}|{date}"


def _group_of(conn: sqlite3.Connection, article_id: str, event: Event) -> int:
    key = group_key(article_id, event)
    row = conn.execute("SELECT id FROM event_groups WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return row[0]
    date = event.date.value if event.date is not None else None
    # lastrowid is typed optional, but an INSERT that ran has always set it
    return cast(int, conn.execute(
        "INSERT INTO event_groups (key, type, participants, date, status) VALUES (?, ?, ?, ?, ?)",
        (key, event.type, _json(list(event.participants)), date, event.status)).lastrowid)


def project_events(conn: sqlite3.Connection, article: Article) -> list[int]:
    """Insert the events of ``article`` and their participants; the group ids touched."""
    groups = []
    for e in article.events:
        gid = _group_of(conn, article.id, e)
        groups.append(gid)
        t, p, d = e.trigger, e.place, e.date
        rowid = conn.execute(_INSERT, (
            article.id, e.id, gid, e.type, e.status, e.text, e.start, e.end,
            t and t.text, t and t.start, t and t.end, p and p.text, p and p.start, p and p.end,
            d and d.text, d and d.value, d and d.resolution, _json(list(e.participants)))).lastrowid
        conn.executemany("INSERT INTO event_participants (event_id, position, name, key) VALUES (?, ?, ?, ?)",
                         [(rowid, n, name, name_key(name)) for n, name in enumerate(e.participants)])
    return groups


_REFRESH = """
UPDATE event_groups SET
    article_count = (SELECT count(DISTINCT article_id) FROM events WHERE group_id = event_groups.id),
    first_seen = (SELECT min(a.published) FROM events AS e JOIN articles AS a ON a.id = e.article_id
                  WHERE e.group_id = event_groups.id),
    status = (SELECT CASE WHEN max(e.status = 'held') THEN 'held' ELSE 'planned' END
              FROM events AS e WHERE e.group_id = event_groups.id)
WHERE id = ?
"""


# One newly projected article's reports counted into their groups, as _REFRESH would count them.
_ADD = """
UPDATE event_groups SET
    article_count = article_count + 1,
    first_seen = CASE WHEN :published IS NULL THEN first_seen
                      WHEN first_seen IS NULL OR :published < first_seen THEN :published
                      ELSE first_seen END,
    status = CASE WHEN status = 'held' OR :held THEN 'held' ELSE 'planned' END
WHERE id = :id
"""


def refresh(conn: sqlite3.Connection, ids: Iterable[int | None]) -> None:
    """Recount the groups ``ids``; those no article reports any more are deleted.

    Reads every report of each group: for an article replaced, not for one added (``add``)."""
    recount(conn, _REFRESH, "event_groups", "article_count", ids)


def add(conn: sqlite3.Connection, article_id: str, published: str | None) -> None:
    """Count the newly projected article ``article_id`` (none of whose reports were counted
    before; ``published``: its stored date) into its groups, as ``refresh`` would, without
    reading the groups' other reports."""
    held: dict[int, bool] = {}
    for gid, status in conn.execute("SELECT group_id, status FROM events WHERE article_id = ? "
                                    "AND group_id IS NOT NULL", (article_id,)).fetchall():
        held[gid] = held.get(gid, False) or status == "held"
    conn.executemany(_ADD, [{"id": gid, "held": is_held, "published": published}
                            for gid, is_held in held.items()])


def groups_of(conn: sqlite3.Connection, article_id: str) -> list[int]:
    return [row[0] for row in conn.execute(
        "SELECT DISTINCT group_id FROM events WHERE article_id = ? AND group_id IS NOT NULL", (article_id,))]


# -- reading -----------------------------------------------------------------------------------

# "when" sorts an event: its date, else the day it was first reported. The first report is
# the first stored of those whose article is dated ``first_seen`` (the earliest date of its
# reports), else, when none is dated, the first stored: looked for in stored order, that
# stops at the first such report instead of reading every report's article to sort them.
_GROUP_COLUMNS = """
SELECT g.id, g.type, g.participants, g.date, g.status, g.first_seen, g.article_count,
       coalesce(g.date, substr(g.first_seen, 1, 10)) AS "when",
       (SELECT e.place FROM events AS e WHERE e.group_id = g.id AND e.place IS NOT NULL
        ORDER BY e.id LIMIT 1) AS place,
       (SELECT json_object('article_id', e.article_id, 'vid', e.vid, 'text', e.text, 'title', a.title,
                           'site', a.site, 'published', a.published)
        FROM events AS e JOIN articles AS a ON a.id = e.article_id
        WHERE e.group_id = g.id AND (a.published = g.first_seen OR g.first_seen IS NULL)
        ORDER BY e.id LIMIT 1) AS first_report
FROM event_groups AS g
"""

_REPORTS = """
SELECT e.article_id, a.title, a.site, a.published, a.source, e.vid, e.type, e.status, e.text, e.start,
       e."end", e.trigger, e.trigger_start, e.trigger_end, e.place, e.place_start, e.place_end,
       e.date_text, e.date_value, e.date_resolution, e.participants
FROM events AS e JOIN articles AS a ON a.id = e.article_id
WHERE e.group_id = ?
ORDER BY coalesce(a.published, '9999'), a.id, e.start
LIMIT ?
"""


def event_rows(conn: sqlite3.Connection, q: str | None, type: str | None, participant: str | None,
               since: Any, until: Any, limit: int, cursor: str | None) -> tuple[list[EventRow], str | None]:
    """One page of events, newest first (by date, else first report; undated last)."""
    size = page_size(limit)
    first, last = iso_date("since", since), iso_date("until", until)
    if first and last and first > last:
        raise InputError("since", f"{first} is after until {last}")
    if type is not None and type not in TYPES:
        raise InputError("type", f"not one of {', '.join(TYPES)}: {type!r}")
    params: dict[str, Any] = {"limit": size + 1}
    where: list[str] = []
    when = "coalesce(g.date, substr(g.first_seen, 1, 10))"
    if type is not None:
        params["type"] = type
        where.append("g.type = :type")
    if participant is not None and participant.strip():
        key = name_key(participant)
        if not key:
            return [], None
        # the name's words, consecutive, in a participant's name: "putin" finds Vladimir Putin
        params["participant"] = "% " + key.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + " %"
        where.append("g.id IN (SELECT e.group_id FROM events AS e JOIN event_participants AS p "
                     "ON p.event_id = e.id WHERE ' ' || p.key || ' ' LIKE :participant ESCAPE '\\')")
    if q is not None and q.strip():
        words = q.split()
        each = []
        for n, word in enumerate(words):
            params[f"q{n}"] = "%" + word.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
            each.append(f"(e.text LIKE :q{n} ESCAPE '\\' OR e.place LIKE :q{n} ESCAPE '\\' "
                        f"OR e.participants LIKE :q{n} ESCAPE '\\')")
        where.append(f"g.id IN (SELECT e.group_id FROM events AS e WHERE {' AND '.join(each)})")
    if first:
        params["since"] = first
        where.append(f"{when} >= :since")
    if last:
        params["until"] = last
        where.append(f"substr({when}, 1, 10) <= :until")
    # As the index event_groups_date has it (schema v4): change one, change the other.
    order = f"({when} IS NOT NULL) DESC, coalesce({when}, '') DESC, g.id DESC"
    if cursor is not None:
        flag, at, gid = decode_cursor(cursor, "events", "desc", (int, str, int))
        where.append(f"(({when} IS NOT NULL), coalesce({when}, ''), g.id) < (:c0, :c1, :c2)")
        params.update(c0=flag, c1=at, c2=gid)
    sql = f"{_GROUP_COLUMNS} WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT :limit"
    rows = [_group(row) for row in conn.execute(sql, params)]
    more = len(rows) > size
    rows = rows[:size]
    after = None
    if more:
        tail = rows[-1]
        after = encode_cursor("events", "desc", [int(tail["when"] is not None), tail["when"] or "", tail["id"]])
    return rows, after


def event_detail(conn: sqlite3.Connection, gid: int, limit: int) -> EventDetail | None:
    """One event with its reports (oldest first, at most ``limit``; ``report_count`` of them
    in all), each with its article."""
    if isinstance(gid, bool) or not isinstance(gid, int):
        raise InputError("event", f"not an event id: {gid!r}")
    if not storable(gid):
        return None
    row = conn.execute(f"{_GROUP_COLUMNS} WHERE g.id = ?", (gid,)).fetchone()
    if row is None:
        return None
    out = cast(EventDetail, _group(row))            # given ``reports``, which EventRow lacks, below
    out["reports"] = [_report(r) for r in conn.execute(_REPORTS, (gid, page_size(limit)))]
    out["report_count"] = conn.execute("SELECT count(*) FROM events WHERE group_id = ?", (gid,)).fetchone()[0]
    return out


def _group(row: sqlite3.Row) -> EventRow:
    out = dict(row)
    out["participants"] = json.loads(out["participants"] or "[]")
    out["first_report"] = json.loads(out["first_report"]) if out["first_report"] else None
    return cast(EventRow, out)                     # the columns of _GROUP_COLUMNS


def _span(text: str | None, start: int | None, end: int | None) -> Span | None:
    return None if text is None else {"text": text, "start": start, "end": end}


def _report(row: sqlite3.Row) -> EventReport:
    r = dict(row)
    date: DateSpan | None = None
    if r["date_text"] is not None:
        date = {"text": r["date_text"], "value": r["date_value"], "resolution": r["date_resolution"]}
    return {
        "article_id": r["article_id"], "title": r["title"], "site": r["site"], "published": r["published"],
        "source": r["source"], "vid": r["vid"], "type": r["type"], "status": r["status"], "text": r["text"],
        "start": r["start"], "end": r["end"],
        "trigger": _span(r["trigger"], r["trigger_start"], r["trigger_end"]),
        "place": _span(r["place"], r["place_start"], r["place_end"]),
        "date": date, "participants": json.loads(r["participants"] or "[]"),
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


__all__ = ["TYPES", "add", "event_detail", "event_rows", "group_key", "groups_of", "project_events", "refresh"]
