"""The learned pair model (``pipeline/extract/pairs.py``): its features, its distant labels, its
fitting, how ``extract`` uses it (additions and veto), and how a run finds it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.engine import run_pipeline
from pipeline.errors import RachatError
from pipeline.evaluate.gold import GoldEvent
from pipeline.extract import extract, rule_mentions
from pipeline.extract.pair_training import Instance, doc_instances, fit, gold_label
from pipeline.extract.pairs import (
    NONE,
    RULE,
    WEIGHTS_FILE,
    PairModel,
    load_pair_model,
    pair_candidates,
    resolve_pair_model_path,
    sentence_pairs,
)
from pipeline.schema import Article

# our own sentences: the rules link Orange and Cloudwatt, and leave Bouygues Telecom alone
BOUGHT = "Orange a racheté Cloudwatt l'an dernier, malgré l'offre de Bouygues Telecom."
TWO_HOLDINGS = "Vivendi détient 25 % d'Ubisoft, tandis que Bolloré contrôle Vivendi."


def _pairs(nlp: Language, text: str) -> dict[tuple[str, str], tuple[list[str], bool]]:
    doc = nlp(text)
    out = {}
    for sent, triggers, args, found in rule_mentions(doc):
        for a, b, feats, linked in sentence_pairs(doc, sent, triggers, args, found):
            out[(a.text, b.text)] = (feats, linked)
    return out


def always(label: str, threshold: float = 0.5, veto: float | None = None) -> PairModel:
    """A model that gives ``label`` to every pair, whatever its features."""
    weights = {lab: {"bias": 8.0 if lab == label else 0.0} for lab in ("none", "acquisition", "holding", "investment", "merger")}
    return PairModel(weights, threshold, {}, veto)


def test_every_ordered_pair_is_scored_and_the_rules_links_are_marked(nlp: Language) -> None:
    pairs = _pairs(nlp, BOUGHT)
    assert pairs[("Orange", "Cloudwatt")][1] and pairs[("Cloudwatt", "Orange")][1]
    assert not pairs[("Orange", "Bouygues Telecom")][1]
    feats = pairs[("Orange", "Cloudwatt")][0]
    assert "frame=buy" in feats and "order=ATB" in feats and "ruleA=owner:acquisition" in feats and "ruleB=target:acquisition" in feats
    # the features describe the construction, never the names
    assert not any(name in f for f in feats for name in ("Orange", "Cloudwatt", "Bouygues"))


def test_the_same_name_twice_is_no_pair(nlp: Language) -> None:
    pairs = _pairs(nlp, TWO_HOLDINGS)
    assert ("Vivendi", "Vivendi") not in pairs
    assert ("Bolloré", "Vivendi") in pairs and ("Vivendi", "Ubisoft") in pairs


def test_a_person_is_never_a_target_and_descriptions_are_left_to_the_rules() -> None:
    from pipeline.extract import Arg

    niel = Arg(0, 2, "Xavier Niel", "person", None, "bare")
    iliad = Arg(4, 5, "Iliad", "company", None, "bare")
    group = Arg(7, 9, "le groupe", "company", "description", "de")
    again = Arg(10, 11, "iliad", "company", None, "de")
    assert pair_candidates([niel, iliad, group, again]) == [(niel, iliad), (niel, again)]


@pytest.mark.parametrize(
    ("owner", "target", "nearest", "expected"),
    [
        ("Orange", "Cloudwatt", "acquisition", "acquisition"),
        ("Cloudwatt", "Orange", "acquisition", NONE),  # direction matters
        ("Orange SA", "Cloudwatt", "holding", "holding"),  # names match as in scoring; the nearest trigger's type wins
        ("Peugeot", "Fiat", "acquisition", "merger"),  # a merger matches in either order
        ("Orange", "Numergy", "acquisition", NONE),
    ],
)
def test_distant_labels_come_from_the_documents_gold(owner: str, target: str, nearest: str, expected: str) -> None:
    gold = [
        GoldEvent("acquisition", ("Orange",), ("Cloudwatt",)),
        GoldEvent("holding", ("Orange",), ("Cloudwatt",)),
        GoldEvent("merger", ("Fiat",), ("Peugeot",)),
        GoldEvent("acquisition", None, ("Numergy",)),
    ]
    assert gold_label(owner, target, gold, nearest) == expected


def test_doc_instances_label_the_pairs_of_a_parsed_text(nlp: Language) -> None:
    doc = nlp(BOUGHT)
    inst = doc_instances("d1", doc, [GoldEvent("acquisition", ("Orange",), ("Cloudwatt",))])
    labels = {i.label for i in inst}
    assert labels == {"acquisition", NONE}
    assert sum(i.label == "acquisition" for i in inst) == 1


def test_fit_learns_which_features_mark_each_type() -> None:
    inst = (
        [Instance("a", ["bias", "frame=buy", "A_on_T=dep:nsubj|buy"], "acquisition", False)] * 8
        + [Instance("b", ["bias", "frame=hold", "A_on_T=dep:nsubj|hold"], "holding", False)] * 8
        + [Instance("c", ["bias", "frame=buy", "A_on_T=far|buy"], NONE, False)] * 8
    )
    model = fit(inst, threshold=0.6, c=10.0)
    assert set(model.weights) == {"acquisition", "holding", NONE}
    assert model.meta["labels"] == {NONE: 8, "acquisition": 8, "holding": 8}
    p = model.probabilities(["bias", "frame=buy", "A_on_T=dep:nsubj|buy"])
    assert max(p, key=p.__getitem__) == "acquisition" and p["acquisition"] > 0.6
    p = model.probabilities(["bias", "frame=buy", "A_on_T=far|buy"])
    assert max(p, key=p.__getitem__) == NONE
    assert abs(sum(p.values()) - 1.0) < 1e-9
    # two labels: scikit-learn keeps one row of weights; both come back
    binary = fit(inst[8:], threshold=0.5, c=10.0)
    q = binary.probabilities(["bias", "frame=hold", "A_on_T=dep:nsubj|hold"])
    assert q["holding"] > 0.9
    with pytest.raises(ValueError, match="label"):
        fit(inst[:8], threshold=0.5)


def test_extract_adds_the_pairs_the_rules_left_and_keeps_theirs(nlp: Language) -> None:
    doc = nlp(BOUGHT)
    rules = [(m.event_type, [a.text for a in m.owners], [a.text for a in m.targets]) for _, m in extract(doc)]
    with_model = extract(doc, always("holding"))
    added = [m for _, m in with_model if m.rule.startswith(RULE)]
    assert [(m.event_type, [a.text for a in m.owners], [a.text for a in m.targets]) for _, m in with_model if not m.rule.startswith(RULE)] == rules
    # one mention per unordered pair the rules left unlinked: Orange/Bouygues Telecom, Cloudwatt/Bouygues Telecom
    assert len(added) == 2
    assert {frozenset((m.owners[0].text, m.targets[0].text)) for m in added} == {frozenset(("Orange", "Bouygues Telecom")), frozenset(("Cloudwatt", "Bouygues Telecom"))}
    assert all(m.event_type == "holding" and m.frame == "hold" and m.rule == f"{RULE}.hold" for m in added)
    # under the threshold, nothing is added
    assert not [m for _, m in extract(doc, always("holding", threshold=1.01)) if m.rule.startswith(RULE)]


def test_a_model_pair_gets_the_stake_of_its_sentence(nlp: Language) -> None:
    doc = nlp("Vivendi détient 25 % du capital d'Ubisoft, malgré l'avis de Bpifrance.")
    added = [m for _, m in extract(doc, always("holding")) if m.rule.startswith(RULE)]
    assert added
    vivendi_ubisoft = [m for _, m in extract(doc) if [a.text for a in m.owners] == ["Vivendi"]]
    assert vivendi_ubisoft and vivendi_ubisoft[0].stake == 25.0  # the rules' own mention
    bpi = [m for m in added if {m.owners[0].text, m.targets[0].text} == {"Bpifrance", "Ubisoft"}]
    assert len(bpi) == 1 and bpi[0].stake == 25.0


def test_the_veto_drops_rule_mentions_the_model_rejects(nlp: Language) -> None:
    doc = nlp(BOUGHT)
    assert [m for _, m in extract(doc) if m.owners]
    assert not [m for _, m in extract(doc, always(NONE, veto=0.9)) if m.owners and m.targets]
    # without a veto, the rules' mentions stay whatever the model says
    assert [m for _, m in extract(doc, always(NONE)) if m.owners and m.targets]


def test_model_files_and_their_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = always("acquisition", threshold=0.7, veto=0.95)
    folder = tmp_path / "pm"
    folder.mkdir()
    (folder / WEIGHTS_FILE).write_text(json.dumps(model.to_json()), encoding="utf-8")
    assert load_pair_model(str(folder)) == model
    monkeypatch.delenv("RACHAT_PAIR_MODEL", raising=False)
    assert resolve_pair_model_path(None) is None  # opt-in: no model unless asked
    assert resolve_pair_model_path("off") is None
    assert resolve_pair_model_path(str(folder)) == folder
    monkeypatch.setenv("RACHAT_PAIR_MODEL", str(folder))
    assert resolve_pair_model_path(None) == folder
    with pytest.raises(RachatError, match=r"\[E015\].*nulle-part"):
        resolve_pair_model_path(str(tmp_path / "nulle-part"))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / WEIGHTS_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(RachatError, match=r"\[E016\].*broken"):
        load_pair_model(str(broken))


def test_extract_command_refuses_a_missing_pair_model(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BOUGHT, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "run"), "--pair-model", str(tmp_path / "nulle-part")])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error [E015]")
    assert not (tmp_path / "run").exists()


def test_a_run_with_a_pair_model_writes_its_mentions_and_records_it(nlp: Language, tmp_path: Path) -> None:
    folder = tmp_path / "pm"
    folder.mkdir()
    (folder / WEIGHTS_FILE).write_text(json.dumps(always("holding").to_json()), encoding="utf-8")
    articles = [Article(doc_id="a1", text=BOUGHT + "\n\nLe reste de l'article parle d'autre chose.")]
    manifest = run_pipeline(articles, tmp_path / "run", nlp=nlp, pair_model=str(folder))
    mentions = pd.read_parquet(tmp_path / "run" / "mentions.parquet")
    assert (mentions["rule"] == f"{RULE}.hold").sum() == 2
    assert manifest["model"]["pair_model"] == str(folder)
    assert manifest["settings"]["pair_model"] == str(folder)
    plain = run_pipeline(articles, tmp_path / "plain", nlp=nlp)
    assert not pd.read_parquet(tmp_path / "plain" / "mentions.parquet")["rule"].str.startswith(RULE).any()
    assert plain["model"]["pair_model"] is None
