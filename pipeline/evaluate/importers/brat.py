"""brat standoff (``.ann`` next to ``.txt``) -> gold lines.

The ``annotation.conf`` the scheme expects (also in docs/EVALUATION.md)::

    [entities]
    COMPANY
    STAKE
    AMOUNT
    [events]
    ACQUISITION  owner?:COMPANY, owner*:COMPANY, target?:COMPANY, target*:COMPANY, seller*:COMPANY, stake?:STAKE, amount?:AMOUNT
    INVESTMENT   (same arguments)
    HOLDING      (same arguments)
    MERGER       owner*:COMPANY, target*:COMPANY
    [attributes]
    Status  Arg:<EVENT>, Value:completed|pending|rumored|cancelled
    [relations]
    <OVERLAP>  Arg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>

An ``E`` line is one event (``E1  ACQUISITION:T3 owner:T1 target:T2 seller:T4 stake:T5``; brat numbers
repeated roles ``owner2:T7``, which are aliases). ``A1  Status E1 pending`` sets the status (on the
``E`` or on its trigger ``T``). A trigger ``T`` without an ``E`` may instead carry ``R`` relations
(``R1  owner Arg1:T3 Arg2:T1``). Discontinuous spans (``0 5;9 14``) are read from their first start
to their last end. The gold id is the file name without ``.ann``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.importers.scheme import EventNode, Region, build_events, gold_line, parse_trigger_label
from pipeline.evaluate.textref import find_repo_root, sha256_text


def parse_ann(ann: str, text: str, where: str) -> list[dict[str, Any]]:
    """Gold events of one ``.ann`` file over its ``text``."""
    regions: dict[str, Region] = {}
    event_lines: list[tuple[str, str]] = []
    relations: list[tuple[str, str, str]] = []
    attributes: dict[str, str] = {}
    for lineno, line in enumerate(ann.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        ident = parts[0]
        try:
            if ident.startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                bounds = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
                start, end = bounds[0][0], bounds[-1][-1]
                if not 0 <= start < end <= len(text):
                    raise ValueError(f"offsets {start}-{end} outside the text")
                regions[ident] = Region(ident, label, start, end, text[start:end])
            elif ident.startswith("E"):
                event_lines.append((ident, parts[1]))
            elif ident.startswith("R"):
                label, arg1, arg2 = parts[1].split()[:3]
                relations.append((label, arg1.partition(":")[2], arg2.partition(":")[2]))
            elif ident.startswith(("A", "M")):
                fields = parts[1].split()
                if fields[0].lower() == "status" and len(fields) >= 3:
                    attributes[fields[1]] = fields[2].lower()
        except (IndexError, ValueError) as exc:
            raise error("E034", path=where, where=f"line {lineno}", reason=f"bad brat line {line!r}: {exc}") from exc
    nodes: dict[str, EventNode] = {}
    triggers_with_events: set[str] = set()
    for ident, body in event_lines:
        head, *args = body.split()
        label, _, trigger_id = head.partition(":")
        parsed = parse_trigger_label(label)
        if parsed is None or trigger_id not in regions:
            raise error("E034", path=where, where=ident, reason=f"unknown event type or trigger {head!r}")
        trigger = regions[trigger_id]
        triggers_with_events.add(trigger_id)
        node = EventNode(ident, parsed[0], trigger, status=attributes.get(ident, attributes.get(trigger_id, parsed[1])))
        for arg in args:
            role, _, target = arg.partition(":")
            if target not in regions:
                raise error("E034", path=where, where=ident, reason=f"argument {arg!r} points at no T line")
            node.links.append((role, regions[target]))
        nodes[ident] = node
    for rid, region in regions.items():
        parsed = parse_trigger_label(region.label)
        if parsed is not None and rid not in triggers_with_events:
            nodes[rid] = EventNode(rid, parsed[0], region, status=attributes.get(rid, parsed[1]))
    for label, a, b in relations:
        if a in nodes and b in regions and b not in nodes:
            nodes[a].links.append((label, regions[b]))
        elif b in nodes and a in regions and a not in nodes:
            nodes[b].links.append((label, regions[a]))
    return build_events(nodes.values(), where)


def ann_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path if path.suffix == ".ann" else path.with_suffix(".ann")]
    files = sorted(p for p in path.rglob("*.ann") if p.with_suffix(".txt").is_file())
    if not files:
        raise error("E036", path=path)
    return files


def import_brat(path: Path, text_ref_root: Path | None = None) -> list[dict[str, Any]]:
    """Gold lines of a brat folder (or one .ann); with ``text_ref_root``, texts become text_refs relative to it."""
    lines: list[dict[str, Any]] = []
    for ann in ann_files(path):
        txt = ann.with_suffix(".txt")
        if not txt.is_file() or not ann.is_file():
            raise error("E036", path=ann)
        text = txt.read_bytes().decode("utf-8")
        line = gold_line(ann.stem, text, parse_ann(ann.read_text(encoding="utf-8"), text, str(ann)))
        if text_ref_root is not None:
            rel = os.path.relpath(os.path.abspath(txt), os.path.abspath(text_ref_root)).replace(os.sep, "/")
            del line["text"]
            line = {"id": line["id"], "text_ref": {"path": rel, "sha256": sha256_text(text)}, "events": line["events"]}
        lines.append(line)
    return lines


def repo_root_for(out: Path) -> Path:
    """The root text_ref paths are relative to, for a gold file written at ``out``."""
    return find_repo_root(out) or out.parent
