"""The data model of rachat: one source of truth for every stage.

Dataclasses travel between stages; pyarrow schemas describe the Parquet tables
written to a run folder. The events columns are a contract (see DESIGN.md):
evaluation and downstream users rely on their names and types.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1.0"

EVENT_TYPES = ("acquisition", "merger", "holding", "investment")
STATUSES = ("completed", "pending", "rumored", "cancelled")
ROLES = ("owner", "target", "seller")


@dataclass
class Article:
    """One input article, whatever the dump it came from."""

    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str = ""
    # where it came from: "file.jsonl:12", "folder/a.txt"
    origin: str = ""
    lang: str | None = None
    state: str = "processed"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Quarantined:
    """An input record that could not be used, with the reason why."""

    source: str
    location: str
    reason: str
    raw: str


@dataclass
class Mention:
    """One sentence-level statement of an ownership event."""

    doc_id: str
    event_type: str
    owner: str | None
    target: str | None
    seller: str | None
    stake_pct: float | None
    amount: float | None
    currency: str | None
    status: str | None
    sentence: str
    sentence_start: int
    trigger: str
    trigger_start: int
    owner_start: int | None = None
    target_start: int | None = None
    seller_start: int | None = None
    stake_start: int | None = None
    amount_start: int | None = None
    status_cue: str | None = None
    rule: str = ""
    confidence: float = 0.5
    mention_id: str = ""
    event_id: str = ""


@dataclass
class Event:
    """One ownership event per (doc_id, event_type, owner, target, seller)."""

    event_id: str
    doc_id: str
    event_type: str
    owner: str | None
    target: str | None
    seller: str | None
    stake_pct: float | None
    amount: float | None
    currency: str | None
    status: str | None
    confidence: float
    n_mentions: int
    evidence: str
    url: str | None = None
    published: str | None = None
    title: str | None = None


def stable_id(*parts: object, length: int = 16) -> str:
    """A short deterministic id from any parts (same input, same id, any machine)."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


def _meta(table: str) -> dict[bytes, bytes]:
    return {b"rachat.schema_version": SCHEMA_VERSION.encode(), b"rachat.table": table.encode()}


EVENTS_SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("owner", pa.string()),
        pa.field("target", pa.string()),
        pa.field("seller", pa.string()),
        pa.field("stake_pct", pa.float64()),
        pa.field("amount", pa.float64()),
        pa.field("currency", pa.string()),
        pa.field("status", pa.string()),
        pa.field("confidence", pa.float64(), nullable=False),
        pa.field("n_mentions", pa.int32(), nullable=False),
        pa.field("evidence", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("published", pa.string()),
        pa.field("title", pa.string()),
    ],
    metadata=_meta("events"),
)

MENTIONS_SCHEMA = pa.schema(
    [
        pa.field("mention_id", pa.string(), nullable=False),
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("event_type", pa.string(), nullable=False),
        pa.field("owner", pa.string()),
        pa.field("target", pa.string()),
        pa.field("seller", pa.string()),
        pa.field("stake_pct", pa.float64()),
        pa.field("amount", pa.float64()),
        pa.field("currency", pa.string()),
        pa.field("status", pa.string()),
        pa.field("sentence", pa.string(), nullable=False),
        pa.field("sentence_start", pa.int64(), nullable=False),
        pa.field("trigger", pa.string(), nullable=False),
        pa.field("trigger_start", pa.int64(), nullable=False),
        pa.field("owner_start", pa.int64()),
        pa.field("target_start", pa.int64()),
        pa.field("seller_start", pa.int64()),
        pa.field("stake_start", pa.int64()),
        pa.field("amount_start", pa.int64()),
        pa.field("status_cue", pa.string()),
        pa.field("rule", pa.string(), nullable=False),
        pa.field("confidence", pa.float64(), nullable=False),
    ],
    metadata=_meta("mentions"),
)

ARTICLES_SCHEMA = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("origin", pa.string()),
        pa.field("url", pa.string()),
        pa.field("title", pa.string()),
        pa.field("published", pa.string()),
        pa.field("lang", pa.string()),
        pa.field("n_chars", pa.int64(), nullable=False),
        pa.field("state", pa.string(), nullable=False),
        pa.field("n_events", pa.int32(), nullable=False),
    ],
    metadata=_meta("articles"),
)

EVENT_COLUMNS = tuple(EVENTS_SCHEMA.names)
