"""Check-in schedules: `/checkin_at` and `/timezone` input, and when a check-in is due."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from bot.checkin.errors import CheckinInputError
from bot.checkin.schedule import (
    EVERY_DAY,
    CheckinSchedule,
    due_on_startup,
    local_day,
    missed_days,
    next_occurrence,
    parse_checkin_at,
    parse_weekdays,
)

MON_FRI = frozenset(range(5))
SAT_SUN = frozenset({5, 6})


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def schedule(
    zone: str,
    at: time = time(21, 30),
    weekdays: frozenset[int] = EVERY_DAY,
    **changes: object,
) -> CheckinSchedule:
    return CheckinSchedule.model_validate(
        {"at": at, "weekdays": weekdays, "timezone": zone, **changes}
    )


def case_id(value: object) -> str | None:
    """Readable test ids: the schedule's zone and time, instants and days in ISO form."""
    if isinstance(value, CheckinSchedule):
        return f"{value.timezone} {value.at:%H:%M}"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%dT%H:%MZ}"
    if isinstance(value, date):
        return value.isoformat()
    return None


# --- /checkin_at ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "at", "weekdays"),
    [
        ("21:30", time(21, 30), EVERY_DAY),
        ("  07:05  ", time(7, 5), EVERY_DAY),
        ("21", time(21), EVERY_DAY),
        ("0:00", time(0), EVERY_DAY),
        ("21：30", time(21, 30), EVERY_DAY),
        ("21:30 mon-fri", time(21, 30), MON_FRI),
        ("21:30 Mon - Fri", time(21, 30), MON_FRI),
        ("21:30 WEEKDAYS", time(21, 30), MON_FRI),
        ("21:30 sat,sun", time(21, 30), SAT_SUN),
        ("21:30 saturday sunday", time(21, 30), SAT_SUN),
        ("21:30 tu,th", time(21, 30), frozenset({1, 3})),
        ("21:30 fri-mon", time(21, 30), frozenset({4, 5, 6, 0})),
        ("21:30 weekdays", time(21, 30), MON_FRI),
        ("21:30 weekends", time(21, 30), SAT_SUN),
        ("21:30 every day", time(21, 30), EVERY_DAY),
        ("21:30 mon-wed, sat", time(21, 30), frozenset({0, 1, 2, 5})),
        ("9pm", time(21), EVERY_DAY),
        ("9 PM mon-fri", time(21), MON_FRI),
        ("9:30 p.m.", time(21, 30), EVERY_DAY),
        ("12am", time(0), EVERY_DAY),
        ("12pm", time(12), EVERY_DAY),
        ("7am", time(7), EVERY_DAY),
        ("21:30 周一-周五", time(21, 30), MON_FRI),
        ("21:30 周一至周五", time(21, 30), MON_FRI),
        ("21:30 周一到五", time(21, 30), MON_FRI),
        ("21:30周六，周日", time(21, 30), SAT_SUN),
        ("21:30 星期六 星期天", time(21, 30), SAT_SUN),
        ("21:30 周一、三、五", time(21, 30), frozenset({0, 2, 4})),
        ("21:30 工作日", time(21, 30), MON_FRI),
        ("21:30 周末", time(21, 30), SAT_SUN),
        ("21:30 每天", time(21, 30), EVERY_DAY),
        ("21点", time(21), EVERY_DAY),
        ("21点30分 周一-周五", time(21, 30), MON_FRI),
        ("晚上9点半", time(21, 30), EVERY_DAY),
        ("下午3点", time(15), EVERY_DAY),
        ("早上7点", time(7), EVERY_DAY),
        ("晚上12点", time(0), EVERY_DAY),
        ("中午12点", time(12), EVERY_DAY),
    ],
)
def test_parse_checkin_at_reads_time_and_days(
    args: str, at: time, weekdays: frozenset[int]
) -> None:
    parsed = parse_checkin_at(args)

    assert (parsed.at, parsed.weekdays) == (at, weekdays)


