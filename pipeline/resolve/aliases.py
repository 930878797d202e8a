"""Company name normalisation: one key for the names that denote the same company.

"SFR-Numericable" and "Numericable-SFR" share a key (same words, any order); legal forms,
accents, case and punctuation are ignored ("Gemalto NV" = "gemalto"). Within one article a
short name that is contained in a longer one ("Caisse des dépôts" in "Caisse des dépôts et
consignations") joins the longer one's group.
"""

from __future__ import annotations

import re
import unicodedata

LEGAL_FORMS = {
    "sa", "sas", "se", "sca", "sarl", "inc", "corp", "corporation", "ltd", "limited", "gmbh", "ag", "nv", "bv",
    "plc", "llc", "group", "groupe", "holding", "holdings", "co", "cie", "compagnie", "the", "le", "la", "les", "l",
    "automobiles",  # "Fiat Chrysler Automobiles" is the gazetteer's "Fiat Chrysler"
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_tokens(name: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9+&]+", strip_accents(name).lower())
    kept = tuple(w for w in words if w not in LEGAL_FORMS)
    return kept or tuple(words)


def name_key(name: str) -> str:
    """Order-free key: 'SFR-Numericable' and 'Numericable-SFR' -> 'numericable sfr'."""
    return " ".join(sorted(name_tokens(name)))


def contains(longer: str, shorter: str) -> bool:
    """Whole-token containment, in order: 'caisse des depots' in 'caisse des depots et consignations'."""
    a, b = name_tokens(longer), name_tokens(shorter)
    if not b or len(b) > len(a):
        return False
    return any(a[i : i + len(b)] == b for i in range(len(a) - len(b) + 1))


def _joins(a: str, b: str) -> bool:
    """Containment that names one company: 'Caisse des dépôts' in 'Caisse des dépôts et
    consignations', not 'Orange' in 'Orange Espagne' (a one-word name is too weak)."""
    short, long_ = sorted((a, b), key=lambda n: len(name_tokens(n)))
    return len(name_tokens(short)) >= 2 and contains(long_, short)


class AliasTable:
    """Groups the names of one article; ``canonical(name)`` gives the group's display name.

    A gazetteer name is its own group (so "SFR" and "Numericable-SFR" stay apart); a name
    the gazetteer does not know joins a group whose names contain it or that it contains.
    """

    def __init__(self) -> None:
        self._groups: dict[str, list[str]] = {}
        self._of: dict[str, str] = {}

    def add(self, name: str, canonical_hint: str | None = None) -> str:
        if name in self._of:
            return self._of[name]
        key = name_key(canonical_hint or name)
        if key not in self._groups and canonical_hint is None:
            key = next((gk for gk, names in self._groups.items() if any(_joins(n, name) for n in names)), key)
        self._groups.setdefault(key, []).append(name)
        self._of[name] = key
        return key

    def link(self, alias: str, name: str) -> None:
        """'TEC' written in parentheses after 'Technip': one company."""
        key = self.add(name)
        if alias not in self._of:
            self._groups[key].append(alias)
            self._of[alias] = key

    def key(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self._of.get(name) or self.add(name)

    def canonical(self, name: str | None) -> str | None:
        """The longest name the article uses for this company."""
        k = self.key(name)
        if k is None:
            return None
        return max(self._groups[k], key=lambda n: (len(name_tokens(n)), len(n)))
