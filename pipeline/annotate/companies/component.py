"""Company ruler: every company mention of a Doc, in ``doc.spans["companies"]``.

Evidence, strongest first: the gazetteer ("Numericable-SFR", "Caisse des dépôts"), a cue
noun ("la start-up Mistral AI", "l'opérateur Free"), a legal form ("Gemalto NV"), then the
statistical NER: ORG spans, and MISC/PER/LOC spans that look like companies (CamelCase
"CloudWatt", which the model tags PER; names after a cue, also past an adjective or a
nationality: "la compagnie aérienne X"). Overlaps keep the strongest, then the longest. A rule
then reads the whole document: an acronym in parentheses right after a company
("Pakistan International Airlines (PIA)") is that company, here and wherever the document
writes it again. Each span gets ``span._.kind`` (operator, software, bank, ...) and
``span._.canonical`` (the gazetteer name, or the text).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pipeline.annotate.companies.patterns import cue_nouns, legal_forms, load_gazetteer, not_companies

COMPANIES_KEY = "companies"
for _name in ("kind", "canonical", "evidence"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)

# evidence -> priority (lower wins)
PRIORITY = {"gazetteer": 0, "cue": 1, "legal_form": 2, "ner_org": 3, "ner_other": 4}
# cue nouns that also name people ("le spécialiste américain Anthony Fauci"); past an adjective they
# do not make a company of a name the NER reads as a person's
PERSON_NOUNS = frozenset({"spécialiste", "rival", "concurrent", "investisseur", "actionnaire", "acquéreur", "repreneur", "industriel", "géant", "cible"})
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][A-Za-z]*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")
_FUNCTION_POS = {"ADP", "CCONJ", "DET", "PUNCT", "SCONJ", "PRON", "AUX", "VERB"}
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z]\w*$|^[A-Z0-9]{2,}$|^[A-Za-z]+\d\w*$")


class CompanyRuler:
    def __init__(self, nlp: Language, gazetteer_path: str | None = None, trust_ner: bool = False) -> None:
        # trust_ner: the NER is the fine-tuned one (models/company-ner), whose ORG boundaries follow
        # the annotation (kept as they are) and whose PER/MISC/LOC are not second-guessed by shape
        self.trust_ner = trust_ner
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.entries = {}
        self.ambiguous: set[str] = set()
        names: dict[str, list[str]] = {}
        for entry in load_gazetteer(gazetteer_path):
            for surface in (entry.name, *entry.aliases):
                names.setdefault(entry.name, []).append(surface)
                self.entries[surface] = entry
                if entry.ambiguous and surface == entry.name:
                    self.ambiguous.add(surface)
        # "Buzzfeed", "Linkedin": news text often writes a one-word name with inner capitals
        # ("BuzzFeed", "LinkedIn") with its first capital only
        for surfaces in names.values():
            for surface in list(surfaces):
                if _INNER_CAPITAL.match(surface):
                    variant = surface[0] + surface[1:].lower()
                    if variant not in self.entries:
                        surfaces.append(variant)
                        self.entries[variant] = self.entries[surface]
                        if surface in self.ambiguous:
                            self.ambiguous.add(variant)
        # "la Voix du Nord", "le Parisien", "au Parisien": a name that starts with an article is often
        # written with it in lower case or merged with a preposition; the variant matches and the span
        # starts after the article
        self.lower_article: set[str] = set()
        self.merged_article: set[str] = set()  # "du Monde": not inside a longer name ("la Coupe du Monde")
        for surfaces in list(names.values()):
            for surface in list(surfaces):
                first, sep, rest = surface.partition(" ")
                if sep and first in ("Le", "La", "Les") and rest[:1].isupper():
                    # "au Parisien", "du Parisien", "aux Échos": the article merged with "à"/"de"
                    merged = {"Le": ("le", "au", "du"), "La": ("la",), "Les": ("les", "aux", "des")}[first]
                    for article in merged:
                        variant = article + " " + rest
                        surfaces.append(variant)
                        self.entries[variant] = self.entries[surface]
                        self.lower_article.add(variant)
                        if article != first.lower():
                            self.merged_article.add(variant)
                        if surface in self.ambiguous:
                            self.ambiguous.add(variant)
        tokenizer = nlp.tokenizer
        for canonical, surfaces in names.items():
            self.matcher.add(canonical, [tokenizer(s) for s in surfaces])
        self.cues = cue_nouns()
        # the last word of each cue ("up" of "start-up", "presse" of "agence de presse"): a quick test
        self.cue_last_words = {re.split(r"[\s'’-]", cue)[-1] for cue in self.cues}
        self.legal = legal_forms()
        self.not_companies = not_companies()

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[COMPANIES_KEY] = self.find(doc)
        return doc

    def find(self, doc: Doc) -> list[Span]:
        candidates: list[tuple[int, int, str, str | None, str]] = []  # start, end, evidence, canonical, kind
        for _match_id, start, end in self.matcher(doc):
            surface = doc[start:end].text
            entry = self.entries.get(surface)
            if entry is None:
                continue
            if surface in self.ambiguous and not self._company_context(doc, start, end):
                continue
            if end - start == 1 and any(ent.label_ == "PER" and end == ent.end and _first_names(doc, ent.start, start) for ent in doc.ents):
                continue  # "Martin Bouygues", "Arnaud Lagardère": the family name of a person, not the group ("la Corolla Toyota" is a car)
            if surface in self.merged_article and (
                start > 0 and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start
                or end < len(doc) and doc[end].text[:1].isupper() and not doc[end].is_sent_start
            ):
                continue  # "la Coupe du Monde", "du Télégramme Breton": part of a longer name
            if surface in self.lower_article:
                start += 1  # "la Voix du Nord": the name without its lower-case article
            candidates.append((start, end, "gazetteer", entry.name, entry.kind))
        for start, end in self._after_cues(doc):
            candidates.append((start, end, "cue", None, "company"))
        for start, end in self._legal_form_spans(doc):
            candidates.append((start, end, "legal_form", None, "company"))
        for ent in doc.ents:
            start, end = _trim_punct(doc, ent.start, ent.end) if self.trust_ner and ent.label_ == "ORG" else _trim(doc, ent.start, ent.end)
            if start >= end:
                continue
            if ent.label_ == "ORG":
                candidates.append((start, end, "ner_org", None, "company"))
            elif self._looks_like_company(doc, ent.label_, start, end):
                candidates.append((start, end, "ner_other", None, "company"))
        spans: list[Span] = []
        taken: set[int] = set()
        for start, end, evidence, canonical, kind in sorted(candidates, key=lambda c: (-(c[1] - c[0]), PRIORITY[c[2]], c[0])):
            if any(i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            if text.lower() in self.not_companies or not any(ch.isupper() for ch in text[:1] + text):
                continue
            span = Span(doc, start, end, label="ORG")
            span._.canonical = canonical or text
            span._.kind = kind
            span._.evidence = evidence
            taken.update(range(start, end))
            spans.append(span)
        spans += self._acronyms(doc, spans, taken)
        return sorted(spans, key=lambda s: s.start)

    def _acronyms(self, doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
        """"Pakistan International Airlines (PIA)": the acronym a company gets in parentheses, and
        every other place the document writes it, unless the NER calls it a person there. Only a
        name with company evidence (gazetteer, cue noun, legal form) defines one: the NER's ORG
        spans are as often agencies and parties ("Agence régionale de santé (ARS)")."""
        defined: dict[str, Span] = {}
        for span in spans:
            if span._.evidence not in ("gazetteer", "cue", "legal_form"):
                continue
            i = span.end
            if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and _ACRONYM.match(doc[i + 1].text):
                defined.setdefault(doc[i + 1].text, span)
        if not defined:
            return []  # most documents: no token to look at again
        out = []
        for tok in doc:
            company = defined.get(tok.text)
            if company is None or tok.i in taken or tok.ent_type_ == "PER" or tok.lower_ in self.not_companies:
                continue
            span = Span(doc, tok.i, tok.i + 1, label="ORG")
            span._.canonical, span._.kind, span._.evidence = tok.text, company._.kind, "acronym"
            taken.add(tok.i)
            out.append(span)
        return out

    def _company_context(self, doc: Doc, start: int, end: int) -> bool:
        """An ambiguous name ("Orange", "Free") counts unless the model says person or place."""
        for ent in doc.ents:
            if ent.start <= start < ent.end and ent.label_ in ("PER", "LOC"):
                # "Orange détient 46 % de Numergy": a subject of a verb is no place
                return self._after_cue(doc, start) or (end < len(doc) and doc[end].pos_ in ("VERB", "AUX"))
        # sentence-initial capital alone is weak evidence: require the NER or a cue there
        if doc[start].is_sent_start and not any(ent.start <= start < ent.end for ent in doc.ents):
            # the fine-tuned NER leaves more names untagged than the stock one (which often said MISC):
            # there, the subject of a verb ("Free s'offre ...") is enough
            return self._after_cue(doc, start) or self.trust_ner and _subject_of_verb(doc, end)
        return True

    def _after_cue(self, doc: Doc, start: int, end: int | None = None) -> bool:
        """A cue noun right before the name, or before an adjective or nationality that comes first
        ("la compagnie aérienne X", "le quotidien italien X"). With ``end``, past an adjective: not a
        noun that also names people before a name the NER reads as a person's ("le rival américain
        Paul Martin"; right after the noun, "son concurrent Paul Martin", the noun wins)."""
        i = _before_modifiers(doc, start, self.cues)
        cue = self._cue_ending(doc, i - 1)
        if cue is None:
            return False
        return not (end is not None and i < start and cue in PERSON_NOUNS and _full_person(doc, start, end))

    def _cue_ending(self, doc: Doc, last: int) -> str | None:
        """The cue noun or phrase whose last token is ``last`` ("groupe", "start-up", "agence de presse")."""
        if last < 0 or doc[last].lower_ not in self.cue_last_words:
            return None
        for n in (1, 2, 3):
            first = last - n + 1
            if first < 0:
                break
            words = [t.lower_ for t in doc[first : last + 1]]
            phrase = "".join(w if w.endswith(("'", "’")) or nxt == "-" or w == "-" else w + " " for w, nxt in zip(words, words[1:] + [""], strict=True)).strip()
            if phrase in self.cues:
                return phrase
        return None

    def _after_cues(self, doc: Doc) -> list[tuple[int, int]]:
        out = []
        for tok in doc:
            if tok.i + 1 >= len(doc):
                continue
            # "start-up", "jeune pousse", "agence de presse": the cue's last token closes it
            cue = self._cue_ending(doc, tok.i)
            if cue is None:
                continue
            name = _after_modifiers(doc, tok.i + 1, self.cues)  # "la compagnie aérienne Aerovala": past the adjective
            if name > tok.i + 1 and name + 1 < len(doc) and doc[name].text == ",":
                # "la radio publique danoise, Nordvik, a annoncé": a name set off by commas
                end = _name_end(doc, name + 1)
                if end > name + 1 and end < len(doc) and doc[end].text in (",", ")") and not _full_person(doc, name + 1, end):
                    name += 1
            j = _name_end(doc, name)
            if j > name and len(doc[name:j].text) > 1 and not (name > tok.i + 1 and cue in PERSON_NOUNS and _full_person(doc, name, j)):
                # "Banque Orvane", "Groupe Perenne": a capitalised cue is part of the name
                first = tok.i if tok.text[:1].isupper() and not tok.is_sent_start and name == tok.i + 1 else name
                out.append((first, j))
        return out

    def _legal_form_spans(self, doc: Doc) -> list[tuple[int, int]]:
        out = []
        for tok in doc:
            if tok.text not in self.legal or tok.i == 0:
                continue
            j = tok.i
            while j > 0 and _is_name_token(doc[j - 1], first=False) and doc[j - 1].text not in self.legal:
                j -= 1
            if j < tok.i:
                out.append((j, tok.i + 1))
        return out

    def _looks_like_company(self, doc: Doc, label: str, start: int, end: int) -> bool:
        text = doc[start:end].text
        if end - start == 1 and _CAMEL.match(text) and label in ("PER", "MISC", "LOC") and not self.trust_ner:
            return True
        if self._after_cue(doc, start, end):
            return True
        # MISC also covers products, events, nationalities and races (measured on WiNER: 30
        # companies for 262 other things), so a MISC span needs the evidence above
        return False


