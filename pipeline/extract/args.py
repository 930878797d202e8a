"""Argument candidates of a sentence: companies, descriptions, pronouns, relatives.

Each candidate carries the marker that introduces it (bare subject/object, "par", "à",
"auprès de", "de", "dans", "avec", "entre", "sur") and whether it is the holder of a
stake ("la part d'Atos", "les parts détenues par Thales") or the company whose capital
is counted ("20 % de Numergy", "au capital de Mistral AI").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pipeline.annotate.companies.component import COMPANIES_KEY, NATIONALITIES, _strip_nationality
from pipeline.annotate.companies.patterns import cue_nouns
from pipeline.annotate.quantities.component import QUANTITIES_KEY
from pipeline.extract.places import is_place

STAKE_HOLDER_NOUNS = {"part", "parts", "celle", "celles", "participation", "participations", "actions", "action", "titres"}
CAPITAL_NOUNS = {"capital", "%", "moitié", "tiers", "quart", "quarts", "totalité", "intégralité", "majorité", "reste", "contrôle", "ensemble", "cent", "actifs", "activités"}
DETERMINERS = {"le", "la", "l'", "les", "un", "une", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "du", "des"}
# a company right after these is the story's source, not a party ("selon Les Échos",
# "signale le journal Les Échos"); "rachète le journal Le Monde" makes it a target
SOURCE_CUES = {"selon", "d'après", "rapporte", "rapportent", "révèle", "révèlent", "signale", "indique", "écrit", "affirme", "confrères", "précise", "relate", "raconte"}
PRONOUNS = {"il", "elle"}
# participles that make the agent after "par" the story's source ("révélée par L'Équipe")
REPORTED = re.compile(r"^(?:révél|rapport|publi|dévoil|relay)(?:é|ée|és|ées)$")
# descriptions that are not companies even after a determiner
CUE_PARTS = {"start", "-", "up", "jeune", "pousse"}  # pieces of "start-up", "jeune pousse"
# nouns that introduce a person ("l'homme d'affaires Xavier Niel"): skipped to find the marker
PERSON_CUES = {"homme", "femme", "affaires", "d'affaires", "milliardaire", "patron", "patronne", "fondateur", "fondatrice", "magnat", "famille", "investisseur", "entrepreneur", "héritier", "héritière"}
# nouns that are not a description of the name after them ("la part Atos" is no apposition)
DESCRIPTION_STOPS = {"part", "parts", "participation", "participations", "actions", "titres", "capital", "contrôle", "totalité", "intégralité", "majorité", "moitié", "reste", "ensemble", "filiale", "filiales", "actionnaire", "actionnaires", "propriétaire", "rachat", "vente", "cession", "acquisition", "reprise", "fusion", "offre"}
# a part of a company's business: "la branche américaine de TikTok", "la branche énergie d'Alstom",
# "les activités européennes de X" count X's business, as "les activités de X" does
BUSINESS_PARTS = {"branche", "branches", "division", "divisions", "pôle", "activités", "activité", "actifs", "opérations"}
TRIGGER_NOUNS = {"filiale", "actionnaire", "filiales", "actionnaires", "acquéreur", "repreneur", "cible", "investisseur"}


@dataclass(frozen=True)
class Arg:
    start: int
    end: int
    text: str
    kind: str | None
    anaphor: str | None  # None (a name), "description", "pronoun"
    marker: str  # bare, par, a, aupres, de, dans, avec, entre, sur
    holder: bool = False
    capital_of: bool = False
    start_char: int = 0


def _norm(text: str) -> str:
    return text.lower().replace("’", "'")


NEWS_AGENCIES = {"afp", "reuters", "ap", "bloomberg", "belga", "ansa", "dpa", "xinhua", "efe"}
# weekdays only: months name companies too ("le groupe Avril", "Mars")
CALENDAR_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
STREET_WORDS = {"rue", "avenue", "boulevard", "place", "quai", "allée", "impasse", "cours"}
QUOTES = {'"', "«", "»", "“", "”"}
NOT_PARTIES = re.compile(
    r"^(?:le\s+|la\s+|l')?(?:ministre|ministère|président|présidente|gouvernement|député|sénateur|maire|préfet|juge|tribunal"
    r"|commission|conseil)$|^(?:le\s+|la\s+|l')?(?:commission|conseil)\s+(?:arbitrale|européenne|d'[ée]tat|constitutionnel|de\s+surveillance|d'administration|municipal|régional)\b|^(?:le\s+|la\s+|l')?(?:ministre|ministère|président|présidente|gouvernement|député|sénateur|maire|préfet|juge|tribunal)\b"
    r"|^(?:le\s+|les\s+)?syndicats?\b"  # trade unions ("le Syndicat du Livre-CGT") protest deals, they make none
    r"|^(?:le\s+|la\s+|l')?(?:CSE|CHSCT|comit[ée]\s+(?:social|d'entreprise|central))\b"  # works councils neither
    r"|^(?:le\s+)?premier\s+ministre\b|^(?:ça|cela|ceci)$|^(?:covid(?:-19)?|coronavirus|sars-cov-2)$"  # nor pronouns, nor a virus
    r"|^(?:l'|le\s+groupe\s+)?(?:[ée]tat\s+islamique|daech|al-qa[ïi]da)\b",  # nor armed groups
    re.IGNORECASE,
)
# seats of power speak for a state ("la Maison Blanche a salué"): never what "il" or "le groupe" stands for
SEATS_OF_POWER = re.compile(r"^(?:le\s+|la\s+|l')?(?:maison[\s-]+blanche|[ée]lys[ée]e|kremlin|matignon|bercy)\b", re.IGNORECASE)
DOMAIN = re.compile(r"\.(?:com|fr|net|org|vote|us|io|eu|info)$", re.IGNORECASE)


def _is_source(doc: Doc, start: int, end: int | None = None) -> bool:
    """A news source quoted for the story ("selon Les Échos", "(AFP)"), not a party to it."""
    for tok in doc[max(0, start - 4) : start]:
        if _norm(tok.text) in SOURCE_CUES and not any(t.is_punct or t.pos_ in ("VERB", "AUX", "PROPN") or _norm(t.text) in ("que", "qu'") for t in doc[tok.i + 1 : start]):
            return True
    j = start - 1 if start >= 1 and doc[start - 1].pos_ == "DET" else start  # "révélée par le Monde"
    if j >= 2 and _norm(doc[j - 1].text) == "par" and REPORTED.match(_norm(doc[j - 2].text)):
        return True  # "une information révélée par L'Équipe", "publiée par le Financial Times"
    if end is not None and _norm(doc[start:end].text) in NEWS_AGENCIES:
        before = doc[start - 1].text if start > 0 else ""
        after = doc[end].text if end < len(doc) else ""
        if before == "(" or after in (")", "-", "–") or start <= 2:
            return True
    return False


EDITORIAL_MARKS = {"ndlr", "ndr", "n.d.l.r.", "n.d.r."}


ORDINALS = {"dernier": ("ce",), "dernière": ("cette",), "premier": ("le", "du", "au"), "première": ("la",), "second": ("le", "du", "au"), "seconde": ("la",)}


def _ordinal_pronoun(doc: Doc, tok: Token, sent: Span) -> bool:
    """"ce dernier", "la première", "le second" standing alone for a company named before (not
    "ce dernier trimestre", "le premier actionnaire")."""
    dets = ORDINALS.get(tok.lower_)
    if dets is None or tok.i <= sent.start or doc[tok.i - 1].lower_ not in dets:
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < sent.end else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "ADJ", "PROPN", "NUM") or nxt.text[:1].isupper() or nxt.lower_ in ("de", "d'", "d’", "à"))


# a company's governing bodies: their decisions are the company's
ORGANS = ("conseil d'administration", "conseil de surveillance", "direction", "directoire", "comité exécutif", "dirigeants")


def _organ_subject(doc: Doc, de: int, sent_start: int) -> bool:
    """The "de" at ``de`` completes a governing body that opens its clause ("Le conseil
    d'administration de X ...", ", la direction du groupe ...")."""
    for organ in ORGANS:
        n = len(organ.replace("'", "' ").split())
        first = de - n
        if first - 1 < sent_start:
            continue
        words = "".join(t.lower_ + ("" if t.lower_.endswith("'") else " ") for t in doc[first:de]).strip()
        if words == organ and _norm(doc[first - 1].text) in ("le", "la", "les", "l'") and (first - 1 == sent_start or doc[first - 2].text == ","):
            return True
    return False


def _not_a_party(doc: Doc, start: int, end: int) -> bool:
    """Officials, street names and web domains are not companies in a deal."""
    text = doc[start:end].text
    if NOT_PARTIES.match(text) or DOMAIN.search(text) or _norm(text) in NEWS_AGENCIES:
        return True  # news agencies report deals, they are almost never a party to one
    if _norm(text) in EDITORIAL_MARKS:
        return True  # "(Jean Martin, NDLR)": the newsroom's note, not a name
    if _norm(text) in ("état", "etat") and end < len(doc) and _norm(doc[end].text) == "islamique":
        return True  # "le groupe État islamique": an armed group, not the state
    if _norm(text) in CALENDAR_WORDS:
        return True  # "Vendredi, Paul Martin est devenu ...": a day that opens the sentence
    return any(_norm(t.text) in STREET_WORDS for t in doc[max(0, start - 2) : start])


# titles and kinship words that only stand before a person's name ("du président Poutine",
# "le capitaine Haddock", "son ex-mari Coluche"): such a name is never a company bought
PERSON_TITLES = {
    "président", "présidente", "ministre", "roi", "reine", "prince", "princesse", "capitaine", "général", "colonel",
    "acteur", "actrice", "chanteur", "chanteuse", "animateur", "animatrice", "journaliste", "écrivain", "écrivaine",
    "romancier", "romancière", "pilote", "joueur", "joueuse", "entraîneur", "sélectionneur", "mari", "ex-mari", "épouse",
    "ex-épouse", "fils", "fille", "père", "mère", "frère", "sœur", "oncle", "tante", "compagnon", "compagne", "veuve",
    "sénateur", "sénatrice", "député", "députée", "maire", "juge", "procureur", "procureure", "avocat", "avocate",
    "comédien", "comédienne", "réalisateur", "réalisatrice", "humoriste", "rappeur", "chancelier", "chancelière",
    "pape", "cardinal", "docteur", "professeur", "m.", "mme",
}


def _titled(doc: Doc, start: int, sent_start: int) -> bool:
    """A person's title right before the name, past adjectives ("son tout-puissant patron" is
    an owner noun, not a title)."""
    j = start - 1
    while j >= sent_start and doc[j].pos_ == "ADJ" and _norm(doc[j].text) not in PERSON_TITLES:
        j -= 1
    return j >= sent_start and _norm(doc[j].text) in PERSON_TITLES


def _cue_before(doc: Doc, start: int, sent_start: int, cues: dict[str, str]) -> str | None:
    """The kind of the company noun right before a name, past nationalities and adjectives
    ("la start-up américaine X" -> start-up's kind), or None."""
    j = start - 1
    while j >= sent_start and (_norm(doc[j].text) in NATIONALITIES or (doc[j].pos_ == "ADJ" and _norm(doc[j].text) not in cues)):
        j -= 1
    if j - 2 >= sent_start and doc[j].pos_ == "NOUN" and _norm(doc[j].text) not in cues and _norm(doc[j - 1].text) in ("de", "d'") and _norm(doc[j - 2].text) in cues:
        j -= 2  # "le studio de production X", "le groupe de médias X"
    for n in (1, 2, 3):  # "groupe"; "jeune pousse"; "start-up", three tokens
        first = j - n + 1
        if first - 1 < sent_start:
            break
        words = [_norm(t.text) for t in doc[first : j + 1]]
        for phrase in ("".join(words), " ".join(words)):
            if phrase in cues and _norm(doc[first - 1].text) in DETERMINERS:
                return cues[phrase]
    return None


def _marker(doc: Doc, start: int, sent_start: int, cues: dict[str, str]) -> tuple[str, bool, bool]:
    """Marker, holder, capital_of for a candidate starting at token ``start``."""
    j = start - 1
    if j - 1 >= sent_start and doc[j].text in QUOTES and _norm(doc[j - 1].text) in cues:
        j -= 1  # "le magazine « Elle »": the company noun before the quotes, not a film's title
    while j >= sent_start and (
        _norm(doc[j].text) in DETERMINERS - {"du", "des"}
        or _norm(doc[j].text) in NATIONALITIES
        or _norm(doc[j].text) in cues
        or doc[j].pos_ == "ADJ"
        or _norm(doc[j].text) in CUE_PARTS
        or _norm(doc[j].text) in PERSON_CUES
        or (_norm(doc[j].text) == "d'" and j + 1 < start and _norm(doc[j + 1].text) == "affaires")
    ):
        j -= 1
    # "dans l'éditeur de logiciels Logistra": step back over the whole description
    k = j if j >= sent_start and doc[j].pos_ != "ADP" else sent_start - 1
    while k >= sent_start and start - k <= 8 and (doc[k].pos_ in ("NOUN", "ADJ", "DET") or _norm(doc[k].text) in ("de", "d'", "du", "des", "en", "à") or _norm(doc[k].text) in CUE_PARTS):
        if _norm(doc[k].text) in cues and k - 1 >= sent_start and _norm(doc[k - 1].text) in DETERMINERS - {"du", "des"}:
            j = k - 2
            break
        k -= 1
    # "par l'équipe Infogrames", "à l'homme d'affaires X": a determiner and a noun that no
    # list knows, right after the preposition, describe the name that follows
    # (a "verb" right after a determiner is a noun the tagger missed: "à son associé X")
    nounlike = doc[j].pos_ == "NOUN" or (doc[j].pos_ == "VERB" and j - 1 >= sent_start and _norm(doc[j - 1].text) in DETERMINERS)
    if j - 1 >= sent_start and nounlike and _norm(doc[j].text) not in DESCRIPTION_STOPS:
        d = j - 1
        if d - 1 >= sent_start and (doc[d].like_num or doc[d].pos_ == "NUM"):
            d -= 1  # "entre les deux géants X et Y"
        if _norm(doc[d].text) in ("l'", "le", "la", "les", "son", "sa", "leur") and d - 1 >= sent_start and _norm(doc[d - 1].text) in ("par", "à", "au", "aux", "dans", "chez", "avec", "entre", "sur", "auprès"):
            j = d - 1  # "par l'équipe Infogrames", "à son associé Lisco" ("de la branche X" stays bare: too loose)
        elif _norm(doc[d].text) in ("des", "du", "aux", "au"):
            j = d  # "la fusion des groupes Arcelor et Mittal"
    if j < sent_start:
        return "bare", False, False
    w = _norm(doc[j].text)
    prev = _norm(doc[j - 1].text) if j - 1 >= sent_start else ""
    prev2 = _norm(doc[j - 2].text) if j - 2 >= sent_start else ""
    if w in ("de", "d'", "du", "des"):
        if prev == "auprès" or (prev == "part" and prev2 == "la" and j - 3 >= sent_start and _norm(doc[j - 3].text) == "de"):
            return "aupres", False, False
        if prev == "sein" or (prev == "capital" and prev2 in ("au", "le", "du")):
            return "dans", False, True
        if _organ_subject(doc, j, sent_start):
            return "bare", False, False  # "le conseil d'administration de Renault étudie ...": the board speaks for its company
        k = j - 1
        while k >= sent_start and doc[k].text in (")", "("):
            k -= 1
        prevw = _norm(doc[k].text) if k >= sent_start else ""
        holder = prevw in STAKE_HOLDER_NOUNS
        capital = prevw in CAPITAL_NOUNS or _ends_percent(doc, k) or _business_part(doc, k, sent_start)
        later_dans = any(_norm(t.text) in ("dans", "au") for t in doc[start : min(len(doc), start + 6)])
        if holder and not later_dans and k - 2 >= sent_start and _norm(doc[k - 1].text) in ("des", "du", "de") and _ends_percent(doc, k - 2):
            # "43,4 % des actions de Nissan": the capital counted ("la totalité des parts
            # d'Engie dans Dalkia" keeps Engie the holder)
            holder, capital = False, True
        return "de", holder, capital
    if w == "par":
        # "les parts détenues par X", "les 10 % encore détenus par X": X holds the stake sold;
        # "le groupe détenu par la famille X": X owns the group
        held = prev.startswith(("détenu", "possédé"))
        stake_before = any(_norm(t.text) in STAKE_HOLDER_NOUNS or _ends_percent(doc, t.i) for t in doc[max(sent_start, j - 4) : j - 1])
        return "par", held and stake_before, False
    if w in ("à", "au", "aux"):
        return "a", False, False
    if w in ("dans", "chez"):
        return "dans", False, True
    if w in ("avec", "entre", "sur"):
        return w, False, False
    if doc[j].pos_ == "ADP" or w in ("en", "contre", "pour", "vers", "selon", "depuis", "sans", "sous", "face"):
        return "other", False, False  # "contre Daech", "en France": not a role of an ownership verb
    if w in ("et", "ou") or (w == "que" and prev == "ainsi"):
        return "coord", False, False
    return "bare", False, False


def _business_part(doc: Doc, k: int, sent_start: int) -> bool:
    """Token ``k`` ends a business part named after its determiner: "la branche américaine",
    "la branche énergie", "les activités européennes" (one or two words after the noun)."""
    for n in (1, 2):
        noun = k - n
        if noun - 1 < sent_start or not all(doc[i].pos_ in ("ADJ", "NOUN") and doc[i].text.islower() for i in range(noun + 1, k + 1)):
            break
        if _norm(doc[noun].text) in BUSINESS_PARTS:
            return _norm(doc[noun - 1].text) in DETERMINERS
    return False


# ("il reste actionnaire", "il semble vouloir racheter" are personal: not in the list)
IMPERSONAL = re.compile(r"^(?:faut|fallait|faudra|faudrait|fallu|s'agit|s'agissait|agit|agissait|y|suffit|suffisait)$")


def _impersonal(doc: Doc, i: int, sent_end: int) -> bool:
    """'il faut', 'il fallait', 'il s'agit', 'il y a': an impersonal "il" stands for nothing
    ("Bon, il fallait acheter TF1" names no buyer)."""
    if _norm(doc[i].text) != "il" or i + 1 >= sent_end:
        return False
    nxt = _norm(doc[i + 1].text)
    if nxt in ("s'", "n'", "ne") and i + 2 < sent_end:
        nxt = _norm(doc[i + 1].text + doc[i + 2].text) if nxt == "s'" else _norm(doc[i + 2].text)
    return bool(IMPERSONAL.match(nxt))


def _place_follows(doc: Doc, i: int) -> bool:
    """A country or region name starts at token ``i`` ("au Royaume-Uni", "à Mayotte")."""
    return any(is_place(doc[i : j].text) for j in range(i + 1, min(len(doc), i + 4) + 1))


def _ends_percent(doc: Doc, k: int) -> bool:
    for q in doc.spans.get(QUANTITIES_KEY, []):
        if q.label_ == "PERCENT" and q.start <= k < q.end:
            return True
    return False


def candidates(sent: Span) -> list[Arg]:
    """Argument candidates of one sentence, in text order."""
    doc = sent.doc
    cues = cue_nouns()
    out: list[Arg] = []
    covered: set[int] = set()
    for span in doc.spans.get(COMPANIES_KEY, []):
        if span.start < sent.start or span.end > sent.end or _is_source(doc, span.start, span.end) or _not_a_party(doc, span.start, span.end):
            covered.update(range(span.start, span.end))
            continue
        covered.update(range(span.start, span.end))
        marker, holder, capital = _marker(doc, span.start, sent.start, cues)
        out.append(Arg(span.start, span.end, span.text, span._.kind, None, marker, holder, capital, span.start_char))
    # 'la librairie "Pleiades"', "le magazine « Lire »": a quoted name after a company noun
    for tok in sent:
        if _norm(tok.text) in cues and tok.i + 2 < sent.end and doc[tok.i + 1].text in QUOTES and tok.i + 1 not in covered:
            close = next((t.i for t in doc[tok.i + 2 : min(sent.end, tok.i + 10)] if t.text in QUOTES), None)
            if close is None or close == tok.i + 2 or not doc[tok.i + 2].text[:1].isupper() or any(i in covered for i in range(tok.i + 2, close)):
                continue
            covered.update(range(tok.i + 2, close))
            marker, holder, capital = _marker(doc, tok.i + 1, sent.start, cues)
            out.append(Arg(tok.i + 2, close, doc[tok.i + 2 : close].text, cues[_norm(tok.text)], None, marker, holder, capital, doc[tok.i + 2].idx))
    # people and unknown proper nouns can own, sell or invest ("Xavier Niel", "la famille
    # Hurbain", "le français BlaBlaCar" that no list knows); they are candidates too, with a
    # kind that keeps people out of the target role
    for ent in sent.ents:
        if ent.label_ not in ("PER", "MISC", "LOC") or any(i in covered for i in range(ent.start, ent.end)):
            continue
        ent = Span(doc, _strip_nationality(doc, ent.start, ent.end), ent.end, label=ent.label_)  # "le Britannique Arena"
        if not ent.text[:1].isupper() and not re.match(r"^[a-z][A-Z]", ent.text):
            continue  # "le cloud" tagged MISC is a thing, not a name ("eBay" is one)
        if _is_source(doc, ent.start, ent.end) or _not_a_party(doc, ent.start, ent.end):
            continue
        marker, holder, capital = _marker(doc, ent.start, sent.start, cues)
        # the model tags many company names LOC (made-up "Kovalt", "Nubélis"); a place is rarely the
        # bare subject or object of an ownership verb, nor the holder or the capital counted,
        # while "à Paris", "en France", "de Lille" keep their preposition
        if ent.label_ == "LOC" and not (marker in ("bare", "par", "coord", "entre", "avec") or holder or capital or _loc_as_party(doc, ent.start, marker, covered) or _relative_object_at(doc, ent.end)):
            continue
        covered.update(range(ent.start, ent.end))
        # a one-word PER may well be a company the model does not know ("Lumeo")
        # a person's name takes no article: "du Télégramme Breton" is a title the model calls PER
        after_article = ent.start > sent.start and _norm(doc[ent.start - 1].text) in ("le", "la", "les", "l'", "du", "des", "au", "aux")
        kind = "person" if ent.label_ == "PER" and len(ent) > 1 and not after_article else "unknown"
        # "la start-up américaine Anthos AI", "le groupe français X": a company noun names a company
        kind = _cue_before(doc, ent.start, sent.start, cues) or ("person" if _titled(doc, ent.start, sent.start) else kind)
        out.append(Arg(ent.start, ent.end, ent.text, kind, None, marker, holder, capital, ent.start_char))
    # "Celle-ci appartient à Tencent", "celui-ci": a demonstrative pronoun, not a name
    for tok in sent:
        if _norm(tok.text) in ("celle", "celui") and tok.i + 2 < sent.end and doc[tok.i + 1].text == "-" and _norm(doc[tok.i + 2].text) in ("ci", "là"):
            if not any(i in covered for i in range(tok.i, tok.i + 3)):
                covered.update(range(tok.i, tok.i + 3))
                out.append(Arg(tok.i, tok.i + 3, doc[tok.i : tok.i + 3].text, "any", "pronoun", "bare", False, False, tok.idx))
    loc = {i for ent in sent.ents if ent.label_ == "LOC" for i in range(ent.start, ent.end)}
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        if _name_like(tok) and i not in covered and i not in loc:
            j = i
            while j < sent.end and _name_like(doc[j]) and j not in covered and j not in loc:
                j += 1
            covered.update(range(i, j))
            if not _not_a_party(doc, i, j):
                marker, holder, capital = _marker(doc, i, sent.start, cues)
                kind = "person" if _titled(doc, i, sent.start) else "unknown"
                out.append(Arg(i, j, doc[i:j].text, kind, None, marker, holder, capital, tok.idx))
            i = j
        else:
            i += 1
    for tok in sent:
        low = _norm(tok.text)
        if tok.i in covered:
            continue
        width = 1
        if low == "start" and tok.i + 2 < sent.end and doc[tok.i + 1].text == "-" and _norm(doc[tok.i + 2].text) == "up":
            low, width = "start-up", 3  # "la start-up", three tokens
        prev_det = _norm(doc[tok.i - 1].text) if tok.i > sent.start else ""
        # "sa cible", "la cible": the company the deal is about
        # "du groupe", "au groupe": the article contracted with its preposition, which marks the role
        contracted = prev_det in ("du", "au")
        described = prev_det in ("le", "la", "l'", "ce", "cette") or contracted or (low == "cible" and prev_det in ("sa", "son", "leur"))
        if low in cues and (low not in TRIGGER_NOUNS or low == "cible") and tok.i > sent.start and described:
            nxt = doc[tok.i + width] if tok.i + width < len(doc) else None
            if nxt is not None and nxt.i in covered:
                continue  # "la société Numergy": the name is the argument
            end = tok.i + width
            while end < sent.end and doc[end].pos_ == "ADJ" and end not in covered and not doc[end].text[:1].isupper():
                end += 1
            if _named_soon(doc, end, sent.end, covered) and not _of_a_person(doc, end):
                continue  # "l'éditeur de logiciels Logistra": the name follows, no anaphor ("le groupe de Xavier Niel" is one)
            first = tok.i if contracted else tok.i - 1
            marker, holder, capital = _marker(doc, first, sent.start, cues)
            out.append(Arg(first, end, doc[first:end].text, cues[low], "description", marker, holder, capital, doc[first].idx))
        elif low in PRONOUNS and tok.pos_ == "PRON" and not _impersonal(doc, tok.i, sent.end):
            out.append(Arg(tok.i, tok.i + 1, tok.text, "any", "pronoun", "bare", False, False, tok.idx))
        elif _ordinal_pronoun(doc, tok, sent) and tok.i - 1 not in covered:
            # "Ce dernier a été racheté", "le premier, qui prépare sa fusion avec X": a company
            # named before, by its order (resolved in resolve/coref.py)
            # "du premier": the article merged with "de" marks the role, as in "du groupe"
            first = tok.i if _norm(doc[tok.i - 1].text) in ("du", "au") else tok.i - 1
            marker, holder, capital = _marker(doc, first, sent.start, cues)
            out.append(Arg(first, tok.i + 1, doc[first : tok.i + 1].text, "any", "pronoun", marker, holder, capital, doc[first].idx))
        elif low in ("que", "qu'") and tok.i - 1 > sent.start and doc[tok.i - 1].text == ",":
            # "Vosges Matin, qu'il a acquis en 2007": the antecedent is the object of the
            # verb that follows; it stands at the position of "que", marked "rel_obj"
            antecedent = next((a for a in reversed(out) if a.end == tok.i - 1 and a.anaphor != "pronoun"), None)
            if antecedent is not None:
                out.append(replace(antecedent, start=tok.i, end=tok.i + 1, marker="rel_obj", holder=False, capital_of=False))
        elif low in ("dont", "où") and tok.i > sent.start:
            # "Renault, dont il est actionnaire": the antecedent is the company owned; it stands at
            # the position of "dont", marked "rel_de"
            antecedent = next((a for a in reversed(out) if a.end <= tok.i and tok.i - a.end <= 1 and a.anaphor != "pronoun"), None)
            if antecedent is not None and low == "dont":
                out.append(replace(antecedent, start=tok.i, end=tok.i + 1, marker="rel_de", holder=False, capital_of=False))
            elif antecedent is None:
                # "EDF et Engie sont des entreprises où l'État est actionnaire": the subjects the noun describes
                for subject in _copula_subjects(doc, tok.i, sent.start, out):
                    out.append(replace(subject, start=tok.i, end=tok.i + 1, marker="rel_de", holder=False, capital_of=False))
        elif low == "qui" and tok.i > sent.start:
            antecedent = None
            if _norm(doc[tok.i - 1].text) in ("et", "mais"):
                # "Nintendo, dont les consoles ont porté ces jeux et qui détient X": a
                # second relative clause has the antecedent of the first
                antecedent = next((a for a in reversed(out) if a.start < tok.i and a.end == a.start + 1 and _norm(doc[a.start].text) in ("qui", "dont", "que", "qu'")), None)
            if antecedent is None:
                antecedent = next((a for a in reversed(out) if a.end <= tok.i and (tok.i - a.end <= 2 or _apposition_between(doc, a.end, tok.i))), None)
            if antecedent is not None:
                # "X, à qui Y l'avait cédé", "X, par qui ...": the preposition is the relative's role
                before = _norm(doc[tok.i - 1].text)
                marker = {"à": "a", "par": "par", "auprès": "aupres"}.get(before, "bare")
                out.append(replace(antecedent, marker=marker, holder=False, capital_of=False))
                # the relative stands at the position of "qui" for subject search
                out[-1] = replace(out[-1], start=tok.i, end=tok.i + 1)
    out.sort(key=lambda a: a.start)
    out = [a for a in out if not _former_name(doc, a.start, sent.start)]
    out = _drop_parenthesised_aliases(doc, out)
    # "aux Etats-Unis", "au Japon", "en France": where something is, not a party
    out = [a for a in out if not (a.start > sent.start and _norm(doc[a.start - 1].text) in ("aux", "au", "en", "dans") and is_place(a.text))]
    # "la famille Mulliez": the family is the party, not a man named Mulliez
    out = [
        replace(a, start=a.start - 1, text=f"{doc[a.start - 1].text} {a.text}", start_char=doc[a.start - 1].idx)
        if a.anaphor is None and a.start - 1 > sent.start and _norm(doc[a.start - 1].text) in ("famille", "héritiers") and a.kind in ("person", "unknown")
        else a
        for a in out
    ]
    # coordination: "par la Caisse des dépôts et par Safran", "Atos et Numericable",
    # "auprès de Lightspeed et de Bpifrance" (the second keeps the first one's role)
    for i, arg in enumerate(out):
        if i == 0:
            if arg.marker == "coord":
                # "Le régulateur a donné son accord, et Microsoft a racheté LinkedIn": nothing named
                # before, so "et" opens a clause and the name is its subject
                out[i] = replace(arg, marker="bare")
            continue
        prev = _before_parenthesis(doc, out, i)
        if prev.marker in ("rel_obj", "rel_de") or arg.marker in ("rel_obj", "rel_de") or (arg.end == arg.start + 1 and _norm(doc[arg.start].text) == "qui"):
            continue  # a relative pronoun standing for its antecedent lists nothing
        gap = [_norm(t.text) for t in doc[prev.end : arg.start] if t.text not in ("(", ")") and not _in_quantity(doc, t.i)]
        gap = [g for g in gap if g not in DETERMINERS - {"du", "des"}]
        next_word = _norm(doc[arg.end].text) if arg.end < len(doc) else ""
        if next_word in ("par", "à", "au") and not _place_follows(doc, arg.end + 1):
            continue  # "et SFR par Numericable": a new pair, not a list ("et le Sun au Royaume-Uni" is one)
        following = out[i + 1] if i + 1 < len(out) else None
        gap_next = [_norm(t.text) for t in doc[arg.end : following.start]] if following is not None else []
        # "Bull, Gemalto et Altran" is a list; "le leader du secteur, Gemalto, racheté par" is not
        # "de la compagnie X, son fondateur Y, qui ...": a relative pronoun after the comma lists nothing
        relative_next = following is not None and _norm(doc[following.start].text) in ("qui", "que", "dont")
        listed = gap == [","] and gap_next in ([","], ["et"], [",", "et"]) and not relative_next
        if gap[:2] == ["ainsi", "que"]:
            gap = ["et", *gap[2:]]
        if arg.marker == "coord" or listed or (gap and gap[0] in ("et", "ou") and (len(gap) == 1 or len(gap) == 2 and gap[1] in ("de", "d'", "du", "des", "par", "à", "au", "auprès"))):
            out[i] = replace(arg, marker=prev.marker, holder=prev.holder or arg.holder, capital_of=prev.capital_of)
    return out


def _before_parenthesis(doc: Doc, out: list[Arg], i: int) -> Arg:
    """The candidate a list item follows: in "Viacom (propriétaire de MTV) et CBS", CBS follows
    Viacom, not MTV, which the parenthesis holds."""
    prev = out[i - 1]
    if prev.end < len(doc) and doc[prev.end].text == ")":
        opening = next((t.i for t in reversed(doc[: prev.start]) if t.text in ("(", ")")), None)
        if opening is not None and doc[opening].text == "(":
            outer = next((a for a in reversed(out[: i - 1]) if a.end == opening), None)
            if outer is not None:
                return outer
    return prev


OWNERSHIP_NOUNS = {"actionnaire", "actionnaires", "propriétaire", "propriétaires", "filiale", "filiales", "mère", "contrôle", "propriété"}


def _loc_as_party(doc: Doc, start: int, marker: str, covered: set[int]) -> bool:
    """'actionnaire d'Orange', 'la cession de Datavia à Heliotrope': a LOC-tagged name in a role."""
    k = start - 1
    while k >= 0 and _norm(doc[k].text) in DETERMINERS - {"du", "des"}:
        k -= 1
    if k < 1:
        return False
    before = _norm(doc[k - 1].text)
    if marker == "de" and before in OWNERSHIP_NOUNS:
        return True
    return marker == "a" and (k - 1) in covered


def _former_name(doc: Doc, start: int, sent_start: int) -> bool:
    """'Naval Group (ex-DCNS)', 'Y (anciennement Z)': a former
    name in parentheses is no party of its own."""
    for j in range(start - 1, max(sent_start, start - 5) - 1, -1):
        if doc[j].text == ")":
            return False
        if doc[j].text == "(":
            following = _norm(doc[j + 1].text)
            hyphen_next = j + 2 < len(doc) and doc[j + 2].text == "-"
            return following.startswith("ex") and (following in ("ex", "ex-") or "-" in following or hyphen_next) or following == "anciennement"
    return False


def _apposition_between(doc: Doc, end: int, qui: int) -> bool:
    """'Nest, une filiale californienne qui ...': the name is the antecedent of "qui" (also
    when a closing quote ends the name's phrase: '"... et Musical.ly", une application qui')."""
    while end < qui and doc[end].text in QUOTES:
        end += 1
    gap = doc[end:qui]
    return (
        2 <= len(gap) <= 6
        and gap[0].text == ","
        and _norm(gap[1].text) in DETERMINERS
        and all(t.pos_ in ("NOUN", "ADJ", "ADP", "DET") and not t.text[:1].isupper() for t in gap[2:])
        and any(t.pos_ == "NOUN" for t in gap[2:])
    )


PAREN_ALIASES = "rachat_paren_aliases"


def _drop_parenthesised_aliases(doc: Doc, out: list[Arg]) -> list[Arg]:
    """'GDF (Gaz de France)', 'Technip (TEC)': the
    name in parentheses is another name of the one before it, not a second party. It is kept
    in ``doc.user_data`` so that resolve can give both one key."""
    kept: list[Arg] = []
    for arg in out:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and arg.start == prev.end + 1
            and doc[prev.end].text == "("
            and arg.end < len(doc)
            and doc[arg.end].text == ")"
            and arg.anaphor is None
            and prev.anaphor is None
        ):
            doc.user_data.setdefault(PAREN_ALIASES, {})[arg.text] = prev.text
            continue
        kept.append(arg)
    return kept


