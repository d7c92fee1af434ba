"""Proof of work for lookups of a receipt number that is being guessed at.

A receipt number is printed on paper: anyone may know it and try IINs against it from many
addresses. Blocking the number would lock its owner out; instead, once the number has more
failures than its limit, every attempt at it through the API must carry a proof of work. The
owner pays a second or so once; a guesser pays the same for every IIN tried, and the price
doubles with every further `limit` failures (up to a maximum).

The challenge is stateless: the number's keyed digest, an expiry and the difficulty, signed
with HMAC. The proof is a nonce such that SHA-256(challenge ":" IIN ":" nonce) starts with
`difficulty` zero bits. The IIN is part of the hashed text, so one proof buys one guess.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass

from citizen.applications.iin import keyed_digest


@dataclass(frozen=True)
class Challenge:
    text: str  # opaque to the client: it hashes it as is
    difficulty: int  # leading zero bits the proof's SHA-256 must have


def required_bits(failures: int, limit: int, min_bits: int, max_bits: int) -> int | None:
    """The difficulty for a number with `failures` in its window; None below the limit."""
    if failures < limit:
        return None
    return min(max_bits, min_bits + (failures - limit) // max(limit, 1))


def issue(number: str, difficulty: int, ttl: float, now: float | None = None) -> Challenge:
    payload = {
        "n": keyed_digest(f"proof:{number}")[:24],
        "e": int((now or time.time()) + ttl),
        "d": difficulty,
    }
    body = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode())
    text = body.decode().rstrip("=")
    return Challenge(f"{text}.{_sign(text)}", difficulty)


def verify(proof: str, number: str, iin: str, min_bits: int, now: float | None = None) -> bool:
    """Whether `proof` ("<challenge>:<nonce>") is ours, fresh, for this number and solved."""
    challenge, sep, nonce = proof.rpartition(":")
    if not sep or not nonce or len(proof) > 512:
        return False
    text, _, signature = challenge.partition(".")
    if not hmac.compare_digest(signature.encode(), _sign(text).encode()):
        return False
    try:
        payload = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        expires, bits, digest = int(payload["e"]), int(payload["d"]), str(payload["n"])
    except (ValueError, KeyError, TypeError):
        return False
    if expires < (now or time.time()) or bits < min_bits:
        return False
    if not hmac.compare_digest(digest, keyed_digest(f"proof:{number}")[:24]):
        return False
    return leading_zero_bits(_work(challenge, iin, nonce)) >= bits


def solve(challenge: Challenge, iin: str) -> str:
    """The proof a client sends: what an app does (here for tests and the README's example)."""
    nonce = 0
    while leading_zero_bits(_work(challenge.text, iin, str(nonce))) < challenge.difficulty:
        nonce += 1
    return f"{challenge.text}:{nonce}"


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def _work(challenge: str, iin: str, nonce: str) -> bytes:
    return hashlib.sha256(f"{challenge}:{iin}:{nonce}".encode()).digest()


def _sign(text: str) -> str:
    return keyed_digest(f"challenge:{text}")[:32]
