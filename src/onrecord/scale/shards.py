"""The Parquet shards of an ingest on a Dask cluster: one shard per task, three tables.

    DIR/articles/<key>.parquet     one row per article: id, source, title, published, site,
                                   statements (their count), record (``Article.to_dict()`` as JSON)
    DIR/statements/<key>.parquet   one row per statement, flattened for analysis (``STATEMENTS``)
    DIR/failures/<key>.parquet     subject, reason, stopped: what the task's inputs could not give

Each folder reads as one table (``pyarrow.parquet.read_table("DIR/statements")``). The record
column is the whole article, so a shard can be merged into a store without analysing again.

A shard is complete when its articles file exists: every file is written under a temporary
dot-name (which pyarrow's dataset reading skips) and renamed, the articles file last. A task
killed half-way therefore leaves no articles file and is simply run again.
"""
from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from ..model import Article

TABLES = ("articles", "statements", "failures")

ARTICLES = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("site", pa.string()), ("statements", pa.int64()),
    ("record", pa.large_string()),
])
# Column names as in `onrecord export --format parquet`, so analyses work on either.
STATEMENTS = pa.schema([
    ("article_id", pa.string()), ("source", pa.string()), ("title", pa.string()),
    ("published", pa.string()), ("site", pa.string()), ("sid", pa.string()),
    ("kind", pa.string()), ("act", pa.string()), ("negated", pa.bool_()),
    ("text", pa.string()), ("words", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
    ("cue", pa.string()), ("speaker_name", pa.string()), ("speaker_mention", pa.string()),
    ("speakers", pa.list_(pa.string())), ("confidence", pa.float64()),
])
# ``stopped``: the article id of an input whose analysis was stopped (``pool.Stopped``), which
# the store remembers so that no later run stops on it again; null for other failures.
FAILURES = pa.schema([("subject", pa.string()), ("reason", pa.string()), ("stopped", pa.string())])
_SCHEMAS = {"articles": ARTICLES, "statements": STATEMENTS, "failures": FAILURES}

# Articles held before a row group is written: a WARC task of thousands of pages streams.
ROW_GROUP = 256
COMPRESSION = "zstd"   # article JSON shrinks several-fold; every pyarrow build reads it


@dataclass
class ShardSummary:
    """What a shard holds: counts and the failures, which is all the client needs of it."""
    key: str
    articles: int = 0
    statements: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    stopped: dict[int, str] = field(default_factory=dict)    # index in ``failed`` -> article id


def shard_path(folder: str | os.PathLike[str], table: str, key: str) -> Path:
    return Path(folder, table, f"{key}.parquet")


def prepare(folder: str | os.PathLike[str]) -> None:
    """Make the shard folders (OSError if they cannot be made)."""
    for table in TABLES:
        Path(folder, table).mkdir(parents=True, exist_ok=True)


def is_complete(folder: str | os.PathLike[str], key: str) -> bool:
    return shard_path(folder, "articles", key).is_file()


def article_row(article: Article) -> dict:
    return {"id": article.id, "source": article.source, "title": article.title,
            "published": article.published, "site": article.site,
            "statements": len(article.statements),
            "record": json.dumps(article.to_dict(), ensure_ascii=False)}


def statement_rows(article: Article) -> Iterator[dict]:
    article_id = article.id
    for s in article.statements:
        yield {"article_id": article_id, "source": article.source, "title": article.title,
               "published": article.published, "site": article.site, "sid": s.id,
               "kind": s.kind, "act": s.act, "negated": s.negated, "text": s.text, "words": s.words, "start": s.start, "end": s.end,
               "cue": s.cue.text if s.cue else None, "speaker_name": s.speaker.name,
               "speaker_mention": s.speaker.mention.text if s.speaker.mention else None,
               "speakers": list(s.speakers), "confidence": s.confidence}


class ShardWriter:
    """Writes one shard, streaming::

        with ShardWriter(folder, key) as shard:
            shard.add(article); shard.fail(subject, reason)
            shard.commit()

    Leaving the block without ``commit`` (an error, a kill) leaves no part of the shard."""

    def __init__(self, folder: str | os.PathLike[str], key: str) -> None:
        self.folder = Path(folder)
        self.summary = ShardSummary(key)
        tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._temp = {t: self.folder / t / f".{key}.parquet.{tag}.tmp" for t in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._articles: list[dict] = []
        self._statements: list[dict] = []

    def __enter__(self) -> "ShardWriter":
        for table in ("articles", "statements"):
            self._writers[table] = pq.ParquetWriter(self._temp[table], _SCHEMAS[table],
                                                    compression=COMPRESSION)
        return self

    def add(self, article: Article) -> None:
        self._articles.append(article_row(article))
        self._statements.extend(statement_rows(article))
        self.summary.articles += 1
        self.summary.statements += len(article.statements)
        if len(self._articles) >= ROW_GROUP:
            self._flush()

    def fail(self, subject: str, reason: str, stopped: str | None = None) -> None:
        """An input that gives no article; ``stopped``: the id of the text whose analysis was
        stopped (it killed its process or ran over its budget)."""
        if stopped is not None:
            self.summary.stopped[len(self.summary.failed)] = stopped
        self.summary.failed.append((subject, reason))

    def commit(self) -> ShardSummary:
        self._flush()
        for writer in self._writers.values():
            writer.close()
        _write_table(self._temp["failures"], FAILURES,
                     [{"subject": s, "reason": r, "stopped": self.summary.stopped.get(n)}
                      for n, (s, r) in enumerate(self.summary.failed)])
        for table in ("statements", "failures", "articles"):     # articles last: the shard is done
            os.replace(self._temp[table], shard_path(self.folder, table, self.summary.key))
        self._writers.clear()
        return self.summary

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for writer in self._writers.values():
            try:
                writer.close()
            except Exception:            # already failing: the first error is the one to report
                pass
        for temp in self._temp.values():
            temp.unlink(missing_ok=True)

    def _flush(self) -> None:
        for table, rows in (("articles", self._articles), ("statements", self._statements)):
            if rows:
                self._writers[table].write_table(pa.Table.from_pylist(rows, schema=_SCHEMAS[table]))
                rows.clear()


def write_shard(folder: str | os.PathLike[str], key: str, articles: Iterable[Article],
                failed: Iterable[tuple[str, str]] = ()) -> ShardSummary:
    """Write a whole shard at once (its folders made if missing)."""
    prepare(folder)
    with ShardWriter(folder, key) as shard:
        for article in articles:
            shard.add(article)
        for subject, reason in failed:
            shard.fail(subject, reason)
        return shard.commit()


def read_articles(folder: str | os.PathLike[str], key: str | None = None) -> Iterator[Article]:
    """The articles of shard ``key`` (of every complete shard if None), streamed."""
    paths = [shard_path(folder, "articles", key)] if key else complete_shards(folder, "articles")
    for path in paths:
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(batch_size=ROW_GROUP, columns=["record"]):
            for record in batch.column(0).to_pylist():
                yield Article.from_dict(json.loads(record))


def read_summary(folder: str | os.PathLike[str], key: str) -> ShardSummary:
    """Counts and failures of a complete shard, without reading its records."""
    counts = pq.read_table(shard_path(folder, "articles", key), columns=["statements"]).column(0).to_pylist()
    failures = pq.read_table(shard_path(folder, "failures", key)).to_pylist()
    stopped = {n: f["stopped"] for n, f in enumerate(failures) if f.get("stopped")}   # (none before it was kept)
    return ShardSummary(key, len(counts), sum(counts), [(f["subject"], f["reason"]) for f in failures], stopped)


def complete_shards(folder: str | os.PathLike[str], table: str = "articles") -> list[Path]:
    """The files of ``table`` of every complete shard, sorted by key."""
    done = sorted(p.name for p in Path(folder, "articles").glob("*.parquet") if not p.name.startswith("."))
    return [Path(folder, table, name) for name in done]


def remove_temporaries(folder: str | os.PathLike[str], keys: Iterable[str]) -> None:
    """Delete what killed writers of these shards left behind."""
    for key in keys:
        for table in TABLES:
            for temp in Path(folder, table).glob(f".{key}.parquet.*.tmp"):
                temp.unlink(missing_ok=True)


def _write_table(path: Path, schema: pa.Schema, rows: list[dict]) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, compression=COMPRESSION)


__all__ = ["ARTICLES", "STATEMENTS", "FAILURES", "TABLES", "ShardSummary", "ShardWriter",
           "write_shard", "read_articles", "read_summary", "is_complete", "complete_shards",
           "shard_path", "prepare", "remove_temporaries"]
