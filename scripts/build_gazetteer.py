"""Build pipeline/annotate/companies/gazetteer.jsonl from facts.

Sources: a hand-kept list of French tech, telecom, media and finance companies with their
aliases and kind (scripts/gazetteer_seed.jsonl), the SBF 120 list and the 2025 French Tech
funding records of ../shared/data/gazetteer-sources/ (names only: facts).

    python scripts/build_gazetteer.py [--out PATH]

A seed entry may set "ambiguous" itself (true for titles that are ordinary words, "Le Point",
"Challenges"; false for a brand whose name has a word vector); otherwise it is computed below.
A name of the SBF 120 or of the funding records that is already a name or alias of a seed
entry is not added again (the seed entry keeps the SBF ISIN).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT.parent / "shared" / "data" / "gazetteer-sources"
SEED = ROOT / "scripts" / "gazetteer_seed.jsonl"
OUT = ROOT / "pipeline" / "annotate" / "companies" / "gazetteer.jsonl"

# Names that are also everyday French words or people: too ambiguous for a case-sensitive list.
# An investor named in the funding records is kept when it looks like a firm, not a person.
FUND_WORDS = r"(?i)\b(capital|ventures?|partners|invest\w*|fund|fonds|bank|banque|group|groupe|vc|holding|gestion|asset|equity|sa|sas)\b"


COMMON = {"free", "orange", "total", "salt", "believe", "meta", "arm", "accel", "casino", "suez", "alan", "mistral", "vinci", "source", "bureau", "apple", "amazon", "uber", "match"}
# well-known brands that have a vector of their own but are almost always the company in news
KNOWN_BRANDS = {"microsoft", "google", "facebook", "intel", "nokia", "samsung", "sony", "renault", "airbus", "thales", "atos", "sfr", "ibm", "oracle", "tencent", "alibaba", "vivendi", "ubisoft", "twitter", "yahoo", "netflix", "youtube", "linkedin", "huawei", "ericsson", "cisco", "siemens", "alstom", "michelin", "engie", "edf", "axa", "bnp", "lvmh", "kering", "fnac", "darty", "carrefour", "auchan", "capgemini", "nvidia", "qualcomm", "iliad", "altice", "numericable", "bouygues", "safran", "criteo", "doctolib", "deezer", "spotify", "instagram", "whatsapp", "snapchat", "twitch", "bpifrance", "dailymotion", "peugeot", "stellantis", "volkswagen", "nissan", "veolia", "publicis", "havas", "canal+", "tf1", "m6", "gemalto", "ingenico", "worldline", "altran", "sigfox", "withings", "qwant", "ovh", "ovhcloud", "exane", "natixis", "hsbc", "allianz", "generali", "amundi", "eurazeo", "wendel", "ardian", "kkr", "blackstone", "softbank", "cloudwatt", "numergy", "bull", "technicolor", "parrot", "archos"}


# brands of the hand-kept list that have a vector but are the company in news
KNOWN_BRANDS |= {
    "ratp", "eurostar", "dhl", "fedex", "chronopost", "europcar", "enedis", "boeing", "bombardier", "valeo", "bosch",
    "toshiba", "panasonic", "hitachi", "intermarché", "lidl", "aldi", "monoprix", "franprix", "castorama", "kiabi",
    "ikea", "zara", "primark", "shein", "vinted", "zalando", "sephora", "walmart", "costco", "rakuten", "aliexpress",
    "givenchy", "gucci", "balenciaga", "cartier", "rolex", "prada", "versace", "burberry", "moncler", "lacoste",
    "swarovski", "adidas", "nike", "reebok", "mattel", "hasbro", "lego", "playmobil", "ipsos", "ferrero", "haribo",
    "coca-cola", "pepsi", "nespresso", "heineken", "starbucks", "pfizer", "moderna", "astrazeneca", "novartis",
    "abbvie", "allergan", "monsanto", "bayer", "medtronic", "bfmtv", "franceinfo", "télérama", "gaumont", "pathé",
    "gallimard", "flammarion", "bbc", "cnn", "hbo", "pixar", "paramount", "skype", "github", "xbox", "wechat", "xiaomi",
    "lenovo", "nintendo", "ebay", "paypal", "mastercard", "coinbase", "airbnb", "expedia", "tripadvisor", "vmware",
    "pinterest", "reddit", "dropbox", "shopify", "mozilla", "kaspersky", "symantec", "logitech", "gopro", "blackberry",
    "boursorama", "cofidis", "cetelem", "groupama", "maif", "macif", "maaf", "klm", "easyjet", "ryanair", "marriott",
    "hilton", "citroën", "opel", "maserati", "lamborghini", "toyota", "hyundai", "bmw", "audi", "juventus",
}


# places and institutions that the funding records list as investors ("France", "Europe"):
# not companies, and far too frequent in news to risk
PLACES = {"france", "europe", "paris", "lyon", "marseille", "bordeaux", "toulouse", "lille", "nantes", "londres", "london",
          "berlin", "allemagne", "espagne", "italie", "belgique", "suisse", "luxembourg", "états-unis", "usa", "chine",
          "japon", "inde", "canada", "québec", "afrique", "asie", "amérique", "israël", "singapour", "région", "occitanie",
          "bretagne", "normandie", "grand est", "nouvelle-aquitaine", "auvergne-rhône-alpes", "île-de-france", "sud",
          "nord", "ouest", "est", "état", "etat", "union européenne", "commission européenne", "eic", "ue"}


def clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" .,;")
    return name


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"file to write (default {OUT.relative_to(ROOT)})")
    out = parser.parse_args(argv).out
    entries: dict[str, dict[str, object]] = {}
    explicit: set[str] = set()  # seed names whose "ambiguous" is set by hand
    surfaces: dict[str, dict[str, object]] = {}  # lower-cased seed name or alias -> seed entry
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            entries[rec["name"].lower()] = rec
            if "ambiguous" in rec:
                explicit.add(rec["name"].lower())
            for surface in (rec["name"], *rec.get("aliases", [])):
                surfaces.setdefault(surface.lower(), rec)
    sbf = SOURCES / "sbf120.csv"
    if sbf.exists():
        with sbf.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                name = clean(row["nom"])
                if name.lower() in surfaces:
                    surfaces[name.lower()].setdefault("isin", row["ISIN"])
                    continue
                if name and name.lower() not in entries:
                    entries[name.lower()] = {"name": name, "aliases": [], "kind": "company", "source": "sbf120", "isin": row["ISIN"]}
    funding = SOURCES / "funding-data.json"
    if funding.exists():
        for rec in json.loads(funding.read_text(encoding="utf-8")):
            name = clean(str(rec.get("company") or ""))
            if len(name) > 2 and name.lower() not in entries and name.lower() not in surfaces and name.lower() not in PLACES:
                entries[name.lower()] = {"name": name, "aliases": [], "kind": "startup", "source": "funding-2025"}
            for inv in re.split(r",|;| and | et ", str(rec.get("investors") or "")):
                inv = clean(inv)
                looks_like_fund = len(inv.split()) == 1 or re.search(FUND_WORDS, inv)
                if looks_like_fund and inv.lower() not in PLACES and 2 < len(inv) < 40 and inv[0].isupper() and inv.lower() not in entries and inv.lower() not in surfaces and not re.search(r"\d|\(", inv):
                    entries[inv.lower()] = {"name": inv, "aliases": [], "kind": "investor", "source": "funding-2025"}
    # A single-word name that is also a common French or English word ("Orange", "Free",
    # "Alan") is marked ambiguous: the ruler keeps it only where the context says company.
    import spacy

    vocab = spacy.load("fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"]).vocab
    for key, e in entries.items():
        if key in explicit:
            e["ambiguous"] = bool(e["ambiguous"])
            continue
        name = str(e["name"])
        words = name.split()
        e["ambiguous"] = bool(len(words) == 1 and (name.lower() in COMMON or vocab.has_vector(name.lower())) and name.lower() not in KNOWN_BRANDS)
    out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in sorted(entries.values(), key=lambda e: str(e["name"]).lower())), encoding="utf-8")
    print(f"{len(entries)} companies -> {out}")


if __name__ == "__main__":
    main()
