"""Counting the articles of inputs ahead of a bulk run (the progress bar's end)."""
from __future__ import annotations

import json
from pathlib import Path

from onrecord.ingest.census import count_articles

from warcs import crawl


def test_files_lines_and_pages_are_counted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One article.")
    (tmp_path / "b.html").write_text("<p>Another.</p>")
    lines = [json.dumps({"text": f"Article {n}."}) for n in range(3)]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n\n")      # a blank line is no article
    crawl(tmp_path / "crawl.warc.gz", gzip=True)                         # 4 HTML pages that answered 200
    (tmp_path / "notes.md").write_text("not an input")                   # not read: one failure
    assert count_articles([tmp_path]) == 2 + 3 + 4 + 1


def test_a_file_that_cannot_be_counted_counts_as_its_one_failure(tmp_path: Path) -> None:
    (tmp_path / "broken.warc").write_bytes(b"this is not a WARC file at all")
    assert count_articles([tmp_path / "broken.warc", tmp_path / "missing.jsonl"]) == 2


def test_standard_input_cannot_be_counted(tmp_path: Path) -> None:
    assert count_articles(["-"]) is None
