"""Tests for reading jrnl's plain-text journal format."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.transfer.jrnl import format_jrnl_time, parse_jrnl

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2023-01-02 09:15", datetime(2023, 1, 2, 9, 15, tzinfo=SHANGHAI)),
        ("2023-01-02 21:15", datetime(2023, 1, 2, 21, 15, tzinfo=SHANGHAI)),
        ("2023-01-02 09:15 AM", datetime(2023, 1, 2, 9, 15, tzinfo=SHANGHAI)),
        ("2023-01-02 09:15 PM", datetime(2023, 1, 2, 21, 15, tzinfo=SHANGHAI)),
        ("2023-01-02 09:15:07 PM", datetime(2023, 1, 2, 21, 15, 7, tzinfo=SHANGHAI)),
        ("2023-01-02 12:05 AM", datetime(2023, 1, 2, 0, 5, tzinfo=SHANGHAI)),
        ("2023-01-02 12:05 PM", datetime(2023, 1, 2, 12, 5, tzinfo=SHANGHAI)),
        ("2023-01-02 9:15 am", datetime(2023, 1, 2, 9, 15, tzinfo=SHANGHAI)),
        ("2023-01-02 09:15:30", datetime(2023, 1, 2, 9, 15, 30, tzinfo=SHANGHAI)),
    ],
)
def test_date_line_formats(stamp: str, expected: datetime) -> None:
    (entry,) = parse_jrnl(f"[{stamp}] Title.\n", SHANGHAI).entries
    assert entry.created_at == expected
    assert entry.day == expected.date()
    assert entry.text == "Title."


@pytest.mark.parametrize(
    "line",
    [
        "[2023-02-30 10:00] no such day",
        "[2023-01-02 25:00] no such hour",
        "[2023-01-02 13:00 PM] no such half-day hour",
        "[2023-01-02 10:00]glued to the bracket",
        "[see note] not a date",
    ],
)
def test_lines_that_are_not_dates_are_body_text(line: str) -> None:
    (entry,) = parse_jrnl(f"[2023-01-01 08:00] First.\n{line}\n", SHANGHAI).entries
    assert entry.text == f"First.\n{line}"


def test_entries_bodies_stars_and_line_numbers() -> None:
    journal = (
        "a stray line before any entry\n"  # 1
        "\n"
        "[2023-01-02 09:15:00 AM] Called in sick. Cleaned the house.\n"  # 3
        "Wrote 4 hours.\n"
        "\n"
        "  Indented second paragraph.  \n"
        "\n"
        "[2023-01-03 06:00:00 PM] A good day *\n"  # 8
        "\n"
        "[2023-01-04 07:30] \n"  # 10
        "Body only, under an empty title.\n"
    )
    parsed = parse_jrnl(journal, SHANGHAI)
    assert parsed.skipped_lines == [1]
    assert [(entry.line, entry.starred) for entry in parsed.entries] == [
        (3, False),
        (8, True),
        (10, False),
    ]
    assert [entry.text for entry in parsed.entries] == [
        "Called in sick. Cleaned the house.\nWrote 4 hours.\n\n  Indented second paragraph.  ",
        "A good day",
        "Body only, under an empty title.",
    ]
    assert parsed.date_range == (date(2023, 1, 2), date(2023, 1, 4))


def test_a_title_that_only_ends_in_a_star_keeps_it() -> None:
    (entry,) = parse_jrnl("[2023-01-02 09:15] rated it 5*\n", SHANGHAI).entries
    assert (entry.text, entry.starred) == ("rated it 5*", False)


def test_times_are_wall_clock_times_in_the_users_timezone() -> None:
    (entry,) = parse_jrnl("[2023-01-02 00:30] Just after midnight.\n", SHANGHAI).entries
    assert entry.day == date(2023, 1, 2)
    assert entry.created_at.astimezone(UTC) == datetime(2023, 1, 1, 16, 30, tzinfo=UTC)


def test_crlf_bom_and_an_empty_journal() -> None:
    parsed = parse_jrnl("\ufeff[2023-01-02 09:15] Hi.\r\nthere\r\n", SHANGHAI)
    assert [entry.text for entry in parsed.entries] == ["Hi.\nthere"]
    empty = parse_jrnl("", SHANGHAI)
    assert empty.entries == []
    assert empty.date_range is None


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2023, 1, 2, 0, 5, tzinfo=UTC), "2023-01-02 12:05:00 AM"),
        (datetime(2023, 1, 2, 9, 15, 7, tzinfo=UTC), "2023-01-02 09:15:07 AM"),
        (datetime(2023, 1, 2, 12, 0, tzinfo=UTC), "2023-01-02 12:00:00 PM"),
        (
            datetime(2023, 1, 2, 23, 59, tzinfo=timezone(timedelta(hours=8))),
            "2023-01-02 11:59:00 PM",
        ),
    ],
)
def test_format_jrnl_time_is_jrnl_4_default(at: datetime, expected: str) -> None:
    assert format_jrnl_time(at) == expected
    (entry,) = parse_jrnl(f"[{expected}] x\n", at.tzinfo or UTC).entries
    assert entry.created_at == at
