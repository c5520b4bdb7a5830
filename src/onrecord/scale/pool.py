"""Analysis on several worker processes, the spaCy model loaded once in each.

Articles go to the workers in batches and come back analysed, in input order; the caller
(one process) writes them to the store. A worker that fails on an article sends back the
reason instead, so one bad article never stops the run.

Read-ahead is bounded: at most ``workers * WINDOW`` batches are in flight, and the input is
read only as results are taken, so an input of any size (a CC-NEWS dump) never piles up in
memory, in the caller or in the pool's queues.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from ..model import Article

# Batches in flight per worker: one being analysed, one waiting so the worker never idles
# while the caller takes results.
WINDOW = 2

# The analyser of this worker process, set once by the pool's initializer. It lives only in
# worker processes (never in the caller's), one per process by design: the model loads once.
_analyzer = None


def _start_worker(rescorer_path: str | None) -> None:
    global _analyzer
    from ..nlp import Analyzer

    rescorer = None
    if rescorer_path:
        from ..learn import LogisticRescorer
        rescorer = LogisticRescorer.load(rescorer_path)
    _analyzer = Analyzer(rescorer=rescorer)


def _failure(article: Article, err: Exception) -> tuple[str, str]:
    return (article.source or article.id[:12], f"analysis failed ({err.__class__.__name__}: {err})")


def _analyse(article: Article) -> Article | tuple[str, str]:
    try:
        return _analyzer.analyse(article)
    except Exception as err:                      # reported by the caller, the run goes on
        return _failure(article, err)


def _analyse_batch(articles: list[Article]) -> list[Article | tuple[str, str]]:
    """A batch through one ``analyse_many`` (spaCy batches the texts together); if anything
    in it fails, its articles again one by one, so only the bad one is reported."""
    try:
        return list(_analyzer.analyse_many(articles))
    except Exception:
        return [_analyse(article) for article in articles]


def analyse_parallel(articles: Iterable[Article], workers: int, rescorer_path: str | None = None,
                     chunksize: int = 8) -> Iterator[Article | tuple[str, str]]:
    """Analysed articles (or ``(input, reason)`` for a failure), in input order.

    ``chunksize`` articles go to a worker at a time (the Analyzer's own batch size, 8, keeps
    spaCy's batching whole).
    """
    if workers < 1 or chunksize < 1:
        raise ValueError("workers and chunksize must be at least 1")
    source = iter(articles)
    batches = iter(lambda: list(islice(source, chunksize)), [])     # read only when asked
    context = multiprocessing.get_context("spawn")   # a clean interpreter: no state inherited
    with context.Pool(workers, initializer=_start_worker, initargs=(rescorer_path,)) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_analyse_batch, (batch,)))
            if len(pending) >= workers * WINDOW:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
