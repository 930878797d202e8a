"""Print the gold ``text_ref`` of a third-party text, so annotators never copy the text itself.

Usage (from the repository root)::

    python scripts/gold_text_ref.py ../shared/data/winer-fr/2016/01/2016_01_04-001.txt
    python scripts/gold_text_ref.py '../shared/data/orangesum/parsed.tar.gz#parsed/410.json' --field article
    python scripts/gold_text_ref.py PATH --stub my-id          # a whole gold line with "events": []
    python scripts/gold_text_ref.py PATH --show                # also print the text (to stderr) with offsets

The path printed is relative to the repository root (what the gold reader resolves against), and the
text is loaded by the same code as the gold reader (:mod:`pipeline.evaluate.textref`), so the sha256
printed is the one the validator will check. Several paths print one JSON line each (archive members of
one archive are read in a single pass).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(os.path.abspath(__file__)).parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.evaluate.textref import TextRef, TextRefError, TextResolver, sha256_text  # noqa: E402


def repo_relative(path: str) -> str:
    """``path`` (relative to the current folder, or absolute) as the gold writes it: relative to the repo root."""
    file, sep, member = path.partition("#")
    rel = os.path.relpath(os.path.abspath(file), REPO_ROOT)
    return rel.replace(os.sep, "/") + (sep + member if sep else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", metavar="PATH[#member]")
    parser.add_argument("--field", default=None, help="the text is this field of a JSON record (e.g. article)")
    parser.add_argument("--stub", default=None, metavar="ID", help="print a whole gold line with this id and no events")
    parser.add_argument("--show", action="store_true", help="also print the text to stderr")
    args = parser.parse_args(argv)
    if args.stub and len(args.paths) > 1:
        parser.error("--stub takes one PATH")
    refs = [TextRef(path=repo_relative(p), field=args.field) for p in args.paths]
    resolver = TextResolver(REPO_ROOT)
    status = 0
    for ref, text in zip(refs, resolver.read_many(refs), strict=True):
        if isinstance(text, TextRefError):
            print(f"error: {ref.path}: {text}", file=sys.stderr)
            status = 1
            continue
        out = TextRef(path=ref.path, field=ref.field, sha256=sha256_text(text)).to_json()
        line = {"id": args.stub, "text_ref": out, "events": []} if args.stub else out
        print(json.dumps(line, ensure_ascii=False))
        if args.show:
            print(f"--- {ref.path} ({len(text)} characters)", file=sys.stderr)
            print(text, file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
