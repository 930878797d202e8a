"""Parquet tables of a run: parts committed atomically while it runs, one file per table at the end.

While a run goes on, each finished partition is committed to ``<run>/_parts/``: its tables as
``<table>/part-NNNNN.parquet`` (written to a ``.tmp`` name, then renamed), then a marker
``done/part-NNNNN.json`` that says the partition is complete; a partition without its marker
does not exist (``--resume`` redoes it). When every partition is done the engine merges the
parts, in partition order, into ``events.parquet``, ``mentions.parquet`` and
``articles.parquet`` (row groups of up to 64k rows, memory bounded by one row group), renames
them into place and removes ``_parts``. So a finished run folder holds one file per table,
which pandas, polars, DuckDB, Spark and Hugging Face ``datasets`` read as they are.

Schemas are the explicit ones of ``pipeline.schema``; their metadata (``rachat.schema_version``,
``rachat.table``) is written into every file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import ARTICLES_SCHEMA, EVENTS_SCHEMA, MENTIONS_SCHEMA, Article, Event, Mention

__all__ = [
    "ARTICLES_SCHEMA",
    "EVENTS_SCHEMA",
    "MENTIONS_SCHEMA",
    "PartStore",
    "TABLES",
    "TableWriter",
    "article_row",
    "columns_of",
    "read_table",
    "table_path",
    "to_rows",
    "write_json",
]

TABLES: dict[str, pa.Schema] = {"events": EVENTS_SCHEMA, "mentions": MENTIONS_SCHEMA, "articles": ARTICLES_SCHEMA}
ROW_GROUP_ROWS = 65_536
PARTS = "_parts"


def _as_dict(item: Any, names: list[str]) -> dict[str, Any]:
    data = dataclasses.asdict(item) if dataclasses.is_dataclass(item) and not isinstance(item, type) else item
    return {k: v for k, v in data.items() if k in names}


def to_rows(items: list[Any], schema: pa.Schema) -> pa.Table:
    """Dataclasses (Event, Mention) or dicts as a table of ``schema``."""
    names = schema.names
    return pa.Table.from_pylist([_as_dict(i, names) for i in items], schema=schema)


def columns_of(items: Iterable[Event | Mention | Mapping[str, Any]], schema: pa.Schema) -> dict[str, list[Any]]:
    """Items as plain columns (what a worker sends back): ``{"event_id": [...], ...}``."""
    names = schema.names
    cols: dict[str, list[Any]] = {n: [] for n in names}
    for item in items:
        data = _as_dict(item, names)
        for n in names:
            cols[n].append(data.get(n))
    return cols


def article_row(article: Article, n_events: int) -> dict[str, Any]:
    return {
        "doc_id": article.doc_id,
        "source": article.source,
        "origin": article.origin,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "lang": article.lang,
        "n_chars": len(article.text),
        "state": article.state,
        "n_events": n_events,
    }


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (tmp + rename)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def _write_table(path: Path, table: pa.Table) -> None:
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


class TableWriter:
    """One table written in row groups of ``row_group_rows`` to ``path.tmp``, renamed on close."""

    def __init__(self, path: Path, schema: pa.Schema, row_group_rows: int = ROW_GROUP_ROWS) -> None:
        self.path = path
        self.schema = schema
        self.row_group_rows = row_group_rows
        self._tmp = path.with_name(path.name + ".tmp")
        self._writer = pq.ParquetWriter(self._tmp, schema, compression="zstd")
        self._buffer: list[pa.Table] = []
        self._buffered = 0
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if not table.num_rows:
            return
        self._buffer.append(table)
        self._buffered += table.num_rows
        self.rows += table.num_rows
        if self._buffered >= self.row_group_rows:
            self._flush(full_only=True)

    def _flush(self, full_only: bool = False) -> None:
        """Write the buffer as row groups of exactly ``row_group_rows`` (the rest waits, unless closing)."""
        if not self._buffer:
            return
        table = pa.concat_tables(self._buffer)
        n = self.row_group_rows
        while table.num_rows >= n or (not full_only and table.num_rows):
            self._writer.write_table(table.slice(0, n), row_group_size=n)
            table = table.slice(n)
        self._buffer = [table] if table.num_rows else []
        self._buffered = table.num_rows

    def close(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._tmp, self.path)


class PartStore:
    """The committed partitions of a run in progress (``<run>/_parts``)."""

    def __init__(self, run_dir: Path) -> None:
        self.root = run_dir / PARTS
        self.done_dir = self.root / "done"

    def exists(self) -> bool:
        return self.done_dir.is_dir()

    def create(self) -> None:
        self.done_dir.mkdir(parents=True, exist_ok=True)
        for name in TABLES:
            (self.root / name).mkdir(exist_ok=True)

    def _part(self, name: str, index: int) -> Path:
        return self.root / name / f"part-{index:05d}.parquet"

    def commit(self, index: int, tables: Mapping[str, pa.Table], marker: dict[str, Any]) -> None:
        """Write the tables of partition ``index``, then its marker: the marker makes it count."""
        written = []
        for name, table in tables.items():
            if table.num_rows:
                _write_table(self._part(name, index), table)
                written.append(name)
        write_json(self._marker_path(index), {**marker, "index": index, "tables": written})

    def _marker_path(self, index: int) -> Path:
        return self.done_dir / f"part-{index:05d}.json"

    def done(self) -> dict[int, int]:
        """The committed partitions: index -> records read. Only that is kept of each marker,
        so a run of millions of articles does not hold every marker in memory."""
        out: dict[int, int] = {}
        if not self.done_dir.is_dir():
            return out
        for path in sorted(self.done_dir.glob("part-*.json")):
            marker = self._load(path)
            if marker is not None:
                out[int(marker["index"])] = int(marker.get("n_records", 0))
        return out

    def marker(self, index: int) -> dict[str, Any]:
        """The whole marker of a committed partition (counts, quarantined records, duplicate keys)."""
        marker = self._load(self._marker_path(index))
        if marker is None:
            raise FileNotFoundError(self._marker_path(index))
        return marker

    @staticmethod
    def _load(path: Path) -> dict[str, Any] | None:
        try:
            marker: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # written by rename, so never half a marker; unreadable = not committed
        return marker

    def table(self, name: str, index: int, marker: Mapping[str, Any]) -> pa.Table:
        if name not in marker.get("tables", ()):
            return TABLES[name].empty_table()
        return pq.read_table(self._part(name, index), schema=TABLES[name])

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def table_path(run_dir: Path, name: str) -> Path | None:
    """``run_dir/<name>.parquet`` (a file, or a folder of ``part-*.parquet``), or None."""
    path = Path(run_dir) / f"{name}.parquet"
    return path if path.exists() else None


def read_table(run_dir: Path, name: str) -> pa.Table:
    """One table of a run folder (a file, or a folder of parts), with its rachat schema."""
    path = table_path(run_dir, name)
    if path is None:
        raise FileNotFoundError(Path(run_dir) / f"{name}.parquet")
    schema = TABLES.get(name)
    if path.is_dir():
        files = sorted(path.glob("*.parquet"))
        if not files:
            return schema.empty_table() if schema is not None else pa.table({})
        return pa.concat_tables(pq.read_table(f, schema=schema) for f in files)
    return pq.read_table(path, schema=schema)
