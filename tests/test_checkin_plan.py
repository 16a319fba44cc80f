"""Tomorrow's plan: reading time blocks, overlaps, and the buffer left in the working day."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from pydantic import ValidationError

from bot.checkin.errors import CheckinInputError
from bot.checkin.plan import (
    PlanBlock,
    PlanParseError,
    find_overlaps,
    needs_buffer_warning,
    parse_plan,
    plan_buffer,
)


def block(start: str, end: str, text: str = "x") -> PlanBlock:
    return PlanBlock(start=time.fromisoformat(start), end=time.fromisoformat(end), text=text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("09:00-11:00 写文档", block("09:00", "11:00", "写文档")),
        ("9:00 - 11:30 review", block("09:00", "11:30", "review")),
        ("14:00～15:00 会议", block("14:00", "15:00", "会议")),
        ("9-11 写代码", block("09:00", "11:00", "写代码")),
        ("- 09:00-11:00 写文档", block("09:00", "11:00", "写文档")),
        ("* 13:30–14:00 lunch walk", block("13:30", "14:00", "lunch walk")),
        ("• 16:00~17:00 复盘", block("16:00", "17:00", "复盘")),
        ("1. 10:00-10:30 standup", block("10:00", "10:30", "standup")),
        ("2、16:00到17:30：复盘", block("16:00", "17:30", "复盘")),
        ("9.30-10 standup", block("09:30", "10:00", "standup")),
        ("14：00-15：00 会议", block("14:00", "15:00", "会议")),
        ("14:00至15:00 会议", block("14:00", "15:00", "会议")),
        ("  09:00-09:15   check mail  ", block("09:00", "09:15", "check mail")),
    ],
)
def test_parse_plan_reads_one_block(line: str, expected: PlanBlock) -> None:
    assert parse_plan(line) == [expected]


def test_parse_plan_skips_blank_lines_and_sorts_by_start() -> None:
    text = "\n14:00-15:00 会议\n\n  \n09:00-11:00 写文档\n"

    assert parse_plan(text) == [block("09:00", "11:00", "写文档"), block("14:00", "15:00", "会议")]


@pytest.mark.parametrize(
    "bad",
    [
        "hello",
        "写文档",
        "11:00-12:00",  # no text
        "22:00-01:00 熬夜",  # crosses midnight
        "11:00-10:00 backwards",
        "10:00-10:00 nothing",
        "25:00-26:00 late",
        "09:61-10:00 odd",
    ],
)
def test_parse_plan_lists_every_line_it_cannot_read(bad: str) -> None:
    text = f"09:00-11:00 写文档\n{bad}\n- also not a block\n14:00-15:00 会议"

    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)

    error = caught.value
    assert error.lines == (bad, "- also not a block")
    assert error.key == "plan.error.unreadable"
    assert error.params == {"lines": f"{bad}\n- also not a block"}


@pytest.mark.parametrize("text", ["", "  \n\n", "- "])
def test_parse_plan_rejects_an_empty_plan(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_plan(text)

    assert caught.value.key == "plan.error.empty"


def test_block_must_end_after_it_starts() -> None:
    with pytest.raises(ValidationError):
        block("11:00", "10:00")


def test_block_duration() -> None:
    assert block("09:15", "11:00").duration == timedelta(hours=1, minutes=45)


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ([], []),
        ([block("09:00", "11:00"), block("11:00", "12:00")], []),  # touching is fine
        (
            [block("09:00", "11:00", "a"), block("10:30", "12:00", "b")],
            [("a", "b")],
        ),
        (
            [block("10:00", "11:00", "b"), block("09:00", "12:00", "a")],
            [("a", "b")],
        ),
        (
            [
                block("09:00", "12:00", "a"),
                block("10:00", "10:30", "b"),
                block("11:00", "13:00", "c"),
            ],
            [("a", "b"), ("a", "c")],
        ),
    ],
)
def test_find_overlaps(blocks: list[PlanBlock], expected: list[tuple[str, str]]) -> None:
    assert [(a.text, b.text) for a, b in find_overlaps(blocks)] == expected


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        ([], timedelta(hours=9)),
        ([block("09:00", "11:00"), block("14:00", "15:00")], timedelta(hours=6)),
        # Only the part inside 09:00-18:00 counts.
        ([block("07:00", "10:00"), block("17:00", "20:00")], timedelta(hours=7)),
        ([block("19:00", "21:00")], timedelta(hours=9)),
        # Overlapping blocks count their shared time once.
        ([block("09:00", "11:00"), block("10:00", "12:00")], timedelta(hours=6)),
        ([block("09:00", "17:00"), block("10:00", "11:00")], timedelta(hours=1)),
        ([block("09:00", "18:00")], timedelta(0)),
        ([block("08:00", "12:00"), block("12:00", "19:00")], timedelta(0)),
    ],
)
def test_plan_buffer_in_the_default_working_day(
    blocks: list[PlanBlock], expected: timedelta
) -> None:
    assert plan_buffer(blocks) == expected


def test_plan_buffer_in_a_configured_working_day() -> None:
    blocks = [block("10:00", "12:30"), block("13:00", "15:00")]

    assert plan_buffer(blocks, time(10), time(16)) == timedelta(hours=1, minutes=30)


def test_plan_buffer_needs_a_working_day() -> None:
    with pytest.raises(ValueError, match="working day"):
        plan_buffer([], time(18), time(9))


@pytest.mark.parametrize(
    ("buffer", "warn"),
    [
        (timedelta(0), True),
        (timedelta(minutes=59), True),
        (timedelta(hours=1), False),
        (timedelta(hours=3), False),
    ],
)
def test_needs_buffer_warning_below_one_hour(buffer: timedelta, warn: bool) -> None:
    assert needs_buffer_warning(buffer) is warn


def test_a_full_day_read_from_text_gets_a_warning() -> None:
    text = "09:00-12:00 写文档\n- 12:30-14:00 review\n14:00-18:00 写代码"

    buffer = plan_buffer(parse_plan(text))

    assert buffer == timedelta(minutes=30)
    assert needs_buffer_warning(buffer)