def _name_end(doc: Doc, start: int) -> int:
    """The index past the name tokens that start at ``start`` (``start`` itself when none)."""
    j = start
    while j < len(doc) and _is_name_token(doc[j], first=j == start):
        j += 1
    return j


def _is_name_token(tok: Token, first: bool) -> bool:
    text = tok.text
    if tok.is_space or tok.is_punct and text not in ("-", "&", "."):
        return False
    if text[:1].isupper() or text[:1].isdigit() and not first:
        return True
    if not first and text in ("-", "&", "de", "des", "du", "et") and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text[:1].isupper():
        return text in ("-", "&")
    return False


# articles and "de" forms trimmed from the front of a span (also from the fine-tuned NER's ORG spans),
# and the wider set of function words trimmed from other spans' edges
_LEADING_ARTICLES = frozenset({"le", "la", "les", "l'", "l’", "d'", "d’", "du", "des", "de"})
_LEADING_WORDS = _LEADING_ARTICLES | {"un", "une", "au", "aux", "à", "par", "en", "chez", "selon", "dans", "pour", "avec", "sur", "et", "ou"}


# "le Suédois Astra", "l'Américain Pfizer": a nationality before a company name is no part of it
NATIONALITIES = {
    "français", "française", "allemand", "allemande", "américain", "américaine", "britannique", "anglais", "anglaise",
    "italien", "italienne", "espagnol", "espagnole", "suédois", "suédoise", "suisse", "belge", "néerlandais",
    "néerlandaise", "japonais", "japonaise", "chinois", "chinoise", "coréen", "coréenne", "sud-coréen", "sud-coréenne",
    "indien", "indienne", "canadien", "canadienne", "russe", "norvégien", "norvégienne", "danois", "danoise", "finlandais",
    "finlandaise", "autrichien", "autrichienne", "israélien", "israélienne", "luxembourgeois", "luxembourgeoise", "portugais",
    "portugaise", "brésilien", "brésilienne", "australien", "australienne", "irlandais", "irlandaise", "polonais", "polonaise",
    "turc", "turque", "qatari", "qatarie", "émirati", "saoudien", "saoudienne", "taïwanais", "taïwanaise",
    "hong-kongais", "hong-kongaise", "singapourien", "singapourienne", "mexicain", "mexicaine", "argentin", "argentine",
    "sud-africain", "sud-africaine", "marocain", "marocaine", "algérien", "algérienne", "tunisien", "tunisienne", "grec",
    "grecque", "tchèque", "hongrois", "hongroise", "roumain", "roumaine", "ukrainien", "ukrainienne", "égyptien",
    "égyptienne", "iranien", "iranienne", "vietnamien", "vietnamienne", "thaïlandais", "thaïlandaise", "indonésien",
    "indonésienne", "malaisien", "malaisienne", "chilien", "chilienne", "colombien", "colombienne", "écossais", "écossaise",
    "émiratie", "koweïtien", "koweïtienne", "nigérian", "nigériane", "québécois", "québécoise", "new-yorkais", "new-yorkaise",
}


