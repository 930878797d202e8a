"""Human-readable (rich) and machine (JSON) views of an evaluation, and the list of errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from pipeline.evaluate.gold import GoldEvent
from pipeline.evaluate.match import PredEvent, full_ok, seller_ok, stake_ok, status_ok
from pipeline.evaluate.metrics import NULL, PRF, Ratio, Report
from pipeline.evaluate.predictions import MentionRow


def describe_gold(e: GoldEvent) -> str:
    """``acquisition Numericable-SFR -> Numergy (from Atos) 20% completed``."""

    def name(aliases: tuple[str, ...] | None) -> str:
        return "—" if aliases is None else " | ".join(aliases)

    return _describe(
        e.type, name(e.owner), name(e.target), None if e.seller is None else name(e.seller), e.stake, e.status
    )


def describe_pred(e: PredEvent) -> str:
    return _describe(e.type, e.owner or "—", e.target or "—", e.seller, e.stake, e.status)


def _describe(etype: str, owner: str, target: str, seller: str | None, stake: float | None, status: str | None) -> str:
    arrow = "<->" if etype == "merger" else "->"
    parts = [f"{etype} {owner} {arrow} {target}"]
    if seller:
        parts.append(f"(from {seller})")
    if stake is not None:
        parts.append(f"{stake:g}%")
    parts.append(status or NULL)
    return " ".join(parts)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _prf_row(name: str, prf: PRF) -> list[str]:
    return [name, str(prf.tp), str(prf.n_pred), str(prf.n_gold), _pct(prf.precision), _pct(prf.recall), _pct(prf.f1)]


def _prf_table(title: str, first: str, rows: Mapping[str, PRF]) -> Table:
    table = Table(title=title, title_justify="left")
    for col in (first, "TP", "pred", "gold", "P %", "R %", "F1 %"):
        table.add_column(col, justify="left" if col == first else "right")
    for name, prf in rows.items():
        table.add_row(*_prf_row(name, prf))
    return table


def _ratio(r: Ratio) -> str:
    return f"{_pct(r.value)} % ({r.correct}/{r.total})" if r.total else "— (0 to score)"


def render(report: Report, console: Console, title: str = "rachat evaluate") -> None:
    """Print the tables of a report."""
    rows: dict[str, PRF] = {"core (type+owner+target)": report.core, "full (+seller+stake+status)": report.full}
    for t, prf in report.at_confidence.items():
        rows[f"core, confidence >= {t:g}"] = prf
    console.print(_prf_table(f"{title}: {report.n_docs} documents", "events", rows))
    by_type = {k: v for k, v in report.by_type.items() if v.n_gold or v.n_pred}
    console.print(_prf_table("core match per event type", "type", by_type))
    by_role = {k: v for k, v in report.by_role.items() if v.n_gold or v.n_pred}
    console.print(_prf_table("arguments per role (merger parties = party)", "role", by_role))
    labels = [
        k
        for k in report.status_confusion
        if any(report.status_confusion[k].values()) or any(row.get(k, 0) for row in report.status_confusion.values())
    ]
    if labels:
        table = Table(title="status of matched events (rows gold, cols pred)", title_justify="left")
        table.add_column("gold \\ pred")
        for label in labels:
            table.add_column(label, justify="right")
        for g in labels:
            table.add_row(g, *(str(report.status_confusion[g].get(p, 0)) for p in labels))
        console.print(table)
    acc = Table(title="on matched events", title_justify="left")
    acc.add_column("measure")
    acc.add_column("value", justify="right")
    acc.add_row("status accuracy (gold status not null)", _ratio(report.status))
    acc.add_row("stake accuracy (gold stake given, ±0.5)", _ratio(report.stake))
    acc.add_row("seller accuracy (gold seller given)", _ratio(report.seller))
    acc.add_row("amount accuracy (gold amount given, ±1 %, same currency)", _ratio(report.amount))
    acc.add_row("hard negatives (gold docs without events, none predicted)", _ratio(report.hard_negatives))
    console.print(acc)
    if report.pred_docs_not_in_gold:
        console.print(
            f"[dim]{report.pred_docs_not_in_gold} predicted documents are not in the gold and were ignored[/dim]"
        )


def _sentences(event: PredEvent, mentions: Mapping[str, Sequence[MentionRow]]) -> list[str]:
    rows = mentions.get(event.event_id, ())
    found = [m.sentence for m in rows if m.sentence]
    if not found and event.evidence:
        found = [event.evidence]
    return list(dict.fromkeys(found))


def error_items(report: Report, mentions: Mapping[str, Sequence[MentionRow]]) -> list[dict[str, Any]]:
    """Misses, false positives and matched events with a wrong seller, stake or status."""
    items: list[dict[str, Any]] = []
    for m in report.matches:
        for g in m.missed:
            items.append({"kind": "miss", "doc_id": m.doc_id, "gold": g.to_json(), "text": describe_gold(g)})
        for p in m.false_positives:
            items.append(
                {
                    "kind": "false_positive",
                    "doc_id": m.doc_id,
                    "event_id": p.event_id,
                    "pred": describe_pred(p),
                    "confidence": p.confidence,
                    "sentences": _sentences(p, mentions),
                }
            )
        for g, p in m.matched():
            if full_ok(p, g):
                continue
            wrong = [
                name
                for name, ok in (("seller", seller_ok(p, g)), ("stake", stake_ok(p, g)), ("status", status_ok(p, g)))
                if not ok
            ]
            items.append(
                {
                    "kind": "wrong_" + "_".join(wrong),
                    "doc_id": m.doc_id,
                    "event_id": p.event_id,
                    "gold": describe_gold(g),
                    "pred": describe_pred(p),
                    "sentences": _sentences(p, mentions),
                }
            )
    return items


def render_errors(items: Sequence[Mapping[str, Any]], console: Console) -> None:
    """One block per error: what was expected or predicted, and the sentence it came from."""
    styles = {"miss": "yellow", "false_positive": "red"}
    for item in items:
        kind = str(item["kind"])
        style = styles.get(kind, "magenta")
        label = kind.upper().replace("_", " ")
        if kind == "miss":
            console.print(f"[{style}]{label}[/{style}] {item['doc_id']}: {item['text']}", highlight=False)
        elif kind == "false_positive":
            console.print(
                f"[{style}]{label}[/{style}] {item['doc_id']}: {item['pred']} (conf {item['confidence']:.2f})",
                highlight=False,
            )
        else:
            console.print(
                f"[{style}]{label}[/{style}] {item['doc_id']}: gold {item['gold']} / pred {item['pred']}",
                highlight=False,
            )
        for sentence in item.get("sentences", ()):
            console.print(f"    « {sentence} »", highlight=False, markup=False)
    if not items:
        console.print("no errors")
