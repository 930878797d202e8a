"""The transformer NER on a tiny random checkpoint: loading, forced predictions, windows, merging."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import spacy
from spacy.tokens import Span

from pipeline.errors import RachatError

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from pipeline.annotate.transformer.ner import TokenClassifierRunner, TransformerNER  # noqa: E402

pytestmark = pytest.mark.trf

LABELS = ["O", "B-Organization", "I-Organization", "B-PER"]


@pytest.fixture(scope="module")
def runner(tiny_ner: Path) -> TokenClassifierRunner:
    return TokenClassifierRunner.from_path(tiny_ner, batch_size=4, max_length=64, stride=8)


def force(runner: TokenClassifierRunner, monkeypatch: pytest.MonkeyPatch, by_piece: dict[str, str]) -> None:
    """Replace the model's forward: logits that make ``by_piece[piece]`` (else O) win at each position."""
    tokenizer = runner.tokenizer

    def forward(input_ids: Any, attention_mask: Any = None, **_: Any) -> SimpleNamespace:
        logits = torch.zeros((*input_ids.shape, len(LABELS)))
        for row, ids in enumerate(input_ids.tolist()):
            for col, piece in enumerate(tokenizer.convert_ids_to_tokens(ids)):
                logits[row, col, LABELS.index(by_piece.get(piece, "O"))] = 10.0
        return SimpleNamespace(logits=logits)

    monkeypatch.setattr(runner.model, "forward", forward)


@pytest.fixture
def set_bias(runner: TokenClassifierRunner) -> Iterator[Callable[[str], None]]:
    """A classifier head that predicts one label everywhere, through the real forward pass."""
    head = runner.model.classifier
    saved = (head.weight.detach().clone(), head.bias.detach().clone())

    def apply(label: str) -> None:
        with torch.no_grad():
            head.weight.zero_()
            head.bias.fill_(-10.0)
            head.bias[LABELS.index(label)] = 10.0

    yield apply
    with torch.no_grad():
        head.weight.copy_(saved[0])
        head.bias.copy_(saved[1])


def test_loads_a_local_checkpoint(runner: TokenClassifierRunner) -> None:
    assert runner.tags[1].type == "ORG" and runner.tags[3].type == "PER"
    assert runner.max_length == 64


