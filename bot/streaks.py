"""The streak rule: runs of active days; skipped and paused days neither count nor break one."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date, timedelta

from bot.models import Frozen
from bot.store import Store


class StreakInfo(Frozen):
    """The run that is still going, the longest run so far, and whether today is in yet."""

    current: int
    longest: int
    active_today: bool


def streak(active_days: set[date], neutral_days: set[date], today: date) -> StreakInfo:
    """Count runs of active days up to `today`.

    Active: at least one entry or a finished check-in. Neutral: skipped or paused; a day that
    is both counts as active. A today that is not active yet leaves the run alone: it still
    counts from yesterday. Days after `today` are ignored.
    """
    # Day numbers (ordinals) rather than dates: a ten-year log is thousands of comparisons.
    end = today.toordinal()
    active = sorted(day.toordinal() for day in active_days if day <= today)
    neutral = sorted(
        day.toordinal() for day in neutral_days if day <= today and day not in active_days
    )
    runs = _runs(active, neutral)
    return StreakInfo(
        current=_current(active, neutral, runs, end),
        longest=max(runs, default=0),
        active_today=today in active_days,
    )


def _runs(active: list[int], neutral: list[int]) -> list[int]:
    """The length of each run, oldest first; `active` and `neutral` are sorted and disjoint."""
    runs: list[int] = []
    previous = None
    for day in active:
        if previous is not None and (
            day - previous == 1 or _only_neutral_between(previous, day, neutral)
        ):
            runs[-1] += 1
        else:
            runs.append(1)
        previous = day
    return runs


def _current(active: list[int], neutral: list[int], runs: list[int], today: int) -> int:
    """The last run, if nothing but neutral days lies between its end and today."""
    if not active:
        return 0
    # Today itself may be inactive without breaking anything, so the gap is checked to today.
    last = active[-1]
    if last == today or _only_neutral_between(last, today, neutral):
        return runs[-1]
    return 0


def _only_neutral_between(earlier: int, later: int, neutral: list[int]) -> bool:
    """Whether every day strictly between the two is neutral (always true when adjacent)."""
    first, last = earlier + 1, later - 1
    if first > last:
        return True
    return bisect_right(neutral, last) - bisect_left(neutral, first) == last - first + 1


async def user_streak(
    store: Store, user_id: int, today: date, *, weekdays: frozenset[int]
) -> StreakInfo:
    """The one definition of a streak, for check-ins, /stats and digests alike.

    Days with an entry or a finished check-in count; skipped and paused days, and weekdays
    without a scheduled check-in, neither count nor break it.
    """
    active, neutral = await store.checkins.streak_days(user_id, today)
    if active:
        neutral |= set(_unscheduled_days(min(active), today, weekdays))
    return streak(active, neutral, today)


def _unscheduled_days(first: date, last: date, weekdays: frozenset[int]) -> Iterable[date]:
    if len(weekdays) == 7:
        return  # every day is a check-in day (the default)
    day = first
    while day <= last:
        if day.weekday() not in weekdays:
            yield day
        day += timedelta(days=1)
