"""The bulk ingest's progress bar: shown on a terminal with its counts, silent elsewhere."""
from __future__ import annotations

import io
import time
from pathlib import Path

from rich.console import Console

from onrecord.progress import IngestProgress


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=160), out


def test_a_terminal_sees_articles_statements_and_the_counted_total(tmp_path: Path) -> None:
    for n in range(4):
        (tmp_path / f"{n}.txt").write_text(f"Article {n}.")
    screen, out = console(terminal=True)
    with IngestProgress([tmp_path], console=screen) as bar:
        deadline = time.monotonic() + 10
        while bar._bar.tasks[0].total is None and time.monotonic() < deadline:
            time.sleep(0.01)                        # the count runs on its own thread
        assert bar._bar.tasks[0].total == 4
        bar.update(3, 17)
        bar.print("onrecord: bad.txt: empty file")
    shown = out.getvalue()
    assert "3 articles" in shown and "17 statements" in shown
    assert "onrecord: bad.txt: empty file" in shown


def test_a_pipe_gets_no_bar_but_still_the_lines(tmp_path: Path) -> None:
    screen, out = console(terminal=False)
    with IngestProgress([tmp_path], console=screen) as bar:
        bar.update(5, 9)
        bar.print("onrecord: bad.txt: empty file")
    assert out.getvalue() == "onrecord: bad.txt: empty file\n"
