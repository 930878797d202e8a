"""A run's events -> Label Studio tasks with pre-annotations (``predictions``) for a person to correct.

Each event becomes one trigger region (label = event type, per-region ``status`` choice) with
``owner`` / ``target`` / ``seller`` relations to COMPANY regions, ``stake`` to a STAKE region and
``amount`` to an AMOUNT region: the scheme of :mod:`pipeline.evaluate.importers.scheme`, so the
corrected export imports back with ``rachat import-gold --format labelstudio``.

The run folder holds offsets (``mentions.parquet``: ``trigger_start``, ``owner_start``, ...) but not
the texts, so the texts come from the inputs given to ``extract`` (``--texts``) or from a gold file
(``--gold``, whose ``text_ref`` is carried in the task so the import keeps the pointer). Spans are
placed at the mention offsets when the name is there; otherwise at the occurrence of the name
nearest to the trigger (a pronoun resolved by coreference is shown on the name it stands for); an
argument that cannot be placed is left for the annotator and counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.importers.values import parse_amount, parse_stake
from pipeline.evaluate.match import PredEvent
from pipeline.evaluate.predictions import MentionRow, by_doc, read_events, read_mentions

_STAKE_AT = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|pour\s*cents?)|(?:l['’]\s*)?(?:totalit[ée]|int[ée]gralit[ée]|moiti[ée]|(?:deux\s+)?tiers|(?:trois\s+)?quarts?)",
    re.IGNORECASE,
)
_AMOUNT_AT = re.compile(
    r"(?:[€$£]\s*)?\d[\d\u00a0\u202f ]*(?:[.,]\d+)?\s*(?:milliards?|millions?|mds?|mrds?|md|bn|mio|k|m)?\s*"
    r"(?:d['’]\s*|de\s+)?(?:euros?|dollars?|livres?(?:\s+sterling)?|francs?\s+suisses|yens?|yuans?|€|\$|£|eur|usd|gbp|chf)?",
    re.IGNORECASE,
)


@dataclass
class _Task:
    """Regions and relations of one task being built."""

    text: str
    result: list[dict[str, Any]] = field(default_factory=list)
    regions: dict[tuple[str, int, int], str] = field(default_factory=dict)

    def region(self, label: str, start: int, end: int, score: float | None = None) -> str:
        key = (label, start, end)
        if key not in self.regions or label in _TRIGGERS:
            rid = f"r{len(self.result)}"
            self.regions[key] = rid
            item: dict[str, Any] = {
                "id": rid,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": start, "end": end, "text": self.text[start:end], "labels": [label]},
            }
            if score is not None:
                item["score"] = round(score, 4)
            self.result.append(item)
        return self.regions[key]

    def relation(self, from_id: str, to_id: str, label: str) -> None:
        self.result.append(
            {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [label]}
        )

    def status(self, rid: str, start: int, end: int, status: str) -> None:
        self.result.append(
            {
                "id": rid,
                "from_name": "status",
                "to_name": "text",
                "type": "choices",
                "value": {"start": start, "end": end, "choices": [status]},
            }
        )


_TRIGGERS = {"ACQUISITION", "MERGER", "HOLDING", "INVESTMENT"}


def _nearest(text: str, needle: str, anchor: int) -> tuple[int, int] | None:
    if not needle:
        return None
    spots = [m.start() for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]
    if not spots:
        return None
    best = min(spots, key=lambda s: abs(s - anchor))
    return best, best + len(needle)


def place_name(text: str, name: str, starts: Iterable[int | None], anchor: int) -> tuple[int, int] | None:
    """Where to show a company: at a mention offset holding the name, else its occurrence nearest the trigger."""
    for start in starts:
        if start is not None and text[start : start + len(name)].lower() == name.lower():
            return start, start + len(name)
    return _nearest(text, name, anchor)


def place_value(
    text: str, pattern: re.Pattern[str], starts: Iterable[int | None], ok: Any, anchor: int
) -> tuple[int, int] | None:
    """A STAKE / AMOUNT span at a mention offset whose text reads as the event's value, else the nearest one."""
    for start in starts:
        if start is None:
            continue
        m = pattern.match(text, start)
        if m and m.end() > start and ok(text[start : m.end()].strip()):
            return start, start + len(m.group(0).rstrip())
    spots = [m for m in pattern.finditer(text) if m.group(0).strip() and ok(m.group(0).strip())]
    if not spots:
        return None
    m = min(spots, key=lambda m: abs(m.start() - anchor))
    return m.start(), m.start() + len(m.group(0).rstrip())


def _trigger_span(text: str, mentions: list[MentionRow]) -> tuple[int, int] | None:
    for m in mentions:
        if (
            m.trigger
            and m.trigger_start is not None
            and text[m.trigger_start : m.trigger_start + len(m.trigger)] == m.trigger
        ):
            return m.trigger_start, m.trigger_start + len(m.trigger)
    for m in mentions:
        if m.trigger:
            found = text.find(m.trigger, m.sentence_start or 0)
            if found >= 0:
                return found, found + len(m.trigger)
    return None


