"""Fixtures of the web tests: a store file of hand-written articles and apps over it."""
from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # Starlette may announce a successor to httpx in its test client; not ours to act on.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from onrecord.serve import create_app
from onrecord.store import Store

from serve.corpus import all_articles, minds

TOKEN = "test-token-42"


def fill(path: Path, articles=None) -> Path:
    with Store(path) as store:
        store.save_many(articles if articles is not None else all_articles())
    return path


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill(tmp_path_factory.mktemp("serve") / "news.db")


@pytest.fixture(scope="module")
def client(db_file: Path) -> Iterator[TestClient]:
    """A read-only app (no token) over the hand-written store, shared by a module."""
    with TestClient(create_app(db_file, token="")) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def minded_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-only app over one article of speech, thought, evidence and a denial (``minds``)."""
    db = fill(tmp_path_factory.mktemp("minds") / "minds.db", [minds()])
    with TestClient(create_app(db, token="")) as test_client:
        yield test_client


@pytest.fixture
def fresh_db(tmp_path: Path) -> Path:
    return fill(tmp_path / "fresh.db")


@pytest.fixture
def writer(fresh_db: Path, analyzer) -> Iterator[TestClient]:
    """An app with writing on (token ``TOKEN``) over a store of its own."""
    with TestClient(create_app(fresh_db, token=TOKEN, analyzer=analyzer)) as test_client:
        yield test_client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
