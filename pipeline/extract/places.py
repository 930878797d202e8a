"""Names of countries, French regions and départements and large world regions, in French.

A place is never the company bought or held ("franchir la ligne de contrôle de l'Inde", "des
terres achetées dans l'Indre"); a state may still own or sell ("l'Inde détient 26 %"), so
only the target role is refused. Names are compared lower-cased, without accents and without
their article.
"""

from __future__ import annotations

import unicodedata

COUNTRIES = """
afghanistan, afrique du sud, albanie, algérie, allemagne, andorre, angola, arabie saoudite,
argentine, arménie, australie, autriche, azerbaïdjan, bahreïn, bangladesh, belgique, bhoutan,
birmanie, biélorussie, bolivie, bosnie, botswana, brunei, brésil, bulgarie, burkina faso, burundi,
bénin, cambodge, cameroun, canada, cap-vert, chili, chine, chypre, colombie, comores, congo, corée
du nord, corée du sud, costa rica, croatie, cuba, côte d'ivoire, danemark, djibouti, espagne,
estonie, finlande, france, gabon, gambie, ghana, grèce, guatemala, guinée, géorgie, haïti, honduras,
hongrie, inde, indonésie, irak, iran, irlande, islande, israël, italie, jamaïque, japon, jordanie,
kazakhstan, kenya, kirghizistan, koweït, laos, lettonie, liban, libye, libéria, liechtenstein,
lituanie, luxembourg, macédoine, madagascar, malaisie, malawi, mali, malte, maroc, maurice,
mauritanie, mexique, moldavie, monaco, mongolie, monténégro, mozambique, namibie, nicaragua, niger,
nigeria, norvège, nouvelle-zélande, népal, oman, ouganda, ouzbékistan, pakistan, palestine, panama,
paraguay, pays-bas, philippines, pologne, portugal, pérou, qatar, roumanie, royaume-uni, russie,
rwanda, salvador, serbie, singapour, slovaquie, slovénie, somalie, soudan, sri lanka, suisse, suède,
syrie, sénégal, tadjikistan, tanzanie, taïwan, tchad, tchéquie, thaïlande, togo, tunisie,
turkménistan, turquie, ukraine, uruguay, venezuela, vietnam, viêt nam, yémen, zambie, zimbabwe,
égypte, émirats arabes unis, équateur, érythrée, états-unis, éthiopie
"""

REGIONS = """
afrique, ain, aisne, allier, amérique, ardennes, ardèche, ariège, asie, aube, aude,
auvergne-rhône-alpes, aveyron, bourgogne-franche-comté, bretagne, calvados, cantal, centre-val de
loire, charente, charente-maritime, cher, corrèze, corse, creuse, côte-d'or, deux-sèvres, dordogne,
doubs, drôme, essonne, eure, eure-et-loir, europe, finistère, gard, gers, gironde, grand est,
guadeloupe, guyane, haute-savoie, haute-saône, haute-vienne, hauts-de-france, hauts-de-seine,
hexagone, hérault, ille-et-vilaine, indre, indre-et-loire, isère, jura, landes, loir-et-cher, loire,
loire-atlantique, loiret, lot, lot-et-garonne, lozère, maghreb, maine-et-loire, manche, marne,
martinique, mayenne, mayotte, meurthe-et-moselle, meuse, morbihan, moselle, moyen-orient, nièvre,
nord, normandie, nouvelle-aquitaine, occitanie, océanie, oise, orne, pas-de-calais, pays de la
loire, provence-alpes-côte d'azur, puy-de-dôme, rhône, réunion, sarthe, savoie, saône-et-loire,
seine-et-marne, seine-maritime, seine-saint-denis, somme, tarn, tarn-et-garonne, val-d'oise,
val-de-marne, var, vaucluse, vendée, vienne, vosges, yonne, yvelines, île-de-france
"""


# the states of the United States (and Canada's largest provinces), in their French names
STATES = """
alabama, alaska, arizona, arkansas, californie, caroline du nord, caroline du sud, colorado,
connecticut, dakota du nord, dakota du sud, delaware, floride, géorgie, hawaï, idaho, illinois,
indiana, iowa, kansas, kentucky, louisiane, maine, maryland, massachusetts, michigan, minnesota,
mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new york, nouveau-mexique,
ohio, oklahoma, oregon, pennsylvanie, rhode island, tennessee, texas, utah, vermont, virginie,
virginie-occidentale, washington, wisconsin, wyoming, ontario, québec, colombie-britannique, alberta
"""


def _names(block: str) -> set[str]:
    """The comma-separated names of a block, spaces normalised."""
    return {" ".join(name.split()) for name in block.split(",") if name.strip()}


def _fold(text: str) -> str:
    """Lower case, accents dropped: "Etats-Unis" and "États-Unis" are one name."""
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))


PLACES = frozenset(_fold(n) for n in _names(COUNTRIES) | _names(REGIONS) | _names(STATES))
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
