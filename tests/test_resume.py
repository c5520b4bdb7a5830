"""A real ingest run killed with SIGKILL, then started again: every article stored once."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from articles import REPO

PLACES = ["Vigo", "Kiel", "Bergen", "Cork", "Gdansk", "Porto", "Brest", "Aarhus"]
TOPICS = ["ferry", "harbour", "bridge", "school", "rail line", "fish market"]


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for k in range(n):
        place, topic = PLACES[k % len(PLACES)], TOPICS[k % len(TOPICS)]
        (folder / f"a{k:03d}.txt").write_text(
            f"{place} council debates the {topic}\n\n"
            f"Mayor Ana Ruiz said that the {topic} in {place} would reopen in week {k}.\n\n"
            f'"We have waited {k + 2} years for this," Councillor Marek Hale told the meeting.\n',
            encoding="utf-8")


def count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0                                   # the schema is not there yet


def ingest(folder: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "onrecord", "ingest", str(folder), "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_kill_minus_nine_then_resume(tmp_path):
    folder, db, n = tmp_path / "in", tmp_path / "store.db", 80
    write_articles(folder, n)
    run = ingest(folder, db)
    deadline = time.time() + 120
    while count(db) < 3 and run.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert run.poll() is None, "the run ended before it could be killed: give it more articles"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    killed_at = count(db)
    assert 3 <= killed_at < n

    again = ingest(folder, db)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert f"{n - killed_at} article(s) saved" in err and f"{killed_at} already stored" in err

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id, source, record FROM articles").fetchall()
        stored = {aid: conn.execute("SELECT count(*) FROM statements WHERE article_id = ?", (aid,)).fetchone()[0]
                  for aid, _, _ in rows}
    assert len(rows) == n and len({source for _, source, _ in rows}) == n      # each once, none lost
    for aid, _, record in rows:                                                 # none half-written
        assert stored[aid] == len(json.loads(record)["statements"]) > 0
