"""Readers of every dump format, field detection, ids, and bad input that never stops a run.

Files are written by each test in its tmp_path; the article text is written for these tests.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.errors import RachatError
from pipeline.ingest import FieldMap, discover, iter_records, read_file
from pipeline.schema import Article, Quarantined, stable_id

ORANGE = "Orange a finalisé le rachat de CloudWatt, dont il détenait déjà 44 % du capital."
NUMERGY = "Numericable-SFR récupère la part d'Atos (20 %) et celle de la Caisse des dépôts (33 %)."
MISTRAL = "La start-up Mistral AI lève 105 millions d'euros auprès de Bpifrance et de plusieurs fonds."


def jsonl(path: Path, *records: Mapping[str, object] | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def articles(records: list[Article | Quarantined]) -> list[Article]:
    return [r for r in records if isinstance(r, Article)]


def quarantined(records: list[Article | Quarantined]) -> list[Quarantined]:
    return [r for r in records if isinstance(r, Quarantined)]


def test_jsonl_with_detected_fields(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "dump.jsonl",
        {"article_id": "a1", "headline": "Orange rachète CloudWatt", "content": ORANGE, "link": "https://ex.fr/1", "date": "2015-03-12"},
        {"article_id": "a2", "headline": "Numergy", "content": NUMERGY, "link": "https://ex.fr/2", "date": "2015-12-01"},
    )
    first, second = list(iter_records([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.doc_id, first.title, first.text, first.url, first.published) == ("a1", "Orange rachète CloudWatt", ORANGE, "https://ex.fr/1", "2015-03-12")
    assert second.doc_id == "a2" and second.text == NUMERGY
    assert first.source == str(path) and first.origin == f"{path}:1" and second.origin == f"{path}:2"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_csv_semicolon(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "depeches.csv"
    rows = ["id;titre;texte;date", f"c1;Rachat de CloudWatt;{ORANGE};12/03/2015", f"c2;Numergy change de mains;{NUMERGY};01/12/2015"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    records = list(iter_records([path]))
    assert [(a.doc_id, a.title, a.text) for a in articles(records)] == [
        ("c1", "Rachat de CloudWatt", ORANGE),
        ("c2", "Numergy change de mains", NUMERGY),
    ]
    assert not quarantined(records)


def test_csv_comma_with_quoted_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'url,body\nhttps://ex.fr/m,"{MISTRAL} Le tour, mené par Bpifrance, est bouclé."\n', encoding="utf-8")
    (article,) = list(iter_records([path]))
    assert isinstance(article, Article)
    assert article.text.endswith("Le tour, mené par Bpifrance, est bouclé.")
    assert article.doc_id == stable_id("https://ex.fr/m")


def test_parquet_written_with_pyarrow(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    table = pa.table({"doc_id": ["p1", "p2"], "title": ["CloudWatt", None], "text": [ORANGE, MISTRAL], "published": ["2015-03-12", None]})
    pq.write_table(table, path)
    first, second = list(iter_records([path]))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.doc_id, first.title, first.text, first.published) == ("p1", "CloudWatt", ORANGE, "2015-03-12")
    assert (second.doc_id, second.title, second.published) == ("p2", None, None)
    assert second.origin == f"{path}#row=1"


def test_folder_of_txt_doc_id_is_stem(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "orange-cloudwatt.txt").write_text(ORANGE + "\n", encoding="utf-8")
    (folder / "sub" / "numergy.txt").write_text(NUMERGY, encoding="utf-8")
    (folder / "notes.md").write_text("pas un article", encoding="utf-8")  # unknown suffix inside a folder: ignored
    (folder / ".cache.txt").write_text("caché", encoding="utf-8")  # hidden file: ignored
    records = list(iter_records([folder]))
    assert [(a.doc_id, a.text) for a in articles(records)] == [("orange-cloudwatt", ORANGE), ("numergy", NUMERGY)]
    assert not quarantined(records)


def test_mix_of_formats_in_one_call(tmp_path: Path) -> None:
    folder = tmp_path / "mix"
    folder.mkdir()
    jsonl(folder / "a.jsonl", {"id": "j1", "text": ORANGE})
    (folder / "b.csv").write_text(f"id;text\nc1;{NUMERGY}\n", encoding="utf-8")
    pq.write_table(pa.table({"id": ["p1"], "text": [MISTRAL]}), folder / "c.parquet")
    (folder / "d.txt").write_text(ORANGE, encoding="utf-8")
    extra = jsonl(tmp_path / "extra.jsonl", {"id": "x1", "text": MISTRAL})
    records = list(iter_records([folder, extra]))
    assert [a.doc_id for a in articles(records)] == ["j1", "c1", "p1", "d", "x1"]
    assert discover([folder, extra]) == [folder / "a.jsonl", folder / "b.csv", folder / "c.parquet", folder / "d.txt", extra]


def test_field_override(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", {"id": "o1", "text": "Un court chapeau.", "article_body": ORANGE, "headline": "Titre"})
    (default,) = list(iter_records([path]))
    (chosen,) = list(iter_records([path], FieldMap.parse(["text=article_body"])))
    assert isinstance(default, Article) and default.text == "Un court chapeau."
    assert isinstance(chosen, Article) and chosen.text == ORANGE and chosen.title == "Titre"


def test_field_override_of_a_nested_column(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", {"meta": {"ref": "n1"}, "body": {"fr": NUMERGY}})
    (article,) = list(iter_records([path], FieldMap.parse(["text=body.fr", "id=meta.ref"])))
    assert isinstance(article, Article) and (article.doc_id, article.text) == ("n1", NUMERGY)


@pytest.mark.parametrize("option", ["texte=article_body", "text", "text=", "=article_body"])
def test_bad_field_option(option: str) -> None:
    with pytest.raises(RachatError) as info:
        FieldMap.parse([option])
    assert info.value.code == "E004"


def test_missing_id_is_a_stable_hash_of_url_or_text(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", {"text": ORANGE, "url": "https://ex.fr/cloudwatt"}, {"text": NUMERGY}, {"text": MISTRAL})
    once = articles(list(iter_records([path])))
    again = articles(list(iter_records([path])))
    assert [a.doc_id for a in once] == [a.doc_id for a in again]
    assert once[0].doc_id == stable_id("https://ex.fr/cloudwatt")
    assert once[1].doc_id == stable_id(NUMERGY)
    assert len({a.doc_id for a in once}) == 3


def test_missing_path_is_fatal_and_named(tmp_path: Path) -> None:
    missing = tmp_path / "nulle-part.jsonl"
    with pytest.raises(RachatError) as info:
        list(iter_records([missing]))
    assert info.value.code == "E001"
    assert str(missing) in str(info.value)


def test_unknown_format_is_fatal(tmp_path: Path) -> None:
    path = tmp_path / "dump.xlsx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(RachatError) as info:
        list(iter_records([path]))
    assert info.value.code == "E002" and str(path) in info.value.message
    with pytest.raises(RachatError):
        list(read_file(path, FieldMap()))


def test_bad_records_are_quarantined_and_the_run_goes_on(tmp_path: Path) -> None:
    good = [{"id": "g1", "text": ORANGE}, {"id": "g2", "text": NUMERGY}, {"id": "g3", "text": MISTRAL}]
    path = jsonl(
        tmp_path / "d.jsonl",
        good[0],
        '{"id": "bad", "text": "Orange rachète',  # line 2: cut in the middle
        {"id": "no-text", "title": "Un titre sans texte"},
        good[1],
        {"id": "blank", "text": "   "},
        "[1, 2, 3]",
        good[2],
    )
    records = list(iter_records([path]))
    assert len(records) == 7  # nothing lost: every line is an article or a quarantined record
    assert [a.doc_id for a in articles(records)] == ["g1", "g2", "g3"]
    bad = {q.location: q for q in quarantined(records)}
    assert set(bad) == {f"{path}:2", f"{path}:3", f"{path}:5", f"{path}:6"}
    assert bad[f"{path}:2"].reason.startswith("malformed JSON")
    assert '"id": "bad"' in bad[f"{path}:2"].raw
    assert bad[f"{path}:3"].reason == "no text field in record"
    assert bad[f"{path}:5"].reason == "empty text"
    assert all(q.source == str(path) for q in bad.values())


def test_empty_files(tmp_path: Path) -> None:
    jsonl_file = tmp_path / "vide.jsonl"
    jsonl_file.write_text("", encoding="utf-8")
    txt_file = tmp_path / "vide.txt"
    txt_file.write_text("  \n", encoding="utf-8")
    good = tmp_path / "ok.txt"
    good.write_text(ORANGE, encoding="utf-8")
    records = list(iter_records([jsonl_file, txt_file, good]))
    assert len(records) == 2
    (empty_txt,) = quarantined(records)
    assert empty_txt.reason == "empty file" and empty_txt.location == str(txt_file)
    assert [a.doc_id for a in articles(records)] == ["ok"]


def test_records_are_read_lazily(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "d.jsonl", *({"id": f"n{i}", "text": ORANGE} for i in range(1000)))
    stream = iter_records([path])
    first = next(stream)
    assert isinstance(first, Article) and first.doc_id == "n0"
