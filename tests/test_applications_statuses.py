"""The status machine: legal paths through a regulation, and every refusal with its reason."""

from __future__ import annotations

import itertools

import pytest

from citizen.applications.statuses import (
    ApplicationStatus as S,
)
from citizen.applications.statuses import (
    IllegalTransition,
    ResultDelivery,
    StatusPoint,
    TransitionError,
    check_transition,
    is_final,
)

STEPS = frozenset({1, 2, 3, 4, 5})  # the regulation's step numbers on the path
ACCEPTED = StatusPoint(S.ACCEPTED)
AT_OFFICE = StatusPoint(S.RESULT_READY, delivery=ResultDelivery.OFFICE)
IN_CABINET = StatusPoint(S.RESULT_READY, delivery=ResultDelivery.PORTAL_CABINET)


def step(n: int) -> StatusPoint:
    return StatusPoint(S.IN_PROGRESS, step=n)


def refused_with(
    current: StatusPoint, target: StatusPoint, reason: bool = False
) -> TransitionError | None:
    try:
        check_transition(current, target, STEPS, has_reason=reason)
    except IllegalTransition as exc:
        return exc.code
    return None


def test_a_full_path_through_the_steps_to_handing_out() -> None:
    path = [ACCEPTED, step(1), step(3), step(5), AT_OFFICE, StatusPoint(S.HANDED_OUT)]
    for current, target in itertools.pairwise(path):
        assert refused_with(current, target) is None, (current, target)
    assert is_final(StatusPoint(S.HANDED_OUT))


def test_a_result_sent_to_the_cabinet_is_final() -> None:
    assert refused_with(step(3), IN_CABINET) is None
    assert is_final(IN_CABINET)
    assert refused_with(IN_CABINET, StatusPoint(S.HANDED_OUT)) == TransitionError.FINAL


@pytest.mark.parametrize(
    "final",
    [
        StatusPoint(S.HANDED_OUT),
        StatusPoint(S.REFUSED),
        StatusPoint(S.DOCUMENTS_NOT_ACCEPTED),
        IN_CABINET,
    ],
)
def test_a_final_status_is_never_changed(final: StatusPoint) -> None:
    for target in (step(1), AT_OFFICE, StatusPoint(S.REFUSED), StatusPoint(S.ACCEPTED)):
        assert refused_with(final, target, reason=True) == TransitionError.FINAL


def test_steps_only_move_forward_and_exist_on_the_channel() -> None:
    assert refused_with(step(2), step(1)) == TransitionError.STEP_BACKWARDS
    assert refused_with(step(2), step(2)) == TransitionError.SAME_STATUS
    assert refused_with(ACCEPTED, step(0)) == TransitionError.UNKNOWN_STEP
    assert refused_with(ACCEPTED, StatusPoint(S.IN_PROGRESS)) == TransitionError.STEP_REQUIRED


def test_refusal_needs_a_reason_and_may_come_at_any_open_stage() -> None:
    assert refused_with(step(1), StatusPoint(S.REFUSED)) == TransitionError.REASON_REQUIRED
    assert refused_with(step(1), StatusPoint(S.REFUSED), reason=True) is None
    assert refused_with(ACCEPTED, StatusPoint(S.DOCUMENTS_NOT_ACCEPTED)) is None


def test_orders_the_procedure_does_not_allow() -> None:
    assert refused_with(ACCEPTED, StatusPoint(S.HANDED_OUT)) == TransitionError.NOT_ALLOWED
    assert refused_with(step(1), StatusPoint(S.ACCEPTED)) == TransitionError.NOT_ALLOWED
    assert refused_with(AT_OFFICE, step(4)) == TransitionError.NOT_ALLOWED
    assert refused_with(AT_OFFICE, StatusPoint(S.REFUSED), reason=True) == (
        TransitionError.NOT_ALLOWED
    )


def test_details_that_belong_to_another_status_are_refused() -> None:
    with_step = StatusPoint(S.RESULT_READY, step=3, delivery=ResultDelivery.OFFICE)
    assert refused_with(ACCEPTED, with_step) == TransitionError.UNEXPECTED_DETAIL
    with_delivery = StatusPoint(S.IN_PROGRESS, step=2, delivery=ResultDelivery.OFFICE)
    assert refused_with(ACCEPTED, with_delivery) == TransitionError.UNEXPECTED_DETAIL
