"""The Caller: one user, one instant, one `today`, for the chat and the command line alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from bot.caller import Caller
from bot.checkin.models import CheckinPrefs
from bot.models import UserSettings
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
WEDNESDAY = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


def user_in(timezone: str) -> UserSettings:
    return UserSettings(
        user_id=1, chat_id=1, language="zh", timezone=timezone, created_at=WEDNESDAY
    )


async def no_prefs(user_id: int) -> CheckinPrefs:
    raise AssertionError("today needs no check-in settings")


async def test_checkin_prefs_are_read_once_per_caller() -> None:
    reads: list[int] = []

    async def read(user_id: int) -> CheckinPrefs:
        reads.append(user_id)
        return CheckinPrefs(user_id=user_id, goal="ship it")

    caller = Caller.at(user_in("UTC"), WEDNESDAY, time(4), read)
    assert reads == []  # a plain entry never asks
    assert (await caller.checkin_prefs()).goal == "ship it"
    assert (await caller.scheduled()).prefs.goal == "ship it"
    assert (await caller.scheduled()).timezone == "UTC"
    assert reads == [1]


def test_today_is_the_users_own_day_with_the_day_start() -> None:
    # 19:30 UTC is 03:30 the next morning in Shanghai: before 04:00, still the day before.
    late = datetime(2023, 1, 4, 19, 30, tzinfo=UTC)
    caller = Caller.at(user_in("Asia/Shanghai"), late, time(4), no_prefs)
    assert caller.today == date(2023, 1, 4)
    assert caller.zone.key == "Asia/Shanghai"
    assert (caller.user_id, caller.language) == (1, "zh")
    # Half an hour later it is the next day there, while UTC is still on the 4th.
    assert Caller.at(
        user_in("Asia/Shanghai"), late.replace(minute=59, hour=20), time(4), no_prefs
    ).today == (date(2023, 1, 5))
    assert Caller.at(user_in("UTC"), late, time(4), no_prefs).today == date(2023, 1, 4)


async def test_a_command_reads_today_from_its_message_not_the_server_clock(
    harness: BotHarness,
) -> None:
    # The message was sent on Wednesday 2023-01-04 and is processed years later (a redelivery
    # after downtime): /done files the finish under the day the user sent it.
    await harness.feed(harness.api.text_update(ALICE, "Dune - 10/41", date=WEDNESDAY))
    await harness.feed(harness.api.command_update(ALICE, "/done Dune", date=WEDNESDAY))
    await harness.feed(harness.api.command_update(ALICE, "/progress Dune", date=WEDNESDAY))
    detail = "\n".join(harness.replies(ALICE.id)[2:])
    assert "Wed 2023-01-04" in detail
    assert str(datetime.now(UTC).year) not in detail
