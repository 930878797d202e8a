"""Read a run folder's predictions: ``events.parquet`` (scored) and ``mentions.parquet`` (for ``--errors``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.match import PredEvent

REQUIRED_EVENT_COLUMNS = ("event_id", "doc_id", "event_type", "owner", "target")


def _str(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def read_events(run_dir: Path | str) -> list[PredEvent]:
    """Every event of a run folder (missing optional columns read as null)."""
    import pyarrow.parquet as pq

    run_dir = Path(run_dir)
    path = run_dir / "events.parquet" if run_dir.is_dir() else run_dir
    if not path.is_file():
        raise error("E011", path=run_dir)
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise error("E032", path=run_dir, reason=f"cannot read events.parquet: {exc}") from exc
    missing = [c for c in REQUIRED_EVENT_COLUMNS if c not in table.column_names]
    if missing:
        raise error("E032", path=run_dir, reason=f"events.parquet lacks columns {missing}")
    events: list[PredEvent] = []
    for row in table.to_pylist():
        confidence = _float(row.get("confidence"))
        events.append(
            PredEvent(
                event_id=str(row["event_id"]),
                doc_id=str(row["doc_id"]),
                type=str(row["event_type"]),
                owner=_str(row.get("owner")),
                target=_str(row.get("target")),
                seller=_str(row.get("seller")),
                stake=_float(row.get("stake_pct")),
                amount=_float(row.get("amount")),
                currency=_str(row.get("currency")),
                status=_str(row.get("status")),
                confidence=1.0 if confidence is None else confidence,
                evidence=_str(row.get("evidence")) or "",
            )
        )
    return events


def by_doc(events: list[PredEvent]) -> dict[str, list[PredEvent]]:
    out: dict[str, list[PredEvent]] = {}
    for event in events:
        out.setdefault(event.doc_id, []).append(event)
    return out


@dataclass(frozen=True)
class MentionRow:
    """The parts of a mention that error listings and the Label Studio exporter use."""

    event_id: str
    doc_id: str
    sentence: str
    sentence_start: int | None
    trigger: str | None
    trigger_start: int | None
    owner_start: int | None
    target_start: int | None
    seller_start: int | None
    stake_start: int | None
    amount_start: int | None
    owner: str | None
    target: str | None
    seller: str | None
    status_cue: str | None
    rule: str | None


def _int(value: Any) -> int | None:
    number = _float(value)
    return None if number is None else int(number)


def read_mentions(run_dir: Path | str) -> dict[str, list[MentionRow]]:
    """Mentions of a run by event_id (empty when the run has no mentions.parquet)."""
    import pyarrow.parquet as pq

    path = Path(run_dir) / "mentions.parquet"
    if not path.is_file():
        return {}
    try:
        rows = pq.read_table(path).to_pylist()
    except Exception as exc:  # see read_events
        raise error("E032", path=run_dir, reason=f"cannot read mentions.parquet: {exc}") from exc
    out: dict[str, list[MentionRow]] = {}
    for row in rows:
        mention = MentionRow(
            event_id=str(row.get("event_id")),
            doc_id=str(row.get("doc_id")),
            sentence=_str(row.get("sentence")) or "",
            sentence_start=_int(row.get("sentence_start")),
            trigger=_str(row.get("trigger")),
            trigger_start=_int(row.get("trigger_start")),
            owner_start=_int(row.get("owner_start")),
            target_start=_int(row.get("target_start")),
            seller_start=_int(row.get("seller_start")),
            stake_start=_int(row.get("stake_start")),
            amount_start=_int(row.get("amount_start")),
            owner=_str(row.get("owner")),
            target=_str(row.get("target")),
            seller=_str(row.get("seller")),
            status_cue=_str(row.get("status_cue")),
            rule=_str(row.get("rule")),
        )
        out.setdefault(mention.event_id, []).append(mention)
    return out
