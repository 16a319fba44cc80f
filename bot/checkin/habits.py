"""The check-in values each user may set for themselves or leave to the bot-wide defaults.

They are the working day of the plan step (/workday, default WORKDAY), the minutes before an
unanswered check-in is nudged (/reminder, default CHECKIN_REMINDER_MINUTES) and the day of the
weekly review (/review_day, default WEEKLY_REVIEW_DAY). A check-in keeps the values it started
with; a change applies from the next one.
"""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated

from pydantic import AfterValidator, Field

from bot.checkin.errors import CheckinInputError
from bot.checkin.plan import CLOCK_RANGE, clock
from bot.checkin.schedule import parse_weekdays
from bot.models import Frozen

MIN_REMINDER_MINUTES = 1
MAX_REMINDER_MINUTES = 720  # twelve hours: longer would outlast most evenings' day end


def _in_order(value: tuple[time, time]) -> tuple[time, time]:
    if value[1] <= value[0]:
        raise ValueError("the working day must end after it starts, such as 09:00-18:00")
    return value


# From start to end, the same day: `plan_buffer` counts unplanned time between them.
Workday = Annotated[tuple[time, time], AfterValidator(_in_order)]
ReminderMinutes = Annotated[int, Field(ge=MIN_REMINDER_MINUTES, le=MAX_REMINDER_MINUTES)]
Weekday = Annotated[int, Field(ge=0, le=6)]  # 0 is Monday, as in date.weekday()


class CheckinHabits(Frozen):
    """The values one check-in runs with: a user's own, or the bot-wide default for each."""

    workday: Workday
    reminder_minutes: ReminderMinutes
    review_day: Weekday


# What /workday, /reminder and /review_day take for "back to the default" (as /states reset).
RESET_WORDS = frozenset({"reset", "default", "重置", "默认"})

# `09:00-18:00`, `9-18`, `9:30-18`, `9：30～18：00`, `9.30 到 18`.
_WORKDAY = re.compile(CLOCK_RANGE)
# `45`, `45m`, `45 min`, `45 minutes`, `45分钟`, `45 分`.
_MINUTES = re.compile(r"(\d+)\s*(?:m|mins?|minutes?|分钟|分)?")


def is_reset(text: str) -> bool:
    """Whether the argument asks for the bot-wide default back."""
    return text.strip().casefold() in RESET_WORDS


def parse_workday(text: str) -> tuple[time, time]:
    """Read `/workday`'s argument: `10:00-19:00`, `10-19`, `9:30-18`.

    Raises `CheckinInputError` for anything else, and for a day that ends before it starts
    (a working day past midnight has no place in a plan of one day).
    """
    stripped = text.strip()
    match = _WORKDAY.fullmatch(stripped)
    start = clock(match[1], match[2]) if match else None
    end = clock(match[3], match[4]) if match else None
    if start is None or end is None:
        raise CheckinInputError("workday.error.bad", text=stripped)
    if end <= start:
        raise CheckinInputError(
            "workday.error.order", start=start.strftime("%H:%M"), end=end.strftime("%H:%M")
        )
    return start, end


def parse_reminder_minutes(text: str) -> int:
    """Read `/reminder`'s argument: minutes from 1 to 720 (`45`, `45 min`, `45分钟`)."""
    stripped = text.strip()
    match = _MINUTES.fullmatch(stripped.casefold())
    if match is None:
        raise CheckinInputError("reminder.error.bad", text=stripped)
    minutes = int(match[1])
    if not MIN_REMINDER_MINUTES <= minutes <= MAX_REMINDER_MINUTES:
        raise CheckinInputError(
            "reminder.error.range",
            minutes=str(minutes),
            least=str(MIN_REMINDER_MINUTES),
            most=str(MAX_REMINDER_MINUTES),
        )
    return minutes


def parse_review_day(text: str) -> int:
    """Read one day of the week as `/checkin_at` reads days: `sun`, `sunday`, `周日`, `星期天`."""
    stripped = text.strip()
    try:
        days = parse_weekdays(stripped)
    except CheckinInputError as error:
        raise CheckinInputError("review_day.error.bad", text=stripped) from error
    if len(days) != 1:
        raise CheckinInputError("review_day.error.one", text=stripped)
    return next(iter(days))


def format_workday(workday: tuple[time, time]) -> str:
    """`09:00–18:00`, as the plan step shows it."""
    return f"{workday[0].strftime('%H:%M')}–{workday[1].strftime('%H:%M')}"
