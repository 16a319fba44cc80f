"""When a user's check-in is due: parsing `/checkin_at`, and the next local time."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pydantic import field_validator

from bot.checkin.errors import CheckinInputError
from bot.checkin.timezones import is_timezone_name
from bot.dates import logical_day
from bot.models import Frozen
from bot.when import parse_until

EVERY_DAY: frozenset[int] = frozenset(range(7))
WEEKDAYS: frozenset[int] = frozenset(range(5))
WEEKEND: frozenset[int] = frozenset({5, 6})
DEFAULT_CHECKIN_AT = time(21, 30)
STARTUP_GRACE = timedelta(hours=2)

# The user's day is decided in one place; this name is the check-in's view of it.
local_day = logical_day


class CheckinTime(Frozen):
    """What `/checkin_at` says: a local time of day and the weekdays (0 = Monday) it applies to."""

    at: time
    weekdays: frozenset[int] = EVERY_DAY


class CheckinSchedule(CheckinTime):
    """A user's check-in: local time and weekdays in their timezone, unless off or paused.

    `paused_until` is the last paused day, inclusive: `/pause 2024-08-10` means no check-in on
    the 10th, and the next one on the 11th.
    """

    timezone: str
    enabled: bool = True
    paused_until: date | None = None

    @field_validator("at")
    @classmethod
    def _wall_clock_time(cls, value: time) -> time:
        # The zone comes from `timezone`; a second one on the time would contradict it.
        if value.tzinfo is not None:
            raise ValueError("must be a local time without tzinfo")
        return value

    @field_validator("weekdays")
    @classmethod
    def _some_valid_weekdays(cls, value: frozenset[int]) -> frozenset[int]:
        if not value or not value <= EVERY_DAY:
            raise ValueError("must be a non-empty set of 0 (Monday) to 6 (Sunday)")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        if not is_timezone_name(value):
            raise ValueError("is not an IANA timezone name")
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's timezone as a tzinfo."""
        return ZoneInfo(self.timezone)


# --- /checkin_at ---------------------------------------------------------------------------

# `21:30`, `21：30`, `21`, `9pm`, `9:30 p.m.`; the lookahead stops `9:5` reading as `9`.
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?:[:：](?P<minute>\d{2}))?(?:\s*(?P<ampm>[ap])\.?m\.?)?(?![\d:：])",
    re.IGNORECASE,
)
# `21点`, `9点半`, `晚上9点30分`, `下午3点`.
_CLOCK_ZH = re.compile(
    r"(?P<period>上午|早上|凌晨|中午|下午|晚上)?\s*(?P<hour>\d{1,2})\s*[点點時时]"
    r"\s*(?:(?P<half>半)|(?P<minute>\d{1,2})\s*分?)?"
)
_PM_PERIODS = frozenset({"中午", "下午", "晚上"})
_RANGE_MARK = r"[-–—~～〜至到]"
_DAY_ITEM_SEPARATORS = re.compile(r"[\s,，、;；/]+")
_EN_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ZH_DAY_NUMERALS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_DAY_PREFIX = re.compile(r"^(?:周|週|星期|礼拜|禮拜)")
_DAY_GROUPS: dict[str, frozenset[int]] = {
    "daily": EVERY_DAY,
    "everyday": EVERY_DAY,
    "weekdays": WEEKDAYS,
    "weekday": WEEKDAYS,
    "workdays": WEEKDAYS,
    "weekends": WEEKEND,
    "weekend": WEEKEND,
    "每天": EVERY_DAY,
    "每日": EVERY_DAY,
    "天天": EVERY_DAY,
    "工作日": WEEKDAYS,
    "周末": WEEKEND,
    "週末": WEEKEND,
    "双休日": WEEKEND,
}


def parse_checkin_at(args: str) -> CheckinTime:
    """Read `/checkin_at`'s arguments: `21:30`, `21:30 mon-fri`, `9pm sat,sun`, `21:30 周一-周五`.

    Without days the check-in is every day. Raises `CheckinInputError` for anything else.
    """
    text = args.strip()
    if not text:
        raise CheckinInputError("checkin_at.error.empty")
    at, rest = _read_clock(text)
    return CheckinTime(at=at, weekdays=parse_weekdays(rest) if rest.strip() else EVERY_DAY)


def _read_clock(text: str) -> tuple[time, str]:
    """Split a leading time of day off `text`; return it and what follows."""
    for pattern, to_time in ((_CLOCK_ZH, _zh_clock_time), (_CLOCK, _clock_time)):
        match = pattern.match(text)
        if match is not None:
            at = to_time(match)
            # A match that is no valid time (`25:00`) is wrong, not a cue to try another reading.
            if at is None:
                break
            return at, text[match.end() :]
    raise CheckinInputError("checkin_at.error.bad_time", text=text.split(maxsplit=1)[0])


