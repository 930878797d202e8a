"""Importers from annotation tools (Label Studio, doccano, brat) to the gold format, and a Label Studio exporter.

The annotation scheme common to the three tools is documented in :mod:`pipeline.evaluate.importers.scheme`
and docs/EVALUATION.md. Every imported document is validated by the gold reader before it is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.gold import GoldDoc, check_unique, parse_gold_lines
from pipeline.evaluate.textref import TextResolver

FORMATS = ("labelstudio", "doccano", "brat")


def import_lines(
    path: Path, fmt: str, *, text_ref_root: Path | None = None, use_predictions: bool = False
) -> list[dict[str, Any]]:
    """Gold JSON lines from an annotation tool's export."""
    path = Path(path)
    if not path.exists():
        raise error("E001", path=path)
    if fmt == "labelstudio":
        from pipeline.evaluate.importers.labelstudio import import_labelstudio

        return import_labelstudio(path, use_predictions=use_predictions)
    if fmt == "doccano":
        from pipeline.evaluate.importers.doccano import import_doccano

        return import_doccano(path)
    if fmt == "brat":
        from pipeline.evaluate.importers.brat import import_brat

        return import_brat(path, text_ref_root=text_ref_root)
    raise error("E033", format=fmt)


def import_gold(
    path: Path,
    fmt: str,
    out: Path,
    *,
    split: str | None = None,
    text_ref: bool = False,
    use_predictions: bool = False,
) -> tuple[int, int]:
    """Convert, validate (the gold reader's rules, text_refs resolved from ``out``'s repository) and write ``out``.

    Returns (documents, events); nothing is written when a document is refused.
    """
    import json

    from pipeline.evaluate.importers.brat import repo_root_for

    out = Path(out)
    root = repo_root_for(out)
    lines = import_lines(path, fmt, text_ref_root=root if text_ref else None, use_predictions=use_predictions)
    if split is not None:
        for line in lines:
            line["split"] = split
    encoded = [json.dumps(line, ensure_ascii=False) for line in lines]
    docs: list[GoldDoc] = parse_gold_lines(encoded, Path(f"{out} (imported from {path})"), TextResolver(root))
    check_unique(docs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in encoded), encoding="utf-8")
    return len(docs), sum(len(d.events) for d in docs)
