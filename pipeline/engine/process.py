"""The per-article function every engine runs: Doc -> events and mentions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extract
from pipeline.qualify import qualify, status_statements
from pipeline.resolve import resolve
from pipeline.schema import Article, Event, Mention


def events_of_doc(doc: Doc, article: Article) -> tuple[list[Event], list[Mention]]:
    extracted = extract(doc)
    by_sentence: dict[int, list] = {}
    for sent, raw in extracted:
        by_sentence.setdefault(sent.start, []).append(raw)
    items = [(sent, raw, qualify(doc, sent, raw, by_sentence[sent.start])) for sent, raw in extracted]
    deal_sentences = {sent.start_char for sent, raw in extracted if raw.event_type != "holding"}
    statements = status_statements(doc, deal_sentences)
    return resolve(doc, article.doc_id, items, url=article.url, published=article.published, title=article.title, statements=statements)


def process_article(nlp: Language, article: Article) -> tuple[list[Event], list[Mention]]:
    """Annotate one article and return its events and their mentions."""
    return events_of_doc(nlp(article.text), article)
