"""The applicant's IIN (ЖСН / ИИН): validation with its check digit, and keyed hashing.

An IIN is personal data. It is checked, hashed with HMAC-SHA256 under `settings.iin_hash_key`
and only the hash is stored; the IIN itself is never logged, stored or put in an error text.
The key makes the hash useless to whoever copies the table without the key: the IIN space is
small enough (birth date + serial) for an unkeyed hash to be reversed by enumeration.

Rotating the key cannot recompute HMAC(new key, IIN): the IIN is not stored. A rotation wraps
instead: every stored hash h becomes HMAC(k_new, h), and a lookup computes the same chain,
first key to last (`settings.iin_keys`). A copy of the table is then useless without *every*
key of the chain, so a leaked old key alone no longer helps, and the old key alone no longer
matches. `rotation.py` does the re-hashing.
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


def iin_hash(text: str, key: bytes | None = None, *, keys: list[bytes] | None = None) -> str:
    """The keyed hash stored in place of the IIN (64 hex characters). Raises `InvalidIIN`.

    With neither `key` nor `keys`, the configured chain: the IIN key, then each rotation key.
    """
    iin = normalize_iin(text)
    chain = keys or ([key] if key is not None else get_settings().iin_keys)
    digest = hmac.new(chain[0], iin.encode(), hashlib.sha256).hexdigest()
    for wrapping in chain[1:]:
        digest = wrap_hash(digest, wrapping)
    return digest


def wrap_hash(digest: str, key: bytes) -> str:
    """One rotation step: the stored hash, hashed again under the new key."""
    return hmac.new(key, b"wrap:" + digest.encode(), hashlib.sha256).hexdigest()


def key_fingerprint(key: bytes) -> str:
    """A short public name of a key, to check that the configuration matches the database."""
    return hmac.new(key, b"fingerprint", hashlib.sha256).hexdigest()[:16]


def keyed_digest(text: str) -> str:
    """A keyed hash of any identifier we must count but not keep (throttling keys).

    Under the newest key of the chain: a rotation also starts the throttling counts afresh.
    """
    key = get_settings().iin_keys[-1]
    return hmac.new(key, b"key:" + text.encode(), hashlib.sha256).hexdigest()
