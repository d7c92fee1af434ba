"""Regional differences of one service: its regulations side by side, what differs marked.

Each row compares one thing across the regions that have the service: the channels and what
each does, the number of steps, the steps with their durations, how long it takes on each
channel (the snapshot's `how_long`, as every door answers), and the approving act's status.
A cell differs when its value is not the one most regions share; when no value is shared by
most, every cell of a varying row is marked. The values compared are the snapshot's own
(durations, channel roles, act status), not rendered text, so the language shown changes
nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from citizen.catalogue.model import HowLong, Regulation, Service
from citizen.catalogue.vocabulary import Channel


class RowKind(StrEnum):
    CHANNELS = "channels"
    STEP_COUNT = "step_count"
    STEPS = "steps"
    TERM = "term"  # how long on one channel
    ACT = "act"


@dataclass(frozen=True)
class Cell:
    value: Any  # what the template shows: channel roles, a count, steps, a HowLong, an act
    differs: bool


@dataclass(frozen=True)
class Row:
    kind: RowKind
    channel: Channel | None  # for a TERM row
    cells: tuple[Cell, ...]  # one per region, in the service's region order

    @property
    def varies(self) -> bool:
        return any(c.differs for c in self.cells)


def differing(keys: Sequence[Hashable]) -> list[bool]:
    """Which values differ from the one most share (all of them when none is shared by most)."""
    counts = Counter(keys)
    if len(counts) <= 1:
        return [False] * len(keys)
    (common, top), *rest = counts.most_common()
    if top == 1 or (rest and rest[0][1] == top):
        return [True] * len(keys)
    return [k != common for k in keys]


def _row(kind: RowKind, values: list[Any], keys: list[Hashable], channel: Channel | None = None
         ) -> Row:
    marks = differing(keys)
    return Row(kind, channel, tuple(Cell(v, d) for v, d in zip(values, marks, strict=True)))


def _term_key(answer: HowLong | None) -> Hashable:
    if answer is None:
        return None
    return (answer.basis, answer.totals, answer.steps_without_duration)


def compare_regions(service: Service) -> list[Row]:
    regs: Sequence[Regulation] = service.regulations
    rows = [
        _row(RowKind.CHANNELS, [r.channels for r in regs], [r.channels for r in regs]),
        _row(RowKind.STEP_COUNT, [len(r.steps) for r in regs], [len(r.steps) for r in regs]),
        _row(
            RowKind.STEPS,
            [r.steps for r in regs],
            [tuple((s.duration, s.channels) for s in r.steps) for r in regs],
        ),
    ]
    used = {c for r in regs for c in r.accepting_channels}
    for channel in (c for c in Channel if c in used):
        answers = [r.how_long(channel) if r.accepts(channel) else None for r in regs]
        rows.append(_row(RowKind.TERM, answers, [_term_key(a) for a in answers], channel))
    rows.append(_row(RowKind.ACT, [r.act for r in regs], [r.act.status for r in regs]))
    return rows
