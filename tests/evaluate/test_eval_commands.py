"""The evaluate command on a run folder written by the test (typer app built here, as the main CLI does)."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
import typer
from evalkit import pev, write_jsonl, write_run
from typer.testing import CliRunner

from pipeline.errors import RachatError
from pipeline.evaluate.commands import register

GOLD = [
    {
        "id": "d1",
        "text": "Orange rachète Cloudwatt à Thales. Free rachète Oui.",
        "split": "dev",
        "events": [
            {
                "type": "acquisition",
                "owner": ["Orange"],
                "target": ["Cloudwatt"],
                "seller": ["Thales"],
                "stake": None,
                "status": "completed",
            }
        ],
    },
    {"id": "d2", "text": "Rien à signaler.", "split": "test", "events": []},
]


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


@pytest.fixture
def files(repo: Path) -> tuple[Path, Path]:
    gold = write_jsonl(repo / "annotations" / "g.jsonl", GOLD)
    run = write_run(
        repo / "run",
        [
            pev("d1", "acquisition", "Orange SA", "Cloudwatt", "Thales", event_id="e1"),
            pev("d1", "acquisition", "Free", "Oui", event_id="e2", status="pending"),
        ],
        mentions=[
            {
                "event_id": "e2",
                "doc_id": "d1",
                "event_type": "acquisition",
                "sentence": "Free rachète Oui.",
                "sentence_start": 35,
                "trigger": "rachète",
                "trigger_start": 40,
            }
        ],
    )
    return gold, run


def invoke(app: typer.Typer, *args: str):
    # the lead's CLI catches RachatError; here it propagates as the exception of the result
    return CliRunner().invoke(app, list(args), catch_exceptions=True)


def test_evaluate_json(app, files):
    gold, run = files
    result = invoke(app, "evaluate", "--gold", str(gold), "--pred", str(run), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    # 1 right of 2 predicted, 1 gold: P 0.5, R 1, F1 2/3
    assert data["core"] == {"tp": 1, "n_pred": 2, "n_gold": 1, "precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert data["hard_negatives"] == {"correct": 1, "total": 1, "accuracy": 1.0}


def test_evaluate_split_and_errors(app, files):
    gold, run = files
    result = invoke(app, "evaluate", "--gold", str(gold), "--pred", str(run), "--split", "test", "--json")
    data = json.loads(result.output)
    assert data["n_docs"] == 1 and data["core"]["n_gold"] == 0 and data["core"]["n_pred"] == 0
    result = invoke(app, "evaluate", "--gold", str(gold), "--pred", str(run), "--errors")
    assert result.exit_code == 0, result.output
    assert "FALSE POSITIVE d1: acquisition Free -> Oui" in result.output
    assert "« Free rachète Oui. »" in result.output
    assert "core (type+owner+target)" in result.output


def test_evaluate_errors_json_lists_miss(app, repo, files):
    gold, _ = files
    empty = write_run(repo / "empty", [])
    data = json.loads(invoke(app, "evaluate", "--gold", str(gold), "--pred", str(empty), "--json", "--errors").output)
    [miss] = data["errors"]
    assert miss["kind"] == "miss" and miss["doc_id"] == "d1" and miss["gold"]["seller"] == ["Thales"]


def test_evaluate_bad_options(app, files, repo):
    gold, run = files
    result = invoke(app, "evaluate", "--gold", str(gold))
    assert isinstance(result.exception, RachatError) and result.exception.code == "E035"
    result = invoke(app, "evaluate", "--gold", str(gold), "--pred", str(repo / "nowhere"))
    assert isinstance(result.exception, RachatError) and result.exception.code == "E011"
    result = invoke(app, "evaluate", "--gold", str(gold), "--pred", str(run), "--split", "train")
    assert isinstance(result.exception, RachatError) and result.exception.code == "E031"


def test_evaluate_run_builds_articles_from_gold(app, files, monkeypatch, repo):
    gold, _ = files
    seen: dict[str, object] = {}

    def fake_run_pipeline(articles, out, **settings):
        articles = list(articles)
        seen["articles"] = [(a.doc_id, a.text) for a in articles]
        write_run(Path(out), [pev("d1", "acquisition", "Orange", "Cloudwatt", "Thales", event_id="e1")])
        return {}

    monkeypatch.setitem(sys.modules, "pipeline.engine", types.SimpleNamespace(run_pipeline=fake_run_pipeline))
    out = repo / "evalrun"
    result = invoke(app, "evaluate", "--gold", str(gold), "--run", "--out", str(out), "--split", "dev", "--json")
    assert result.exit_code == 0, result.output
    assert seen["articles"] == [("d1", GOLD[0]["text"])]
    assert json.loads(result.output)["full"]["f1"] == 1.0
    assert (out / "events.parquet").is_file()
