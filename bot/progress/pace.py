"""Where an item stands, from its stored updates: percent, read-throughs, pace, ETA, target."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from bot.models import Frozen, ProgressPoint, ProgressUnit

# Pace looks at the last 30 days, counted back from today rather than from the last update:
# a month holds four or more updates even for a weekend reader, yet forgets last season's binge;
# and anchoring at today lets the pace of an item left alone fall towards zero, so the bot stops
# promising a finish date from momentum the user no longer has.
PACE_WINDOW = timedelta(days=30)

Schedule = Literal["ahead", "behind"]
# The whole of an item in one unit, as the user gave it with /total.
Whole = tuple[float, ProgressUnit]


class ItemState(Frozen):
    """Where one item stands today.

    ``value``, ``total`` and ``pace`` are in ``unit``: the unit of the latest count, even when the
    latest update was a percent (72% of 13 chapters is 9.36 chapters), or ``percent`` with a total
    of 100 when no count with a total was ever seen. A count whose total is not known (`第 19 章`,
    and no `N/M` or /total for chapters) has ``total`` and ``percent`` None: it has a pace but
    no finish date.

    ``read_through`` counts from 1 (2 is the first re-read) and ``completions`` is how many reached
    the end; ``started_on`` is the first update of the current read-through, ``updates`` counts
    them all. ``pace`` is ``unit`` per day over PACE_WINDOW (None until two days are known),
    ``eta`` the day it gets to the total (None when finished, without a total, or not moving).
    With a target: ``days_left`` (negative when overdue), ``daily_quota`` in ``unit`` per day, and
    ``schedule``, "ahead" when the ETA falls on or before the target. ``count`` is the latest
    update when it is a count that has no place in ``unit`` (`第 3 章` of a book read in
    percent, with no total of chapters), shown beside the share.
    """

    value: float | None
    total: float | None
    unit: ProgressUnit
    percent: float | None
    finished: bool
    finished_on: date | None
    read_through: int
    completions: int
    started_on: date
    last_update: date
    updates: int
    pace: float | None
    eta: date | None
    target: date | None = None
    days_left: int | None = None
    daily_quota: float | None = None
    schedule: Schedule | None = None
    count: tuple[float, ProgressUnit] | None = None


class ProgressSeries(Frozen):
    """An item's history as numbers in one unit, ready to plot."""

    unit: ProgressUnit
    total: float | None
    days: tuple[date, ...]
    values: tuple[float, ...]


class _Frame(Frozen):
    """The unit and total every update is expressed in, and each update's share of the whole."""

    unit: ProgressUnit
    total: float | None
    fractions: tuple[float | None, ...]


def item_state(
    points: Sequence[ProgressPoint],
    today: date,
    target: date | None = None,
    whole: Whole | None = None,
) -> ItemState:
    """Where an item stands on ``today``, from its updates (any order; same-day order is kept).

    ``whole`` is the total the user gave (/total): it wins over the totals written in entries.
    """
    if not points:
        raise ValueError("an item needs at least one progress update")
    ordered = sorted(points, key=lambda p: p.day)
    frame = _frame(ordered, whole)
    starts = _read_through_starts(ordered, frame.fractions)
    current, fractions = ordered[starts[-1] :], frame.fractions[starts[-1] :]
    positions = [_position(p, f, frame) for p, f in zip(current, fractions, strict=True)]
    finished_flags = [_is_finished(p, f) for p, f in zip(current, fractions, strict=True)]
    # A count in a unit with no total (`第 3 章` of a book read in percent) has no place in the
    # frame: the value is the last one that has, and the count is shown beside it.
    known = [(p, pos) for p, pos in zip(current, positions, strict=True) if pos is not None]
    value, finished = (known[-1][1] if known else None), finished_flags[-1]
    pace = _pace([p for p, _ in known], [pos for _, pos in known], today) if known else None
    last = current[-1]
    beside = (
        (last.value, last.unit)
        if positions[-1] is None and last.value is not None and last.unit != frame.unit
        else None
    )
    state = ItemState(
        value=value,
        total=frame.total,
        unit=frame.unit,
        percent=_percent(value, frame.total, finished),
        finished=finished,
        finished_on=_finished_on(current, finished_flags),
        read_through=len(starts),
        completions=_completions(ordered, frame.fractions, starts),
        started_on=current[0].day,
        last_update=ordered[-1].day,
        updates=len(ordered),
        pace=pace,
        eta=None if finished else _eta(value, frame.total, pace, today),
        count=beside,
    )
    return state if target is None else _with_target(state, target, today)


