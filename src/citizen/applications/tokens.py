"""API tokens for provider systems and operators, with roles; only a SHA-256 of each is stored.

A token is 32 random bytes, so a plain (fast) hash is enough: there is nothing to guess by
enumeration, unlike an IIN. The token itself is shown once, when created.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from citizen.applications.tables import ApiToken
from citizen.notifications.tables import utcnow

TOKEN_PREFIX = "ctz_"
# Touching `last_used_at` on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class Role(StrEnum):
    PROVIDER = "provider"  # a provider's system: registers applications, changes statuses
    OPERATOR = "operator"  # a call-centre operator: the same, and reads any application


class Permission(StrEnum):
    REGISTER_APPLICATION = "register_application"
    CHANGE_STATUS = "change_status"
    READ_ANY_APPLICATION = "read_any_application"
    CREATE_SUBSCRIPTION_LINK = "create_subscription_link"  # one-time t.me links for a chat


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PROVIDER: frozenset(
        {
            Permission.REGISTER_APPLICATION,
            Permission.CHANGE_STATUS,
            Permission.CREATE_SUBSCRIPTION_LINK,
        }
    ),
    Role.OPERATOR: frozenset(Permission),
}


class TokenError(ValueError):
    pass


class NotAuthorized(PermissionError):
    """No valid token was given (unknown, revoked or missing)."""


class Forbidden(PermissionError):
    """The token is valid but its role does not allow this."""


@dataclass(frozen=True)
class IssuedToken:
    row: ApiToken
    secret: str  # shown once; never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(session: Session, name: str, role: Role | str) -> IssuedToken:
    name = name.strip()
    if not name or len(name) > 80:
        raise TokenError("a token name is 1-80 characters")
    try:
        chosen = Role(role)
    except ValueError:
        raise TokenError(f"unknown role {role!r}; one of: {', '.join(Role)}") from None
    if session.exec(select(ApiToken).where(ApiToken.name == name)).first() is not None:
        raise TokenError(f"a token named {name!r} exists already")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(name=name, role=chosen.value, token_hash=_digest(secret), prefix=secret[:12])
    session.add(row)
    session.flush()
    return IssuedToken(row, secret)


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.exec(select(ApiToken).order_by(col(ApiToken.id))).all())


def revoke_token(session: Session, name: str) -> bool:
    """Revoke the token called `name`; False when there is none, or it was revoked already."""
    row = session.exec(select(ApiToken).where(ApiToken.name == name.strip())).first()
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    session.flush()
    return True


def verify_token(session: Session, secret: str | None) -> ApiToken | None:
    """The live token matching `secret`, or None (unknown, revoked, malformed, missing)."""
    if not secret or not secret.startswith(TOKEN_PREFIX):
        return None
    digest = _digest(secret)
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.token_hash, digest):
        return None
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.add(row)
        session.flush()
    return row


def authorize(session: Session, secret: str | None, permission: Permission) -> ApiToken:
    """The token, when it is live and its role grants `permission`; raises otherwise."""
    row = verify_token(session, secret)
    if row is None:
        raise NotAuthorized("a valid API token is required")
    if permission not in ROLE_PERMISSIONS[Role(row.role)]:
        raise Forbidden(f"role {row.role} may not {permission.value}")
    return row
