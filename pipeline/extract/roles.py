"""Fill owner / target / seller / stake / amount for each trigger of a sentence.

French news states ownership in a handful of shapes, and the statistical parser is not
reliable enough on them to trust its arcs alone, so roles come from the marker that
introduces each company and its side of the trigger:

- active: "Microsoft rachète LinkedIn" (bare before = owner, bare after = target)
- passive: "LinkedIn a été racheté par Microsoft" (bare before = target, "par" = owner)
- nominal: "le rachat de LinkedIn par Microsoft" ("de" = target, "par" = owner)
- stakes: "récupère la part d'Atos (20 %) et celle de la CDC (33 %)" (holders = sellers)
- sale: "Vivendi cède sa participation dans Ubisoft à Tencent" ("à" = owner)
- holding: "X, filiale de Y"; "X détient 46 % de Y"; "X, actionnaire de Y"
- funding: "Mistral AI lève 105 M€ auprès de Lightspeed et de Bpifrance"
- merger: "Fnac et Darty fusionnent"; "la fusion entre X et Y"
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.annotate.companies.component import NATIONALITIES
from pipeline.annotate.companies.patterns import cue_nouns
from pipeline.annotate.quantities.component import QUANTITIES_KEY
from pipeline.extract.args import BUSINESS_PARTS, CAPITAL_NOUNS, QUOTES, STAKE_HOLDER_NOUNS, Arg, candidates
from pipeline.extract.places import is_place
from pipeline.extract.triggers import FRAME_TYPES, Trigger

ETRE_FORMS = {"est", "sont", "été", "était", "étaient", "sera", "seront", "serait", "seraient", "fut", "furent", "soit", "soient", "étant", "être"}
STAKE_OBJECT_WORDS = {"part", "parts", "celle", "celles", "participation", "participations", "intégralité", "totalité", "ensemble", "capital", "actions", "titres", "reste", "solde"}
INCREASE_WORDS = re.compile(r"\b(renforc\w*|mont\w*|port\w*\s+sa\s+participation|augment\w*|reste|solde|compl[eé]t\w*|ne\s+d[ée]t\w+\s+pas|d[ée]tenait\s+d[ée]j[àa])\b", re.IGNORECASE)
MARKET_WORDS = re.compile(r"\b(march[ée]s?|audience|parts?\s+de\s+march[ée]|chiffre\s+d'affaires|voix|sondage|suffrages)\b", re.IGNORECASE)
WINDOW = 24  # tokens a role may sit from its trigger
AUCTION = re.compile(
    r"\b(?:ench[èe]res?|adjug[ée]\w*|commissaire-priseur|ayant\s+appartenu|a\s+chang[ée]\s+de\s+mains"
    r"|(?:RM\s+)?Sotheby's|Christie's|Bonhams|Artcurial|Osenat|Mecum|Gooding)\b",  # auction houses sell cars and paintings
    re.IGNORECASE,
)
FUTURE_BECOME = re.compile(r"\b(?:(?:doit|doivent|devrait|devraient|va|vont|pourrait|pourraient)\s+(?:\w+\s+){0,4}?devenir|deviendr\w+)\b", re.IGNORECASE)
PAST_BECOME = re.compile(r"(?:\b(?:est|sont|était|étaient|a\s+été|ont\s+été|fut|furent)\s+(?:[\w']+\s*){0,4}?devenu\w*|,\s*devenu\w*|\bdevien(?:t|nent))(?:\s+(?:[\w'’]+\s*){0,4}?)?$", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:ne|n'|n’)\s*(?:\w+\s+){0,2}?[\"«“]?\s*(?:pas|plus|jamais)\b", re.IGNORECASE)  # 'n'était "pas actionnaire"'
# nouns that name what a company buys when it buys a business ("la branche", "le titre", "l'usine")
COMPANY_LIKE_NOUNS = frozenset({
    "%", "pourcent", "activité", "activités", "branche", "division", "pôle", "marque", "marques", "titre", "titres",
    "journal", "quotidien", "chaîne", "studio", "studios", "club", "équipe", "franchise", "enseigne", "réseau",
    "filiale", "filiales", "actifs", "site", "magazine", "usine", "usines", "laboratoire", "start-up", "start", "jeune",
    *BUSINESS_PARTS,
})
# what stands between an article and "propriétaire" / "actionnaire": "son actuel propriétaire X"
OWNER_QUALIFIERS = ("actuel", "actuelle", "nouveau", "nouvel", "nouvelle", "unique", "seul", "principal")
# what may stand between ", " or "(" and the owner noun: "X (également propriétaire de Y)"
BEFORE_OWNER_NOUN = frozenset(
    {"l'", "le", "la", "l’", "les", "un", "une", "premier", "désormais", "aujourd'hui", "également", "aussi", "déjà", *OWNER_QUALIFIERS}
)
THING_DETERMINERS = {"un", "une", "des", "du", "le", "la", "les", "l'", "l’", "son", "sa", "ses", "leur", "leurs", "ce", "cette", "ces", "de"}
BUYBACK = re.compile(r"^(?:d'|d’|des|de\s+ses|de\s+leurs)\s*(?:propres\s+)?(?:actions|titres)\b", re.IGNORECASE)
CROWDFUNDING = re.compile(
    r"\b(kickstarter|ulule|kisskissbankbank|indiegogo|crowdfunding|financement\s+participatif|cagnotte"
    # money raised for a cause or by a school: gifts, not shares
    r"|campagne\s+de\s+(?:levée\s+de\s+fonds|dons)|caritati\w*|en\s+l'honneur|université|hôpita\w*|association)\b",
    re.IGNORECASE,
)
# what a sale of goods sells: "le véhicule qui fut vendu à X", "la toile a été achetée par Y"
GOODS_NOUNS = frozenset({
    "véhicule", "véhicules", "voiture", "voitures", "modèle", "châssis", "berline", "coupé", "cabriolet", "roadster",
    "moto", "tableau", "toile", "œuvre", "sculpture", "villa", "villas", "appartement", "maison", "manoir", "château",
    "yacht", "avion", "appareil", "navire", "bateau", "paquebot", "exemplaire",
})
# "la Clio, dont 120 000 exemplaires ont été vendus": cars or books sold by the unit are goods
GOODS_COUNT = re.compile(r"\b\d[\d\s.,]*\s+(?:exemplaires|unités|véhicules|voitures|immatriculations)\b", re.IGNORECASE)


@dataclass
class RawMention:
    trigger: Trigger
    frame: str
    event_type: str
    owners: list[Arg] = field(default_factory=list)
    targets: list[Arg] = field(default_factory=list)
    sellers: list[Arg] = field(default_factory=list)
    stake: float | None = None
    stake_start: int | None = None
    seller_stakes: dict[int, float] = field(default_factory=dict)  # seller start -> stake
    owner_stakes: dict[int, float] = field(default_factory=dict)  # "détiennent respectivement 26 % et 25 %"
    # "A pour 230 M$, ainsi que B pour 100 M$": target start -> (amount, currency, start_char)
    target_amounts: dict[int, tuple[float, str | None, int]] = field(default_factory=dict)
    amount: float | None = None
    currency: str | None = None
    amount_start: int | None = None
    rule: str = ""
    needs_context_target: bool = False
    # "son nouveau propriétaire" with no possessor in the sentence: the company of a sentence
    # before, never one inside the new owner's own description ("le directeur de X, Y, ...")
    context_before_sentence: bool = False
    stake_sale: bool = False
    pairwise: bool = False


def is_passive(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """A participle after a form of être ("a été racheté", "est acquis"), or in apposition
    (", racheté par X,"). "s'est emparé" is active (reflexive)."""
    tok = doc[trig.start]
    if trig.nominal or not _participle(tok):
        return False
    j = trig.start - 1
    while j >= sent.start and doc[j].pos_ == "ADV":
        j -= 1
    if j >= sent.start and doc[j].lower_ in ETRE_FORMS:
        k = j - 1
        while k >= sent.start and doc[k].pos_ == "ADV":
            k -= 1
        return not (k >= sent.start and doc[k].lower_ in ("s'", "se", "s’"))
    return j >= sent.start and doc[j].text == ","


def _participle(tok: Token) -> bool:
    if "Part" in tok.morph.get("VerbForm", []):
        return True
    return bool(re.search(r"(é|ée|és|ées|is|ise|ises|u|ue|us|ues)$", tok.lower_))


def _before(args: list[Arg], trig: Trigger, sent: Span, triggers: list[Trigger]) -> list[Arg]:
    """Bare candidates left of the trigger in its clause, nearest first (a coordinated list kept)."""
    prev_trigger_end = max((t.end for t in triggers if t.end <= trig.start and not t.nominal), default=sent.start)
    bare = [a for a in args if a.end <= trig.start and a.marker == "bare"]
    near = [a for a in bare if a.start >= prev_trigger_end and trig.start - a.end <= WINDOW]
    relative = _closed_relative(args, trig, sent, triggers)
    if relative is not None:
        return [relative]  # "Altice, qui possède déjà SFR, rachète NextRadioTV": Altice
    # subject ellipsis: "Orange, qui possédait 44 % de la firme, a récupéré ..." shares Orange
    return near or bare[-1:]


def _hyphen_pair(doc: Doc, args: list[Arg], trig: Trigger) -> list[Arg]:
    """'la fusion Siemens-Alstom': two names joined by a hyphen right after the noun."""
    first_tok = trig.end
    while first_tok < len(doc) and first_tok - trig.end < 2 and doc[first_tok].pos_ in ("ADJ", "VERB") and doc[first_tok].text.islower():
        first_tok += 1  # "la fusion manquée Fiat/Renault", "le mariage raté X-Y"
    if first_tok >= len(doc):
        return []
    end = first_tok
    seps = 0
    while end < len(doc) and not doc[end].is_space and (doc[end].text in ("-", "/") or doc[end].text[:1].isupper()) and end - first_tok < 8:
        seps += doc[end].text in ("-", "/")
        if seps > 1:
            break
        end += 1
    while end > first_tok and doc[end - 1].text in ("-", "/"):
        end -= 1
    span = doc[first_tok:end]
    match = re.fullmatch(r"([A-ZÀ-Ý][\w&.' ]*?)\s?[-/]\s?([A-ZÀ-Ý][\w&.' ]*)", span.text)
    if match is None:
        return []
    first, second = match.group(1).strip(), match.group(2).strip()
    start_char = span.start_char
    return [
        Arg(first_tok, end, first, "company", None, "entre", False, False, start_char),
        Arg(first_tok, end, second, "company", None, "entre", False, False, start_char + span.text.index(second, len(first))),
    ]


def _is_place(doc: Doc, arg: Arg) -> bool:
    return arg.kind == "unknown" and any(e.label_ == "LOC" and e.start <= arg.start < e.end for e in doc.ents)


def _a_place(doc: Doc, arg: Arg) -> bool:
    """A name the model reads as a place, or a country or region of the list."""
    return _is_place(doc, arg) or is_place(arg.text)


def _parenthesised(doc: Doc, args: list[Arg], name: Arg, sent: Span) -> list[Arg]:
    """The names inside the parentheses that open right after ``name``."""
    if name.end >= sent.end or doc[name.end].text != "(":
        return []
    close = next((t.i for t in doc[name.end : min(sent.end, name.end + 40)] if t.text == ")"), None)
    if close is None:
        return []
    return [a for a in args if name.end < a.start and a.end <= close and a.anaphor is None]


def _named_after_complement(doc: Doc, args: list[Arg], complement: Arg, sent: Span) -> list[Arg]:
    """'la filiale à bas prix de Lufthansa, Eurowings, ...', 'Propriétaire de La Voix du Nord,
    Rossel ...': the name right after the comma that closes the trigger's "de" complement."""
    comma = complement.end
    if comma >= sent.end or doc[comma].text != ",":
        return []
    return [a for a in args if a.anaphor is None and a.kind != "person" and 0 < a.start - comma <= 3 and a.marker == "bare"][:1]


def _closed_apposition(doc: Doc, args: list[Arg], complement: Arg, sent: Span) -> Arg | None:
    """'le premier actionnaire de X, NAME, qui ...': a person or company named
    between commas (or before the sentence's end) right after the trigger's complement."""
    if complement.end >= sent.end or doc[complement.end].text != ",":
        return None
    named = next((a for a in args if a.anaphor is None and a.marker == "bare" and 0 < a.start - complement.end <= 3), None)
    if named is None or any(t.pos_ in ("VERB", "AUX") for t in doc[complement.end : named.start]):
        return None
    closes = named.end >= sent.end - 1 or doc[named.end].text in (",", ")", ".") and not (
        named.end + 1 < sent.end and doc[named.end + 1].lower_ in ("et", "ou")
    )
    return named if closes else None


def _phrase_ends_soon(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """The trigger's phrase ends at a closing parenthesis or a comma within two words
    ("(nouvel actionnaire majoritaire)", ", actionnaire principal,")."""
    return any(t.text in (")", ",") for t in doc[trig.end : min(sent.end, trig.end + 3)]) and not any(
        t.lower_ in ("de", "d'", "d’", "du", "des", "dans") for t in doc[trig.end : min(sent.end, trig.end + 3)]
    )


def _preposition_before(doc: Doc, arg: Arg, word: str) -> int:
    """The position of the last ``word`` before the argument (its own start when there is none)."""
    return next((t.i for t in reversed(doc[max(0, arg.start - 8) : arg.start]) if t.lower_ == word), arg.start)


def _clause_subject(doc: Doc, args: list[Arg], trig: Trigger, sent: Span) -> list[Arg]:
    """'Bayer vend le Round'Up par sa filiale Monsanto': "sa" stands for the subject of the verb
    before the trigger, not for the object in between (empty when no verb precedes)."""
    verb = next((t.i for t in reversed(doc[sent.start : trig.start]) if _finite(t)), None)
    if verb is None:
        return []
    return [a for a in args if a.marker == "bare" and a.end <= verb and a.kind != "person"][-1:]


def _possessor(doc: Doc, args: list[Arg], trig: Trigger, sent: Span, owners: list[Arg]) -> list[Arg]:
    """The name 'son' stands for: the nearest bare name before the trigger, else the subject of
    the main clause after the trigger's phrase ("Deux ans après son rachat par X, Y a ...")."""
    taken = {a.start for a in owners}
    before = [a for a in args if a.end <= trig.start and a.marker == "bare" and a.kind != "person" and a.start not in taken]
    if before:
        return before[-1:]
    comma = next((t.i for t in doc[max(a.end for a in owners) : sent.end] if t.text == ","), None)
    if comma is None:
        return []
    after = [a for a in args if a.start > comma and a.marker == "bare" and a.kind != "person" and a.anaphor != "pronoun"]
    return after[:1] if after and after[0].start - comma <= 5 else []


def _closed_relative(args: list[Arg], trig: Trigger, sent: Span, triggers: list[Trigger]) -> Arg | None:
    """The antecedent of a 'qui' clause that holds the previous trigger and closes with a comma
    right before this one's verb group: that antecedent is this trigger's subject."""
    doc = sent.doc
    prev = [t for t in triggers if t.end <= trig.start and not t.nominal]
    if not prev:
        return None
    last = prev[-1]
    rel = next((a for a in reversed(args) if a.marker == "bare" and a.end - a.start == 1 and doc[a.start].lower_ == "qui" and a.start < last.start), None)
    if rel is None or last.start - rel.start > 4:
        return None
    between = doc[last.end : trig.start]
    commas = [t.i for t in between if t.text == ","]
    if not commas or any(a.start > commas[-1] and a.marker == "bare" for a in args if a.end <= trig.start):
        return None
    if any(t.pos_ in ("VERB",) for t in doc[commas[-1] + 1 : trig.start]):
        return None
    return rel


def _subject_group(before: list[Arg], doc: Doc | None = None) -> list[Arg]:
    """The nearest bare candidate and the ones coordinated with it ("Bull et SFR ont été ...",
    "le transporteur Keolis et le loueur Effia, filiales de la SNCF")."""
    if not before:
        return []
    group = [before[-1]]
    for a in reversed(before[:-1]):
        if doc is not None and any(t.text == ":" for t in doc[a.end : group[0].start]):
            break  # "États-Unis : Microsoft rachète LinkedIn": a headline's place, not a co-buyer
        if doc is not None and any(t.lower_ in ("que", "qu'", "qu’", "dont") for t in doc[a.end : group[0].start]):
            break  # "Numergy, que Numericable-SFR a racheté": the object of a relative, not a subject
        if doc is not None and [t.text for t in doc[a.end : group[0].start]] == [",", "et"] and any(_finite(t) for t in doc[max(0, a.start - 3) : a.start]):
            break  # "Canal+, qui possède C8, et Lagardère cède ...": C8 is the object of the clause before
        if group[0].start - a.end <= 2 or (doc is not None and _long_coordination(doc, a, group[0], subject=True)):
            if a.text != group[0].text:  # "Orange, qui ...": the relative repeats its antecedent
                group.insert(0, a)
        else:
            break
    return group


def _after(args: list[Arg], trig: Trigger, markers: tuple[str, ...], triggers: list[Trigger], limit: int = WINDOW) -> list[Arg]:
    next_trigger = min((t.start for t in triggers if t.start >= trig.end and not t.nominal and t.frame != "hold"), default=10**9)
    return [a for a in args if a.start >= trig.end and a.marker in markers and a.start - trig.end <= limit and a.start < next_trigger]


def _clause_break(doc: Doc, trig: Trigger, sent: Span) -> int:
    """'L'État contrôle 72 % de l'entreprise mais le Parlement a ...': a role does not reach past
    "mais" ("mais aussi" goes on with a list), "tandis que" or a semicolon after its trigger."""
    for t in doc[trig.end : sent.end]:
        if t.text == ";" or t.lower_ == "tandis":
            return t.i
        if t.lower_ == "mais" and not (t.i + 1 < sent.end and doc[t.i + 1].lower_ in ("aussi", "également", "encore")):
            return t.i
    return sent.end


LIST_REACH = 80  # tokens a list that starts within the window may run


def _list_after_trigger(doc: Doc, args: list[Arg], trig: Trigger, markers: tuple[str, ...], triggers: list[Trigger], first_within: int = WINDOW) -> list[Arg]:
    after = _after(args, trig, markers, triggers, limit=LIST_REACH)
    if "par" in markers and not trig.nominal:
        after = [a for a in after if a.marker != "par" or not _other_participle_between(doc, trig, a)]
    group = _first_group(after, doc)
    return group if group and group[0].start - trig.end <= first_within else []


def _unbroken_relative(doc: Doc, antecedent: Arg, trig: Trigger) -> bool:
    """'Publicis, dont Marie Durand est aujourd'hui la première actionnaire': a longer relative
    clause still reaches its trigger when no punctuation cuts it after "dont"."""
    gap = doc[antecedent.end : trig.start]
    return len(gap) <= 12 and not any(t.is_punct for t in gap[2:])


def _other_participle_between(doc: Doc, trig: Trigger, arg: Arg) -> bool:
    """'la Caisse, qui détenait 15 % de Valeo grâce à des titres apportés par Renault': the agent after "par"
    is that of the nearer participle ("prêtées"), not of the verb that triggers. (After a noun
    trigger, "l'offre de rachat faite par X" names the buyer: not used there.)"""
    return any(t.pos_ == "VERB" and "Part" in t.morph.get("VerbForm", []) for t in doc[trig.end : arg.start])


LIST_GLUE = {",", "et", "ou", "ainsi", "que", "de", "d'", "du", "des", "par", "à", "au", "aux", "auprès", "le", "la", "l'", "les"}


def _outside_parens(tokens: Span) -> list:
    """The tokens of a gap minus what stands in parentheses ('GDF (Gaz de France) et Suez')."""
    out, depth = [], 0
    for t in tokens:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


def _finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", [])


def _coordinated(doc: Doc, left: Arg, right: Arg) -> bool:
    """'Bull et Gemalto', 'Pixar, Marvel et Lucasfilm', 'par A et par B' (not ', le français X')."""
    gap = [t.lower_.replace("’", "'") for t in _outside_parens(doc[left.end : right.start]) if not t.like_num and t.text != "%"]
    if any(g in ("que", "qu'") and (i == 0 or gap[i - 1] != "ainsi") for i, g in enumerate(gap)):
        return False  # "Ubisoft, que Tencent détient": a relative clause, not a list
    if "," in gap and not any(g in ("et", "ou") for g in gap) and right.end < len(doc) and _finite(doc[right.end]):
        return False  # "Si X achète Y, la Maison Blanche réclamera ...": the subject of a new clause
    if gap[-2:] in ([",", "et"], [",", "ou"]) and right.end < len(doc) and _finite(doc[right.end]):
        return False  # "Canal+, qui possède C8, et Lagardère cède Europe 1": ", et" opens a new clause
    if len(gap) <= 3 and all(g in LIST_GLUE for g in gap) and any(g in (",", "et", "ou", "que") for g in gap):
        return True
    return _long_coordination(doc, left, right)


# what may sit between two listed companies besides the coordinator: the amount or the date of
# the first ("Kuack pour 12 millions d'euros, ainsi que l'éditeur Sybel"), the date or description of
# the second ("Lexsi et en 2019 SecureLink", "Keolis et le loueur Effia")
LIST_FILLERS = {"encore", "pour", "environ", "plus", "moins", "près", "quelque", "en", "début", "fin", "mi", "courant", "aussi", "également", "notamment", "puis", "enfin", "surtout"}
MONTHS = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
COORDINATORS = {",", "et", "ou", "que"}
NOT_DESCRIPTIONS = {"part", "parts", "participation", "participations", "actions", "titres", "capital", "celle", "celles", "contrôle", "filiale", "filiales", "actionnaire", "actionnaires", "propriétaire", "maison", "marché", "mains"}


def _long_coordination(doc: Doc, left: Arg, right: Arg, subject: bool = False) -> bool:
    """A list whose members carry an amount, a date or a description: no verb, no other
    preposition, at most 14 tokens, and the second member does not start a new clause."""
    gap = _outside_parens(doc[left.end : right.start])
    if not 0 < len(gap) <= 14:
        return False
    quantity = {i for q in doc.spans.get(QUANTITIES_KEY, []) for i in range(q.start, q.end)}
    # "le Wall Street Journal aux Etats-Unis, ainsi que le Times": where each member is
    places = {i for e in doc.ents if e.label_ == "LOC" and e.start >= left.end and e.end <= right.start and is_place(e.text) for i in range(e.start, e.end)}
    words = [t.lower_.replace("’", "'") for t in gap]
    if not any(w in COORDINATORS for w in words) or words[-1] == ",":
        return False
    last_coord = max(i for i, w in enumerate(words) if w in COORDINATORS)
    if not subject and (last_coord > 0 or words[last_coord] == ",") and right.end < len(doc) and doc[right.end].pos_ in ("VERB", "AUX"):
        return False  # "LinkedIn en 2016 et Google possède YouTube": a new clause
    if subject and (not all(t.is_punct for t in gap[:last_coord]) or words[last_coord] not in ("et", "ou")):
        # "LinkedIn en 2016 et Google possède ...": an object, then a new clause;
        # "Kabel Deutschland et Ono, l'espagnol Telefónica a racheté ...": a new subject
        return False
    for i, t in enumerate(gap):
        w = words[i]
        if t.i in quantity or t.i in places or t.like_num or t.is_punct or w in LIST_GLUE or w in LIST_FILLERS or w in MONTHS or w in NATIONALITIES:
            continue
        if w in NOT_DESCRIPTIONS:
            return False
        if i > last_coord and (t.pos_ in ("NOUN", "ADJ", "DET") or t.pos_ == "PROPN" and t.text.islower()):
            continue  # the description of the second member ("l'éditeur de podcasts Sybel")
        if i < last_coord and t.pos_ == "NOUN" and t.lower_ in ("millions", "milliards", "million", "milliard", "euros", "dollars"):
            continue
        return False
    return True


def _first_group(cands: list[Arg], doc: Doc | None = None) -> list[Arg]:
    """The first candidate and those coordinated right after it."""
    if not cands:
        return []
    group = [cands[0]]
    for a in cands[1:]:
        if (doc is not None and _coordinated(doc, group[-1], a)) or (doc is None and a.start - group[-1].end <= 3):
            group.append(a)
        else:
            break
    return group


@dataclass(frozen=True)
class Context:
    """What every frame's role filler reads: the trigger, its sentence, and the candidates
    found around the trigger by the marker that introduces them."""

    doc: Doc
    sent: Span
    trig: Trigger
    args: list[Arg]  # the candidates left once a later ownership verb and a noun's clause end are cut off
    triggers: list[Trigger]
    voice: str  # "active", "passive" or "nominal"
    subj: list[Arg]  # the bare group before the trigger
    reduced: Arg | None  # the name right before a reduced passive participle
    after_bare: list[Arg]
    after_de_first: list[Arg]
    holders: list[Arg]
    after_par: list[Arg]
    after_a: list[Arg]
    after_dans: list[Arg]
    capital_of: list[Arg]
    rel_obj: list[Arg]
    rel_de: list[Arg]


def assign(doc: Doc, sent: Span, trig: Trigger, args: list[Arg], triggers: list[Trigger]) -> RawMention | None:
    """Roles of one trigger; None when the sentence does not state an event with it."""
    frame = trig.frame
    m = RawMention(trig, frame, FRAME_TYPES[frame])
    if trig.start > sent.start and doc[trig.start - 1].lower_ in ("plus", "moins", "mieux"):
        return None  # "le jeu le plus vendu", "les titres les mieux vendus": sales of goods
    if frame == "buy" and trig.nominal and BUYBACK.match(doc[trig.end : min(sent.end, trig.end + 4)].text) and not any(
        a.start >= trig.end and a.start - trig.end <= 5 and a.marker == "de" for a in args
    ):
        return None  # "un rachat d'actions", "le rachat de ses propres titres": a share buyback
    if frame in ("buy", "sell", "hold", "belong", "shareholder") and AUCTION.search(sent.text):
        return None  # cars and paintings sold at auction, "ayant appartenu à": goods, not companies
    if frame in ("buy", "sell") and (GOODS_COUNT.search(sent.text) or _goods_subject(doc, trig, sent)):
        return None  # "189 459 exemplaires ont été vendus", "véhicule qui fut vendu à X": goods
    if frame in ("hold", "belong") and _goods_subject(doc, trig, sent):
        return None  # "navire appartenant à Royal Caribbean", "l'avion appartenait à la compagnie X": goods
    if frame == "sell" and not trig.nominal and _reflexive_or_score(doc, trig, sent):
        return None  # "l'hebdomadaire se vend à 142 000 exemplaires", "Macron a cédé 7 points"
    if (frame in ("buy", "sell") or (frame == "hold" and not trig.nominal) or (frame == "merge" and trig.nominal)) and _object_is_a_thing(doc, trig, sent, args):
        return None  # "s'offrir une nouvelle sellerie", "s'empare du micro", "la fusion de la dynamique et du confort"
    if frame == "hold" and "Part" in doc[trig.start].morph.get("VerbForm", []) and any(t.lower_ == "record" for t in doc[max(sent.start, trig.start - 12) : trig.start]):
        return None  # "le record ..., jusqu'ici détenu par X": a record is held, not a company
    if frame in ("hold", "shareholder", "belong", "subsidiary") and NEGATED.search(doc[max(sent.start, trig.start - 4) : trig.end].text):
        return None  # "il n'était pas actionnaire d'Orange"
    if frame == "raise" and CROWDFUNDING.search(sent.text):
        return None  # backers of a crowdfunding campaign get the product, not shares
    passive = is_passive(doc, trig, sent)
    reduced = None
    if not passive and not trig.nominal and frame in ("buy", "sell") and "Part" in doc[trig.start].morph.get("VerbForm", []):
        # "le site Konbini racheté en 2019 par Webedia": a participle right after the name, or
        # right inside a parenthesis after it ("Deezer (racheté par Vivendi)")
        at = trig.start - 1 if trig.start - 1 > sent.start and doc[trig.start - 1].text == "(" else trig.start
        reduced = next((a for a in args if a.end == at and a.anaphor is None), None)
        if reduced is not None and any(a.marker == "par" and 0 <= a.start - trig.end <= 8 for a in args):
            passive = True
        else:
            reduced = None
    fronted = _fronted_participle(doc, trig, sent, args) if not passive and reduced is None and frame in ("buy", "sell", "hold") else None
    if fronted is not None:
        passive = True  # "Racheté en 2015 par Bravia, Kappa a ...": the clause describes the subject after it
    # "... plus de contrôle sur Deezer, le service détenu par Sony": a later ownership verb
    # has roles of its own ("les parts détenues par X" is part of this trigger's object)
    later_hold = min((t.start for t in triggers if t.start >= trig.end and t.frame == "hold" and not _after_stake_noun(doc, t)), default=sent.end)
    args = [a for a in args if a.start < later_hold or a.end <= trig.start]
    clause_end = _clause_break(doc, trig, sent)
    args = [a for a in args if a.start < clause_end or a.end <= trig.start]
    if trig.nominal:
        # "le rachat d'Arkane permet à Bethesda de ...": a noun's roles after it end at the
        # next finite verb
        stop = next((t.i for t in doc[trig.end : sent.end] if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", [])), sent.end)
        args = [a for a in args if a.start < stop or a.end <= trig.start]
    before = _before(args, trig, sent, triggers)
    subj = [fronted] if fronted is not None else _subject_group(before, doc) or _consortium_members(doc, args, trig, sent)
    voice = "nominal" if trig.nominal else "passive" if passive else "active"
    # the first role sits near its trigger; a list that starts there may run on
    after_bare = _list_after_trigger(doc, args, trig, ("bare",), triggers, first_within=8)
    after_de = [a for a in _after(args, trig, ("de",), triggers) if not a.holder]
    after_de_first = _first_group([a for a in _after(args, trig, ("de",), triggers, limit=LIST_REACH) if not a.holder], doc)
    after_de_first = after_de_first if after_de_first and after_de_first[0] in after_de else []
    holders = [a for a in _after(args, trig, ("de", "par"), triggers) if a.holder]
    after_par = _list_after_trigger(doc, args, trig, ("par",), triggers)
    after_par = [a for a in after_par if not a.holder]
    after_a = _list_after_trigger(doc, args, trig, ("a", "aupres"), triggers)
    after_dans = _list_after_trigger(doc, args, trig, ("dans",), triggers)
    capital_of = [a for a in _after(args, trig, ("de", "dans"), triggers) if a.capital_of]

    after_bare = [a for a in after_bare if a.anaphor != "pronoun"]  # "... qu'il ne détenait pas": a subject
    # "Vosges Matin, qu'il a acquis en 2007": the relative's antecedent, right before the subject
    rel_obj = [a for a in args if a.marker == "rel_obj" and a.start < trig.start and trig.start - a.start <= 6] if voice == "active" else []
    rel_obj = [a for a in rel_obj if not any(b.start > a.start and b.marker == "rel_obj" for b in rel_obj)][:1]
    # "Renault, dont l'État est actionnaire", "Câblis, dont il détenait 51 %": the antecedent of "dont"
    rel_de = [a for a in args if a.marker == "rel_de" and a.start < trig.start and (trig.start - a.start <= 6 or _unbroken_relative(doc, a, trig))]
    rel_de = [a for a in rel_de if a.start == rel_de[-1].start]  # "X et Y sont des entreprises dont ...": both
    ctx = Context(
        doc=doc, sent=sent, trig=trig, args=args, triggers=triggers, voice=voice, subj=subj, reduced=reduced,
        after_bare=after_bare, after_de_first=after_de_first, holders=holders, after_par=after_par, after_a=after_a,
        after_dans=after_dans, capital_of=capital_of, rel_obj=rel_obj, rel_de=rel_de,
    )
    fill = _BY_FRAME.get(frame)
    if fill is not None:
        filled = fill(m, ctx)
        if filled is None:
            return None
        voice = filled  # "hold" and "shareholder" may turn a state into a future deal
    m.targets = [a for a in m.targets if a.kind != "person"]  # people own companies, they are not bought
    if trig.lemma == "reprendre":
        m.targets = [a for a in m.targets if not (_a_place(doc, a))]  # "reprendre Raqqa": a city retaken
    if trig.lemma in NATIONALISE:
        # "Le Portugal renationalise la TAP"; "Montebourg veut nationaliser Alstom" names no buyer
        m.owners = [a for a in m.owners if _a_place(doc, a) or _norm_state(a.text)]
    if m.owners and m.sellers and all(_a_place(doc, a) for a in m.owners + m.sellers):
        return None  # "Paris allait céder l'Alsace à Berlin": states trading land or seats, no company deal
    m.rule = f"{frame}.{voice}"
    m.pairwise = m.pairwise or "respectivement" in sent.text.lower()
    fill_quantities(doc, sent, m)  # before _complete: "qui en détient 75 %" counts only with its stake
    if not _complete(m):
        return None
    if (frame == "buy" or voice in ("future", "become")) and not m.sellers and m.stake is not None and m.stake < 50 and not INCREASE_WORDS.search(sent.text):
        m.event_type = "investment"  # a first minority entry with no seller named
        m.rule += ".minority"
    return m


def _assign_buy(m: RawMention, ctx: Context) -> str | None:
    """'X rachète Y', 'Y racheté par X', 'le rachat de Y par X'."""
    doc, sent, trig, args, triggers = ctx.doc, ctx.sent, ctx.trig, ctx.args, ctx.triggers
    voice, subj, reduced, after_bare = ctx.voice, ctx.subj, ctx.reduced, ctx.after_bare
    after_de_first, holders, after_par, after_a = ctx.after_de_first, ctx.holders, ctx.after_par, ctx.after_a
    after_dans, capital_of, rel_obj = ctx.after_dans, ctx.capital_of, ctx.rel_obj
    if voice == "active":
        m.owners = subj
        # "met la main sur les 40 % de Finlo": whichever comes first, the object or the capital counted
        first = sorted(after_bare[:1] + capital_of[:1], key=lambda a: a.start)[:1]
        m.targets = (after_bare if first and first[0] in after_bare else first) or after_dans or rel_obj
        if not m.targets and (trig.lemma in ("s'emparer", "prendre le contrôle", "mettre la main sur") or trig.text.endswith("contrôle")):
            m.targets = after_de_first or _first_group(_after(args, trig, ("sur",), triggers), doc)
        m.sellers = holders + after_a
    elif voice == "passive":
        apposed = reduced or _apposed(doc, args, trig) or _open_paren_head(doc, args, trig, sent)
        if apposed is not None and (not subj or subj[-1].end < apposed.start):
            subj = [apposed]  # "un litige avec Pixar, racheté en 2006 par Disney": Pixar
        m.targets = subj or after_dans or [a for a in args if a.marker == "dans" and a.end <= trig.start][:1]
        m.owners = after_par
        m.sellers = holders + after_a
    else:
        # "les rachats de Pixar, Marvel et Lucasfilm": every listed company is a target
        m.targets = capital_of[:1] or after_de_first or after_dans
        m.owners = after_par or (subj if _verb_between(doc, subj, trig) else [])
        m.sellers = holders + after_a
        if not m.targets and after_par and trig.start > sent.start and doc[trig.start - 1].lower_ in ("son", "sa"):
            # "le Milan AC, depuis son rachat par Elliott", "après son rachat par X, l'enseigne Y":
            # the company whose purchase it is, named in the sentence, else the one before
            m.targets = _possessor(doc, args, trig, sent, after_par)
            m.needs_context_target = not m.targets
        elif not m.targets and after_par and not any(t.pos_ == "NOUN" for t in doc[trig.end : _preposition_before(doc, after_par[0], "par")]):
            # "favorable à une acquisition par Microsoft": the company the text is about ("l'achat
            # des terrains occupés par X" has an object of its own, and X is not its buyer)
            m.needs_context_target = True
    if not m.targets and (holders or _stake_object(doc, trig, sent) or (voice == "active" and _clitic_object(doc, trig, sent))):
        m.needs_context_target = True
    return voice


def _assign_sell(m: RawMention, ctx: Context) -> str | None:
    """'X cède Y à Z', 'Y cédé par X', 'la cession de Y à Z'."""
    doc, sent, trig, args = ctx.doc, ctx.sent, ctx.trig, ctx.args
    voice, subj, after_bare, after_de_first = ctx.voice, ctx.subj, ctx.after_bare, ctx.after_de_first
    after_par, after_a, after_dans, capital_of = ctx.after_par, ctx.after_a, ctx.after_dans, ctx.capital_of
    rel_obj = ctx.rel_obj
    if voice == "active":
        m.sellers = subj
        m.targets = after_bare or capital_of[:1] or after_dans or after_de_first[:1] or rel_obj
        m.owners = after_a or [
            # "auprès de l'éditeur X, à qui le groupe Y l'avait vendu": the buyer is the relative's antecedent
            a for a in args if a.marker == "a" and doc[a.start].lower_ == "qui" and a.start < trig.start and (not subj or a.start < subj[0].start)
        ][-1:]
    elif voice == "passive":
        m.targets = subj
        m.sellers = after_par
        m.owners = after_a
    else:
        if trig.start > sent.start and doc[trig.start - 1].lower_ == "en":
            return None  # "en vente": on sale in shops, not a company changing hands
        m.targets = after_de_first[:1] or capital_of[:1] or after_dans
        m.owners = after_a
        m.sellers = after_par or (subj if _verb_between(doc, subj, trig) else [])
        # "TF1 a finalisé la cession de sa participation dans Metro": a stake sold, buyer unnamed
        m.stake_sale = bool(m.sellers) and not after_de_first and bool(capital_of or after_dans) and _stake_object(doc, trig, sent)
    if not m.targets and (_stake_object(doc, trig, sent) or (voice == "active" and _clitic_object(doc, trig, sent))):
        # "Burr et trois élus ont vendu des actions", "elle avait cédé des actions obtenues ...":
        # some shares, of no company the text says, sold by people (a company sells "sa
        # participation", "ses parts", "des actions X")
        m.needs_context_target = not _some_shares(doc, trig, sent)
    if trig.lemma in PRIVATISE:
        # "la privatisation de la FDJ", "privatiser ADP": the State sells, whoever buys (not the
        # minister who announces it)
        m.sellers = [Arg(trig.start, trig.end, "État", "state", None, "par", False, False, doc[trig.start].idx)]
        m.targets = m.targets or (subj[-1:] if voice == "passive" else [])
        m.needs_context_target = False  # "dans cette privatisation": of what, the sentence does not say
        m.owners = []  # the buyers of a privatisation are the market ("de LFI aux Républicains" is a list of parties)
    return voice


def _goods_subject(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """A thing is what is sold: 'véhicule qui fut vendu', 'la toile a été achetée' (a goods noun
    right before the verb group of the trigger)."""
    j = trig.start - 1
    while j > sent.start and (doc[j].pos_ in ("AUX", "ADV") or doc[j].lower_ in ("qui", "a", "été", "fut", "est", "sera", "avait")):
        j -= 1
    if j < sent.start or doc[j].pos_ != "NOUN" or doc[j].lower_ not in GOODS_NOUNS:
        return False
    # right before the participle, the noun heads its phrase ("..., navire appartenant à X"), not
    # a complement ("le fabricant de voitures racheté par PSA")
    return j < trig.start - 1 or (j > sent.start and (doc[j - 1].pos_ == "DET" or doc[j - 1].is_punct))


def _some_shares(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """'a vendu des actions', 'cédé des titres': an indefinite number of shares right after the verb."""
    j = trig.end
    while j < sent.end and doc[j].pos_ == "ADV":
        j += 1
    return j + 1 < sent.end and doc[j].lower_ == "des" and doc[j + 1].lower_ in ("actions", "titres")


PRIVATISE = ("privatisation", "privatiser")
NATIONALISE = ("nationalisation", "nationaliser")


def _norm_state(text: str) -> bool:
    """'l'État', 'Etat français': the state, a party to a nationalisation."""
    return re.sub(r"^(?:l'|l’)", "", text.strip().lower()).startswith(("état", "etat"))


def _assign_hold(m: RawMention, ctx: Context) -> str | None:
    """'X détient 46 % de Y', 'Y, détenu par X'."""
    doc, sent, trig, args, triggers = ctx.doc, ctx.sent, ctx.trig, ctx.args, ctx.triggers
    voice, subj, after_bare, after_de_first = ctx.voice, ctx.subj, ctx.after_bare, ctx.after_de_first
    after_par, after_dans, capital_of, rel_obj = ctx.after_par, ctx.after_dans, ctx.capital_of, ctx.rel_obj
    rel_de = ctx.rel_de
    if _after_stake_noun(doc, trig):
        return None  # "les parts détenues par X": X is a seller of another event
    # "détenue par X" after anything but a stake noun: X owns, whatever the holder flag says
    after_par = after_par or _list_after_trigger(doc, args, trig, ("par",), triggers, first_within=4)
    if not after_par and "Part" in doc[trig.start].morph.get("VerbForm", []) and not any(
        t.lower_ in ETRE_FORMS or t.lower_ in ("a", "ont", "avait", "avaient", "aura") for t in doc[max(sent.start, trig.start - 3) : trig.start]
    ):
        return None  # "un Belge déjà détenu pour escroquerie": a participle with no owner
    if voice == "passive" or after_par:
        head = _apposition_head(doc, args, trig, sent)
        m.targets = head if head and (not subj or subj[-1].end <= head[0].start) else subj
        m.owners = after_par
    else:
        # "Rossel détient avec Ouest-France le gratuit Metronews": the partner holds it too
        partners = [a for a in args if a.marker == "avec" and a.anaphor is None and 0 <= a.start - trig.end <= 5]
        m.owners = subj + partners[:1] if subj else subj
        m.targets = capital_of[:1] or after_bare or after_de_first[:1] or after_dans or rel_obj or rel_de
        if not m.targets and _en_before(doc, trig, sent):
            m.needs_context_target = True  # "Altice, qui en détient 75 %": of the company just named
    if _market_between(doc, trig, m.targets):
        return None
    if voice == "active" and _future(doc, trig, sent) and trig.lemma != "conserver une part":  # keeping is no deal
        # "Vivendi va détenir les studios X et Y", "détiendra": the holding a deal will give
        m.event_type = "acquisition"
        voice = "future"
    return voice


def _assign_shareholder(m: RawMention, ctx: Context) -> str | None:
    """'X, actionnaire de Y', 'Altice (propriétaire de RMC)'."""
    doc, sent, trig, args = ctx.doc, ctx.sent, ctx.trig, ctx.args
    voice, subj, after_de_first, after_dans = ctx.voice, ctx.subj, ctx.after_de_first, ctx.after_dans
    rel_de = ctx.rel_de
    # "Altice (propriétaire de RMC)": the nearest name only, not the whole list before it;
    # "l'offre portée par le groupe Fnac, propriétaire de l'enseigne Darty": the name in
    # apposition, whatever introduced it
    m.owners = subj[-1:] if subj and trig.start - subj[-1].end <= 6 else []
    apposed = _apposed(doc, args, trig)
    if apposed is not None and (not m.owners or apposed.start > m.owners[0].start):
        m.owners = [apposed]
        if trig.text.lower().endswith("s"):
            # "à Jean Martin et Paul Durand, les propriétaires de Lire": every listed name
            m.owners = _subject_group([a for a in args if a.end <= apposed.end], doc)
    # "propriétaire du Progrès et du Dauphiné libéré": each; not past the parenthesis that holds
    # the trigger ("Viacom (propriétaire de MTV) et CBS")
    m.targets = [a for a in after_de_first if ")" not in doc[trig.end : a.start].text] or after_dans or rel_de
    if not m.owners and after_de_first and all(t.pos_ in ("DET", "ADJ", "ADV") for t in doc[sent.start : trig.start]):
        # "Propriétaire de La Voix du Nord, Rossel ...": a fronted apposition names the owner next
        m.owners = _named_after_complement(doc, args, after_de_first[0], sent)
    if not m.owners and len(after_de_first) == 1 and (closing := _closed_apposition(doc, args, after_de_first[0], sent)) is not None:
        m.owners = [closing]  # "soutenue par le premier actionnaire de X, NAME, qui ..."
    if trig.lemma in ("actionnaire", "propriétaire") and FUTURE_BECOME.search(doc[max(sent.start, trig.start - 14) : trig.start].text):
        # "la CDPQ doit devenir le premier actionnaire d'Alstom": a stake the deal will give
        m.event_type, voice = "acquisition", "future"
        if not m.owners and subj and _verb_between(doc, subj, trig):
            m.owners = subj[-1:]
    elif trig.lemma in ("actionnaire", "propriétaire") and PAST_BECOME.search(doc[max(sent.start, trig.start - 8) : trig.start].text):
        # "Gazprom Media est devenue en 2001 propriétaire de NTV": becoming the owner is buying
        m.event_type, voice = "acquisition", "become"
        if not m.owners and subj and _verb_between(doc, subj, trig):
            m.owners = subj[-1:]
    if m.owners and not m.targets and voice in ("future", "become") and _possessive_before(doc, trig, sent):
        # "Ivan Martin est devenu son nouveau propriétaire": of the company "son" stands for,
        # named earlier in the sentence or before it (never the new owner itself)
        m.targets = _possessor(doc, args, trig, sent, m.owners)
        if m.targets and m.targets[0].end <= m.owners[0].start and not any(_finite(t) for t in doc[m.targets[0].end : m.owners[0].start]):
            m.targets = []  # "le directeur de l'agence X, Y, est devenu son propriétaire": X describes Y
        m.needs_context_target = m.context_before_sentence = not m.targets
    if m.owners and not m.targets and trig.lemma == "actionnaire" and sent.start < trig.start and trig.end < sent.end and doc[trig.start - 1].lower_ in ("(", "nouvel", "nouveau", "principal", "premier") and _phrase_ends_soon(doc, trig, sent):
        # "le groupe X (nouvel actionnaire majoritaire)": of the company the text is about
        m.needs_context_target = True
    k = _before_qualifiers(doc, trig, sent, OWNER_QUALIFIERS)  # "son actuel propriétaire X"
    if not m.targets and not m.owners and k >= sent.start and doc[k].lower_ in ("l'", "l’", "le") and trig.lemma == "propriétaire" and trig.start - k > 1:
        # "49 % iraient à l'actuel propriétaire X": the owner named right after, of
        # the company the text is about
        named = [a for a in args if a.anaphor is None and 0 <= a.start - trig.end <= 1]
        if named:
            m.owners, m.needs_context_target = named[:1], True
    elif not m.targets and k >= sent.start and doc[k].lower_ in ("son", "sa", "leur") and trig.lemma == "propriétaire":
        # "le Wall Street Journal, brouillé avec son propriétaire, le magnat Rupert Murdoch";
        # "a annoncé son propriétaire Patrick Drahi": the owner is named after, the property before
        named = [a for a in args if a.start >= trig.end and a.start - trig.end <= 6 and a.anaphor is None]
        # ("renommée par son nouveau propriétaire : « A » devient « B »": a quoted name is no owner)
        if named and not any(t.pos_ in ("VERB", "AUX") or t.text in (":", *QUOTES) for t in doc[trig.end : named[0].start]):
            m.owners = named[:1]
            m.targets = _possessor(doc, args, trig, sent, named[:1])
            m.needs_context_target = not m.targets
    return voice


def _fronted_participle(doc: Doc, trig: Trigger, sent: Span, args: list[Arg]) -> Arg | None:
    """'Racheté en 2015 par Bravia, Kappa a doublé ses ventes', 'Cofondé et codétenu par A et B,
    le site Kappa ...': a participle clause that opens the sentence, with its agent, describes the
    subject of the main clause after its comma."""
    if not _participle(doc[trig.start]) or not any(a.marker == "par" and a.start > trig.end for a in args):
        return None
    # only adverbs, other participles and "et" before it ("Longtemps détenu", "Cofondé et codétenu")
    if not all(t.pos_ == "ADV" or t.lower_ == "et" or _participle(t) for t in doc[sent.start : trig.start]):
        return None
    # the comma that closes the clause: not one inside the agent's list ("par A, B et par C, Y ...")
    for comma in (t.i for t in doc[trig.end : min(sent.end, trig.end + 30)] if t.text == ","):
        subject = next((a for a in args if a.start > comma), None)
        if subject is not None and not (subject.end < sent.end and doc[subject.end].lower_ in (",", "et", "ou")):
            break
    else:
        return None
    if subject.marker != "bare" or subject.start - comma > 4 or subject.anaphor == "pronoun":
        return None  # ("Détenu par X depuis des années, il ...": too often another title than the last one named)
    if not all(t.pos_ in ("DET", "NOUN", "ADJ") for t in doc[comma + 1 : subject.start]):
        return None  # "le site Kappa": a description before the name, nothing else
    return subject


def _before_qualifiers(doc: Doc, trig: Trigger, sent: Span, qualifiers: tuple[str, ...]) -> int:
    """The token before the owner noun and the qualifiers that precede it ("son actuel propriétaire")."""
    k = trig.start - 1
    while k > sent.start and doc[k].lower_ in qualifiers:
        k -= 1
    return k


def _possessive_before(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """'son nouveau propriétaire', 'leur premier actionnaire': a possessive opens the owner noun."""
    k = _before_qualifiers(doc, trig, sent, (*OWNER_QUALIFIERS, "premier"))
    return k >= sent.start and doc[k].lower_ in ("son", "sa", "leur")


def _assign_belong(m: RawMention, ctx: Context) -> str | None:
    """'Y fait partie de X', 'Y, appartenant à X'."""
    doc, sent, trig, args, triggers = ctx.doc, ctx.sent, ctx.trig, ctx.args, ctx.triggers
    subj = ctx.subj
    # "Racing Point appartient à Lawrence Stroll"; "Y, sous le contrôle de X"
    head = _apposition_head(doc, args, trig, sent)
    m.targets = head if head and (not subj or subj[-1].end <= head[0].start) else subj[-1:]
    m.owners = _first_group(_after(args, trig, ("a", "de"), triggers, limit=8), doc)
    return ctx.voice


def _assign_subsidiary(m: RawMention, ctx: Context) -> str | None:
    """'Y, filiale de X', 'les filiales de X, A, B et C'."""
    doc, sent, trig, args = ctx.doc, ctx.sent, ctx.trig, ctx.args
    subj, after_bare, after_de_first = ctx.subj, ctx.after_bare, ctx.after_de_first
    right_after = [a for a in args if a.start >= trig.end and a.start - trig.end <= 2]
    listed_after = _list_after(doc, args, after_de_first[:1]) if after_de_first else []
    # "X, filiale de Y", "X est (devenue) une filiale de Y"; not "X affronte la filiale de Y"
    copula_only = not any(_non_copula_verb(t) for t in doc[subj[-1].end : trig.start]) if subj else False
    # "Y (anciennement Z), est une filiale de X": what stands in
    # parentheses does not count in the distance
    if after_de_first and subj and len(_outside_parens(doc[subj[-1].end : trig.start])) <= 3 and copula_only:
        # "X, filiale de Y"; "Keolis et Effia, filiales de la SNCF"
        m.targets = subj if trig.text.lower().endswith("s") else subj[-1:]
        m.owners = after_de_first[:1]
    elif listed_after:
        m.targets, m.owners = listed_after, after_de_first[:1]  # "les filiales de Nokia, RFS, NBLF et ASN"
    elif after_de_first and len(in_parens := _parenthesised(doc, args, after_de_first[0], sent)) >= 2:
        # "les filiales d'EDF (Dalkia, Enedis, RTE et Framatome)": the list in parentheses
        m.targets, m.owners = in_parens, after_de_first[:1]
    elif after_bare and after_de_first:
        m.targets, m.owners = after_bare[:1], after_de_first[:1]  # "la filiale X de Y"
    elif right_after and subj and doc[trig.start - 1].lower_ in ("sa", "ses", "leur", "leurs"):
        m.owners, m.targets = _clause_subject(doc, args, trig, sent) or subj[-1:], right_after[:1]  # "Y ... de sa filiale X"
    elif right_after and not subj and doc[trig.start - 1].lower_ in ("sa", "ses", "leur", "leurs") and all(t.pos_ in ("ADP", "ADV") or t.lower_ in ("via", "grâce", "à", "avec", "par") for t in doc[sent.start : trig.start - 1]):
        # "Via sa filiale foncière X, La Poste a lancé ...": the subject after the fronted phrase
        m.owners, m.targets = _possessor(doc, args, trig, sent, right_after[:1]), right_after[:1]
    elif after_de_first and (apposed := _apposed(doc, args, trig)) is not None:
        # "une dirigeante de Columbia Records, filiale de Sony Music": whatever its marker
        m.targets, m.owners = [apposed], after_de_first[:1]
    elif after_de_first and (named_next := _named_after_complement(doc, args, after_de_first[0], sent)):
        # "la filiale à bas prix de Lufthansa, Eurowings, ..."; "Filiale de X, Y a ..."
        m.targets, m.owners = named_next, after_de_first[:1]
    joint = _joint_owners(doc, args, trig)
    if joint and m.owners[:1] == joint[:1]:
        m.owners = joint  # "RNBV, filiale commune de Renault et de Nissan"
    elif joint and not m.owners:
        # "Filiale à parts égales entre Renault et Nissan, RNBV ..."; "X, coentreprise entre A et B"
        if subj and len(_outside_parens(doc[subj[-1].end : trig.start])) <= 3 and copula_only:
            m.targets = subj[-1:]
        else:
            apposed = _apposed(doc, args, trig)
            m.targets = [apposed] if apposed is not None else _named_after_complement(doc, args, joint[-1], sent)
        m.owners = joint if m.targets else []
    if not m.targets and not m.owners and after_de_first and _definite_subject(doc, trig, sent, after_de_first[0]):
        # "La filiale de Google est en concurrence avec X": the company the text is about
        m.owners, m.needs_context_target = after_de_first[:1], True
    if len(m.owners) == 1 and len(m.targets) == 1:
        _second_pair(doc, args, sent, m)
    return ctx.voice


def _definite_subject(doc: Doc, trig: Trigger, sent: Span, complement: Arg) -> bool:
    """"La filiale de X est ...": the singular noun opens its clause after a definite or
    demonstrative determiner, its complement follows at once, and a verb follows the complement."""
    det = trig.start - 1
    opens = det == sent.start or (det > sent.start and doc[det - 1].text == ",")
    return (
        det >= sent.start
        and doc[det].lower_ in ("la", "cette", "le", "ce")
        and opens
        and not trig.text.lower().endswith("s")
        and complement.start - trig.end <= 2
        and any(t.pos_ in ("VERB", "AUX") for t in doc[complement.end : min(sent.end, complement.end + 2)])
    )


JOINT = re.compile(r"^(?:commune?s?|conjointe?s?|à\s+parts\s+égales|à\s+50\s*[-/]\s*50|détenue?s?\s+à\s+parts\s+égales)\b")


def _joint_owners(doc: Doc, args: list[Arg], trig: Trigger) -> list[Arg]:
    """'filiale commune de A et B', 'filiale à parts égales entre A et B', 'coentreprise de A et B':
    every coordinated name owns the subsidiary."""
    first = next((a for a in args if a.anaphor is None and a.marker in ("de", "entre") and 0 <= a.start - trig.end <= 6), None)
    if first is None:
        return []
    words = doc[trig.end : first.start].text.lower().replace("’", "'")
    words = re.sub(r"\s*(?:de|du|des|d'|entre)\s*$", "", words)
    if not (first.marker == "entre" or trig.lemma == "coentreprise" or JOINT.match(words)):
        return []
    group = _first_group([a for a in args if a.start >= first.start], doc)
    return group if len(group) >= 2 else []


def _second_pair(doc: Doc, args: list[Arg], sent: Span, m: RawMention) -> None:
    """'la filiale de Walmart, Flipkart, et celle du groupe Reliance, JioMart': "celle" repeats the
    noun for a second (owner, subsidiary) pair, read pairwise."""
    k = max(m.owners[0].end, m.targets[0].end)
    j = k
    while j < min(sent.end, k + 2) and doc[j].lower_ in (",", "et"):
        j += 1
    if [t.lower_ for t in doc[k:j]] not in ([",", "et"], ["et"]) or j >= sent.end or doc[j].lower_ not in ("celle", "celles"):
        return
    owner2 = next((a for a in args if a.marker == "de" and a.anaphor is None and j + 1 <= a.start <= j + 5), None)
    target2 = _named_after_complement(doc, args, owner2, sent) if owner2 is not None else []
    if owner2 is not None and target2:
        m.owners, m.targets = [m.owners[0], owner2], [m.targets[0], target2[0]]
        m.pairwise = True


COPULA_FORMS = {
    "est", "sont", "était", "étaient", "sera", "seront", "serait", "seraient", "fut", "devient", "deviennent", "devenait",
    "reste", "restent", "restait", "été", "devenu", "devenue", "devenus", "devenues", "demeure", "demeurent",
}


def _non_copula_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and t.lower_ not in COPULA_FORMS  # forms, not lemmas: the engine runs no lemmatizer


def _assign_parent(m: RawMention, ctx: Context) -> str | None:
    """'X, maison mère de Y'."""
    doc, sent, trig, args = ctx.doc, ctx.sent, ctx.trig, ctx.args
    subj, after_de_first = ctx.subj, ctx.after_de_first
    m.owners = subj[-1:] if subj and trig.start - subj[-1].end <= 3 else []
    if not m.owners and (apposed := _apposed(doc, args, trig)) is not None:
        m.owners = [apposed]  # "le directeur d'Iliad (maison-mère de Free)": whatever its marker
    m.targets = after_de_first[:1]
    inside = _parenthesised(doc, args, after_de_first[-1], sent) if after_de_first else []
    if not m.owners and len(inside) == 1:
        # "la maison mère de X et Y (groupe Z)": the parent in parentheses after its children
        m.owners, m.targets = inside, list(after_de_first)
    elif not m.owners and m.targets and m.targets[0].end < sent.end and doc[m.targets[0].end].text == ",":
        # "la maison mère de TikTok, ByteDance, ...": the parent is named in apposition
        m.owners = _named_after_complement(doc, args, m.targets[0], sent)
    elif not m.owners and not m.targets and trig.start > sent.start and doc[trig.start - 1].lower_ in ("sa", "son", "leur"):
        # "sa maison mère ByteDance": the parent is named after, the child before or in context
        named = [a for a in args if a.start >= trig.end and a.start - trig.end <= 3 and a.anaphor is None and a.kind != "person"]
        if named and not any(t.pos_ in ("VERB", "AUX") for t in doc[trig.end : named[0].start]):
            m.owners = named[:1]
            m.targets = [a for a in _possessor(doc, args, trig, sent, named[:1]) if a.kind not in ("unknown", "person")]
            m.needs_context_target = not m.targets
    return ctx.voice


def _assign_invest(m: RawMention, ctx: Context) -> str | None:
    """'X investit dans Y', 'l'investissement de X dans Y'."""
    trig = ctx.trig
    subj, after_de_first, after_dans, capital_of = ctx.subj, ctx.after_de_first, ctx.after_dans, ctx.capital_of
    if trig.lemma == "recapitalisation":
        # "la recapitalisation d'Areva par l'État": the company recapitalised, then who pays
        m.targets = after_de_first[:1]
        m.owners = ctx.after_par or (subj if _verb_between(ctx.doc, subj, trig) else [])
    elif trig.nominal:
        # "la prise de participation de Vivendi dans Ubisoft": the stake's holder invests
        m.owners = after_de_first[:1] or [a for a in ctx.holders if a.start >= trig.end][:1] or subj
        m.targets = after_dans or capital_of[:1]
    else:
        m.owners = subj
        m.targets = after_dans or capital_of[:1] or after_de_first[:1]
        if trig.lemma == "recapitaliser" and ctx.voice == "active":
            m.targets = m.targets or ctx.after_bare[:1]  # "l'État a recapitalisé Areva": the object
        elif trig.lemma == "recapitaliser":
            m.targets, m.owners = subj, ctx.after_par  # "Areva a été recapitalisé par l'État"
    return ctx.voice


def _assign_raise(m: RawMention, ctx: Context) -> str | None:
    """'Y lève 105 M€ auprès de X', 'la levée de fonds de Y'."""
    doc, trig = ctx.doc, ctx.trig
    subj, after_de_first, after_par, after_a = ctx.subj, ctx.after_de_first, ctx.after_par, ctx.after_a
    if trig.nominal:
        # "la levée de fonds de X"; "X a bouclé une levée de fonds" (not "a saisi X pour une levée")
        m.targets = after_de_first[:1] or (subj[-1:] if _verb_between(doc, subj, trig) and not _verb_object_between(doc, subj, trig) else [])
    else:
        m.targets = subj[-1:]
    m.owners = after_a if after_a else after_par
    return ctx.voice


def _assign_join(m: RawMention, ctx: Context) -> str | None:
    """A purchase told from the target's side: 'Y rejoint le giron de X'."""
    doc, trig, args, triggers = ctx.doc, ctx.trig, ctx.args, ctx.triggers
    subj = ctx.subj
    # "Gameloft tombe dans l'escarcelle de Vivendi", "passe sous le contrôle de": a purchase
    m.targets = subj[-1:]
    m.owners = _first_group(_after(args, trig, ("de", "bare", "a"), triggers, limit=6), doc)[:1]
    return ctx.voice


def _assign_bid(m: RawMention, ctx: Context) -> str | None:
    """A takeover bid: the bidder owns, the company bid for is the target."""
    doc, trig, args, triggers = ctx.doc, ctx.trig, ctx.args, ctx.triggers
    subj, after_de_first = ctx.subj, ctx.after_de_first
    # "l'OPA de Vivendi sur Gameloft", "Veolia a lancé une OPA sur Suez": a takeover bid
    m.targets = _first_group(_after(args, trig, ("sur",), triggers, limit=8), doc)[:1]
    m.owners = after_de_first[:1] or (subj[-1:] if _verb_between(doc, subj, trig) or doc[trig.start - 1].lower_ in ("son", "sa", "leur") else [])
    return ctx.voice


def _assign_merge(m: RawMention, ctx: Context) -> str | None:
    """'X et Y fusionnent', 'la fusion entre X et Y'."""
    doc, sent, trig, args, triggers = ctx.doc, ctx.sent, ctx.trig, ctx.args, ctx.triggers
    subj = ctx.subj
    if re.search(r"\blistes?\b|\bcommunes?\b|\br[ée]gions?\b|\bpartis?\b", sent.text, re.IGNORECASE):
        return None  # electoral lists, towns, regions and parties that merge: no companies
    parties = list(subj) if not trig.nominal else []
    if not trig.nominal and len(ctx.after_bare) >= 2 and all(a.anaphor == "pronoun" or a.kind == "person" for a in subj):
        parties = ctx.after_bare[:2]  # "il voulait fusionner A et B": the object names both
    parties += _first_group(_after(args, trig, ("entre", "de", "avec"), triggers), doc)
    parties += [a for a in _after(args, trig, ("avec",), triggers) if a not in parties][:1]
    pair = _hyphen_pair(doc, args, trig) if trig.nominal else []
    if pair:
        parties = pair  # "la fusion Siemens-Alstom", "issu de la fusion Essilor/Luxottica"
    apposed_subject = bool(subj) and subj[-1].end < trig.start and doc[subj[-1].end].text == "," and not any(_finite(t) for t in doc[subj[-1].end : trig.start])
    if trig.nominal and len(parties) == 1 and subj and (_verb_between(doc, subj, trig) or doc[trig.start - 1].lower_ in ("sa", "leur") or apposed_subject):
        parties = subj[-1:] + parties  # "Atos annonce sa fusion avec Bull"; "PSA, en route vers une fusion avec FCA, ..."
    elif trig.nominal and len(parties) == 1 and parties[0].marker == "avec" and not subj:
        # "Après la fusion avec Darty, la Fnac a changé de nom": the subject after the phrase
        parties = _possessor(doc, [a for a in args if a.start > trig.end], trig, sent, parties) + parties
    if trig.nominal and not parties and len(subj) >= 2 and doc[trig.start - 1].lower_ in ("leur", "une", "la") and _verb_between(doc, subj, trig):
        parties = subj[-2:]  # "Peugeot et Fiat Chrysler ont annoncé leur fusion", "envisagent une fusion"
    if len(parties) < 2 and _the_two_nouns(doc, sent, trig):
        parties = _two_named_before(doc, sent, trig)  # "la fusion des deux groupes": the last two companies named
    parties = [a for a in parties if a.kind != "person"]  # a chief executive is no party
    if len(parties) < 2:
        return None
    if trig.lemma == "mariage" and any(a.kind in ("unknown", "person") for a in parties[:2]):
        return None  # "le mariage de Jean et Marie": people, not companies
    if trig.lemma == "rapprochement" and all(a.kind in ("unknown", "person") for a in parties[:2]):
        return None  # "le rapprochement entre Kim et Trump": two names no company list knows
    if trig.lemma in ("rapprochement", "mariage", "regroupement") and any(_is_place(doc, a) for a in parties[:2]):
        return None  # "le rapprochement entre la Russie et l'Europe": diplomacy
    m.owners, m.targets = parties[:1], parties[1:2]
    return ctx.voice


# plural nouns for companies (not for titles, sites or channels, which merge as products)
TWO_COMPANIES = {
    "groupes", "sociétés", "entreprises", "opérateurs", "constructeurs", "éditeurs", "banques", "compagnies", "firmes",
    "géants", "laboratoires", "assureurs", "enseignes", "distributeurs", "rivaux", "concurrents", "fabricants",
    "équipementiers", "industriels", "conglomérats", "spécialistes", "start-up", "startups", "entités", "partenaires",
}


CONSORTIUM = re.compile(
    r"\b(?:le|un|ce|l')\s*(?:consortium|groupement|tandem|duo|attelage|alliance)\s+(?:\w+\s+)?"
    r"(?:formé|mené|composé|constitué|emmené|réunissant|associant|piloté)\s+(?:par|de|d'|des|du)?\s*$",
    re.IGNORECASE,
)


def _consortium_members(doc: Doc, args: list[Arg], trig: Trigger, sent: Span) -> list[Arg]:
    """'Le consortium formé par Vantor et Eskal a racheté ...': the members are the buyers (the
    listed names right after the phrase, ending right before the trigger's verb group)."""
    for a in args:
        if a.start >= trig.start or a.anaphor is not None:
            continue
        if not CONSORTIUM.search(doc[max(sent.start, a.start - 8) : a.start].text.replace("’", "'") + " "):
            continue
        group = _first_group([b for b in args if a.start <= b.start < trig.start], doc)
        rest = doc[group[-1].end : trig.start] if group else doc[0:0]
        if group and all(t.pos_ in ("AUX", "ADV", "PRON") or t.text == "," for t in rest):
            return group
    return []


def _the_two_nouns(doc: Doc, sent: Span, trig: Trigger) -> bool:
    """'la fusion des deux groupes', 'le rapprochement entre les deux éditeurs', 'les deux
    opérateurs vont fusionner': "deux" and a plural company noun right after a merger noun, or
    as the subject right before a merger verb."""
    if trig.nominal:
        words = [t.lower_ for t in doc[trig.end : min(sent.end, trig.end + 4)]]
    else:
        words = [t.lower_ for t in doc[max(sent.start, trig.start - 5) : trig.start]]
    # a definite "the two" ("un mariage entre deux groupes" is any two)
    return any(words[k] == "deux" and k > 0 and words[k - 1] in ("des", "les", "ces", "aux") and words[k + 1] in TWO_COMPANIES for k in range(len(words) - 1))


def _two_named_before(doc: Doc, sent: Span, trig: Trigger) -> list[Arg]:
    """The last two companies named before the trigger (in its sentence or the three before),
    in text order, for "les deux groupes"."""
    sents = [s for s in doc.sents if s.end <= sent.end][-4:]
    found: list[Arg] = []
    for s in reversed(sents):
        names = [a for a in candidates(s) if a.anaphor is None and a.kind != "person" and not _is_place(doc, a) and a.end <= trig.start]
        for a in reversed(names):
            if all(a.text.lower() != b.text.lower() for b in found):
                found.append(a)
            if len(found) == 2:
                return [found[1], found[0]]
    return []


_BY_FRAME: dict[str, Callable[[RawMention, Context], str | None]] = {
    "buy": _assign_buy,
    "sell": _assign_sell,
    "hold": _assign_hold,
    "shareholder": _assign_shareholder,
    "belong": _assign_belong,
    "subsidiary": _assign_subsidiary,
    "parent": _assign_parent,
    "invest": _assign_invest,
    "raise": _assign_raise,
    "join": _assign_join,
    "bid": _assign_bid,
    "merge": _assign_merge,
}


def _apposition_head(doc: Doc, args: list[Arg], trig: Trigger, sent: Span) -> list[Arg]:
    """'Deezer, le service de musique détenu par Sony', 'Boursorama (appartenant à Y)': the
    name that an apposition or a parenthesis ending at the trigger describes."""
    j = trig.start - 1
    while j > sent.start and trig.start - j <= 10 and (doc[j].text == "-" or not (doc[j].is_punct or doc[j].text[:1].isupper() or doc[j].pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ"))):
        j -= 1
    if doc[j].text not in (",", "("):
        return []
    head = next((a for a in args if a.end == j and a.anaphor != "pronoun"), None) or _open_paren_head(doc, args, trig, sent)
    return [head] if head is not None and head.kind != "person" else []


def _open_paren_head(doc: Doc, args: list[Arg], trig: Trigger, sent: Span) -> Arg | None:
    """'un ancien d'Oculus (fabricant de casques, racheté par Facebook)': the name right before the
    parenthesis that the trigger stands in, whatever its marker."""
    j = trig.start - 1
    while j > sent.start and trig.start - j <= 12 and doc[j].text not in ("(", ")"):
        j -= 1
    if doc[j].text != "(":
        return None
    return next((a for a in args if a.end == j and a.anaphor != "pronoun" and a.kind != "person"), None)


def _apposed(doc: Doc, args: list[Arg], trig: Trigger) -> Arg | None:
    """The name right before ', propriétaire de' or '(l'actionnaire de', whatever its marker."""
    j = trig.start - 1
    while j >= 0 and doc[j].lower_ in BEFORE_OWNER_NOUN:
        j -= 1
    if j < 1 or doc[j].text not in (",", "("):
        return None
    return next((a for a in args if a.end == j and a.anaphor != "pronoun"), None)


def _list_after(doc: Doc, args: list[Arg], owner: list[Arg]) -> list[Arg]:
    """'les filiales de Vivendi, Canal+, Havas et Gameloft': the names listed after the owner."""
    if not owner or owner[0].end >= len(doc) or doc[owner[0].end].text != ",":
        return []
    after = [a for a in args if a.start > owner[0].end]
    group = _first_group(after, doc)
    return group if len(group) >= 2 and group[0].start - owner[0].end <= 2 else []


def _complete(m: RawMention) -> bool:
    if m.frame == "sell" and not m.owners and m.trigger.nominal and not m.stake_sale and m.trigger.lemma not in PRIVATISE:
        return False  # "la vente de son siège": a sale with no buyer needs a verb to be trusted
    if m.frame in ("buy", "sell"):
        return bool((m.targets or m.needs_context_target) and (m.owners or m.sellers))
    if m.frame == "raise":
        return bool(m.targets)
    if m.frame == "hold" and m.needs_context_target:
        return bool(m.owners) and m.stake is not None
    if m.frame in ("shareholder", "parent", "subsidiary") and m.needs_context_target:
        return bool(m.owners)
    return bool(m.owners and m.targets)


DEAL_VERBS = re.compile(
    r"^(annon[cç]\w*|finalis\w*|boucl\w*|conclu\w*|officialis\w*|confirm\w*|sign\w*|r[ée]alis\w*|effectu\w*|ach[eè]v\w*|lanc\w*|"
    r"engag\w*|entam\w*|pr[ée]par\w*|n[ée]goci\w*|poursui\w*|propos\w*|d[ée]voil\w*|parachev\w*|op[ée]r\w*|mène|men[ée]\w*|"
    r"renonc\w*|abandonn\w*|envisag\w*|étudi\w*|tent\w*|obten\w*|obtient|obtenu)$"
)


def _verb_between(doc: Doc, subj: list[Arg], trig: Trigger) -> bool:
    """'Microsoft a finalisé l'acquisition de LinkedIn': the subject of a deal verb owns the noun.
    A subject that is a relative pronoun ("X, qui détient 20 % de Y, doit devenir ...") is read
    from the comma that closes its clause."""
    if not subj:
        return False
    start = subj[-1].end
    if doc[subj[-1].start].lower_ == "qui":
        start = max((t.i + 1 for t in doc[start : trig.start] if t.text == ","), default=start)
    if trig.start - start > 14:
        return False
    between = doc[start : trig.start]
    return any(DEAL_VERBS.match(t.lower_) for t in between) or any(t.pos_ in ("VERB", "AUX") for t in between)


def _future(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """'va détenir', 'vont posséder', 'détiendra': a state that a deal is about to create."""
    tok = doc[trig.start]
    if "Fut" in tok.morph.get("Tense", []) and "Cnd" not in tok.morph.get("Mood", []):
        return True
    j = trig.start - 1
    while j >= sent.start and doc[j].pos_ == "ADV":
        j -= 1
    return j >= sent.start and doc[j].lower_ in ("va", "vont", "allait", "allaient") and tok.lower_.endswith(("ir", "er", "re"))


def _en_before(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """'qui en détient 75 %', 'en possède la moitié': the clitic 'en' stands for the company."""
    j = trig.start - 1
    while j >= sent.start and (doc[j].pos_ in ("AUX", "ADV") or doc[j].lower_ in ("ne", "n'", "n’")):
        j -= 1
    return j >= sent.start and doc[j].lower_ == "en" and j + 1 <= trig.start


def _reflexive_or_score(doc: Doc, trig: Trigger, sent: Span) -> bool:
    before = doc[trig.start - 1].lower_ if trig.start > sent.start else ""
    if before in ("se", "s'", "s’"):
        return True
    after = doc[trig.end : min(sent.end, trig.end + 4)].text.lower()
    if re.match(r"^(?:\d[\d,.]*\s+points?|du\s+terrain|la\s+place|la\s+parole)\b", after):
        return True
    # "a cédé à la pression de X", "cède aux sirènes du SUV": "céder à" a common noun is giving in
    # ("a cédé à Tencent ses parts" names a buyer)
    if doc[trig.start].lower_.startswith("c") and trig.end < sent.end and doc[trig.end].lower_ in ("à", "au", "aux"):
        k = trig.end + 1
        while k < sent.end and doc[k].lower_ in ("la", "le", "l'", "l’", "les"):
            k += 1
        yielded = k < sent.end and doc[k].pos_ == "NOUN" and doc[k].text.islower() and doc[k].lower_.replace("’", "'") not in cue_nouns()
        return yielded and before not in ("l'", "l’", "le", "la", "les", "en")
    return False


def _object_is_a_thing(doc: Doc, trig: Trigger, sent: Span, args: list[Arg]) -> bool:
    """The direct object (or the noun after "de" for a noun trigger) is a common noun that is
    neither a company description nor a stake: 'une nouvelle sellerie', 'du micro', 'la créance'."""
    j = trig.end
    while j < sent.end and doc[j].pos_ == "ADV":
        j += 1
    if trig.nominal:
        if j >= sent.end or doc[j].lower_ not in ("de", "d'", "d’", "du", "des"):
            return False
    if j < sent.end and doc[j].like_num and j + 1 < sent.end and doc[j + 1].lower_ in ("des", "de", "d'", "d’"):
        j += 1  # "reprendrait 85 des 96 journalistes": a count of things
    if j + 2 < sent.end and doc[j].lower_ in ("l'", "l’") and doc[j + 1].lower_ in ("un", "une") and doc[j + 2].lower_ in ("des", "de"):
        j += 2  # "possède l'un des systèmes de censure ...": one of some things
    if j >= sent.end or doc[j].lower_ not in THING_DETERMINERS:
        return False
    k = j + 1
    while k < sent.end and (doc[k].pos_ in ("DET", "ADJ", "NUM") or doc[k].lower_ in ("l'", "l’", "la", "le", "les")) and not doc[k].text[:1].isupper():
        k += 1
    if k >= sent.end or doc[k].pos_ != "NOUN" or doc[k].text[:1].isupper():
        return False
    noun = doc[k].lower_
    cues = cue_nouns()
    if noun in cues or noun.rstrip("s") in cues or noun in STAKE_HOLDER_NOUNS or noun in CAPITAL_NOUNS or noun in STAKE_OBJECT_WORDS:
        return False
    if noun in COMPANY_LIKE_NOUNS:
        return False
    # a name right after the noun phrase ("le réseau social LinkedIn", "le câblo-opérateur
    # Rhodanet", "l'interface de production Anchor") is the object; a name after "de" is the
    # thing's complement ("un maillot du club X", "les droits de la ligue Y")
    starts = {a.start for a in args}
    end = k + 1
    while end < sent.end and end - k <= 5:
        if end in starts:
            return doc[end - 1].lower_ in ("de", "d'", "d’", "du", "des")
        if not (doc[end].pos_ in ("NOUN", "ADJ") or doc[end].text == "-" or doc[end].lower_ in ("de", "d'", "du", "des")) or doc[end].text[:1].isupper():
            break
        end += 1
    return end not in starts


def _clitic_object(doc: Doc, trig: Trigger, sent: Span) -> bool:
    """'il la vend à LVMH', 'Microsoft l'a rachetée': the object is a clitic pronoun before the verb."""
    if doc[trig.start].pos_ not in ("VERB", "AUX"):
        return False  # "l'acheteur", "les repreneurs": nouns
    j = trig.start - 1
    while j >= sent.start and (doc[j].pos_ in ("AUX", "ADV") or doc[j].lower_ in ("ne", "n'", "n’", "a", "avait", "ont", "va", "vont")):
        j -= 1
    # the tagger often calls the clitic a determiner; before a verb it cannot be one
    return j > sent.start and j < trig.start and doc[j].lower_ in ("la", "le", "l'", "l’", "les") and doc[j].pos_ in ("PRON", "DET")


def _verb_object_between(doc: Doc, subj: list[Arg], trig: Trigger) -> bool:
    """'a saisi la commission pour enquêter sur une levée': the subject's verb has another
    object and a preposition before the noun trigger."""
    between = doc[subj[-1].end : trig.start]
    return any(t.lower_ in ("pour", "sur", "contre", "après", "avant") for t in between) and any(
        t.pos_ == "VERB" and "Inf" in t.morph.get("VerbForm", []) for t in between
    )


def _stake_object(doc: Doc, trig: Trigger, sent: Span) -> bool:
    return any(t.lower_ in STAKE_OBJECT_WORDS for t in doc[trig.end : min(sent.end, trig.end + 4)]) or any(
        t.lower_ in STAKE_OBJECT_WORDS for t in doc[max(sent.start, trig.start - 6) : trig.start]
    )


def _after_stake_noun(doc: Doc, trig: Trigger) -> bool:
    """'les parts détenues par X', 'les 10 % encore détenus par X': a stake, not a holding statement."""
    if not _participle(doc[trig.start]):
        return False
    j = trig.start - 1
    while j >= 0 and doc[j].pos_ == "ADV":
        j -= 1
    if j < 0:
        return False
    return doc[j].text in ("parts", "part", "actions", "titres", "participation", "participations", "capital") or any(
        q.label_ == "PERCENT" and q.start <= j < q.end for q in doc.spans.get(QUANTITIES_KEY, [])
    )


def _market_between(doc: Doc, trig: Trigger, targets: list[Arg]) -> bool:
    if not targets:
        return False
    lo, hi = min(trig.end, targets[0].start), max(trig.end, targets[0].start)
    return bool(MARKET_WORDS.search(doc[lo:hi].text))


def fill_quantities(doc: Doc, sent: Span, m: RawMention) -> None:
    quantities = [q for q in doc.spans.get(QUANTITIES_KEY, []) if q.start >= sent.start and q.end <= sent.end]
    percents = [q for q in quantities if q.label_ == "PERCENT"]
    used: set[int] = set()
    for seller in m.sellers:
        for q in percents:
            if 0 <= q.start - seller.end <= 3 and q._.value is not None:
                m.seller_stakes[seller.start] = float(q._.value)
                used.add(q.start)
                break
    lo = min([m.trigger.start] + [a.start for a in m.targets])
    hi = max([m.trigger.end] + [a.end for a in m.targets]) + 2
    if m.frame in ("hold", "invest", "buy", "shareholder") and m.targets:
        hi = max(hi, m.targets[0].end + 6)  # "... de la start-up Ondaly à hauteur de 10 %"
    if m.frame in ("hold", "shareholder") and (not m.targets or m.targets[0].start < m.trigger.start):
        hi = max(hi, m.trigger.end + 5)  # "qui en détient près de 75 %", "dont l'État est actionnaire à hauteur de 14 %"
    window = [q for q in percents if q.start not in used and lo <= q.start < hi and not _market_after(doc, q)]
    # "absorbe Câblis, dont il détenait déjà 51 %": the percent of a relative clause is its own
    window = [q for q in window if q.start < m.trigger.start or not any(t.lower_ in ("dont", "qui", "que", "qu'") for t in doc[m.trigger.end : q.start])]
    window = [q for q in window if not _quantifies_holders(doc, q, m)]
    numeric = [q for q in window if q._.value is not None and re.search(r"\d", q.text)]
    if m.pairwise and len(m.owners) >= 2 and not m.sellers:
        after = [q for q in percents if q.start >= m.trigger.end and q._.value is not None][: len(m.owners)]
        if len(after) == len(m.owners):
            m.owner_stakes = {o.start: float(q._.value) for o, q in zip(m.owners, after, strict=True)}
    if len(m.owners) >= 2 and not m.owner_stakes:
        # "détenue à 60 % par A et à 40 % par B": the percent right before each "par"
        before_par = {o.start: next((q for q in percents if q._.value is not None and q.end <= o.start and _par_between(doc, q.end, o.start)), None) for o in m.owners}
        if all(q is not None for q in before_par.values()) and len({q.start for q in before_par.values() if q is not None}) == len(before_par):
            m.owner_stakes = {start: float(q._.value) for start, q in before_par.items() if q is not None}
    chosen = (numeric or [q for q in window if q._.value is not None])[:1]
    if chosen:
        m.stake = float(chosen[0]._.value)
        m.stake_start = chosen[0].start_char
    money = [q for q in quantities if q.label_ == "MONEY" and q._.value is not None]
    if FRAME_TYPES[m.frame] == "holding" and m.event_type == "holding":
        money = []  # a holding states no price; the amount nearby is another deal's
    if len(m.targets) > 1:
        for t in m.targets:
            own = next((q for q in money if 0 <= q.start - t.end <= 3), None)
            if own is not None:
                m.target_amounts[t.start] = (float(own._.value), own._.currency, own.start_char)
        if len(m.target_amounts) < 2:
            m.target_amounts = {}  # "A et B pour 300 M€": one price for the lot
    if money:
        best = min(money, key=lambda q: (q.start < m.trigger.start, abs(q.start - m.trigger.end)))
        if abs(best.start - m.trigger.end) <= 20 or m.frame == "raise":
            m.amount, m.currency, m.amount_start = float(best._.value), best._.currency, best.start_char


# "a reculé de 2,38 %", "l'action a bondi de 12 %": a price or a ratio that moved, not a stake
MOVE_BEFORE = re.compile(
    r"\b(?:recul\w*|progress\w*|gagn\w*|perd\w*|chut\w*|bondi\w*|baiss\w*|augment\w*|grimp\w*|plong\w*|cr[ûu]\w*|"
    r"dévissé\w*|hausse|baisse|repli|croissance|rebond\w*)(?:\s+(?:de|d'|d’))?(?:\s+(?:près\s+de|plus\s+de|environ))?\s*$",
    re.IGNORECASE,
)


def _par_between(doc: Doc, end: int, start: int) -> bool:
    """Only "par" and a determiner between a percent and a name ("51 % par le groupe IPM")."""
    gap = [t.lower_ for t in doc[end:start]]
    return 1 <= len(gap) <= 3 and gap[0] == "par" and all(g in ("le", "la", "les", "l'", "l’", "groupe", "société") for g in gap[1:])


def _market_after(doc: Doc, q: Span) -> bool:
    """A market share after the percent, or a price move before it."""
    if MOVE_BEFORE.search(doc[max(0, q.start - 5) : q.start].text):
        return True
    return bool(MARKET_WORDS.search(doc[q.end : min(len(doc), q.end + 4)].text))


def _quantifies_holders(doc: Doc, q: Span, m: RawMention) -> bool:
    """'l'intégralité des parts détenues par X' states no stake of the target."""
    follow = doc[q.end : min(len(doc), q.end + 3)].text.lower()
    return bool(m.sellers) and bool(re.match(r"^(des|de\s+la|de\s+sa|de\s+ses|es)\s+(parts?|participations?|actions|titres)", follow))