def progress_series(points: Sequence[ProgressPoint], whole: Whole | None = None) -> ProgressSeries:
    """Every update that has a number, in the item's current unit, oldest first."""
    ordered = sorted(points, key=lambda p: p.day)
    frame = _frame(ordered, whole)
    pairs = [
        (p.day, pos)
        for p, f in zip(ordered, frame.fractions, strict=True)
        if (pos := _position(p, f, frame)) is not None
    ]
    return ProgressSeries(
        unit=frame.unit,
        total=frame.total,
        days=tuple(day for day, _ in pairs),
        values=tuple(pos for _, pos in pairs),
    )


def progress_bar(percent: float | None, width: int = 10) -> str:
    """A text bar such as ``▓▓▓▓▓▓▓░░░``; full only at 100%, never empty once started."""
    if percent is None or percent <= 0:
        filled = 0
    elif percent >= 100:
        filled = width
    else:
        filled = min(max(round(percent / 100 * width), 1), width - 1)
    return "▓" * filled + "░" * (width - filled)


def format_quantity(value: float | None, total: float | None, unit: ProgressUnit) -> str:
    """Language-neutral numbers (``72%``, ``2/13``, ``0.5/36``, ``120``); i18n adds unit words."""
    if value is None:
        return "" if total is None else f"?/{format_number(total)}"
    if unit == "percent":
        return f"{format_number(value)}%"
    if total is None:
        return format_number(value)
    return f"{format_number(value)}/{format_number(total)}"


def format_number(number: float) -> str:
    """``13`` rather than ``13.0``, one decimal otherwise (``9.4``, ``14.3``)."""
    rounded = round(float(number), 1)  # ints have no is_integer() before Python 3.12
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}"


def _frame(ordered: Sequence[ProgressPoint], whole: Whole | None = None) -> _Frame:
    """Pick the display unit and total, and each update's fraction of the whole."""
    totals: dict[ProgressUnit, float] = {}
    fractions: list[float | None] = []
    # The latest count unit whose total is known: a later percent is expressed in it.
    count_frame: tuple[ProgressUnit, float] | None = None
    if whole is not None:
        totals[whole[1]] = whole[0]
        count_frame = (whole[1], whole[0])
    display: tuple[ProgressUnit, float | None] | None = None
    for point in ordered:
        # The user's /total wins over a total written in an entry.
        fixed = whole is not None and point.unit == whole[1]
        if point.unit != "percent" and point.total is not None and not fixed:
            totals[point.unit] = point.total
        fractions.append(_fraction(point, totals))
        if point.value is None:
            continue
        if point.unit == "percent":
            display = count_frame or ("percent", 100.0)
        else:
            known = totals.get(point.unit)
            if known is None and display is not None and display[1] is not None:
                # A count with no total says less than the share known so far: the item stays
                # in that frame, and the count is shown beside it.
                continue
            display = (point.unit, known)
            if known is not None:
                count_frame = (point.unit, known)
    # Counts logged before their total was first written still get a share, from the later total.
    fractions = [
        f if f is not None else _fraction(p, totals)
        for p, f in zip(ordered, fractions, strict=True)
    ]
    unit, total = display or count_frame or (ordered[-1].unit, None)
    if total is None and unit in totals:
        total = totals[unit]  # a total said after the counts (`共 20 章`): they are a share now
    return _Frame(unit=unit, total=total, fractions=tuple(fractions))


def _fraction(point: ProgressPoint, totals: dict[ProgressUnit, float]) -> float | None:
    """The share of the whole this update marks, when it can be known."""
    if point.value is None:
        return 1.0 if point.completed else None
    if point.unit == "percent":
        return point.value / (point.total or 100.0)
    total = point.total or totals.get(point.unit)
    return point.value / total if total else None


def _position(point: ProgressPoint, fraction: float | None, frame: _Frame) -> float | None:
    """The update as a number in the frame's unit."""
    if point.value is not None and point.unit == frame.unit and point.unit != "percent":
        return point.value
    if fraction is not None and frame.total is not None:
        return fraction * frame.total
    return None


