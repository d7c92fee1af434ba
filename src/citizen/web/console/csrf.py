"""Forms: reading a posted form, and refusing one that did not come from the console.

Every form carries the session's form token in a hidden field (`csrf`); a POST whose token is
missing or differs from its session's is refused before anything else happens. The session
cookie is SameSite as well, so another site cannot even make the browser send it; the token is
the second lock, and the one that does not depend on the browser.

Forms are plain `application/x-www-form-urlencoded` (what a browser sends without JavaScript),
read with a size limit: the console's forms are a few short fields.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qsl

from starlette.requests import Request

from citizen.web.console.session import ConsoleSession

FORM_MAX_BYTES = 16 * 1024
FIELD = "csrf"


class FormRefused(Exception):
    """The form cannot be accepted; `reason` names the Fluent message that says why."""

    def __init__(self, reason: str, status: int):
        super().__init__(reason)
        self.reason = reason
        self.status = status


async def read_form(request: Request) -> dict[str, str]:
    """The posted fields (the first value of each); raises `FormRefused` for a body too large
    or of another kind."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_MAX_BYTES:
            raise FormRefused("console-error-form-too-large", 413)
    if kind != "application/x-www-form-urlencoded" and body:  # an empty post is an empty form
        raise FormRefused("console-error-form-kind", 415)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        raise FormRefused("console-error-form-kind", 400) from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


def check(session: ConsoleSession | None, form: dict[str, str]) -> None:
    """Raise `FormRefused` unless the form's token is its session's."""
    sent = form.get(FIELD, "")
    if session is None or not sent or not hmac.compare_digest(sent, session.csrf):
        raise FormRefused("console-error-csrf", 403)
