"""A crawl, end to end: warc.gz -> prepare -> run folder with the Orange / Cloudwatt acquisition."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingestkit import WarcSpec

from pipeline.ingest import iter_records
from pipeline.prepare import Deduplicator, prepare
from pipeline.schema import Article, stable_id

engine = pytest.importorskip("pipeline.engine")


@pytest.mark.slow
def test_crawl_to_run_folder(crawl: WarcSpec, tmp_path: Path, nlp: object) -> None:
    import pyarrow.parquet as pq

    dedup = Deduplicator()
    records = (prepare(r, dedup=dedup) if isinstance(r, Article) else r for r in iter_records([crawl.path]))
    out = tmp_path / "run"
    manifest = engine.run_pipeline(records, out, nlp=nlp)

    counts = manifest["counts"]
    assert counts["read"] == 7
    assert (counts["processed"], counts["skipped"], counts["quarantined"]) == (3, 2, 2)
    assert counts["read"] == counts["processed"] + counts["skipped"] + counts["quarantined"]

    articles = {row["url"]: row for row in pq.read_table(out / "articles.parquet").to_pylist()}
    (english,) = crawl.english_urls
    assert articles[english]["state"] == "skipped:lang=en"
    for copy, first in crawl.duplicate_of.items():
        assert articles[copy]["state"] == f"skipped:duplicate_of={stable_id(first)}"

    events = pq.read_table(out / "events.parquet").to_pylist()
    orange = [
        e
        for e in events
        if e["event_type"] == "acquisition" and e["owner"] == "Orange" and (e["target"] or "").lower() == "cloudwatt"
    ]
    assert orange, f"no Orange/Cloudwatt acquisition in {[(e['event_type'], e['owner'], e['target']) for e in events]}"
    assert orange[0]["url"] == crawl.html_urls[0]
    assert orange[0]["published"] == "2015-03-12"

    quarantine = [json.loads(line) for line in (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(quarantine) == 2
