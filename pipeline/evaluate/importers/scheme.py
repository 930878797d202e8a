"""The annotation scheme shared by the Label Studio, doccano and brat importers.

Spans (labels, case-insensitive):

- ``COMPANY`` (also ``ORG``): a company name as the text writes it ("Numericable-SFR", "l'opérateur");
- a **trigger**, labelled with the event type: ``ACQUISITION``, ``MERGER``, ``HOLDING``, ``INVESTMENT``
  ("rachète", "fusion", "détient", "lève"); **one trigger span = one event** (one event per seller:
  "rachète les parts d'Atos et de la CDC" gets two trigger spans on "rachète", one per seller);
- ``STAKE``: the percentage ("20 %", "l'intégralité", "la moitié"), read by :func:`values.parse_stake`;
- ``AMOUNT``: the price or amount raised ("150 millions d'euros"), read by :func:`values.parse_amount`.

Relations go from the trigger to its arguments: ``owner``, ``target``, ``seller`` (to COMPANY spans),
``stake`` (to a STAKE span), ``amount`` (to an AMOUNT span). Several relations of one role from one
trigger are *aliases* of the same company (the gold's alias list), e.g. owner -> "Numericable-SFR" and
owner -> "SFR-Numericable". For a merger, ``owner`` and ``target`` are the two parties in any order
(``party`` twice is accepted too). The direction of a relation does not matter: the end that is a
trigger is the event.

Status (completed, pending, rumored, cancelled; none for holdings) is an attribute of the trigger:
Label Studio per-region choices ``status``, brat attribute ``A1 Status E1 pending``, doccano a trigger
label with a suffix ``ACQUISITION:pending`` (doccano has no span attributes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.importers.values import parse_amount, parse_stake
from pipeline.schema import EVENT_TYPES, STATUSES

TRIGGER_LABELS = {t.upper(): t for t in EVENT_TYPES}
COMPANY_LABELS = {"COMPANY", "ORG", "ORGANIZATION", "ORGANISATION"}
ROLE_NAMES = ("owner", "target", "seller", "party", "stake", "amount")


@dataclass(frozen=True)
class Region:
    """A labelled span of the document text."""

    id: str
    label: str
    start: int
    end: int
    text: str


@dataclass
class EventNode:
    """One annotated event: its trigger span, its (role, region) links, its status."""

    id: str
    type: str
    trigger: Region
    links: list[tuple[str, Region]] = field(default_factory=list)
    status: str | None = None


def parse_trigger_label(label: str) -> tuple[str, str | None] | None:
    """``"ACQUISITION"`` -> ("acquisition", None); ``"Merger:pending"`` -> ("merger", "pending"); else None."""
    head, _, status = label.strip().partition(":")
    etype = TRIGGER_LABELS.get(head.strip().upper())
    if etype is None:
        return None
    return etype, (status.strip().lower() or None)


def role_name(label: str) -> str:
    """Relation label -> role; brat numbers repeated roles ("owner2"), which count as the same role."""
    return label.strip().lower().rstrip("0123456789")


def span_text(text: str, start: int, end: int, given: str | None) -> tuple[int, int]:
    """Python offsets of a span; Label Studio counts UTF-16 units, which differ after an emoji."""
    if given is None or text[start:end] == given:
        return start, end
    prefix = text.encode("utf-16-le")
    py_start = len(prefix[: 2 * start].decode("utf-16-le", errors="ignore"))
    py_end = len(prefix[: 2 * end].decode("utf-16-le", errors="ignore"))
    if text[py_start:py_end] == given:
        return py_start, py_end
    found = text.find(given, max(0, start - 50))
    if found >= 0 and given:
        return found, found + len(given)
    return start, end


def _names(regions: Iterable[Region], where: str, role: str) -> list[str]:
    names: list[str] = []
    for r in sorted(regions, key=lambda r: (r.start, r.end)):
        if r.label.upper() not in COMPANY_LABELS:
            raise error(
                "E034", path=where, where=f"region {r.id}", reason=f"{role} must point at a COMPANY span, not {r.label}"
            )
        name = " ".join(r.text.split())
        if name and name not in names:
            names.append(name)
    return names


def build_event(node: EventNode, where: str) -> dict[str, Any]:
    """The gold event (JSON dict) of one annotated event; raises RachatError naming ``where``."""
    by_role: dict[str, list[Region]] = {}
    for role, region in node.links:
        role = role_name(role)
        if role not in ROLE_NAMES:
            raise error(
                "E034",
                path=where,
                where=f"event {node.id}",
                reason=f"unknown relation {role!r} (expected {', '.join(ROLE_NAMES)})",
            )
        by_role.setdefault(role, []).append(region)
    event: dict[str, Any] = {"type": node.type}
    parties = by_role.pop("party", [])
    if parties:
        if node.type != "merger" or "owner" in by_role or "target" in by_role:
            raise error(
                "E034",
                path=where,
                where=f"event {node.id}",
                reason="party relations are for a merger without owner/target",
            )
        distinct = sorted({(r.start, r.end): r for r in parties}.values(), key=lambda r: r.start)
        if len(distinct) != 2:
            raise error(
                "E034",
                path=where,
                where=f"event {node.id}",
                reason=f"a merger needs 2 party spans, found {len(distinct)}",
            )
        by_role["owner"], by_role["target"] = [distinct[0]], [distinct[1]]
    for role in ("owner", "target", "seller"):
        names = _names(by_role.get(role, []), where, role)
        event[role] = names or None
    if event["owner"] is None and event["target"] is None:
        raise error(
            "E034",
            path=where,
            where=f"event {node.id} ({node.trigger.text!r} at {node.trigger.start})",
            reason="the trigger has no owner and no target relation",
        )
    event["stake"] = _single_value(by_role.get("stake", []), "stake", where, node)
    amount = _single_value(by_role.get("amount", []), "amount", where, node)
    event["amount"], event["currency"] = amount if isinstance(amount, tuple) else (None, None)
    if node.status is not None and node.status not in STATUSES:
        raise error(
            "E034",
            path=where,
            where=f"event {node.id}",
            reason=f"unknown status {node.status!r} (expected {', '.join(STATUSES)})",
        )
    event["status"] = node.status
    return event


def _single_value(regions: list[Region], role: str, where: str, node: EventNode) -> Any:
    if not regions:
        return None
    values = set()
    for r in regions:
        value = parse_stake(r.text) if role == "stake" else parse_amount(r.text)
        if value is None:
            raise error("E034", path=where, where=f"region {r.id}", reason=f"cannot read a {role} from {r.text!r}")
        values.add(value)
    if len(values) > 1:
        raise error(
            "E034",
            path=where,
            where=f"event {node.id}",
            reason=f"{role} relations disagree: {sorted(map(str, values))}",
        )
    return values.pop()


def build_events(nodes: Iterable[EventNode], where: str) -> list[dict[str, Any]]:
    """Gold events of a document, in trigger order."""
    return [build_event(n, where) for n in sorted(nodes, key=lambda n: (n.trigger.start, n.id))]


def gold_line(doc_id: str, text: str, events: list[dict[str, Any]], **meta: Any) -> dict[str, Any]:
    """A gold JSON line; ``meta`` keys with a None value are left out."""
    line: dict[str, Any] = {"id": doc_id, "text": text}
    line.update({k: v for k, v in meta.items() if v is not None})
    line["events"] = events
    return line


__all__ = [
    "COMPANY_LABELS",
    "EventNode",
    "Region",
    "build_event",
    "build_events",
    "gold_line",
    "parse_trigger_label",
    "role_name",
    "span_text",
]
