"""A bounded fuzz run: generated inputs of every kind that once hung, crashed or fooled a run
(``fuzzcases``) all end as stored or as a failure with its reason; the longer run is
``benchmarks/fuzz.py``."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from onrecord import api

from fuzzcases import write_cases


def test_every_generated_input_is_stored_or_failed_with_a_reason(tmp_path: Path, analyzer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    kinds = write_cases(folder, 80, seed=7, scale=300)
    failed: list[tuple[str, str]] = []
    report = api.ingest_paths([folder], tmp_path / "fuzz.db", analyzer=analyzer,
                              on_error=lambda subject, reason: failed.append((subject, reason)))
    assert all(reason and "Traceback" not in reason for _, reason in failed)
    with sqlite3.connect(tmp_path / "fuzz.db") as conn:
        sources = [s for (s,) in conn.execute("SELECT source FROM articles UNION ALL SELECT source FROM sources")]
    told = [subject for subject, _ in failed] + [s or "" for s in sources]
    unaccounted = [name for name in kinds if not any(name[:9] in t for t in told)]     # "case00042"
    # a text that another input already gave is stored once, counted as already stored
    assert len(unaccounted) <= report.unchanged + report.copies, unaccounted
    assert report.saved > 10 and len(failed) > 10                 # both outcomes were exercised
    assert set(kinds.values()) == {"txt", "jsonl", "html", "warc", "gz", "name"}
    assert all(os.fsencode(name) for name in kinds)
