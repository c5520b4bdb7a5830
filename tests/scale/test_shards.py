"""Parquet shards: what is written reads back as the same articles; half-written shards leave
nothing behind. No cluster needed."""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest

import onrecord
from onrecord.scale import shards

from articles import QUAY, WIND


@pytest.fixture(scope="module")
def analysed(analyzer):
    return [analyzer.analyse(onrecord.read(text)) for text in (WIND, QUAY)]


def test_articles_read_back_as_written(tmp_path, analysed):
    summary = shards.write_shard(tmp_path, "k1", analysed, [("in/x.png.txt", "binary file, not text")])
    back = list(shards.read_articles(tmp_path, "k1"))
    assert [a.to_dict() for a in back] == [a.to_dict() for a in analysed]
    statements = sum(len(a.statements) for a in analysed)
    assert (summary.articles, summary.statements) == (2, statements) and statements > 0
    again = shards.read_summary(tmp_path, "k1")
    assert (again.articles, again.statements, again.failed) == (2, statements, summary.failed)


def test_statements_table_is_flat_and_points_into_the_text(tmp_path, analysed):
    shards.write_shard(tmp_path, "k1", analysed)
    rows = pq.read_table(tmp_path / "statements").to_pylist()
    texts = {a.id: a.text for a in analysed}
    assert len(rows) == sum(len(a.statements) for a in analysed)
    for row in rows:
        assert texts[row["article_id"]][row["start"]:row["end"]] == row["text"]
        assert row["kind"] in {"direct", "indirect", "mixed"} and 0 <= row["confidence"] <= 1
    assert "Lena Okafor" in {row["speaker_name"] for row in rows}
    table = pq.read_table(tmp_path / "articles")
    assert table.column("statements").to_pylist() == [len(a.statements) for a in analysed]


def test_statement_rows_carry_what_the_source_did(tmp_path):
    from onrecord.export import COLUMNS
    from store.kit import Quote, article

    minded = article(Quote("Olaf Scholz", "the talks would fail", verb="believes", act="thought"),
                     Quote("Olaf Scholz", "the talks had ended", verb="did not say", negated=True))
    shards.write_shard(tmp_path, "k1", [minded])
    table = pq.read_table(tmp_path / "statements")
    assert [(r["act"], r["negated"]) for r in table.to_pylist()] == [("thought", False), ("speech", True)]
    assert str(table.schema.field("negated").type) == "bool"
    # the columns of `onrecord export`, so an analysis reads either
    assert set(table.column_names) <= set(COLUMNS)


def test_folders_read_as_one_table_over_shards(tmp_path, analysed):
    shards.write_shard(tmp_path, "k1", analysed[:1])
    shards.write_shard(tmp_path, "k2", analysed[1:], [("a.txt", "empty file")])
    assert pq.read_table(tmp_path / "articles").num_rows == 2
    assert pq.read_table(tmp_path / "failures").to_pylist() == [{"subject": "a.txt", "reason": "empty file", "stopped": None}]
    assert [a.id for a in shards.read_articles(tmp_path)] == [a.id for a in analysed]


def test_an_interrupted_shard_leaves_nothing(tmp_path, analysed):
    shards.prepare(tmp_path)
    with pytest.raises(RuntimeError):
        with shards.ShardWriter(tmp_path, "k1") as shard:
            shard.add(analysed[0])
            raise RuntimeError("killed")
    assert not shards.is_complete(tmp_path, "k1")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_stray_temporary_files_are_ignored_and_removed(tmp_path, analysed):
    shards.write_shard(tmp_path, "k1", analysed)
    stray = tmp_path / "articles" / ".k2.parquet.1-abc.tmp"
    stray.write_bytes(b"half a file")
    assert pq.read_table(tmp_path / "articles").num_rows == 2
    assert [p.name for p in shards.complete_shards(tmp_path)] == ["k1.parquet"]
    shards.remove_temporaries(tmp_path, ["k2"])
    assert not stray.exists()


def test_an_empty_shard_is_complete(tmp_path):
    summary = shards.write_shard(tmp_path, "k0", [], [("a.txt", "empty file")])
    assert shards.is_complete(tmp_path, "k0") and summary.articles == 0
    assert list(shards.read_articles(tmp_path, "k0")) == []
    assert shards.read_summary(tmp_path, "k0").failed == [("a.txt", "empty file")]


def test_a_stopped_input_keeps_the_id_of_its_text(tmp_path):
    shards.prepare(tmp_path)
    with shards.ShardWriter(tmp_path, "k2") as shard:
        shard.fail("a.txt", "empty file")
        shard.fail("b.txt", "analysis stopped: it took longer than its budget of 1 s", stopped="b1d")
        shard.commit()
    again = shards.read_summary(tmp_path, "k2")
    assert again.failed[1][0] == "b.txt" and again.stopped == {1: "b1d"}


def test_failures_of_a_shard_written_before_stops_were_kept_read_as_plain_failures(tmp_path):
    import pyarrow as pa

    shards.write_shard(tmp_path, "k3", [], [("a.txt", "empty file")])
    old = pa.table({"subject": ["a.txt"], "reason": ["empty file"]})
    pq.write_table(old, shards.shard_path(tmp_path, "failures", "k3"))
    summary = shards.read_summary(tmp_path, "k3")
    assert summary.failed == [("a.txt", "empty file")] and summary.stopped == {}
