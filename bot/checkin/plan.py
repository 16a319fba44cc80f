"""Tomorrow's plan: time blocks such as `09:00-11:00 写文档`, and the buffer they leave."""

from __future__ import annotations

import re
from datetime import time, timedelta

from pydantic import model_validator

from bot.checkin.errors import CheckinInputError
from bot.models import Frozen

WORKDAY_START = time(9)
WORKDAY_END = time(18)
# The habit asks for an hour kept free for ad-hoc requests.
MIN_BUFFER = timedelta(hours=1)

# `- `, `• `, `1. `, `1、`; a number needs a space after its dot, or `9.30-11` would lose its 9.
_BULLET = re.compile(r"^(?:[-*•·]\s*|\d{1,2}[.)]\s+|\d{1,2}、\s*)")
_CLOCK = r"(\d{1,2})(?:[:：.](\d{2}))?"
# `9-12`, `09:00～12:30`, `9.30 到 12`: two clock times and the four groups they fill.
CLOCK_RANGE = rf"{_CLOCK}\s*[-–—~～〜－至到]\s*{_CLOCK}"
_BLOCK = re.compile(rf"{CLOCK_RANGE}(?:\s*[:：,，、-]?\s*)(.*)")


class PlanBlock(Frozen):
    """One planned stretch of tomorrow: from `start` to `end`, doing `text`."""

    start: time
    end: time
    text: str

    @model_validator(mode="after")
    def _ends_after_start(self) -> PlanBlock:
        if self.end <= self.start:
            raise ValueError("a block must end after it starts")
        return self

    @property
    def duration(self) -> timedelta:
        """How long the block lasts."""
        return _since_midnight(self.end) - _since_midnight(self.start)


class PlanParseError(CheckinInputError):
    """Some lines of a plan are not time blocks; `lines` holds them as the user wrote them."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        super().__init__("plan.error.unreadable", lines="\n".join(lines))
        self.lines = lines


def parse_plan(text: str) -> list[PlanBlock]:
    """Read one block per line (`09:00-11:00 写文档`, `9-11 写代码`, `- 14:00～15:00 会议`),
    sorted by start time. Blank lines are skipped; any other line that is not a block, ends
    before it starts or crosses midnight makes `PlanParseError` list it.
    """
    blocks: list[PlanBlock] = []
    unreadable: list[str] = []
    for raw in text.splitlines():
        line = _BULLET.sub("", raw.strip())
        if not line:
            continue
        block = _read_block(line)
        if block is None:
            unreadable.append(raw.strip())
        else:
            blocks.append(block)
    if unreadable:
        raise PlanParseError(tuple(unreadable))
    if not blocks:
        raise CheckinInputError("plan.error.empty")
    return sorted(blocks, key=lambda block: (block.start, block.end))


def _read_block(line: str) -> PlanBlock | None:
    match = _BLOCK.fullmatch(line)
    if match is None:
        return None
    start = clock(match[1], match[2])
    end = clock(match[3], match[4])
    text = match[5].strip()
    if start is None or end is None or end <= start or not text:
        return None
    return PlanBlock(start=start, end=end, text=text)


def clock(hour: str, minute: str | None) -> time | None:
    """The time `hour`:`minute` (minute may be missing), or None if no such time exists."""
    hours, minutes = int(hour), int(minute or 0)
    if 0 <= hours <= 23 and 0 <= minutes <= 59:
        return time(hours, minutes)
    return None


def find_overlaps(blocks: list[PlanBlock]) -> list[tuple[PlanBlock, PlanBlock]]:
    """Pairs of blocks that share some time; one ending as the next starts is no overlap."""
    ordered = sorted(blocks, key=lambda block: (block.start, block.end))
    return [
        (first, second)
        for index, first in enumerate(ordered)
        for second in ordered[index + 1 :]
        if second.start < first.end
    ]


def plan_buffer(
    blocks: list[PlanBlock], workday_start: time = WORKDAY_START, workday_end: time = WORKDAY_END
) -> timedelta:
    """Unplanned time in the working day: only the part of blocks inside it counts, and time
    covered by two overlapping blocks counts once.
    """
    if workday_end <= workday_start:
        raise ValueError("the working day must end after it starts")
    day_start, day_end = _since_midnight(workday_start), _since_midnight(workday_end)
    planned = timedelta()
    covered_until = day_start
    for block in sorted(blocks, key=lambda block: block.start):
        start = max(_since_midnight(block.start), covered_until)
        end = min(_since_midnight(block.end), day_end)
        if end > start:
            planned += end - start
            covered_until = end
    return (day_end - day_start) - planned


def needs_buffer_warning(buffer: timedelta, minimum: timedelta = MIN_BUFFER) -> bool:
    """Whether the plan leaves less free time than the habit asks for."""
    return buffer < minimum


def _since_midnight(clock: time) -> timedelta:
    return timedelta(hours=clock.hour, minutes=clock.minute, seconds=clock.second)
