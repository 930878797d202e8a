"""Label Studio JSON export -> gold lines (scheme: :mod:`pipeline.evaluate.importers.scheme`).

The labelling config the scheme expects (also in docs/EVALUATION.md)::

    <View>
      <Labels name="label" toName="text">
        <Label value="COMPANY"/><Label value="STAKE"/><Label value="AMOUNT"/>
        <Label value="ACQUISITION"/><Label value="MERGER"/><Label value="HOLDING"/><Label value="INVESTMENT"/>
      </Labels>
      <Relations>
        <Relation value="owner"/><Relation value="target"/><Relation value="seller"/>
        <Relation value="stake"/><Relation value="amount"/>
      </Relations>
      <Choices name="status" toName="text" perRegion="true" choice="single">
        <Choice value="completed"/><Choice value="pending"/><Choice value="rumored"/><Choice value="cancelled"/>
      </Choices>
      <Text name="text" value="$text"/>
    </View>

A task's ``data`` holds ``text`` and optionally ``doc_id`` (the gold id; else ``ls-<task id>``),
``title``, ``published``, ``split`` and ``text_ref`` (kept as the gold's pointer instead of the text).
The last submitted (not cancelled) annotation of a task is used; a task without one is skipped,
unless ``use_predictions`` takes its first prediction instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.importers.scheme import (
    EventNode,
    Region,
    build_events,
    gold_line,
    parse_trigger_label,
    span_text,
)
from pipeline.evaluate.textref import sha256_text


def read_tasks(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error("E034", path=path, where="file", reason=f"not a Label Studio JSON export: {exc}") from exc
    tasks = data if isinstance(data, list) else [data]
    if not all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in tasks):
        raise error(
            "E034",
            path=path,
            where="file",
            reason="expected a list of tasks with 'data' (export as JSON, not JSON-MIN)",
        )
    return tasks


def pick_result(task: dict[str, Any], use_predictions: bool) -> list[dict[str, Any]] | None:
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        return list(annotations[-1].get("result") or [])
    predictions = task.get("predictions") or []
    if use_predictions and predictions:
        return list(predictions[0].get("result") or [])
    return None


def task_events(text: str, result: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    """Gold events from one annotation's result list."""
    regions: dict[str, Region] = {}
    statuses: dict[str, str] = {}
    relations: list[tuple[str, str, str]] = []
    for item in result:
        kind = item.get("type")
        value = item.get("value") or {}
        if kind in ("labels", "hypertextlabels") and value.get("labels"):
            start, end = span_text(text, int(value["start"]), int(value["end"]), value.get("text"))
            rid = str(item["id"])
            regions[rid] = Region(rid, str(value["labels"][0]), start, end, text[start:end])
        elif kind == "choices" and item.get("from_name") == "status" and value.get("choices"):
            statuses[str(item["id"])] = str(value["choices"][0]).lower()
        elif kind == "relation":
            for label in item.get("labels") or []:
                relations.append((str(item["from_id"]), str(item["to_id"]), str(label)))
    nodes: dict[str, EventNode] = {}
    for rid, region in regions.items():
        parsed = parse_trigger_label(region.label)
        if parsed is not None:
            etype, label_status = parsed
            nodes[rid] = EventNode(rid, etype, region, status=statuses.get(rid, label_status))
    for a, b, label in relations:
        if a not in regions or b not in regions:
            raise error("E034", path=where, where=f"relation {a}->{b}", reason="points at a region that does not exist")
        if a in nodes and b not in nodes:
            nodes[a].links.append((label, regions[b]))
        elif b in nodes and a not in nodes:
            nodes[b].links.append((label, regions[a]))
        else:
            raise error(
                "E034",
                path=where,
                where=f"relation {a}->{b} ({label})",
                reason="a relation joins one trigger to one argument",
            )
    return build_events(nodes.values(), where)


def import_labelstudio(path: Path, use_predictions: bool = False) -> list[dict[str, Any]]:
    """Gold lines of a Label Studio export (tasks without a usable annotation are skipped)."""
    lines: list[dict[str, Any]] = []
    for n, task in enumerate(read_tasks(path)):
        data = task["data"]
        text = data.get("text")
        where = f"{path}, task {task.get('id', n)}"
        if not isinstance(text, str):
            raise error("E034", path=path, where=f"task {task.get('id', n)}", reason="data.text is missing")
        result = pick_result(task, use_predictions)
        if result is None:
            continue
        doc_id = str(data.get("doc_id") or f"ls-{task.get('id', n)}")
        line = gold_line(
            doc_id,
            text,
            task_events(text, result, where),
            title=data.get("title"),
            published=data.get("published"),
            split=data.get("split"),
        )
        ref = data.get("text_ref")
        if isinstance(ref, dict):
            # the task came from a gold document that points at third-party text: keep the pointer, not the text
            if ref.get("sha256") != sha256_text(text):
                raise error(
                    "E034",
                    path=path,
                    where=f"task {task.get('id', n)}",
                    reason="data.text_ref sha256 is not that of data.text",
                )
            line = {"id": line["id"], "text_ref": ref, **{k: v for k, v in line.items() if k not in ("id", "text")}}
        lines.append(line)
    return lines
