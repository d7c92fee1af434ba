"""The console's session: a signed cookie that says who is signed in, and nothing secret.

The cookie holds the operator's token id and name (never the token), the form token that
guards every POST (`csrf.py`), when the session ends, and the applications this operator
proved a citizen's receipt number and IIN for, each for a short while (a phone call), so that
the application page and "send again" need no IIN in a URL or a form. It is signed with
HMAC-SHA256 under `CITIZEN_CONSOLE_SECRET`: a changed or forged cookie is simply no session.
The IIN is never in it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field, replace
from typing import Any

COOKIE = "citizen_console"
PROVED_SECONDS = 30 * 60  # how long a citizen's proof lets the operator see the application
PROVED_MAX = 10  # applications remembered at once (the cookie stays small)


@dataclass(frozen=True)
class Operator:
    token_id: int
    name: str


@dataclass(frozen=True)
class Proof:
    """A citizen proved an application to this operator: the lookup's audit entry, until when."""

    audit_id: int
    until: int


@dataclass(frozen=True)
class ConsoleSession:
    csrf: str
    expires: int  # unix time
    operator: Operator | None = None
    proved: dict[int, Proof] = field(default_factory=dict)  # application id -> proof

    @staticmethod
    def fresh(lifetime_seconds: int) -> ConsoleSession:
        return ConsoleSession(secrets.token_urlsafe(32), int(time.time()) + lifetime_seconds)

    def signed_in(self, operator: Operator, lifetime_seconds: int) -> ConsoleSession:
        """A new session for `operator`: new form token and expiry, nothing carried over."""
        return replace(ConsoleSession.fresh(lifetime_seconds), operator=operator)

    def with_proof(self, application_id: int, audit_id: int) -> ConsoleSession:
        now = int(time.time())
        kept = {k: p for k, p in self.proved.items() if p.until > now and k != application_id}
        newest = dict(sorted(kept.items(), key=lambda kv: kv[1].until)[-(PROVED_MAX - 1):])
        newest[application_id] = Proof(audit_id, now + PROVED_SECONDS)
        return replace(self, proved=newest)

    def proof(self, application_id: int) -> Proof | None:
        found = self.proved.get(application_id)
        return found if found and found.until > time.time() else None

    # --- stored form -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        op = self.operator
        return {
            "c": self.csrf,
            "e": self.expires,
            "o": [op.token_id, op.name] if op else None,
            "p": {str(k): [p.audit_id, p.until] for k, p in self.proved.items()},
        }

    @staticmethod
    def from_json(data: Any) -> ConsoleSession | None:
        try:
            op = data["o"]
            return ConsoleSession(
                csrf=str(data["c"]),
                expires=int(data["e"]),
                operator=Operator(int(op[0]), str(op[1])) if op else None,
                proved={int(k): Proof(int(v[0]), int(v[1])) for k, v in data["p"].items()},
            )
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None


class CookieSigner:
    """`payload.signature`, both URL-safe base64; the key is derived from the console secret."""

    def __init__(self, secret: str):
        self._key = hashlib.sha256(b"citizen-console-session\x00" + secret.encode()).digest()

    def _mac(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dumps(self, session: ConsoleSession) -> str:
        raw = json.dumps(session.to_json(), separators=(",", ":"), ensure_ascii=True)
        body = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
        return f"{body}.{self._mac(body)}"

    def loads(self, value: str | None) -> ConsoleSession | None:
        """The session in a cookie; None when it is missing, altered, malformed or expired."""
        if not value or value.count(".") != 1:
            return None
        body, mac = value.split(".")
        if not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
            session = ConsoleSession.from_json(json.loads(raw))
        except (binascii.Error, ValueError):
            return None
        if session is None or session.expires <= time.time():
            return None
        return session
