"""doccano JSONL export (sequence labelling with relations) -> gold lines.

One document a line: ``text``, ``entities`` (``[{"id", "label", "start_offset", "end_offset"}]``, or
``[[start, end, label]]`` / a ``label`` list of triples, whose ids are then their positions) and
``relations`` (``[{"id", "from_id", "to_id", "type"}]``). Labels and relations follow
:mod:`pipeline.evaluate.importers.scheme`; the status is a suffix of the trigger label
(``ACQUISITION:pending``), since doccano spans carry no attributes. The gold id is the line's
``doc_id`` (or ``meta.doc_id``), else ``doccano-<id>``; ``split``, ``title``, ``published`` are kept.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.importers.scheme import EventNode, Region, build_events, gold_line, parse_trigger_label


def _entities(obj: dict[str, Any], text: str, where: str) -> dict[str, Region]:
    raw = obj.get("entities")
    if raw is None:
        raw = obj.get("label") or []
    regions: dict[str, Region] = {}
    for i, ent in enumerate(raw):
        if isinstance(ent, dict):
            rid, label = str(ent.get("id", i)), str(ent["label"])
            start, end = int(ent["start_offset"]), int(ent["end_offset"])
        elif isinstance(ent, list | tuple) and len(ent) == 3:
            rid, (start, end, label) = str(i), (int(ent[0]), int(ent[1]), str(ent[2]))
        else:
            raise error(
                "E034",
                path=where,
                where=f"entity {i}",
                reason=f"expected an object or [start, end, label], not {ent!r}",
            )
        if not 0 <= start < end <= len(text):
            raise error("E034", path=where, where=f"entity {rid}", reason=f"offsets {start}-{end} outside the text")
        regions[rid] = Region(rid, label, start, end, text[start:end])
    return regions


def doc_events(obj: dict[str, Any], where: str) -> list[dict[str, Any]]:
    text = obj["text"]
    regions = _entities(obj, text, where)
    nodes: dict[str, EventNode] = {}
    for rid, region in regions.items():
        parsed = parse_trigger_label(region.label)
        if parsed is not None:
            nodes[rid] = EventNode(rid, parsed[0], region, status=parsed[1])
    for rel in obj.get("relations") or []:
        a, b, label = str(rel.get("from_id")), str(rel.get("to_id")), str(rel.get("type") or rel.get("label") or "")
        if a not in regions or b not in regions:
            raise error(
                "E034", path=where, where=f"relation {rel.get('id')}", reason="points at an entity that does not exist"
            )
        if a in nodes and b not in nodes:
            nodes[a].links.append((label, regions[b]))
        elif b in nodes and a not in nodes:
            nodes[b].links.append((label, regions[a]))
        else:
            raise error(
                "E034",
                path=where,
                where=f"relation {rel.get('id')} ({label})",
                reason="a relation joins one trigger to one argument",
            )
    return build_events(nodes.values(), where)


def import_doccano(path: Path) -> list[dict[str, Any]]:
    """Gold lines of a doccano JSONL export."""
    lines: list[dict[str, Any]] = []
    try:
        raw_lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise error("E034", path=path, where="file", reason=str(exc)) from exc
    for lineno, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            continue
        where = f"{path}, line {lineno}"
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise error("E034", path=path, where=f"line {lineno}", reason=f"malformed JSON: {exc.msg}") from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            raise error("E034", path=path, where=f"line {lineno}", reason="expected an object with a text")
        raw_meta = obj.get("meta")
        meta: dict[str, Any] = raw_meta if isinstance(raw_meta, dict) else {}
        doc_id = str(obj.get("doc_id") or meta.get("doc_id") or f"doccano-{obj.get('id', lineno)}")
        lines.append(
            gold_line(
                doc_id,
                obj["text"],
                doc_events(obj, where),
                title=obj.get("title") or meta.get("title"),
                published=obj.get("published") or meta.get("published"),
                split=obj.get("split") or meta.get("split"),
            )
        )
    return lines
