"""WiNER brat reading and the exclusion of the event test split."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.annotate.transformer.data import event_test_split, held_out, outermost, read_brat_doc, read_winer


def write_brat(folder: Path, stem: str, text: str, ann: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    (folder / f"{stem}.ann").write_text(ann, encoding="utf-8")
    return folder / f"{stem}.txt"


def test_outermost_keeps_outer_names() -> None:
    kept, dropped = outermost([(10, 30), (20, 30), (0, 5), (3, 8)])
    assert kept == [(0, 5), (10, 30)]
    assert dropped == 2


def test_read_brat_doc_keeps_organizations_only(tmp_path: Path) -> None:
    text = "Le groupe Orange rachète la Caisse des dépôts de Paris .\n"
    ann = (
        "T1\tOrganization 10 16\tOrange\n"
        "T2\tOrganization 28 54\tCaisse des dépôts de Paris\n"
        "T3\tLocation 49 54\tParis\n"
        "T4\tOrganization 28 34\tCaisse\n"
        "T5\tOrganization 0 2;3 9\tLe groupe\n"
        "#1\tAnnotatorNotes T1\tnote\n"
    )
    doc, stats = read_brat_doc(write_brat(tmp_path / "2016" / "01", "2016_01_04-001", text, ann))
    assert doc.doc_id == "winer-2016_01_04-001"
    assert [doc.text[s:e] for s, e in doc.spans] == ["Orange", "Caisse des dépôts de Paris"]
    assert (stats.nested_dropped, stats.discontinuous_dropped) == (1, 1)


def test_test_split_documents_are_excluded(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    winer = tmp_path / "winer"
    for i in range(1, 4):
        write_brat(
            winer / "2017" / "03", f"2017_03_01-00{i}", "Orange rachète Cloudwatt .", "T1\tOrganization 0 6\tOrange\n"
        )
    gold = tmp_path / "annotations"
    gold.mkdir()
    lines = [
        {"id": "winer-2017_03_01-001", "events": []},
        {"id": "other-id", "text_ref": {"path": "winer/2017/03/2017_03_01-002.txt", "sha256": "0" * 64}, "events": []},
    ]
    (gold / "events-test.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    dev = {"id": "winer-2017_03_01-003", "split": "dev", "events": []}
    (gold / "events-dev.jsonl").write_text(json.dumps(dev) + "\n", encoding="utf-8")
    ids, paths, files = event_test_split(gold)
    assert ids == {"winer-2017_03_01-001", "other-id"}
    assert files == [gold / "events-test.jsonl"]
    docs, stats, _ = read_winer(winer, gold)
    assert [d.doc_id for d in docs] == ["winer-2017_03_01-003"]
    assert stats.excluded_docs == ["winer-2017_03_01-001", "winer-2017_03_01-002"]
    # no gold folder: nothing excluded
    docs, stats, files = read_winer(winer, tmp_path / "missing")
    assert len(docs) == 3 and files == []


def test_held_out_is_deterministic_and_near_the_fraction() -> None:
    ids = [f"winer-doc-{i}" for i in range(2000)]
    chosen = [i for i in ids if held_out(i, 0.1)]
    assert chosen == [i for i in ids if held_out(i, 0.1)]
    assert 150 < len(chosen) < 250
