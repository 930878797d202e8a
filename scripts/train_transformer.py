"""Fine-tune a local encoder checkpoint for rachat's company NER or event status classifier.

Usage (from the repository root, with the [trf] extra installed)::

    python scripts/train_transformer.py --base models/camembert-base --task ner --out models/camembert-ner-winer
    python scripts/train_transformer.py --base models/camembert-base --task status --out models/camembert-status \\
        --epochs 5 --lr 3e-5
    python scripts/train_transformer.py --base out/trf/tiny-bert --task ner --out out/trf/tiny-ner --max-steps 300 --lr 1e-3

``--base`` is any folder written by ``save_pretrained`` (nothing is downloaded). The checkpoint,
``model_card.md`` and ``training.json`` go to ``--out``. The GPU is used when torch sees one
(``--device auto``), the CPU otherwise. Logic: :mod:`pipeline.annotate.transformer.train`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(os.path.abspath(__file__)).parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.errors import RachatError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--base", required=True, help="local encoder checkpoint folder (config.json, tokenizer, weights)"
    )
    parser.add_argument("--task", required=True, choices=["ner", "status"])
    parser.add_argument("--out", required=True, help="output folder, e.g. models/NAME")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--max-steps", type=int, default=None, help="stop after this many optimiser steps")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--lr", type=float, default=5e-5, help="5e-5 suits a pretrained encoder; ~1e-3 a random tiny one"
    )
    parser.add_argument("--device", default="auto", help="auto (GPU when present), cpu, cuda or cuda:N")
    parser.add_argument("--max-length", type=int, default=256, help="window length in pieces (capped by the model)")
    parser.add_argument("--stride", type=int, default=32, help="NER: pieces shared by consecutive windows")
    parser.add_argument(
        "--heldout", type=float, default=0.1, help="fraction of documents held out for the card's scores"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--winer", default="../shared/data/winer-fr", help="NER: WiNER-fr brat folder")
    parser.add_argument(
        "--gold-dir", default="annotations", help="gold folder (test split excluded, dev/written for status)"
    )
    parser.add_argument("--overwrite", action="store_true", help="replace a checkpoint already in --out")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    args = parser.parse_args(argv)

    from pipeline.annotate.transformer.train import TrainSettings, train

    settings = TrainSettings(
        base=args.base,
        out=args.out,
        task=args.task,
        epochs=args.epochs,
        max_steps=args.max_steps,
        batch_size=args.batch_size,
        lr=args.lr,
        device=args.device,
        max_length=args.max_length,
        stride=args.stride,
        seed=args.seed,
        heldout=args.heldout,
        winer_dir=args.winer,
        gold_dir=args.gold_dir,
        overwrite=args.overwrite,
    )
    started = time.perf_counter()

    def progress(step: int, total: int, loss: float) -> None:
        if not args.quiet and (step == total or step % 10 == 0):
            rate = step / max(1e-9, time.perf_counter() - started)
            print(f"\rstep {step}/{total}  loss {loss:.4f}  {rate:.2f} steps/s", end="", file=sys.stderr, flush=True)

    try:
        report = train(settings, progress)
    except RachatError as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 2
    print(file=sys.stderr)
    metrics = report["heldout_metrics"]
    print(
        f"wrote {args.out} ({report['training']['steps']} steps on {report['training']['device']}, {report['training']['seconds']} s)"
    )
    if metrics:
        shown = {k: v for k, v in metrics.items() if k != "per_label"}
        print(f"held-out: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
