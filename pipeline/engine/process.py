"""The per-article function every engine runs: Doc -> events and mentions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract import extract
from pipeline.qualify import qualify
from pipeline.resolve import resolve
from pipeline.schema import Article, Event, Mention


def events_of_doc(doc: Doc, article: Article) -> tuple[list[Event], list[Mention]]:
    items = [(sent, raw, qualify(doc, sent, raw)) for sent, raw in extract(doc)]
    return resolve(doc, article.doc_id, items, url=article.url, published=article.published, title=article.title)


def process_article(nlp: Language, article: Article) -> tuple[list[Event], list[Mention]]:
    """Annotate one article and return its events and their mentions."""
    return events_of_doc(nlp(article.text), article)
