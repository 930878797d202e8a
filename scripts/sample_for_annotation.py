"""Pick OrangeSum articles to annotate, by vocabulary stratum, leaving out every document already in the gold.

Usage (from the repository root)::

    python scripts/sample_for_annotation.py --per-stratum 12 --seed 3 > /tmp/candidates.txt

Each output line is ``STRATUM<TAB>PATH#MEMBER`` ready for ``scripts/gold_text_ref.py``. The strata are
keyword families of the event types (first "deal": a company-deal phrase such as "a racheté",
"prise de participation", "fusion avec X", "détient 20 %"), then the broader families (mergers, acquisitions, holdings and stakes, fundraising) plus
look-alikes that usually carry no ownership event (market shares, "investit dans"), so a sample keeps
hard negatives. An article goes to the first stratum whose pattern it matches; articles shorter than
``--min-words`` or longer than ``--max-words`` are skipped (very long texts are slow to annotate).
``--min-companies N`` keeps only articles that name N distinct companies of the gazetteer and use a
deal word, which finds business news in a general-news dump without using the extraction rules.
The draw is reproducible: same archive, same gold folder, same seed, same list.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.annotate.companies.patterns import load_gazetteer  # noqa: E402
from pipeline.evaluate.gold import load_gold  # noqa: E402
from pipeline.evaluate.textref import iter_json_members, sha256_text  # noqa: E402

ARCHIVE = "../shared/data/orangesum/parsed.tar.gz"  # as gold text_refs write it, relative to the repository

STRATA: list[tuple[str, re.Pattern[str]]] = [
    # a deal told with a company-deal phrase: most such articles hold at least one event
    (
        "deal",
        re.compile(
            r"\b(?:a|ont|avait|va|vont|doit) (?:racheté|acquis|repris|cédé|vendu|absorbé|fusionné)\b"
            r"|\b(?:rachat|acquisition|cession|reprise) (?:de|du|d')\b.{0,60}\b(?:par|à) (?:le groupe|l'|[A-Z])"
            r"|\bprise de participation\b|\bprend(?:re)? (?:le contrôle|une participation)\b"
            r"|\bfusion (?:entre|avec) [A-Z]|\bdétient (?:désormais )?\d+(?:[,.]\d+)? ?%"
            r"|\bactionnaire (?:majoritaire|principal|de référence)\b",
        ),
    ),
    ("merger", re.compile(r"\bfusion(?:ne|ner|nent|né|nés)?\b|\brapprochement entre\b", re.I)),
    ("acquisition", re.compile(r"\brach[eè]t|\bacqu(?:is|iert|érir|isition)|\bcéd(?:é|er|e)\b|\bcession\b|\bOPA\b", re.I)),
    ("holding", re.compile(r"\bparticipation\b|\bactionnaire\b|\bdétient\b|\bdu capital\b", re.I)),
    ("investment", re.compile(r"\blev(?:é|ée|er)\b.{0,40}\bmillions?\b|\btour de table\b|\blevée de fonds\b", re.I)),
    ("look-alike", re.compile(r"\bpart(?:s)? de marché\b|\binvestit dans\b|\bpartenariat\b", re.I)),
]


DEAL_WORDS = re.compile(
    r"\b(?:rach[eè]t\w*|acquisition|acquérir|fusion\w*|participation|actionnaires?|filiale|cession|céd\w+"
    r"|prise de contrôle|OPA|levée de fonds|lève \d+)\b",
    re.I,
)


def _company_pattern() -> re.Pattern[str]:
    """Any non-ambiguous name (or alias) of the company gazetteer, as a whole word, case kept."""
    surfaces = {
        s for e in load_gazetteer() if not e.ambiguous for s in (e.name, *e.aliases) if len(s) >= 4 and s[:1].isupper()
    }
    alternation = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def gold_texts(gold_dir: Path) -> tuple[set[str], set[str]]:
    """(archive members, text sha256s) of every gold document: OrangeSum holds the same article under
    several ids, and a copy of a test document must never become dev."""
    refs = [d.text_ref for d in load_gold(gold_dir) if d.text_ref is not None]
    members = {r.member for r in refs if r.file == ARCHIVE and r.member}
    return members, {r.sha256 for r in refs if r.sha256}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", default="annotations", type=Path)
    parser.add_argument("--per-stratum", default=10, type=int)
    parser.add_argument("--seed", default=0, type=int)
    parser.add_argument("--min-words", default=120, type=int)
    parser.add_argument("--max-words", default=700, type=int)
    parser.add_argument(
        "--min-companies",
        default=0,
        type=int,
        help="keep articles naming at least this many distinct companies of the gazetteer (non-ambiguous names) "
        "and a deal noun or verb (rachat, fusion, participation, actionnaire, filiale, cession, ...)",
    )
    parser.add_argument("--only", nargs="*", default=None, metavar="STRATUM", help="draw from these strata only")
    args = parser.parse_args(argv)

    taken, seen_texts = gold_texts(args.gold)
    names = _company_pattern() if args.min_companies else None
    pools: dict[str, list[str]] = {name: [] for name, _ in STRATA}
    for member, record in iter_json_members(REPO_ROOT / ARCHIVE):
        if member in taken:
            continue
        article = str(record.get("article") or "")
        digest = sha256_text(article)
        if digest in seen_texts:
            continue  # the same text as a gold document (or as an article drawn already)
        seen_texts.add(digest)
        if not args.min_words <= len(article.split()) <= args.max_words:
            continue
        if names is not None and (
            not DEAL_WORDS.search(article) or len({m.group(0) for m in names.finditer(article)}) < args.min_companies
        ):
            continue
        for name, pattern in STRATA:
            if pattern.search(article):
                pools[name].append(member)
                break
    rng = random.Random(args.seed)
    for name, _ in STRATA:
        if args.only and name not in args.only:
            continue
        pool = sorted(pools[name], key=lambda m: int(re.sub(r"\D", "", m) or 0))
        for member in rng.sample(pool, min(args.per_stratum, len(pool))):
            print(f"{name}\t{ARCHIVE}#{member}")
        print(f"{name}: {len(pool)} in the pool", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