def test_forced_predictions_give_exact_spacy_spans(
    runner: TokenClassifierRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "AT&T rachète Cloudwatt à la Caisse des dépôts ."
    assert runner.tokenizer.tokenize("Cloudwatt") == ["Cloudwatt"]
    force(
        runner,
        monkeypatch,
        {
            "AT": "B-Organization",
            "Cloudwatt": "B-Organization",
            "Caisse": "B-Organization",
            "des": "I-Organization",
            "dépôts": "I-Organization",
        },
    )
    (chars,) = runner.predict_char_spans([text])
    assert [text[s.start : s.end] for s in chars] == ["AT", "Cloudwatt", "Caisse des dépôts"]
    nlp = spacy.blank("fr")
    component = TransformerNER(nlp, "trf", model_path="", merge="transformer", runner=runner)
    doc = component(nlp(text))
    # "AT" is one word piece of the spaCy token "AT&T": expanded to the whole token
    assert [(s.text, s.start_char, s.end_char, s.label_) for s in doc.spans["companies"]] == [
        ("AT&T", 0, 4, "ORG"),
        ("Cloudwatt", 13, 22, "ORG"),
        ("Caisse des dépôts", 28, 45, "ORG"),
    ]


def test_bias_on_b_makes_every_word_an_org(runner: TokenClassifierRunner, set_bias: Callable[[str], None]) -> None:
    set_bias("B-Organization")
    text = "Orange rachète Cloudwatt ."
    (words,) = runner.predict_words([text])
    assert [text[s:e] for s, e, _, _ in words] == ["Orange", "rachète", "Cloudwatt", "."]
    assert {label for _, _, label, _ in words} == {"B-Organization"}
    assert all(p > 0.99 for _, _, _, p in words)
    (spans,) = runner.predict_char_spans([text])
    assert len(spans) == 4


def test_other_entity_types_are_not_companies(runner: TokenClassifierRunner, set_bias: Callable[[str], None]) -> None:
    set_bias("B-PER")
    assert runner.predict_char_spans(["Xavier Niel rachète Monaco Telecom ."]) == [[]]


def test_long_text_is_windowed_with_overlap_and_fully_covered(
    runner: TokenClassifierRunner, set_bias: Callable[[str], None]
) -> None:
    set_bias("B-Organization")
    text = " ".join(f"Orange rachète Cloudwatt pour {i} millions d'euros ." for i in range(30))
    full = runner.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    assert len(full["input_ids"]) > 5 * runner.max_length
    (windows,) = runner.encode([text])
    assert len(windows) > 5
    assert all(len(w) <= runner.max_length for w in windows)
    for left, right in zip(windows, windows[1:], strict=False):
        shared = set(left.offsets[1:-1]) & set(right.offsets[1:-1])
        assert len(shared) == runner.stride
    # every piece of the untruncated encoding is in some window
    seen = {o for w in windows for o in w.offsets}
    assert set(map(tuple, full["offset_mapping"])) <= seen
    # every word gets exactly one prediction, the last one included
    expected_words: dict[int, list[int]] = {}
    for word_id, (s, e) in zip(full.word_ids(), full["offset_mapping"], strict=True):
        expected_words.setdefault(word_id, [s, e])[1] = e
    (words,) = runner.predict_words([text])
    assert [(s, e) for s, e, _, _ in words] == [tuple(v) for v in expected_words.values()]
    assert words[-1][1] == len(text)


def test_batches_are_independent_of_order_and_padding(runner: TokenClassifierRunner) -> None:
    texts = ["Orange rachète Cloudwatt .", "Free annonce l'acquisition de Jaguar Network , une société lyonnaise ."]
    together = runner.predict_words(texts)
    alone = [runner.predict_words([t])[0] for t in texts]
    for a, b in zip(together, alone, strict=True):
        assert [(s, e, label) for s, e, label, _ in a] == [(s, e, label) for s, e, label, _ in b]
        assert [p for *_, p in a] == pytest.approx([p for *_, p in b], abs=1e-5)


@pytest.mark.parametrize(
    ("merge", "expected"), [("union", ["Orange", "Cloudwatt"]), ("transformer", ["Cloudwatt"]), ("rules", ["Orange"])]
)
def test_component_merges_with_rule_spans(
    runner: TokenClassifierRunner, monkeypatch: pytest.MonkeyPatch, merge: str, expected: list[str]
) -> None:
    force(runner, monkeypatch, {"Cloudwatt": "B-Organization"})
    nlp = spacy.blank("fr")
    component = TransformerNER(nlp, "trf", model_path="", merge=merge, runner=runner)
    doc = nlp("Orange rachète Cloudwatt .")
    doc.spans["companies"] = [Span(doc, 0, 1, label="ORG")]
    doc = component(doc)
    assert [s.text for s in doc.spans["companies"]] == expected
    # computed in every mode, for evaluation
    assert [s.text for s in doc.spans["companies_trf"]] == ["Cloudwatt"]


def test_only_gated_runs_on_gated_sentences(runner: TokenClassifierRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    force(runner, monkeypatch, {"Orange": "B-Organization", "Cloudwatt": "B-Organization"})
    nlp = spacy.blank("fr")
    component = TransformerNER(nlp, "trf", model_path="", only_gated=True, runner=runner)
    doc = nlp("Orange a un logo . Orange rachète Cloudwatt .")
    assert [s.text for s in component(doc).spans["companies_trf"]] == ["Orange", "Orange", "Cloudwatt"]
    doc = nlp("Orange a un logo . Orange rachète Cloudwatt .")
    doc.spans["gate"] = [doc[5:9]]
    found = component(doc).spans["companies_trf"]
    assert [(s.text, s.start) for s in found] == [("Orange", 5), ("Cloudwatt", 7)]


def test_factory_and_pipe(tiny_ner: Path) -> None:
    import pipeline.annotate.transformer  # noqa: F401  (registers the factory)

    nlp = spacy.blank("fr")
    nlp.add_pipe(
        "rachat_trf_ner", config={"model_path": str(tiny_ner), "merge": "union", "max_length": 32, "stride": 4}
    )
    docs = list(
        nlp.pipe(["Orange rachète Cloudwatt .", "", "Iliad renonce à son offre sur T-Mobile US ."], batch_size=2)
    )
    assert all("companies_trf" in d.spans and "companies" in d.spans for d in docs)
    assert len(docs[1].spans["companies_trf"]) == 0


def test_add_trf_ner_goes_after_the_company_ruler(tiny_ner: Path) -> None:
    from pipeline.annotate.transformer import add_trf_ner

    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer", name="rachat_companies")  # stands in for the ruler: only its position matters
    nlp.add_pipe("sentencizer", name="later")
    component = add_trf_ner(nlp, str(tiny_ner), merge="rules", batch_size=4)
    assert nlp.pipe_names == ["rachat_companies", "rachat_trf_ner", "later"]
    assert component.merge == "rules" and component.runner.batch_size == 4
    bare = spacy.blank("fr")
    add_trf_ner(bare, str(tiny_ner))
    assert bare.pipe_names == ["rachat_trf_ner"]


def test_wrong_paths_say_what_is_expected(tmp_path: Path, tiny_ner: Path) -> None:
    with pytest.raises(RachatError) as missing:
        TokenClassifierRunner.from_path(tmp_path / "nowhere")
    assert missing.value.code == "E020" and "config.json" in missing.value.message
    (tmp_path / "empty").mkdir()
    with pytest.raises(RachatError) as empty:
        TokenClassifierRunner.from_path(tmp_path / "empty")
    assert empty.value.code == "E071"
    assert "no config.json, no tokenizer files, no weights" in empty.value.message
    nlp = spacy.blank("fr")
    with pytest.raises(RachatError, match="E020"):
        nlp.add_pipe("rachat_trf_ner", config={"model_path": str(tmp_path / "nowhere")})


def test_checkpoint_without_org_label_is_refused(tiny_status: Path) -> None:
    with pytest.raises(RachatError) as err:
        TokenClassifierRunner.from_path(tiny_status)
    assert err.value.code in ("E071", "E076")


def test_bad_settings(tiny_ner: Path) -> None:
    with pytest.raises(RachatError, match="E075"):
        TokenClassifierRunner.from_path(tiny_ner, max_length=32, stride=16)
    with pytest.raises(RachatError, match="E072"):
        TokenClassifierRunner.from_path(tiny_ner, device="tpu")
    with pytest.raises(RachatError, match="E074"):
        TransformerNER(spacy.blank("fr"), "trf", model_path=str(tiny_ner), merge="both")
    if not torch.cuda.is_available():
        with pytest.raises(RachatError, match="E073"):
            TokenClassifierRunner.from_path(tiny_ner, device="cuda")
