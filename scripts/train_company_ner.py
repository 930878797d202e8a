"""Fine-tune the ``ner`` component of fr_core_news_md on WiNER-fr for company detection.

Usage (from the repository root)::

    .venv/bin/python scripts/train_company_ner.py --out models/company-ner --overwrite

Data: the brat ``.txt``/``.ann`` pairs under ``--data`` (default ../shared/data/winer-fr). WiNER types
map onto the model's own labels: Organization -> ORG, Person -> PER, Location -> LOC, Product and
Event -> MISC; Date and Hour are dropped. Nested spans keep the outermost; of two crossing spans the
one starting first (then the longer) is kept. Spans that do not fall on spaCy token boundaries are
marked *missing* (BILUO ``-``: no loss either way) and counted.

Split (:mod:`pipeline.annotate.company_ner`): the texts the event gold points at (``--gold``) are
never used; the others are cut by a stable hash of their relative path into ~20 % held-out test
(never seen), ~10 % dev (epoch choice) and the rest for training.

Pseudo-rehearsal (``--rehearse N``, default 400): N OrangeSum business articles (not in the event
gold; ``--orangesum``) labelled by the *stock* model are mixed into every epoch. Without them the
model drifts to Wikinews conventions (parties, ministries, armies as ORG; brands as MISC) and the
event scores drop; with them it keeps its behaviour on business news (docs/COMPANY_NER.md).
``--rehearse 0`` trains on WiNER alone.

Only the ``ner`` component is loaded besides the tokenizer and the vectors (the other components of
fr_core_news_md are excluded, so they cannot change) and only it is saved:
``OUT/ner/{cfg,moves,model}`` (~6 MB), with ``OUT/train_docs.txt`` (train + dev documents),
``OUT/rehearsal_docs.txt`` (OrangeSum member names), ``OUT/training.json`` and
``OUT/model_card.md``. ``build_nlp()`` loads ``models/company-ner`` by default.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(os.path.abspath(__file__)).parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pipeline.annotate.company_ner import NER_SUBDIR, TRAIN_DOCS_FILE, split_brat_docs  # noqa: E402
from pipeline.evaluate.ner import SpanScores  # noqa: E402
from pipeline.ingest.brat import ORG_TYPES, parse_ann_spans  # noqa: E402

# WiNER type -> fr_core_news_md label (Date, Hour: dropped)
LABELS = {"Organization": "ORG", "Person": "PER", "Location": "LOC", "Product": "MISC", "Event": "MISC"}


def brat_entities(ann: str) -> tuple[list[tuple[int, int, str]], dict[str, int]]:
    """(start, end, label) without overlaps, outermost first kept; and counts of what was dropped."""
    spans: list[tuple[int, int, str]] = []
    discontinuous = 0
    for wtype, label in LABELS.items():
        found, skipped = parse_ann_spans(ann, types=[wtype])
        discontinuous += skipped
        spans.extend((s, e, label) for s, e in found if e > s)
    kept: list[tuple[int, int, str]] = []
    dropped = 0
    for s, e, label in sorted(set(spans), key=lambda x: (x[0], -(x[1] - x[0]), x[2])):
        if any(s < ke and ks < e for ks, ke, _ in kept):
            dropped += 1
            continue
        kept.append((s, e, label))
    return kept, {"overlapping": dropped, "discontinuous": discontinuous}


def org_gold(ann: str) -> list[tuple[int, int]]:
    """All Organization spans, nested ones included (what ``rachat evaluate-ner`` scores)."""
    return parse_ann_spans(ann, ORG_TYPES)[0]


def make_examples(nlp: Any, data: Path, rels: list[str], counts: dict[str, int]) -> list[Any]:
    from spacy.training import Example, offsets_to_biluo_tags

    examples = []
    for rel in rels:
        txt = data / rel
        text = txt.read_text(encoding="utf-8")
        ents, dropped = brat_entities(txt.with_suffix(".ann").read_text(encoding="utf-8"))
        doc = nlp.make_doc(text)
        for key, n in dropped.items():
            counts[key] = counts.get(key, 0) + n
        aligned = []
        for s, e, label in ents:
            if doc.char_span(s, e, label=label) is None:
                counts["misaligned"] = counts.get("misaligned", 0) + 1
            counts["entities"] = counts.get("entities", 0) + 1
            aligned.append((s, e, label))
        # tokens outside every span are "O"; the tokens of a misaligned span get "-" (missing):
        # neither taught as an entity nor as O
        tags = offsets_to_biluo_tags(doc, aligned)
        examples.append(Example.from_dict(doc, {"entities": tags}))
    return examples


REHEARSAL_CUES = ("rachat", "racheté", "acquisition", "capital", "filiale", "actionnaire", "cession", "fusion")


def rehearsal_texts(archive: Path, n: int, gold: Path | None) -> list[tuple[str, str]]:
    """(member, article) of ``n`` OrangeSum articles about business (a cue word), not in the event gold,
    chosen by a stable hash of the member name."""
    from pipeline.evaluate.textref import iter_json_members, sha256_text

    skip: set[str] = set()
    if gold is not None:
        from pipeline.evaluate.gold import load_gold

        skip = {d.text_ref.member for d in load_gold(gold) if d.text_ref is not None and d.text_ref.member}
    found: list[tuple[str, str, str]] = []
    for member, record in iter_json_members(archive):
        text = str(record.get("article") or "")
        if member in skip or len(text) < 300 or not any(cue in text.lower() for cue in REHEARSAL_CUES):
            continue
        found.append((sha256_text(member), member, text))
    return [(name, text) for _, name, text in sorted(found)[:n]]


def pseudo_examples(nlp: Any, texts: list[str]) -> list[Any]:
    """Examples whose targets are ``nlp``'s own entities (pseudo-rehearsal against forgetting)."""
    from spacy.training import Example

    return [Example.from_dict(nlp.make_doc(text), {"entities": [(e.start_char, e.end_char, e.label_) for e in doc.ents]})
            for text, doc in zip(texts, nlp.pipe(texts, batch_size=16), strict=True)]


