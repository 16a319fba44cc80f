"""Reading /workday, /reminder and /review_day, and how a user's values meet the defaults."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.checkin.errors import CheckinInputError
from bot.checkin.habits import (
    CheckinHabits,
    is_reset,
    parse_reminder_minutes,
    parse_review_day,
    parse_workday,
)
from bot.checkin.models import CheckinPrefs
from tests.conftest import make_settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00-19:00", (time(10), time(19))),
        ("10-19", (time(10), time(19))),
        ("9:30-18", (time(9, 30), time(18))),
        (" 09:00 - 18:00 ", (time(9), time(18))),
        ("9：30～18：00", (time(9, 30), time(18))),
        ("8到17", (time(8), time(17))),
        ("07:45–16:15", (time(7, 45), time(16, 15))),
    ],
)
def test_a_working_day_is_read_in_its_usual_spellings(
    text: str, expected: tuple[time, time]
) -> None:
    assert parse_workday(text) == expected


@pytest.mark.parametrize("text", ["", "9", "nine to five", "25-26", "9:60-18", "9-18-20", "9 18"])
def test_an_unreadable_working_day_names_what_it_got(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_workday(text)
    assert caught.value.key == "workday.error.bad"
    assert caught.value.params == {"text": text.strip()}


@pytest.mark.parametrize("text", ["19-10", "9-9", "22:00-06:00"])
def test_a_working_day_must_end_after_it_starts(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_workday(text)
    assert caught.value.key == "workday.error.order"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45", 45), ("1", 1), ("720", 720), ("45 min", 45), ("90m", 90), ("30分钟", 30)],
)
def test_reminder_minutes(text: str, minutes: int) -> None:
    assert parse_reminder_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "721", "100000"])
def test_reminder_minutes_out_of_range(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_reminder_minutes(text)
    assert caught.value.key == "reminder.error.range"
    assert caught.value.params["minutes"] == text


@pytest.mark.parametrize("text", ["soon", "-5", "1h", "4.5", "45 hours"])
def test_reminder_minutes_unreadable(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_reminder_minutes(text)
    assert caught.value.key == "reminder.error.bad"


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("sun", 6),
        ("Sunday", 6),
        ("mon", 0),
        ("fr", 4),
        ("周日", 6),
        ("星期天", 6),
        ("礼拜五", 4),
        ("三", 2),
    ],
)
def test_review_day_reads_days_as_checkin_at_does(text: str, weekday: int) -> None:
    assert parse_review_day(text) == weekday


@pytest.mark.parametrize("text", ["someday", "6", "天"])
def test_review_day_unreadable(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_review_day(text)
    assert (caught.value.key, caught.value.params) == ("review_day.error.bad", {"text": text})


@pytest.mark.parametrize("text", ["mon-fri", "weekend", "sat,sun", "每天"])
def test_review_day_is_one_day(text: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_review_day(text)
    assert caught.value.key == "review_day.error.one"


@pytest.mark.parametrize("text", ["reset", "RESET", " default ", "重置", "默认"])
def test_reset_words(text: str) -> None:
    assert is_reset(text)


def test_each_value_not_set_falls_back_to_its_default() -> None:
    defaults = CheckinHabits(workday=(time(9), time(18)), reminder_minutes=60, review_day=6)
    assert CheckinPrefs(user_id=1).habits(defaults) == defaults
    # Monday is 0: a review day of 0 is the user's own, not "unset".
    own = CheckinPrefs(user_id=1, workday=(time(10), time(19)), review_day=0)
    assert own.habits(defaults) == CheckinHabits(
        workday=(time(10), time(19)), reminder_minutes=60, review_day=0
    )


def test_prefs_refuse_values_the_commands_refuse() -> None:
    with pytest.raises(ValidationError):
        CheckinPrefs(user_id=1, reminder_minutes=0)
    with pytest.raises(ValidationError):
        CheckinPrefs(user_id=1, review_day=7)
    with pytest.raises(ValidationError):
        CheckinPrefs(user_id=1, workday=(time(19), time(10)))


def test_the_settings_are_the_defaults_and_read_workday_like_the_command(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path, workday="8-17", checkin_reminder_minutes=30, weekly_review_day="周五"
    )
    assert settings.checkin_habits == CheckinHabits(
        workday=(time(8), time(17)), reminder_minutes=30, review_day=4
    )
    with pytest.raises(ValidationError, match="ending after it starts"):
        make_settings(tmp_path, workday="18-9")
    with pytest.raises(ValidationError, match="one day of the week"):
        make_settings(tmp_path, weekly_review_day="sat,sun")
