"""Fixtures of the engine tests: a small dump with every kind of record, and one reference run.

The dump is built from the team's own demo articles (``corpus/demo``) plus records written
here: a copy of an article under another id, an English article, a line of broken JSON, a
record without text. The reference run is made once, in this process, with the session's
spaCy pipeline; the other engines (process pool, Dask, resume after kill -9) must write the
very same tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "corpus" / "demo"
PARTITION_SIZE = 4

ENGLISH = (
    "Microsoft said on Monday that it had agreed to buy a small software company based in Seattle for an "
    "undisclosed sum. The deal is expected to close in the next quarter, and the company will keep its forty "
    "employees and its brand, according to a statement published by both firms."
)


@dataclass(frozen=True)
class Dump:
    path: Path
    n_lines: int
    n_articles: int  # records that are articles (not quarantined)
    n_quarantined: int
    duplicate: tuple[str, str]  # (copy, first)
    english: str
    ids: tuple[str, ...]
    partition_size: int = PARTITION_SIZE


def demo_records() -> list[dict[str, Any]]:
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8").strip()} for p in sorted(DEMO.glob("*.txt"))]


def write_dump(path: Path, records: list[dict[str, Any]], bad_lines: dict[int, str] | None = None) -> int:
    """Write ``records`` as JSON Lines, with raw ``bad_lines`` inserted before the given record numbers."""
    lines = []
    for i, rec in enumerate(records):
        if bad_lines and i in bad_lines:
            lines.append(bad_lines[i])
        lines.append(json.dumps(rec, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


@pytest.fixture(scope="session")
def dump(tmp_path_factory: pytest.TempPathFactory) -> Dump:
    records = demo_records()
    first = records[2]
    records.insert(9, {"id": "copy-of-" + first["id"], "text": first["text"]})
    records.insert(14, {"id": "english-01", "text": ENGLISH})
    records.insert(5, {"id": "no-text", "title": "Un titre sans article"})
    path = tmp_path_factory.mktemp("dump") / "dump.jsonl"
    n_lines = write_dump(path, records, bad_lines={7: '{"id": "broken", "text": "Orange rachète'})
    return Dump(
        path=path,
        n_lines=n_lines,
        n_articles=len(records) - 1,
        n_quarantined=2,
        duplicate=("copy-of-" + first["id"], first["id"]),
        english="english-01",
        ids=tuple(r["id"] for r in records if "text" in r),
    )


@pytest.fixture(scope="session")
def reference_run(dump: Dump, nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dump run in this process (1 worker) with the session's pipeline."""
    from pipeline.engine import run_pipeline

    out = tmp_path_factory.mktemp("reference") / "run"
    run_pipeline(None, out, inputs=[dump.path], nlp=nlp, workers=1, partition_size=PARTITION_SIZE)
    return out


def assert_same_tables(run_a: Path, run_b: Path) -> None:
    """The three tables and the quarantine of two runs are identical, row for row."""
    for name in ("events", "mentions", "articles"):
        a, b = pq.read_table(run_a / f"{name}.parquet"), pq.read_table(run_b / f"{name}.parquet")
        assert a.num_rows == b.num_rows, name
        assert a.equals(b), f"{name}.parquet differs"
    assert (run_a / "quarantine.jsonl").read_text(encoding="utf-8") == (run_b / "quarantine.jsonl").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def same_tables() -> Any:
    return assert_same_tables


@pytest.fixture(scope="session")
def make_dump() -> Any:
    """``make_dump(path, records, bad_lines=None) -> number of lines`` (JSON Lines writer)."""
    return write_dump


@pytest.fixture(scope="session")
def demo() -> list[dict[str, Any]]:
    """The demo articles as records {id, text}."""
    return demo_records()
