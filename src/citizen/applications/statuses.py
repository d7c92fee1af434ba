"""The status machine of an application, following the procedure of its regulation.

    accepted ──> in_progress(step k) ──> in_progress(step j > k) ──> result_ready ──> handed_out
        │               │                                                │
        └───────────────┴──> refused | documents_not_accepted            └ (portal cabinet: final)

An application starts `accepted` (the receipt is issued). Intermediate statuses are the
regulation's own steps, by the number the regulation gives them (from 1), and only move
forward. A result sent to the portal's personal cabinet is final; one waiting at an office
becomes final when handed out. Refusal and "documents not accepted" are final. A final status
is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ApplicationStatus(StrEnum):
    ACCEPTED = "accepted"  # documents accepted, receipt (қолхат) issued
    IN_PROGRESS = "in_progress"  # at a step of the regulation
    RESULT_READY = "result_ready"  # at an office to collect, or in the portal's cabinet
    HANDED_OUT = "handed_out"
    REFUSED = "refused"  # motivated refusal (уәжді бас тарту), with its reason
    DOCUMENTS_NOT_ACCEPTED = "documents_not_accepted"


class ResultDelivery(StrEnum):
    """Where a ready result is: at an office to collect, or sent to the personal cabinet."""

    OFFICE = "office"
    PORTAL_CABINET = "portal_cabinet"


class TransitionError(StrEnum):
    """Why a status change was refused; each has a message in both languages (Fluent)."""

    FINAL = "final"  # the application already has a final status
    NOT_ALLOWED = "not_allowed"  # this status cannot follow the current one
    SAME_STATUS = "same_status"  # nothing would change
    UNKNOWN_STEP = "unknown_step"  # no such step on this application's channel
    STEP_BACKWARDS = "step_backwards"  # steps only move forward
    STEP_REQUIRED = "step_required"  # in_progress needs a step position
    REASON_REQUIRED = "reason_required"  # a refusal states its reason
    NOT_AT_OFFICE = "not_at_office"  # only a result waiting at an office is handed out
    UNEXPECTED_DETAIL = "unexpected_detail"  # e.g. a step position given with result_ready


class IllegalTransition(ValueError):
    def __init__(self, code: TransitionError, detail: str):
        super().__init__(detail)
        self.code = code


_FOLLOWERS: dict[ApplicationStatus, frozenset[ApplicationStatus]] = {
    ApplicationStatus.ACCEPTED: frozenset(
        {
            ApplicationStatus.IN_PROGRESS,
            ApplicationStatus.RESULT_READY,
            ApplicationStatus.REFUSED,
            ApplicationStatus.DOCUMENTS_NOT_ACCEPTED,
        }
    ),
    ApplicationStatus.IN_PROGRESS: frozenset(
        {
            ApplicationStatus.IN_PROGRESS,
            ApplicationStatus.RESULT_READY,
            ApplicationStatus.REFUSED,
            ApplicationStatus.DOCUMENTS_NOT_ACCEPTED,
        }
    ),
    ApplicationStatus.RESULT_READY: frozenset({ApplicationStatus.HANDED_OUT}),
}


@dataclass(frozen=True)
class StatusPoint:
    """Where an application stands: its status and, for a ready result, where it is."""

    status: ApplicationStatus
    step: int | None = None  # the regulation's number of the step, while in progress
    delivery: ResultDelivery | None = None


def is_final(point: StatusPoint) -> bool:
    if point.status == ApplicationStatus.RESULT_READY:
        return point.delivery == ResultDelivery.PORTAL_CABINET
    return point.status not in _FOLLOWERS


def check_transition(
    current: StatusPoint, target: StatusPoint, steps: frozenset[int], has_reason: bool
) -> None:
    """Raise `IllegalTransition` unless `target` may follow `current`.

    `steps` are the numbers of the regulation's steps on the application's channel.
    """
    if is_final(current):
        raise IllegalTransition(TransitionError.FINAL, f"status {current.status} is final")
    if target.status not in _FOLLOWERS.get(current.status, frozenset()):
        raise IllegalTransition(
            TransitionError.NOT_ALLOWED, f"{target.status} cannot follow {current.status}"
        )
    _check_details(target, has_reason)
    if target.status == ApplicationStatus.IN_PROGRESS:
        _check_step(current, target, steps)
    if target.status == ApplicationStatus.HANDED_OUT and current.delivery != ResultDelivery.OFFICE:
        raise IllegalTransition(
            TransitionError.NOT_AT_OFFICE, "only a result waiting at an office is handed out"
        )


def _check_details(target: StatusPoint, has_reason: bool) -> None:
    in_progress = target.status == ApplicationStatus.IN_PROGRESS
    if in_progress and target.step is None:
        raise IllegalTransition(TransitionError.STEP_REQUIRED, "in_progress needs a step")
    if not in_progress and target.step is not None:
        raise IllegalTransition(TransitionError.UNEXPECTED_DETAIL, f"{target.status} takes no step")
    ready = target.status == ApplicationStatus.RESULT_READY
    if not ready and target.delivery is not None:
        raise IllegalTransition(
            TransitionError.UNEXPECTED_DETAIL, f"{target.status} takes no result delivery"
        )
    if target.status == ApplicationStatus.REFUSED and not has_reason:
        raise IllegalTransition(TransitionError.REASON_REQUIRED, "a refusal states its reason")


def _check_step(current: StatusPoint, target: StatusPoint, steps: frozenset[int]) -> None:
    step = target.step
    if step not in steps:
        raise IllegalTransition(
            TransitionError.UNKNOWN_STEP, f"no step {step} on this application's channel"
        )
    if current.status == ApplicationStatus.IN_PROGRESS and current.step is not None:
        assert step is not None
        if step == current.step:
            raise IllegalTransition(TransitionError.SAME_STATUS, f"already at step {step}")
        if step < current.step:
            raise IllegalTransition(
                TransitionError.STEP_BACKWARDS,
                f"step {step} comes before the current step {current.step}",
            )
