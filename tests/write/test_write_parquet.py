"""Parquet parts and tables: atomic commits, merged files, schema version, read by pandas and DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.schema import EVENTS_SCHEMA, SCHEMA_VERSION, Event
from pipeline.write import PartStore, TableWriter, columns_of, read_table
from pipeline.write.parquet import TABLES


def _events(n: int, doc: str = "d") -> list[Event]:
    return [
        Event(f"{doc}-e{i}", doc, "acquisition", f"Acheteur{i}", f"Cible{i}", None, 20.0 + i, None, None, "completed", 0.8, 1, "Acheteur rachète Cible.")
        for i in range(n)
    ]


def _table(n: int, doc: str = "d") -> pa.Table:
    return pa.Table.from_pydict(columns_of(_events(n, doc), EVENTS_SCHEMA), schema=EVENTS_SCHEMA)


def test_columns_are_plain_lists() -> None:
    cols = columns_of(_events(2), EVENTS_SCHEMA)
    assert list(cols) == EVENTS_SCHEMA.names
    assert cols["owner"] == ["Acheteur0", "Acheteur1"] and cols["seller"] == [None, None]


def test_a_part_counts_only_with_its_marker(tmp_path: Path) -> None:
    store = PartStore(tmp_path)
    store.create()
    store.commit(0, {"events": _table(3)}, {"n_records": 3})
    # a part file without its marker (a run killed between the two writes) does not count
    pq.write_table(_table(2), tmp_path / "_parts" / "events" / "part-00001.parquet")
    (tmp_path / "_parts" / "done" / "part-00002.json.tmp").write_text("{", encoding="utf-8")
    assert store.done() == {0: 3}
    marker = store.marker(0)
    assert marker["tables"] == ["events"] and marker["index"] == 0
    assert store.table("events", 0, marker).num_rows == 3
    assert store.table("mentions", 0, marker).schema.equals(TABLES["mentions"])
    # commits leave no temporary file behind (the one left is the one written above)
    assert [p.name for p in (tmp_path / "_parts").rglob("*.tmp")] == ["part-00002.json.tmp"]
    store.remove()
    assert not (tmp_path / "_parts").exists()


def test_table_writer_is_atomic_and_groups_rows(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    writer = TableWriter(path, EVENTS_SCHEMA, row_group_rows=5)
    for k in range(4):
        writer.write(_table(3, doc=f"d{k}"))
    assert not path.exists()  # readers never see a half-written table
    writer.close()
    meta = pq.ParquetFile(path).metadata
    assert meta.num_rows == 12
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [5, 5, 2]
    assert read_table(tmp_path, "events").column("doc_id").to_pylist() == [f"d{k}" for k in range(4) for _ in range(3)]


def test_read_table_reads_a_folder_of_parts(tmp_path: Path) -> None:
    folder = tmp_path / "events.parquet"
    folder.mkdir()
    pq.write_table(_table(2, "b"), folder / "part-00001.parquet")
    pq.write_table(_table(1, "a"), folder / "part-00000.parquet")
    table = read_table(tmp_path, "events")
    assert table.column("doc_id").to_pylist() == ["a", "b", "b"]
    with pytest.raises(FileNotFoundError):
        read_table(tmp_path, "mentions")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    from pipeline.engine import run_pipeline

    repo = Path(__file__).resolve().parents[2]
    out = tmp_path_factory.mktemp("write") / "run"
    run_pipeline(None, out, inputs=[repo / "corpus" / "demo"], nlp=nlp, partition_size=6)
    return out


def test_run_folder_tables_carry_the_schema_version(demo_run: Path) -> None:
    for name, schema in TABLES.items():
        file_schema = pq.read_schema(demo_run / f"{name}.parquet")
        assert file_schema.metadata[b"rachat.schema_version"] == SCHEMA_VERSION.encode()
        assert file_schema.metadata[b"rachat.table"] == name.encode()
        assert file_schema.remove_metadata().equals(schema.remove_metadata())
    manifest = json.loads((demo_run / "run.json").read_text(encoding="utf-8"))
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert sorted(p.name for p in demo_run.iterdir()) == ["articles.parquet", "events.parquet", "mentions.parquet", "quarantine.jsonl", "run.json"]


def test_pandas_and_duckdb_read_the_run(demo_run: Path) -> None:
    import pandas as pd

    duckdb = pytest.importorskip("duckdb")
    events = pd.read_parquet(demo_run / "events.parquet")
    manifest = json.loads((demo_run / "run.json").read_text(encoding="utf-8"))
    assert len(events) == manifest["counts"]["events"] > 0
    assert list(events.columns) == EVENTS_SCHEMA.names
    con = duckdb.connect()
    n_events = con.execute(f"SELECT count(*) FROM read_parquet('{demo_run}/events.parquet')").fetchone()
    assert n_events == (len(events),)
    joined = con.execute(
        f"SELECT count(*) FROM read_parquet('{demo_run}/mentions.parquet') m "
        f"JOIN read_parquet('{demo_run}/events.parquet') e USING (event_id)"
    ).fetchone()
    assert joined == (manifest["counts"]["mentions"],)
    kv = dict(con.execute(f"SELECT key, value FROM parquet_kv_metadata('{demo_run}/articles.parquet')").fetchall())
    assert kv[b"rachat.schema_version"] == SCHEMA_VERSION.encode()
    states = con.execute(f"SELECT state, count(*) FROM read_parquet('{demo_run}/articles.parquet') GROUP BY state").fetchall()
    assert states == [("processed", 20)]


def test_the_evaluation_reads_the_run(demo_run: Path) -> None:
    from pipeline.evaluate.predictions import read_events, read_mentions

    events = read_events(demo_run)
    mentions = read_mentions(demo_run)
    assert events and sum(len(v) for v in mentions.values()) == json.loads((demo_run / "run.json").read_text())["counts"]["mentions"]
