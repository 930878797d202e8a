"""The ``rachat`` command line, end to end on small files written by the tests.

The model is the session's (``build_nlp`` is patched to return it) so each command does not
load it again; one test runs the installed console script in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.schema import SCHEMA_VERSION

# DESIGN.md, "Output: one folder per run": these names are a contract
EVENT_COLUMNS = [
    "event_id", "doc_id", "event_type", "owner", "target", "seller", "stake_pct", "amount", "currency",
    "status", "confidence", "n_mentions", "evidence", "url", "published", "title",
]  # fmt: skip
MENTION_COLUMNS = [
    "mention_id", "event_id", "doc_id", "sentence", "sentence_start", "trigger", "trigger_start",
    "owner_start", "target_start", "seller_start", "status_cue", "rule",
]  # fmt: skip
ARTICLE_COLUMNS = ["doc_id", "source", "url", "title", "published", "lang", "n_chars", "state", "n_events"]

LINKEDIN = "Microsoft a racheté LinkedIn pour 26,2 milliards de dollars. Le rachat a été finalisé en décembre."
NUMERGY = (
    "Numericable-SFR prend le contrôle de Numergy.\n"
    "L'opérateur récupère la part d'Atos (20 %) et celle de la Caisse des dépôts et consignations (33 %)."
)
MISTRAL = "Mistral AI lève 105 millions d'euros auprès de Bpifrance."
CLOUDWATT = "Atos a pris le contrôle de CloudWatt.\nIl rachète les parts détenues par Thales et par la Caisse des dépôts."
BOURSE = "La Bourse de Paris a terminé la séance en légère hausse, portée par les valeurs technologiques."

runner = CliRunner()


@pytest.fixture
def shared_model(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    import pipeline.annotate

    monkeypatch.setattr(pipeline.annotate, "build_nlp", lambda *args, **kwargs: nlp)
    return nlp


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[list[Path], dict[str, int]]:
    """A JSONL with a malformed line, a ';' CSV, a Parquet file and a folder of .txt with an empty one."""
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "linkedin", "title": "Microsoft s'offre LinkedIn", "text": LINKEDIN, "url": "https://ex.fr/li"}, ensure_ascii=False)
        + "\n{\"id\": \"cut\", \"text\": \"Orange rach\n"
        + json.dumps({"id": "bourse", "text": BOURSE}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "table.csv"
    table.write_text(f"id;texte\nmistral;{MISTRAL}\n", encoding="utf-8")
    parquet = tmp_path / "dump.parquet"
    pq.write_table(pa.table({"doc_id": ["numergy-pq"], "text": [NUMERGY]}), parquet)
    folder = tmp_path / "txt"
    folder.mkdir()
    (folder / "cloudwatt.txt").write_text(CLOUDWATT, encoding="utf-8")
    (folder / "vide.txt").write_text("", encoding="utf-8")
    expected = {"read": 7, "quarantined": 2, "articles": 5}
    return [dump, table, parquet, folder], expected


def extract_args(paths: list[Path], out: Path) -> list[str]:
    args = ["extract", *map(str, paths), "--out", str(out)]
    help_text = runner.invoke(app, ["extract", "--help"]).output
    if "--workers" in help_text:
        args += ["--workers", "1"]
    return args


def rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as dicts, missing values (None or NaN, whatever the pandas version) as None."""
    return [{k: (None if v is None or v != v else v) for k, v in row.items()} for row in frame.to_dict("records")]


def schema_metadata(path: Path) -> dict[bytes, bytes]:
    """The key-value metadata of a table written as one file or as a folder of parts."""
    file = path if path.is_file() else sorted(path.rglob("*.parquet"))[0]
    return pq.read_schema(file).metadata or {}


@pytest.fixture
def run_dir(shared_model: Language, inputs: tuple[list[Path], dict[str, int]], tmp_path: Path) -> Path:
    out = tmp_path / "run"
    result = runner.invoke(app, extract_args(inputs[0], out))
    assert result.exit_code == 0, result.output
    return out


def test_extract_writes_the_run_folder(run_dir: Path) -> None:
    for name in ("events.parquet", "mentions.parquet", "articles.parquet", "quarantine.jsonl", "run.json"):
        assert (run_dir / name).exists(), name
    events = pd.read_parquet(run_dir / "events.parquet")
    mentions = pd.read_parquet(run_dir / "mentions.parquet")
    arts = pd.read_parquet(run_dir / "articles.parquet")
    assert set(EVENT_COLUMNS) <= set(events.columns), set(EVENT_COLUMNS) - set(events.columns)
    assert set(MENTION_COLUMNS) <= set(mentions.columns)
    assert set(ARTICLE_COLUMNS) <= set(arts.columns)
    for table in ("events", "mentions", "articles"):
        assert schema_metadata(run_dir / f"{table}.parquet")[b"rachat.schema_version"] == SCHEMA_VERSION.encode()

    got = {(r["doc_id"], r["event_type"], r["owner"], r["target"], r["seller"]) for r in rows(events)}
    assert ("linkedin", "acquisition", "Microsoft", "LinkedIn", None) in got
    assert ("mistral", "investment", "Bpifrance", "Mistral AI", None) in got
    assert {seller for d, _, _, _, seller in got if d == "numergy-pq"} == {"Atos", "Caisse des dépôts et consignations"}
    assert {seller for d, _, _, _, seller in got if d == "cloudwatt"} == {"Thales", "Caisse des dépôts"}
    linkedin = events[events.doc_id == "linkedin"].iloc[0]
    assert linkedin.amount == pytest.approx(26.2e9) and linkedin.currency == "USD"
    assert linkedin.url == "https://ex.fr/li" and linkedin.title == "Microsoft s'offre LinkedIn"
    assert set(mentions.event_id) == set(events.event_id)
    assert not events[events.doc_id == "bourse"].shape[0]


