"""Global ids of the `Node` interface: opaque, URL-safe, one namespace for every kind.

A global id is the URL-safe base64 (unpadded) of `<Kind>:<key>`. For catalogue objects the key
is the catalogue id (`Service:preschool-queue`, `Regulation:preschool-queue/astana`), so ids stay
the same across catalogue reloads. For an application it is a keyed digest of its receipt
number: the id names the application without saying its number, and resolving it still needs
the receipt number and the IIN (`node.py`).

Clients treat ids as opaque strings; this module is the only place that looks inside them.
"""

from __future__ import annotations

import base64
import binascii
import re
from enum import StrEnum

from citizen.applications.iin import keyed_digest


class NodeKind(StrEnum):
    """The kinds of object `node(id:)` fetches; each value is the GraphQL type's name."""

    SERVICE = "Service"
    REGULATION = "Regulation"
    OFFICE = "Office"
    LEGAL_ACT = "LegalAct"
    APPLICATION = "Application"


_KINDS = frozenset(k.value for k in NodeKind)
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]+$")
_MAX_LENGTH = 400  # longer than any id we issue; spares decoding whatever a client sends


def to_global_id(kind: NodeKind, key: str) -> str:
    raw = f"{kind.value}:{key}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def from_global_id(global_id: str) -> tuple[NodeKind, str] | None:
    """The kind and key inside a global id; None when it is not one of ours."""
    if len(global_id) > _MAX_LENGTH or not _BASE64URL.match(global_id):
        return None
    try:
        raw = base64.urlsafe_b64decode(global_id + "=" * (-len(global_id) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    kind, sep, key = raw.partition(":")
    if not sep or not key or kind not in _KINDS:
        return None
    return NodeKind(kind), key


def catalogue_key(value: str, kind: NodeKind) -> str:
    """An argument that takes a catalogue id also takes the object's global id (its `id`)."""
    found = from_global_id(value)
    return found[1] if found is not None and found[0] == kind else value


def application_key(receipt_number: str) -> str:
    """The key of an application's global id: 128 bits of a keyed hash of its number.

    Keyed with the server's secret (the IIN hash key), so the id cannot be turned back into
    the receipt number; it changes only if that key is rotated.
    """
    return keyed_digest(f"application-global-id:{receipt_number.strip().upper()}")[:32]


def application_global_id(receipt_number: str) -> str:
    return to_global_id(NodeKind.APPLICATION, application_key(receipt_number))
