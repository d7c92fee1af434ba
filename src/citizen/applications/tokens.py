"""API tokens for provider systems and operators, with roles; only a SHA-256 of each is stored.

A token is 32 random bytes, so a plain (fast) hash is enough: there is nothing to guess by
enumeration, unlike an IIN. The token itself is shown once, when created.

A provider's token is scoped: it names the regions (and optionally the services) whose
applications it may register and change; anything else is `OutOfScope`. An operator reads
any application a citizen proves (receipt number + IIN, throttled per token rather than per
address) and changes nothing unless granted, in a scope of its own.
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
from citizen.catalogue import tables as ct
from citizen.notifications.tables import utcnow

TOKEN_PREFIX = "ctz_"
# Touching `last_used_at` on every request would turn each read into a write.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


class Role(StrEnum):
    PROVIDER = "provider"  # a provider's system: registers and changes applications in scope
    OPERATOR = "operator"  # a call centre or an app backend: looks applications up for people


class Permission(StrEnum):
    REGISTER_APPLICATION = "register_application"
    CHANGE_STATUS = "change_status"
    READ_ANY_APPLICATION = "read_any_application"
    CREATE_SUBSCRIPTION_LINK = "create_subscription_link"  # one-time t.me links for a chat


# Permissions that change applications: they need a scope (regions, optionally services).
WRITE_PERMISSIONS = frozenset({Permission.REGISTER_APPLICATION, Permission.CHANGE_STATUS})
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PROVIDER: WRITE_PERMISSIONS | {Permission.CREATE_SUBSCRIPTION_LINK},
    # An operator hands out subscription links to callers; it changes nothing unless granted.
    Role.OPERATOR: frozenset(
        {Permission.READ_ANY_APPLICATION, Permission.CREATE_SUBSCRIPTION_LINK}
    ),
}
ALL_REGIONS = "*"  # a national provider's scope
NAME_MAX_LENGTH = 80


class TokenError(ValueError):
    pass


class NotAuthorized(PermissionError):
    """No valid token was given (unknown, revoked or missing)."""


class Forbidden(PermissionError):
    """The token is valid but its role does not allow this."""


class OutOfScope(Forbidden):
    """The token may do this, but not for this region or service."""


@dataclass(frozen=True)
class IssuedToken:
    row: ApiToken
    secret: str  # shown once; never stored


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(
    session: Session,
    name: str,
    role: Role | str,
    *,
    regions: list[str] | None = None,
    services: list[str] | None = None,
    grants: list[Permission | str] | None = None,
) -> IssuedToken:
    """A new token. Write permissions (a provider's, or granted) need `regions` ("*": all)."""
    name = name.strip()
    if not name or len(name) > NAME_MAX_LENGTH:
        raise TokenError(f"a token name is 1-{NAME_MAX_LENGTH} characters")
    try:
        chosen = Role(role)
    except ValueError:
        raise TokenError(f"unknown role {role!r}; one of: {', '.join(Role)}") from None
    granted = _permissions(grants or [])
    regions = _scope_ids(session, regions, ct.Region, "region")
    services = _scope_ids(session, services, ct.Service, "service")
    if (ROLE_PERMISSIONS[chosen] | granted) & WRITE_PERMISSIONS and not regions:
        raise TokenError(
            "a token that registers or changes applications names its regions "
            "(or all regions)"
        )
    if session.exec(select(ApiToken).where(ApiToken.name == name)).first() is not None:
        raise TokenError(f"a token named {name!r} exists already")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        name=name,
        role=chosen.value,
        token_hash=_digest(secret),
        prefix=secret[:12],
        regions=regions,
        services=services,
        grants=sorted(p.value for p in granted) or None,
    )
    session.add(row)
    session.flush()
    return IssuedToken(row, secret)


def _permissions(names: list[Permission | str]) -> frozenset[Permission]:
    try:
        return frozenset(Permission(n) for n in names)
    except ValueError:
        known = ", ".join(p.value for p in Permission)
        raise TokenError(f"unknown permission in {names!r}; one of: {known}") from None


def _scope_ids(
    session: Session, ids: list[str] | None, table: type[ct.Region] | type[ct.Service], kind: str
) -> list[str] | None:
    """The ids, checked against the catalogue ("*" stands alone for all regions)."""
    if not ids:
        return None
    ids = sorted({i.strip() for i in ids if i.strip()})
    if kind == "region" and ALL_REGIONS in ids:
        if len(ids) > 1:
            raise TokenError("--all-regions cannot be combined with single regions")
        return ids
    unknown = [i for i in ids if session.get(table, i) is None]
    if unknown:
        raise TokenError(f"unknown {kind} id(s) in the catalogue: {', '.join(unknown)}")
    return ids or None


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
    mark_used(session, row)
    return row


def mark_used(session: Session, row: ApiToken) -> None:
    """Record that the token was used now (`tokens list` shows it), at most once a minute or so:
    a write on every request would make every reader a writer."""
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.add(row)
        session.flush()


def permissions(row: ApiToken) -> frozenset[Permission]:
    """What the token may do: its role's permissions and those granted to it."""
    return ROLE_PERMISSIONS[Role(row.role)] | _permissions(list(row.grants or []))


def authorize(session: Session, secret: str | None, permission: Permission) -> ApiToken:
    """The token, when it is live and its role grants `permission`; raises otherwise.

    A write permission still needs `require_scope` for the application it touches.
    """
    row = verify_token(session, secret)
    if row is None:
        raise NotAuthorized("a valid API token is required")
    if permission not in permissions(row):
        raise Forbidden(f"token {row.name} ({row.role}) may not {permission.value}")
    return row


def in_scope(row: ApiToken, region_id: str, service_id: str) -> bool:
    regions = row.regions or []
    if ALL_REGIONS not in regions and region_id not in regions:
        return False
    return not row.services or service_id in row.services


def require_scope(row: ApiToken, region_id: str, service_id: str) -> None:
    """Raises `OutOfScope` unless the token may write applications of this region and service."""
    if not in_scope(row, region_id, service_id):
        raise OutOfScope(
            f"token {row.name} may not change applications of {service_id} in {region_id}"
        )


def describe_scope(row: ApiToken) -> str:
    """The scope as `tokens list` shows it: `regions=astana services=* grants=-`."""
    regions = "all" if ALL_REGIONS in (row.regions or []) else ",".join(row.regions or []) or "-"
    services = ",".join(row.services or []) or ("*" if row.regions else "-")
    return f"regions={regions} services={services} grants={','.join(row.grants or []) or '-'}"