@pytest.mark.parametrize(
    ("args", "key", "params"),
    [
        ("", "checkin_at.error.empty", {}),
        ("   ", "checkin_at.error.empty", {}),
        ("25:00", "checkin_at.error.bad_time", {"text": "25:00"}),
        ("21:60 mon", "checkin_at.error.bad_time", {"text": "21:60"}),
        ("9:5", "checkin_at.error.bad_time", {"text": "9:5"}),
        ("13pm", "checkin_at.error.bad_time", {"text": "13pm"}),
        ("tonight", "checkin_at.error.bad_time", {"text": "tonight"}),
        ("mon-fri 21:30", "checkin_at.error.bad_time", {"text": "mon-fri"}),
        ("晚上13点", "checkin_at.error.bad_time", {"text": "晚上13点"}),
        ("21:30 Someday", "checkin_at.error.bad_days", {"text": "Someday"}),
        ("21:30 MON-Funday", "checkin_at.error.bad_days", {"text": "Funday"}),
        ("21:30 s", "checkin_at.error.bad_days", {"text": "s"}),
        ("21:30 mon-fri-sun", "checkin_at.error.bad_days", {"text": "mon-fri-sun"}),
        ("21:30 天", "checkin_at.error.bad_days", {"text": "天"}),
    ],
)
def test_parse_checkin_at_rejects_with_an_i18n_key(
    args: str, key: str, params: dict[str, str]
) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_checkin_at(args)

    assert (caught.value.key, caught.value.params) == (key, params)
    assert isinstance(caught.value, ValueError)


def test_parse_weekdays_rejects_nothing_but_separators() -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_weekdays(" , ")

    assert caught.value.key == "checkin_at.error.bad_days"


# --- the schedule model --------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"weekdays": frozenset()},
        {"weekdays": frozenset({7})},
        {"timezone": "Mars/Olympus_Mons"},
        {"timezone": "../../etc/passwd"},
        {"at": time(21, 30, tzinfo=UTC)},
    ],
    ids=["no days", "day 7", "unknown zone", "path as zone", "time with a zone"],
)
def test_schedule_rejects_impossible_values(changes: dict[str, object]) -> None:
    values: dict[str, object] = {"at": time(21, 30), "timezone": "Asia/Shanghai", **changes}

    with pytest.raises(ValidationError):
        CheckinSchedule.model_validate(values)


# --- next_occurrence -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan", "after", "expected"),
    [
        # East of UTC: 21:30 in Shanghai (UTC+8, no DST) is 13:30 UTC.
        (schedule("Asia/Shanghai"), utc(2024, 6, 3, 0, 0), utc(2024, 6, 3, 13, 30)),
        # Strictly after: the check-in that is due right now is not the next one.
        (schedule("Asia/Shanghai"), utc(2024, 6, 3, 13, 30), utc(2024, 6, 4, 13, 30)),
        # Berlin springs forward on 31 March 2024: 21:30 stays 21:30, UTC moves an hour.
        (schedule("Europe/Berlin"), utc(2024, 3, 30, 12, 0), utc(2024, 3, 30, 20, 30)),
        (schedule("Europe/Berlin"), utc(2024, 3, 30, 20, 30), utc(2024, 3, 31, 19, 30)),
        # ... and falls back on 27 October 2024.
        (schedule("Europe/Berlin"), utc(2024, 10, 26, 19, 30), utc(2024, 10, 27, 20, 30)),
        # West of UTC: New York's 21:30 is the next UTC day; DST on 10 March, back on 3 November.
        (schedule("America/New_York"), utc(2024, 3, 9, 12, 0), utc(2024, 3, 10, 2, 30)),
        (schedule("America/New_York"), utc(2024, 3, 10, 2, 30), utc(2024, 3, 11, 1, 30)),
        (schedule("America/New_York"), utc(2024, 11, 3, 1, 30), utc(2024, 11, 4, 2, 30)),
        # 02:30 does not exist in Berlin on 31 March: it is sent at 03:30 CEST, then 02:30 again.
        (
            schedule("Europe/Berlin", time(2, 30)),
            utc(2024, 3, 30, 12, 0),
            utc(2024, 3, 31, 1, 30),
        ),
        (
            schedule("Europe/Berlin", time(2, 30)),
            utc(2024, 3, 31, 1, 30),
            utc(2024, 4, 1, 0, 30),
        ),
        (
            schedule("America/New_York", time(2, 30)),
            utc(2024, 3, 9, 12, 0),
            utc(2024, 3, 10, 7, 30),
        ),
        # 02:30 happens twice in Berlin on 27 October: the first one only, never both.
        (
            schedule("Europe/Berlin", time(2, 30)),
            utc(2024, 10, 26, 12, 0),
            utc(2024, 10, 27, 0, 30),
        ),
        (
            schedule("Europe/Berlin", time(2, 30)),
            utc(2024, 10, 27, 0, 30),
            utc(2024, 10, 28, 1, 30),
        ),
        # Weekdays are local: Monday 07:00 in Auckland is Sunday in UTC (NZST +12, NZDT +13).
        (
            schedule("Pacific/Auckland", time(7), frozenset({0})),
            utc(2024, 6, 2, 12, 0),
            utc(2024, 6, 2, 19, 0),
        ),
        (
            schedule("Pacific/Auckland", time(7), frozenset({0})),
            utc(2024, 1, 6, 12, 0),
            utc(2024, 1, 7, 18, 0),
        ),
        # Friday 21:30 in Los Angeles is Saturday in UTC; the weekend is skipped.
        (
            schedule("America/Los_Angeles", weekdays=MON_FRI),
            utc(2024, 6, 7, 12, 0),
            utc(2024, 6, 8, 4, 30),
        ),
        (
            schedule("America/Los_Angeles", weekdays=MON_FRI),
            utc(2024, 6, 8, 4, 30),
            utc(2024, 6, 11, 4, 30),
        ),
        (schedule("America/Los_Angeles"), utc(2024, 1, 15, 12, 0), utc(2024, 1, 16, 5, 30)),
        # Paused through 5 June: the next check-in is on the 6th.
        (
            schedule("Asia/Shanghai", paused_until=date(2024, 6, 5)),
            utc(2024, 6, 3, 0, 0),
            utc(2024, 6, 6, 13, 30),
        ),
        # A pause that is over changes nothing.
        (
            schedule("Asia/Shanghai", paused_until=date(2024, 6, 1)),
            utc(2024, 6, 3, 0, 0),
            utc(2024, 6, 3, 13, 30),
        ),
    ],
    ids=case_id,
)
def test_next_occurrence(plan: CheckinSchedule, after: datetime, expected: datetime) -> None:
    result = next_occurrence(plan, after)

    assert result == expected
    assert result is not None
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Berlin",
        "America/New_York",
        "Pacific/Auckland",
        "America/Los_Angeles",
        "Asia/Shanghai",
    ],
)
def test_next_occurrence_keeps_local_time_all_year(zone: str) -> None:
    plan = schedule(zone)
    after = utc(2024, 1, 1, 0, 0)
    previous_day = None
    for _ in range(370):
        occurrence = next_occurrence(plan, after)
        assert occurrence is not None
        local = occurrence.astimezone(ZoneInfo(zone))
        assert local.time() == time(21, 30)
        if previous_day is not None:
            assert local.date() - previous_day == timedelta(days=1)
        previous_day, after = local.date(), occurrence


