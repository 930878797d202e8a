"""evaluate-ner: brat ORG spans, strict / partial scoring, and one run of the real pipeline on a tiny folder."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer
from evalkit import write_jsonl
from typer.testing import CliRunner

from pipeline.evaluate.ner import SpanScores, evaluate_ner, iter_brat, match_spans, parse_ann_spans

# My own sentence, written in WiNER-fr's pre-tokenised style.
TEXT = "Le groupe Orange a racheté Cloudwatt à Thales , selon la Caisse des dépôts ."


def span(word: str) -> tuple[int, int]:
    s = TEXT.index(word)
    return s, s + len(word)


def write_brat(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, (word, label) in enumerate(
        [
            ("Orange", "Organization"),
            ("Cloudwatt", "Organization"),
            ("Thales", "Organization"),
            ("Caisse des dépôts", "Organization"),
            ("Le groupe", "Person"),
        ],
        start=1,
    ):
        s, e = span(word)
        lines.append(f"T{i}\t{label} {s} {e}\t{word}")
    lines.append("T9\tOrganization 0 2;10 16\tLe Orange")  # discontinuous: skipped
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "a.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_parse_ann_spans():
    ann = "T1\tOrganization 0 6\tOrange\nT2\tPerson 7 10\tBob\nT3\tOrganization 1 2;4 5\tx y\nE1\tfoo:T1\n#note\n"
    assert parse_ann_spans(ann) == ([(0, 6)], 1)


def test_match_spans_by_hand():
    gold = [(0, 6), (10, 20), (30, 40), (50, 60)]
    pred = [(0, 6), (12, 20), (31, 35), (33, 40), (70, 80)]
    # exact: (0,6); partial: (10,20)~(12,20), (30,40)~(33,40) (larger overlap than (31,35)); (50,60) missed
    assert match_spans(gold, pred) == (1, 2)
    # a predicted span can only count once, even if it overlaps two gold spans
    assert match_spans([(0, 5), (3, 8)], [(0, 8)]) == (0, 1)
    # as many pairs as possible: (8,14) goes with (6,9) so that (15,20) can take (11,16)
    assert match_spans([(6, 9), (11, 16)], [(8, 14), (15, 20)]) == (0, 2)


def test_agrees_with_nervaluate_on_flat_spans():
    import random

    nervaluate = pytest.importorskip("nervaluate")
    rng = random.Random(7)

    def spans(n: int) -> list[tuple[int, int]]:
        out, pos = [], 0
        for _ in range(n):
            pos += rng.randint(1, 6)
            length = rng.randint(1, 6)
            out.append((pos, pos + length))
            pos += length
        return out

    for _ in range(300):
        gold, pred = spans(rng.randint(1, 6)), spans(rng.randint(1, 6))
        # nervaluate takes inclusive ends
        res = nervaluate.Evaluator(
            [[{"label": "ORG", "start": s, "end": e - 1} for s, e in gold]],
            [[{"label": "ORG", "start": s, "end": e - 1} for s, e in pred]],
            tags=["ORG"],
        ).evaluate()
        ours = SpanScores()
        ours.add(gold, pred)
        for scheme, mine in (("strict", ours.strict), ("partial", ours.partial_scores)):
            theirs = res["overall"][scheme]
            assert (mine["precision"], mine["recall"]) == (round(theirs.precision, 4), round(theirs.recall, 4)), (
                gold,
                pred,
            )


class FakeNlp:
    """Stands in for the spaCy pipeline: fixed predicted spans per text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans

    def pipe(self, texts, batch_size=16):
        for _ in texts:
            group = [SimpleNamespace(start_char=s, end_char=e) for s, e in self.spans]
            yield SimpleNamespace(spans={"companies": group})


