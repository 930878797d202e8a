"""brat standoff entity spans (``T`` lines of an ``.ann`` file), read by the company-mention
evaluation and by the transformer NER training alike."""

from __future__ import annotations

from collections.abc import Iterable

ORG_TYPES = frozenset({"Organization", "ORG", "Organisation", "COMPANY"})

Span = tuple[int, int]


def parse_ann_spans(ann: str, types: Iterable[str] = ORG_TYPES) -> tuple[list[Span], int]:
    """The (start, end) of every continuous ``T`` line of the wanted types, and the number of discontinuous ones."""
    wanted = set(types)
    spans: list[Span] = []
    skipped = 0
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        head = parts[1].split(" ", 1)
        if head[0] not in wanted or len(head) < 2:
            continue
        if ";" in head[1]:
            skipped += 1
            continue
        try:
            start, end = (int(x) for x in head[1].split())
        except ValueError:
            skipped += 1
            continue
        spans.append((start, end))
    return spans, skipped
