"""Button payloads (`callback_data`, at most 64 bytes) and the short keys that keep them small.

A service id may be up to 64 characters and a regulation id up to 140, so buttons never carry
ids: they carry the catalogue's 8-character `short_key` of the id (a hash, stable across
catalogue reloads, unlike positions). A key is turned back into an object against the update's
catalogue snapshot; a key that no longer matches anything is a stale button and the handler
says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from aiogram.filters.callback_data import CallbackData

from citizen.catalogue.model import Category, Office, Region, Service
from citizen.catalogue.snapshot import CatalogueSnapshot, short_key
from citizen.catalogue.vocabulary import Channel

T = TypeVar("T")

__all__ = ["short_key"]


def _by_key(catalogue: CatalogueSnapshot, key: str, get: Callable[[str], T | None]) -> T | None:
    """The object a button's key stands for, fetched by `get`; None for an empty or stale key."""
    found = catalogue.by_key(key) if key else None
    return get(found) if found else None


def service_by_key(catalogue: CatalogueSnapshot, key: str) -> Service | None:
    return _by_key(catalogue, key, catalogue.service)


def region_by_key(catalogue: CatalogueSnapshot, key: str) -> Region | None:
    return _by_key(catalogue, key, catalogue.region)


def category_by_key(catalogue: CatalogueSnapshot, key: str) -> Category | None:
    return _by_key(catalogue, key, catalogue.category)


def office_by_key(catalogue: CatalogueSnapshot, key: str) -> Office | None:
    return _by_key(catalogue, key, catalogue.office)


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


CHANNEL_CODES = {
    "o": Channel.PROVIDER_OFFICE, "s": Channel.STATE_CORPORATION, "p": Channel.PORTAL
}
CODE_OF_CHANNEL = {v: k for k, v in CHANNEL_CODES.items()}
