"""Company-mention (ORG) evaluation on brat standoff gold, e.g. WiNER-fr's ``Organization`` spans.

Predictions are ``doc.spans["companies"]`` of :func:`pipeline.annotate.build_nlp`; gold is the brat
``T`` lines whose type is ``Organization`` (or ``ORG``). Discontinuous gold spans (``T3 Organization
0 5;9 14``) are skipped and counted.

Scoring is our own implementation of the two usual schemes (the definitions of nervaluate / SemEval-2013
task 9.1), chosen over calling the nervaluate package because WiNER-fr gold spans nest (~1,083 of them)
and the package's handling of nested and overlapping spans is not documented:

- **strict**: a predicted span is right when a gold span has exactly the same boundaries
  (one-to-one); P = correct / predicted, R = correct / gold.
- **partial**: exact matches count 1 and the remaining predicted spans that overlap a remaining gold
  span count 0.5 (one-to-one, as many pairs as possible); P = (exact + 0.5 partial) / predicted,
  R = (exact + 0.5 partial) / gold.

On spans that do not nest, these numbers agree with nervaluate 1.x (checked in
tests/evaluate/test_eval_ner.py); the package is used only for that check.

Example: gold "Grande Mosquée de Valence" (188-213), predicted "Mosquée de Valence" (195-213):
strict 0 correct, partial 0.5.

WiNER's ``Organization`` also covers parties, institutions, clubs and armed groups. A *kinds* file
(``annotations/ner-kinds/winer-org-kinds.tsv``: ``file, start, end, name, kind`` with kind
``company`` or ``other``, one row per gold span) says which gold spans are companies; with it the
scores also give the **company recall**: the share of company spans that a predicted span finds,
strict and partial, from the same one-to-one matching against all predicted spans. It is read
on the documents the file covers (those with a gold span it names); ``winer-org-kinds.tsv`` covers
the 195 held-out documents, ``winer-org-kinds-dev.tsv`` the NER's 112 dev documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import error
from pipeline.ingest.brat import ORG_TYPES, parse_ann_spans

__all__ = [
    "ORG_TYPES", "BratDoc", "NerResult", "SpanScores", "company_spans", "evaluate_ner", "iter_brat", "match_spans",
    "parse_ann_spans", "read_kinds",
]


Span = tuple[int, int]


@dataclass
class BratDoc:
    """One brat document: its text and its gold ORG spans (start, end) in characters."""

    doc_id: str
    path: Path
    text: str
    spans: list[Span]
    skipped_discontinuous: int = 0
    rel: str = ""  # its .txt path relative to the folder read, with "/" (the key of a kinds file)


KINDS = ("company", "other")
Kinds = dict[tuple[str, int, int], str]  # (file, start, end) -> kind


def read_kinds(path: Path) -> Kinds:
    """The kind of each gold span from a TSV with the header ``file start end name kind``."""
    if not path.is_file():
        raise error("E001", path=path)
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t") if lines else []
    if header[:3] != ["file", "start", "end"] or header[-1:] != ["kind"]:
        raise error("E039", path=path, line=1, reason="expected the header 'file, start, end, name, kind' (tab-separated)")
    kinds: Kinds = {}
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(header):
            raise error("E039", path=path, line=n, reason=f"{len(cols)} columns, expected {len(header)}")
        file, start, end, kind = cols[0], cols[1], cols[2], cols[-1]
        if not (start.isdigit() and end.isdigit()):
            raise error("E039", path=path, line=n, reason=f"start and end must be character offsets, got {start!r}, {end!r}")
        if kind not in KINDS:
            raise error("E039", path=path, line=n, reason=f"kind {kind!r} is not one of {', '.join(KINDS)}")
        kinds[(file, int(start), int(end))] = kind
    return kinds


def company_spans(doc: BratDoc, kinds: Kinds, path: Path) -> list[Span] | None:
    """The gold spans of ``doc`` that the kinds file calls companies, or None when the file gives
    none of its spans a kind (a document it does not cover); a span left out of a covered document
    is an error."""
    known = [kinds.get((doc.rel, start, end)) for start, end in doc.spans]
    if doc.spans and all(kind is None for kind in known):
        return None
    for (start, end), kind in zip(doc.spans, known, strict=True):
        if kind is None:
            raise error(
                "E039", path=path, line="-",
                reason=f"no kind for the gold span {doc.text[start:end]!r} ({doc.rel}, {start}-{end}) of a document it covers",
            )
    return [span for span, kind in zip(doc.spans, known, strict=True) if kind == "company"]


def iter_brat(folder: Path, exclude: Iterable[Path] = (), limit: int | None = None) -> Iterator[BratDoc]:
    """``.ann`` files with their ``.txt`` under ``folder`` (recursively, sorted), minus ``exclude``d texts."""
    excluded = {os.path.normcase(os.path.abspath(p)) for p in exclude}
    n = 0
    for ann in sorted(Path(folder).rglob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.is_file() or os.path.normcase(os.path.abspath(txt)) in excluded:
            continue
        if limit is not None and n >= limit:
            return
        spans, skipped = parse_ann_spans(ann.read_text(encoding="utf-8"))
        rel = txt.relative_to(folder).as_posix()
        yield BratDoc(ann.stem, txt, txt.read_text(encoding="utf-8"), spans, skipped, rel)
        n += 1


@dataclass
class SpanScores:
    """Counts behind strict and partial P/R/F1."""

    n_gold: int = 0
    n_pred: int = 0
    exact: int = 0
    partial: int = 0
    n_docs: int = 0
    skipped_discontinuous: int = 0

    @staticmethod
    def _prf(correct: float, n_pred: int, n_gold: int) -> dict[str, float]:
        p = correct / n_pred if n_pred else 0.0
        r = correct / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

    @property
    def strict(self) -> dict[str, float]:
        return self._prf(self.exact, self.n_pred, self.n_gold)

    @property
    def partial_scores(self) -> dict[str, float]:
        return self._prf(self.exact + 0.5 * self.partial, self.n_pred, self.n_gold)

    def add(self, gold: Sequence[Span], pred: Sequence[Span]) -> None:
        exact, partial = match_spans(gold, pred)
        self.n_gold += len(gold)
        self.n_pred += len(pred)
        self.exact += exact
        self.partial += partial
        self.n_docs += 1

    def to_json(self) -> dict[str, Any]:
        return {
            "n_docs": self.n_docs,
            "n_gold": self.n_gold,
            "n_pred": self.n_pred,
            "exact": self.exact,
            "partial": self.partial,
            "skipped_discontinuous": self.skipped_discontinuous,
            "strict": self.strict,
            "partial_overlap": self.partial_scores,
            "scheme": "own implementation of nervaluate/SemEval-2013 strict and partial (exact=1, overlap=0.5)",
        }


def match_spans(gold: Sequence[Span], pred: Sequence[Span]) -> tuple[int, int]:
    """(exact, partial) one-to-one matches between gold and predicted (start, end) spans.

    Pairs with the same boundaries are taken first; the other spans are then paired by overlap as
    many as possible (maximum bipartite matching, so one long prediction over two gold names does
    not hide a second prediction that overlaps one of them).
    """
    pred_free = list(range(len(pred)))
    gold_free = list(range(len(gold)))
    exact = 0
    for gi, g in enumerate(gold):
        for pi in pred_free:
            if pred[pi] == g:
                pred_free.remove(pi)
                gold_free.remove(gi)
                exact += 1
                break
    edges = {
        pi: [gi for gi in gold_free if min(gold[gi][1], pred[pi][1]) > max(gold[gi][0], pred[pi][0])]
        for pi in pred_free
    }
    owner: dict[int, int] = {}  # gold index -> pred index

    def augment(pi: int, seen: set[int]) -> bool:
        for gi in edges[pi]:
            if gi in seen:
                continue
            seen.add(gi)
            if gi not in owner or augment(owner[gi], seen):
                owner[gi] = pi
                return True
        return False

    partial = sum(augment(pi, set()) for pi in pred_free)
    return exact, partial


@dataclass
class NerResult:
    scores: SpanScores = field(default_factory=SpanScores)
    per_doc: list[dict[str, Any]] = field(default_factory=list)
    # with a kinds file: gold = the company spans only, predictions = all (read its recall), over
    # the documents the file covers
    companies: SpanScores | None = None
    uncovered_docs: int = 0


RAW_NER = "ner"  # span_key that scores the statistical NER's own ORG entities (doc.ents) instead


def evaluate_ner(
    docs: Iterable[BratDoc], nlp: Any, span_key: str = "companies", batch_size: int = 16,
    kinds: Kinds | None = None, kinds_path: Path | None = None,
) -> NerResult:
    """Run ``nlp`` over the brat texts and score ``doc.spans[span_key]`` against the gold ORG spans.

    ``span_key="ner"`` scores the raw NER's ORG entities (``doc.ents``) instead of a span group.
    With ``kinds`` (:func:`read_kinds`) the company spans are also scored on their own.
    """
    result = NerResult(companies=SpanScores() if kinds is not None else None)
    docs = list(docs)
    gold_companies = [company_spans(d, kinds, kinds_path or Path("kinds")) for d in docs] if kinds is not None else []
    for i, (brat, doc) in enumerate(zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True)):
        if span_key == RAW_NER:
            group = [e for e in doc.ents if e.label_ == "ORG"]
        else:
            group = doc.spans[span_key] if span_key in doc.spans else []
        pred = [(s.start_char, s.end_char) for s in group]
        result.scores.add(brat.spans, pred)
        result.scores.skipped_discontinuous += brat.skipped_discontinuous
        if result.companies is not None:
            gold = gold_companies[i]
            if gold is None:
                result.uncovered_docs += 1
            else:
                result.companies.add(gold, pred)
        result.per_doc.append({"doc_id": brat.doc_id, "n_gold": len(brat.spans), "n_pred": len(pred)})
    return result


def gold_text_files(gold_path: Path | str) -> list[Path]:
    """Absolute paths of the plain-file texts a gold file points at (to keep annotated docs out of NER runs)."""
    from pipeline.evaluate.gold import load_gold
    from pipeline.evaluate.textref import find_repo_root

    files: list[Path] = []
    for doc in load_gold(gold_path):
        if doc.text_ref is None or doc.text_ref.member is not None:
            continue
        origin_file = Path(doc.origin.rpartition(":")[0])
        root = find_repo_root(origin_file) or origin_file.parent
        ref = Path(doc.text_ref.file)
        files.append(ref if ref.is_absolute() else root / ref)
    return files


def check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise error("E001", path=folder)
    if not any(folder.rglob("*.ann")):
        raise error("E036", path=folder)
