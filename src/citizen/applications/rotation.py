"""Rotating the IIN hash key, and checking that the configured keys match the stored hashes.

The stored hash of an IIN is HMAC(k_0, iin) wrapped once per rotation: HMAC(k_1, h), then
HMAC(k_2, …). A rotation wraps every stored hash under a new key in one transaction and
records the new key's fingerprint, so that a process started with a missing, extra or wrong
key refuses to start instead of answering "not found" to every applicant.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlmodel import Session, col, select

from citizen.applications.iin import key_fingerprint, wrap_hash
from citizen.applications.tables import Application, IinKeyState, LookupThrottle
from citizen.notifications.tables import utcnow


class IinKeysMismatch(RuntimeError):
    """The configured chain of IIN keys is not the one the stored hashes were made with."""


@dataclass(frozen=True)
class Rotation:
    rehashed: int  # applications whose stored hash was wrapped
    generation: int  # rotations applied so far


def check_iin_keys(session: Session, keys: list[bytes]) -> None:
    """Raise `IinKeysMismatch` unless `keys` is the chain the database is at.

    A database without a record (new, or older than this check) adopts the configured chain.
    """
    state = session.get(IinKeyState, 1)
    if state is None:
        session.add(IinKeyState(generation=len(keys) - 1, fingerprint=key_fingerprint(keys[-1])))
        session.flush()
        return
    if state.generation != len(keys) - 1:
        raise IinKeysMismatch(
            f"the database's IIN hashes went through {state.generation} key rotation(s), but "
            f"{len(keys) - 1} rotation key(s) are configured: set CITIZEN_IIN_HASH_ROTATIONS to "
            "every key `citizen iin-key rotate` printed, oldest first"
        )
    if state.fingerprint != key_fingerprint(keys[-1]):
        raise IinKeysMismatch(
            "the newest configured IIN key is not the one the database's hashes were made with: "
            "check CITIZEN_IIN_HASH_KEY and CITIZEN_IIN_HASH_ROTATIONS"
        )


def rotate_iin_key(session: Session, keys: list[bytes], new_key: bytes) -> Rotation:
    """Wrap every stored IIN hash under `new_key`; `keys` is the chain configured now."""
    if len(new_key) < 16:
        raise ValueError("a new IIN key has at least 16 characters")
    if new_key in keys:
        raise ValueError("the new IIN key is already in the chain")
    check_iin_keys(session, keys)
    rows = session.exec(select(Application.id, Application.iin_hash)).all()
    for app_id, digest in rows:
        session.execute(
            update(Application)
            .where(col(Application.id) == app_id)
            .values(iin_hash=wrap_hash(digest, new_key))
        )
    state = session.get(IinKeyState, 1)
    assert state is not None  # check_iin_keys made it
    state.generation += 1
    state.fingerprint = key_fingerprint(new_key)
    state.rotated_at = utcnow()
    session.add(state)
    # Throttle rows are keyed under the newest key: the old ones would never match again.
    session.execute(LookupThrottle.__table__.delete())  # type: ignore[attr-defined]
    session.flush()
    return Rotation(rehashed=len(rows), generation=state.generation)
