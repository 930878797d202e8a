"""Parquet tables of a run, written in row groups as batches arrive.

Each table is written to ``<name>.parquet.tmp`` and renamed when the run closes, so a
reader never sees a half-written file. Schemas are the explicit ones of
``pipeline.schema``; their metadata carries the schema version.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import ARTICLES_SCHEMA, EVENTS_SCHEMA, MENTIONS_SCHEMA, Article, Event, Mention, Quarantined

TABLES = {"events": EVENTS_SCHEMA, "mentions": MENTIONS_SCHEMA, "articles": ARTICLES_SCHEMA}


def to_rows(items: list[Any], schema: pa.Schema) -> pa.Table:
    names = schema.names
    rows = [{k: v for k, v in dataclasses.asdict(i).items() if k in names} if dataclasses.is_dataclass(i) else i for i in items]
    return pa.Table.from_pylist(rows, schema=schema)


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


class RunWriter:
    """Streams events, mentions and articles to Parquet; quarantined records to JSONL."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._quarantine = (out / "quarantine.jsonl.tmp").open("w", encoding="utf-8")

    def _write(self, name: str, table: pa.Table) -> None:
        if name not in self._writers:
            self._writers[name] = pq.ParquetWriter(self.out / f"{name}.parquet.tmp", TABLES[name], compression="zstd")
        if table.num_rows:
            self._writers[name].write_table(table)

    def add(self, events: list[Event], mentions: list[Mention], articles: list[dict[str, Any]]) -> None:
        self._write("events", to_rows(events, EVENTS_SCHEMA))
        self._write("mentions", to_rows(mentions, MENTIONS_SCHEMA))
        self._write("articles", to_rows(articles, ARTICLES_SCHEMA))

    def quarantine(self, record: Quarantined) -> None:
        self._quarantine.write(json.dumps(dataclasses.asdict(record), ensure_ascii=False) + "\n")

    def close(self, manifest: dict[str, Any]) -> None:
        for name, schema in TABLES.items():
            if name not in self._writers:
                self._writers[name] = pq.ParquetWriter(self.out / f"{name}.parquet.tmp", schema, compression="zstd")
            self._writers[name].close()
            os.replace(self.out / f"{name}.parquet.tmp", self.out / f"{name}.parquet")
        self._quarantine.close()
        os.replace(self.out / "quarantine.jsonl.tmp", self.out / "quarantine.jsonl")
        tmp = self.out / "run.json.tmp"
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        os.replace(tmp, self.out / "run.json")


def read_table(run_dir: Path, name: str) -> pa.Table:
    """One table of a run folder (a file, or a folder of parts)."""
    return pq.read_table(run_dir / f"{name}.parquet")
