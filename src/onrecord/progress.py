"""The progress bar of a bulk ingest: articles, statements, rate and ETA, on a terminal only.

The bar's end comes from counting the inputs' articles on a background thread (a WARC file
is scanned, not parsed), so the bar starts at once and gains its ETA when the count is in.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable

from rich.console import Console
from rich.progress import (BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text

from .ingest.census import count_articles


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "– articles/s", style="progress.data.speed")


class IngestProgress:
    """``with IngestProgress(paths) as bar: bar.update(articles, statements)``; silent (and
    counting nothing) when ``console`` is not a terminal, so pipes and logs stay clean."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]], console: Console | None = None) -> None:
        self.paths = list(paths)
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal
        self._bar = Progress(
            SpinnerColumn(), TextColumn("{task.completed:,} articles"),
            TextColumn("{task.fields[statements]:,} statements"), BarColumn(), _RateColumn(),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, disable=not self.enabled)
        self._task = self._bar.add_task("ingest", total=None, statements=0)

    def __enter__(self) -> "IngestProgress":
        if self.enabled:
            self._bar.start()
            threading.Thread(target=self._count, name="count-articles", daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def update(self, articles: int, statements: int) -> None:
        self._bar.update(self._task, completed=articles, statements=statements)

    def print(self, message: str) -> None:
        """A line above the bar (or just a line on the console when there is no bar)."""
        self.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def _count(self) -> None:
        total = count_articles(self.paths)
        if total:
            self._bar.update(self._task, total=total)


__all__ = ["IngestProgress"]
