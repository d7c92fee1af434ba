"""What a person reads about applications, from Fluent: status labels, errors, lookup answers.

Adapters (GraphQL, bot, CLI) show these instead of the English `str(exc)`, which is for logs.
"""

from __future__ import annotations

from citizen.applications.lookup import Lookup, LookupOutcome
from citizen.applications.registry import ApplicationError
from citizen.applications.statuses import ApplicationStatus, IllegalTransition
from citizen.catalogue.vocabulary import Locale
from citizen.i18n import translator


def status_label(status: ApplicationStatus | str, locale: Locale | str) -> str:
    return translator()(locale, f"application-status-{ApplicationStatus(status).value}")


def error_text(error: ApplicationError | IllegalTransition, locale: Locale | str) -> str:
    """The error in the reader's language."""
    if isinstance(error, IllegalTransition):
        return translator()(locale, f"transition-error-{error.code.value}")
    return translator()(locale, f"application-error-{error.code.value}", **error.args_for_message)


def lookup_text(lookup: Lookup, locale: Locale | str) -> str:
    """The answer to a lookup by receipt number and IIN (throttled: with minutes to wait)."""
    if lookup.outcome == LookupOutcome.THROTTLED:
        minutes = max(1, -(-(lookup.retry_after or 60) // 60))
        return translator()(locale, "lookup-throttled", minutes=minutes)
    return translator()(locale, f"lookup-{lookup.outcome.value}")
