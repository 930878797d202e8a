"""Gold reader: validation refusals (file, line, reason), text_ref with sha256, archive members, splits."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from evalkit import write_jsonl

from pipeline.errors import RachatError
from pipeline.evaluate import textref
from pipeline.evaluate.gold import filter_split, load_gold, write_gold

EVENT = {
    "type": "acquisition",
    "owner": ["Orange"],
    "target": ["Cloudwatt"],
    "seller": ["Thales"],
    "stake": None,
    "status": "completed",
}
TEXT = "Orange rachète Cloudwatt à Thales et à la Caisse des dépôts."
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gold_text_ref.py"


def doc(**kw):
    base = {"id": "d1", "text": TEXT, "events": [dict(EVENT)]}
    base.update(kw)
    return base


def ev(**kw):
    e = dict(EVENT)
    e.update(kw)
    return e


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_inline_gold_loads(repo):
    path = write_jsonl(
        repo / "annotations" / "g.jsonl", [doc(split="dev", published="2015-12"), doc(id="d2", events=[])]
    )
    docs = load_gold(path)
    assert [d.id for d in docs] == ["d1", "d2"]
    assert docs[0].events[0].owner == ("Orange",) and docs[0].events[0].seller == ("Thales",)
    assert docs[0].split == "dev" and docs[0].published == "2015-12"
    assert docs[0].origin.endswith("g.jsonl:1")
    art = docs[0].to_article()
    assert (art.doc_id, art.text, art.published) == ("d1", TEXT, "2015-12")


BAD_CASES = [
    (doc(events=[ev(type="sale")]), "unknown type 'sale'"),
    (doc(events=[ev(status="done")]), "unknown status 'done'"),
    (doc(events=[ev(stake=120)]), "stake 120 is outside 0-100"),
    (doc(events=[ev(stake=-1)]), "outside 0-100"),
    (doc(events=[ev(seller=[])]), "seller is an empty list"),
    (doc(events=[ev(owner=[""])]), "empty or non-string alias"),
    (doc(events=[ev(owner=None, target=None)]), "owner and target are both null"),
    (doc(events=[ev(sellers=["Thales"])]), "unknown keys ['sellers']"),
    ({"id": "d1", "events": []}, "missing text"),
    (doc(text="   "), "missing text"),
    ({"text": TEXT, "events": []}, "missing id"),
    (doc(split="train"), "unknown split 'train'"),
    (doc(events=None), "events must be a list"),
    ("{not json", "malformed JSON"),
    ({"id": "d1", "text_ref": {"path": "x.txt"}, "events": []}, "text_ref has no sha256"),
    (doc(text_ref={"path": "x.txt", "sha256": "0" * 64}), "both text and text_ref"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_CASES)
def test_refusals_name_file_line_and_reason(repo, line, reason):
    path = write_jsonl(repo / "annotations" / "bad.jsonl", [doc(id="ok"), "", line])
    with pytest.raises(RachatError) as info:
        load_gold(path)
    assert info.value.code == "E010"
    assert str(path) in info.value.message and "line 3" in info.value.message
    assert reason in info.value.message


def test_null_roles_are_allowed(repo):
    path = write_jsonl(repo / "annotations" / "g.jsonl", [doc(events=[ev(owner=None, seller=None, status=None)])])
    [d] = load_gold(path)
    assert d.events[0].owner is None and d.events[0].seller is None and d.events[0].target == ("Cloudwatt",)


def test_duplicate_id_across_files(repo):
    write_jsonl(repo / "annotations" / "a.jsonl", [doc()])
    write_jsonl(repo / "annotations" / "b.jsonl", [doc(id="d2"), doc()])
    with pytest.raises(RachatError) as info:
        load_gold(repo / "annotations")
    assert (
        "b.jsonl" in info.value.message and "line 2" in info.value.message and "duplicate id 'd1'" in info.value.message
    )


def test_folder_and_splits(repo):
    write_jsonl(repo / "annotations" / "a.jsonl", [doc(id="a", split="dev"), doc(id="b", split="test")])
    write_jsonl(repo / "annotations" / "c.jsonl", [doc(id="c", split="written"), doc(id="d")])
    (repo / "annotations" / "GUIDELINES.md").write_text("not gold", encoding="utf-8")
    docs = load_gold(repo / "annotations")
    assert [d.id for d in docs] == ["a", "b", "c", "d"]
    assert [d.id for d in load_gold(repo / "annotations", split="dev")] == ["a"]
    assert [d.id for d in filter_split(docs, ["dev", "written"])] == ["a", "c"]
    with pytest.raises(RachatError):
        filter_split(docs, "train")


def test_text_ref_plain_file_relative_to_repo_root(repo, tmp_path, monkeypatch):
    data = tmp_path / "shared" / "data"
    data.mkdir(parents=True)
    text = "Titre\n\nLe 4 janvier, Orange rachète Cloudwatt à Thales.\n"
    (data / "a.txt").write_bytes(text.encode("utf-8"))
    ref = {"path": "../shared/data/a.txt", "sha256": sha(text)}
    path = write_jsonl(repo / "annotations" / "g.jsonl", [{"id": "w1", "text_ref": ref, "events": []}])
    monkeypatch.chdir(tmp_path)  # resolution does not depend on the current folder
    [d] = load_gold(path)
    assert d.text == text  # whole file, unchanged (trailing newline kept)
    # written back, the document keeps its pointer and not the text
    out = repo / "annotations" / "copy.jsonl"
    write_gold([d], out)
    line = json.loads(out.read_text(encoding="utf-8"))
    assert "text" not in line and line["text_ref"] == ref


def test_text_ref_hash_mismatch_and_missing_file(repo, tmp_path):
    (tmp_path / "a.txt").write_text("Orange rachète Cloudwatt.", encoding="utf-8")
    bad = {"path": "../a.txt", "sha256": sha("autre chose")}
    path = write_jsonl(repo / "annotations" / "g.jsonl", [doc(), {"id": "w1", "text_ref": bad, "events": []}])
    with pytest.raises(RachatError) as info:
        load_gold(path)
    assert "line 2" in info.value.message and "sha256 mismatch" in info.value.message
    missing = {"path": "../nope.txt", "sha256": sha("x")}
    path = write_jsonl(repo / "annotations" / "g.jsonl", [{"id": "w1", "text_ref": missing, "events": []}])
    with pytest.raises(RachatError) as info:
        load_gold(path)
    assert "line 1" in info.value.message and "no such file ../nope.txt" in info.value.message


def _tar(path: Path, members: dict[str, str]) -> None:
    with tarfile.open(path, "w:gz") as tf:
        for name, content in members.items():
            data = content.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


def test_text_ref_archive_member_read_once(repo, tmp_path, monkeypatch):
    articles = {
        f"parsed/{i}.json": json.dumps({"title": f"t{i}", "article": f"Article {i} : Iliad rachète Jaguar."})
        for i in range(5)
    }
    _tar(tmp_path / "dump.tar.gz", articles)
    lines = []
    for i in range(5):
        text = f"Article {i} : Iliad rachète Jaguar."
        ref = {"path": f"../dump.tar.gz#parsed/{i}.json", "field": "article", "sha256": sha(text)}
        lines.append({"id": f"o{i}", "text_ref": ref, "events": []})
    opened: list[str] = []
    real_open = tarfile.open

    def counting_open(name, *args, **kwargs):
        opened.append(str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(textref.tarfile, "open", counting_open)
    docs = load_gold(write_jsonl(repo / "annotations" / "o.jsonl", lines))
    assert [d.text for d in docs] == [f"Article {i} : Iliad rachète Jaguar." for i in range(5)]
    assert len(opened) == 1
    # a member that is not there, and a field that is not there
    ref = {"path": "../dump.tar.gz#parsed/9.json", "field": "article", "sha256": sha("x")}
    with pytest.raises(RachatError, match="no member 'parsed/9.json'"):
        load_gold(write_jsonl(repo / "annotations" / "o.jsonl", [{"id": "x", "text_ref": ref, "events": []}]))
    ref = {"path": "../dump.tar.gz#parsed/1.json", "field": "body", "sha256": sha("x")}
    with pytest.raises(RachatError, match="has no field 'body'"):
        load_gold(write_jsonl(repo / "annotations" / "o.jsonl", [{"id": "x", "text_ref": ref, "events": []}]))


def test_gold_text_ref_script_prints_what_the_reader_checks(tmp_path):
    # the script resolves paths against the real repository root; point it at an absolute temp file
    text = "Vivendi prend 6,6 % d'Ubisoft.\n"
    (tmp_path / "v.txt").write_bytes(text.encode("utf-8"))
    _tar(tmp_path / "d.tar.gz", {"a/1.json": json.dumps({"article": "Texte 1"})})
    result = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            str(tmp_path / "v.txt"),
            f"{tmp_path / 'd.tar.gz'}#a/1.json",
            "--field",
            "article",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # --field applies to both paths: the .txt is not JSON, so it fails while the member succeeds
    assert result.returncode == 1 and "not a JSON record" in result.stderr
    ref = json.loads(result.stdout.strip())
    assert ref["sha256"] == sha("Texte 1") and ref["field"] == "article" and ref["path"].endswith("d.tar.gz#a/1.json")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "v.txt"), "--stub", "v1"],
        capture_output=True,
        text=True,
        check=True,
    )
    line = json.loads(result.stdout)
    assert line["id"] == "v1" and line["events"] == [] and line["text_ref"]["sha256"] == sha(text)
    assert not line["text_ref"]["path"].startswith("/")  # relative to the repository root
