"""Is the signed-in operator's token still good? Checked again on every application page.

The session keeps the token's id, not the token; so a token revoked after sign-in (`citizen
tokens revoke`) must end the console session too, and does here, at the next application page.
Reading an application on a citizen's behalf is the operator role's `READ_ANY_APPLICATION`
permission: it is checked here and the token's use is recorded like an API call's.
"""

from __future__ import annotations

from sqlmodel import Session

from citizen.applications.tables import ApiToken
from citizen.applications.tokens import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    mark_used,
)


def live_operator(session: Session, token_id: int) -> ApiToken | None:
    """The token, when it is still live and may read any application; None otherwise."""
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return None
    try:
        granted = ROLE_PERMISSIONS[Role(row.role)]
    except (ValueError, KeyError):  # a role this version does not know grants nothing
        return None
    if Permission.READ_ANY_APPLICATION not in granted:
        return None
    mark_used(session, row)
    return row