def _strip_nationality(doc: Doc, start: int, end: int) -> int:
    while end - start > 1 and doc[start].lower_ in NATIONALITIES:
        start += 1
    return start


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing function words the NER swallowed ("Caisse des dépôts et par")."""
    while end > start and (doc[end - 1].pos_ in _FUNCTION_POS and not doc[end - 1].text[:1].isupper() or doc[end - 1].is_punct) and doc[end - 1].text not in (")", "+"):
        end -= 1
    while start < end and (
        (doc[start].pos_ in ("DET", "ADP", "PUNCT") and (not doc[start].text[:1].isupper() or doc[start].lower_ in _LEADING_WORDS))
        or doc[start].lower_ in ("l'", "d'")
    ):
        start += 1  # "la Poste" -> "Poste", but not "Asten Santé" -> "Santé" (the tagger's ADP)
    return _strip_nationality(doc, start, end), end


def _trim_punct(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Punctuation and spaces at the edges, and a lower-case leading article ("la Poste"); the rest of
    a trusted NER's boundaries is kept ("Le Parisien", "Marc Ladreit de Lacharrière")."""
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in (")", "+", "!"):
        end -= 1
    while start < end and (
        (doc[start].is_punct or doc[start].is_space) and doc[start].text != "("
        or doc[start].lower_ in _LEADING_ARTICLES and not doc[start].text[:1].isupper()
    ):
        start += 1
    if end - start > 1 and doc[start].pos_ == "NOUN" and doc[start].text.islower() and doc[start].text not in cue_nouns() and doc[start + 1].text[:1].isupper():
        start += 1  # "le géant de la chimie Bayer": the sector the NER swallowed is no part of the name
    return _strip_nationality(doc, start, end), end


