"""Analysis on several worker processes, the spaCy model loaded once in each.

Articles go to the workers in batches and come back analysed, in input order; the caller
(one process) writes them to the store. A worker that fails on an article sends back the
reason instead, so one bad article never stops the run.

No article can stop the run either by killing its worker (the OOM killer, a crash in C) or
by taking forever: each batch has a time budget (``Budget.seconds`` per article), and a
memory budget can be set for each worker (``Budget.memory_mb``). When a worker dies or a
batch runs over, the workers are replaced and the batches they held are analysed again one
article at a time; the article that kills a worker or runs over its budget alone is
reported as failed, with the reason, and the rest are analysed.

Read-ahead is bounded: at most ``workers * WINDOW`` batches are in flight, and the input is
read only as results are taken, so an input of any size (a CC-NEWS dump) never piles up in
memory, in the caller or in the pool's queues.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, NamedTuple, cast

from ..errors import OnrecordError
from ..model import Article

if TYPE_CHECKING:
    from ..nlp import Analyzer

# Batches in flight per worker: one being analysed, one waiting so the worker never idles
# while the caller takes results.
WINDOW = 2

# What a fresh worker may take to start: a new interpreter loading the model.
STARTUP_SECONDS = 300.0

# The analyser of this worker process, set once by the pool's initializer. It lives only in
# worker processes (never in the caller's), one per process by design: the model loads once.
_analyzer: "Analyzer | None" = None


class Stopped(NamedTuple):
    """The failure of an article whose analysis was stopped: it killed its worker or ran over
    its budget. The caller keeps it in the store, so a resumed run does not stop on it again."""
    subject: str
    reason: str
    article_id: str


# An analysed article, or a failure: (input, reason), or Stopped.
Result = Article | tuple[str, str] | Stopped


@dataclass(frozen=True)
class Budget:
    """What one article may cost: seconds of analysis, and the memory of the worker
    analysing it (None: no limit)."""
    seconds: float | None = 300.0
    memory_mb: int | None = None

    def __post_init__(self) -> None:
        if self.seconds is not None and self.seconds <= 0:
            raise ValueError("the time budget must be more than 0 seconds")
        if self.memory_mb is not None and self.memory_mb < 1:
            raise ValueError("the memory budget must be at least 1 MB")


def _tether(parent: int) -> None:
    """Exit once ``parent``, the process that started this worker, is gone: a run killed with
    ``kill -9`` (or a Dask worker killed by its nanny) cannot shut its pool down, and workers
    holding a model each must not outlive it."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="onrecord-tether", daemon=True).start()


def _start_worker(rescorer_path: str | None, memory_mb: int | None, parent: int) -> None:
    global _analyzer
    _tether(parent)
    if memory_mb is not None:
        import resource
        limit = memory_mb * 2 ** 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from ..nlp import Analyzer

    rescorer = None
    if rescorer_path:
        from ..learn import LogisticRescorer
        rescorer = LogisticRescorer.load(rescorer_path)
    _analyzer = Analyzer(rescorer=rescorer)


def _ready() -> bool:
    return _analyzer is not None


def subject(article: Article) -> str:
    """How a failure names its input."""
    return article.source or article.id[:12]


def _failure(article: Article, reason: str) -> tuple[str, str]:
    return (subject(article), reason)


def _worker_analyzer() -> "Analyzer":
    # Tasks run only in workers, after the initializer set it.
    return cast("Analyzer", _analyzer)


def _analyse(article: Article) -> Result:
    try:
        return _worker_analyzer().analyse(article)
    except MemoryError:
        return _failure(article, "analysis failed (over the memory budget)")
    except Exception as err:                      # reported by the caller, the run goes on
        return _failure(article, f"analysis failed ({err.__class__.__name__}: {err})")


def _analyse_batch(articles: list[Article]) -> list[Result]:
    """A batch through one ``analyse_many`` (spaCy batches the texts together); if anything
    in it fails, its articles again one by one, so only the bad one is reported."""
    try:
        return list(_worker_analyzer().analyse_many(articles))
    except Exception:
        return [_analyse(article) for article in articles]


