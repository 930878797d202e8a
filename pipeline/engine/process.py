"""The per-article function every engine runs: Doc -> events and mentions."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extract
from pipeline.extract.pairs import PairModel
from pipeline.qualify import qualify, status_statements
from pipeline.resolve import resolve
from pipeline.schema import Article, Event, Mention


class StatusModel(Protocol):
    """What the optional transformer status classifier offers (``StatusClassifier``)."""

    def predict(self, sentences: list[str]) -> list[tuple[str, float]]: ...


def events_of_doc(doc: Doc, article: Article, status_model: StatusModel | None = None, pair_model: PairModel | None = None) -> tuple[list[Event], list[Mention]]:
    extracted = extract(doc, pair_model)
    by_sentence: dict[int, list] = {}
    for sent, raw in extracted:
        by_sentence.setdefault(sent.start, []).append(raw)
    items = [(sent, raw, qualify(doc, sent, raw, by_sentence[sent.start])) for sent, raw in extracted]
    if status_model is not None:
        items = refine_with_model(items, status_model)
    deal_sentences = {sent.start_char for sent, raw in extracted if raw.event_type != "holding"}
    statements = status_statements(doc, deal_sentences)
    return resolve(doc, article.doc_id, items, url=article.url, published=article.published, title=article.title, statements=statements)


# the rules are sure of a status they read from a cue; a default "completed" is a guess
RULE_SURE, RULE_UNSURE = 0.9, 0.5


def refine_with_model(items: list, status_model: StatusModel) -> list:
    """Ask the status classifier about the mentions whose status the rules only guessed
    (no cue: present tense, a noun), and apply ``refine_status``'s policy."""
    from pipeline.annotate.transformer.status import refine_status

    unsure = [i for i, (_, raw, q) in enumerate(items) if q.status is not None and not q.explicit]
    if not unsure:
        return items
    preds = status_model.predict([items[i][0].text for i in unsure])
    out = list(items)
    for i, pred in zip(unsure, preds, strict=True):
        sent, raw, q = items[i]
        status = refine_status(q.status, RULE_UNSURE, pred, event_type=raw.event_type)
        if status != q.status:
            out[i] = (sent, raw, replace(q, status=status, cue=f"trf:{pred[0]}:{pred[1]:.2f}", explicit=True))
    return out


def process_article(nlp: Language, article: Article) -> tuple[list[Event], list[Mention]]:
    """Annotate one article and return its events and their mentions."""
    return events_of_doc(nlp(article.text), article)
