"""Fine-tuned company NER (models/company-ner): loaded by default, switchable, and its data split.

The texts below are made up for these tests. The session pipeline (``nlp``) is the only
model load; the wiring of ``build_nlp`` is checked with a stand-in for ``spacy.load``.
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import spacy
import typer
from typer.testing import CliRunner

import pipeline.annotate
from pipeline.annotate import build_nlp
from pipeline.annotate.company_ner import (
    DEFAULT_COMPANY_NER,
    ENV_VAR,
    TRAIN_DOCS_FILE,
    read_train_docs,
    resolve_company_ner,
    split_brat_docs,
    split_of,
)
from pipeline.errors import RachatError
from pipeline.evaluate.ner import gold_text_files

REPO = Path(__file__).resolve().parents[2]
HAS_MODEL = (DEFAULT_COMPANY_NER / "ner" / "model").is_file()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="models/company-ner is not there")
# the session pipeline follows $RACHAT_COMPANY_NER, read before the autouse fixture below clears it
session_default = pytest.mark.skipif(ENV_VAR in os.environ, reason=f"{ENV_VAR} is set for this session")


def write_doc(folder: Path, rel: str, text: str, ann: str = "") -> Path:
    txt = folder / rel
    txt.parent.mkdir(parents=True, exist_ok=True)
    txt.write_text(text, encoding="utf-8")
    txt.with_suffix(".ann").write_text(ann, encoding="utf-8")
    return txt


def fake_model(folder: Path) -> Path:
    (folder / "ner").mkdir(parents=True)
    (folder / "ner" / "model").write_bytes(b"")
    return folder


@pytest.fixture(autouse=True)
def no_env(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


# --- loading -----------------------------------------------------------------------------


@needs_model
@session_default
def test_session_pipeline_has_the_fine_tuned_weights(nlp, base_nlp):
    tuned = nlp.get_pipe("ner")
    assert tuned.model.to_bytes() == (DEFAULT_COMPANY_NER / "ner" / "model").read_bytes()
    assert tuned.model.to_bytes() != base_nlp.get_pipe("ner").model.to_bytes()
    assert sorted(tuned.labels) == sorted(base_nlp.get_pipe("ner").labels) == ["LOC", "MISC", "ORG", "PER"]


@needs_model
@session_default
def test_fine_tuned_ner_tags_a_company(nlp):
    doc = nlp("La société Vornelia Systems a racheté son concurrent Quentar Logistique pour 40 millions d'euros.")
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    companies = {s.text for s in doc.spans["companies"]}
    assert "Vornelia Systems" in orgs | companies
    assert "Quentar Logistique" in companies


def test_resolution_order(tmp_path, monkeypatch):
    model = fake_model(tmp_path / "m")
    assert resolve_company_ner(str(model)) == model
    assert resolve_company_ner(str(model / "ner")) == model  # the component folder itself is accepted
    for off in ("", "off", "OFF", "none"):
        assert resolve_company_ner(off) is None
    assert resolve_company_ner(None) == (DEFAULT_COMPANY_NER if HAS_MODEL else None)
    monkeypatch.setenv(ENV_VAR, "off")
    assert resolve_company_ner(None) is None
    monkeypatch.setenv(ENV_VAR, str(model))
    assert resolve_company_ner(None) == model
    assert resolve_company_ner("off") is None  # an explicit value wins over the environment


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_missing_folder_is_a_numbered_error(tmp_path, monkeypatch, where):
    path = tmp_path / where
    if where == "empty":
        path.mkdir()
    with pytest.raises(RachatError) as exc:
        resolve_company_ner(str(path))
    assert exc.value.code == "E013" and str(path) in str(exc.value)
    monkeypatch.setenv(ENV_VAR, str(path))
    with pytest.raises(RachatError, match="E013"):
        build_nlp()  # fails before any model is loaded


@pytest.fixture
def wiring(monkeypatch):
    """build_nlp with a blank stand-in for fr_core_news_md; records what load_company_ner gets."""
    calls: list[Path] = []

    def fake_load(name: str) -> spacy.language.Language:
        stand_in = spacy.blank("fr")
        for pipe in ("parser", "ner"):
            stand_in.add_pipe("rachat_test_noop", name=pipe)
        return stand_in

    monkeypatch.setattr(pipeline.annotate.spacy, "load", fake_load)
    monkeypatch.setattr(pipeline.annotate, "load_company_ner", lambda nlp, folder: calls.append(folder))
    return calls


@spacy.Language.component("rachat_test_noop")
def _noop(doc):
    return doc


def test_build_nlp_loads_by_default_and_switches_off(wiring, tmp_path, monkeypatch):
    build_nlp()
    assert wiring == ([DEFAULT_COMPANY_NER] if HAS_MODEL else [])
    wiring.clear()
    build_nlp(company_ner="off")
    build_nlp(company_ner="")
    monkeypatch.setenv(ENV_VAR, "off")
    build_nlp()
    assert wiring == []
    model = fake_model(tmp_path / "m")
    build_nlp(company_ner=str(model))
    assert wiring == [model]
    wiring.clear()
    monkeypatch.delenv(ENV_VAR)
    build_nlp("fr_core_news_sm")  # another base model: the default weights do not fit it
    assert wiring == []


# --- data split ----------------------------------------------------------------------------


def test_split_is_stable_and_about_20_10_70():
    names = [f"2017/{m:02d}/2017_{m:02d}_{d:02d}-{k:03d}.txt" for m in range(1, 13) for d in range(1, 29) for k in range(3)]
    splits = [split_of(n) for n in names]
    assert splits == [split_of(n) for n in names]
    share = {s: splits.count(s) / len(splits) for s in ("test", "dev", "train")}
    assert 0.15 < share["test"] < 0.25 and 0.06 < share["dev"] < 0.14 and 0.62 < share["train"] < 0.78


def test_split_excludes_gold_texts(tmp_path):
    import hashlib

    repo = tmp_path / "repo"  # a fake repository root with an annotations/ folder
    (repo / "annotations").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")

    folder = tmp_path / "brat"
    texts = {f"2016/0{i}/doc-{i}.txt": f"La société Exemplar {i} ouvre une usine à Lyon." for i in range(1, 10)}
    for rel, text in texts.items():
        write_doc(folder, rel, text, "T1\tOrganization 11 22\tExemplar x\n")
    (folder / "2016" / "01" / "no-ann.txt").write_text("Pas d'annotation.", encoding="utf-8")
    gold_rel = "2016/03/doc-3.txt"
    ref = {"path": str(folder / gold_rel), "sha256": hashlib.sha256(texts[gold_rel].encode()).hexdigest()}
    gold = repo / "annotations" / "g.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text_ref": ref, "events": []}) + "\n", encoding="utf-8")

    first = split_brat_docs(folder, gold_text_files(gold))
    assert first == split_brat_docs(folder, gold_text_files(gold))
    assert first["gold"] == [gold_rel]
    assert sorted(first["train"] + first["dev"] + first["test"] + first["gold"]) == sorted(texts)
    for name in ("train", "dev", "test"):
        assert gold_rel not in first[name]
        assert all(split_of(rel) == name for rel in first[name])


def test_read_train_docs(tmp_path):
    assert read_train_docs(None) == [] and read_train_docs(tmp_path) == []
    (tmp_path / TRAIN_DOCS_FILE).write_text("# header\n2016/01/a.txt\n\n2016/02/b.txt\n", encoding="utf-8")
    assert read_train_docs(tmp_path) == ["2016/01/a.txt", "2016/02/b.txt"]


@needs_model
def test_shipped_model_never_saw_gold_or_test_docs():
    seen = read_train_docs(DEFAULT_COMPANY_NER)
    assert seen and all(split_of(rel) in ("train", "dev") for rel in seen)
    gold = {p.resolve() for p in gold_text_files(REPO / "annotations")}
    winer = REPO / ".." / "shared" / "data" / "winer-fr"
    assert not {(winer / rel).resolve() for rel in seen} & gold


# --- training targets (scripts/train_company_ner.py) -----------------------------------------


def load_script():
    spec = importlib.util.spec_from_file_location("train_company_ner", REPO / "scripts" / "train_company_ner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_brat_entities_map_labels_and_keep_the_outermost():
    ann = "\n".join([
        "T1\tOrganization 0 20\tBanque de Ferlonne",
        "T2\tLocation 10 20\tFerlonne",  # nested: dropped
        "T3\tPerson 25 35\tAnne Durel",
        "T4\tDate 40 50\t3 mars 2017",  # no label in the model: dropped
        "T5\tProduct 55 60\tZorb",
        "T6\tEvent 58 70\tSalon Zorb",  # crosses T5: the first one wins
        "T7\tOrganization 80 85;90 95\tcut",  # discontinuous
        "#1\tAnnotatorNotes T1\tnote",
    ])
    ents, dropped = load_script().brat_entities(ann)
    assert ents == [(0, 20, "ORG"), (25, 35, "PER"), (55, 60, "MISC")]
    assert dropped == {"overlapping": 2, "discontinuous": 1}


def test_evaluate_ner_skips_training_docs(nlp, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline.annotate, "build_nlp", lambda *a, **k: nlp)
    folder = tmp_path / "brat"
    write_doc(folder, "2016/01/a.txt", "Le groupe Talvène rachète Orbisco .", "T1\tOrganization 10 17\tTalvène\n")
    write_doc(folder, "2016/01/b.txt", "Orbisco ouvre un site .", "T1\tOrganization 0 7\tOrbisco\n")
    model = fake_model(tmp_path / "model")
    (model / TRAIN_DOCS_FILE).write_text("2016/01/a.txt\n", encoding="utf-8")
    from pipeline.evaluate.commands import register

    app = typer.Typer()
    register(app)
    args = ["evaluate-ner", "--data", str(folder), "--company-ner", str(model), "--json"]
    held_out = CliRunner().invoke(app, args)
    assert held_out.exit_code == 0, held_out.output
    data = json.loads(held_out.output)
    assert data["n_docs"] == 1 and data["excluded_train_docs"] == 1 and data["ner"] == str(model)
    everything = json.loads(CliRunner().invoke(app, [*args, "--include-train", "--raw-ner"]).output)
    assert everything["n_docs"] == 2 and everything["excluded_train_docs"] == 0
    assert everything["scored"] == "doc.ents ORG"
    stock = json.loads(CliRunner().invoke(app, [*args[:-3], "--company-ner", "off", "--json"]).output)
    assert stock["n_docs"] == 2 and stock["excluded_train_docs"] == 0


def test_load_company_ner_rejects_a_bad_folder(tmp_path):
    blank = spacy.blank("fr")
    blank.add_pipe("ner")
    model = fake_model(tmp_path / "bad")  # an empty weights file
    from pipeline.annotate.company_ner import load_company_ner

    with pytest.raises(RachatError) as exc:
        load_company_ner(blank, model)
    assert exc.value.code == "E014"


def test_run_settings_record_the_choice():
    from pipeline.engine.settings import RunSettings

    assert RunSettings().identity()["company_ner"] is None
    assert RunSettings(company_ner="off").identity() != RunSettings().identity()


# --- company ruler with a trusted (fine-tuned) NER ------------------------------------------


def test_trusted_ner_keeps_its_boundaries(nlp, tmp_path):
    from spacy.tokens import Span

    from pipeline.annotate.companies.component import CompanyRuler

    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    doc = nlp("Le Courrier du Vallon a racheté ZX81 .")
    doc.ents = [Span(doc, 0, 4, label="ORG"), Span(doc, 6, 7, label="MISC")]
    plain = {s.text for s in CompanyRuler(nlp, str(empty)).find(doc)}
    trusted = {s.text for s in CompanyRuler(nlp, str(empty), trust_ner=True).find(doc)}
    assert "Le Courrier du Vallon" in trusted and "Le Courrier du Vallon" not in plain  # no article trimmed
    assert "ZX81" in plain and "ZX81" not in trusted  # the shape rule does not override the trusted NER
