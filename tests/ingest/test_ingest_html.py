"""HTML files in folders and HTML in a column of JSONL / CSV / Parquet records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from ingestkit import BOURSE_PARAGRAPHS, NUMERGY_PARAGRAPHS, ORANGE_PARAGRAPHS, page

from pipeline.ingest import FieldMap, iter_records
from pipeline.ingest.html import NO_TEXT, decode_html, extract_page, page_to_article
from pipeline.schema import Article, Quarantined, stable_id


def test_html_folder(html_folder: Path) -> None:
    records = {Path(r.source).stem: r for r in iter_records([html_folder])}
    assert set(records) == {"orange-cloudwatt", "numergy", "menu-seul", "bourse"}
    orange = records["orange-cloudwatt"]
    assert isinstance(orange, Article)
    assert orange.doc_id == "orange-cloudwatt"
    assert orange.title == "Orange rachète Cloudwatt"
    assert orange.published == "2015-03-12"
    assert "l'intégralité des parts détenues par Thales" in orange.text
    assert "Mentions légales" not in orange.text and "Accueil" not in orange.text
    menu = records["menu-seul"]
    assert isinstance(menu, Quarantined)
    assert menu.reason == NO_TEXT == "no article text in HTML"
    bourse = records["bourse"]  # .htm, windows-1252 declared in <meta>
    assert isinstance(bourse, Article)
    assert "séance de mardi en légère hausse" in bourse.text


def test_extract_page_drops_boilerplate() -> None:
    found = extract_page(page("Numericable-SFR s'offre Numergy", NUMERGY_PARAGRAPHS))
    assert found is not None
    assert "46 % de la société" in found.text
    for junk in ("Les plus lus", "Je m'inscris", "Se connecter", "© 2015"):
        assert junk not in found.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body></body></html>",
        "<html><head><title>Titre seul</title></head><body><nav>Menu</nav></body></html>",
    ],
)
def test_page_without_body_text_is_quarantined(html: str) -> None:
    result = page_to_article(html, source="s", location="s:1")
    assert isinstance(result, Quarantined)
    assert result.reason == NO_TEXT


def test_decode_html_charsets() -> None:
    text = "<html><head><meta charset='iso-8859-1'></head><body>Société Générale</body></html>"
    assert "Société Générale" in decode_html(text.encode("latin-1"))
    # the HTTP header wins over a missing meta
    assert decode_html("<p>Crédit Agricole</p>".encode("cp1252"), "windows-1252") == "<p>Crédit Agricole</p>"
    # a lying declaration falls back to a guess instead of failing
    assert "Orange" in decode_html("<p>Orange rachète</p>".encode(), "ascii")


def test_html_field_in_jsonl(make_file: Callable[[str, bytes | str], Path]) -> None:
    lines = [
        {"url": "https://ex.fr/orange", "html": page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS)},
        {"url": "https://ex.fr/vide", "html": "<html><body><nav>Accueil</nav></body></html>"},
        {"id": "b-1", "title": "Titre du flux", "html": page("La Bourse", BOURSE_PARAGRAPHS), "date": "14/03/2015"},
    ]
    path = make_file("dump.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    first, empty, third = list(iter_records([path]))
    assert isinstance(first, Article) and isinstance(third, Article)
    assert first.doc_id == stable_id("https://ex.fr/orange")
    assert first.title == "Orange rachète Cloudwatt"
    assert "44 % du capital" in first.text
    assert isinstance(empty, Quarantined) and empty.reason == NO_TEXT
    assert empty.location == f"{path}:2" and "ex.fr/vide" in empty.raw
    # the record's own id, title and date win over the page's
    assert (third.doc_id, third.title, third.published) == ("b-1", "Titre du flux", "14/03/2015")


def test_html_field_chosen_by_user_over_text_column(make_file: Callable[[str, bytes | str], Path]) -> None:
    """``--field html=page`` (what ``--html-field page`` maps to) reads the HTML even beside a text column."""
    rows = [{"content": "résumé court", "page": page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS)}]
    path = make_file("dump.jsonl", json.dumps(rows[0], ensure_ascii=False))
    (default,) = list(iter_records([path]))
    assert isinstance(default, Article) and default.text == "résumé court"
    (chosen,) = list(iter_records([path], FieldMap.parse(["html=page"])))
    assert isinstance(chosen, Article) and "Thales" in chosen.text


def test_html_column_in_parquet_and_csv(tmp_path: Path) -> None:
    html = page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS)
    pq.write_table(pa.table({"url": ["https://ex.fr/a"], "raw_html": [html]}), tmp_path / "d.parquet")
    (from_parquet,) = list(iter_records([tmp_path / "d.parquet"]))
    assert isinstance(from_parquet, Article) and "Cloudwatt" in from_parquet.text
    assert from_parquet.origin.endswith("#row=0")
    csv_text = 'url;body_html\nhttps://ex.fr/a;"' + html.replace('"', '""') + '"\n'
    (tmp_path / "d.csv").write_text(csv_text, encoding="utf-8")
    (from_csv,) = list(iter_records([tmp_path / "d.csv"]))
    assert isinstance(from_csv, Article) and from_csv.text == from_parquet.text
