"""Status of an event from the cues of its sentences: completed, pending, rumored, cancelled.

Asserted on the events of ``process_article``; each article states one deal, and the
status of its event is what the press says of it, the latest statement winning.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.engine import process_article
from pipeline.schema import Article, Event


def the_event(nlp: Language, text: str, event_type: str = "acquisition") -> Event:
    events, _ = process_article(nlp, Article(doc_id="q", text=text))
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.owner, e.target, e.seller) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # rumored: conditional mood, press reports, unattributed "devrait"
        ("Vivendi rachèterait Ubisoft.", "rumored"),
        # the verb of a phrase trigger need not be its first word (session 5)
        ("Vivendi s'emparerait d'Ubisoft, selon La Tribune.", "rumored"),
        ("Vivendi prendrait le contrôle d'Ubisoft.", "rumored"),
        # a stated will is a deal to come; so is a privatisation to be launched
        ("Vivendi a annoncé sa volonté de racheter Ubisoft.", "pending"),
        ("Vivendi veut aussi racheter Ubisoft.", "pending"),
        # a closing word in the future closes nothing yet
        ("La cession d'Ubisoft à Vivendi sera finalisée en mars.", "pending"),
        ("Selon le ministre, la privatisation de la FDJ sera lancée en novembre.", "pending"),
        ("Vivendi aurait racheté Ubisoft.", "rumored"),
        ("Vivendi devrait racheter Ubisoft.", "rumored"),
        ("Vivendi rachète Ubisoft, selon des informations de Bloomberg.", "rumored"),
        ("Selon des informations du Monde, Vivendi rachète Ubisoft.", "rumored"),
        # pending: plans, agreements, approvals awaited
        ("Vivendi a présenté un projet de rachat d'Ubisoft.", "pending"),
        ("Le projet de rachat d'Ubisoft par Vivendi inquiète les salariés.", "pending"),
        ("Vivendi a signé un accord en vue de racheter Ubisoft.", "pending"),
        ("Vivendi rachète Ubisoft, sous réserve de l'accord des autorités de concurrence.", "pending"),
        ("Vivendi a finalisé un accord en vue d'acquérir Ubisoft.", "pending"),
        ("Vivendi rachètera Ubisoft.", "pending"),
        ("Microsoft veut racheter LinkedIn.", "pending"),
        ("En 2018, Vivendi voulait racheter Ubisoft.", "pending"),
        # the cues of annotations/GUIDELINES.md section 6
        ("Atos et Worldline ont officialisé l'acquisition d'Ingenico par Worldline.", "pending"),
        ("Hachette est en passe d'acheter Editis.", "pending"),
        ("Le rachat d'Ubisoft par Vivendi doit encore être finalisé.", "pending"),
        ("Vivendi a décidé de céder Ubisoft à Tencent.", "pending"),
        ("Cisco a annoncé mardi le rachat de Splunk.", "pending"),
        # completed
        ("Vivendi a finalisé le rachat d'Ubisoft.", "completed"),
        ("Vivendi a racheté Ubisoft.", "completed"),
        ("Free s'offre Jaguar Network.", "completed"),  # "s'offre" is no "offre"
        ("Le rachat d'Altran par Capgemini a été bouclé.", "completed"),
        # "si X achète Y": a condition; "même si" concedes a fact
        ("Si Microsoft achète TikTok, la Maison Blanche réclamera une part du prix.", "pending"),
        ("Et si Xavier Niel rachetait le quotidien Nice-Matin ?", "rumored"),
        ("Et si le rachat de Dacia par Renault était la solution ?", "rumored"),
        ("Même si Vivendi a racheté Ubisoft, les équipes restent à Montreuil.", "completed"),
        # a relative after a comma is its own clause: the bid before it does not make it pending
        ("Candidat au rachat de Nice-Matin, Sipa Ouest cite Le Télégramme, qu'il a repris en 2011.", "completed"),
        # a "que" clause closed by a comma is another clause: its cue does not cancel the main one
        ("Après avoir dit qu'il s'opposait à un rachat, le conseil a finalement approuvé l'acquisition de Vizio par Oracle.", "completed"),
        # session 6: a relative clause closed by a comma, a parenthesis and a verb coordinated
        # after the trigger are clauses of their own
        ("Dans une opération qui serait restée discrète, Vivendi a annoncé avoir acquis la majorité de Deezer.", "completed"),
        ("Un fondateur de Deezer (rachetée par Vivendi en 2016) dit qu'il pourrait partir.", "completed"),
        # a fronted "lorsque" clause ends at its comma: the main clause's offer is another matter
        ("Lorsque Vivendi a racheté Deezer en 2010, le groupe a lancé une nouvelle offre.", "completed"),
        # cancelled: abandoned, ended, denied, negated
        ("Vivendi renonce au rachat d'Ubisoft.", "cancelled"),
        ("Le projet avorté de rachat d'Ubisoft par Vivendi hante encore les équipes.", "cancelled"),
        ("Bouygues Telecom renonce à racheter SFR.", "cancelled"),
        ("Vivendi abandonne le rachat d'Ubisoft.", "cancelled"),
        ("Le rachat d'Ubisoft par Tencent a été abandonné.", "cancelled"),
        ("Vivendi met un terme à son projet de rachat d'Ubisoft.", "cancelled"),
        ("Vivendi ne rachètera pas Ubisoft.", "cancelled"),
        ("Vivendi ne va pas racheter Ubisoft.", "cancelled"),
        ("Tencent a proposé de racheter Ubisoft à Vivendi. Vivendi répond que sa part n'est pas à vendre.", "cancelled"),
        ("Tencent veut racheter Ubisoft.\nUbisoft n'est pas à vendre, a répondu son président.", "cancelled"),
        # session 7: words between "annoncé" and the deal noun ("il y a deux jours", "à ses salariés")
        ("Vivendi a annoncé il y a deux jours le rachat d'Ubisoft.", "pending"),
        ("Ubisoft a annoncé mardi soir à ses salariés son rachat par Vivendi.", "pending"),
        ("Vivendi a annoncé avoir finalisé le rachat d'Ubisoft.", "completed"),
        ("Vivendi a annoncé que le rachat d'Ubisoft était finalisé.", "completed"),
        ("Le président a affirmé que Vivendi allait racheter Ubisoft.", "pending"),  # the future in the past
    ],
)
def test_status(nlp: Language, text: str, status: str) -> None:
    assert the_event(nlp, text).status == status


def test_a_verb_coordinated_after_the_trigger_is_its_own_clause(nlp: Language) -> None:
    """"et en deviendra le président": the future of another verb does not make the deal pending."""
    assert the_event(nlp, "Vivendi a acquis 30 % de Deezer et en deviendra le président en juin.", "investment").status == "completed"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Vivendi annonce un projet de rachat d'Ubisoft.\n[MàJ] Le rachat d'Ubisoft par Vivendi est finalisé.", "completed"),
        ("Vivendi a annoncé en mars un projet de rachat d'Ubisoft.\nEn juin, Vivendi a finalisé le rachat d'Ubisoft.", "completed"),
        ("Vivendi a annoncé en mars un projet de rachat d'Ubisoft.\nEn juin, Vivendi a renoncé au rachat d'Ubisoft.", "cancelled"),
        ("Vivendi annonce un projet de rachat d'Ubisoft.\nLes salariés sont inquiets.\n[MàJ] Le rachat est finalisé.", "completed"),
    ],
)
def test_latest_statement_wins(nlp: Language, text: str, status: str) -> None:
    assert the_event(nlp, text).status == status


def test_update_line_wins_even_when_it_comes_first(nlp: Language) -> None:
    text = "[MàJ] Le rachat d'Ubisoft par Vivendi est finalisé.\nVivendi avait présenté en mars un projet de rachat d'Ubisoft."
    assert the_event(nlp, text).status == "completed"


@pytest.mark.parametrize(
    "text",
    [
        "Vivendi détient 27 % d'Ubisoft.",
        "Vivendi détiendrait 27 % d'Ubisoft, selon des informations de Bloomberg.",
        "Numergy, filiale de Numericable-SFR, cherche des clients.",
    ],
)
def test_holdings_have_no_status(nlp: Language, text: str) -> None:
    assert the_event(nlp, text, "holding").status is None


def test_mention_keeps_its_status_cue(nlp: Language) -> None:
    _, mentions = process_article(nlp, Article(doc_id="cue", text="Vivendi renonce au rachat d'Ubisoft."))
    assert len(mentions) == 1
    assert mentions[0].status == "cancelled"
    assert mentions[0].status_cue and mentions[0].status_cue.lower().startswith("renonc")


def test_a_nameless_statement_does_not_reach_another_deal(nlp: Language) -> None:
    """Two deals on two targets: "cette opération a été rejetée" names neither, so it changes
    neither (the completed purchase of Gameloft stays completed)."""
    text = "Vivendi a racheté Gameloft en 2016. Puis Vivendi a voulu racheter Ubisoft. Cette opération a finalement été rejetée."
    events, _ = process_article(nlp, Article(doc_id="q", text=text))
    status = {e.target: e.status for e in events if e.event_type == "acquisition"}
    assert status == {"Gameloft": "completed", "Ubisoft": "pending"}
    # one deal only: the statement is about it
    assert the_event(nlp, "Vivendi a voulu racheter Ubisoft. Cette opération a finalement été rejetée.").status == "cancelled"