def test_counts_reconcile_with_the_quarantine(run_dir: Path, inputs: tuple[list[Path], dict[str, int]]) -> None:
    expected = inputs[1]
    manifest = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert counts["read"] == expected["read"]
    assert counts["read"] == counts["processed"] + counts["skipped"] + counts["quarantined"]
    assert counts["quarantined"] == expected["quarantined"]
    assert str(manifest.get("schema_version")) == SCHEMA_VERSION
    quarantine = [json.loads(line) for line in (run_dir / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(quarantine) == expected["quarantined"]
    assert any(q["location"].endswith("dump.jsonl:2") and "JSON" in q["reason"] for q in quarantine)
    assert any(q["location"].endswith("vide.txt") for q in quarantine)
    arts = pd.read_parquet(run_dir / "articles.parquet")
    assert len(arts) == counts["processed"] + counts["skipped"] == expected["articles"]
    events = pd.read_parquet(run_dir / "events.parquet")
    assert arts.set_index("doc_id")["n_events"].to_dict() == events.groupby("doc_id").size().reindex(arts.doc_id, fill_value=0).to_dict()


def test_summary_prints_the_events(run_dir: Path) -> None:
    result = runner.invoke(app, ["summary", str(run_dir)])
    assert result.exit_code == 0, result.output
    for text in ("Microsoft", "LinkedIn", "Mistral AI", "Numergy", "acquisition", "investment"):
        assert text in result.output
    assert "read=7" in result.output.replace(" ", "")


def test_show_a_text_file(shared_model: Language, tmp_path: Path) -> None:
    from pipeline.engine import process_article
    from pipeline.schema import Article

    path = tmp_path / "linkedin.txt"
    path.write_text(LINKEDIN, encoding="utf-8")
    result = runner.invoke(app, ["show", str(path)])
    assert result.exit_code == 0, result.output
    _, mentions = process_article(shared_model, Article(doc_id="linkedin", text=LINKEDIN))
    output = " ".join(result.output.split())
    assert mentions
    for m in mentions:
        assert m.rule in output
        assert " ".join(m.sentence.split()) in output


def test_show_a_doc_of_a_run(run_dir: Path) -> None:
    result = runner.invoke(app, ["show", "linkedin", "--run", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert "Microsoft" in result.output and "LinkedIn" in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["extract", "{tmp}/nulle-part.jsonl", "--out", "{tmp}/run"], "E001"),
        (["extract", "{tmp}/dump.xlsx", "--out", "{tmp}/run"], "E002"),
        (["extract", "{tmp}/ok.txt", "--out", "{tmp}/run", "--field", "texte=body"], "E004"),
        (["summary", "{tmp}/pas-un-run"], "E011"),
    ],
)
def test_user_mistakes_print_one_line_and_exit_2(tmp_path: Path, args: list[str], code: str) -> None:
    (tmp_path / "dump.xlsx").write_bytes(b"PK")
    (tmp_path / "ok.txt").write_text(MISTRAL, encoding="utf-8")
    (tmp_path / "pas-un-run").mkdir()
    result = runner.invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"error [{code}]")
    assert "Traceback" not in result.output
    assert not (tmp_path / "run").exists()


def test_extract_refuses_a_non_empty_output_folder(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(MISTRAL, encoding="utf-8")
    out = tmp_path / "run"
    out.mkdir()
    (out / "events.parquet").write_bytes(b"old run")
    result = runner.invoke(app, ["extract", str(tmp_path / "ok.txt"), "--out", str(out)])
    assert result.exit_code == 2 and "[E006]" in result.output
    assert (out / "events.parquet").read_bytes() == b"old run"


@pytest.mark.slow
def test_console_script_missing_path(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("rachat")
    if not script.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    missing = tmp_path / "absent.jsonl"
    proc = subprocess.run([str(script), "extract", str(missing), "--out", str(tmp_path / "run")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines and lines[0].startswith("error [E001]") and str(missing) in " ".join(lines)
    assert "Traceback" not in proc.stderr + proc.stdout