def test_evaluate_ner_counts(tmp_path):
    folder = write_brat(tmp_path / "brat")
    # Orange exact, "Cloudwatt à Thales" overlaps two gold spans (counts once, partial), "selon" is wrong
    pred = [span("Orange"), (span("Cloudwatt")[0], span("Thales")[1]), span("selon")]
    result = evaluate_ner(iter_brat(folder), FakeNlp(pred))
    s = result.scores
    assert (s.n_gold, s.n_pred, s.exact, s.partial, s.skipped_discontinuous) == (4, 3, 1, 1, 1)
    assert s.strict == {
        "precision": round(1 / 3, 4),
        "recall": 0.25,
        "f1": round(2 * (1 / 3) * 0.25 / (1 / 3 + 0.25), 4),
    }
    # partial: (1 + 0.5) / 3 = 0.5 precision, 1.5 / 4 = 0.375 recall
    assert s.partial_scores["precision"] == 0.5 and s.partial_scores["recall"] == 0.375


def test_iter_brat_limit_and_exclude(tmp_path):
    folder = write_brat(tmp_path / "brat")
    (folder / "b.txt").write_text("Rien .", encoding="utf-8")
    (folder / "b.ann").write_text("", encoding="utf-8")
    assert [d.doc_id for d in iter_brat(folder)] == ["a", "b"]
    assert [d.doc_id for d in iter_brat(folder, limit=1)] == ["a"]
    assert [d.doc_id for d in iter_brat(folder, exclude=[folder / "a.txt"])] == ["b"]


