"""Bad input never stops a run: each bad record gets a clear quarantine reason."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import RachatError
from pipeline.ingest import iter_records
from pipeline.ingest.fields import FieldMap
from pipeline.ingest.readers import READERS, format_of, read_file
from pipeline.ingest.records import MAX_CHARS, looks_binary
from pipeline.schema import Article, Quarantined

Make = Callable[[str, bytes | str], Path]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.html", ".html"), ("a.HTM", ".htm"), ("crawl.warc", ".warc"), ("crawl.warc.gz", ".warc.gz"), ("b.txt", ".txt")],
)
def test_formats_are_registered(name: str, fmt: str) -> None:
    assert format_of(Path(name)) == fmt
    assert fmt in READERS


def test_cp1252_csv_with_accents(make_file: Make) -> None:
    rows = [
        "titre;texte;date",
        "Société Générale cède sa filiale;La Société Générale a annoncé la cession de sa filiale de gestion "
        "d'actifs à un fonds français pour 120 millions d'euros. L'opération doit être finalisée à l'été.;12/03/2015",
        "Crédit Agricole;Le Crédit Agricole détient désormais 95 % du capital de sa filiale italienne, "
        "après le rachat des parts des actionnaires minoritaires.;13/03/2015",
    ]
    path = make_file("depeches.csv", ("\r\n".join(rows) + "\r\n").encode("cp1252"))
    first, second = list(iter_records([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Société Générale cède sa filiale"
    assert "être finalisée à l'été" in first.text
    assert second.text.startswith("Le Crédit Agricole détient désormais 95 %")
    assert first.published == "12/03/2015"  # parsed to ISO later, by prepare


def test_binary_junk_in_a_text_field(make_file: Make) -> None:
    junk = "".join(chr(i % 32) for i in range(3000))
    good = "Orange rachète Cloudwatt."
    path = make_file("d.jsonl", json.dumps({"text": junk}) + "\n" + json.dumps({"text": good}) + "\n")
    bad, ok = list(iter_records([path]))
    assert isinstance(bad, Quarantined) and bad.reason == "binary data in text field"
    assert isinstance(ok, Article) and ok.text == good


@pytest.mark.parametrize(
    ("text", "binary"),
    [
        ("Orange rachète Cloudwatt.", False),
        ("Soci\ufffdt\ufffd G\ufffdn\ufffdrale a c\ufffdd\ufffd sa filiale " + "au fonds " * 40, False),
        ("PK\x03\x04\x14\x00\x06\x00", True),
        ("\ufffd\ufffd\ufffd\x1a\x1b" * 50, True),
    ],
)
def test_looks_binary(text: str, binary: bool) -> None:
    assert looks_binary(text) is binary


def test_binary_txt_file(make_file: Make) -> None:
    path = make_file("image.txt", bytes(range(256)) * 20)
    (record,) = list(iter_records([path]))
    assert isinstance(record, Quarantined) and record.reason == "binary data in text file"


def test_article_too_large_default_limit(make_file: Make) -> None:
    huge = "Orange rachète Cloudwatt. " * (MAX_CHARS // 26 + 10)
    path = make_file(
        "gros.jsonl", json.dumps({"id": "gros", "text": huge}) + "\n" + json.dumps({"text": "Court."}) + "\n"
    )
    big, small = list(iter_records([path]))
    assert isinstance(big, Quarantined)
    assert big.reason == f"article too large ({len(huge.strip())} chars > {MAX_CHARS})"
    assert len(big.raw) <= 2000
    assert isinstance(small, Article)


def test_article_too_large_setting(make_file: Make) -> None:
    path = make_file("a.txt", "Orange rachète Cloudwatt. " * 100)
    (record,) = list(read_file(path, FieldMap(), max_chars=1000))
    assert isinstance(record, Quarantined) and record.reason.startswith("article too large (2")
    (kept,) = list(read_file(path, FieldMap(), max_chars=10_000))
    assert isinstance(kept, Article)
    with pytest.raises(RachatError, match="E051"):
        list(read_file(path, FieldMap(), max_chars=0))


def test_html_too_large(make_file: Make, monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ingest import html

    monkeypatch.setattr(html, "MAX_HTML_BYTES", 100)
    path = make_file("a.html", "<html><body><p>" + "Orange rachète Cloudwatt. " * 20 + "</p></body></html>")
    (record,) = list(iter_records([path]))
    assert isinstance(record, Quarantined) and record.reason.startswith("HTML page too large")


def test_empty_html_file(make_file: Make) -> None:
    (record,) = list(iter_records([make_file("vide.html", "  \n")]))
    assert isinstance(record, Quarantined) and record.reason == "empty file"


def test_record_with_neither_text_nor_html(make_file: Make) -> None:
    path = make_file("d.jsonl", json.dumps({"titre": "Sans corps", "lien": "https://ex.fr"}) + "\n")
    (record,) = list(iter_records([path]))
    assert isinstance(record, Quarantined) and record.reason == "no text field in record"
