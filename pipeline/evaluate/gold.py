"""Gold reader and validator: ``annotations/*.jsonl``, one document a line (DESIGN.md, "Gold format").

A line::

    {"id": "seed-numergy", "text": "...", "published": "2015-12", "split": "dev",
     "events": [{"type": "acquisition", "owner": ["Numericable-SFR", "SFR-Numericable"],
                 "target": ["Numergy"], "seller": ["Atos"], "stake": 20.0, "status": "completed"}]}

``text`` may be replaced by ``text_ref`` (see :mod:`pipeline.evaluate.textref`). Entity fields are
alias lists or null (an empty list is refused: write null). Every refusal is a
:class:`~pipeline.errors.RachatError` naming the file, the line and the reason, so a bad gold file
never produces silently wrong scores.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import RachatError, error
from pipeline.evaluate.textref import TextRef, TextRefError, TextResolver, find_repo_root
from pipeline.schema import EVENT_TYPES, STATUSES, Article

SPLITS = ("dev", "test", "written")
ROLE_FIELDS = ("owner", "target", "seller")
DOC_KEYS = {"id", "text", "text_ref", "title", "published", "split", "events", "url", "source", "note", "notes"}
EVENT_KEYS = {"type", "owner", "target", "seller", "stake", "amount", "currency", "status", "note", "notes"}

Aliases = tuple[str, ...]


@dataclass(frozen=True)
class GoldEvent:
    """One gold ownership event; entity roles are alias tuples (any alias matches) or None."""

    type: str
    owner: Aliases | None
    target: Aliases | None
    seller: Aliases | None = None
    stake: float | None = None
    amount: float | None = None
    currency: str | None = None
    status: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        for role in ROLE_FIELDS:
            value = getattr(self, role)
            out[role] = list(value) if value is not None else None
        out["stake"] = self.stake
        if self.amount is not None or self.currency is not None:
            out["amount"] = self.amount
            out["currency"] = self.currency
        out["status"] = self.status
        return out


@dataclass
class GoldDoc:
    """One gold document: its text (resolved), metadata, and its events (possibly none)."""

    id: str
    text: str
    events: list[GoldEvent]
    title: str | None = None
    published: str | None = None
    split: str | None = None
    text_ref: TextRef | None = None
    # "annotations/dev.jsonl:12": where the line came from, for messages
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_article(self) -> Article:
        """The Article the pipeline sees for this document (doc_id = gold id)."""
        return Article(
            doc_id=self.id,
            text=self.text,
            title=self.title,
            published=self.published,
            source="gold",
            origin=self.origin,
        )

    def to_json(self, *, inline_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.text_ref is not None and not inline_text:
            out["text_ref"] = self.text_ref.to_json()
        else:
            out["text"] = self.text
        for key in ("title", "published", "split"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["events"] = [e.to_json() for e in self.events]
        return out


def _fail(path: Path | str, line: int, reason: str) -> RachatError:
    return error("E010", path=path, line=line, reason=reason)


def _aliases(value: object, role: str, where: tuple[Path, int], index: int) -> Aliases | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _fail(*where, f"event {index}: {role} must be a list of names or null, not {type(value).__name__}")
    if not value:
        raise _fail(*where, f"event {index}: {role} is an empty list; write null when the text names no {role}")
    names: list[str] = []
    for alias in value:
        if not isinstance(alias, str) or not alias.strip():
            raise _fail(*where, f"event {index}: {role} has an empty or non-string alias {alias!r}")
        names.append(alias.strip())
    return tuple(names)


def _number(value: object, name: str, where: tuple[Path, int], index: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(float(value)):
        raise _fail(*where, f"event {index}: {name} must be a number or null, not {value!r}")
    return float(value)


def parse_event(obj: object, where: tuple[Path, int], index: int) -> GoldEvent:
    """Validate one event object of a gold line (``where`` = file, line for messages)."""
    if not isinstance(obj, dict):
        raise _fail(*where, f"event {index} is a {type(obj).__name__}, not an object")
    unknown = set(obj) - EVENT_KEYS
    if unknown:
        raise _fail(*where, f"event {index}: unknown keys {sorted(unknown)} (expected {sorted(EVENT_KEYS)})")
    etype = obj.get("type")
    if etype not in EVENT_TYPES:
        raise _fail(*where, f"event {index}: unknown type {etype!r} (expected one of {', '.join(EVENT_TYPES)})")
    status = obj.get("status")
    if status is not None and status not in STATUSES:
        raise _fail(*where, f"event {index}: unknown status {status!r} (expected one of {', '.join(STATUSES)} or null)")
    stake = _number(obj.get("stake"), "stake", where, index)
    if stake is not None and not 0.0 <= stake <= 100.0:
        raise _fail(*where, f"event {index}: stake {stake:g} is outside 0-100")
    amount = _number(obj.get("amount"), "amount", where, index)
    if amount is not None and amount < 0:
        raise _fail(*where, f"event {index}: amount {amount:g} is negative")
    currency = obj.get("currency")
    if currency is not None and not (isinstance(currency, str) and currency.strip()):
        raise _fail(*where, f"event {index}: currency must be a code such as 'EUR' or null, not {currency!r}")
    roles = {role: _aliases(obj.get(role), role, where, index) for role in ROLE_FIELDS}
    if roles["owner"] is None and roles["target"] is None:
        raise _fail(*where, f"event {index}: owner and target are both null")
    return GoldEvent(
        type=etype,
        owner=roles["owner"],
        target=roles["target"],
        seller=roles["seller"],
        stake=stake,
        amount=amount,
        currency=currency.strip() if isinstance(currency, str) else None,
        status=status,
    )


@dataclass
class _Pending:
    """A parsed line whose text_ref is not read yet (refs are read in one batch per archive)."""

    doc: GoldDoc
    line: int


def parse_line(obj: object, path: Path, line: int) -> tuple[GoldDoc, TextRef | None]:
    """Validate one decoded gold line; the text is left empty when it comes from a text_ref."""
    where = (path, line)
    if not isinstance(obj, dict):
        raise _fail(path, line, f"a gold line is a JSON object, not a {type(obj).__name__}")
    unknown = set(obj) - DOC_KEYS
    if unknown:
        raise _fail(path, line, f"unknown keys {sorted(unknown)} (expected some of {sorted(DOC_KEYS)})")
    doc_id = obj.get("id")
    if not isinstance(doc_id, str | int) or isinstance(doc_id, bool) or not str(doc_id).strip():
        raise _fail(path, line, "missing id")
    doc_id = str(doc_id).strip()
    has_text, has_ref = "text" in obj, "text_ref" in obj
    if has_text and has_ref:
        raise _fail(path, line, f"document {doc_id!r} has both text and text_ref; keep one")
    ref: TextRef | None = None
    text = ""
    if has_ref:
        raw = obj["text_ref"]
        if not isinstance(raw, dict) or not isinstance(raw.get("path"), str) or not raw["path"].strip():
            raise _fail(path, line, f"document {doc_id!r}: text_ref must be an object with a path")
        if not isinstance(raw.get("sha256"), str) or len(raw["sha256"]) != 64:
            raise _fail(path, line, f"document {doc_id!r}: text_ref has no sha256 (run scripts/gold_text_ref.py)")
        extra_keys = set(raw) - {"path", "sha256", "field"}
        if extra_keys:
            raise _fail(path, line, f"document {doc_id!r}: unknown text_ref keys {sorted(extra_keys)}")
        field_name = raw.get("field")
        if field_name is not None and not isinstance(field_name, str):
            raise _fail(path, line, f"document {doc_id!r}: text_ref field must be a string")
        ref = TextRef(path=raw["path"].strip(), sha256=raw["sha256"].lower(), field=field_name)
    elif has_text:
        text = obj["text"]
        if not isinstance(text, str) or not text.strip():
            raise _fail(path, line, f"document {doc_id!r}: missing text (text is empty or not a string)")
    else:
        raise _fail(path, line, f"document {doc_id!r}: missing text (give text or text_ref)")
    split = obj.get("split")
    if split is not None and split not in SPLITS:
        raise _fail(path, line, f"document {doc_id!r}: unknown split {split!r} (expected one of {', '.join(SPLITS)})")
    events_raw = obj.get("events")
    if not isinstance(events_raw, list):
        raise _fail(path, line, f"document {doc_id!r}: events must be a list (use [] for a document without events)")
    events = [parse_event(e, where, i) for i, e in enumerate(events_raw)]
    meta: dict[str, str | None] = {}
    for key in ("title", "published"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise _fail(path, line, f"document {doc_id!r}: {key} must be a string or null")
        meta[key] = value
    extra = {k: obj[k] for k in ("url", "source", "note", "notes") if k in obj}
    doc = GoldDoc(
        id=doc_id,
        text=text,
        events=events,
        title=meta["title"],
        published=meta["published"],
        split=split,
        text_ref=ref,
        origin=f"{path}:{line}",
        extra=extra,
    )
    return doc, ref


def gold_files(path: Path | str) -> list[Path]:
    """A gold file, or every ``*.jsonl`` of a folder (sorted)."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.is_file())
        if not files:
            raise error("E030", path=path)
        return files
    if not path.is_file():
        raise error("E001", path=path)
    return [path]


