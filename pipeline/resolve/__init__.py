"""Resolve: names for every role (coreference, aliases), then one event per deal."""

from __future__ import annotations

from itertools import product

from spacy.tokens import Doc, Span

from pipeline.extract import Arg, RawMention
from pipeline.extract.args import PAREN_ALIASES
from pipeline.qualify import Qualification, StatusStatement
from pipeline.resolve.aliases import AliasTable
from pipeline.resolve.coref import GENERIC_KINDS, Coreference
from pipeline.resolve.merge import Resolved, merge
from pipeline.schema import Event, Mention

__all__ = ["resolve"]

CONTEXT_SENTENCES = 3


def resolve(
    doc: Doc,
    doc_id: str,
    items: list[tuple[Span, RawMention, Qualification]],
    url: str | None = None,
    published: str | None = None,
    title: str | None = None,
    statements: list[StatusStatement] | None = None,
) -> tuple[list[Event], list[Mention]]:
    coref = Coreference(doc, [a for _, raw, _ in items for a in raw.owners + raw.targets + raw.sellers])
    aliases = AliasTable()
    for alias, name in doc.user_data.get(PAREN_ALIASES, {}).items():
        aliases.link(alias, name)
    resolved: list[Resolved] = []
    last_target: tuple[str, int | None, str | None, int] | None = None  # name, start, hint, sentence
    sent_no = {s.start: i for i, s in enumerate(doc.sents)}
    for order, (sent, raw, qual) in enumerate(items):
        here = sent_no.get(sent.start, 0)
        named: dict[int, tuple[str | None, int | None, str | None]] = {}
        used: set[str] = set()
        for arg in raw.owners + raw.targets + raw.sellers:
            if arg.anaphor is None:
                named[id(arg)] = coref.resolve(arg, set())
                used.add(arg.text)
        if not raw.targets and raw.needs_context_target and last_target and here - last_target[3] <= CONTEXT_SENTENCES:
            used.add(last_target[0])  # "L'opérateur rachètera le solde": the buyer is another company
        # the most telling first: "sa cible" (the company the deal is about), then a description
        # of a kind ("le fonds", "l'opérateur"), then "la société", then pronouns
        for arg in sorted(raw.owners + raw.targets + raw.sellers, key=_resolution_order):
            if arg.anaphor is not None:
                if arg.text.lower().endswith("cible") and last_target and here - last_target[3] <= CONTEXT_SENTENCES and last_target[0] not in used:
                    named[id(arg)] = (last_target[0], last_target[1], last_target[2])
                else:
                    named[id(arg)] = coref.resolve(arg, used)
                if named[id(arg)][0]:
                    used.add(str(named[id(arg)][0]))
        owners = [_named(a, named) for a in raw.owners] or [(None, None, None, False)]
        targets = [_named(a, named) for a in raw.targets]
        context = False
        if not targets and raw.needs_context_target and last_target and here - last_target[3] <= CONTEXT_SENTENCES:
            targets = [(last_target[0], last_target[1], last_target[2], True)]
            context = True
        elif not targets and raw.needs_context_target:
            # "Numergy change d'actionnaires. X récupère la part d'Atos (20 %)": the company the
            # text was just about, as "la société" would be resolved at the trigger
            at = sent.start if raw.context_before_sentence else raw.trigger.start
            probe = Arg(at, at + raw.trigger.end - raw.trigger.start, raw.trigger.text, "any", "description", "bare")
            name, start, hint = coref.resolve(probe, used)
            if name:
                targets = [(name, start, hint, True)]
                context = True
        if not targets:
            continue
        sellers = [_named(a, named) for a in raw.sellers] or [(None, None, None, False)]
        if raw.pairwise and len(owners) == len(targets) > 1:
            combos = [(o, t, s) for (o, t), s in product(zip(owners, targets, strict=True), sellers)]
        else:
            combos = list(product(owners, targets, sellers))
        for (owner, o_start, o_hint, o_co), (target, t_start, t_hint, t_co), (seller, s_start, s_hint, s_co) in combos:
            if target is None or (owner is None and seller is None and raw.frame not in ("raise",)):
                continue
            keys = {aliases.add(n, h) for n, h in ((owner, o_hint), (target, t_hint), (seller, s_hint)) if n}
            if len(keys) < len([n for n in (owner, target, seller) if n]):
                continue  # a company cannot buy itself
            seller_arg = next((a for a in raw.sellers if named.get(id(a), (None,))[0] == seller), None)
            stake = raw.seller_stakes.get(seller_arg.start) if seller_arg is not None and seller_arg.start in raw.seller_stakes else raw.stake
            owner_arg = next((a for a in raw.owners if named.get(id(a), (None,))[0] == owner), None)
            if owner_arg is not None and owner_arg.start in raw.owner_stakes:
                stake = raw.owner_stakes[owner_arg.start]  # "A et B détiennent respectivement 26 % et 25 %"
            amount, currency, amount_start = raw.amount, raw.currency, raw.amount_start
            if raw.target_amounts:
                # each listed target with its own price; one named without a price gets none
                target_arg = next((a for a in raw.targets if named.get(id(a), (None,))[0] == target), None)
                own = raw.target_amounts.get(target_arg.start) if target_arg is not None else None
                amount, currency, amount_start = own if own is not None else (None, None, None)
            trigger_tok = doc[raw.trigger.start]
            mention = Mention(
                doc_id=doc_id,
                event_type=raw.event_type,
                owner=owner,
                target=target,
                seller=seller,
                stake_pct=stake,
                amount=amount,
                currency=currency,
                status=qual.status,
                sentence=sent.text,
                sentence_start=sent.start_char,
                trigger=raw.trigger.text,
                trigger_start=trigger_tok.idx,
                owner_start=o_start,
                target_start=t_start,
                seller_start=s_start,
                stake_start=raw.stake_start,
                amount_start=amount_start,
                status_cue=qual.cue,
                rule=raw.rule + (".context_target" if context else ""),
            )
            resolved.append(
                Resolved(mention, None, None, None, order, qual.explicit, qual.update, o_co or t_co or s_co, context)
            )
        if targets and targets[0][0]:
            last_target = (str(targets[0][0]), targets[0][1], targets[0][2], here)
        if owners and owners[0][0] and raw.owners and raw.owners[0].start < raw.trigger.start:
            # only an owner that was the subject is the "il" of the next sentence ("Deezer, détenu
            # par ABC" does not make ABC the topic)
            coref.saw_owner(owners[0][0], raw.trigger.start)
    for r in resolved:
        m = r.mention
        r.owner_key, r.target_key, r.seller_key = aliases.key(m.owner), aliases.key(m.target), aliases.key(m.seller)
        m.owner, m.target, m.seller = aliases.canonical(m.owner), aliases.canonical(m.target), aliases.canonical(m.seller)
    return merge(doc_id, resolved, url=url, published=published, title=title, statements=statements or [])


def _resolution_order(arg: Arg) -> int:
    if arg.anaphor is None:
        return 0
    if arg.text.lower().endswith("cible"):
        return 1
    if arg.anaphor == "description" and (arg.kind or "any") not in GENERIC_KINDS:
        return 2
    return 3 if arg.anaphor == "description" else 4


def _named(arg: Arg, named: dict[int, tuple[str | None, int | None, str | None]]) -> tuple[str | None, int | None, str | None, bool]:
    name, start, hint = named.get(id(arg), (None, None, None))
    return name, start, hint, arg.anaphor is not None
