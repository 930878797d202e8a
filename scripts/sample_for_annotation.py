"""Pick OrangeSum articles to annotate, by vocabulary stratum, leaving out every document already in the gold.

Usage (from the repository root)::

    python scripts/sample_for_annotation.py --per-stratum 12 --seed 3 > /tmp/candidates.txt

Each output line is ``STRATUM<TAB>PATH#MEMBER`` ready for ``scripts/gold_text_ref.py``. The strata are
keyword families of the event types (mergers, acquisitions, holdings and stakes, fundraising) plus
look-alikes that usually carry no ownership event (market shares, "investit dans"), so a sample keeps
hard negatives. An article goes to the first stratum whose pattern it matches; articles shorter than
``--min-words`` or longer than ``--max-words`` are skipped (very long texts are slow to annotate).
The draw is reproducible: same archive, same gold folder, same seed, same list.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tarfile
from pathlib import Path

ARCHIVE = "../shared/data/orangesum/parsed.tar.gz"

STRATA: list[tuple[str, re.Pattern[str]]] = [
    ("merger", re.compile(r"\bfusion(?:ne|ner|nent|né|nés)?\b|\brapprochement entre\b", re.I)),
    ("acquisition", re.compile(r"\brach[eè]t|\bacqu(?:is|iert|érir|isition)|\bcéd(?:é|er|e)\b|\bcession\b|\bOPA\b", re.I)),
    ("holding", re.compile(r"\bparticipation\b|\bactionnaire\b|\bdétient\b|\bdu capital\b", re.I)),
    ("investment", re.compile(r"\blev(?:é|ée|er)\b.{0,40}\bmillions?\b|\btour de table\b|\blevée de fonds\b", re.I)),
    ("look-alike", re.compile(r"\bpart(?:s)? de marché\b|\binvestit dans\b|\bpartenariat\b", re.I)),
]


def gold_members(gold_dir: Path) -> set[str]:
    """Archive members (``parsed/N.json``) that some gold document already points at."""
    members = set()
    for path in sorted(gold_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            ref = (json.loads(line).get("text_ref") or {}).get("path", "")
            if ref.startswith(ARCHIVE + "#"):
                members.add(ref.partition("#")[2])
    return members


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default="annotations", type=Path)
    parser.add_argument("--per-stratum", default=10, type=int)
    parser.add_argument("--seed", default=0, type=int)
    parser.add_argument("--min-words", default=120, type=int)
    parser.add_argument("--max-words", default=700, type=int)
    args = parser.parse_args(argv)

    taken = gold_members(args.gold)
    pools: dict[str, list[str]] = {name: [] for name, _ in STRATA}
    with tarfile.open(ARCHIVE) as tar:
        for info in tar:
            if not info.isfile() or not info.name.endswith(".json") or info.name in taken:
                continue
            fh = tar.extractfile(info)
            if fh is None:
                continue
            article = json.load(fh).get("article") or ""
            words = len(article.split())
            if not args.min_words <= words <= args.max_words:
                continue
            for name, pattern in STRATA:
                if pattern.search(article):
                    pools[name].append(info.name)
                    break
    rng = random.Random(args.seed)
    for name, _ in STRATA:
        pool = sorted(pools[name], key=lambda m: int(re.sub(r"\D", "", m) or 0))
        for member in rng.sample(pool, min(args.per_stratum, len(pool))):
            print(f"{name}\t{ARCHIVE}#{member}")
        print(f"{name}: {len(pool)} in the pool", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