def _clock_time(match: re.Match[str]) -> time | None:
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    return _valid_time(hour, minute)


def _zh_clock_time(match: re.Match[str]) -> time | None:
    hour = int(match["hour"])
    minute = 30 if match["half"] else int(match["minute"] or 0)
    period = match["period"]
    if period is not None:
        if not 1 <= hour <= 12:
            return None
        # 晚上12点 is midnight, 中午12点 is noon; otherwise the usual 12-hour reading.
        if period == "晚上" and hour == 12:
            hour = 0
        elif period in _PM_PERIODS:
            hour = hour % 12 + 12
        else:
            hour %= 12
    return _valid_time(hour, minute)


def _valid_time(hour: int, minute: int) -> time | None:
    if 0 <= hour <= 23 and 0 <= minute <= 59:
        return time(hour, minute)
    return None


def parse_weekdays(text: str) -> frozenset[int]:
    """Read days of the week: `mon-fri`, `sat,sun`, `weekdays`, `周一-周五`, `周一、三、五`.

    A range may wrap (`fri-mon`). Raises `CheckinInputError` naming the part it could not read.
    """
    # Case is only ignored when comparing, so an error quotes the user's own spelling.
    normalised = re.sub(r"every\s+day", "daily", text.strip(), flags=re.IGNORECASE)
    normalised = re.sub(rf"\s*({_RANGE_MARK})\s*", r"\1", normalised)
    days: set[int] = set()
    for item in _DAY_ITEM_SEPARATORS.split(normalised):
        if item:
            days |= _read_day_item(item)
    if not days:
        raise CheckinInputError("checkin_at.error.bad_days", text=text.strip())
    return frozenset(days)


def _read_day_item(item: str) -> frozenset[int]:
    if item.casefold() in _DAY_GROUPS:
        return _DAY_GROUPS[item.casefold()]
    parts = re.split(_RANGE_MARK, item)
    if len(parts) == 1:
        return frozenset({_read_day(item)})
    if len(parts) != 2:
        raise CheckinInputError("checkin_at.error.bad_days", text=item)
    start, end = _read_day(parts[0]), _read_day(parts[1])
    return frozenset((start + step) % 7 for step in range((end - start) % 7 + 1))


def _read_day(name: str) -> int:
    """One day: an English name or a prefix of at least two letters, or `周一`/`星期日`/`五`."""
    folded = name.casefold()
    if len(folded) >= 2:
        matches = [index for index, day in enumerate(_EN_DAY_NAMES) if day.startswith(folded)]
        if len(matches) == 1:
            return matches[0]
    numeral = _ZH_DAY_PREFIX.sub("", name)
    has_prefix = numeral != name
    # A bare `三` reads well in `周一、三、五`; a bare `天` is only a word.
    if numeral in _ZH_DAY_NUMERALS and (has_prefix or numeral != "天"):
        return _ZH_DAY_NUMERALS[numeral]
    raise CheckinInputError("checkin_at.error.bad_days", text=name)


# --- when it is due ------------------------------------------------------------------------


class _Occurrence(NamedTuple):
    day: date
    at: datetime


def _occurrence_on(schedule: CheckinSchedule, day: date) -> _Occurrence | None:
    """The instant of `day`'s check-in, or None when that day has none.

    A local time that does not exist (02:30 on a spring-forward day) resolves with the offset
    from before the change, i.e. the same distance into the new time (03:30); one that exists
    twice (autumn) means its first occurrence. Both come from `fold=0`, PEP 495's default.
    """
    if not schedule.enabled or day.weekday() not in schedule.weekdays:
        return None
    if schedule.paused_until is not None and day <= schedule.paused_until:
        return None
    local = datetime.combine(day, schedule.at, tzinfo=schedule.zone)
    return _Occurrence(day, local.astimezone(UTC))


def next_occurrence(schedule: CheckinSchedule, after: datetime) -> datetime | None:
    """The first check-in strictly after `after`, in UTC; None when the schedule is off.

    The local time is kept across daylight-saving changes, so the UTC time moves with them.
    """
    _require_aware(after)
    if not schedule.enabled:
        return None
    first_day = after.astimezone(schedule.zone).date()
    try:
        if schedule.paused_until is not None:
            first_day = max(first_day, schedule.paused_until + timedelta(days=1))
        # From the day before: a time in a gap just before midnight can land on the next local
        # day.
        for offset in range(-1, 8):
            occurrence = _occurrence_on(schedule, first_day + timedelta(days=offset))
            if occurrence is not None and occurrence.at > after:
                return occurrence.at
    except OverflowError:
        # A pause saved before pauses were bounded can end near `date.max`: no check-in is
        # left in the calendar, which is what that user asked for.
        return None
    raise AssertionError("a schedule with weekdays always has a next occurrence")


