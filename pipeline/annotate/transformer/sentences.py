"""A cheap French sentence splitter for training data and benchmarks (no parser).

It splits after ``.``, ``!``, ``?`` or ``…`` followed by a capital (with or without a space, since
dumps glue sentences: "en juin.Le musée"), and at line breaks; it does not split after an
abbreviation ("M. Niel", "Mme Pécresse") or a single capital letter ("X. Niel").

>>> text = "Orange rachète Cloudwatt.Le prix n'est pas connu. M. Niel confirme !"
>>> [text[s:e] for s, e in split_sentences(text)]
['Orange rachète Cloudwatt.', "Le prix n'est pas connu.", 'M. Niel confirme !']
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

_BOUNDARY = re.compile(r"(?<=[.!?…])[\"»”)]?(?P<gap>\s*)(?=[«\"“(]?\s?[A-ZÀ-ÖØ-Þ0-9])")
_LAST_WORD = re.compile(r"([\w°]+)\W*$")


@cache
def abbreviations() -> frozenset[str]:
    data = json.loads(resources.files(__package__).joinpath("abbreviations.json").read_text(encoding="utf-8"))
    return frozenset(a.lower() for a in data["abbreviations"])


def _is_boundary(text: str, stop: int, gap: str) -> bool:
    """Whether the stop ending at ``stop`` (exclusive) ends a sentence."""
    before = text[max(0, stop - 40) : stop]
    match = _LAST_WORD.search(before[:-1] if before.endswith(".") else before)
    word = match.group(1) if match else ""
    if before.endswith("."):
        if word.lower() in abbreviations() or (len(word) == 1 and word.isupper()):
            return False
        # a decimal or a glued number ("3.5") is no boundary; "2015.Le" is
        if not gap and word.isdigit() and stop < len(text) and text[stop].isdigit():
            return False
        # a glued boundary needs a word of two letters or more before it ("juin.Le", not "S.A.")
        if not gap and len(word) < 2:
            return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of the sentences of ``text``, stripped of surrounding space."""
    cuts: list[int] = []
    for match in _BOUNDARY.finditer(text):
        if _is_boundary(text, match.start(), match.group("gap")):
            cuts.append(match.end("gap"))
    for match in re.finditer(r"\n\s*", text):
        cuts.append(match.end())
    bounds = sorted({0, *cuts, len(text)})
    out: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
