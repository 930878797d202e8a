"""Inter-annotator agreement: score one gold file against another with the scorer of ``rachat evaluate``.

Usage (from the repository root)::

    python scripts/gold_agreement.py FIRST.jsonl SECOND.jsonl [--json]

Only documents present in both files are scored. FIRST plays the gold, SECOND the prediction; F1 is
symmetric up to the alias choice below, so the order only swaps precision and recall.

Gold roles are alias lists while a prediction names one string. Each role of a SECOND event is given
the alias of its own list that matches an alias of the same role in some FIRST event of the document
(the first alias when none does), so two annotators who list different spellings of the same company
still agree, and two who chose different companies do not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from rich.console import Console  # noqa: E402

from pipeline.evaluate.gold import GoldDoc, GoldEvent, load_gold  # noqa: E402
from pipeline.evaluate.match import PredEvent, name_match  # noqa: E402
from pipeline.evaluate.metrics import evaluate  # noqa: E402
from pipeline.evaluate.report import render  # noqa: E402


def _pick(aliases: list[str] | tuple[str, ...] | None, role: str, first: list[GoldEvent]) -> str | None:
    if not aliases:
        return None
    for alias in aliases:
        for event in first:
            for other_role in ("owner", "target") if role in ("owner", "target") else (role,):
                if name_match(alias, getattr(event, other_role)):
                    return alias
    return aliases[0]


def as_predictions(second: GoldDoc, first: GoldDoc) -> list[PredEvent]:
    """The events of ``second`` as predictions for ``first``'s document."""
    out = []
    for i, e in enumerate(second.events):
        out.append(
            PredEvent(
                event_id=f"{second.id}#{i}",
                doc_id=first.id,
                type=e.type,
                owner=_pick(e.owner, "owner", first.events),
                target=_pick(e.target, "target", first.events),
                seller=_pick(e.seller, "seller", first.events),
                stake=e.stake,
                amount=e.amount,
                currency=e.currency,
                status=e.status,
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", action="store_true", help="print core and full P/R/F1 as JSON")
    args = parser.parse_args(argv)

    first = {d.id: d for d in load_gold(args.first)}
    second = {d.id: d for d in load_gold(args.second)}
    shared = [first[i] for i in sorted(set(first) & set(second))]
    if not shared:
        print("no document is in both files", file=sys.stderr)
        return 1
    preds = {d.id: as_predictions(second[d.id], d) for d in shared}
    report = evaluate(shared, preds, thresholds=())
    if args.json:
        print(json.dumps({"documents": len(shared), "core": report.core.to_json(), "full": report.full.to_json()}))
    else:
        render(report, Console(), title="agreement")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
