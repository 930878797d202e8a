"""CLI commands of the evaluation harness: ``evaluate``, ``evaluate-ner``, ``import-gold``, ``export-labelstudio``.

Wire them into the main app with ``register(app)``. Every user mistake raises a numbered
:class:`~pipeline.errors.RachatError`, which the main CLI prints as one line.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pipeline.errors import error
from pipeline.evaluate.gold import SPLITS, GoldDoc, load_gold
from pipeline.evaluate.metrics import Report, evaluate
from pipeline.evaluate.predictions import MentionRow, by_doc, read_events, read_mentions


def score_run(docs: list[GoldDoc], run_dir: Path) -> tuple[Report, dict[str, list[MentionRow]]]:
    """Score the events of a run folder against gold documents; also return the run's mentions."""
    report = evaluate(docs, by_doc(read_events(run_dir)))
    return report, read_mentions(run_dir)


def run_on_gold(docs: list[GoldDoc], out: Path, **settings: Any) -> Path:
    """Run the whole pipeline on the gold texts (doc_id = gold id) into ``out``; returns ``out``."""
    from pipeline.engine import run_pipeline

    # gold documents are scored as they are: no language filter, no duplicate removal
    settings.setdefault("lang", "any")
    settings.setdefault("dedup", False)
    run_pipeline([d.to_article() for d in docs], out=out, **settings)
    return out


NER_VARIANTS = ("rules", "transformer", "union")


def compare_ner(docs: list[GoldDoc], trf_ner: Path, out_root: Path, device: str = "cpu") -> dict[str, Report]:
    """Run the pipeline three times on the same gold: rule companies only, the transformer's
    ORG spans only, and their union; score each."""
    from pipeline.annotate import build_nlp

    reports = {}
    for merge in NER_VARIANTS:
        nlp = build_nlp() if merge == "rules" else build_nlp(trf_ner=str(trf_ner), ner_merge=merge, device=device)
        run_dir = run_on_gold(docs, out_root / merge, nlp=nlp, workers=1)
        reports[merge] = score_run(docs, run_dir)[0]
    return reports


def _load(gold: Path, split: str | None) -> list[GoldDoc]:
    if split is not None and split not in SPLITS:
        raise error("E031", split=split, splits=", ".join(SPLITS))
    docs = load_gold(gold, split=split)
    if not docs:
        raise error("E038", path=gold, detail=f" with split {split!r}" if split else "")
    return docs


def evaluate_command(
    gold: Annotated[Path, typer.Option("--gold", help="gold .jsonl file or folder of them (annotations/)")],
    pred: Annotated[Path | None, typer.Option("--pred", help="run folder to score (holds events.parquet)")] = None,
    run: Annotated[bool, typer.Option("--run", help="run the pipeline on the gold texts, then score")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="with --run: keep the run folder here")] = None,
    split: Annotated[
        str | None, typer.Option("--split", help="only gold documents of this split: dev, test, written")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="list misses, false positives and wrong attributes")] = False,
    compare_trf: Annotated[
        Path | None,
        typer.Option("--compare-trf", help="with --run: also run with this transformer NER checkpoint (transformer only, union) and compare"),
    ] = None,
    device: Annotated[str, typer.Option("--device", help="with --compare-trf: cpu or cuda")] = "cpu",
    company_ner: Annotated[
        str | None,
        typer.Option("--company-ner", help="with --run: fine-tuned NER folder, or 'off' for fr_core_news_md's own NER (default: models/company-ner when present)"),
    ] = None,
    pair_model: Annotated[
        str | None,
        typer.Option("--pair-model", help="with --run: learned pair model folder (scripts/train_pair_model.py), or 'off' (default: $RACHAT_PAIR_MODEL, else off)"),
    ] = None,
) -> None:
    """Score predicted events against hand-annotated gold (P/R/F1 per type, role and status)."""
    if (pred is None) == (not run):
        raise error("E035")
    docs = _load(gold, split)
    settings: dict[str, Any] = {}
    if company_ner is not None:
        from pipeline.annotate.company_ner import resolve_company_ner

        resolve_company_ner(company_ner)  # E013 before the run starts
        settings["company_ner"] = company_ner
    if pair_model is not None:
        from pipeline.extract.pairs import resolve_pair_model_path

        resolve_pair_model_path(pair_model)  # E015 before the run starts
        settings["pair_model"] = pair_model
    if run and compare_trf is not None:
        with tempfile.TemporaryDirectory(prefix="rachat-eval-") as tmp:
            reports = compare_ner(docs, compare_trf, Path(out) if out else Path(tmp), device=device)
        _print_comparison(reports, as_json=as_json)
        return
    if run:
        if out is not None:
            report, mentions = score_run(docs, run_on_gold(docs, out, **settings))
        else:
            with tempfile.TemporaryDirectory(prefix="rachat-eval-") as tmp:
                report, mentions = score_run(docs, run_on_gold(docs, Path(tmp) / "run", **settings))
    else:
        assert pred is not None
        report, mentions = score_run(docs, pred)
    _print(report, mentions, as_json=as_json, errors=errors, title=f"{gold}" + (f" [{split}]" if split else ""))


