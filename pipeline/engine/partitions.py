"""Partitions: the units of work, cut the same way whatever the number of workers.

A partition is either a list of **slices of input files**, which the worker reads itself (so
only a small description crosses process boundaries, and on a cluster the workers read the
shared storage in parallel), or a list of **inline records** (plain dicts), for
``run_pipeline`` over articles already in memory (the gold texts of ``rachat evaluate``).

How files are cut, for ``partition_size = N``:

- JSON Lines: N lines per partition; the planner scans the file once for the byte offset of
  every N-th line, and the worker reads that byte range (line numbers in quarantine
  locations stay those of the whole file);
- Parquet: whole row groups, grouped up to N rows (a row group larger than N is one partition:
  write dumps with row groups of about N rows);
- one-article files (.txt, .html): up to N files per partition;
- other formats (.json, .csv, .warc): one file per partition.

Partitions are numbered in input order; the run folder lists their rows in that order, so
the output is the same for 1 worker, 16 workers or a Dask cluster.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from pipeline.ingest import FieldMap, discover, read_file
from pipeline.ingest.readers import format_of, read_jsonl_range, read_parquet_groups
from pipeline.ingest.records import too_large
from pipeline.schema import Article, Quarantined

Record = Article | Quarantined
ONE_ARTICLE_FORMATS = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Slice:
    """Part of one input file: a byte range of JSON Lines, row groups of Parquet, or the whole file."""

    path: str
    kind: str  # "lines" | "row_groups" | "file"
    start: int = 0  # first byte (lines) or first row group (row_groups)
    stop: int | None = None  # byte after the last (lines) or row group after the last
    first: int = 0  # lines before this slice (lines) or rows before it (row_groups)

    def describe(self) -> str:
        if self.kind == "lines":
            return f"{self.path} lines {self.first + 1}-"
        if self.kind == "row_groups":
            return f"{self.path} row groups {self.start}-{(self.stop or 0) - 1}"
        return self.path


@dataclass(frozen=True)
class Partition:
    """One unit of work: ``index`` in input order, and the records to read (about ``estimate``)."""

    index: int
    slices: tuple[Slice, ...] = ()
    records: tuple[dict[str, Any], ...] = ()
    estimate: int | None = None

    def describe(self) -> str:
        if self.records:
            return f"{len(self.records)} records in memory"
        return ", ".join(s.describe() for s in self.slices[:3]) + (" ..." if len(self.slices) > 3 else "")


# -- records as plain dicts --------------------------------------------------------------


def to_plain(record: Record) -> dict[str, Any]:
    """An Article or Quarantined as a dict of plain values (what crosses process boundaries)."""
    kind = "article" if isinstance(record, Article) else "quarantined"
    return {"kind": kind, **dataclasses.asdict(record)}


def from_plain(data: dict[str, Any]) -> Record:
    values = {k: v for k, v in data.items() if k != "kind"}
    return Article(**values) if data["kind"] == "article" else Quarantined(**values)


# -- planning ------------------------------------------------------------------------------


def inline_partitions(records: Iterable[Record], size: int) -> Iterator[Partition]:
    """Records already in memory, N to a partition (read lazily: the iterable may be a stream)."""
    it = iter(records)
    index = 0
    while chunk := list(islice(it, size)):
        yield Partition(index, records=tuple(to_plain(r) for r in chunk), estimate=len(chunk))
        index += 1


def plan_files(inputs: Iterable[Path | str], size: int) -> list[Partition]:
    """The partitions of input files and folders, in input order (see the module docstring)."""
    partitions: list[Partition] = []
    pending: list[Slice] = []  # one-article files waiting to fill a partition

    def add(slices: tuple[Slice, ...], estimate: int | None) -> None:
        partitions.append(Partition(len(partitions), slices=slices, estimate=estimate))

    def flush() -> None:
        if pending:
            add(tuple(pending), len(pending))
            pending.clear()

    for path in discover([Path(p) for p in inputs]):
        fmt = format_of(path)
        if fmt in ONE_ARTICLE_FORMATS:
            pending.append(Slice(str(path), "file"))
            if len(pending) >= size:
                flush()
            continue
        flush()
        if fmt in (".jsonl", ".ndjson"):
            for sl, n in _line_slices(path, size):
                add((sl,), n)
        elif fmt in (".parquet", ".pq"):
            for sl, n in _row_group_slices(path, size):
                add((sl,), n)
        else:
            add((Slice(str(path), "file"),), None)
    flush()
    return partitions


def _line_slices(path: Path, size: int) -> Iterator[tuple[Slice, int]]:
    """Byte ranges of ``size`` lines each (one pass over the file, no JSON parsing)."""
    start = pos = 0
    lines = first = 0
    try:
        with path.open("rb") as fh:
            for raw in fh:
                pos += len(raw)
                lines += 1
                if lines - first == size:
                    yield Slice(str(path), "lines", start, pos, first), size
                    start, first = pos, lines
    except OSError:
        pass  # the worker reads it again and quarantines it as unreadable
    if pos > start or lines == 0:
        yield Slice(str(path), "lines", start, None, first), lines - first


def _row_group_slices(path: Path, size: int) -> Iterator[tuple[Slice, int]]:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception:  # noqa: BLE001 - pyarrow raises several types for a bad file; the worker quarantines it
        yield Slice(str(path), "file"), 1
        return
    start, rows, first = 0, 0, 0
    for g in range(meta.num_row_groups):
        rows += meta.row_group(g).num_rows
        if rows >= size:
            yield Slice(str(path), "row_groups", start, g + 1, first), rows
            start, first, rows = g + 1, first + rows, 0
    if start < meta.num_row_groups:
        yield Slice(str(path), "row_groups", start, meta.num_row_groups, first), rows


# -- reading (in the worker) ---------------------------------------------------------------


def read_partition(partition: Partition, fields: dict[str, str], max_chars: int) -> Iterator[Record]:
    """Every record of a partition, in order, as the ingest readers would give them."""
    if partition.records:
        for data in partition.records:
            yield from_plain(data)
        return
    field_map = FieldMap(dict(fields))
    for sl in partition.slices:
        if sl.kind == "file":
            yield from read_file(Path(sl.path), field_map, max_chars=max_chars)
            continue
        reader = _read_lines if sl.kind == "lines" else _read_row_groups
        try:
            for record in reader(sl, field_map):
                yield too_large(record, max_chars)
        except (OSError, UnicodeError, ValueError, EOFError) as exc:
            yield Quarantined(sl.path, sl.path, f"unreadable file: {type(exc).__name__}: {exc}", "")


def _read_lines(sl: Slice, fields: FieldMap) -> Iterator[Record]:
    """The byte range of a JSON Lines file, with the file's own line numbers."""
    return read_jsonl_range(Path(sl.path), fields, sl.start, sl.stop, sl.first)


def _read_row_groups(sl: Slice, fields: FieldMap) -> Iterator[Record]:
    """Some row groups of a Parquet file, with the file's own row numbers."""
    import pyarrow.parquet as pq

    stop = sl.stop if sl.stop is not None else pq.ParquetFile(sl.path).metadata.num_row_groups
    return read_parquet_groups(Path(sl.path), fields, list(range(sl.start, stop)), sl.first)