def _relative_object_at(doc: Doc, end: int) -> bool:
    """', que' / ', qu'' right after a name: the name is the object of the relative clause."""
    return end + 1 < len(doc) and doc[end].text == "," and _norm(doc[end + 1].text) in ("que", "qu'")


COPULAS = {"est", "sont", "était", "étaient", "restent", "reste", "demeure", "demeurent"}


def _copula_subjects(doc: Doc, rel: int, sent_start: int, out: list[Arg]) -> list[Arg]:
    """'X et Y sont des grandes entreprises dont/où ...': the names before the copula whose
    predicate noun the relative clause describes."""
    j = rel - 1
    while j > sent_start and (doc[j].pos_ in ("NOUN", "ADJ", "DET") and _norm(doc[j].text) not in COPULAS):
        j -= 1
    if j <= sent_start or _norm(doc[j].text) not in COPULAS or j == rel - 1:
        return []
    names = [a for a in out if a.anaphor is None and a.end <= j and a.marker in ("bare", "coord")]
    group: list[Arg] = []
    end = j
    for a in reversed(names):
        gap = [t.lower_ for t in doc[a.end : end]]
        if gap and not all(g in (",", "et") for g in gap):
            break
        group.insert(0, a)
        end = a.start
    return group


# what a number before a noun counts ("le groupe 3 000 salariés" is no title)
COUNTED_NOUNS = {"%", "millions", "million", "milliards", "milliard", "euros", "dollars", "fois", "ans", "mois", "jours", "salariés", "employés", "magasins", "sites", "titres", "points"}


