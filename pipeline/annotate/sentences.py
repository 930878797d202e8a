"""Sentence boundaries that respect line breaks.

Headlines, subheads and list items sit on their own line in news dumps; the parser
would glue them to the next sentence. Setting ``is_sent_start`` before the parser
makes it respect them. Example: "Orange rachète Cloudwatt\\nL'opérateur ..." is two
sentences.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

SENTENCE_END = {".", "!", "?", "…", "...", "»", ";"}
# abbreviations whose final period does not end a sentence ("Logimax Inc. a été racheté")
ABBREVIATIONS = {"inc.", "corp.", "ltd.", "co.", "cie.", "s.a.", "s.a.s.", "n.v.", "m.", "mm.", "mme.", "dr.", "st.", "etc.", "cf.", "p."}


@Language.component("rachat_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence; elsewhere only final punctuation may.

    The parser alone splits news sentences in odd places ("SFR-Numericable | récupère les
    parts ..."), so a token that follows neither punctuation nor a line break is marked as
    not starting a sentence.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if token.is_space:
            continue
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
        elif prev.lower_ in ABBREVIATIONS or (prev.text == "." and token.i >= 2 and doc[token.i - 2].lower_ + "." in ABBREVIATIONS and not doc[token.i - 2].whitespace_):
            token.is_sent_start = False
        elif prev.text not in SENTENCE_END and not prev.text.endswith((".", "!", "?")):
            token.is_sent_start = False
    return doc
