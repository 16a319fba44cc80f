"""Streaks: active days count, skipped and paused days are neutral, today may still come."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.streaks import StreakInfo, streak

TODAY = date(2024, 6, 10)


def days(*offsets: int) -> set[date]:
    """Days relative to TODAY: 0 is today, -1 yesterday."""
    return {TODAY + timedelta(days=offset) for offset in offsets}


@pytest.mark.parametrize(
    ("active", "neutral", "expected"),
    [
        pytest.param(set(), set(), StreakInfo(current=0, longest=0, active_today=False), id="none"),
        pytest.param(
            days(0), set(), StreakInfo(current=1, longest=1, active_today=True), id="today only"
        ),
        pytest.param(
            days(-2, -1, 0),
            set(),
            StreakInfo(current=3, longest=3, active_today=True),
            id="three days",
        ),
        pytest.param(
            days(-2, -1),
            set(),
            StreakInfo(current=2, longest=2, active_today=False),
            id="today not yet active",
        ),
        pytest.param(
            days(-3, -2),
            set(),
            StreakInfo(current=0, longest=2, active_today=False),
            id="yesterday missing breaks it",
        ),
        pytest.param(
            days(-4, -3, -1, 0),
            days(-2),
            StreakInfo(current=4, longest=4, active_today=True),
            id="skipped day bridges",
        ),
        pytest.param(
            days(-9, -1),
            days(-8, -7, -6, -5, -4, -3, -2),
            StreakInfo(current=2, longest=2, active_today=False),
            id="a paused week bridges",
        ),
        pytest.param(
            days(-3, -2),
            days(-1, 0),
            StreakInfo(current=2, longest=2, active_today=False),
            id="paused since yesterday",
        ),
        pytest.param(
            days(-1, 0),
            days(-1),
            StreakInfo(current=2, longest=2, active_today=True),
            id="active wins over neutral",
        ),
        pytest.param(
            days(-20, -19, -18, -17, -2, -1),
            set(),
            StreakInfo(current=2, longest=4, active_today=False),
            id="longest in the past",
        ),
        pytest.param(
            days(-5, -3),
            days(-10, -9),
            StreakInfo(current=0, longest=1, active_today=False),
            id="gap not neutral",
        ),
        pytest.param(
            days(-1, 1, 2),
            days(3),
            StreakInfo(current=1, longest=1, active_today=False),
            id="future days ignored",
        ),
        pytest.param(
            set(),
            days(-2, -1, 0),
            StreakInfo(current=0, longest=0, active_today=False),
            id="only neutral days",
        ),
    ],
)
def test_streak(active: set[date], neutral: set[date], expected: StreakInfo) -> None:
    assert streak(active, neutral, TODAY) == expected


def test_a_long_history_is_counted_exactly() -> None:
    # Three years of every day but each 100th, which was skipped: one unbroken run.
    history = {TODAY - timedelta(days=offset) for offset in range(1, 3 * 365)}
    skipped = {day for day in history if day.toordinal() % 100 == 0}

    info = streak(history - skipped, skipped, TODAY)

    assert info.current == info.longest == len(history - skipped)
