"""The web face of a store: a JSON API under /api and server-rendered pages, all assets local.

    from onrecord.serve import create_app, run
    run("onrecord.db", "127.0.0.1", 8000)          # what `onrecord serve` does
"""
from onrecord.serve.app import create_app, run

__all__ = ["create_app", "run"]
