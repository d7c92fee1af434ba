"""What applies today, as the card shows it first; and the label of everything historical.

The sentences are `citizen.catalogue.today`'s, shared with every other door: this module only
lays them out in Telegram's HTML. The overview gives the short form (the headline, the act in
force, the facts, how sure we are, where to check); the details tab gives the whole record with
the page each fact was read on. The regional regulations all predate the act in force (and some
services were abolished), so whatever the card shows from a regulation goes under its
`history_heading`.
"""

from __future__ import annotations

from citizen.bot.texts import Html, Texts, escape, join
from citizen.catalogue.model import LegalAct, Regulation, Service
from citizen.catalogue.today import (
    DocumentsLine,
    FactLine,
    SourceLine,
    Today,
    abolished_headline,
    history_heading,
    history_note,
    named_fact,
    today,
)


def told(t_: Texts, service: Service) -> Today | None:
    return today(service, t_.locale)


def head(t_: Texts, service: Service) -> Html:
    """The top of every part of a card: an abolished service says so before its very name,
    so that nothing historical is read as if it still applied."""
    name = Html(f"<b>{escape(service.name(t_.locale))}</b>")
    abolished = abolished_headline(service, t_.locale)
    return name if abolished is None else Html(f"<b>{escape(abolished)}</b>\n\n{name}")


def _bold(text: str) -> Html:
    return Html(f"<b>{escape(text)}</b>")


def _italic(text: str) -> Html:
    return Html(f"<i>{escape(text)}</i>")


def act_lines(now: Today) -> list[str]:
    """The status (when not already said at the top), the act in force and its edition."""
    lines: list[str] = [_bold(now.title)]
    if not now.abolished:
        lines.append(now.headline)
    lines.append(now.act)
    lines += [line for line in (now.edition, now.previous_act) if line]
    return lines


def summary_lines(t_: Texts, service: Service) -> list[str]:
    """The overview's first block: what applies today, without the pages it was read on."""
    now = told(t_, service)
    if now is None:
        return []
    lines = act_lines(now)
    lines += [_fact(fact) for fact in now.facts]
    lines += ["", _italic(now.confidence)]
    if now.where_to_check:
        lines.append(now.where_to_check)
    lines.append(_italic(now.checked_on))
    return lines


def where_today_lines(t_: Texts, service: Service) -> list[str]:
    """The act in force's answer to "where", with its page, before the historical offices."""
    now = told(t_, service)
    channels = named_fact(now, "channels") if now is not None else None
    if now is None or channels is None:
        return []
    return [_bold(now.title), *_fact_block(channels), ""]


def _fact(fact: FactLine) -> Html:
    text = escape(fact.text)
    return Html(f"<b>{escape(fact.label)}:</b> {text}") if fact.label else text


def render_today(t_: Texts, service: Service, reg: Regulation | None) -> Html:
    """The details tab: the whole record, each fact with the page it was read on."""
    now = told(t_, service)
    lines: list[str] = [head(t_, service), ""]
    if now is None:
        return join(lines)
    lines += act_lines(now)
    lines += _source(now.source)
    for fact in now.facts:
        lines += ["", *_fact_block(fact)]
    if now.documents:
        lines += ["", *documents_lines(now)]
    for note in now.notes:
        lines += ["", *_fact_block(note, bullet=True)]
    lines += ["", _italic(now.confidence), now.read, now.not_read]
    if now.where_to_check:
        lines.append(now.where_to_check)
    lines.append(_italic(now.checked_on))
    return join(lines)


def _fact_block(fact: FactLine, bullet: bool = False) -> list[str]:
    first = _fact(fact)
    lines: list[str] = [Html(f"• {first}") if bullet else first]
    if fact.note:
        lines.append(_italic(fact.note))
    return lines + _source(fact.source)


def _source(source: SourceLine | None) -> list[str]:
    return [Html(f"<i>{escape(source.text)}</i>")] if source is not None else []


def documents_lines(now: Today) -> list[str]:
    """The documents the act in force asks for, list by list, each with its page."""
    lines: list[str] = [_bold(now.documents_label)]
    for listed in now.documents:
        lines += _documents_block(listed)
    return lines


def _documents_block(listed: DocumentsLine) -> list[str]:
    lines: list[str] = [f"• {item}" for item in listed.items]
    lines += [_italic(text) for text in (listed.incomplete, listed.note) if text]
    return lines + _source(listed.source)


def history_lines(t_: Texts, reg: Regulation | LegalAct) -> list[str]:
    """The label over anything taken from a regional regulation: whose, and that it is past."""
    lines: list[str] = [Html(f"<b>📜 {escape(history_heading(reg, t_.locale))}</b>")]
    note = history_note(reg, t_.locale)
    if note:
        lines.append(_italic(note))
    return lines

