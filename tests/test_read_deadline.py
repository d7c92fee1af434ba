"""The body-read deadline: late reads end in TimeoutError, others are left alone."""

from __future__ import annotations

import asyncio

import pytest

from citizen.web.read_deadline import ReadDeadlines


async def arrives(after: float) -> bytes:
    await asyncio.sleep(after)
    return b"body"


def test_only_the_reads_past_their_deadline_time_out() -> None:
    deadlines = ReadDeadlines(0.2)

    async def main() -> list[object]:
        reads = [deadlines.read(arrives(t)) for t in (0, 0.05, 5, 0.1, 5)]
        return await asyncio.gather(*reads, return_exceptions=True)

    got = asyncio.run(main())
    assert got[0] == got[1] == got[3] == b"body"
    assert isinstance(got[2], TimeoutError) and isinstance(got[4], TimeoutError)
    assert not deadlines.reading and not deadlines.expired


def test_a_read_started_later_gets_its_own_full_time() -> None:
    deadlines = ReadDeadlines(0.3)

    async def main() -> tuple[object, object]:
        first = asyncio.ensure_future(deadlines.read(arrives(5)))
        await asyncio.sleep(0.2)
        second = await deadlines.read(arrives(0.2))  # ends 0.1 s after the first's deadline
        return second, await asyncio.gather(first, return_exceptions=True)

    second, (first,) = asyncio.run(main())  # type: ignore[misc]
    assert second == b"body" and isinstance(first, TimeoutError)


def test_a_cancellation_from_elsewhere_stays_a_cancellation() -> None:
    deadlines = ReadDeadlines(5)

    async def main() -> None:
        task = asyncio.ensure_future(deadlines.read(arrives(5)))
        await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(main())
    assert not deadlines.reading


def test_the_same_deadlines_serve_a_new_event_loop() -> None:
    deadlines = ReadDeadlines(0.1)
    for _ in range(2):  # the first loop's timer dies with its loop
        with pytest.raises(TimeoutError):
            asyncio.run(deadlines.read(arrives(5)))
