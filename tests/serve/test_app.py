"""The app as `onrecord serve` starts it: how many requests each process works on at once."""
from __future__ import annotations

import threading
from pathlib import Path

import anyio.to_thread
import pytest

from onrecord.serve import create_app
from onrecord.serve.app import THREADS, THREADS_VARIABLE, app_from_environment, DB_VARIABLE

from serve.conftest import TestClient


def limit(client: TestClient) -> float:
    """The number of routes the app's event loop runs at once (its worker threads' limit)."""
    return client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)


@pytest.mark.parametrize("threads", [1, 3])
def test_the_app_works_on_as_many_requests_at_once_as_it_is_given(db_file: Path, threads: int) -> None:
    with TestClient(create_app(db_file, token="", threads=threads)) as client:
        assert limit(client) == threads
        # as many requests at once as threads, and they are all answered
        answers: list[int] = []
        callers = [threading.Thread(target=lambda: answers.append(client.get("/api/overview").status_code))
                   for _ in range(threads + 2)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join(timeout=30)
        assert answers == [200] * (threads + 2)


def test_worker_processes_take_the_threads_from_the_environment(db_file: Path, monkeypatch) -> None:
    monkeypatch.setenv(DB_VARIABLE, str(db_file))
    monkeypatch.setenv(THREADS_VARIABLE, "5")
    with TestClient(app_from_environment()) as client:
        assert limit(client) == 5
    monkeypatch.delenv(THREADS_VARIABLE)
    with TestClient(app_from_environment()) as client:
        assert limit(client) == THREADS


def test_serving_pages_loads_no_language_model(db_file: Path) -> None:
    """The web app reads a store: it never needs spaCy (hundreds of MB per process, a second
    to load) unless it is asked to analyse a posted article."""
    import subprocess
    import sys

    code = f"""
import sys, warnings
warnings.simplefilter("ignore")
from fastapi.testclient import TestClient
from onrecord.serve import create_app
client = TestClient(create_app({str(db_file)!r}, token=""))
for path in ("/", "/search?q=the", "/speakers", "/articles", "/claims", "/topics", "/docs"):
    assert client.get(path).status_code == 200, path
article = client.get("/api/articles").json()["items"][0]["id"]
for path in (f"/articles/{{article}}", f"/digest?article={{article}}"):
    assert client.get(path).status_code == 200, path
print("spacy" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