def read_gold_file(path: Path, resolver: TextResolver | None = None) -> list[GoldDoc]:
    """Every document of one gold file, validated, texts resolved and hash-checked."""
    try:
        lines = path.read_bytes().decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise error("E003", path=path, reason=f"not UTF-8 ({exc.reason})") from exc
    return parse_gold_lines(lines, path, resolver)


def parse_gold_lines(lines: Iterable[str], path: Path, resolver: TextResolver | None = None) -> list[GoldDoc]:
    """Validate gold JSON lines as if they were the file ``path`` (messages name it; text_refs resolve from its repo)."""
    if resolver is None:
        root = find_repo_root(path) or path.parent
        resolver = TextResolver(root)
    pending: list[_Pending] = []
    refs: list[TextRef] = []
    for lineno, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise _fail(path, lineno, f"malformed JSON: {exc.msg} (column {exc.colno})") from exc
        doc, ref = parse_line(obj, path, lineno)
        pending.append(_Pending(doc, lineno))
        if ref is not None:
            refs.append(ref)
    texts = iter(resolver.read_many(refs))
    for item in pending:
        ref = item.doc.text_ref
        if ref is None:
            continue
        text = next(texts)
        try:
            if isinstance(text, TextRefError):
                raise text
            resolver.check(ref, text)
        except TextRefError as exc:
            raise _fail(path, item.line, f"document {item.doc.id!r}: text_ref: {exc}") from exc
        if not text.strip():
            raise _fail(
                path, item.line, f"document {item.doc.id!r}: missing text (the text_ref points at an empty text)"
            )
        item.doc.text = text
    return [item.doc for item in pending]


