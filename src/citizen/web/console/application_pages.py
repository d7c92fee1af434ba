"""The citizen on the phone: the lookup form, the application page, "send it again".

The operator types what the citizen reads out (receipt number, IIN) and why they look. The IIN
travels only in the POST body: it is never put in a URL, a cookie, a log line, the audit log or
a page (the form comes back without it). A found application is remembered in the signed
session for a short while (`session.Proof`), so its page and "send the notification again" work
by the application's id; another browser, or the same one later, must look it up again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from citizen.applications import audit
from citizen.applications.audit import AuditOutcome
from citizen.applications.lookup import Lookup, LookupOutcome
from citizen.applications.messages import lookup_text
from citizen.applications.statuses import ApplicationStatus, ResultDelivery
from citizen.applications.tables import ApplicationStatusChange
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.model import Step
from citizen.catalogue.terms import TermBasis
from citizen.catalogue.vocabulary import Channel
from citizen.i18n import in_reader_language
from citizen.web.console import csrf
from citizen.web.console.catalogue_pages import map_link
from citizen.web.console.lookups import (
    ApplicationView,
    LookupForm,
    LookupResult,
    TokenNoLongerLive,
    read_view,
    run_lookup,
    run_resend,
)
from citizen.web.console.pages import PREFIX, SignInRequired, Visit
from citizen.web.console.session import ConsoleSession

_STATUS = {  # the page's HTTP status per outcome
    AuditOutcome.NOT_FOUND: 404,
    AuditOutcome.INVALID_IIN: 400,
    AuditOutcome.THROTTLED: 429,
}


def _sign_out_if_revoked(visit: Visit) -> SignInRequired:
    visit.replace_session(ConsoleSession.fresh(visit.console.lifetime))
    return SignInRequired()


async def lookup_form(visit: Visit) -> Response:
    visit.require_operator()
    return visit.page("lookup.html", number="", reason="", message=None)


async def lookup(visit: Visit) -> Response:
    operator = visit.require_operator()
    form = await csrf.read_form(visit.request)
    csrf.check(visit.session, form)
    number = form.get("number", "").strip()[: audit.NUMBER_MAX]
    reason = audit.clean_reason(form.get("reason"))
    iin = form.get("iin", "")
    if not number or reason is None:
        missing = "console-lookup-need-number" if not number else "console-lookup-need-reason"
        return visit.page(
            "lookup.html", 400, number=number, reason=form.get("reason", ""),
            message=visit.t(missing),
        )
    settings = visit.console.settings
    typed = LookupForm(number, iin, reason)
    window = dt.timedelta(seconds=settings.console_lookup_window_seconds)
    try:
        result = await visit.console.db.run(
            lambda s: run_lookup(s, operator, typed, window, settings.console_max_lookups)
        )
    except TokenNoLongerLive:
        raise _sign_out_if_revoked(visit) from None
    if result.outcome == AuditOutcome.FOUND and result.application_id is not None:
        visit.replace_session(visit.session.with_proof(result.application_id, result.audit_id))
        return visit.redirect(f"{PREFIX}/applications/{result.application_id}")
    message = _refusal(visit, result)
    response = visit.page(
        "lookup.html", _STATUS.get(result.outcome, 400), number=number, reason=reason,
        message=message,
    )
    if result.retry_after:
        response.headers["Retry-After"] = str(result.retry_after)
    return response


def _refusal(visit: Visit, result: LookupResult) -> str:
    if result.over_operator_limit:
        minutes = max(1, -(-(result.retry_after or 60) // 60))
        return visit.t("console-lookup-too-many", minutes=minutes)
    found = Lookup(LookupOutcome(result.outcome.value), retry_after=result.retry_after)
    return lookup_text(found, visit.locale)


@dataclass(frozen=True)
class TimelineEntry:
    change: ApplicationStatusChange
    status: ApplicationStatus
    at: dt.datetime  # in Kazakhstan's time
    step: Step | None  # the step, for an in-progress entry, when the catalogue still has it
    delivery: ResultDelivery | None
    reason: tuple[str, bool] | None  # the provider's words, and whether in the other language


def describe_application(visit: Visit, view: ApplicationView) -> dict[str, Any]:
    """What the application page shows, from the stored rows and the catalogue snapshot."""
    app = view.application
    catalogue = visit.catalogue
    regulation = catalogue.regulation(app.service_id, app.region_id)
    channel = Channel(app.channel)
    number = app.step_number
    current = regulation.step(number) if regulation and number else None
    ready_change = next(
        (c for c in reversed(view.history) if c.status == ApplicationStatus.RESULT_READY), None
    )
    office_id = (ready_change.office_id if ready_change else None) or app.office_id
    timeline = [
        TimelineEntry(
            change=c,
            status=ApplicationStatus(c.status),
            at=c.changed_at.astimezone(KZ_TZ),
            step=regulation.step(c.step_number) if regulation and c.step_number else None,
            delivery=ResultDelivery(c.result_delivery) if c.result_delivery else None,
            reason=in_reader_language(c.reason_kk, c.reason_ru, visit.locale),
        )
        for c in view.history
    ]
    return {
        "view": view,
        "app": app,
        "service": catalogue.service(app.service_id),
        "regulation": regulation,
        "channel": channel,
        "status": ApplicationStatus(app.status),
        "delivery": ResultDelivery(app.result_delivery) if app.result_delivery else None,
        "path": regulation.steps_on(channel) if regulation else (),
        "current": current,
        "basis": TermBasis(app.expected_basis) if app.expected_basis else None,
        "office": catalogue.office(office_id) if office_id else None,
        "office_id": office_id,
        "submitted": app.submitted_at.astimezone(KZ_TZ),
        "timeline": timeline,
        "map_link": map_link,
    }


async def application_page(visit: Visit) -> Response:
    operator = visit.require_operator()
    app_id = int(visit.request.path_params["application_id"])
    proof = visit.session.proof(app_id)
    if proof is None:
        return visit.page("lookup.html", 403, number="", reason="",
                          message=visit.t("console-lookup-proof-expired"))
    try:
        view = await visit.console.db.run(lambda s: read_view(s, operator, app_id, proof.audit_id))
    except TokenNoLongerLive:
        raise _sign_out_if_revoked(visit) from None
    if view is None:
        return visit.page("error.html", 404, message=visit.t("console-error-no-application"))
    params = visit.request.query_params
    resent = None
    if all(params.get(k, "").isdigit() for k in ("queued", "waiting", "blocked")):
        resent = {k: int(params[k]) for k in ("queued", "waiting", "blocked")}
    return visit.page("application.html", resent=resent, **describe_application(visit, view))


async def resend(visit: Visit) -> Response:
    operator = visit.require_operator()
    app_id = int(visit.request.path_params["application_id"])
    form = await csrf.read_form(visit.request)
    csrf.check(visit.session, form)
    if visit.session.proof(app_id) is None:
        return visit.page("lookup.html", 403, number="", reason="",
                          message=visit.t("console-lookup-proof-expired"))
    reason = audit.clean_reason(form.get("reason"))
    if reason is None:
        return visit.page("error.html", 400, message=visit.t("console-lookup-need-reason"))
    try:
        done = await visit.console.db.run(lambda s: run_resend(s, operator, app_id, reason))
    except TokenNoLongerLive:
        raise _sign_out_if_revoked(visit) from None
    return visit.redirect(
        f"{PREFIX}/applications/{app_id}?queued={done.queued}&waiting={done.waiting}"
        f"&blocked={done.blocked}#resend"
    )