def _print_comparison(reports: dict[str, Report], *, as_json: bool) -> None:
    """Rules / transformer / union side by side: core and full P/R/F1, status accuracy."""
    rows = {name: r.to_json() for name, r in reports.items()}
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title="company NER: rules / transformer / union, same gold")
    for col in ("variant", "core P", "core R", "core F1", "full F1"):
        table.add_column(col)
    for name, r in reports.items():
        table.add_row(name, f"{100 * r.core.precision:.1f}", f"{100 * r.core.recall:.1f}", f"{100 * r.core.f1:.1f}", f"{100 * r.full.f1:.1f}")
    Console().print(table)


def _print(report: Report, mentions: dict[str, list[MentionRow]], *, as_json: bool, errors: bool, title: str) -> None:
    from pipeline.evaluate.report import error_items, render, render_errors

    items = error_items(report, mentions) if errors else []
    if as_json:
        payload = report.to_json()
        if errors:
            payload["errors"] = items
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = Console()
    render(report, console, title=title)
    if errors:
        render_errors(items, console)


DEFAULT_KINDS = Path("annotations") / "ner-kinds" / "winer-org-kinds.tsv"


def evaluate_ner_command(
    data: Annotated[
        Path | None, typer.Option("--data", help="folder of brat .txt/.ann pairs (default ../shared/data/winer-fr)")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="score only the first N documents")] = None,
    exclude_gold: Annotated[
        Path | None, typer.Option("--exclude-gold", help="skip texts this gold file points at")
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model given to build_nlp")] = None,
    company_ner: Annotated[
        str | None,
        typer.Option("--company-ner", help="fine-tuned NER folder, or 'off' for the model's own NER (default: models/company-ner when present)"),
    ] = None,
    exclude_train: Annotated[
        bool,
        typer.Option(
            "--exclude-train/--include-train",
            help="skip the documents the fine-tuned NER (the loaded one, else models/company-ner) was trained or tuned on (its train_docs.txt)",
        ),
    ] = True,
    raw_ner: Annotated[
        bool, typer.Option("--raw-ner", help="score the statistical NER's ORG entities (doc.ents) instead of doc.spans['companies']")
    ] = False,
    kinds: Annotated[
        Path | None,
        typer.Option(
            "--kinds",
            help="TSV giving each gold span's kind (company/other), to score the recall of the company spans "
            "(default: annotations/ner-kinds/winer-org-kinds.tsv when --data is the default; 'off' never)",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
) -> None:
    """Score company mentions (doc.spans["companies"]) against brat Organization spans, strict and partial."""
    from pipeline.annotate import DEFAULT_MODEL, build_nlp
    from pipeline.annotate.company_ner import DEFAULT_COMPANY_NER, TRAIN_DOCS_FILE, read_train_docs, resolve_company_ner
    from pipeline.evaluate.ner import RAW_NER, check_folder, evaluate_ner, gold_text_files, iter_brat, read_kinds
    from pipeline.evaluate.textref import find_repo_root

    root = find_repo_root(Path.cwd()) or Path.cwd()
    if data is None:
        data = root / ".." / "shared" / "data" / "winer-fr"
        if kinds is None and (root / DEFAULT_KINDS).is_file():
            kinds = root / DEFAULT_KINDS
    check_folder(data)
    kinds_path = None if kinds is None or str(kinds) == "off" else kinds
    kind_of = read_kinds(kinds_path) if kinds_path is not None else None
    exclude = gold_text_files(exclude_gold) if exclude_gold is not None else []
    n_gold_excluded = len(exclude)
    # like build_nlp: the default fine-tuned weights go with the default model only
    other_model = company_ner is None and (model or DEFAULT_MODEL) != DEFAULT_MODEL
    folder = None if other_model else resolve_company_ner(company_ner)
    # the training documents of the loaded fine-tuned NER, else of the default one (so that the stock
    # NER is scored on the same held-out documents): present under --data, they are skipped
    train_source = folder if folder is not None else (DEFAULT_COMPANY_NER if (DEFAULT_COMPANY_NER / TRAIN_DOCS_FILE).is_file() else None)
    train_docs = [data / rel for rel in read_train_docs(train_source)] if exclude_train else []
    train_docs = [p for p in train_docs if p.is_file()]
    exclude += train_docs
    nlp = build_nlp(model or DEFAULT_MODEL, company_ner="off" if folder is None else str(folder))
    brat_docs = list(iter_brat(data, exclude=exclude, limit=limit))
    result = evaluate_ner(brat_docs, nlp, span_key=RAW_NER if raw_ner else "companies", kinds=kind_of, kinds_path=kinds_path)
    scores = result.scores
    ner_name = str(folder) if folder is not None else f"{model or DEFAULT_MODEL} (own NER)"
    if as_json:
        payload = scores.to_json()
        payload.update(
            {"ner": ner_name, "scored": "doc.ents ORG" if raw_ner else "doc.spans['companies']",
             "excluded_gold_texts": n_gold_excluded, "excluded_train_docs": len(train_docs)}
        )
        if result.companies is not None:
            payload["companies"] = {
                "kinds": str(kinds_path), "n_docs": result.companies.n_docs, "n_gold": result.companies.n_gold, "exact": result.companies.exact,
                "partial": result.companies.partial, "recall_strict": result.companies.strict["recall"],
                "recall_partial": result.companies.partial_scores["recall"],
            }
        typer.echo(json.dumps(payload, indent=2))
        return
    from rich.table import Table

    table = Table(
        title=f"ORG mentions: {scores.n_docs} documents, {scores.n_gold} gold, {scores.n_pred} predicted",
        title_justify="left",
    )
    for col in ("scheme", "P %", "R %", "F1 %"):
        table.add_column(col, justify="left" if col == "scheme" else "right")
    for name, prf in (("strict (same boundaries)", scores.strict), ("partial (overlap = 0.5)", scores.partial_scores)):
        table.add_row(name, *(f"{100 * prf[k]:.1f}" for k in ("precision", "recall", "f1")))
    if result.companies is not None:
        c = result.companies
        for name, prf in (("strict, company spans", c.strict), ("partial, company spans", c.partial_scores)):
            table.add_row(f"{name} ({c.n_gold})", "-", f"{100 * prf['recall']:.1f}", "-")
    console = Console()
    console.print(table)
    console.print(f"[dim]gold: brat Organization spans under {os.path.normpath(data)}[/dim]", highlight=False)
    console.print(
        f"[dim]scored {scores.n_docs} documents with NER {ner_name} ({'doc.ents ORG' if raw_ner else 'doc.spans[companies]'}); "
        f"excluded {n_gold_excluded} gold texts, {len(train_docs)} training/dev documents of the fine-tuned NER"
        + (f" ({train_source}/{TRAIN_DOCS_FILE})" if train_docs else "")
        + ("" if exclude_train else " (--include-train: its training documents are scored too)")
        + "[/dim]",
        highlight=False,
    )
    if scores.skipped_discontinuous:
        console.print(f"[dim]{scores.skipped_discontinuous} discontinuous gold spans skipped[/dim]")
    if kinds_path is not None:
        console.print(
            f"[dim]company spans: the gold spans of kind 'company' in {kinds_path} (recall only), on the "
            f"{result.companies.n_docs if result.companies else 0} documents it covers ({result.uncovered_docs} others)[/dim]",
            highlight=False,
        )


def import_gold_command(
    input_path: Annotated[Path, typer.Argument(help="Label Studio JSON export, doccano JSONL, or brat folder/.ann")],
    fmt: Annotated[str, typer.Option("--format", help="labelstudio, doccano or brat")],
    out: Annotated[Path, typer.Option("--out", help="gold .jsonl to write")],
    split: Annotated[str | None, typer.Option("--split", help="set this split on every document")] = None,
    text_ref: Annotated[
        bool, typer.Option("--text-ref", help="brat: point at the .txt files (sha256) instead of copying text")
    ] = False,
    predictions: Annotated[
        bool, typer.Option("--predictions", help="labelstudio: use a task's predictions when it has no annotation")
    ] = False,
) -> None:
    """Convert annotations made in Label Studio, doccano or brat into the gold format (validated)."""
    from pipeline.evaluate.importers import import_gold

    if split is not None and split not in SPLITS:
        raise error("E031", split=split, splits=", ".join(SPLITS))
    n_docs, n_events = import_gold(input_path, fmt, out, split=split, text_ref=text_ref, use_predictions=predictions)
    typer.echo(f"wrote {n_docs} documents, {n_events} events to {out}")


def export_labelstudio_command(
    run_dir: Annotated[Path, typer.Argument(help="run folder (events.parquet, mentions.parquet)")],
    out: Annotated[Path, typer.Option("--out", help="Label Studio tasks JSON to write")],
    texts: Annotated[
        list[Path] | None, typer.Option("--texts", help="the inputs given to extract (repeatable)")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="take the texts from a gold file instead (keeps text_ref)")
    ] = None,
    model_version: Annotated[str | None, typer.Option("--model-version", help="label of the predictions")] = None,
) -> None:
    """Export a run's events as Label Studio pre-annotations, for a person to correct."""
    from pipeline.evaluate.importers.labelstudio_export import export_run

    if not texts and gold is None:
        raise error("E037", run=run_dir, reason="give --texts INPUT (the inputs given to extract) or --gold FILE")
    n_tasks, n_events, unplaced = export_run(run_dir, out, texts=texts or [], gold=gold, model_version=model_version)
    typer.echo(f"wrote {n_tasks} tasks with {n_events} predicted events to {out}")
    if unplaced:
        typer.echo(
            f"{unplaced} triggers or arguments could not be placed in the text; the annotator adds them", err=True
        )


def register(app: typer.Typer) -> None:
    """Add the evaluation commands to the main ``rachat`` app."""
    app.command("evaluate")(evaluate_command)
    app.command("evaluate-ner")(evaluate_ner_command)
    app.command("import-gold")(import_gold_command)
    app.command("export-labelstudio")(export_labelstudio_command)
