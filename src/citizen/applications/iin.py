"""The applicant's IIN (ЖСН / ИИН): validation with its check digit, and keyed hashing.

An IIN is personal data. It is checked, hashed with HMAC-SHA256 under `settings.iin_hash_key`
and only the hash is stored; the IIN itself is never logged, stored or put in an error text.
The key makes the hash useless to whoever copies the table without the key: the IIN space is
small enough (birth date + serial) for an unkeyed hash to be reversed by enumeration.
"""

from __future__ import annotations

import hashlib
import hmac

from citizen.settings import get_settings

IIN_LENGTH = 12
# The check digit: a weighted sum mod 11; a result of 10 is recomputed with the second weights,
# and a second 10 means the number is never issued.
_WEIGHTS_1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


class InvalidIIN(ValueError):
    """The text is not a valid IIN; the message says why without repeating the number."""


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for these 11 digits; None when no valid IIN starts with them."""
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if rest != 10:
            return rest
    return None


def normalize_iin(text: str) -> str:
    """The IIN as 12 digits; spaces and dashes people type are dropped. Raises `InvalidIIN`."""
    iin = "".join(c for c in text if c not in " -\u00a0\t")
    if len(iin) != IIN_LENGTH or not iin.isascii() or not iin.isdigit():
        raise InvalidIIN("an IIN is 12 digits")
    if check_digit(iin[:11]) != int(iin[11]):
        raise InvalidIIN("the IIN check digit does not match")
    return iin


def is_valid_iin(text: str) -> bool:
    try:
        normalize_iin(text)
    except InvalidIIN:
        return False
    return True


def iin_hash(text: str, key: bytes | None = None) -> str:
    """The keyed hash stored in place of the IIN (64 hex characters). Raises `InvalidIIN`."""
    iin = normalize_iin(text)
    if key is None:
        key = get_settings().iin_hash_key.get_secret_value().encode()
    return hmac.new(key, iin.encode(), hashlib.sha256).hexdigest()


def keyed_digest(text: str) -> str:
    """A keyed hash of any identifier we must count but not keep (throttling keys)."""
    key = get_settings().iin_hash_key.get_secret_value().encode()
    return hmac.new(key, b"key:" + text.encode(), hashlib.sha256).hexdigest()