def _is_finished(point: ProgressPoint, fraction: float | None) -> bool:
    return point.completed or (fraction is not None and fraction >= 1.0)


def _read_through_starts(
    ordered: Sequence[ProgressPoint], fractions: Sequence[float | None]
) -> list[int]:
    """Indexes where read-throughs begin: an update that falls back after a finished one.

    Only a finish makes a fall-back a new read-through; a step back mid-way (a corrected typo, a
    chapter read again) is recorded as it is.
    """
    starts = [0]
    for i in range(1, len(ordered)):
        before, now = ordered[i - 1], ordered[i]
        if not _is_finished(before, fractions[i - 1]) or _is_finished(now, fractions[i]):
            continue
        if fractions[i] is not None or (
            now.value is not None and before.value is not None and now.value < before.value
        ):
            starts.append(i)
    return starts


def _completions(
    ordered: Sequence[ProgressPoint], fractions: Sequence[float | None], starts: Sequence[int]
) -> int:
    """How many read-throughs reached the end."""
    bounds = [*starts, len(ordered)]
    return sum(
        any(_is_finished(ordered[i], fractions[i]) for i in range(lo, hi))
        for lo, hi in itertools.pairwise(bounds)
    )


def _finished_on(current: Sequence[ProgressPoint], finished: Sequence[bool]) -> date | None:
    """The day the current read-through reached its end (the first of the closing finished run)."""
    if not finished[-1]:
        return None
    i = len(finished) - 1
    while i > 0 and finished[i - 1]:
        i -= 1
    return current[i].day


def _pace(
    current: Sequence[ProgressPoint], positions: Sequence[float | None], today: date
) -> float | None:
    """Units per day over the pace window of the current read-through (see PACE_WINDOW)."""
    now = max(today, current[-1].day)
    window_start = max(now - PACE_WINDOW, current[0].day)
    days = (now - window_start).days
    if days <= 0:
        return None
    baseline = _value_on(window_start, current, positions)
    latest = positions[-1]
    if baseline is None or latest is None:
        return None
    return (latest - baseline) / days


def _value_on(
    day: date, current: Sequence[ProgressPoint], positions: Sequence[float | None]
) -> float | None:
    """The value on ``day``, read off a straight line between the updates either side of it.

    Reading is assumed steady between two updates: 0 pages on day 0 and 100 on day 40 means about
    75 on day 30, not 0, which would credit the whole 100 to the last 30 days.
    """
    # The read-through's first update is on or before ``day``, so ``before`` is never empty.
    before = [i for i, p in enumerate(current) if p.day <= day][-1]
    after = before + 1
    if after == len(current):
        return positions[before]
    lo, hi = positions[before], positions[after]
    if lo is None or hi is None:
        return None
    span = (current[after].day - current[before].day).days
    return lo + (hi - lo) * (day - current[before].day).days / span


def _eta(value: float | None, total: float | None, pace: float | None, today: date) -> date | None:
    """The day the item is done at the current pace, when it is moving forward at all."""
    if value is None or total is None or pace is None or pace <= 0:
        return None
    remaining = max(total - value, 0.0)
    return today + timedelta(days=math.ceil(remaining / pace))


def _percent(value: float | None, total: float | None, finished: bool) -> float | None:
    if value is not None and total:
        return value / total * 100
    # "读完了《…》" with no numbers ever: done is 100% even with no total to divide by.
    return 100.0 if finished else None


def _with_target(state: ItemState, target: date, today: date) -> ItemState:
    """Add the daily quota to finish by ``target`` and whether the current pace gets there."""
    # Days after today up to the target: progress is usually logged once today's reading is done.
    days_left = (target - today).days
    if state.finished:
        return state.model_copy(
            update={
                "target": target,
                "days_left": days_left,
                "daily_quota": 0.0,
                "schedule": "ahead",
            }
        )
    if state.value is None or state.total is None:
        return state.model_copy(update={"target": target, "days_left": days_left})
    remaining = max(state.total - state.value, 0.0)
    # Due today or overdue: the whole rest is today's quota.
    quota = remaining / max(days_left, 1)
    schedule: Schedule = "ahead" if state.eta is not None and state.eta <= target else "behind"
    return state.model_copy(
        update={
            "target": target,
            "days_left": days_left,
            "daily_quota": quota,
            "schedule": schedule,
        }
    )
