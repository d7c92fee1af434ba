"""Unit tests of the bot's parts: every card renders within Telegram's limits, buttons fit in
64 bytes, text splitting keeps HTML valid, arguments are escaped, messages exist."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aiogram.types import User
from sqlalchemy.engine import Engine

from citizen.bot.callbacks import CardCb, service_by_key, short_key
from citizen.bot.middlewares import suggested_locale
from citizen.bot.paging import MESSAGE_LIMIT, page_of, split_text, utf16_len
from citizen.bot.routers.card import render_tab, tabs_of
from citizen.bot.service_card import number_ranges
from citizen.bot.texts import Texts
from citizen.catalogue.live import snapshot_of
from citizen.catalogue.vocabulary import Channel, Locale
from citizen.i18n import translator

BOT_SOURCES = Path(__file__).resolve().parents[1] / "src" / "citizen" / "bot"
# Telegram's HTML parse mode knows these tags; we use a few of them.
TELEGRAM_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "tg-spoiler", "blockquote"}


class _TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in TELEGRAM_TAGS:
            self.problems.append(f"unknown tag <{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


def assert_telegram_html(text: str) -> None:
    checker = _TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.problems == [] and checker.stack == [], (checker.problems, checker.stack)
    assert re.search(r"&(?![a-z]+;|#\d+;)", text) is None, "a bare & would break parsing"


def test_every_card_part_renders_within_limits_in_both_languages(loaded_engine: Engine) -> None:
    services = snapshot_of(loaded_engine).services
    assert services
    checked = 0
    for service in services:
        for reg in service.regulations or (None,):
            for locale in Locale:
                t = Texts(locale)
                for tab in tabs_of(service, reg):
                    page, pages = 0, 1
                    while page < pages:
                        text, markup = render_tab(t, service, reg, tab, page)
                        assert 0 < utf16_len(text) <= MESSAGE_LIMIT
                        assert_telegram_html(text)
                        for row in markup.inline_keyboard:
                            for button in row:
                                data = button.callback_data or ""
                                assert len(data.encode()) <= 64
                        pages = _parts_in(markup, tab)
                        page += 1
                        checked += 1
    assert checked > len(services) * 2 * 2


def _parts_in(markup: object, tab: str) -> int:
    """The number of parts the keyboard's "n/m" counter shows (1 without a counter)."""
    for row in getattr(markup, "inline_keyboard", []):
        for button in row:
            m = re.fullmatch(r"(\d+)/(\d+)", button.text)
            if m and tab != "r":
                return int(m.group(2))
    return 1


def test_services_without_regulation_or_document_list_say_what_is_unknown(
    loaded_engine: Engine,
) -> None:
    t = Texts(Locale.RU)
    listed = [s for s in snapshot_of(loaded_engine).services if s.listed_only]
    assert listed
    only_named = t("bot-card-listed-only", act="", status="").split("«")[0]
    assert "только названа" in only_named
    for service in listed:
        assert service.regulations == ()
        text, _ = render_tab(t, service, None, "o", 0)
        assert only_named in text


def test_long_sections_split_into_valid_pieces() -> None:
    paragraph = "<b>Шаг</b> " + "слово " * 400
    text = "\n\n".join([paragraph] * 6) + "\n<i>" + "примечание " * 900 + "</i>"
    pieces = split_text(text, limit=1000)
    assert len(pieces) > 5
    for piece in pieces:
        assert utf16_len(piece) <= 1000 + len("</i>")
        assert_telegram_html(piece)
    joined = re.sub(r"<[^>]+>", "", "".join(pieces))
    assert joined.count("слово") == 2400 and joined.count("примечание") == 900


def test_short_text_is_one_piece() -> None:
    assert split_text("<b>a</b>\n\nb") == ["<b>a</b>\n\nb"]


def test_pages_clamp_into_range() -> None:
    page = page_of(list(range(20)), 7, 8)
    assert (page.number, page.count, page.first_index) == (2, 3, 16)
    assert list(page.items) == [16, 17, 18, 19]
    assert page.has_previous and not page.has_next
    assert page_of([], 0, 8).count == 1


def test_arguments_are_escaped_but_messages_keep_their_markup() -> None:
    t = Texts(Locale.RU)
    text = t("bot-search-none", query="<script>&")
    assert "&lt;script&gt;&amp;" in text
    assert "<b>" in t("bot-docs-title")


def test_button_payloads_fit_whatever_the_id_length(loaded_engine: Engine) -> None:
    long_id = "x" * 64
    packed = CardCb(service=short_key(long_id), region=short_key("r" * 64), tab="d", page=12).pack()
    assert len(packed.encode()) <= 64
    catalogue = snapshot_of(loaded_engine)
    for service in catalogue.services:
        assert service_by_key(catalogue, short_key(service.id)) == service
    assert service_by_key(catalogue, "AAAAAAAA") is None  # a stale button
    region = catalogue.regions[0]
    assert service_by_key(catalogue, short_key(region.id)) is None  # a key of another kind


def test_a_paths_step_numbers_read_as_ranges() -> None:
    assert number_ranges([1, 2, 3, 4, 7, 9, 10]) == "1–4, 7, 9, 10"
    assert number_ranges([2, 3, 4, 5, 6, 7, 8]) == "2–8"
    assert number_ranges([5]) == "5"
    assert number_ranges([]) == ""


def test_channels_are_listed_in_the_catalogue_order() -> None:
    t = Texts(Locale.RU)
    wanted = f"{t.channel(Channel.PROVIDER_OFFICE)}; {t.channel(Channel.PORTAL)}"
    assert t.channels(frozenset({Channel.PORTAL, Channel.PROVIDER_OFFICE})) == wanted


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ru", "ru"), ("ru-RU", "ru"), ("kk", "kk"), ("kk-KZ", "kk"), ("en", "kk"), (None, "kk")],
)
def test_suggested_language(code: str | None, expected: str) -> None:
    user = User(id=1, is_bot=False, first_name="T", language_code=code)
    assert suggested_locale(user, "kk") == expected


def test_every_message_the_bot_uses_exists_in_both_languages() -> None:
    used: set[str] = set()
    for path in BOT_SOURCES.rglob("*.py"):
        used |= set(re.findall(r"\"((?:bot|application|notification|office)-[a-z_-]+)\"",
                               path.read_text(encoding="utf-8")))
    assert "bot-welcome" in used
    t = translator()
    missing = [(loc.value, m) for m in sorted(used) for loc in Locale if not t.has(loc, m)]
    assert missing == []


def test_the_bot_reads_the_catalogue_only_from_the_snapshot_and_never_opens_a_session() -> None:
    """Catalogue facts come from the snapshot's answers; database work only through `db.run`."""
    forbidden = re.compile(
        r"citizen\.catalogue(?:\.| import )(?:queries|tables|index_cache|ready_date)\b"
        r"|\bSession\(|session_scope|\.begin\(\)"
    )
    found = [
        f"{path.relative_to(BOT_SOURCES)}:{n}: {line.strip()}"
        for path in sorted(BOT_SOURCES.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if forbidden.search(line)
    ]
    assert found == []
