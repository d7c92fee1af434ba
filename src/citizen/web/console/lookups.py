"""The citizen on the phone: an application found with the citizen's receipt number and IIN.

The operator types what the citizen reads out and why they look (a reason is required). The
lookup goes through the applications core (`find_application`, the citizen's own check, with
its failure throttling keyed on the operator, not on an IP address); each one is written to
the audit log with its outcome, and an operator who made too many lookups in the window is
refused before anything is read. The IIN travels only in the POST body: it is never put in a
URL, a cookie, a log line, the audit log or a page (the form comes back without it).

A found application is remembered in the signed session for a short while (`session.Proof`),
so its page and "send the notification again" work by the application's id without the IIN.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from starlette.responses import Response

from citizen.applications import audit
from citizen.applications.audit import AuditAction, AuditOutcome
from citizen.applications.lookup import Lookup, LookupOutcome, find_application
from citizen.applications.messages import lookup_text
from citizen.applications.registry import status_history
from citizen.applications.resend import Requeued, requeue_latest_notice
from citizen.applications.statuses import ApplicationStatus, ResultDelivery
from citizen.applications.tables import Application, ApplicationStatusChange, ChatSubscription
from citizen.applications.tracking import latest_change_id
from citizen.catalogue.calendar import KZ_TZ
from citizen.catalogue.model import Step
from citizen.catalogue.terms import TermBasis
from citizen.catalogue.vocabulary import Channel
from citizen.i18n import in_reader_language
from citizen.notifications.tables import Notification
from citizen.web.console import csrf
from citizen.web.console.catalogue_pages import map_link
from citizen.web.console.operators import live_operator
from citizen.web.console.pages import PREFIX, SignInRequired, Visit
from citizen.web.console.session import ConsoleSession, Operator

_OUTCOMES = {
    LookupOutcome.FOUND: AuditOutcome.FOUND,
    LookupOutcome.NOT_FOUND: AuditOutcome.NOT_FOUND,
    LookupOutcome.INVALID_IIN: AuditOutcome.INVALID_IIN,
    LookupOutcome.THROTTLED: AuditOutcome.THROTTLED,
}
_STATUS = {  # the page's HTTP status per outcome
    AuditOutcome.NOT_FOUND: 404,
    AuditOutcome.INVALID_IIN: 400,
    AuditOutcome.THROTTLED: 429,
}


@dataclass(frozen=True, repr=False)
class LookupForm:
    """What the operator typed. `repr=False`: the IIN must not reach a log through a repr."""

    number: str
    iin: str
    reason: str


class TokenNoLongerLive(Exception):
    """The operator's token was revoked (or lost its role) since signing in."""


@dataclass(frozen=True)
class LookupResult:
    outcome: AuditOutcome
    application_id: int | None
    audit_id: int
    retry_after: int | None
    over_operator_limit: bool = False  # refused: this operator's lookups in the window


@dataclass(frozen=True)
class ApplicationView:
    """What the application page shows, read in one unit of work."""

    application: Application
    history: list[ApplicationStatusChange]
    chats: int  # subscribed Telegram chats
    latest_states: dict[str, int]  # delivery states of the latest change's messages
    reason: str  # the reason given for the lookup that proved it


def _live(session: Session, operator: Operator) -> None:
    if live_operator(session, operator.token_id) is None:
        raise TokenNoLongerLive


def run_lookup(
    session: Session,
    operator: Operator,
    form: LookupForm,
    window: dt.timedelta,
    max_lookups: int,
) -> LookupResult:
    """One audited lookup (or one audited refusal), in the caller's transaction."""
    _live(session, operator)

    def log(outcome: AuditOutcome, app_id: int | None = None) -> int:
        row = audit.record(
            session,
            token_id=operator.token_id,
            operator=operator.name,
            action=AuditAction.LOOKUP,
            number=form.number,
            reason=form.reason,
            outcome=outcome,
            application_id=app_id,
        )
        assert row.id is not None
        return row.id

    if audit.recent_lookups(session, operator.token_id, window) >= max_lookups:
        audit_id = log(AuditOutcome.THROTTLED)
        return LookupResult(AuditOutcome.THROTTLED, None, audit_id, int(window.total_seconds()),
                            over_operator_limit=True)
    found = find_application(session, form.number, form.iin, f"operator:{operator.token_id}")
    app_id = found.application.id if found.application else None
    outcome = _OUTCOMES[found.outcome]
    return LookupResult(outcome, app_id, log(outcome, app_id), found.retry_after)


def read_view(session: Session, operator: Operator, app_id: int, audit_id: int
              ) -> ApplicationView | None:
    _live(session, operator)
    app = session.get(Application, app_id)
    if app is None:
        return None
    chats = session.exec(
        select(ChatSubscription).where(ChatSubscription.application_id == app_id)
    ).all()
    latest = latest_change_id(session, app_id)
    states = session.exec(
        select(Notification.state).where(col(Notification.change_id) == latest)
    ).all()
    entry = session.get(audit.OperatorAudit, audit_id)
    return ApplicationView(
        application=app,
        history=status_history(session, app_id),
        chats=len(chats),
        latest_states=dict(Counter(states)),
        reason=entry.reason if entry else "",
    )


def run_resend(session: Session, operator: Operator, app_id: int, reason: str) -> Requeued:
    _live(session, operator)
    app = session.get(Application, app_id)
    if app is None:
        return Requeued(None, 0, 0, 0)
    done = requeue_latest_notice(session, app_id)
    audit.record(
        session,
        token_id=operator.token_id,
        operator=operator.name,
        action=AuditAction.RESEND,
        number=app.number,
        application_id=app_id,
        reason=reason,
        outcome=AuditOutcome.QUEUED if done.queued else AuditOutcome.NOTHING_TO_SEND,
        notices=done.queued,
    )
    return done


# --- pages -----------------------------------------------------------------------------------


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
