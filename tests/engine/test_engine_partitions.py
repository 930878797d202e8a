"""Partitions: cut the inputs, then read each partition as the ingest readers read the whole file."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.engine.partitions import from_plain, inline_partitions, plan_files, read_partition, to_plain
from pipeline.ingest import FieldMap, read_file
from pipeline.schema import Article, Quarantined

MAX_CHARS = 2_000_000


def _records(path: Path) -> list[dict[str, object]]:
    return [dataclasses.asdict(r) | {"kind": type(r).__name__} for r in read_file(path, FieldMap(), max_chars=MAX_CHARS)]


def _partitioned(paths: list[Path], size: int) -> list[dict[str, object]]:
    out = []
    for part in plan_files(paths, size):
        out.extend(dataclasses.asdict(r) | {"kind": type(r).__name__} for r in read_partition(part, {}, MAX_CHARS))
    return out


@pytest.fixture
def messy_jsonl(tmp_path: Path) -> Path:
    lines = []
    for i in range(17):
        if i == 4:
            lines.append('{"id": "broken", "text": ')
        if i == 8:
            lines.append("")
        if i == 11:
            lines.append('["not", "an", "object"]')
        lines.append(json.dumps({"id": f"a{i}", "text": f"Article numéro {i} : la société Exemple{i} rachète Cible{i}.", "url": f"https://ex.fr/{i}"}))
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_jsonl_partitions_read_like_the_whole_file(messy_jsonl: Path, size: int) -> None:
    assert _partitioned([messy_jsonl], size) == _records(messy_jsonl)


def test_jsonl_partitions_have_the_requested_size(messy_jsonl: Path) -> None:
    parts = plan_files([messy_jsonl], 5)
    assert [p.index for p in parts] == list(range(len(parts)))
    n_lines = len(messy_jsonl.read_bytes().splitlines())
    assert sum(p.estimate or 0 for p in parts) == n_lines
    assert all(p.estimate == 5 for p in parts[:-1])
    # quarantine locations keep the line numbers of the whole file
    locations = [r.location for p in parts for r in read_partition(p, {}, MAX_CHARS) if isinstance(r, Quarantined)]
    assert locations == [f"{messy_jsonl}:5", f"{messy_jsonl}:14"]


def test_parquet_partitions_follow_row_groups(tmp_path: Path) -> None:
    rows = [{"id": f"p{i}", "text": f"Texte {i} : Alpha{i} cède Beta{i}.", "title": f"Titre {i}"} for i in range(10)]
    path = tmp_path / "dump.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    parts = plan_files([path], 5)
    assert [p.estimate for p in parts] == [6, 4]  # row groups of 3, 3 | 3, 1
    assert _partitioned([path], 5) == _records(path)


def test_one_article_files_are_grouped(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"doc{i}.txt").write_text(f"Article {i} : Gamma rachète Delta{i}.", encoding="utf-8")
    parts = plan_files([tmp_path], 2)
    assert [p.estimate for p in parts] == [2, 2, 1]
    got = [r.doc_id for p in parts for r in read_partition(p, {}, MAX_CHARS) if isinstance(r, Article)]
    assert got == [f"doc{i}" for i in range(5)]


def test_too_large_articles_are_quarantined(messy_jsonl: Path) -> None:
    (part,) = plan_files([messy_jsonl], 100)
    records = list(read_partition(part, {}, 20))
    assert all(isinstance(r, Quarantined) for r in records)
    assert sum("too large" in r.reason for r in records if isinstance(r, Quarantined)) == 17


def test_inline_partitions_round_trip() -> None:
    records = [Article(f"d{i}", f"Texte {i}", extra={"crawl_date": "2015-01-01"}) for i in range(5)]
    records.insert(2, Quarantined("mem", "mem#2", "empty text", ""))
    parts = list(inline_partitions(iter(records), 4))
    assert [len(p.records) for p in parts] == [4, 2]
    assert all(isinstance(v, str | int | float | dict | type(None)) for p in parts for r in p.records for v in r.values())
    assert [from_plain(to_plain(r)) for r in records] == records
    assert list(r for p in parts for r in read_partition(p, {}, MAX_CHARS)) == records
