"""Statements with their article's metadata as JSON lines, CSV or Parquet (pyarrow).

Rows are streamed: an export of a large store never holds it in memory. A file is written
under a temporary name and renamed when complete, so a failed export leaves no half file.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:
    from .store.rows import StatementRow

FORMATS = ("jsonl", "csv", "parquet")

# Column name -> pyarrow type name; the order of CSV and Parquet columns.
COLUMNS: dict[str, str] = {
    "article_id": "string", "source": "string", "title": "string", "published": "string",
    "site": "string", "sid": "string", "kind": "string", "act": "string", "negated": "bool",
    "text": "string", "words": "string", "start": "int64",
    "end": "int64", "cue": "string", "speaker_name": "string", "speaker_mention": "string",
    "speaker_title": "string", "speaker_resolution": "string", "speaker_confidence": "float64",
    "speaker_antecedent": "string", "speaker_antecedent_start": "int64", "speaker_antecedent_end": "int64",
    "speaker_id": "int64", "speakers": "list<string>", "confidence": "float64",
}

_BATCH = 1000


def export_row(row: StatementRow) -> dict[str, Any]:
    """A statement row of ``Store.statements_page`` as an export row: ``COLUMNS``, with
    ``speakers`` as the list of their names, ``act`` and ``negated`` as stored. Names are the stored speakers' display names
    (one person under one name across the export: "Donald J. Trump" is written as Donald
    Trump is), joined by " and " in ``speaker_name`` as the record joins several; a statement
    without a stored speaker keeps the name its article resolved, if any."""
    out: dict[str, Any] = {name: row.get(name) for name in COLUMNS}
    out["speakers"] = [s["name"] for s in row.get("speakers") or ()]
    if out["speakers"]:
        out["speaker_name"] = " and ".join(out["speakers"])
    return out


def write(rows: Iterable[StatementRow], fmt: str, out: str | os.PathLike[str] | None = None,
          stream: IO[str] | None = None) -> int:
    """Write statement rows to the file ``out`` (or, for jsonl and csv, to ``stream``);
    return how many. InputError for an unknown format or a file that cannot be written."""
    if fmt not in FORMATS:
        raise InputError("--format", f"not one of {', '.join(FORMATS)}: {fmt!r}")
    if out is None and (fmt == "parquet" or stream is None):
        raise InputError("--out", f"{fmt} needs a file to write to")
    exported = (export_row(row) for row in rows)
    if out is None:
        assert stream is not None
        return _write_text(exported, fmt, stream)
    path = Path(out)
    part = path.with_name(path.name + ".part")
    try:
        if fmt == "parquet":
            count = _write_parquet(exported, part)
        else:
            with open(part, "w", encoding="utf-8", newline="") as handle:
                count = _write_text(exported, fmt, handle)
        os.replace(part, path)
    except OSError as err:
        raise InputError(str(out), f"cannot write ({err.strerror or err.__class__.__name__})") from None
    finally:
        part.unlink(missing_ok=True)
    return count


def _write_text(rows: Iterator[dict[str, Any]], fmt: str, stream: IO[str]) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(dict(row, speakers="; ".join(row["speakers"])))
            count += 1
        return count
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa             # imported here: it is large and only exports need it
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_(),
             "list<string>": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, kind in COLUMNS.items()])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        while batch := list(islice(rows, _BATCH)):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


__all__ = ["COLUMNS", "FORMATS", "export_row", "write"]
