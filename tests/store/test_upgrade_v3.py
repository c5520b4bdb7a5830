"""Upgrading a v2 database (speakers, no sources or quotes) in place to v3: sources, MinHash
bands and quote ids are filled in from the stored records."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from onrecord.model import Article
from onrecord.store import Store
from onrecord.store.schema import MIGRATIONS, VERSION
from onrecord.keys import name_key
from onrecord.store.speakers import Named, names_of, statement_names

from store.copies import kremlin, moscow, other, syndicated, wire
from store.kit import check_integrity, rich


def speaker_v2(conn: sqlite3.Connection, named: Named) -> int:
    """A speaker row as v2 could write it: one per name key here (v2 matched surnames too; the
    upgrade derives every speaker again at v5 either way), with its aliases."""
    key = name_key(named.name)
    row = conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
    sid = row[0] if row else conn.execute("INSERT INTO speakers (name, key, kind) VALUES (?, ?, ?)",
                                          (named.name, key, named.kind)).lastrowid
    conn.executemany("INSERT OR IGNORE INTO speaker_aliases VALUES (?, ?, ?, ?)",
                     [(sid, alias, name_key(alias), name_key(alias).split()[-1]) for alias in named.aliases])
    return sid


def save_v2(conn: sqlite3.Connection, art: Article, ingested_at: str) -> None:
    """What onrecord wrote for one article at schema v2 (no quote_id, no sources)."""
    record = json.dumps(art.to_dict(), ensure_ascii=False, separators=(",", ":"))
    conn.execute("INSERT INTO articles (id, source, title, published, site, authors, language, text, "
                 "boilerplate, record, ingested_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?, '[]', ?, ?)",
                 (art.id, art.source, art.title, art.published, art.site, art.language, art.text, record,
                  ingested_at))
    ids = {name: speaker_v2(conn, named) for name, named in names_of(art).items()}
    for s in art.statements:
        linked = list(dict.fromkeys(ids[n] for n in statement_names(s)))
        rowid = conn.execute(
            'INSERT INTO statements (article_id, sid, kind, text, start, "end", cue, speaker_name, '
            "speaker_mention, confidence, speaker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (art.id, s.id, s.kind, s.text, s.start, s.end, s.cue and s.cue.text, s.speaker.name,
             s.speaker.mention and s.speaker.mention.text, s.confidence, linked[0] if linked else None),
        ).lastrowid
        conn.executemany("INSERT INTO statement_speakers VALUES (?, ?, ?)",
                         [(rowid, sid, n) for n, sid in enumerate(linked)])
    for e in art.entities:
        conn.execute("INSERT INTO entities VALUES (?, ?, ?, ?)", (art.id, e.id, e.name, e.type))


def make_v2(path: Path, articles: list[Article]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        for migration in MIGRATIONS[:2]:
            for statement in migration:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 2")
        for n, art in enumerate(articles):
            save_v2(conn, art, f"2024-03-0{n + 1}T00:00:00+00:00")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_v2_database_is_upgraded_with_sources_bands_and_quotes(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    make_v2(path, [wire(), other(), moscow(), kremlin(), rich()])
    before = sqlite3.connect(path).execute("SELECT id, ingested_at, record FROM articles ORDER BY id").fetchall()
    with Store(path) as s:
        assert s.counts()["articles"] == 5
        assert [x["source"] for x in s.article(wire().id)["sources"]] == [wire().source]
        assert [x["text_id"] for x in s.article(rich().id)["sources"]] == [rich().id]
        quotes = s.quotes()["items"]
        assert [(q["text"], q["article_count"]) for q in quotes][0] == ("We will not accept this", 3)
        assert {q["text"] for q in quotes} == {"We will not accept this", "We have waited long enough for this"}
        # a copy arriving after the upgrade is found through the backfilled bands
        assert s.save(syndicated()) is False
        assert s.canonical(syndicated().id) == wire().id and s.has(syndicated().id)
        assert s.speaker("Putin")["statement_count"] == 5          # Vladimir Putin's 4, the Kremlin's "Putin"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 3
        assert conn.execute("SELECT id, ingested_at, record FROM articles ORDER BY id").fetchall() == before
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == 6
        assert conn.execute("SELECT count(*) FROM minhashes").fetchone()[0] == 2      # the long ones
    check_integrity(path)


def test_upgraded_quotes_and_sources_equal_a_fresh_store(tmp_path: Path) -> None:
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    articles = [wire(), moscow(), kremlin(), rich()]
    make_v2(old, articles)
    Store(old).close()
    with Store(new) as s:
        s.save_many(articles)
    assert portable(old) == portable(new)


def portable(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        return {
            "quotes": conn.execute("SELECT * FROM quotes ORDER BY id").fetchall(),
            "statements": conn.execute("SELECT article_id, sid, quote_id FROM statements ORDER BY 1, 2").fetchall(),
            "sources": conn.execute("SELECT article_id, text_id, source, site, title, published, similarity "
                                    "FROM sources ORDER BY id").fetchall(),
            "minhashes": conn.execute("SELECT * FROM minhashes ORDER BY 1").fetchall(),
            "bands": conn.execute("SELECT * FROM minhash_bands ORDER BY 1, 2").fetchall(),
        }


def test_empty_v2_database_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    make_v2(path, [])
    with Store(path) as s:
        assert s.quotes()["items"] == [] and s.save(wire()) is True
    check_integrity(path)
