"""Application tracking: registration, the status machine, citizen lookups, subscriptions.

Adapters (GraphQL, bot, CLI) call the functions re-exported here; each takes a SQLModel session
and leaves the commit to the caller, so that one door's unit of work stays one transaction.
"""

from citizen.applications.events import StatusBroadcaster, StatusChanged, broadcaster
from citizen.applications.iin import InvalidIIN, iin_hash, is_valid_iin, normalize_iin
from citizen.applications.lookup import (
    Lookup,
    LookupOutcome,
    chat_subscriptions,
    find_application,
    subscribe_chat,
    unsubscribe_chat,
)
from citizen.applications.registry import (
    ApplicationError,
    ApplicationErrorCode,
    StatusChangeResult,
    change_status,
    get_application,
    path_steps,
    register_application,
    status_history,
)
from citizen.applications.statuses import (
    ApplicationStatus,
    IllegalTransition,
    ResultDelivery,
    TransitionError,
)
from citizen.applications.tables import Application, ApplicationStatusChange
from citizen.applications.tracking import watch_application

__all__ = [
    "Application",
    "ApplicationError",
    "ApplicationErrorCode",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "IllegalTransition",
    "InvalidIIN",
    "Lookup",
    "LookupOutcome",
    "ResultDelivery",
    "StatusBroadcaster",
    "StatusChangeResult",
    "StatusChanged",
    "TransitionError",
    "broadcaster",
    "change_status",
    "chat_subscriptions",
    "find_application",
    "get_application",
    "iin_hash",
    "is_valid_iin",
    "normalize_iin",
    "path_steps",
    "register_application",
    "status_history",
    "subscribe_chat",
    "unsubscribe_chat",
    "watch_application",
]