def test_evaluate_ner_command_with_real_pipeline(nlp, tmp_path, monkeypatch, repo):
    import pipeline.annotate

    monkeypatch.setattr(pipeline.annotate, "build_nlp", lambda *a, **k: nlp)
    folder = write_brat(tmp_path / "brat")
    (folder / "b.txt").write_text("Rien à signaler .", encoding="utf-8")
    (folder / "b.ann").write_text("", encoding="utf-8")
    # a gold file that points at b.txt keeps it out of the NER run
    import hashlib

    ref = {"path": "../brat/b.txt", "sha256": hashlib.sha256("Rien à signaler .".encode()).hexdigest()}
    gold = write_jsonl(repo / "annotations" / "g.jsonl", [{"id": "b", "text_ref": ref, "events": []}])
    from pipeline.evaluate.commands import register

    app = typer.Typer()
    register(app)
    result = CliRunner().invoke(app, ["evaluate-ner", "--data", str(folder), "--exclude-gold", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_docs"] == 1 and data["n_gold"] == 4 and data["skipped_discontinuous"] == 1
    # the company ruler finds these names; partial credit is never below strict
    assert data["exact"] >= 2
    assert data["partial_overlap"]["f1"] >= data["strict"]["f1"] > 0
    assert "companies" not in data
    # with a kinds file, the company spans' recall comes too
    rows = [("a.txt", *span(w), "other" if w.startswith("Caisse") else "company") for w in ("Orange", "Cloudwatt", "Thales", "Caisse des dépôts")]
    kinds = write_kinds(tmp_path / "kinds.tsv", rows)
    args = ["evaluate-ner", "--data", str(folder), "--exclude-gold", str(gold), "--kinds", str(kinds), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    companies = json.loads(result.output)["companies"]
    assert companies["n_gold"] == 3 and 0 < companies["recall_strict"] <= companies["recall_partial"] <= 1


@pytest.mark.parametrize("missing", ["nowhere", "empty"])
def test_evaluate_ner_bad_folder(tmp_path, missing):
    from pipeline.errors import RachatError
    from pipeline.evaluate.ner import check_folder

    (tmp_path / "empty").mkdir()
    with pytest.raises(RachatError):
        check_folder(tmp_path / missing)


def write_kinds(path: Path, rows: list[tuple[str, int, int, str]], header: str = "file\tstart\tend\tname\tkind") -> Path:
    path.write_text(header + "\n" + "".join(f"{f}\t{s}\t{e}\t{TEXT[s:e]}\t{k}\n" for f, s, e, k in rows), encoding="utf-8")
    return path


def test_company_recall_reads_only_the_company_spans(tmp_path):
    from pipeline.evaluate.ner import read_kinds

    folder = write_brat(tmp_path / "brat")
    kinds = read_kinds(
        write_kinds(
            tmp_path / "kinds.tsv",
            [("a.txt", *span("Orange"), "company"), ("a.txt", *span("Cloudwatt"), "company"),
             ("a.txt", *span("Thales"), "company"), ("a.txt", *span("Caisse des dépôts"), "other")],
        )
    )
    # the prediction of the public bank is right on all Organization spans but finds no company
    pred = [span("Orange"), span("Caisse des dépôts"), (span("Thales")[0], span("Thales")[1] + 2)]
    result = evaluate_ner(iter_brat(folder), FakeNlp(pred), kinds=kinds)
    assert result.scores.exact == 2
    c = result.companies
    assert c is not None and (c.n_gold, c.exact, c.partial) == (3, 1, 1)
    assert c.strict["recall"] == round(1 / 3, 4) and c.partial_scores["recall"] == 0.5
    assert evaluate_ner(iter_brat(folder), FakeNlp(pred)).companies is None


@pytest.mark.parametrize(
    "rows, header, message",
    [
        ([("a.txt", 0, 2, "company")], "file\tname\tkind", "header"),
        ([("a.txt", 0, 2, "firm")], "file\tstart\tend\tname\tkind", "kind 'firm'"),
        ([("a.txt", 0, 2, "company\textra")], "file\tstart\tend\tname\tkind", "6 columns"),
    ],
)
def test_bad_kinds_file_names_the_line(tmp_path, rows, header, message):
    from pipeline.errors import RachatError
    from pipeline.evaluate.ner import read_kinds

    path = write_kinds(tmp_path / "kinds.tsv", rows, header=header)
    with pytest.raises(RachatError) as err:
        read_kinds(path)
    assert err.value.code == "E039" and message in err.value.message and str(path) in err.value.message


def test_gold_span_without_a_kind_is_an_error(tmp_path):
    from pipeline.errors import RachatError
    from pipeline.evaluate.ner import read_kinds

    folder = write_brat(tmp_path / "brat")
    kinds = read_kinds(write_kinds(tmp_path / "kinds.tsv", [("a.txt", *span("Orange"), "company")]))
    with pytest.raises(RachatError) as err:
        evaluate_ner(iter_brat(folder), FakeNlp([]), kinds=kinds, kinds_path=tmp_path / "kinds.tsv")
    assert "'Cloudwatt' (a.txt" in err.value.message
    # a document the file names no span of is left out of the company recall, and counted
    kinds = read_kinds(write_kinds(tmp_path / "other.tsv", [("b.txt", *span("Orange"), "company")]))
    result = evaluate_ner(iter_brat(folder), FakeNlp([]), kinds=kinds)
    assert result.uncovered_docs == 1 and result.companies is not None and result.companies.n_docs == 0


@pytest.mark.parametrize("name", ["winer-org-kinds.tsv", "winer-org-kinds-dev.tsv"])
def test_shipped_kinds_cover_their_winer_documents(name):
    """Every gold span of the documents a kinds file names has a kind, and both kinds occur."""
    from pipeline.evaluate.ner import read_kinds

    repo_root = Path(__file__).resolve().parents[2]
    kinds = read_kinds(repo_root / "annotations" / "ner-kinds" / name)
    assert set(kinds.values()) == {"company", "other"}
    data = repo_root.parent / "shared" / "data" / "winer-fr"
    if not data.is_dir():
        pytest.skip("no ../shared/data/winer-fr")
    files = {f for f, _, _ in kinds}
    docs = [d for d in iter_brat(data) if d.rel in files]
    assert len(docs) == len(files)
    assert sum(len(d.spans) for d in docs) == len(kinds)