def event_regions(task: _Task, event: PredEvent, mentions: list[MentionRow]) -> int:
    """Add one event's regions to ``task``; returns the number of arguments it could not place."""
    text = task.text
    # the mention with most arguments placed first: its offsets are the ones shown
    mentions = sorted(
        mentions,
        key=lambda m: -sum(x is not None for x in (m.owner_start, m.target_start, m.seller_start, m.stake_start)),
    )
    span = _trigger_span(text, mentions)
    if span is None:
        return 1 + sum(x is not None for x in (event.owner, event.target, event.seller, event.stake, event.amount))
    trigger = task.region(event.type.upper(), *span, score=event.confidence)
    if event.status is not None:
        task.status(trigger, *span, event.status)
    missing = 0
    for role in ("owner", "target", "seller"):
        name = getattr(event, role)
        if name is None:
            continue
        where = place_name(text, name, (getattr(m, f"{role}_start") for m in mentions), span[0])
        if where is None:
            missing += 1
            continue
        task.relation(trigger, task.region("COMPANY", *where), role)
    if event.stake is not None:
        stake = event.stake
        where = place_value(
            text,
            _STAKE_AT,
            (m.stake_start for m in mentions),
            lambda s: (v := parse_stake(s)) is not None and abs(v - stake) <= 0.5,
            span[0],
        )
        if where is None:
            missing += 1
        else:
            task.relation(trigger, task.region("STAKE", *where), "stake")
    if event.amount is not None:
        amount = event.amount
        where = place_value(
            text,
            _AMOUNT_AT,
            (m.amount_start for m in mentions),
            lambda s: (v := parse_amount(s)) is not None and abs(v[0] - amount) <= 0.01 * amount,
            span[0],
        )
        if where is None:
            missing += 1
        else:
            task.relation(trigger, task.region("AMOUNT", *where), "amount")
    return missing


@dataclass
class _Text:
    text: str
    title: str | None = None
    published: str | None = None
    text_ref: dict[str, str] | None = None
    split: str | None = None


def _texts_from_inputs(paths: list[Path]) -> dict[str, _Text]:
    from pipeline.ingest import iter_records
    from pipeline.schema import Article

    return {r.doc_id: _Text(r.text, r.title, r.published) for r in iter_records(paths) if isinstance(r, Article)}


def _texts_from_gold(path: Path) -> dict[str, _Text]:
    from pipeline.evaluate.gold import load_gold

    return {
        d.id: _Text(d.text, d.title, d.published, d.text_ref.to_json() if d.text_ref else None, d.split)
        for d in load_gold(path)
    }


def build_tasks(
    events: list[PredEvent],
    mentions: dict[str, list[MentionRow]],
    texts: dict[str, _Text],
    doc_ids: Iterable[str],
    model_version: str,
) -> tuple[list[dict[str, Any]], int]:
    """Label Studio tasks for ``doc_ids`` (a document without events gets an empty prediction)."""
    events_by_doc = by_doc(events)
    tasks: list[dict[str, Any]] = []
    unplaced = 0
    for doc_id in doc_ids:
        source = texts[doc_id]
        task = _Task(source.text)
        doc_events = events_by_doc.get(doc_id, [])
        for event in doc_events:
            unplaced += event_regions(task, event, mentions.get(event.event_id, []))
        data: dict[str, Any] = {"text": source.text, "doc_id": doc_id}
        for key in ("title", "published", "split", "text_ref"):
            value = getattr(source, key)
            if value is not None:
                data[key] = value
        score = sum(e.confidence for e in doc_events) / len(doc_events) if doc_events else 1.0
        tasks.append(
            {
                "data": data,
                "predictions": [{"model_version": model_version, "score": round(score, 4), "result": task.result}],
            }
        )
    return tasks, unplaced


def export_run(
    run_dir: Path, out: Path, *, texts: list[Path], gold: Path | None = None, model_version: str | None = None
) -> tuple[int, int, int]:
    """Write Label Studio tasks for a run; returns (tasks, events, arguments not placed). Raises when texts are missing."""
    run_dir = Path(run_dir)
    events = read_events(run_dir)
    if not (run_dir / "mentions.parquet").is_file():
        raise error("E037", run=run_dir, reason="no mentions.parquet (the offsets of the events)")
    mentions = read_mentions(run_dir)
    sources = _texts_from_gold(gold) if gold is not None else _texts_from_inputs(texts)
    wanted = _run_doc_ids(run_dir, events, sources)
    missing = sorted({e.doc_id for e in events} - set(sources))
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise error(
            "E037",
            run=run_dir,
            reason=f"{len(missing)} documents with events have no text in the inputs given: {shown}",
        )
    if model_version is None:
        model_version = _model_version(run_dir)
    tasks, unplaced = build_tasks(events, mentions, sources, wanted, model_version)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(tasks), len(events), unplaced


def _run_doc_ids(run_dir: Path, events: list[PredEvent], sources: dict[str, _Text]) -> list[str]:
    """Documents to export: those the run read (articles.parquet) that have a text, in input order."""
    known = {e.doc_id for e in events}
    articles = run_dir / "articles.parquet"
    if articles.is_file():
        import pyarrow.parquet as pq

        known |= {str(x) for x in pq.read_table(articles, columns=["doc_id"]).column("doc_id").to_pylist()}
    return [d for d in sources if d in known]


def _model_version(run_dir: Path) -> str:
    manifest = run_dir / "run.json"
    try:
        info = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "rachat"
    version = info.get("package_version") or info.get("version") or (info.get("versions") or {}).get("package")
    return f"rachat-{version}" if version else "rachat"
