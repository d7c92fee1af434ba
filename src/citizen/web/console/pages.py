"""What every console page shares: the visit (session, language, snapshot), templates, errors.

Each page handler receives a `Visit` and returns a response; `Console.view` wraps it so that
the session cookie is read and written in one place, the security headers are always set,
and failures become a clear page in the operator's language: a refused form (403), a busy
database ("try again", 503 with Retry-After), or an internal error (500 with a request id
that is also in the log).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from citizen.catalogue.live import LiveCatalogue
from citizen.catalogue.snapshot import CatalogueSnapshot
from citizen.catalogue.terms import Span
from citizen.catalogue.today import history_heading, history_note, repeal_sentences, term_source
from citizen.catalogue.vocabulary import Locale
from citizen.db import Database, DatabaseUnavailable
from citizen.i18n import (
    duration_text,
    durations_text,
    format_date,
    format_time,
    label,
    translator,
)
from citizen.settings import DEV_CONSOLE_SECRET, Settings
from citizen.web.console.csrf import FormRefused
from citizen.web.console.days_off import weekday_name
from citizen.web.console.session import COOKIE, ConsoleSession, CookieSigner, Operator

log = logging.getLogger(__name__)

PREFIX = "/operator"
LANG_COOKIE = "citizen_console_lang"
# Pages use only the console's own files: no inline script, no other origin, no framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",  # links out (egov.kz, maps) learn nothing of the page
}


class ConsoleSettingsError(RuntimeError):
    """The console cannot run with these settings (production with the development secret)."""


def check_settings(settings: Settings) -> None:
    if settings.production and (
        settings.console_secret.get_secret_value() == DEV_CONSOLE_SECRET
    ):
        raise ConsoleSettingsError(
            "CITIZEN_CONSOLE_SECRET is the development default: set a secret of your own "
            "before running the operator console in production"
        )


class SignInRequired(Exception):
    """An application page was asked for without a signed-in operator."""


@dataclass
class Visit:
    """One request to the console: who asks, in which language, on which catalogue."""

    request: Request
    console: Console
    session: ConsoleSession
    locale: Locale
    catalogue: CatalogueSnapshot
    session_changed: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def operator(self) -> Operator | None:
        return self.session.operator

    def require_operator(self) -> Operator:
        if self.session.operator is None:
            raise SignInRequired
        return self.session.operator

    def replace_session(self, session: ConsoleSession) -> None:
        self.session = session
        self.session_changed = True

    def t(self, msg_id: str, **args: Any) -> str:
        return translator()(self.locale, msg_id, **args)

    def page(self, template: str, status: int = 200, /, **values: Any) -> HTMLResponse:
        return self.console.render(self, template, status, values)

    def redirect(self, path: str) -> RedirectResponse:
        return RedirectResponse(path, status_code=303)


Handler = Callable[[Visit], Awaitable[Response]]


class Console:
    def __init__(self, settings: Settings, catalogue: LiveCatalogue, db: Database):
        check_settings(settings)
        self.settings = settings
        self.catalogue = catalogue
        self.db = db
        self.signer = CookieSigner(settings.console_secret.get_secret_value())
        self.lifetime = settings.console_session_minutes * 60
        self.production = settings.production
        self.templates = Environment(
            loader=PackageLoader("citizen.web.console", "templates"),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals.update(
            label=label,
            date=format_date,
            time=format_time,
            span=_span_text,
            weekday=weekday_name,
            spans=_spans_text,
            tl=lambda locale, msg_id, **args: translator()(locale, msg_id, **args),
            # The shared wording of the legal history (the same sentences in every door).
            repeal_sentences=repeal_sentences,
            history_heading=history_heading,
            history_note=history_note,
            term_source=term_source,
            locales=(Locale.KK, Locale.RU),
            prefix=PREFIX,
        )

    # --- the wrapper every page goes through -----------------------------------------------

    def view(self, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            visit = self._visit(request)
            try:
                response = await handler(visit)
            except SignInRequired:
                back = quote(request.url.path, safe="/")
                response = visit.redirect(f"{PREFIX}/sign-in?next={back}")
            except FormRefused as exc:
                response = visit.page("error.html", exc.status, message=visit.t(exc.reason))
            except DatabaseUnavailable as exc:
                response = visit.page("error.html", 503, message=visit.t("console-error-busy"))
                response.headers["Retry-After"] = str(exc.retry_after)
            except Exception:
                request_id = uuid.uuid4().hex[:12]
                log.exception("console page failed", extra={"request_id": request_id})
                response = visit.page(
                    "error.html", 500, message=visit.t("console-error-internal", id=request_id)
                )
            self._finish(visit, response)
            return response

        return endpoint

    def _visit(self, request: Request) -> Visit:
        loaded = self.signer.loads(request.cookies.get(COOKIE))
        session = loaded or ConsoleSession.fresh(self.lifetime)
        lang = request.cookies.get(LANG_COOKIE)
        locale = Locale(lang) if lang in ("kk", "ru") else Locale(self.settings.default_locale)
        return Visit(
            request=request,
            console=self,
            session=session,
            locale=locale,
            catalogue=self.catalogue.current,
            session_changed=loaded is None,
        )

    def _finish(self, visit: Visit, response: Response) -> None:
        for name, value in {**SECURITY_HEADERS, **visit.extra_headers}.items():
            response.headers.setdefault(name, value)
        # Pages may show an application or a form token: never cached anywhere.
        response.headers["Cache-Control"] = "no-store"
        if visit.session_changed:
            self.set_session_cookie(visit.request, response, visit.session)

    def secure(self, request: Request) -> bool:
        return self.production or request.url.scheme == "https"

    def set_session_cookie(
        self, request: Request, response: Response, session: ConsoleSession
    ) -> None:
        response.set_cookie(
            COOKIE,
            self.signer.dumps(session),
            max_age=self.lifetime,
            path=PREFIX,
            secure=self.secure(request),
            httponly=True,
            samesite="strict",
        )

    # --- templates -------------------------------------------------------------------------

    def render(
        self, visit: Visit, template: str, status: int, values: dict[str, Any]
    ) -> HTMLResponse:
        context = {
            "t": visit.t,
            "locale": visit.locale,
            "other_locale": Locale.RU if visit.locale == Locale.KK else Locale.KK,
            "operator": visit.operator,
            "csrf": visit.session.csrf,
            "here": _here(visit.request),
            **values,
        }
        html = self.templates.get_template(template).render(context)
        return HTMLResponse(html, status_code=status)


def _here(request: Request) -> str:
    """This page's path and query: where the language switch comes back to."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query and request.method == "GET" else "")


def _span_text(span: Span | None, locale: Locale) -> str:
    return duration_text(span.value, span.unit, locale) if span else ""


def _spans_text(spans: Iterable[Span], locale: Locale) -> str:
    return durations_text([(s.value, s.unit) for s in spans], locale)
