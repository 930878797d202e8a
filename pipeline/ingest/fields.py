"""Which column of a record holds the text, the title, the url, the date and the id.

Scrapers name them differently; the common names are detected, ``--field`` overrides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.errors import error

FIELD_NAMES = ("text", "title", "url", "published", "id", "html")

CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "article", "body", "article_body", "articlebody", "texte", "contenu", "corps", "full_text", "maintext"),
    "title": ("title", "headline", "titre", "heading", "name"),
    "url": ("url", "link", "href", "uri", "source_url", "canonical_url", "lien"),
    "published": ("published", "date", "pubdate", "pub_date", "published_at", "publication_date", "datetime", "date_publish", "created_at", "time"),
    "id": ("id", "doc_id", "docid", "article_id", "uid", "guid", "_id", "identifier"),
    "html": ("html", "raw_html", "page", "content_html", "body_html"),
}


@dataclass
class FieldMap:
    """User overrides (``--field text=article_body``) on top of detection."""

    overrides: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, options: Iterable[str]) -> FieldMap:
        overrides: dict[str, str] = {}
        for option in options:
            name, sep, column = option.partition("=")
            name = name.strip().lower()
            if not sep or name not in FIELD_NAMES or not column.strip():
                raise error("E004", option=option, names=", ".join(FIELD_NAMES))
            overrides[name] = column.strip()
        return cls(overrides)

    def resolve(self, columns: Iterable[str]) -> dict[str, str | None]:
        """Map each logical field to the column that holds it in these columns (or None)."""
        cols = list(columns)
        lower = {c.lower(): c for c in cols}
        out: dict[str, str | None] = {}
        for name in FIELD_NAMES:
            if name in self.overrides:
                out[name] = self.overrides[name]
                continue
            out[name] = next((lower[c] for c in CANDIDATES[name] if c in lower), None)
        return out


def get(record: Mapping[str, object], column: str | None) -> object | None:
    """The value of ``column`` in ``record``; dotted names reach into nested objects."""
    if column is None:
        return None
    if column in record:
        return record[column]
    value: object = record
    for part in column.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value
