"""A test hook, run at start-up by the processes that Dask workers in tests start to analyse
in (tests/scale/test_cluster_budget.py puts this folder on their PYTHONPATH): an article
whose text holds SLOW-ME hangs, one with CRASH-ME kills its process, as a pathological page
or a crash in C would. Inert unless ONRECORD_TEST_HOOKS is set."""
import os

if os.environ.get("ONRECORD_TEST_HOOKS"):
    import signal
    import time

    from onrecord.scale import pool

    _analyse_batch = pool._analyse_batch

    def _hooked(articles):
        for article in articles:
            if "CRASH-ME" in article.text:
                os.kill(os.getpid(), signal.SIGKILL)
            if "SLOW-ME" in article.text:
                time.sleep(600)
        return _analyse_batch(articles)

    pool._analyse_batch = _hooked        # what the worker sends by name resolves to this here