def _named_soon(doc: Doc, start: int, end: int, covered: set[int]) -> bool:
    """'l'éditeur de logiciels Logistra' names the company; 'la société à SFR' does not; 'le
    gratuit 20 minutes' names it with a title no list knows."""
    if start + 1 < end and doc[start].like_num and doc[start + 1].pos_ in ("NOUN", "PROPN") and _norm(doc[start + 1].text) not in COUNTED_NOUNS:
        return True
    for j in range(start, min(end, start + 5)):
        if j in covered:
            return j == start or doc[j - 1].text in QUOTES or not (doc[j - 1].pos_ == "ADP" and _norm(doc[j - 1].text) not in ("de", "d'", "du", "des"))
        if (doc[j].is_punct and doc[j].text not in QUOTES) or doc[j].pos_ in ("VERB", "AUX", "CCONJ"):
            return False  # "de l'entreprise mais Vinci ...": a coordinator starts something else
    return False


def _of_a_person(doc: Doc, i: int) -> bool:
    """"le groupe de Xavier Niel": "de" then a person's full name, the owner of the company meant."""
    if i + 2 >= len(doc) or _norm(doc[i].text) not in ("de", "d'"):
        return False
    return any(e.label_ == "PER" and e.start == i + 1 and len(e) >= 2 for e in doc.ents)


DISCOURSE_WORDS = {"bon", "bref", "enfin", "ainsi", "alors", "oui", "non", "voilà", "certes", "bien", "donc", "puis", "ensuite"}


def _name_like(tok: Token) -> bool:
    """A capitalised proper noun, or a capitalised word the vectors do not know ("Nubélis")."""
    if not tok.text[:1].isupper() or tok.is_punct or tok.like_num or len(tok.text) < 2 or tok.lower_ in NATIONALITIES:
        return False
    if tok.is_sent_start and (tok.pos_ != "PROPN" or tok.lower_ in DISCOURSE_WORDS):
        return False  # "Bon, il fallait acheter TF1": a word that opens a sentence, no name
    if tok.pos_ == "VERB" and tok.i > 0 and tok.nbor(-1).text in (",", "et", "ou", "encore") and tok.text[1:].islower():
        return True  # "RichesMonts, Régilait, ou encore Yoplait": a capitalised verb form inside a list is a name
    return tok.pos_ == "PROPN" or (not tok.has_vector and tok.pos_ in ("NOUN", "ADJ", "X", "VERB"))


def _in_quantity(doc: Doc, i: int) -> bool:
    return any(q.start <= i < q.end for q in doc.spans.get(QUANTITIES_KEY, []))