def _modifier(tok: Token, cues: dict[str, str]) -> bool:
    """A lower-case adjective or nationality between a cue noun and a name."""
    hyphenated = "-" in tok.text and all(part.isalpha() for part in tok.text.split("-"))  # "haut-de-gamme" as one token
    return tok.text.islower() and tok.lower_ not in cues and (tok.lower_ in NATIONALITIES or tok.pos_ == "ADJ" or hyphenated)


def _compound_modifier(doc: Doc, first: int) -> bool:
    """"low-cost", "haut-de-gamme" split by the tokenizer: lower-case words joined by hyphens,
    starting at token ``first``."""
    return first + 2 < len(doc) and doc[first].is_lower and doc[first].is_alpha and doc[first + 1].text == "-" and doc[first + 2].is_lower and doc[first + 2].is_alpha


def _after_modifiers(doc: Doc, start: int, cues: dict[str, str]) -> int:
    """The index past the (at most two) adjectives, nationalities or hyphenated compounds that
    start at ``start``."""
    j = start
    for _ in range(2):
        if _compound_modifier(doc, j):
            j += 3
        elif j < len(doc) and _modifier(doc[j], cues):
            j += 1
        else:
            break
    return j


def _before_modifiers(doc: Doc, start: int, cues: dict[str, str]) -> int:
    """The index past the (at most two) adjectives, nationalities or hyphenated compounds right
    before ``start``."""
    j = start
    for _ in range(2):
        if j >= 3 and _compound_modifier(doc, j - 3):
            j -= 3
        elif j > 0 and _modifier(doc[j - 1], cues):
            j -= 1
        else:
            break
    return j


