"""Names of countries, French regions and départements and large world regions, in French.

A place is never the company bought or held ("franchir la ligne de contrôle de l'Inde", "des
terres achetées dans l'Indre"); a state may still own or sell ("l'Inde détient 26 %"), so
only the target role is refused. Names are compared lower-cased, without accents and without
their article.
"""

from __future__ import annotations

import unicodedata

COUNTRIES = """
afghanistan afrique du sud albanie algérie allemagne andorre angola arabie saoudite argentine arménie
australie autriche azerbaïdjan bahreïn bangladesh belgique bénin bhoutan biélorussie birmanie bolivie
bosnie botswana brésil brunei bulgarie burkina faso burundi cambodge cameroun canada cap-vert chili chine
chypre colombie comores congo corée du nord corée du sud costa rica côte d'ivoire croatie cuba danemark
djibouti égypte émirats arabes unis équateur érythrée espagne estonie états-unis éthiopie finlande france
gabon gambie géorgie ghana grèce guatemala guinée haïti honduras hongrie inde indonésie irak iran irlande
islande israël italie jamaïque japon jordanie kazakhstan kenya kirghizistan koweït laos lettonie liban
libéria libye liechtenstein lituanie luxembourg macédoine madagascar malaisie malawi mali malte maroc
maurice mauritanie mexique moldavie monaco mongolie monténégro mozambique namibie népal nicaragua niger
nigeria norvège nouvelle-zélande oman ouganda ouzbékistan pakistan palestine panama paraguay pays-bas
pérou philippines pologne portugal qatar roumanie royaume-uni russie rwanda salvador sénégal serbie
singapour slovaquie slovénie somalie soudan sri lanka suède suisse syrie tadjikistan taïwan tanzanie tchad
tchéquie thaïlande togo tunisie turkménistan turquie ukraine uruguay venezuela viêt nam vietnam yémen
zambie zimbabwe
"""

REGIONS = """
afrique ain aisne allier amérique ardennes ardèche ariège asie aube aude auvergne-rhône-alpes
aveyron bourgogne-franche-comté bretagne calvados cantal centre-val de loire charente
charente-maritime cher corrèze corse creuse côte-d'or deux-sèvres dordogne doubs drôme essonne eure
eure-et-loir europe finistère gard gers gironde grand est guadeloupe guyane haute-savoie haute-saône
haute-vienne hauts-de-france hauts-de-seine hexagone hérault ille-et-vilaine indre indre-et-loire
isère jura landes loir-et-cher loire loire-atlantique loiret lot lot-et-garonne lozère maghreb
maine-et-loire manche marne martinique mayenne mayotte meurthe-et-moselle meuse morbihan moselle
moyen-orient nièvre nord normandie nouvelle-aquitaine occitanie océanie oise orne pas-de-calais
pays de la loire provence-alpes-côte d'azur puy-de-dôme rhône réunion sarthe savoie saône-et-loire
seine-et-marne seine-maritime seine-saint-denis somme tarn tarn-et-garonne val-d'oise val-de-marne
var vaucluse vendée vienne vosges yonne yvelines île-de-france
"""

# several-word names are kept whole; the rest is split on spaces
_MULTI = {
    "afrique du sud", "arabie saoudite", "burkina faso", "corée du nord", "corée du sud", "costa rica",
    "côte d'ivoire", "émirats arabes unis", "sri lanka", "viêt nam", "centre-val de loire", "grand est",
    "pays de la loire", "provence-alpes-côte d'azur",
}


def _names(block: str) -> set[str]:
    text = " ".join(block.split())
    found = {m for m in _MULTI if m in text}
    for m in found:
        text = text.replace(m, " ")
    return found | set(text.split())


def _fold(text: str) -> str:
    """Lower case, accents dropped: "Etats-Unis" and "États-Unis" are one name."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


PLACES = frozenset(_fold(n) for n in _names(COUNTRIES) | _names(REGIONS))
ARTICLES = ("la ", "le ", "les ", "l'", "l’")


def is_place(name: str | None) -> bool:
    """The name (with or without its article) is a country or region of the list."""
    if not name:
        return False
    text = _fold(" ".join(name.split()))
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text in PLACES
