"""Signing in with an operator token, signing out, and the interface language.

The token is checked once, at sign-in, through the applications core (`authorize` with the
operator's permission to read any application): a provider's token or a wrong one is refused
with a message saying which. The session then keeps the token's id and name only; application
pages check again, by id, that the token is still live (`operators.live_operator`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlmodel import Session
from starlette.responses import Response

from citizen.applications.tokens import Forbidden, NotAuthorized, Permission, authorize
from citizen.catalogue.vocabulary import Locale
from citizen.web.console import csrf
from citizen.web.console.pages import LANG_COOKIE, PREFIX, Visit
from citizen.web.console.session import ConsoleSession, Operator

LANG_COOKIE_SECONDS = 365 * 24 * 3600


def safe_next(target: str | None, default: str = f"{PREFIX}/") -> str:
    """A path inside the console to go back to; anything else (another site) is ignored."""
    if not target:
        return default
    parts = urlsplit(target)
    inside = target == PREFIX or target.startswith(f"{PREFIX}/")
    if parts.scheme or parts.netloc or "\\" in target or "//" in target or not inside:
        return default
    return target


async def sign_in_form(visit: Visit) -> Response:
    if visit.operator is not None:
        return visit.redirect(safe_next(visit.request.query_params.get("next")))
    next_page = safe_next(visit.request.query_params.get("next"))
    return visit.page("sign_in.html", next=next_page, error=None)


async def sign_in(visit: Visit) -> Response:
    form = await csrf.read_form(visit.request)
    csrf.check(visit.session, form)
    target = safe_next(form.get("next"))
    secret = form.get("token", "").strip()

    def check(session: Session) -> Operator:
        row = authorize(session, secret, Permission.READ_ANY_APPLICATION)
        assert row.id is not None
        return Operator(row.id, row.name)

    try:
        operator = await visit.console.db.run(check)
    except NotAuthorized:
        return visit.page("sign_in.html", 401, next=target, error="console-sign-in-wrong")
    except Forbidden:
        return visit.page("sign_in.html", 403, next=target, error="console-sign-in-not-operator")
    visit.replace_session(visit.session.signed_in(operator, visit.console.lifetime))
    return visit.redirect(target)


async def sign_out(visit: Visit) -> Response:
    form = await csrf.read_form(visit.request)
    csrf.check(visit.session, form)
    visit.replace_session(ConsoleSession.fresh(visit.console.lifetime))
    return visit.redirect(f"{PREFIX}/?signed-out=1")


async def language(visit: Visit) -> Response:
    """Switch the interface language (a preference, not a change of data: a plain link)."""
    params = visit.request.query_params
    wanted = params.get("to")
    chosen = Locale(wanted) if wanted in ("kk", "ru") else visit.locale
    response = visit.redirect(safe_next(params.get("next")))
    response.set_cookie(
        LANG_COOKIE,
        chosen.value,
        max_age=LANG_COOKIE_SECONDS,
        path=PREFIX,
        secure=visit.console.secure(visit.request),
        httponly=True,
        samesite="lax",
    )
    return response
