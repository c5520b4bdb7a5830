"""Analysis on several worker processes, the spaCy model loaded once in each.

Articles go to the workers and come back analysed, in input order; the caller (one
process) writes them to the store. A worker that fails on an article sends back the
reason instead, so one bad article never stops the run.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from ..model import Article

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


def _analyse(article: Article) -> Article | tuple[str, str]:
    try:
        return _analyzer.analyse(article)
    except Exception as err:                      # reported by the caller, the run goes on
        return (article.source or article.id[:12], f"analysis failed ({err.__class__.__name__}: {err})")


def analyse_parallel(articles: Iterable[Article], workers: int, rescorer_path: str | None = None,
                     chunksize: int = 2) -> Iterator[Article | tuple[str, str]]:
    """Analysed articles (or ``(input, reason)`` for a failure), in input order."""
    context = multiprocessing.get_context("spawn")   # a clean interpreter: no state inherited
    with context.Pool(workers, initializer=_start_worker, initargs=(rescorer_path,)) as pool:
        yield from pool.imap(_analyse, articles, chunksize)
