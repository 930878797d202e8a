"""Builders of real input files: WARC(.gz) written with warcio, news pages with their boilerplate.

All article text here is written for these tests (French news-like prose about invented or
well-known deals); nothing is copied from third-party data.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | La Gazette du Numérique</title>
<meta property="article:published_time" content="{date}">
</head><body>
<header><nav><ul><li><a href="/">Accueil</a></li><li><a href="/tech">Tech</a></li>
<li><a href="/eco">Économie</a></li><li><a href="/connexion">Se connecter</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{paragraphs}
<div class="newsletter-box"><p>Inscrivez-vous à notre newsletter quotidienne pour ne rien manquer.</p>
<form><input type="email"><button>Je m'inscris</button></form></div>
</article>
<aside class="related"><h3>Les plus lus</h3><ul><li><a href="/x">Dix applis pour l'été</a></li>
<li><a href="/y">Le meilleur forfait mobile du mois</a></li></ul></aside></main>
<footer><p>Mentions légales - Contact - Plan du site</p><p>© 2015 La Gazette du Numérique</p></footer>
</body></html>"""

ORANGE_PARAGRAPHS = [
    "Orange a finalisé le rachat de Cloudwatt, la société de cloud souverain lancée en 2012 avec le soutien de l'État.",
    "L'opérateur, qui détenait déjà 44 % du capital de la firme, a racheté l'intégralité des parts détenues "
    "par Thales et par la Caisse des dépôts, selon un communiqué publié lundi.",
    "Le groupe veut intégrer les services de Cloudwatt à son offre destinée aux entreprises et aux administrations, "
    "qui cherchent à héberger leurs données sensibles en France.",
    "Le montant de la transaction n'a pas été dévoilé. Les équipes de Cloudwatt rejoindront la division "
    "Orange Business Services dans les prochains mois.",
]
NUMERGY_PARAGRAPHS = [
    "Numericable-SFR prend le contrôle total de Numergy, l'autre projet de cloud souverain soutenu par l'État.",
    "L'opérateur, qui possédait jusqu'ici 46 % de la société, récupère la part d'Atos et celle de la Caisse "
    "des dépôts et consignations, selon les informations du quotidien économique.",
    "Placée sous procédure de sauvegarde, Numergy espère rebondir en intégrant les offres de son nouvel "
    "actionnaire unique, qui promet d'investir dans ses centres de données.",
]
BOURSE_PARAGRAPHS = [
    "La Bourse de Paris a terminé la séance de mardi en légère hausse, portée par les valeurs technologiques "
    "et par de bons indicateurs économiques publiés dans la matinée.",
    "Le CAC 40 a gagné 0,8 % à la clôture, tandis que les investisseurs attendaient les annonces de la "
    "Banque centrale européenne prévues jeudi.",
    "Les valeurs bancaires ont en revanche reculé, pénalisées par la baisse des taux d'intérêt à long terme.",
]
ENGLISH_PARAGRAPHS = [
    "Orange has completed its acquisition of Cloudwatt, the sovereign cloud company launched in 2012 with "
    "backing from the French state.",
    "The operator, which already owned 44 percent of the firm, bought the entire stakes held by Thales and "
    "by the public bank Caisse des Depots, according to a statement released on Monday.",
    "The group plans to fold Cloudwatt's services into its offer for businesses and public administrations "
    "that want to keep their sensitive data in France.",
]


def page(title: str, paragraphs: list[str], *, date: str = "2015-03-12T08:00:00+01:00", lang: str = "fr") -> str:
    """A news page with its menus, newsletter box, related links and footer around the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return PAGE.format(title=title, paragraphs=body, date=date, lang=lang)


@dataclass
class WarcSpec:
    """What went into a test WARC, to compare with what comes out."""

    path: Path
    html_urls: list[str] = field(default_factory=list)
    quarantined_urls: list[str] = field(default_factory=list)
    duplicate_of: dict[str, str] = field(default_factory=dict)  # url -> url of the first copy
    english_urls: list[str] = field(default_factory=list)
    offsets: dict[str, int] = field(default_factory=dict)  # url -> record offset in the file


def _raw_record(uri: str, payload: bytes, content_type: str = "application/http; msgtype=response") -> bytes:
    """A WARC response record written by hand (warcio refuses to write a broken one)."""
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {uri}\r\nWARC-Date: 2015-03-16T09:30:00Z\r\n"
        "WARC-Record-ID: <urn:uuid:7c1f8e2a-0d3b-4e6f-9a51-2b8c4d6e8f00>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return head + payload + b"\r\n\r\n"


def write_crawl(path: Path) -> WarcSpec:
    """A .warc.gz like a crawler's: warcinfo, request/response pairs, a 404, a broken record.

    Responses: 3 French pages, 1 English page, 1 copy of the first French page under another
    URL, 1 HTTP 404 and 1 response whose HTTP part is garbage: 7 read, 5 pages, 2 quarantined.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    spec = WarcSpec(path)
    pages = [
        ("https://www.gazette-num.fr/tech/orange-cloudwatt", page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS)),
        ("https://www.gazette-num.fr/tech/numergy", page("Numericable-SFR s'offre Numergy", NUMERGY_PARAGRAPHS)),
        ("https://www.gazette-num.fr/eco/bourse", page("La Bourse de Paris termine en hausse", BOURSE_PARAGRAPHS)),
        (
            "https://www.gazette-num.fr/en/orange-cloudwatt",
            page("Orange buys Cloudwatt", ENGLISH_PARAGRAPHS, lang="en"),
        ),
        # the same article syndicated under another URL
        (
            "https://partenaire.example.com/orange-rachete-cloudwatt",
            page("Orange rachète Cloudwatt", ORANGE_PARAGRAPHS),
        ),
    ]
    spec.english_urls.append(pages[3][0])
    spec.duplicate_of[pages[4][0]] = pages[0][0]
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "rachat-tests", "format": "WARC/1.0"})
        )
        for url, html in pages:
            request = writer.create_warc_record(
                url, "request", payload=io.BytesIO(f"GET {url} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            )
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode("utf-8")),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2015-03-16T09:30:00Z"},
            )
            spec.offsets[url] = fh.tell()
            writer.write_record(record)
            spec.html_urls.append(url)
        missing = "https://www.gazette-num.fr/tech/page-supprimee"
        headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        spec.offsets[missing] = fh.tell()
        writer.write_record(
            writer.create_warc_record(
                missing, "response", payload=io.BytesIO(b"<html>introuvable</html>"), http_headers=headers
            )
        )
        spec.quarantined_urls.append(missing)
        broken = "https://www.gazette-num.fr/tech/casse"
        spec.offsets[broken] = fh.tell()
        fh.write(gzip.compress(_raw_record(broken, b"\x00\x01 pas du HTTP du tout")))
        spec.quarantined_urls.append(broken)
    return spec
