"""Build a tiny random BERT (own WordPiece vocabulary) to exercise training and benchmarks offline.

Usage (from the repository root)::

    python scripts/make_tiny_encoder.py --out out/trf/tiny-bert                 # vocabulary from WiNER texts
    python scripts/make_tiny_encoder.py --out out/trf/tiny-bert --hidden 128 --layers 4 --heads 4

There is no pretrained French encoder on this machine and no model hub to fetch one from: the
result has the structure of a checkpoint and random weights. The vocabulary is learnt from the
texts read in place (nothing is copied into the repository); keep the output out of git
(``out/`` is ignored).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

REPO_ROOT = Path(os.path.abspath(__file__)).parent.parent
sys.path.insert(0, str(REPO_ROOT))


def texts(folder: Path) -> Iterator[str]:
    for path in sorted(folder.rglob("*.txt")):
        if path.name.endswith("-urls.txt"):
            continue
        yield path.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--texts", default="../shared/data/winer-fr", help="folder of .txt files for the vocabulary")
    parser.add_argument("--vocab-size", type=int, default=8000)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=2)
    parser.add_argument("--max-positions", type=int, default=512)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    from pipeline.annotate.transformer.tiny import build_tiny_encoder

    folder = build_tiny_encoder(
        texts(Path(args.texts)),
        args.out,
        vocab_size=args.vocab_size,
        hidden_size=args.hidden,
        num_layers=args.layers,
        num_heads=args.heads,
        max_positions=args.max_positions,
        seed=args.seed,
    )
    print(f"wrote {folder} (random weights, {args.layers} layers, hidden {args.hidden}, vocabulary {args.vocab_size})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