def _first_names(doc: Doc, start: int, surname: int) -> bool:
    """One or two capitalised words before a family name, in a person span with no article before
    it ("Martin Bouygues", "Jean-Claude Decaux"; not "la Corolla Toyota", "Ramsay-Générale de Santé")."""
    names = doc[start:surname]
    return 1 <= len(names) <= 2 and all(t.is_alpha or "-" in t.text for t in names) and all(t.text[:1].isupper() for t in names) and not _after_article(doc, start)


def _after_article(doc: Doc, i: int) -> bool:
    """A person's name takes no article: "la Corolla Toyota" is a thing the model may call PER."""
    return i > 0 and doc[i - 1].lower_ in _LEADING_ARTICLES | {"un", "une", "au", "aux"}


def _full_person(doc: Doc, start: int, end: int) -> bool:
    """The NER reads a first and a last name here ("le spécialiste américain Anthony Fauci")."""
    return end - start >= 2 and all(doc[i].ent_type_ == "PER" for i in range(start, end))


def _subject_of_verb(doc: Doc, end: int) -> bool:
    """A verb (or a reflexive pronoun and a verb: "s'offre") right after the name."""
    if end < len(doc) and doc[end].pos_ in ("VERB", "AUX"):
        return True
    return end + 1 < len(doc) and doc[end].lower_ in ("s'", "s’", "se") and doc[end + 1].pos_ in ("VERB", "AUX")


@Language.factory("rachat_companies", default_config={"gazetteer_path": None, "trust_ner": False})
def make_company_ruler(nlp: Language, name: str, gazetteer_path: str | None, trust_ner: bool) -> CompanyRuler:
    return CompanyRuler(nlp, gazetteer_path, trust_ner=trust_ner)
