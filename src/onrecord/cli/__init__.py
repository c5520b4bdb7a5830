"""The ``onrecord`` command: thin over the library in ``onrecord.api``.

Problems the user can cause are printed as ``onrecord: SUBJECT: reason`` on stderr; the
other inputs are still processed and the exit status is 1 at the end.

One module per job: ``common`` holds the ``main`` group, its error handler and the shared
options; ``ingest`` the commands that analyse (extract, ingest); ``read`` the store's
listings and detail commands; ``publish`` digest and export; ``run`` serve, eval and train;
``filters`` the statement filter options; ``views`` the tables and what else is printed.
Heavy libraries (spaCy, trafilatura, the store) load inside the commands, so ``--help`` is
cheap.
"""
from __future__ import annotations

# each family registers its commands on ``main`` when imported
from . import ingest, publish, read, run
from .common import Commands, main
from .ingest import Problems, default_workers, failures_path

__all__ = ["Commands", "Problems", "default_workers", "failures_path", "main"]
