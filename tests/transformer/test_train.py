"""Two-step training round trips for both tasks, on data the test writes, reloaded from disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.errors import RachatError

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from pipeline.annotate.transformer.ner import TokenClassifierRunner  # noqa: E402
from pipeline.annotate.transformer.status import STATUS_LABELS, StatusClassifier  # noqa: E402
from pipeline.annotate.transformer.train import TrainSettings, ner_examples, train  # noqa: E402

pytestmark = pytest.mark.trf

BRAT = [
    (
        "2016_01_04-001",
        "Orange rachète Cloudwatt à Thales .",
        ["Organization 0 6", "Organization 15 24", "Organization 27 33"],
    ),
    ("2016_01_04-002", "La Caisse des dépôts cède ses parts .", ["Organization 3 20", "Organization 10 20"]),
    ("2016_01_05-001", "Free annonce l'acquisition de Jaguar Network .", ["Organization 0 4", "Organization 30 44"]),
    ("2016_01_05-002", "Iliad renonce à son offre sur T-Mobile US .", ["Organization 0 5", "Organization 30 42"]),
    ("2016_01_06-001", "Vivendi prend 6,6 % d'Ubisoft .", ["Organization 0 7", "Person 22 29"]),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    for stem, text, anns in BRAT:
        folder = tmp_path / "winer" / "2016" / "01"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.txt").write_text(text + "\n", encoding="utf-8")
        lines = [f"T{i}\t{a}\t{text[int(a.split()[1]) : int(a.split()[2])]}" for i, a in enumerate(anns, start=1)]
        (folder / f"{stem}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gold = tmp_path / "annotations"
    gold.mkdir()
    (gold / "events-test.jsonl").write_text(
        json.dumps({"id": "winer-2016_01_05-002", "events": []}) + "\n", encoding="utf-8"
    )
    dev = [
        {
            "id": "dev-1",
            "text": "Orange rachète Cloudwatt à Thales. Le temps est beau. Il pleut. Le ciel est bleu.",
            "events": [
                {
                    "type": "acquisition",
                    "owner": ["Orange"],
                    "target": ["Cloudwatt"],
                    "seller": ["Thales"],
                    "status": "completed",
                }
            ],
        },
        {
            "id": "dev-2",
            "text": "Selon la presse, Vivendi pourrait racheter Ubisoft. Les jeux vidéo se vendent bien.",
            "events": [{"type": "acquisition", "owner": ["Vivendi"], "target": ["Ubisoft"], "status": "rumored"}],
        },
        {
            "id": "dev-3",
            "text": "Iliad renonce à racheter T-Mobile US. Le marché est calme. Free a un nouveau forfait.",
            "events": [{"type": "acquisition", "owner": ["Iliad"], "target": ["T-Mobile US"], "status": "cancelled"}],
        },
    ]
    (gold / "events-dev.jsonl").write_text(
        "\n".join(json.dumps(d, ensure_ascii=False) for d in dev) + "\n", encoding="utf-8"
    )
    return tmp_path


def settings(workspace: Path, tiny_encoder: Path, task: str, **kw: object) -> TrainSettings:
    base = {
        "base": str(tiny_encoder),
        "out": str(workspace / "models" / f"tiny-{task}"),
        "task": task,
        "max_steps": 2,
        "batch_size": 2,
        "lr": 1e-3,
        "device": "cpu",
        "max_length": 16,
        "stride": 4,
        "heldout": 0.3,
        "winer_dir": str(workspace / "winer"),
        "gold_dir": str(workspace / "annotations"),
        "command": f"train_transformer.py --task {task}",
    }
    base.update(kw)
    return TrainSettings(**base)  # type: ignore[arg-type]


def test_ner_labels_sit_on_first_pieces(tiny_encoder: Path) -> None:
    from transformers import AutoTokenizer

    from pipeline.annotate.transformer.data import NerDoc

    tokenizer = AutoTokenizer.from_pretrained(str(tiny_encoder), local_files_only=True)
    text = "La Caisse des dépôts cède AT&T ."
    doc = NerDoc("d", Path("d.txt"), text, [(3, 20), (26, 30)])
    ((ids, labels),) = ner_examples([doc], tokenizer, max_length=64, stride=4)
    pieces = tokenizer.convert_ids_to_tokens(ids)
    carried = [(p, lab) for p, lab in zip(pieces, labels, strict=True) if lab != -100]
    # one label per word (La Caisse des dépôts cède AT & T .), on its first piece only
    assert [lab for _, lab in carried] == [0, 1, 2, 2, 0, 1, 2, 2, 0]
    assert not any(p.startswith("##") for p, _ in carried)
    assert [p for p, _ in carried][1:4] == ["Caisse", "des", "dépôts"]
    assert all(lab == -100 for p, lab in zip(pieces, labels, strict=True) if p.startswith("##"))
    assert labels[0] == labels[-1] == -100  # [CLS], [SEP]


def test_ner_training_round_trip(workspace: Path, tiny_encoder: Path) -> None:
    report = train(settings(workspace, tiny_encoder, "ner"))
    out = workspace / "models" / "tiny-ner"
    assert report["training"]["steps"] == 2
    assert report["data"]["excluded_test_documents"] == ["winer-2016_01_05-002"]
    assert report["data"]["documents"] == 4
    assert report["data"]["nested_dropped"] == 1
    assert report["data"]["train_documents"] + report["data"]["heldout_documents"] == 4
    card = (out / "model_card.md").read_text(encoding="utf-8")
    assert "winer-" not in card.split("## Data")[0]  # no document list in the header
    assert "excluded (event test split" in card and str(tiny_encoder) in card
    runner = TokenClassifierRunner.from_path(out, max_length=16, stride=4)
    assert runner.model.config.id2label == {0: "O", 1: "B-ORG", 2: "I-ORG"}
    assert len(runner.predict_words(["Orange rachète Cloudwatt ."])[0]) == 4
    with pytest.raises(RachatError, match="E079"):
        train(settings(workspace, tiny_encoder, "ner"))
    train(settings(workspace, tiny_encoder, "ner", overwrite=True, heldout=0.0))
    card = (out / "model_card.md").read_text(encoding="utf-8")
    assert "held-out part is empty" in card


def test_ner_without_test_split_says_so(workspace: Path, tiny_encoder: Path) -> None:
    (workspace / "annotations" / "events-test.jsonl").unlink()
    report = train(settings(workspace, tiny_encoder, "ner"))
    assert report["data"]["documents"] == 5
    card = (workspace / "models" / "tiny-ner" / "model_card.md").read_text(encoding="utf-8")
    assert "excluded: none, because no `*-test.jsonl`" in card


def test_status_training_round_trip(workspace: Path, tiny_encoder: Path) -> None:
    report = train(settings(workspace, tiny_encoder, "status", heldout=0.5, max_length=32))
    assert report["training"]["steps"] == 2
    labels = report["data"]["labels"]
    assert labels["completed"] == 1 and labels["rumored"] == 1 and labels["cancelled"] == 1
    assert labels["no-event"] >= 4
    classifier = StatusClassifier(workspace / "models" / "tiny-status")
    assert classifier.labels == list(STATUS_LABELS)
    ((label, prob),) = classifier.predict(["Orange renonce à Cloudwatt ."])
    assert label in STATUS_LABELS and 0 < prob <= 1
    assert "Held-out metrics" in (workspace / "models" / "tiny-status" / "model_card.md").read_text(encoding="utf-8")


def test_status_without_gold_and_unknown_task(workspace: Path, tiny_encoder: Path) -> None:
    with pytest.raises(RachatError, match="E077"):
        train(settings(workspace, tiny_encoder, "status", gold_dir=str(workspace / "nothing")))
    with pytest.raises(RachatError, match="E078"):
        train(settings(workspace, tiny_encoder, "pos"))
    with pytest.raises(RachatError, match="E020"):
        train(settings(workspace, workspace / "no-model", "ner"))
