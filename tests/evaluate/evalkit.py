"""Helpers for evaluation tests: hand-made gold events, predictions and run folders."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.evaluate.gold import GoldDoc, GoldEvent
from pipeline.evaluate.match import PredEvent
from pipeline.schema import EVENTS_SCHEMA, MENTIONS_SCHEMA


def gev(
    type_: str,
    owner: Sequence[str] | str | None,
    target: Sequence[str] | str | None,
    seller: Sequence[str] | str | None = None,
    stake: float | None = None,
    status: str | None = "completed",
) -> GoldEvent:
    def aliases(x: Sequence[str] | str | None) -> tuple[str, ...] | None:
        return None if x is None else ((x,) if isinstance(x, str) else tuple(x))

    return GoldEvent(type_, aliases(owner), aliases(target), aliases(seller), stake, None, None, status)


def pev(
    doc_id: str,
    type_: str,
    owner: str | None,
    target: str | None,
    seller: str | None = None,
    stake: float | None = None,
    status: str | None = "completed",
    confidence: float = 0.9,
    event_id: str | None = None,
) -> PredEvent:
    return PredEvent(
        event_id or f"{doc_id}-{type_}-{owner}-{target}-{seller}",
        doc_id,
        type_,
        owner,
        target,
        seller,
        stake,
        None,
        None,
        status,
        confidence,
        "",
    )


def gdoc(doc_id: str, *events: GoldEvent, text: str = "Un texte.") -> GoldDoc:
    return GoldDoc(id=doc_id, text=text, events=list(events))


def write_run(folder: Path, events: Iterable[PredEvent], mentions: Iterable[dict[str, Any]] = ()) -> Path:
    """A minimal run folder with the contract schemas."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "event_id": e.event_id,
            "doc_id": e.doc_id,
            "event_type": e.type,
            "owner": e.owner,
            "target": e.target,
            "seller": e.seller,
            "stake_pct": e.stake,
            "amount": e.amount,
            "currency": e.currency,
            "status": e.status,
            "confidence": e.confidence,
            "n_mentions": 1,
            "evidence": e.evidence or "",
            "url": None,
            "published": None,
            "title": None,
        }
        for e in events
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=EVENTS_SCHEMA), folder / "events.parquet")
    mention_rows = []
    for i, m in enumerate(mentions):
        row = {name: None for name in MENTIONS_SCHEMA.names}
        row.update({"mention_id": f"m{i}", "rule": "test", "confidence": 0.9, "status_cue": None})
        row.update(m)
        mention_rows.append(row)
    pq.write_table(pa.Table.from_pylist(mention_rows, schema=MENTIONS_SCHEMA), folder / "mentions.parquet")
    return folder


def write_jsonl(path: Path, lines: Iterable[dict[str, Any] | str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join((x if isinstance(x, str) else json.dumps(x, ensure_ascii=False)) + "\n" for x in lines),
        encoding="utf-8",
    )
    return path
