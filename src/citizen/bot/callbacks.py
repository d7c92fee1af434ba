"""Button payloads (`callback_data`, at most 64 bytes) and the short keys that keep them small.

A service id may be up to 64 characters and a regulation id up to 140, so buttons never carry
ids: they carry an 8-character key derived from the id (a hash, stable across catalogue
reloads, unlike positions). A key is turned back into an id against the loaded catalogue; a key
that no longer matches anything is a stale button and the handler says so.
"""

from __future__ import annotations

import base64
import hashlib

from aiogram.filters.callback_data import CallbackData
from sqlmodel import Session

from citizen.catalogue import queries


def key_of(identifier: str) -> str:
    """An 8-character, URL- and callback-safe key of an id (48 bits: no collision in practice)."""
    digest = hashlib.sha256(identifier.encode()).digest()[:6]
    return base64.urlsafe_b64encode(digest).decode()


class _Keys:
    """Key -> id maps of services, regions and categories, rebuilt when the catalogue changes."""

    def __init__(self) -> None:
        self._version: str | None = None
        self._maps: dict[str, dict[str, str]] = {}

    def resolve(self, session: Session, kind: str, key: str) -> str | None:
        version = queries.catalogue_version(session)
        if version != self._version:
            self._maps = {
                "service": {key_of(s.id): s.id for s in queries.all_services(session)},
                "region": {key_of(r.id): r.id for r in queries.regions(session)},
                "category": {key_of(c.id): c.id for c in queries.categories(session)},
            }
            self._version = version
        return self._maps[kind].get(key)


_keys = _Keys()


def service_id(session: Session, key: str) -> str | None:
    return _keys.resolve(session, "service", key)


def region_id(session: Session, key: str) -> str | None:
    return _keys.resolve(session, "region", key) if key else None


def category_id(session: Session, key: str) -> str | None:
    return _keys.resolve(session, "category", key)


class LanguageCb(CallbackData, prefix="l"):
    locale: str
    then: str = ""  # key of a service to open after the choice (a deep link's payload)


class MenuCb(CallbackData, prefix="m"):
    action: str  # search | browse | apps | language | help | home


class SearchPageCb(CallbackData, prefix="q"):
    query: str  # key of the query text kept in the chat's state
    page: int


class CategoryCb(CallbackData, prefix="k"):
    category: str  # category key
    page: int = 0
    turn: bool = False  # an arrow: turn the page in place rather than send the list anew


class OpenServiceCb(CallbackData, prefix="o"):
    service: str  # service key
    region: str = ""  # region key; empty: remembered region or ask
    new: bool = True  # send a new message (from a list) or edit this one (region choice)


class CardCb(CallbackData, prefix="c"):
    service: str
    region: str
    tab: str  # one of card.TABS
    page: int = 0


class ReadyCb(CallbackData, prefix="r"):
    service: str
    region: str
    channel: str  # channel code, see CHANNEL_CODES


class RegionListCb(CallbackData, prefix="g"):
    service: str


class VenueCb(CallbackData, prefix="v"):
    office: str  # office key
    region: str


class AppsCb(CallbackData, prefix="a"):
    action: str  # list | add | remove
    ref: str = ""  # key of the receipt number for remove


CHANNEL_CODES = {"o": "provider_office", "s": "state_corporation", "p": "portal"}
CODE_OF_CHANNEL = {v: k for k, v in CHANNEL_CODES.items()}
