"""The ``rachat`` command line: thin wrappers over the pipeline's functions.

A user mistake ends with a one-line numbered message and exit status 2, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.errors import RachatError, error

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Company ownership events from French news, as Parquet.")
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)


def fail(exc: RachatError) -> None:
    err_console.print(f"[bold red]error[/] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="JSONL, CSV, Parquet, .txt/.html, WARC files or folders of them, in any mix")],
    out: Annotated[Path, typer.Option("--out", "-o", help="run folder to write")],
    field: Annotated[list[str], typer.Option("--field", help="NAME=COLUMN, e.g. text=article_body (text, title, url, published, id, html)")] = [],  # noqa: B006
    overwrite: Annotated[bool, typer.Option(help="replace an existing run folder")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="continue the interrupted run in --out (same inputs and settings)")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-w", help="worker processes (default: all cores)")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="with --engine dask: address of a running scheduler, tcp://HOST:8786")] = None,
    gate: Annotated[bool, typer.Option("--gate/--no-gate", help="parse only the sentences that can hold an event (lexical gate)")] = True,
    lang: Annotated[str, typer.Option("--lang", help="languages kept: fr, fr,en or any")] = "fr",
    dedup: Annotated[bool, typer.Option("--dedup/--no-dedup", help="skip copies of an article seen before (same URL or text)")] = True,
    skip_known: Annotated[Path | None, typer.Option("--skip-known", help="skip doc_ids already in this earlier run folder")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", help="quarantine articles longer than this")] = 2_000_000,
    partition_size: Annotated[int, typer.Option("--partition-size", help="records per partition (unit of work and of --resume)")] = 500,
    batch_size: Annotated[int, typer.Option(help="texts per nlp.pipe batch")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress, no summary")] = False,
    trf_ner: Annotated[Path | None, typer.Option("--trf-ner", help="token-classification checkpoint folder for company NER (needs rachat[trf])")] = None,
    ner_merge: Annotated[str, typer.Option("--ner-merge", help="with --trf-ner: union, transformer or rules")] = "union",
    device: Annotated[str, typer.Option("--device", help="with --trf-ner: cpu or cuda")] = "cpu",
    trf_batch_size: Annotated[int, typer.Option("--trf-batch-size", help="with --trf-ner/--trf-status: sentences per transformer batch")] = 32,
    trf_status: Annotated[Path | None, typer.Option("--trf-status", help="status classifier checkpoint folder, asked where the rules only guess (needs rachat[trf])")] = None,
    company_ner: Annotated[str | None, typer.Option("--company-ner", help="fine-tuned NER weights folder, or 'off' for fr_core_news_md's own NER (default: $RACHAT_COMPANY_NER, else models/company-ner when present)")] = None,
    pair_model: Annotated[str | None, typer.Option("--pair-model", help="learned pair model folder (weights.json, from scripts/train_pair_model.py), or 'off' (default: $RACHAT_PAIR_MODEL, else off: the rules alone)")] = None,
) -> None:
    """Read articles, extract ownership events, write the run folder.

    Progress goes to stderr: a bar on a terminal, a line every 15 s otherwise. Ctrl-C (or a
    crash) keeps the finished partitions: rerun the same command with --resume.
    """
    from pipeline.engine import default_workers, run_pipeline
    from pipeline.ingest import FieldMap, discover
    from pipeline.prepare.lang import ANY, parse_lang_option

    try:
        fields = FieldMap.parse(field)
        discover(list(inputs))  # fail fast on a missing path or unknown format
        if lang.strip().lower() != ANY:
            parse_lang_option(lang)
        if max_chars < 1:
            raise error("E051", value=max_chars)
        if trf_status is not None and not trf_status.is_dir():
            raise error("E020", path=trf_status, kind="folder", expected="a local sequence-classification checkpoint folder")
        if trf_ner is not None and not trf_ner.is_dir():
            raise error("E020", path=trf_ner, kind="folder", expected="a local checkpoint folder with config.json, tokenizer files and weights")
        if company_ner is not None:
            from pipeline.annotate.company_ner import resolve_company_ner

            resolve_company_ner(company_ner)  # fail fast (E013) on a missing folder
        if pair_model is not None:
            from pipeline.extract.pairs import resolve_pair_model_path

            resolve_pair_model_path(pair_model)  # fail fast (E015) on a missing folder
        if skip_known is not None and not (skip_known / "articles.parquet").exists():
            raise error("E092", path=skip_known, reason="no articles.parquet there")
        if out.exists() and any(out.iterdir()) and not resume:
            if not overwrite:
                raise error("E006", path=out)
            shutil.rmtree(out)
        manifest = run_pipeline(
            None,
            out,
            inputs=list(inputs),
            resume=resume,
            progress="none" if quiet else "auto",
            settings={"fields": fields.overrides},
            fields=fields.overrides,
            workers=workers if workers is not None else (default_workers() if scheduler is None else 1),
            engine=engine,
            scheduler=scheduler,
            gate=gate,
            lang=lang,
            dedup=dedup,
            skip_known=str(skip_known) if skip_known is not None else None,
            max_chars=max_chars,
            partition_size=partition_size,
            batch_size=batch_size,
            trf_ner=str(trf_ner) if trf_ner is not None else None,
            ner_merge=ner_merge,
            device=device,
            trf_batch_size=trf_batch_size,
            trf_status=str(trf_status) if trf_status is not None else None,
            company_ner=company_ner,
            pair_model=pair_model,
        )
    except RachatError as exc:
        fail(exc)
        return
    except KeyboardInterrupt:
        err_console.print(f"[bold yellow]interrupted[/]: the finished partitions are kept in {out}; rerun the same command with --resume")
        raise typer.Exit(130) from None
    if not quiet:
        c, t = manifest["counts"], manifest["timings"]
        rate = f" ({t['records_per_second']} articles/s, {t['words_per_second']} words/s)" if t.get("records_per_second") else ""
        console.print(
            f"[bold]{c['read']}[/] read = {c['processed']} processed + {c['skipped']} skipped + {c['quarantined']} quarantined; "
            f"[bold green]{c['events']}[/] events, {c['mentions']} mentions in {t['seconds']} s{rate} -> {out}"
        )


def _events_table(events: object, title: str) -> Table:
    import pandas as pd

    assert isinstance(events, pd.DataFrame)
    table = Table(title=title, show_lines=False)
    for col in ("doc_id", "event_type", "owner", "target", "seller", "stake_pct", "amount", "status", "confidence"):
        table.add_column(col, overflow="fold")
    for row in events.itertuples():
        amount = "" if row.amount is None or row.amount != row.amount else f"{row.amount:,.0f} {_s(row.currency)}"
        stake = "" if row.stake_pct is None or row.stake_pct != row.stake_pct else f"{row.stake_pct:g}"
        table.add_row(str(row.doc_id), row.event_type, _s(row.owner), _s(row.target), _s(row.seller), stake, amount, _s(row.status), f"{row.confidence:.2f}")
    return table


def _s(value: object) -> str:
    """A cell's text; None and NaN (pandas' missing values) print as empty."""
    if value is None or value != value:
        return ""
    return str(value)


def _load_run(run_dir: Path) -> tuple[object, object, dict[str, object]]:
    import pandas as pd

    if not (run_dir / "events.parquet").exists():
        raise error("E011", path=run_dir)
    events = pd.read_parquet(run_dir / "events.parquet")
    mentions = pd.read_parquet(run_dir / "mentions.parquet")
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8")) if (run_dir / "run.json").exists() else {}
    return events, mentions, manifest


@app.command()
def summary(run_dir: Annotated[Path, typer.Argument(help="a run folder written by 'rachat extract'")]) -> None:
    """Print the events of a run as a table, with the run's counts."""
    try:
        events, _, manifest = _load_run(run_dir)
    except RachatError as exc:
        fail(exc)
        return
    import pandas as pd

    assert isinstance(events, pd.DataFrame)
    console.print(_events_table(events.sort_values(["doc_id", "event_type"]), f"{len(events)} events in {run_dir}"))
    counts = manifest.get("counts", {})
    if isinstance(counts, dict) and counts:
        console.print("counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    console.print("by type: " + ", ".join(f"{k}={v}" for k, v in events["event_type"].value_counts().items()))


@app.command()
def show(
    doc_or_file: Annotated[str, typer.Argument(help="a doc_id of the run, or an article file (.txt) to process now")],
    run: Annotated[Path | None, typer.Option("--run", help="run folder holding the doc_id")] = None,
) -> None:
    """One article's events, each with its sentences and the rule that produced it."""
    import pandas as pd

    try:
        path = Path(doc_or_file)
        if run is None and path.exists():
            from pipeline.annotate import build_nlp
            from pipeline.engine import process_article
            from pipeline.ingest import iter_records
            from pipeline.schema import Article
            from pipeline.write.parquet import EVENTS_SCHEMA, MENTIONS_SCHEMA, to_rows

            nlp = build_nlp()
            evs, mens = [], []
            for rec in iter_records([path]):
                if isinstance(rec, Article):
                    e, m = process_article(nlp, rec)
                    evs.extend(e)
                    mens.extend(m)
            events, mentions = to_rows(evs, EVENTS_SCHEMA).to_pandas(), to_rows(mens, MENTIONS_SCHEMA).to_pandas()
        else:
            if run is None:
                raise error("E001", path=doc_or_file)
            ev, me, _ = _load_run(run)
            assert isinstance(ev, pd.DataFrame) and isinstance(me, pd.DataFrame)
            events, mentions = ev[ev.doc_id == doc_or_file], me[me.doc_id == doc_or_file]
            if events.empty and mentions.empty:
                raise error("E012", doc=doc_or_file, path=run)
    except RachatError as exc:
        fail(exc)
        return
    console.print(_events_table(events, f"{len(events)} events"))
    for ev in events.itertuples():
        console.print(f"\n[bold]{ev.event_type}[/] owner={ev.owner} target={ev.target} seller={ev.seller} stake={ev.stake_pct} status={ev.status}")
        for m in mentions[mentions.event_id == ev.event_id].itertuples():
            console.print(f"  [dim]{m.rule}[/] trigger=[cyan]{m.trigger}[/] status_cue={m.status_cue!s} :: {m.sentence.strip()}", highlight=False)


def main() -> None:  # pragma: no cover
    try:
        app()
    except RachatError as exc:
        err_console.print(f"error {exc}")
        sys.exit(2)


def _register_extensions() -> None:
    """Commands that live with their stage (evaluation, import/export of gold)."""
    from pipeline.evaluate.commands import register as register_evaluate

    register_evaluate(app)


_register_extensions()
