"""Stores this user cannot write (an archive, another user's file) are read through read-only
connections; files onrecord refuses (another program's database, a newer schema) are left
byte for byte as they were."""
from __future__ import annotations

import functools
import os
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

import onrecord
from onrecord import api
from onrecord.errors import StoreError
from onrecord.store import Store, StoreNeedsUpgrade
from onrecord.store.schema import VERSION

from store.kit import Quote, article, rich
from store.versions import rewriting, strip_v6

NOBODY = 65534


def saved_store(path: Path) -> Path:
    with Store(path) as store:
        store.save(rich())
    return path


def test_another_programs_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not an onrecord database"):
            Store(path, readonly=readonly)
    assert path.read_bytes() == before                      # no tables added, not made WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_newer_schema_is_refused_without_switching_the_file_to_wal(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id TEXT)")
        conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer onrecord"):
        Store(path)
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_read_only_connection_reads_and_cannot_write(tmp_path: Path) -> None:
    path = saved_store(tmp_path / "s.db")
    with Store(path, readonly=True) as store:
        assert store.counts()["articles"] == 1
        with pytest.raises(StoreError, match="read-only|readonly"):
            store.save(article(Quote("Olaf Scholz", "the sanctions were ready")))
        with pytest.raises(StoreError, match="read-only"):
            store.check_writable()


def test_an_older_schema_opened_read_only_needs_an_upgrade_and_reading_upgrades_it(tmp_path: Path) -> None:
    path = saved_store(tmp_path / "old.db")
    with rewriting(path) as conn:
        strip_v6(conn)
    with pytest.raises(StoreNeedsUpgrade, match="older onrecord"):
        Store(path, readonly=True)
    assert onrecord.statements(path)                      # opened writable once, and migrated
    with Store(path, readonly=True) as store:
        assert store.counts()["articles"] == 1


def run_as_reader(code: str) -> subprocess.CompletedProcess:
    """``code`` in a new interpreter as a user who cannot write the files made here: root
    ignores permissions, so as root it runs as nobody (skipped where nobody cannot run this
    Python)."""
    as_nobody = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}
    run = functools.partial(subprocess.run, cwd="/", capture_output=True, text=True, timeout=120,
                            env={**os.environ, "HOME": "/"}, **as_nobody)
    if as_nobody:
        try:
            probe = run([sys.executable, "-c", "import onrecord"])
        except OSError:
            probe = None
        if probe is None or probe.returncode != 0:
            pytest.skip("this Python cannot be run by another user here")
    return run([sys.executable, "-c", textwrap.dedent(code)])


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_store_in_a_folder_the_user_cannot_write_is_read_and_left_as_it_was() -> None:
    # Not under tmp_path, whose parents only their owner may enter.
    with tempfile.TemporaryDirectory() as top:
        Path(top).chmod(0o755)
        archive = Path(top, "archive")
        archive.mkdir()
        read_only_archive(archive)


def read_only_archive(archive: Path) -> None:
    path = saved_store(archive / "s.db")
    expected = f"{len(onrecord.statements(path))} {len(api.speakers(path))} s.db"
    before = path.read_bytes()
    path.chmod(0o444)
    archive.chmod(0o555)
    try:
        done = run_as_reader(f"""
            import onrecord
            from onrecord import api
            from onrecord.errors import StoreError
            from onrecord.serve.state import open_database
            db = {str(path)!r}
            print(len(onrecord.statements(db)), len(api.speakers(db)), open_database(db).name)
            try:
                onrecord.ingest_paths([], db)
            except StoreError as err:
                print("refused:", err.reason)
            """)
    finally:
        archive.chmod(0o755)
    assert done.returncode == 0, done.stderr
    found, refused = done.stdout.splitlines()
    assert found == expected
    assert "read-only" in refused
    assert path.read_bytes() == before
    assert sorted(p.name for p in archive.iterdir()) == ["s.db"]    # no -wal or -shm left behind