def org_scores(nlp: Any, data: Path, rels: list[str]) -> dict[str, Any]:
    """Strict/partial P/R/F1 of the raw NER's ORG spans against all Organization spans."""
    texts = [(data / rel).read_text(encoding="utf-8") for rel in rels]
    golds = [org_gold((data / rel).with_suffix(".ann").read_text(encoding="utf-8")) for rel in rels]
    scores = SpanScores()
    for doc, gold in zip(nlp.pipe(texts, batch_size=16), golds, strict=True):
        scores.add(gold, [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG"])
    return {"strict": scores.strict, "partial": scores.partial_scores, "n_gold": scores.n_gold, "n_pred": scores.n_pred}


def per_label(nlp: Any, data: Path, rels: list[str]) -> dict[str, Any]:
    """Strict P/R/F1 per label against the mapped training targets (outermost spans), own scorer."""
    texts = [(data / rel).read_text(encoding="utf-8") for rel in rels]
    golds = [brat_entities((data / rel).with_suffix(".ann").read_text(encoding="utf-8"))[0] for rel in rels]
    scores = {label: SpanScores() for label in sorted(set(LABELS.values()))}
    for doc, gold in zip(nlp.pipe(texts, batch_size=16), golds, strict=True):
        for label, sc in scores.items():
            sc.add([(s, e) for s, e, lab in gold if lab == label],
                   [(e.start_char, e.end_char) for e in doc.ents if e.label_ == label])
    return {"per_type": {label: sc.strict for label, sc in scores.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data/winer-fr", help="WiNER-fr brat folder")
    parser.add_argument("--gold", default="annotations", help="event gold (file or folder): its texts are never used")
    parser.add_argument("--base", default="fr_core_news_md", help="spaCy pipeline whose ner is fine-tuned")
    parser.add_argument("--out", default="models/company-ner", help="output model folder")
    parser.add_argument("--epochs", type=int, default=12, help="most epochs")
    parser.add_argument("--patience", type=int, default=3, help="stop after this many epochs without a better dev ORG F1")
    parser.add_argument("--batch-size", type=int, default=8, help="documents per update")
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--lr", type=float, default=0.001, help="Adam learning rate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rehearse", type=int, default=400,
                        help="mix in N OrangeSum business articles labelled by the stock model (pseudo-rehearsal: keeps its behaviour on business news)")
    parser.add_argument("--orangesum", default="../shared/data/orangesum/parsed.tar.gz", help="with --rehearse: OrangeSum archive")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N training documents (smoke test)")
    parser.add_argument("--max-minutes", type=float, default=22.0, help="stop starting new epochs after this long")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing --out")
    args = parser.parse_args(argv)

    import warnings

    import numpy as np
    import spacy

    warnings.filterwarnings("ignore", message=r"\[W030\]")  # misaligned spans: counted below instead

    from pipeline.evaluate.ner import gold_text_files

    started = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    spacy.util.fix_random_seed(args.seed)

    data, out = Path(args.data), Path(args.out)
    if (out / NER_SUBDIR).exists() and not args.overwrite:
        print(f"{out} already holds a model; pass --overwrite", file=sys.stderr)
        return 2
    exclude = gold_text_files(Path(args.gold)) if args.gold else []
    split = split_brat_docs(data, exclude)
    train_rels = split["train"][: args.limit] if args.limit else split["train"]
    print(
        f"docs: {len(split['gold'])} gold (excluded), {len(split['test'])} test (held out), "
        f"{len(split['dev'])} dev, {len(split['train'])} train" + (f" (using {len(train_rels)})" if args.limit else ""),
        flush=True,
    )

    base = spacy.load(args.base)
    others = [name for name in base.component_names if name != "ner"]
    del base
    # tokenizer + vectors + ner only: the other components are not even loaded, so they stay frozen
    nlp = spacy.load(args.base, exclude=others)
    ner = nlp.get_pipe("ner")
    labels_before = sorted(ner.labels)

    counts: dict[str, int] = {}
    train = make_examples(nlp, data, train_rels, counts)
    print(f"training entities {counts.get('entities', 0)}; misaligned (missing) {counts.get('misaligned', 0)}; "
          f"overlapping dropped {counts.get('overlapping', 0)}; discontinuous {counts.get('discontinuous', 0)}", flush=True)

    stock = {"dev_org": org_scores(nlp, data, split["dev"]), "test_org": org_scores(nlp, data, split["test"]),
             "test_labels": per_label(nlp, data, split["test"])}
    print(f"stock: dev ORG strict {stock['dev_org']['strict']}; test ORG strict {stock['test_org']['strict']}", flush=True)

    rehearsal: list[tuple[str, str]] = []
    if args.rehearse:
        rehearsal = rehearsal_texts(Path(args.orangesum), args.rehearse, Path(args.gold) if args.gold else None)
        pseudo = pseudo_examples(nlp, [text for _, text in rehearsal])  # the stock model's own entities
        print(f"rehearsal: {len(pseudo)} OrangeSum articles labelled by the stock model "
              f"({sum(len(eg.reference.ents) for eg in pseudo)} entities)", flush=True)
        train = train + pseudo

    optimizer = nlp.resume_training()  # Adam with parameter averaging, over the ner's weights only
    optimizer.learn_rate = args.lr
    history: list[dict[str, Any]] = []
    best_f, best_epoch, best_bytes = stock["dev_org"]["strict"]["f1"], 0, ner.to_bytes(exclude=["vocab"])
    n_words = sum(len(eg.reference) for eg in train)
    with nlp.select_pipes(enable=["ner"]):
        for epoch in range(1, args.epochs + 1):
            t0 = time.perf_counter()
            random.shuffle(train)
            losses: dict[str, float] = {}
            for i in range(0, len(train), args.batch_size):
                nlp.update(train[i : i + args.batch_size], sgd=optimizer, drop=args.dropout, losses=losses)
            with nlp.use_params(optimizer.averages):
                dev_org = org_scores(nlp, data, split["dev"])
                f1 = dev_org["strict"]["f1"]
                if f1 > best_f:
                    best_f, best_epoch, best_bytes = f1, epoch, ner.to_bytes(exclude=["vocab"])
            secs = time.perf_counter() - t0
            history.append({"epoch": epoch, "loss": round(float(losses.get("ner", 0.0)), 1), "dev_org": dev_org, "seconds": round(secs, 1)})
            print(f"epoch {epoch:2d}  loss {losses.get('ner', 0.0):9.1f}  dev ORG strict P/R/F1 "
                  f"{dev_org['strict']['precision']:.3f}/{dev_org['strict']['recall']:.3f}/{f1:.3f}  "
                  f"{secs:.0f} s ({n_words / secs:.0f} tokens/s){'  *best' if best_epoch == epoch else ''}", flush=True)
            if epoch - best_epoch >= args.patience:
                print(f"no better dev ORG F1 for {args.patience} epochs: stop", flush=True)
                break
            elapsed = (time.perf_counter() - started) / 60
            if elapsed + secs / 60 > args.max_minutes:
                print(f"time budget ({args.max_minutes} min) reached: stop", flush=True)
                break

    ner.from_bytes(best_bytes, exclude=["vocab"])
    assert sorted(ner.labels) == labels_before, (ner.labels, labels_before)
    tuned = {"dev_org": org_scores(nlp, data, split["dev"]), "test_org": org_scores(nlp, data, split["test"]),
             "test_labels": per_label(nlp, data, split["test"])}
    print(f"best epoch {best_epoch}: test ORG strict {tuned['test_org']['strict']} (stock {stock['test_org']['strict']})", flush=True)

    if out.exists() and args.overwrite:
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    ner.to_disk(out / NER_SUBDIR, exclude=["vocab"])
    seen = sorted(train_rels + split["dev"])
    (out / TRAIN_DOCS_FILE).write_text(
        "# documents (relative to the WiNER-fr folder) used to train or tune this model: skipped by rachat evaluate-ner\n"
        + "\n".join(seen) + "\n", encoding="utf-8")
    if rehearsal:
        (out / "rehearsal_docs.txt").write_text(
            f"# OrangeSum members ({args.orangesum}) labelled by the stock model and mixed into training\n"
            + "\n".join(sorted(name for name, _ in rehearsal)) + "\n", encoding="utf-8")
    minutes = (time.perf_counter() - started) / 60
    command = "python scripts/train_company_ner.py " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    info = {
        "base": args.base,
        "base_version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "data": os.path.normpath(args.data),
        "label_map": LABELS,
        "split": {k: len(v) for k, v in split.items()} | {"train_used": len(train_rels), "rehearsal": len(rehearsal)},
        "alignment": counts,
        "settings": {k: getattr(args, k) for k in ("epochs", "patience", "batch_size", "dropout", "lr", "seed", "limit", "rehearse")},
        "best_epoch": best_epoch,
        "history": history,
        "stock": stock,
        "fine_tuned": tuned,
        "minutes": round(minutes, 1),
        "command": command,
    }
    (out / "training.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "model_card.md").write_text(model_card(info), encoding="utf-8")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved {out} ({size / 1e6:.1f} MB) in {minutes:.1f} min", flush=True)
    return 0


def _prf(d: dict[str, float]) -> str:
    return f"{100 * d['precision']:.1f} / {100 * d['recall']:.1f} / {100 * d['f1']:.1f}"


def model_card(info: dict[str, Any]) -> str:
    s, t = info["stock"], info["fine_tuned"]
    lines = [
        "# company-ner: fr_core_news_md `ner` fine-tuned on WiNER-fr",
        "",
        f"- Base: `{info['base']}` {info['base_version']} (spaCy {info['spacy_version']}); only its `ner` component "
        "(own Tok2Vec, MultiHashEmbed width 96 with static vectors; labels LOC, MISC, ORG, PER) is trained and saved "
        "(`ner/`: cfg, moves, model). The vectors and the other components come from the installed base model.",
        f"- Data: WiNER-fr brat files under `{info['data']}`; Organization -> ORG, Person -> PER, Location -> LOC, "
        "Product/Event -> MISC, Date/Hour dropped; nested spans keep the outermost, crossing ones the first.",
        f"- Split (stable hash of the relative path, `pipeline/annotate/company_ner.py`): {info['split']['gold']} texts of "
        f"the event gold excluded; {info['split']['test']} held-out test, {info['split']['dev']} dev (epoch choice), "
        f"{info['split']['train']} train (used: {info['split']['train_used']}). `train_docs.txt` lists train + dev.",
        f"- Pseudo-rehearsal: {info['split']['rehearsal']} OrangeSum business articles (not in the event gold; "
        "`rehearsal_docs.txt`) labelled by the stock model, mixed into every epoch, so that the model keeps its "
        "behaviour on business news." if info["split"]["rehearsal"] else "- No pseudo-rehearsal data.",
        f"- Training entities: {info['alignment'].get('entities', 0)}; not on token boundaries (left missing): "
        f"{info['alignment'].get('misaligned', 0)}; overlapping dropped: {info['alignment'].get('overlapping', 0)}.",
        f"- Settings: {json.dumps(info['settings'])}; best epoch {info['best_epoch']} of {len(info['history'])} "
        f"(dev strict ORG F1); {info['minutes']} min on this machine's CPU.",
        "",
        "## Scores on the held-out test documents",
        "",
        "Raw `ner` ORG spans against every WiNER Organization span (nested included), strict / partial "
        "(as `rachat evaluate-ner`), P / R / F1 %:",
        "",
        "| model | strict | partial |",
        "|---|---|---|",
        f"| stock fr_core_news_md | {_prf(s['test_org']['strict'])} | {_prf(s['test_org']['partial'])} |",
        f"| fine-tuned | {_prf(t['test_org']['strict'])} | {_prf(t['test_org']['partial'])} |",
        "",
        "Per label, strict, against the mapped spans the model is trained on (outermost only; P / R / F1 %):",
        "",
        "| label | stock | fine-tuned |",
        "|---|---|---|",
    ]
    for label in sorted(t["test_labels"]["per_type"]):
        lines.append(f"| {label} | {_prf(s['test_labels']['per_type'][label])} | {_prf(t['test_labels']['per_type'][label])} |")
    lines += [
        "",
        "Company mentions of the whole pipeline (`doc.spans[\"companies\"]`): `rachat evaluate-ner` (it skips "
        "`train_docs.txt`); see docs/COMPANY_NER.md.",
        "",
        "## Command",
        "",
        "```",
        info["command"],
        "```",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
