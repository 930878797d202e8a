"""Importers (Label Studio, doccano, brat) on small files written here, and export -> Label Studio -> import."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest
from evalkit import pev, write_jsonl, write_run

from pipeline.errors import RachatError
from pipeline.evaluate.gold import load_gold
from pipeline.evaluate.importers import import_gold, import_lines
from pipeline.evaluate.importers.labelstudio_export import export_run
from pipeline.evaluate.importers.scheme import parse_trigger_label, role_name
from pipeline.evaluate.importers.values import parse_amount, parse_stake

# My own sentences (not third-party text).
TEXT = "Numericable-SFR rachète 20 % de Numergy à Atos. Le projet de fusion entre Alpha et Beta est abandonné."


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def ls_label(rid: str, word: str, label: str) -> dict:
    s, e = at(word)
    return {
        "id": rid,
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": s, "end": e, "text": word, "labels": [label]},
    }


def ls_rel(a: str, b: str, label: str) -> dict:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": [label]}


EXPECTED = [
    {
        "type": "acquisition",
        "owner": ["Numericable-SFR"],
        "target": ["Numergy"],
        "seller": ["Atos"],
        "stake": 20.0,
        "amount": None,
        "currency": None,
        "status": "completed",
    },
    {
        "type": "merger",
        "owner": ["Alpha"],
        "target": ["Beta"],
        "seller": None,
        "stake": None,
        "amount": None,
        "currency": None,
        "status": "cancelled",
    },
]


def _core(events: list[dict]) -> list[dict]:
    return [
        {k: e.get(k) for k in ("type", "owner", "target", "seller", "stake", "amount", "currency", "status")}
        for e in events
    ]


@pytest.mark.parametrize(
    ("label", "parsed"),
    [("ACQUISITION", ("acquisition", None)), ("merger:Pending", ("merger", "pending")), ("COMPANY", None)],
)
def test_trigger_labels(label, parsed):
    assert parse_trigger_label(label) == parsed


def test_role_names_and_values():
    assert role_name("owner2") == "owner" and role_name(" Seller ") == "seller"
    assert parse_stake("20,5 %") == 20.5 and parse_stake("l'intégralité") == 100.0 and parse_stake("Numergy") is None
    assert parse_amount("150 millions d'euros") == (150e6, "EUR") and parse_amount("28 Md$") == (28e9, "USD")


def labelstudio_export() -> list[dict]:
    result = [
        ls_label("t1", "rachète", "ACQUISITION"),
        ls_label("c1", "Numericable-SFR", "COMPANY"),
        ls_label("c2", "Numergy", "COMPANY"),
        ls_label("c3", "Atos", "COMPANY"),
        ls_label("s1", "20 %", "STAKE"),
        ls_label("t2", "fusion", "MERGER"),
        ls_label("c4", "Alpha", "COMPANY"),
        ls_label("c5", "Beta", "COMPANY"),
        ls_rel("t1", "c1", "owner"),
        ls_rel("t1", "c2", "target"),
        ls_rel("c3", "t1", "seller"),
        ls_rel("t1", "s1", "stake"),
        ls_rel("t2", "c5", "owner"),
        ls_rel("t2", "c4", "target"),
        {"id": "t1", "from_name": "status", "to_name": "text", "type": "choices", "value": {"choices": ["completed"]}},
        {"id": "t2", "from_name": "status", "to_name": "text", "type": "choices", "value": {"choices": ["cancelled"]}},
    ]
    return [
        {
            "id": 7,
            "data": {"text": TEXT, "doc_id": "ex1", "split": "written"},
            "annotations": [{"was_cancelled": True, "result": []}, {"result": result}],
        },
        {"id": 8, "data": {"text": "Pas encore annoté."}, "annotations": [], "predictions": [{"result": []}]},
    ]


def test_labelstudio_import(tmp_path):
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(labelstudio_export()), encoding="utf-8")
    [line] = import_lines(path, "labelstudio")  # the task without annotation is skipped
    assert line["id"] == "ex1" and line["split"] == "written" and line["text"] == TEXT
    expected = copy.deepcopy(EXPECTED)
    expected[1]["owner"], expected[1]["target"] = ["Beta"], ["Alpha"]  # a merger keeps the annotated roles
    assert _core(line["events"]) == expected
    lines = import_lines(path, "labelstudio", use_predictions=True)
    assert [x["id"] for x in lines] == ["ex1", "ls-8"] and lines[1]["events"] == []


def test_labelstudio_utf16_offsets(tmp_path):
    text = "🚀 Orange rachète Cloudwatt."
    # Label Studio counts the emoji as two UTF-16 units
    result = [
        {
            "id": "t",
            "type": "labels",
            "from_name": "label",
            "value": {"start": 10, "end": 17, "text": "rachète", "labels": ["ACQUISITION"]},
        },
        {
            "id": "a",
            "type": "labels",
            "from_name": "label",
            "value": {"start": 3, "end": 9, "text": "Orange", "labels": ["COMPANY"]},
        },
        {
            "id": "b",
            "type": "labels",
            "from_name": "label",
            "value": {"start": 18, "end": 27, "text": "Cloudwatt", "labels": ["COMPANY"]},
        },
        ls_rel("t", "a", "owner"),
        ls_rel("t", "b", "target"),
    ]
    path = tmp_path / "ls.json"
    path.write_text(
        json.dumps([{"id": 1, "data": {"text": text}, "annotations": [{"result": result}]}]), encoding="utf-8"
    )
    [line] = import_lines(path, "labelstudio")
    assert line["events"][0]["owner"] == ["Orange"] and line["events"][0]["target"] == ["Cloudwatt"]


def test_doccano_import(tmp_path):
    ents, rels = [], []
    for i, (word, label) in enumerate(
        [
            ("rachète", "ACQUISITION:completed"),
            ("Numericable-SFR", "COMPANY"),
            ("Numergy", "COMPANY"),
            ("Atos", "COMPANY"),
            ("20 %", "STAKE"),
            ("fusion", "MERGER:cancelled"),
            ("Alpha", "COMPANY"),
            ("Beta", "COMPANY"),
        ]
    ):
        s, e = at(word)
        ents.append({"id": 100 + i, "label": label, "start_offset": s, "end_offset": e})
    for j, (a, b, t) in enumerate(
        [
            (100, 101, "owner"),
            (100, 102, "target"),
            (100, 103, "seller"),
            (104, 100, "stake"),
            (105, 106, "owner"),
            (105, 107, "target"),
        ]
    ):
        rels.append({"id": j, "from_id": a, "to_id": b, "type": t})
    path = write_jsonl(
        tmp_path / "d.jsonl",
        [
            {"id": 3, "text": TEXT, "entities": ents, "relations": rels, "doc_id": "ex1"},
            {"id": 4, "text": "Rien.", "label": []},
        ],
    )
    lines = import_lines(path, "doccano")
    assert [x["id"] for x in lines] == ["ex1", "doccano-4"]
    assert _core(lines[0]["events"]) == EXPECTED and lines[1]["events"] == []


BRAT_ANN = """T1\tACQUISITION {t1}\trachète
T2\tCOMPANY {c1}\tNumericable-SFR
T3\tCOMPANY {c2}\tNumergy
T4\tCOMPANY {c3}\tAtos
T5\tSTAKE {s1}\t20 %
E1\tACQUISITION:T1 owner:T2 target:T3 seller:T4 stake:T5
A1\tStatus E1 completed
T6\tMERGER {t2}\tfusion
T7\tCOMPANY {c4}\tAlpha
T8\tCOMPANY {c5}\tBeta
R1\towner Arg1:T6 Arg2:T7
R2\ttarget Arg1:T6 Arg2:T8
A2\tStatus T6 cancelled
"""


def _brat(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    spans = {
        k: "{} {}".format(*at(w))
        for k, w in [
            ("t1", "rachète"),
            ("c1", "Numericable-SFR"),
            ("c2", "Numergy"),
            ("c3", "Atos"),
            ("s1", "20 %"),
            ("t2", "fusion"),
            ("c4", "Alpha"),
            ("c5", "Beta"),
        ]
    }
    (folder / "ex1.txt").write_text(TEXT, encoding="utf-8")
    (folder / "ex1.ann").write_text(BRAT_ANN.format(**spans), encoding="utf-8")
    (folder / "neg.txt").write_text("Rien.", encoding="utf-8")
    (folder / "neg.ann").write_text("", encoding="utf-8")
    return folder


def test_brat_import(tmp_path):
    folder = _brat(tmp_path / "brat")
    lines = import_lines(folder, "brat")
    assert [x["id"] for x in lines] == ["ex1", "neg"]
    assert _core(lines[0]["events"]) == EXPECTED and lines[1]["events"] == []


def test_import_gold_brat_with_text_ref(repo, tmp_path):
    folder = _brat(tmp_path / "data" / "brat")
    out = repo / "annotations" / "imported.jsonl"
    n_docs, n_events = import_gold(folder, "brat", out, split="dev", text_ref=True)
    assert (n_docs, n_events) == (2, 2)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert "text" not in first and first["text_ref"]["path"] == "../data/brat/ex1.txt"
    assert first["text_ref"]["sha256"] == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    docs = load_gold(out)
    assert docs[0].text == TEXT and docs[0].split == "dev" and docs[0].events[0].stake == 20.0


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda r: r.append(ls_rel("c1", "c2", "owner")), "joins one trigger to one argument"),
        (lambda r: r.append(ls_rel("t1", "c3", "buyer")), "unknown relation 'buyer'"),
        (lambda r: r.append(ls_rel("t1", "zz", "owner")), "does not exist"),
        (lambda r: r.append(ls_rel("t1", "s1", "owner")), "owner must point at a COMPANY span"),
        (lambda r: r.__setitem__(4, ls_label("s1", "Numergy", "STAKE")), "cannot read a stake"),
        (lambda r: r.__setitem__(14, {**r[14], "value": {"choices": ["done"]}}), "unknown status 'done'"),
    ],
)
def test_labelstudio_refusals(tmp_path, mutate, reason):
    tasks = labelstudio_export()
    mutate(tasks[0]["annotations"][1]["result"])
    path = tmp_path / "ls.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    with pytest.raises(RachatError) as info:
        import_gold(path, "labelstudio", tmp_path / "out.jsonl")
    assert info.value.code == "E034" and reason in info.value.message and "task 7" in info.value.message
    assert not (tmp_path / "out.jsonl").exists()


def test_unknown_format(tmp_path):
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    with pytest.raises(RachatError) as info:
        import_gold(tmp_path / "x.json", "prodigy", tmp_path / "out.jsonl")
    assert info.value.code == "E033"


# Export -> Label Studio -> import


EXPORT_TEXT = (
    "Numericable-SFR rachète la part d'Atos (20 %) dans Numergy pour 15 millions d'euros. "
    "L'opérateur possède désormais 46 % de Numergy. Orange et Deezer envisagent une fusion."
)


def test_export_then_import_gives_back_the_events(repo, tmp_path):
    t = EXPORT_TEXT
    events = [
        pev("a1", "acquisition", "Numericable-SFR", "Numergy", "Atos", 20.0, event_id="e1"),
        pev("a1", "holding", "Numericable-SFR", "Numergy", None, 46.0, status=None, event_id="e2"),
        pev("a1", "merger", "Orange", "Deezer", status="pending", event_id="e3"),
    ]
    events[0] = type(events[0])(**{**events[0].__dict__, "amount": 15e6, "currency": "EUR"})
    s2 = t.index("L'opérateur")
    mentions = [
        {
            "event_id": "e1",
            "doc_id": "a1",
            "event_type": "acquisition",
            "sentence": t[: s2 - 1],
            "sentence_start": 0,
            "trigger": "rachète",
            "trigger_start": t.index("rachète"),
            "owner_start": 0,
            "target_start": t.index("Numergy"),
            "seller_start": t.index("Atos"),
            "stake_start": t.index("20 %"),
            "amount_start": t.index("15 millions"),
        },
        # coreference: the owner offset points at "L'opérateur", the exporter shows the name instead
        {
            "event_id": "e2",
            "doc_id": "a1",
            "event_type": "holding",
            "sentence": "",
            "sentence_start": s2,
            "trigger": "possède",
            "trigger_start": t.index("possède"),
            "owner_start": s2,
            "target_start": t.index("Numergy", s2),
            "stake_start": t.index("46 %"),
        },
        {
            "event_id": "e3",
            "doc_id": "a1",
            "event_type": "merger",
            "sentence": "",
            "sentence_start": t.index("Orange"),
            "trigger": "fusion",
            "trigger_start": t.index("fusion"),
            "owner_start": t.index("Orange"),
            "target_start": t.index("Deezer"),
        },
    ]
    run = write_run(repo / "run", events, mentions)
    inputs = write_jsonl(
        tmp_path / "in.jsonl", [{"id": "a1", "text": t, "title": "Titre"}, {"id": "a2", "text": "Autre chose."}]
    )
    n_tasks, n_events, unplaced = export_run(run, tmp_path / "tasks.json", texts=[inputs], model_version="test-1")
    assert (n_tasks, n_events, unplaced) == (1, 3, 0)  # no articles.parquet: only documents with events
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert tasks[0]["predictions"][0]["model_version"] == "test-1" and tasks[0]["data"]["doc_id"] == "a1"
    # a person accepts the pre-annotations as they are
    tasks[0]["annotations"] = [{"result": tasks[0]["predictions"][0]["result"]}]
    (tmp_path / "done.json").write_text(json.dumps(tasks), encoding="utf-8")
    out = repo / "annotations" / "back.jsonl"
    assert import_gold(tmp_path / "done.json", "labelstudio", out) == (1, 3)
    [doc] = load_gold(out)
    got = sorted((e.type, e.owner, e.target, e.seller, e.stake, e.amount, e.currency, e.status) for e in doc.events)
    want = sorted(
        (e.type, (e.owner,), (e.target,), (e.seller,) if e.seller else None, e.stake, e.amount, e.currency, e.status)
        for e in events
    )
    assert got == want


def test_export_needs_texts(repo, tmp_path):
    run = write_run(
        repo / "run",
        [pev("zz", "acquisition", "A", "B", event_id="e1")],
        [
            {
                "event_id": "e1",
                "doc_id": "zz",
                "event_type": "acquisition",
                "sentence": "",
                "sentence_start": 0,
                "trigger": "x",
                "trigger_start": 0,
            }
        ],
    )
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a1", "text": "Autre chose."}])
    with pytest.raises(RachatError) as info:
        export_run(run, tmp_path / "tasks.json", texts=[inputs])
    assert info.value.code == "E037" and "zz" in info.value.message


def test_export_counts_arguments_it_cannot_place(repo, tmp_path):
    text = "Orange rachète Cloudwatt."
    run = write_run(
        repo / "run",
        [pev("a1", "acquisition", "Zeta", "Cloudwatt", event_id="e1")],
        [
            {
                "event_id": "e1",
                "doc_id": "a1",
                "event_type": "acquisition",
                "sentence": text,
                "sentence_start": 0,
                "trigger": "rachète",
                "trigger_start": 7,
                "target_start": 15,
            }
        ],
    )
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a1", "text": text}])
    assert export_run(run, tmp_path / "tasks.json", texts=[inputs]) == (1, 1, 1)
    [task] = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    labels = sorted(r["value"]["labels"][0] for r in task["predictions"][0]["result"] if r["type"] == "labels")
    assert labels == ["ACQUISITION", "COMPANY"]
