"""Time transformer NER inference on OrangeSum sentences; update the "Transformer inference" section of docs/BENCHMARKS.md.

Usage (from the repository root, with the [trf] extra installed)::

    python scripts/benchmark_trf.py --trf models/camembert-ner                     # 5,000 sentences, CPU and GPU
    python scripts/benchmark_trf.py --trf out/trf/tiny-ner --n 2000 --batch-sizes 8 32 --device cpu

Sentences are read straight from ``../shared/data/orangesum/parsed.tar.gz`` (``article`` field of
each JSON member, split with the cheap splitter of :mod:`pipeline.annotate.transformer.sentences`),
never copied. Each device in ``--device`` that torch can use is timed at each batch size, after a
warm-up batch; a device torch cannot use is reported as skipped. Only the part of
docs/BENCHMARKS.md between ``<!-- trf:start -->`` and ``<!-- trf:end -->`` is rewritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shlex
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(os.path.abspath(__file__)).parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.annotate.transformer.sentences import split_sentences  # noqa: E402
from pipeline.errors import RachatError  # noqa: E402
from pipeline.evaluate.textref import iter_json_members  # noqa: E402

START, END = "<!-- trf:start -->", "<!-- trf:end -->"


def orangesum_sentences(archive: Path, n: int, min_words: int = 4) -> tuple[list[str], int]:
    """The first ``n`` sentences of at least ``min_words`` words, in archive order; and the articles read."""
    out: list[str] = []
    articles = 0
    for _member, record in iter_json_members(archive):
        text = record.get("article")
        if not isinstance(text, str) or not text.strip():
            continue
        articles += 1
        for start, end in split_sentences(text):
            sentence = text[start:end]
            if len(sentence.split()) >= min_words:
                out.append(sentence)
                if len(out) >= n:
                    return out, articles
    return out, articles


def update_section(path: Path, body: str) -> None:
    """Replace the text between the trf markers (or append the section), leaving the rest untouched."""
    block = f"{START}\n{body.rstrip()}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in text and END in text and text.index(START) < text.index(END):
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        text = head + block + tail
    else:
        text = text.rstrip() + "\n\n## Transformer inference\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trf", required=True, help="token-classification checkpoint folder")
    parser.add_argument("--n", type=int, default=5000, help="number of sentences")
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--device", nargs="+", default=["cpu", "cuda"])
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per setting; the best is reported")
    parser.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--max-length", type=int, default=512)
    parser.add_argument("--stride", type=int, default=64)
    parser.add_argument("--archive", default="../shared/data/orangesum/parsed.tar.gz")
    parser.add_argument("--docs", default="docs/BENCHMARKS.md", help="markdown file whose trf section is rewritten")
    parser.add_argument("--note", default="", help="a line added under the table (what the model is, why)")
    parser.add_argument("--no-write", action="store_true", help="print the section, do not touch --docs")
    args = parser.parse_args(argv)

    import torch

    from pipeline.annotate.transformer.ner import TokenClassifierRunner
    from pipeline.annotate.transformer.runtime import load_pretrained

    if args.threads:
        torch.set_num_threads(args.threads)
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    sentences, articles = orangesum_sentences(Path(args.archive), args.n)
    read_s = time.perf_counter() - t0
    words = sum(len(s.split()) for s in sentences)
    print(f"{len(sentences)} sentences ({words} words) from {articles} articles in {read_s:.1f} s", file=sys.stderr)

    rows: list[str] = []
    skipped: list[str] = []
    model_desc = ""
    for device in args.device:
        if device.startswith("cuda") and not torch.cuda.is_available():
            skipped.append(f"{device}: torch sees no GPU on this machine")
            continue
        try:
            tokenizer, model = load_pretrained(args.trf, "token-classification", "AutoModelForTokenClassification")
            runner = TokenClassifierRunner(
                model, tokenizer, device=device, max_length=args.max_length, stride=args.stride, name=args.trf
            )
        except RachatError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        cfg = model.config
        n_params = sum(p.numel() for p in model.parameters())
        model_desc = (
            f"{getattr(cfg, 'model_type', '?')}, {getattr(cfg, 'num_hidden_layers', '?')} layers, "
            f"hidden {getattr(cfg, 'hidden_size', '?')}, {n_params / 1e6:.1f} M parameters"
        )
        for batch_size in args.batch_sizes:
            runner.batch_size = batch_size
            runner.predict_char_spans(sentences[: max(batch_size, 32)])  # warm-up
            timings: list[float] = []
            spans: list[list[Any]] = []
            for _ in range(max(1, args.repeat)):
                if device.startswith("cuda"):
                    torch.cuda.synchronize()
                started = time.perf_counter()
                spans = runner.predict_char_spans(sentences)
                if device.startswith("cuda"):
                    torch.cuda.synchronize()
                timings.append(time.perf_counter() - started)
            seconds = min(timings)
            n_windows = sum(len(w) for w in runner.encode(sentences))
            n_spans = sum(len(s) for s in spans)
            line = (
                f"| {device}{' fp16' if device.startswith('cuda') else ''} | {batch_size} | {len(sentences):,} | "
                f"{words:,} | {n_windows:,} | {seconds:.1f} | {len(sentences) / seconds:,.0f} | "
                f"{words / seconds:,.0f} | {max(timings):.1f} | {n_spans:,} |"
            )
            print(line, file=sys.stderr)
            rows.append(line)
        del runner, model
        if device.startswith("cuda"):
            torch.cuda.empty_cache()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shown = list(argv if argv is not None else sys.argv[1:])
    if "--note" in shown:  # the note is printed below the table, not twice
        i = shown.index("--note")
        shown[i : i + 2] = ["--note", "..."]
    command = shlex.join(["python", "scripts/benchmark_trf.py", *shown])
    body = [
        f"Measured {dt.date.today().isoformat()} with `{command}`.",
        "",
        f"- model: `{args.trf}` ({model_desc}); windows of at most {args.max_length} pieces, stride {args.stride}",
        f"- input: the first {len(sentences):,} sentences of at least 4 words of OrangeSum "
        f"(`{args.archive}`, {articles:,} articles read, cheap regex sentence split)",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs visible, torch {torch.__version__} "
        f"(CPU threads: {torch.get_num_threads()}); load average {load:.1f} at the start; peak RSS {peak_mb:,.0f} MB",
        "- time: `TokenClassifierRunner.predict_char_spans` over all sentences (tokenisation, batches sorted by "
        f"length, inference, word alignment, BIO decoding), after one warm-up batch; best and worst of {args.repeat} runs",
        "",
        "| device | batch | sentences | words | windows | best s | sentences/s | words/s | worst s | ORG spans |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *rows,
    ]
    if skipped:
        body += ["", "Not measured: " + "; ".join(skipped) + "."]
    if args.note:
        body += ["", args.note]
    section = "\n".join(body)
    if args.no_write:
        print(section)
    else:
        update_section(Path(args.docs), section)
        print(f"updated {args.docs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