def test_next_occurrence_accepts_any_aware_datetime() -> None:
    after = datetime(2024, 6, 3, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

    assert next_occurrence(schedule("Asia/Shanghai"), after) == utc(2024, 6, 3, 13, 30)


def test_next_occurrence_is_none_when_switched_off() -> None:
    assert next_occurrence(schedule("Asia/Shanghai", enabled=False), utc(2024, 6, 3)) is None


def test_naive_datetimes_are_refused() -> None:
    naive = utc(2024, 6, 3).replace(tzinfo=None)

    with pytest.raises(ValueError, match="naive"):
        next_occurrence(schedule("Asia/Shanghai"), naive)


# --- a restart: due_on_startup and missed_days ---------------------------------------------

JUNE_3 = date(2024, 6, 3)  # a Monday; 21:30 in Shanghai is 13:30 UTC


@pytest.mark.parametrize(
    ("plan", "last_sent_day", "now", "expected"),
    [
        (schedule("Asia/Shanghai"), date(2024, 6, 2), utc(2024, 6, 3, 14, 0), JUNE_3),
        (schedule("Asia/Shanghai"), None, utc(2024, 6, 3, 14, 0), JUNE_3),
        (schedule("Asia/Shanghai"), date(2024, 6, 2), utc(2024, 6, 3, 13, 30), JUNE_3),
        # Two hours late is still within the grace; a minute more is not.
        (schedule("Asia/Shanghai"), date(2024, 6, 2), utc(2024, 6, 3, 15, 30), JUNE_3),
        (schedule("Asia/Shanghai"), date(2024, 6, 2), utc(2024, 6, 3, 15, 31), None),
        # Already sent today.
        (schedule("Asia/Shanghai"), JUNE_3, utc(2024, 6, 3, 14, 0), None),
        # Before today's time: yesterday's is long past the grace, today's is scheduled.
        (schedule("Asia/Shanghai"), date(2024, 6, 1), utc(2024, 6, 3, 13, 0), None),
        # 23:30 Shanghai on the 3rd, and the bot is back at 00:30 on the 4th.
        (
            schedule("Asia/Shanghai", time(23, 30)),
            date(2024, 6, 2),
            utc(2024, 6, 3, 16, 30),
            JUNE_3,
        ),
        # West of UTC: 21:30 in New York on the 3rd is 01:30 UTC on the 4th.
        (schedule("America/New_York"), date(2024, 6, 2), utc(2024, 6, 4, 2, 0), JUNE_3),
        # Saturday 22:00 local with a Monday-to-Friday schedule: nothing is due.
        (
            schedule("Asia/Shanghai", weekdays=MON_FRI),
            date(2024, 6, 7),
            utc(2024, 6, 8, 14, 0),
            None,
        ),
        (
            schedule("Asia/Shanghai", paused_until=JUNE_3),
            date(2024, 6, 2),
            utc(2024, 6, 3, 14, 0),
            None,
        ),
        (schedule("Asia/Shanghai", enabled=False), None, utc(2024, 6, 3, 14, 0), None),
    ],
    ids=case_id,
)
def test_due_on_startup(
    plan: CheckinSchedule, last_sent_day: date | None, now: datetime, expected: date | None
) -> None:
    assert due_on_startup(plan, last_sent_day, now) == expected


def test_due_on_startup_takes_a_custom_grace() -> None:
    now = utc(2024, 6, 3, 14, 31)

    assert due_on_startup(schedule("Asia/Shanghai"), None, now, grace=timedelta(hours=1)) is None
    assert due_on_startup(schedule("Asia/Shanghai"), None, now, grace=timedelta(hours=2)) == JUNE_3


@pytest.mark.parametrize(
    "now",
    [utc(2024, 6, 3, 13, 29), utc(2024, 6, 3, 13, 30), utc(2024, 6, 3, 15, 0)],
    ids=["just before", "exactly at", "within the grace"],
)
def test_startup_sends_a_check_in_once(now: datetime) -> None:
    """What due_on_startup sends now, next_occurrence does not schedule again."""
    plan = schedule("Asia/Shanghai")
    due = due_on_startup(plan, date(2024, 6, 2), now)
    upcoming = next_occurrence(plan, now)
    assert upcoming is not None

    sent_today = due == JUNE_3
    scheduled_today = upcoming == utc(2024, 6, 3, 13, 30)
    assert sent_today != scheduled_today


@pytest.mark.parametrize(
    ("plan", "since", "now", "expected"),
    [
        # Today's check-in (13:30 UTC) is 30 minutes old: sent late, not missed.
        (
            schedule("Asia/Shanghai"),
            date(2024, 6, 1),
            utc(2024, 6, 4, 14, 0),
            [date(2024, 6, 2), JUNE_3],
        ),
        (
            schedule("Asia/Shanghai"),
            date(2024, 6, 1),
            utc(2024, 6, 4, 20, 0),
            [date(2024, 6, 2), JUNE_3, date(2024, 6, 4)],
        ),
        (
            schedule("Asia/Shanghai", weekdays=MON_FRI),
            date(2024, 6, 7),
            utc(2024, 6, 11, 20, 0),
            [date(2024, 6, 10), date(2024, 6, 11)],
        ),
        (
            schedule("Asia/Shanghai", paused_until=JUNE_3),
            date(2024, 6, 1),
            utc(2024, 6, 4, 20, 0),
            [date(2024, 6, 4)],
        ),
        (schedule("Asia/Shanghai"), JUNE_3, utc(2024, 6, 3, 20, 0), []),
        (schedule("Asia/Shanghai", enabled=False), date(2024, 6, 1), utc(2024, 6, 4, 20, 0), []),
    ],
    ids=case_id,
)
def test_missed_days(
    plan: CheckinSchedule, since: date, now: datetime, expected: list[date]
) -> None:
    assert missed_days(plan, since, now) == expected


# --- local_day -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "zone", "day_start", "expected"),
    [
        (utc(2024, 6, 3, 19, 59), "Asia/Shanghai", time(4), date(2024, 6, 3)),  # 03:59 on the 4th
        (utc(2024, 6, 3, 20, 0), "Asia/Shanghai", time(4), date(2024, 6, 4)),  # 04:00 on the 4th
        (utc(2024, 6, 4, 6, 0), "America/Los_Angeles", time(0), date(2024, 6, 3)),  # 23:00 PDT
        (utc(2024, 6, 3, 12, 0), "Pacific/Auckland", time(0), date(2024, 6, 4)),  # 00:00 NZST
        (utc(2024, 3, 31, 1, 30), "Europe/Berlin", time(4), date(2024, 3, 30)),  # 03:30 CEST
    ],
)
def test_local_day(now: datetime, zone: str, day_start: time, expected: date) -> None:
    assert local_day(now, ZoneInfo(zone), day_start) == expected