class Workers:
    """A pool of worker processes that can be thrown away and started again."""

    def __init__(self, workers: int, rescorer_path: str | None, budget: Budget):
        self.workers, self.rescorer_path, self.budget = workers, rescorer_path, budget
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        """Workers with the model loaded: budgets count from then on."""
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.rescorer_path, self.budget.memory_mb, os.getpid()))
        try:
            for ready in [pool.submit(_ready) for _ in range(self.workers)]:
                ready.result(timeout=STARTUP_SECONDS)
        except (BrokenProcessPool, FutureTimeout) as err:
            pool.shutdown(wait=False, cancel_futures=True)
            within = f" within the memory budget of {self.budget.memory_mb} MB" if self.budget.memory_mb else ""
            raise OnrecordError("workers", f"the analysing processes could not start{within}") from err
        return pool

    def submit(self, batch: list[Article]) -> Future:
        return self.pool.submit(_analyse_batch, batch)

    def wait(self, future: Future, articles: int) -> list[Result] | str:
        """The batch's results, or why there are none: its worker died, or it ran over its
        budget (the workers are then started again)."""
        timeout = self.budget.seconds * articles if self.budget.seconds is not None else None
        try:
            return future.result(timeout=timeout)
        except BrokenProcessPool:
            self.restart()
            return "its worker died (killed, or out of memory)"
        except FutureTimeout:
            self.restart()
            return f"it took longer than its budget of {self.budget.seconds:g} s"

    def restart(self) -> None:
        for process in list((self.pool._processes or {}).values()):   # a stuck worker never returns
            process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def analyse_parallel(articles: Iterable[Article], workers: int, rescorer_path: str | None = None,
                     chunksize: int = 8, budget: Budget = Budget()) -> Iterator[Result]:
    """Analysed articles (or ``(input, reason)`` for a failure), in input order.

    ``chunksize`` articles go to a worker at a time (the Analyzer's own batch size, 8, keeps
    spaCy's batching whole).
    """
    if workers < 1 or chunksize < 1:
        raise ValueError("workers and chunksize must be at least 1")
    source = iter(articles)
    first = list(islice(source, chunksize))
    if not first:
        return                        # nothing to analyse (a resumed run): no model loaded
    pool = Workers(workers, rescorer_path, budget)
    try:
        yield from analyse_on(pool, chain(first, source), chunksize)
    finally:
        pool.close()


def analyse_on(pool: "Workers", articles: Iterable[Article], chunksize: int = 8) -> Iterator[Result]:
    """``analyse_parallel`` on workers started already (and left running: a Dask worker keeps
    its own from task to task)."""
    source = iter(articles)
    batches = iter(lambda: list(islice(source, chunksize)), [])     # read only when asked
    pending: deque[tuple[list[Article], Future]] = deque()
    for batch in batches:
        pending.append((batch, pool.submit(batch)))
        if len(pending) >= pool.workers * WINDOW:
            yield from _take(pool, pending)
    while pending:
        yield from _take(pool, pending)


def _take(pool: Workers, pending: deque[tuple[list[Article], Future]]) -> list[Result]:
    """The first pending batch's results. When its worker died or it ran over, every batch
    in flight is lost with the workers: each is analysed again one article at a time."""
    batch, future = pending.popleft()
    results = pool.wait(future, len(batch))
    if not isinstance(results, str):
        return results
    lost = [batch, *(b for b, _ in pending)]
    pending.clear()
    out = [result for b in lost[:1] for result in _one_by_one(pool, b)]
    for b in lost[1:]:                    # resubmitted as they were, in order
        pending.append((b, pool.submit(b)))
    return out


def _one_by_one(pool: Workers, batch: list[Article]) -> list[Result]:
    """Each article of a batch alone: the one that kills its worker or runs over is failed."""
    out: list[Result] = []
    for article in batch:
        results = pool.wait(pool.submit([article]), 1)
        if isinstance(results, str):
            out.append(Stopped(subject(article), f"analysis stopped: {results}", article.id))
        else:
            out.extend(results)
    return out


__all__ = ["Budget", "Stopped", "WINDOW", "Workers", "analyse_on", "analyse_parallel", "subject"]