def check_unique(docs: Iterable[GoldDoc]) -> None:
    """Refuse a document id seen before (the message names the second occurrence and the first)."""
    seen: dict[str, str] = {}
    for doc in docs:
        if doc.id in seen:
            file_name, _, line = doc.origin.rpartition(":")
            raise _fail(file_name, int(line), f"duplicate id {doc.id!r} (first at {seen[doc.id]})")
        seen[doc.id] = doc.origin


def load_gold(path: Path | str, split: str | Iterable[str] | None = None) -> list[GoldDoc]:
    """All gold documents of a file or a folder of ``*.jsonl``, validated; ids are unique across files.

    ``split`` keeps only documents of that split (or those splits); see :func:`filter_split`.
    """
    files = gold_files(path)
    resolvers: dict[Path, TextResolver] = {}
    docs: list[GoldDoc] = []
    for file in files:
        root = find_repo_root(file) or file.parent
        docs.extend(read_gold_file(file, resolvers.setdefault(root, TextResolver(root))))
    check_unique(docs)
    return filter_split(docs, split) if split is not None else docs


def filter_split(docs: Iterable[GoldDoc], split: str | Iterable[str] | None) -> list[GoldDoc]:
    """Documents of the given split(s); ``None`` keeps all. A document without a split is in none."""
    docs = list(docs)
    if split is None:
        return docs
    wanted = {split} if isinstance(split, str) else set(split)
    bad = wanted - set(SPLITS)
    if bad:
        raise error("E031", split=", ".join(sorted(bad)), splits=", ".join(SPLITS))
    return [d for d in docs if d.split in wanted]


def write_gold(docs: Iterable[GoldDoc], path: Path | str, *, inline_text: bool = False) -> int:
    """Write gold documents as JSONL (text_ref kept when the document has one); returns the count."""
    n = 0
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc.to_json(inline_text=inline_text), ensure_ascii=False) + "\n")
            n += 1
    return n


def gold_from_json(obj: Mapping[str, Any], origin: str = "<memory>") -> GoldDoc:
    """Validate one in-memory gold document with inline text (used by importers and tests)."""
    doc, ref = parse_line(dict(obj), Path(origin), 0)
    if ref is not None:
        raise _fail(origin, 0, "gold_from_json needs inline text, not text_ref")
    return doc
