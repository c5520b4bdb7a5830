"""topics, events, claims and the digest of a topic or an event, through the CLI and the
library: hand-written records in a store; every problem one ``onrecord: SUBJECT: reason``
line with exit status 1."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from onrecord import api
from onrecord.claims import ClaimGroup
from onrecord.errors import InputError
from onrecord.store import Store
from store.subjects import all_subjects, alliance, moscow_talks

from clirun import one_model, run  # noqa: F401  (one_model is an autouse fixture)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "subjects.db"
    with Store(path) as store:
        store.save_many(all_subjects())
    return path


def jsonl(result: Result) -> list[dict]:
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def one_error(result: Result, expected: str) -> None:
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"onrecord: {expected}"]


def meeting_id(db: Path) -> int:
    return api.events(db, type="meeting")["items"][0]["id"]


def test_topics_most_discussed_first(db: Path) -> None:
    rows = jsonl(run("topics", "--db", db, "--format", "jsonl"))
    assert [(r["key"], r["statement_count"]) for r in rows] == [("nato", 2), ("ukraine", 2), ("russia", 1)]
    assert [r["key"] for r in jsonl(run("topics", "--search", "alliance", "--db", db))] == ["nato"]
    table = run("topics", "--db", db, "--format", "table")
    assert table.exit_code == 0 and "NATO" in table.stdout and "3 topics" in table.stdout


def test_one_topic_and_statements_by_topic(db: Path) -> None:
    found = json.loads(run("topic", "the North Atlantic Alliance", "--db", db, "--format", "json").stdout)
    assert found["key"] == "nato" and found["names"] == ["NATO", "the North Atlantic Alliance"]
    rows = jsonl(run("statements", "--topic", "NATO", "--speaker", "Stoltenberg", "--db", db))
    assert [r["text"] for r in rows] == ["NATO would not send troops to Ukraine"]
    assert jsonl(run("statements", "--topic", "nowhere", "--db", db)) == []
    exported = jsonl(run("export", "--topic", "ukraine", "--db", db))
    assert [r["speaker_name"] for r in exported] == ["Jens Stoltenberg", "Olaf Scholz"]
    one_error(run("topic", "nowhere", "--db", db), "nowhere: no such topic in the store (see `onrecord topics`)")


def test_events_and_one_event(db: Path) -> None:
    rows = jsonl(run("events", "--db", db))
    assert [(r["type"], r["article_count"]) for r in rows] == [("visit", 1), ("meeting", 2)]
    assert [r["type"] for r in jsonl(run("events", "--participant", "Putin", "--db", db))] == ["meeting"]
    assert [r["type"] for r in jsonl(run("events", "--type", "visit", "--db", db))] == ["visit"]
    assert jsonl(run("events", "--since", "2022-02-09", "--until", "2022-02-10", "--db", db))[0]["type"] == "visit"
    reports = jsonl(run("event", str(meeting_id(db)), "--db", db))
    assert [r["site"] for r in reports] == ["alpha.example", "beta.example"]
    table = run("event", str(meeting_id(db)), "--db", db, "--format", "table")
    assert "Emmanuel Macron met Vladimir Putin in Moscow on Monday." in table.stdout
    one_error(run("event", "99999", "--db", db), "99999: no such event in the store (see `onrecord events`)")
    one_error(run("events", "--since", "soon", "--db", db), "--since: not an ISO date (YYYY-MM-DD): 'soon'")


def test_claims_side_by_side(db: Path) -> None:
    (group,) = jsonl(run("claims", "--about", "Russia", "--db", db))
    assert group["quantity"] == "troops" and group["verdict"] == "disagree"
    assert [(c["claimant"], c["text"]) for c in group["claims"]] == [
        ("Vladimir Putin", "100,000 troops"), ("beta.example", "more than 130,000 soldiers")]
    table = run("claims", "--db", db, "--format", "table")
    assert table.exit_code == 0 and "DISAGREE" in table.stdout and "Olaf Scholz" in table.stdout
    assert jsonl(run("claims", "--about", "Belarus", "--db", db)) == []
    one_error(run("claims", "--db", db.parent / "none.db"),
              f"{db.parent / 'none.db'}: no such database (create it with `onrecord ingest`)")


def test_digest_of_a_topic_and_of_an_event(db: Path) -> None:
    by_topic = json.loads(run("digest", "--topic", "the North Atlantic Alliance", "--db", db, "--format", "json").stdout)
    assert by_topic["title"] == "NATO"
    assert {l["speaker"] for s in by_topic["sections"] for l in s["lines"]} == {"Jens Stoltenberg", "Olaf Scholz"}
    by_event = run("digest", "--event", str(meeting_id(db)), "--db", db)
    assert by_event.exit_code == 0
    assert by_event.stdout.startswith("# Meeting: Vladimir Putin and Emmanuel Macron, 2022-02-07")
    assert "Russia had 100,000 troops near the border" in by_event.stdout
    assert "Olaf Scholz will visit Kyiv" not in by_event.stdout                 # another article's event
    one_error(run("digest", "--topic", "nowhere", "--db", db), "nowhere: no such topic in the store (see `onrecord topics`)")
    one_error(run("digest", "--event", "99999", "--db", db), "99999: no such event in the store (see `onrecord events`)")
    one_error(run("digest", "--topic", "nato", "--speaker", "Scholz", "--db", db),
              "digest: give only one of an article, --speaker, --topic and --event")


# -- the library -------------------------------------------------------------------------------

def test_library_calls(db: Path) -> None:
    assert api.topic(db, "NATO")["statement_count"] == 2
    assert [r["speaker_name"] for r in api.statements(db, topic="nato")] == ["Jens Stoltenberg", "Olaf Scholz"]
    assert api.event(db, meeting_id(db))["article_count"] == 2
    groups = api.claims(db)
    assert all(isinstance(g, ClaimGroup) for g in groups) and groups[0].verdict == "disagree"
    assert {c.about_key for c in groups[0].claims} == {"russia", "ukraine"}
    assert api.claims(db, about="Ukraine", min_claims=1)[0].claims[0].claimed_by == "Olaf Scholz"
    digest = api.digest(db, event=meeting_id(db))
    assert {e.evidence for e in digest.events} == {moscow_talks().events[0].text, alliance().events[0].text}
    assert api.digest(db, alliance().id).title == "Alliance holds"               # a stored article by id
    with pytest.raises(InputError, match="no such event"):
        api.event(db, 12345)
    with pytest.raises(InputError, match="give one article"):
        api.digest(db)
