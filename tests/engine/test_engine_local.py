"""The local engine: counts that reconcile, offsets into the full text, the gate, the pool, skip-known."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipeline.engine import run_pipeline
from pipeline.engine.partitions import plan_files
from pipeline.engine.settings import RunSettings
from pipeline.engine.worker import UNUSED_PIPES, PartitionRunner
from pipeline.ingest import FieldMap, read_file
from pipeline.prepare import prepare
from pipeline.schema import Article

REPO = Path(__file__).resolve().parents[2]


def _manifest(run: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((run / "run.json").read_text(encoding="utf-8"))
    return manifest


def test_counts_reconcile_with_the_input(dump: Any, reference_run: Path) -> None:
    manifest = _manifest(reference_run)
    counts = manifest["counts"]
    assert manifest["reconciled"]
    assert counts["read"] == dump.n_articles + dump.n_quarantined == counts["processed"] + counts["skipped"] + counts["quarantined"]
    assert counts["quarantined"] == dump.n_quarantined == len((reference_run / "quarantine.jsonl").read_text().splitlines())
    assert manifest["skipped_reasons"] == {"duplicate_of": 1, "lang=en": 1}
    articles = {r["doc_id"]: r for r in pq.read_table(reference_run / "articles.parquet").to_pylist()}
    assert list(articles) == list(dump.ids)  # input order
    copy, first = dump.duplicate
    assert articles[copy]["state"] == f"skipped:duplicate_of={first}" and articles[copy]["n_events"] == 0
    assert articles[dump.english]["state"] == "skipped:lang=en"
    events = pq.read_table(reference_run / "events.parquet").to_pylist()
    assert counts["events"] == len(events) > 20
    assert not [e for e in events if e["doc_id"] == copy]  # a copy's events are not counted twice
    assert sum(a["n_events"] for a in articles.values()) == len(events)
    assert not (reference_run / "_parts").exists()


def test_mention_offsets_point_into_the_full_article_text(dump: Any, reference_run: Path) -> None:
    """The gate blanks what it does not parse: offsets still index the whole (prepared) text."""
    texts = {r.doc_id: prepare(r).text for r in read_file(dump.path, FieldMap()) if isinstance(r, Article)}
    mentions = pq.read_table(reference_run / "mentions.parquet").to_pylist()
    assert mentions
    for m in mentions:
        text = texts[m["doc_id"]]
        assert text[m["sentence_start"] :].startswith(m["sentence"]), m
        assert text[m["trigger_start"] :].startswith(m["trigger"]), m
        for role in ("owner", "target", "seller"):
            start = m[f"{role}_start"]
            if start is not None and m[role] and m["rule"].find("context") < 0:
                assert 0 <= start < len(text)


def test_the_gate_skips_the_parser_without_losing_events(dump: Any, nlp: Any, reference_run: Path, tmp_path: Path) -> None:
    extra = {"id": "meteo", "text": "Il a plu toute la journée sur la Bretagne.\nLes températures remontent demain après-midi."}
    path = tmp_path / "with-weather.jsonl"
    path.write_text(dump.path.read_text(encoding="utf-8") + json.dumps(extra, ensure_ascii=False) + "\n", encoding="utf-8")
    gated = run_pipeline(None, tmp_path / "gated", inputs=[path], nlp=nlp, partition_size=dump.partition_size)
    full = run_pipeline(None, tmp_path / "full", inputs=[path], nlp=nlp, partition_size=dump.partition_size, gate=False)
    assert gated["gate"]["chars_parsed"] < full["gate"]["chars_parsed"] == full["gate"]["chars"]
    # the copy of an article is parsed (duplicates are decided at the ordered merge), the weather is not
    assert gated["gate"]["articles_parsed"] == full["gate"]["articles_parsed"] - 1 == gated["counts"]["processed"]
    meteo = [r for r in pq.read_table(tmp_path / "gated" / "articles.parquet").to_pylist() if r["doc_id"] == "meteo"]
    assert meteo == [dict(meteo[0], state="processed", n_events=0)]
    key = ("doc_id", "event_type", "owner", "target", "seller")
    with_gate = {tuple(e[k] for k in key) for e in pq.read_table(tmp_path / "gated" / "events.parquet").to_pylist()}
    without = {tuple(e[k] for k in key) for e in pq.read_table(tmp_path / "full" / "events.parquet").to_pylist()}
    assert len(with_gate & without) >= 0.95 * len(without)


def test_two_workers_write_what_one_writes(dump: Any, reference_run: Path, tmp_path: Path, same_tables: Any) -> None:
    manifest = run_pipeline(None, tmp_path / "pool", inputs=[dump.path], workers=2, partition_size=dump.partition_size)
    assert manifest["settings"]["workers"] == 2
    same_tables(reference_run, tmp_path / "pool")
    assert manifest["counts"] == _manifest(reference_run)["counts"]


def test_records_in_memory_give_the_same_run(dump: Any, nlp: Any, reference_run: Path, tmp_path: Path, same_tables: Any) -> None:
    from pipeline.ingest import iter_records

    progress: list[int] = []
    run_pipeline(iter_records([dump.path]), tmp_path / "mem", nlp=nlp, partition_size=dump.partition_size, progress=progress.append)
    assert sum(progress) == dump.n_articles + dump.n_quarantined
    pq_ref = pq.read_table(reference_run / "events.parquet")
    assert pq.read_table(tmp_path / "mem" / "events.parquet").equals(pq_ref)


def test_skip_known(dump: Any, demo: list[dict[str, Any]], nlp: Any, reference_run: Path, tmp_path: Path, make_dump: Any) -> None:
    new = [{"id": "new-01", "text": "Le groupe Exempla a racheté la start-up Nouvelle Vague pour 12 millions d'euros."}]
    path = tmp_path / "next.jsonl"
    make_dump(path, demo[:6] + new)
    manifest = run_pipeline(None, tmp_path / "next", inputs=[path], nlp=nlp, skip_known=str(reference_run))
    states = {r["doc_id"]: r["state"] for r in pq.read_table(tmp_path / "next" / "articles.parquet").to_pylist()}
    assert states == {**{d["id"]: "skipped:known" for d in demo[:6]}, "new-01": "processed"}
    assert manifest["counts"]["read"] == 7 and manifest["counts"]["skipped"] == 6 and manifest["reconciled"]
    assert manifest["skipped_reasons"] == {"known": 6}
    assert {e["doc_id"] for e in pq.read_table(tmp_path / "next" / "events.parquet").to_pylist()} == {"new-01"}


def test_memory_zone_keeps_the_string_store_flat(nlp: Any, tmp_path: Path, make_dump: Any) -> None:
    """Words never seen before (made-up company names) do not stay in the vocabulary."""
    runner = PartitionRunner(RunSettings(partition_size=10), nlp)

    def batch(k: int) -> Path:
        path = tmp_path / f"b{k}.jsonl"
        recs = [{"id": f"z{k}-{i}", "text": f"La société Zorglub{k}x{i} a racheté Vrombix{k}y{i} pour 3 millions d'euros."} for i in range(10)]
        make_dump(path, recs)
        return path

    runner.run(plan_files([batch(0)], 10)[0])
    before = len(nlp.vocab.strings)
    for k in range(1, 4):
        result = runner.run(plan_files([batch(k)], 10)[0])
        assert len(result["events"]["event_id"]) > 0
    assert len(nlp.vocab.strings) <= before


def test_no_stage_reads_what_the_engine_switches_off() -> None:
    """The engine parses without the lemmatizer: no stage may read lemmas (``lemma_``)."""
    assert UNUSED_PIPES == ("lemmatizer",)
    offenders = []
    for folder in ("annotate", "extract", "qualify", "resolve"):
        for path in (REPO / "pipeline" / folder).rglob("*.py"):
            if "transformer" in path.parts:
                continue
            if re.search(r"\.lemma_\b|[\"']LEMMA[\"']", path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_unknown_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="gaet"):
        run_pipeline([], tmp_path / "x", gaet=False)
