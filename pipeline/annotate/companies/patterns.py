"""Company vocabularies, loaded from the data files next to this module."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    aliases: tuple[str, ...]
    kind: str
    ambiguous: bool


@lru_cache(maxsize=4)
def load_gazetteer(path: str | None = None) -> tuple[GazetteerEntry, ...]:
    """The company list (name, aliases, kind). Built by scripts/build_gazetteer.py."""
    file = Path(path) if path else HERE / "gazetteer.jsonl"
    entries = []
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            entries.append(
                GazetteerEntry(rec["name"], tuple(rec.get("aliases") or ()), rec.get("kind", "company"), bool(rec.get("ambiguous")))
            )
    return tuple(entries)


@lru_cache(maxsize=1)
def load_cues() -> dict[str, object]:
    data: dict[str, object] = json.loads((HERE / "cues.json").read_text(encoding="utf-8"))
    return data


def cue_nouns() -> dict[str, str]:
    nouns = load_cues()["cue_nouns"]
    assert isinstance(nouns, dict)
    return {str(k): str(v) for k, v in nouns.items()}


def legal_forms() -> frozenset[str]:
    forms = load_cues()["legal_forms"]
    assert isinstance(forms, list)
    return frozenset(str(f) for f in forms)


def not_companies() -> frozenset[str]:
    names = load_cues()["not_companies"]
    assert isinstance(names, list)
    return frozenset(str(f).lower() for f in names)
