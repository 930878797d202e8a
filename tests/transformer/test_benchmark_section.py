"""scripts/benchmark_trf.py rewrites only its own section of docs/BENCHMARKS.md, and reads tar members."""

from __future__ import annotations

import importlib.util
import io
import json
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "benchmark_trf.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_trf", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_section_is_created_then_replaced_in_place(bench: ModuleType, tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    doc.write_text("# Benchmarks\n\n## Parsing\n\nrules: 7,000 words/s\n", encoding="utf-8")
    bench.update_section(doc, "first run")
    bench.update_section(doc, "second run")
    text = doc.read_text(encoding="utf-8")
    assert text.count(bench.START) == 1 and "first run" not in text and "second run" in text
    assert text.startswith("# Benchmarks\n\n## Parsing\n\nrules: 7,000 words/s\n")
    doc.write_text(text + "\n## Later section\n\nkept\n", encoding="utf-8")
    bench.update_section(doc, "third run")
    assert doc.read_text(encoding="utf-8").endswith("third run\n<!-- trf:end -->\n\n## Later section\n\nkept\n")
    missing = tmp_path / "new" / "BENCHMARKS.md"
    bench.update_section(missing, "only")
    assert "## Transformer inference" in missing.read_text(encoding="utf-8")


def test_sentences_from_a_tar_of_json_articles(bench: ModuleType, tmp_path: Path) -> None:
    archive = tmp_path / "parsed.tar.gz"
    articles = [
        {"title": "t", "article": "Orange rachète Cloudwatt pour un prix secret.Le groupe confirme la vente hier."},
        {"title": "vide", "article": ""},
        {"title": "t2", "article": "Court. Free annonce le rachat de Jaguar Network à Lyon."},
    ]
    with tarfile.open(archive, "w:gz") as tf:
        for i, record in enumerate(articles):
            data = json.dumps(record).encode("utf-8")
            info = tarfile.TarInfo(f"parsed/{i}.json")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    sentences, n_articles = bench.orangesum_sentences(archive, n=10)
    assert sentences == [
        "Orange rachète Cloudwatt pour un prix secret.",
        "Le groupe confirme la vente hier.",
        "Free annonce le rachat de Jaguar Network à Lyon.",
    ]
    assert n_articles == 2
    assert bench.orangesum_sentences(archive, n=1)[0] == sentences[:1]
