"""Importers from annotation tools (Label Studio, doccano, brat) to the gold format, and a Label Studio exporter.

The annotation scheme common to the three tools is documented in :mod:`pipeline.evaluate.importers.scheme`
and docs/EVALUATION.md. Every imported document is validated by the gold reader before it is written.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.evaluate.gold import GoldDoc, load_gold, parse_line

FORMATS = ("labelstudio", "doccano", "brat")


def import_lines(path: Path, fmt: str, *, text_ref_root: Path | None = None, use_predictions: bool = False) -> list[dict[str, Any]]:
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
    """Convert, validate (the gold reader's rules) and write ``out``; returns (documents, events)."""
    import json

    from pipeline.evaluate.importers.brat import repo_root_for

    out = Path(out)
    root = repo_root_for(out) if text_ref else None
    lines = import_lines(path, fmt, text_ref_root=root, use_predictions=use_predictions)
    if split is not None:
        for line in lines:
            line["split"] = split
    for i, line in enumerate(lines, start=1):
        # validate each line like the reader will (the error names the input and the document)
        parse_line(line, Path(f"{path} (document {line.get('id')})"), i)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=out.parent, suffix=".jsonl", delete=False) as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        tmp = Path(fh.name)
    try:
        docs: list[GoldDoc] = load_gold(tmp)  # text_refs resolved and hash-checked, ids unique
    except Exception:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(out)
    return len(docs), sum(len(d.events) for d in docs)
