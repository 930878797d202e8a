"""Throughput and memory of rachat against a naive spaCy baseline, on OrangeSum; writes docs/BENCHMARKS.md.

    .venv/bin/python scripts/benchmark.py --n 5000 [--full] [--gold annotations]

In one go and one process tree (each variant is a child process of this script, so the peak
RSS of each is its own; a sampler thread reads the RSS of every process of the tree with
psutil four times a second):

(a) baseline: ``spacy.load("fr_core_news_md")`` and ``nlp.pipe`` over every full text, all
    components (what one writes without rachat's gate);
(b) ``rachat extract --workers 1``;
(c) ``rachat extract --workers <all cores>`` (local process pool);
(d) ``rachat extract --engine dask --workers <all cores>`` (a Dask LocalCluster);
(e) ``rachat extract --workers <all cores>`` on the first 1,000 articles (memory at two sizes);
with ``--full``: (f) ``rachat extract --workers <all cores>`` and (g) ``--workers 1`` on all 36,152 articles;
with ``--gold``: core F1 of the gold with the gate on and off (``rachat evaluate --run``).

The articles are the first N members of ``../shared/data/orangesum/parsed.tar.gz`` in archive
order, read with ``tarfile`` (field ``article``), written to a JSONL work file for rachat (not
timed). Times are wall-clock seconds of each child process, model loading included; words are
whitespace-separated words of the article texts (the same count for every variant).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TAR = REPO / ".." / "shared" / "data" / "orangesum" / "parsed.tar.gz"
DOC = REPO / "docs" / "BENCHMARKS.md"
TRF_START, TRF_END = "<!-- trf:start -->", "<!-- trf:end -->"
RACHAT_START, RACHAT_END = "<!-- rachat:start -->", "<!-- rachat:end -->"


# -- data ------------------------------------------------------------------------------------


def read_tar(path: Path, n: int | None) -> list[dict[str, Any]]:
    """The first ``n`` articles of the OrangeSum archive (all with None), in archive order."""
    from pipeline.evaluate.textref import iter_json_members

    out: list[dict[str, Any]] = []
    for member, data in iter_json_members(path):
        out.append({"id": f"orangesum-{Path(member).stem}", "title": data.get("title"), "text": data.get("article") or "", "date": data.get("date")})
        if n is not None and len(out) >= n:
            break
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def words(records: list[dict[str, Any]]) -> int:
    return sum(len((r["text"] or "").split()) for r in records)


# -- measuring a child process --------------------------------------------------------------


@dataclass
class Measure:
    name: str
    command: list[str]
    seconds: float = 0.0
    returncode: int = 0
    peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    names: dict[int, str] = field(default_factory=dict)  # pid -> role
    stdout: str = ""
    stderr: str = ""


def run_measured(name: str, command: list[str], env: dict[str, str] | None = None) -> Measure:
    import psutil

    m = Measure(name, command)
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    root = psutil.Process(proc.pid)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    rss = p.memory_info().rss
                    if rss > m.peak_rss.get(p.pid, 0):
                        m.peak_rss[p.pid] = rss
                    if p.pid not in m.names:
                        cmd = " ".join(p.cmdline())
                        m.names[p.pid] = "driver" if p.pid == proc.pid else ("dask" if "distributed" in cmd or "dask" in cmd else "worker")
                except psutil.Error:
                    pass
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    m.stdout, m.stderr = proc.communicate()
    m.seconds = time.perf_counter() - started
    m.returncode = proc.returncode
    stop.set()
    sampler.join()
    if m.returncode != 0:
        print(f"[{name}] failed ({m.returncode}):\n{m.stderr[-3000:]}", file=sys.stderr)
    return m


def peaks(m: Measure) -> tuple[int, int, int]:
    """(driver peak RSS, largest worker peak RSS, number of worker processes) in bytes."""
    driver = m.peak_rss.get(next((p for p, r in m.names.items() if r == "driver"), -1), 0)
    workers = [rss for pid, rss in m.peak_rss.items() if m.names.get(pid) != "driver" and rss > 200 * 2**20]
    return driver, max(workers, default=0), len(workers)


# -- children ------------------------------------------------------------------------------


def child_baseline(jsonl: Path) -> None:
    """(a): spaCy alone over every full text, all components; prints its own timings as JSON."""
    texts = [json.loads(line)["text"] or "" for line in jsonl.open(encoding="utf-8")]
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load("fr_core_news_md")
    t1 = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts):
        tokens += len(doc)
    t2 = time.perf_counter()
    print(json.dumps({"load_seconds": t1 - t0, "pipe_seconds": t2 - t1, "tokens": tokens, "components": nlp.pipe_names}))


def child_gold(gold: Path) -> None:
    """Core F1 of the gold with the gate on and off, same pipeline."""
    import tempfile

    from pipeline.annotate import build_nlp
    from pipeline.evaluate.commands import run_on_gold, score_run
    from pipeline.evaluate.gold import load_gold

    docs = load_gold(gold)
    nlp = build_nlp()
    out: dict[str, Any] = {"n_docs": len(docs)}
    for gate in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            run_dir = Path(tmp) / "run"
            t = time.perf_counter()
            run_on_gold(docs, run_dir, nlp=nlp, gate=gate)
            seconds = time.perf_counter() - t
            report = score_run(docs, run_dir)[0].to_json()
            manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
        out["on" if gate else "off"] = {
            "core": report["core"],
            "full": report["full"],
            "n_gold": report["n_gold_events"],
            "n_pred": report["n_pred_events"],
            "seconds": seconds,
            "gate": manifest["gate"],
        }
    print(json.dumps(out))


# -- the report ----------------------------------------------------------------------------


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    import spacy

    return {
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def rachat_row(m: Measure, n: int, n_words: int, base_rate: float | None) -> tuple[str, dict[str, Any]]:
    run = json.loads((Path(m.command[m.command.index("--out") + 1]) / "run.json").read_text(encoding="utf-8"))
    driver, worker, n_workers = peaks(m)
    rate = n / m.seconds
    ratio = f"{rate / base_rate:.1f}x" if base_rate else "-"
    gate = run["gate"]
    parsed = f"{100 * gate['chars_parsed'] / max(gate['chars'], 1):.1f} %"
    row = (
        f"| {m.name} | {n:,} | {m.seconds:,.1f} | {rate:,.1f} | {n_words / m.seconds:,.0f} | {ratio} | "
        f"{mb(driver)} | {mb(worker) if n_workers else '(in driver)'} | {n_workers} | {parsed} | {run['counts']['events']:,} |"
    )
    return row, run


def write_doc(sections: str) -> None:
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    trf = ""
    if TRF_START in old and TRF_END in old:
        trf = old[old.index(TRF_START) : old.index(TRF_END) + len(TRF_END)]
    else:
        trf = f"{TRF_START}\n{TRF_END}"
    DOC.write_text(f"# Benchmarks\n\n{RACHAT_START}\n{sections.strip()}\n{RACHAT_END}\n\n## Transformer inference\n\n{trf}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles for (a)-(d)")
    parser.add_argument("--tar", type=Path, default=TAR)
    parser.add_argument("--workers", type=int, default=None, help="'all cores' (default: the cores this process may use)")
    parser.add_argument("--baseline-n", type=int, default=None, help="run (a) on the first N articles only; its rate is then extrapolated (the report says so)")
    parser.add_argument("--full", action="store_true", help="also run the whole archive (all cores)")
    parser.add_argument("--gold", type=Path, default=None, help="also score the gold with the gate on and off")
    parser.add_argument("--skip", default="", help="variants to skip, e.g. a,d")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/rachat-benchmark"))
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child-input", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child == "baseline":
        child_baseline(args.child_input)
        return
    if args.child == "gold":
        child_gold(args.child_input)
        return

    from pipeline.engine.settings import default_workers

    workers = args.workers or default_workers()
    skip = set(filter(None, args.skip.split(",")))
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    info = machine()
    started = time.strftime("%Y-%m-%d %H:%M")
    print(f"reading {args.tar} ...", file=sys.stderr)
    sample = read_tar(args.tar, args.n)
    n = len(sample)
    sample_path = work / f"orangesum-{n}.jsonl"
    write_jsonl(sample_path, sample)
    n_words = words(sample)
    small = sample[:1000]
    small_path = work / "orangesum-1000.jsonl"
    write_jsonl(small_path, small)

    rachat = [str(Path(sys.executable).parent / "rachat")]
    py = [sys.executable, str(Path(__file__).resolve())]
    results: dict[str, Measure] = {}

    # (a) the baseline
    base_rate: float | None = None
    base_n = min(args.baseline_n or n, n)
    base_note = ""
    if "a" not in skip:
        base_path = sample_path
        if base_n < n:
            base_path = work / f"orangesum-{base_n}.jsonl"
            write_jsonl(base_path, sample[:base_n])
            base_note = f" **(a) ran on the first {base_n:,} of the {n:,} articles; its rate is extrapolated to {n:,}.**"
        print(f"(a) baseline on {base_n} articles ...", file=sys.stderr)
        m = run_measured("(a) spaCy baseline", [*py, "--child", "baseline", "--child-input", str(base_path)])
        results["a"] = m
        base_rate = base_n / m.seconds

    variants = [
        ("b", "(b) rachat, 1 worker", sample_path, n, ["--workers", "1"]),
        ("c", f"(c) rachat, {workers} workers", sample_path, n, ["--workers", str(workers)]),
        ("d", f"(d) rachat, Dask LocalCluster, {workers} workers", sample_path, n, ["--engine", "dask", "--workers", str(workers)]),
        ("e", f"(e) rachat, {workers} workers, 1,000 articles", small_path, len(small), ["--workers", str(workers)]),
    ]
    if args.full:
        full = read_tar(args.tar, None)
        full_path = work / "orangesum-all.jsonl"
        write_jsonl(full_path, full)
        variants.append(("f", f"(f) rachat, {workers} workers, whole archive", full_path, len(full), ["--workers", str(workers)]))
        variants.append(("g", "(g) rachat, 1 worker, whole archive", full_path, len(full), ["--workers", "1"]))
    runs: dict[str, dict[str, Any]] = {}
    rows: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {"a": (base_n, words(sample[:base_n]))}
    for key, name, path, count, options in variants:
        if key in skip:
            continue
        print(f"{name} ...", file=sys.stderr)
        out = work / f"run-{key}"
        m = run_measured(name, [*rachat, "extract", str(path), "--out", str(out), "--overwrite", "--quiet", *options])
        results[key] = m
        if m.returncode == 0:
            count_words = words(sample) if path == sample_path else words(small) if path == small_path else words(full)
            sizes[key] = (count, count_words)
            row, runs[key] = rachat_row(m, count, count_words, base_rate)
            rows[key] = row

    gold: dict[str, Any] | None = None
    if args.gold is not None:
        print("gold, gate on and off ...", file=sys.stderr)
        m = run_measured("gold", [*py, "--child", "gold", "--child-input", str(args.gold)])
        if m.returncode == 0:
            gold = json.loads(m.stdout.strip().splitlines()[-1])

    # -- report --
    lines = [
        "## rachat: throughput and memory",
        "",
        f"Measured {started} with `python scripts/benchmark.py --n {args.n}"
        + (f" --baseline-n {args.baseline_n}" if args.baseline_n else "")
        + (" --full" if args.full else "")
        + (f" --gold {args.gold}" if args.gold else "")
        + "`.",
        "",
        f"- input: the first {n:,} articles of OrangeSum (`../shared/data/orangesum/parsed.tar.gz`, archive order, field `article`), "
        f"{n_words:,} words (whitespace-separated), read with `tarfile` and written to a JSONL work file for rachat",
        f"- machine: {info['cpus']} CPUs visible ({info['cpu'] or platform.machine()}), Python {info['python']}, spaCy {info['spacy']}, "
        f"fr_core_news_md 3.8.0; load average {info['load']:.1f} when the benchmark started"
        + (f", {os.getloadavg()[0]:.1f} when it ended" if hasattr(os, "getloadavg") else "")
        + " (the cores are shared with other jobs: compare the ratios, which were measured in the same conditions, more than the absolute rates)",
        "- time: wall clock of each child process, from its start to its exit, so Python start-up and model loading (about 3-8 s per "
        "process here) are included; articles/s = articles / that time",
        "- memory: peak RSS of each process of the variant's tree (psutil, sampled every 0.25 s); 'worker' is the largest peak among "
        "the worker processes (pool workers or Dask workers; the Dask scheduler and nanny processes, under 200 MB, are not counted)",
        "",
        "| variant | articles | seconds | articles/s | words/s | vs (a) | driver peak RSS (MB) | worker peak RSS (MB) | workers | text parsed | events |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    if "a" in results:
        m = results["a"]
        child = json.loads(m.stdout.strip().splitlines()[-1]) if m.returncode == 0 else {}
        bwords = words(sample[:base_n])
        lines.append(
            f"| (a) spaCy baseline | {base_n:,} | {m.seconds:,.1f} | {base_n / m.seconds:,.1f} | {bwords / m.seconds:,.0f} | 1.0x | "
            f"{mb(peaks(m)[0])} | (in driver) | 0 | 100 % | - |"
        )
    for key in ("b", "c", "d", "e", "f", "g"):
        if key in rows:
            lines.append(rows[key])
    lines.append("")
    if base_note:
        lines.append(base_note.strip())
        lines.append("")
    if "a" in results and results["a"].returncode == 0:
        child = json.loads(results["a"].stdout.strip().splitlines()[-1])
        lines.append(
            f"(a) in detail: model load {child['load_seconds']:.1f} s, `nlp.pipe` {child['pipe_seconds']:.1f} s over {child['tokens']:,} tokens "
            f"({child['tokens'] / child['pipe_seconds']:,.0f} tokens/s, {base_n / child['pipe_seconds']:,.1f} articles/s without the load); "
            f"components {', '.join(child['components'])}."
        )
        lines.append("")
    for key in ("b", "c", "d", "e", "f", "g"):
        if key not in runs:
            continue
        run = runs[key]
        g, t = run["gate"], run["timings"]
        w = t.get("worker", {})
        lines.append(
            f"- {results[key].name}: {run['counts']['read']:,} read = {run['counts']['processed']:,} processed + {run['counts']['skipped']:,} skipped "
            f"+ {run['counts']['quarantined']:,} quarantined; gate: {g['articles_parsed']:,} articles parsed, "
            f"{g['sentences_parsed']:,} of {g['sentences']:,} sentences ({100 * g['sentences_parsed'] / max(g['sentences'], 1):.1f} %); "
            f"worker time: read+prepare+gate {w.get('seconds_read_prepare_gate', 0):,.1f} s, parse {w.get('seconds_parse', 0):,.1f} s, "
            f"extract {w.get('seconds_extract', 0):,.1f} s"
        )
    lines.append("")
    base_pipe_rate = None
    if "a" in results and results["a"].returncode == 0:
        base_pipe_rate = base_n / json.loads(results["a"].stdout.strip().splitlines()[-1])["pipe_seconds"]
    for key in ("b", "g"):
        if key in runs and base_rate and base_pipe_rate:
            count = sizes[key][0]
            wall = count / results[key].seconds
            steady = count / runs[key]["timings"]["worker"]["seconds"]
            lines.append(
                f"**{results[key].name} vs (a): {wall / base_rate:.1f}x** articles/s wall clock (start-up and model load "
                f"included on both sides); **{steady / base_pipe_rate:.1f}x** without them ({steady:,.1f} articles/s: articles / the "
                f"worker's own processing time in run.json, against (a)'s `nlp.pipe` time alone, {base_pipe_rate:,.1f} articles/s). "
                "Target: 10x."
            )
            lines.append("")
    memory = []
    for small_key, big_key in (("b", "g"), ("e", "f")):
        if small_key in runs and big_key in runs:
            def worker_peak(key: str) -> int:
                driver, worker, n_workers = peaks(results[key])
                return worker if n_workers else driver
            memory.append(
                f"{results[big_key].name.split(',')[1].strip()}: {mb(worker_peak(small_key))} MB on {sizes[small_key][0]:,} articles, "
                f"{mb(worker_peak(big_key))} MB on {sizes[big_key][0]:,}"
            )
    if memory:
        lines.append("**Memory, largest worker process:** " + "; ".join(memory) + " (target: at most 1,536 MB per worker, flat).")
    if "f" in runs:
        run = runs["f"]
        lines.append("")
        lines.append(
            f"**Whole archive:** {sizes['f'][0]:,} articles ({sizes['f'][1]:,} words) in {results['f'].seconds / 60:,.1f} min with {workers} workers "
            f"({sizes['f'][0] / results['f'].seconds:,.1f} articles/s): {run['counts']['events']:,} events, {run['counts']['mentions']:,} mentions, "
            f"{run['counts']['processed']:,} processed, {run['counts']['skipped']:,} skipped ({run['skipped_reasons']}), "
            f"{run['counts']['quarantined']:,} quarantined ({run['quarantine_reasons']})."
        )
    lines += [
        "",
        "Reading the numbers: rachat parses only what the lexical gate keeps (the 'text parsed' column; see docs/SCALING.md), "
        "so its time goes to reading, preparing and gating every article (about 1 ms each) and to parsing about a third of "
        "them, a few sentences each. The start-up (imports, model, gazetteer: 6-9 s) weighs on short runs, hence the wall-clock "
        "ratio grows with the run. With 2 cores shared with other jobs, 2 workers cannot give 2x; the Dask LocalCluster adds "
        "its own processes and task overhead. (a)'s memory is spaCy's default `nlp.pipe` batches of 1,000 full documents; "
        "rachat's workers hold a model and one partition of 500 articles, whatever the size of the dump.",
    ]
    if gold is not None:
        off, on = gold["off"], gold["on"]
        lines += [
            "",
            "### The gate on the gold",
            "",
            f"`rachat evaluate --gold {args.gold} --run`, the same pipeline with the gate off and on ({gold['n_docs']} documents, {off['n_gold']} gold events):",
            "",
            "| gate | core P | core R | core F1 | full F1 | predicted events | sentences parsed | text parsed | seconds |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for label, r in (("off", off), ("on", on)):
            g = r["gate"]
            sent = f"{100 * g['sentences_parsed'] / g['sentences']:.0f} %" if g["sentences"] else "100 %"
            lines.append(
                f"| {label} | {100 * r['core']['precision']:.1f} | {100 * r['core']['recall']:.1f} | {100 * r['core']['f1']:.2f} | "
                f"{100 * r['full']['f1']:.2f} | {r['n_pred']} | {sent} | {100 * g['chars_parsed'] / max(g['chars'], 1):.0f} % | {r['seconds']:.1f} |"
            )
        delta = 100 * (on["core"]["f1"] - off["core"]["f1"])
        lines += ["", f"Core F1 with the gate minus without: **{delta:+.2f} points** (target: lose less than 1 point)."]
    write_doc("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
