"""scripts/gold_agreement.py: one annotator's gold scored against another's."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def agreement() -> Any:
    spec = importlib.util.spec_from_file_location("gold_agreement", REPO / "scripts" / "gold_agreement.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


def _event(owner: list[str], target: list[str], stake: float | None = None, status: str = "completed") -> dict[str, Any]:
    return {"type": "acquisition", "owner": owner, "target": target, "seller": None, "stake": stake, "status": status}


TEXT = "Le groupe Alpha Conseil a racheté Beta Logiciels, puis Gamma a pris 10 % de Delta."


def _scores(agreement: Any, tmp_path: Path, first: list[Any], second: list[Any], capsys: Any) -> dict[str, Any]:
    a = _write(tmp_path / "a.jsonl", [{"id": "d1", "text": TEXT, "events": first}])
    b = _write(tmp_path / "b.jsonl", [{"id": "d1", "text": TEXT, "events": second}])
    assert agreement.main([str(a), str(b), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_same_events_with_other_spellings_agree(agreement: Any, tmp_path: Path, capsys: Any) -> None:
    first = [_event(["Alpha Conseil", "groupe Alpha Conseil"], ["Beta Logiciels"])]
    second = [_event(["groupe Alpha Conseil"], ["Beta", "Beta Logiciels"])]
    scores = _scores(agreement, tmp_path, first, second, capsys)
    assert scores["core"]["f1"] == 1.0 and scores["full"]["f1"] == 1.0


def test_other_company_or_status_disagrees(agreement: Any, tmp_path: Path, capsys: Any) -> None:
    first = [_event(["Alpha Conseil"], ["Beta Logiciels"]), _event(["Gamma"], ["Delta"], stake=10.0)]
    second = [_event(["Gamma"], ["Beta Logiciels"]), _event(["Gamma"], ["Delta"], stake=10.0, status="pending")]
    scores = _scores(agreement, tmp_path, first, second, capsys)
    assert scores["core"]["tp"] == 1 and scores["core"]["n_pred"] == 2 and scores["core"]["n_gold"] == 2
    assert scores["full"]["tp"] == 0


def test_documents_in_one_file_only_are_left_out(agreement: Any, tmp_path: Path, capsys: Any) -> None:
    a = _write(tmp_path / "a.jsonl", [{"id": "d1", "text": TEXT, "events": [_event(["Gamma"], ["Delta"])]}])
    b = _write(tmp_path / "b.jsonl", [{"id": "d2", "text": TEXT, "events": []}])
    assert agreement.main([str(a), str(b)]) == 1
    assert "no document is in both files" in capsys.readouterr().err
