"""API tokens: created with a role, stored hashed, listed, revoked, and checked per action."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from citizen.applications.tokens import (
    Forbidden,
    NotAuthorized,
    Permission,
    Role,
    TokenError,
    authorize,
    create_token,
    list_tokens,
    revoke_token,
    verify_token,
)
from citizen.db import session_scope


def test_a_token_is_shown_once_and_stored_only_as_a_hash(engine: Engine) -> None:
    with session_scope(engine) as session:
        issued = create_token(session, "son-karaganda", Role.PROVIDER, regions=["*"])
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT * FROM api_token")).all()
    assert len(stored) == 1
    assert all(issued.secret not in str(value) for value in stored[0])
    with session_scope(engine) as session:
        row = verify_token(session, issued.secret)
    assert row is not None and row.name == "son-karaganda" and row.last_used_at is not None


def test_roles_grant_their_permissions_only(engine: Engine) -> None:
    with session_scope(engine) as session:
        provider = create_token(session, "provider-system", "provider", regions=["*"]).secret
        operator = create_token(session, "call-centre", "operator").secret
    with session_scope(engine) as session:
        assert authorize(session, provider, Permission.CHANGE_STATUS).role == "provider"
        assert authorize(session, operator, Permission.READ_ANY_APPLICATION).role == "operator"
        with pytest.raises(Forbidden):
            authorize(session, provider, Permission.READ_ANY_APPLICATION)
        for bad in (None, "", "ctz_not-a-real-token", provider + "x", "Bearer " + provider):
            with pytest.raises(NotAuthorized):
                authorize(session, bad, Permission.CHANGE_STATUS)


def test_a_revoked_token_stops_working_and_stays_listed(engine: Engine) -> None:
    with session_scope(engine) as session:
        secret = create_token(session, "old-integration", Role.OPERATOR).secret
    with session_scope(engine) as session:
        assert revoke_token(session, "old-integration")
        assert not revoke_token(session, "old-integration")
        assert not revoke_token(session, "never-existed")
    with session_scope(engine) as session:
        assert verify_token(session, secret) is None
    with Session(engine) as session:
        [row] = list_tokens(session)
    assert row.revoked_at is not None and row.prefix == secret[:12]


def test_names_are_unique_and_roles_known(engine: Engine) -> None:
    with session_scope(engine) as session:
        create_token(session, "one", Role.PROVIDER, regions=["*"])
    with pytest.raises(TokenError, match="exists"), session_scope(engine) as session:
        create_token(session, "one", Role.OPERATOR)
    with pytest.raises(TokenError, match="unknown role"), session_scope(engine) as session:
        create_token(session, "two", "admin")
    with pytest.raises(TokenError), session_scope(engine) as session:
        create_token(session, "   ", Role.PROVIDER, regions=["*"])
