"""Training data for the transformer stage: WiNER brat spans (NER) and gold sentences (status).

Nothing here copies third-party text anywhere: documents are read in place from
``../shared/data/winer-fr/`` and from the gold's ``text_ref`` pointers, and only model weights
and counts are written.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.annotate.transformer.sentences import split_sentences
from pipeline.annotate.transformer.status import NO_EVENT
from pipeline.errors import error
from pipeline.ingest.brat import parse_ann_spans

ORG_TYPES = ("Organization",)


@dataclass
class NerDoc:
    """A text with its organisation character spans (non-overlapping, sorted)."""

    doc_id: str
    path: Path
    text: str
    spans: list[tuple[int, int]]


@dataclass
class BratStats:
    docs: int = 0
    spans: int = 0
    nested_dropped: int = 0
    discontinuous_dropped: int = 0
    excluded_docs: list[str] = field(default_factory=list)


def winer_id(path: Path) -> str:
    """``.../2016/01/2016_01_04-001.txt`` -> ``winer-2016_01_04-001`` (the gold's id convention)."""
    return f"winer-{path.stem}"


def outermost(spans: Iterable[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """Spans with those nested in (or crossing) an earlier, longer one removed; returns (kept, dropped).

    WiNER nests organisations ("[Université de [Paris]]"); a flat BIO tagger learns the outer name,
    the one the ownership events use.
    """
    kept: list[tuple[int, int]] = []
    dropped = 0
    for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if kept and start < kept[-1][1]:
            dropped += 1
            continue
        kept.append((start, end))
    return kept, dropped


def read_brat_doc(txt: Path, types: Sequence[str] = ORG_TYPES) -> tuple[NerDoc, BratStats]:
    """One ``.txt`` (the whole file is the text) with the spans of ``types`` from its ``.ann``."""
    text = txt.read_text(encoding="utf-8")
    ann = txt.with_suffix(".ann")
    stats = BratStats(docs=1)
    found, stats.discontinuous_dropped = parse_ann_spans(ann.read_text(encoding="utf-8"), types) if ann.is_file() else ([], 0)
    raw = [(start, end) for start, end in found if 0 <= start < end <= len(text)]
    spans, stats.nested_dropped = outermost(raw)
    stats.spans = len(spans)
    return NerDoc(winer_id(txt), txt, text, spans), stats


def _repo_root(start: Path) -> Path:
    for folder in (start.resolve(), *start.resolve().parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return start.resolve().parent


def event_test_split(gold_dir: Path) -> tuple[set[str], set[Path], list[Path]]:
    """Ids and text files of the event *test* split: ``*-test.jsonl`` files and lines with ``"split": "test"``.

    Only ``id`` and ``text_ref.path`` are read (no text), so a test file is honoured even before its
    texts are checked. Returns (ids, resolved text paths, the gold files that listed test documents).
    """
    ids: set[str] = set()
    paths: set[Path] = set()
    files: list[Path] = []
    if not gold_dir.is_dir():
        return ids, paths, files
    root = _repo_root(gold_dir)
    for file in sorted(gold_dir.glob("*.jsonl")):
        whole_file = file.stem.endswith("-test")
        found = False
        for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error("E010", path=file, line=lineno, reason=f"malformed JSON: {exc.msg}") from exc
            if not isinstance(obj, dict) or not (whole_file or obj.get("split") == "test"):
                continue
            found = True
            if obj.get("id") is not None:
                ids.add(str(obj["id"]).strip())
            ref = obj.get("text_ref")
            if isinstance(ref, dict) and isinstance(ref.get("path"), str):
                path = Path(ref["path"].partition("#")[0])
                paths.add((path if path.is_absolute() else root / path).resolve())
        if found:
            files.append(file)
    return ids, paths, files


def read_winer(
    folder: Path, gold_dir: Path | None = None, types: Sequence[str] = ORG_TYPES
) -> tuple[list[NerDoc], BratStats, list[Path]]:
    """Every brat document under ``folder`` except those of the event test split (see :func:`event_test_split`)."""
    folder = Path(folder)
    txts = sorted(p for p in folder.rglob("*.txt") if p.with_suffix(".ann").is_file())
    if not txts:
        raise error("E077", task="ner", reason=f"no brat .txt/.ann pairs under {folder}")
    test_ids, test_paths, test_files = event_test_split(Path(gold_dir)) if gold_dir else (set(), set(), [])
    docs: list[NerDoc] = []
    total = BratStats()
    for txt in txts:
        if winer_id(txt) in test_ids or txt.resolve() in test_paths:
            total.excluded_docs.append(winer_id(txt))
            continue
        doc, stats = read_brat_doc(txt, types)
        docs.append(doc)
        total.docs += 1
        total.spans += stats.spans
        total.nested_dropped += stats.nested_dropped
        total.discontinuous_dropped += stats.discontinuous_dropped
    return docs, total, test_files


def held_out(doc_id: str, fraction: float, seed: int = 0) -> bool:
    """Deterministic document split: the same documents are held out on every machine and run."""
    digest = hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction


# -- status -------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case, accents and apostrophes folded, so "Numéricable" finds "NUMERICABLE" and ’ finds '."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def mentions_any(folded_sentence: str, aliases: Iterable[str] | None) -> bool:
    """Whether one of ``aliases`` appears as whole words in an already folded sentence."""
    for alias in aliases or ():
        name = fold(alias).strip()
        if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded_sentence):
            return True
    return False


@dataclass(frozen=True)
class StatusExample:
    doc_id: str
    sentence: str
    label: str


@dataclass
class StatusStats:
    docs: int = 0
    events: int = 0
    labelled: Counter[str] = field(default_factory=Counter)
    ambiguous_skipped: int = 0
    no_event_dropped: int = 0


def status_examples(
    docs: Iterable[object], max_no_event_ratio: float = 2.0, seed: int = 0
) -> tuple[list[StatusExample], StatusStats]:
    """Sentence-level examples from gold documents (objects with ``id``, ``text``, ``events``).

    A sentence is labelled with an event's status when it names the event's target and its owner
    (or its seller, or the target alone when the event has no owner); when no sentence does, the
    sentences naming the target or the owner are used. Sentences naming a company of some event
    without matching one are skipped (neither clearly the event nor clearly none); sentences naming
    no company of any event are ``no-event``, at most ``max_no_event_ratio`` times the event sentences.
    Holdings (no status) only mark their sentences as "names a company". This is distant supervision:
    "projet de rachat" early in an article whose deal is finally completed is labelled ``completed``.
    """
    stats = StatusStats()
    examples: list[StatusExample] = []
    negatives: list[StatusExample] = []
    for doc in docs:
        text: str = doc.text  # type: ignore[attr-defined]
        doc_id = str(doc.id)  # type: ignore[attr-defined]
        events = list(doc.events)  # type: ignore[attr-defined]
        stats.docs += 1
        sentences = [text[s:e] for s, e in split_sentences(text)]
        folded = [fold(s) for s in sentences]
        votes: list[Counter[str]] = [Counter() for _ in sentences]
        named = [False] * len(sentences)
        for event in events:
            names = [*(event.owner or ()), *(event.target or ()), *(event.seller or ())]
            for i, f in enumerate(folded):
                named[i] = named[i] or mentions_any(f, names)
            if event.status is None or event.type == "holding":
                continue
            stats.events += 1
            strict = [
                i
                for i, f in enumerate(folded)
                if (event.target is None or mentions_any(f, event.target))
                and (
                    (event.owner is None and event.seller is None)
                    or mentions_any(f, event.owner)
                    or mentions_any(f, event.seller)
                )
            ]
            chosen = strict or [
                i for i, f in enumerate(folded) if mentions_any(f, event.target) or mentions_any(f, event.owner)
            ]
            for i in chosen:
                votes[i][event.status] += 1
        for i, sentence in enumerate(sentences):
            if votes[i]:
                ranked = votes[i].most_common(2)
                if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
                    stats.ambiguous_skipped += 1
                    continue
                examples.append(StatusExample(doc_id, sentence, ranked[0][0]))
            elif not named[i]:
                negatives.append(StatusExample(doc_id, sentence, NO_EVENT))
    cap = max(int(max_no_event_ratio * len(examples)), 8)
    negatives.sort(key=lambda e: hashlib.sha256(f"{seed}:{e.doc_id}:{e.sentence}".encode()).digest())
    stats.no_event_dropped = max(0, len(negatives) - cap)
    examples.extend(negatives[:cap])
    stats.labelled = Counter(e.label for e in examples)
    return examples, stats


def status_gold_files(gold_dir: Path) -> list[Path]:
    """The gold files status training reads: ``*-dev.jsonl`` and ``written.jsonl`` of ``gold_dir``."""
    gold_dir = Path(gold_dir)
    files = sorted(gold_dir.glob("*-dev.jsonl"))
    written = gold_dir / "written.jsonl"
    if written.is_file():
        files.append(written)
    return files