def _latest_occurrence(schedule: CheckinSchedule, now: datetime) -> _Occurrence | None:
    """The last check-in at or before `now` within the past week."""
    today = now.astimezone(schedule.zone).date()
    for offset in range(1, -8, -1):
        occurrence = _occurrence_on(schedule, today + timedelta(days=offset))
        if occurrence is not None and occurrence.at <= now:
            return occurrence
    return None


def due_on_startup(
    schedule: CheckinSchedule,
    last_sent_day: date | None,
    now: datetime,
    grace: timedelta = STARTUP_GRACE,
) -> date | None:
    """The day whose check-in should be sent right now because the bot was down at its time.

    That is the latest check-in at or before `now`, if it is at most `grace` old and not yet
    sent. Together with `next_occurrence(schedule, now)` every check-in is either sent late,
    scheduled, or (past the grace) one of `missed_days`; none is sent twice.
    """
    _require_aware(now)
    latest = _latest_occurrence(schedule, now)
    if latest is None or now - latest.at > grace:
        return None
    if last_sent_day is not None and last_sent_day >= latest.day:
        return None
    return latest.day


def missed_days(
    schedule: CheckinSchedule,
    since: date,
    now: datetime,
    grace: timedelta = STARTUP_GRACE,
) -> list[date]:
    """Days after `since` whose check-in time passed more than `grace` ago without a check-in.

    `since` is the last day already accounted for (sent, skipped or marked missed).
    """
    _require_aware(now)
    today = now.astimezone(schedule.zone).date()
    days = []
    day = since + timedelta(days=1)
    while day <= today:
        occurrence = _occurrence_on(schedule, day)
        if occurrence is not None and now - occurrence.at > grace:
            days.append(day)
        day += timedelta(days=1)
    return days


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("a naive datetime has no place in scheduling; pass an aware one")


def occurrence_at(schedule: CheckinSchedule, day: date) -> datetime:
    """The instant of `day`'s check-in at the schedule's local time, in UTC."""
    return datetime.combine(day, schedule.at, tzinfo=schedule.zone).astimezone(UTC)


class CatchUp(NamedTuple):
    """What start-up owes a user: a check-in to send now, and days to record as missed."""

    due_day: date | None
    missed: list[date]


def catch_up(
    schedule: CheckinSchedule,
    accounted: date | None,
    registered_at: datetime,
    now: datetime,
    *,
    horizon: timedelta = timedelta(days=7),
    grace: timedelta = STARTUP_GRACE,
) -> CatchUp:
    """After a restart: the check-in still within `grace`, and the days past it that were missed.

    `accounted` is the last day with a record. Days before the user registered, or further back
    than `horizon` (the bot was off for a long time, or check-ins are new), are not counted.
    """
    floor = (now - horizon).astimezone(schedule.zone).date()
    since = max(day for day in (accounted, floor) if day is not None)
    missed = [
        day
        for day in missed_days(schedule, since, now, grace)
        if occurrence_at(schedule, day) >= registered_at
    ]
    due = due_on_startup(schedule, accounted, now, grace)
    if due is not None and occurrence_at(schedule, due) < registered_at:
        due = None
    return CatchUp(due, missed)


_PAUSE_OFF = frozenset({"off", "end", "stop", "resume", "取消", "结束", "恢复"})


# A pause of more than a year is better said with /checkin_off; the bound also keeps every date
# a schedule computes from a pause far from `date.max` (`/pause 9999-12-31` once stopped start-up).
MAX_PAUSE = timedelta(days=366)


def parse_pause_until(text: str, today: date) -> date | None:
    """Read `/pause`'s argument: the last paused day, as bot/when.py reads it, or `off`.

    A day without a year is the next such day from `today` (`8/10`, `8月10日`); a span pauses to
    its end (`下周`, `next week`). None means end the pause.
    """
    text = text.strip()
    if not text:
        raise CheckinInputError("pause.error.empty")
    if text.casefold() in _PAUSE_OFF:
        return None
    day = parse_until(text, today)
    if day is None:
        raise CheckinInputError("pause.error.bad_date", text=text)
    if day < today:
        raise CheckinInputError("pause.error.past", day=day.isoformat())
    if day > today + MAX_PAUSE:
        raise CheckinInputError("pause.error.too_far", limit=(today + MAX_PAUSE).isoformat())
    return day
