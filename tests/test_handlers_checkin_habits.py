"""Each user's own working day, reminder delay and review day, through the real Application.

/workday, /reminder and /review_day show, set and reset them; a bad value is refused and
changes nothing; the check-in then runs with the user's values, not another user's, and one
already open keeps the values it started with.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import time_machine

from bot.checkin.models import CheckinPrefs
from bot.store.database import Database, bundled_migrations
from fakebotapi import FakeUser
from tests.checkin_helpers import press, run_checkin_job, run_sweep, say
from tests.conftest import BotHarness, HarnessFactory

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
CAROL = FakeUser(303, "Carol", "en")
# Monday 3 June 2024; the default timezone is UTC.
NOON = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)
EVENING = datetime(2024, 6, 3, 21, 30, tzinfo=UTC)
MONDAY = date(2024, 6, 3)
NEXT_TIME = "applies from your next check-in; one already open keeps the values it started with"


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, 6, day, hour, minute, tzinfo=UTC)


async def prefs_of(harness: BotHarness, user: FakeUser) -> CheckinPrefs:
    return await harness.store.checkins.prefs(user.id)


async def to_the_plan_step(harness: BotHarness, user: FakeUser) -> None:
    """Open a check-in and press through today, states and the (unset) goal."""
    await say(harness, user, "/checkin")
    for _ in range(3):
        await press(harness, user, "Next")


# ---- the commands --------------------------------------------------------------------------


async def test_workday_shows_sets_and_resets(harness: BotHarness) -> None:
    await say(harness, ALICE, "/workday")
    shown = harness.last_reply(ALICE.id)
    assert "Your working day is 09:00–18:00 (the default)" in shown
    assert "/workday 10:00-19:00" in shown

    await say(harness, ALICE, "/workday 10:00-19:00")
    assert "working day is now 10:00–19:00" in harness.last_reply(ALICE.id)
    assert NEXT_TIME in harness.last_reply(ALICE.id)
    assert (await prefs_of(harness, ALICE)).workday == (time(10), time(19))

    await say(harness, ALICE, "/workday")
    shown = harness.last_reply(ALICE.id)
    assert "10:00–19:00 (set by you; the default is 09:00–18:00)" in shown
    assert "/workday reset" in shown

    await say(harness, ALICE, "/workday 9:30-18")
    assert (await prefs_of(harness, ALICE)).workday == (time(9, 30), time(18))
    await say(harness, ALICE, "/workday 10-19")
    assert (await prefs_of(harness, ALICE)).workday == (time(10), time(19))

    await say(harness, ALICE, "/workday reset")
    assert "back to the default, 09:00–18:00" in harness.last_reply(ALICE.id)
    assert NEXT_TIME in harness.last_reply(ALICE.id)
    assert (await prefs_of(harness, ALICE)).workday is None


async def test_reminder_shows_sets_and_resets(harness: BotHarness) -> None:
    await say(harness, ALICE, "/reminder")
    assert "one reminder after 60 min (the default)" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/reminder 45")
    assert "reminder after 45 min" in harness.last_reply(ALICE.id)
    assert NEXT_TIME in harness.last_reply(ALICE.id)
    assert (await prefs_of(harness, ALICE)).reminder_minutes == 45
    await say(harness, ALICE, "/reminder")
    assert "45 min (set by you; the default is 60 min)" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/reminder reset")
    assert "back to the default: after 60 min" in harness.last_reply(ALICE.id)
    assert (await prefs_of(harness, ALICE)).reminder_minutes is None


async def test_review_day_shows_sets_and_resets_in_either_language(harness: BotHarness) -> None:
    await say(harness, ALICE, "/review_day")
    assert "follows the check-in on Sun (the default)" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/review_day friday")
    assert "now comes on Fri" in harness.last_reply(ALICE.id)
    assert (await prefs_of(harness, ALICE)).review_day == 4

    await say(harness, BOB, "/review_day 周一")
    reply = harness.last_reply(BOB.id)
    assert "每周回顾改在周一" in reply
    assert "从下一次自检起生效" in reply
    assert (await prefs_of(harness, BOB)).review_day == 0
    await say(harness, BOB, "/review_day")
    assert "（你设定的；默认是周日" in harness.last_reply(BOB.id)
    await say(harness, BOB, "/review_day 默认")
    assert "已恢复默认：周日" in harness.last_reply(BOB.id)
    assert (await prefs_of(harness, BOB)).review_day is None
    assert (await prefs_of(harness, ALICE)).review_day == 4


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/workday 19-10", "must end after it starts, and 10:00 is not after 19:00"),
        ("/workday nine to five", "can't read nine to five as a working day"),
        ("/workday 25:00-26:00", "can't read 25:00-26:00 as a working day"),
        # Shown as typed, not in bold: the bot escaped it (the fake API parses the HTML).
        ("/workday <b>9</b>", "can't read <b>9</b> as a working day"),
        ("/reminder 0", "0 minutes is out of range: choose from 1 to 720"),
        ("/reminder 721", "721 minutes is out of range"),
        ("/reminder soon", "can't read soon as minutes"),
        ("/review_day mon-fri", "one day, and mon-fri is more than one"),
        ("/review_day weekend", "is more than one"),
        ("/review_day someday", "can't read someday as a day of the week"),
    ],
)
async def test_a_bad_value_is_refused_and_changes_nothing(
    harness: BotHarness, command: str, expected: str
) -> None:
    await say(harness, ALICE, "/workday 8-17")
    await say(harness, ALICE, "/reminder 30")
    await say(harness, ALICE, "/review_day wed")
    before = await prefs_of(harness, ALICE)
    await say(harness, ALICE, command)
    reply = harness.last_reply(ALICE.id)
    assert expected in reply
    assert "Nothing was changed." in reply
    assert await prefs_of(harness, ALICE) == before
    assert (before.workday, before.reminder_minutes, before.review_day) == (
        (time(8), time(17)),
        30,
        2,
    )


async def test_a_bad_value_is_refused_in_chinese_too(harness: BotHarness) -> None:
    for command, expected in (
        ("/workday 18-9", "工作时间要先开始再结束"),
        ("/reminder 1000", "1000 分钟超出范围：请在 1 到 720 之间选"),
        ("/review_day 周六,周日", "不止一天"),
    ):
        await say(harness, BOB, command)
        assert expected in harness.last_reply(BOB.id)
        assert "设置没有改变" in harness.last_reply(BOB.id)
    assert await prefs_of(harness, BOB) == CheckinPrefs(user_id=BOB.id)


async def test_settings_show_the_values_in_use_and_whose_they_are(
    make_harness: HarnessFactory,
) -> None:
    # The bot-wide settings are the defaults of users who set nothing.
    harness = await make_harness(workday="08:00-17:00", weekly_review_day="sat")
    await say(harness, ALICE, "/workday 10-19")
    await say(harness, ALICE, "/reminder 45")
    await say(harness, ALICE, "/settings")
    mine = harness.last_reply(ALICE.id)
    assert "Working day: 10:00–19:00 (set by you)" in mine
    assert "Reminder after 45 min without an answer (set by you)" in mine
    assert "Weekly review: Sat (default)" in mine
    await say(harness, CAROL, "/settings")
    theirs = harness.last_reply(CAROL.id)
    assert "Working day: 08:00–17:00 (default)" in theirs
    assert "Reminder after 60 min without an answer (default)" in theirs
    await say(harness, BOB, "/review_day 周三")
    await say(harness, BOB, "/settings")
    assert "每周回顾：周三（你设定的）" in harness.last_reply(BOB.id)
    assert "工作时间：08:00–17:00（默认）" in harness.last_reply(BOB.id)


async def test_the_commands_are_listed_in_help(harness: BotHarness) -> None:
    await say(harness, ALICE, "/help")
    listing = harness.last_reply(ALICE.id)
    for name in ("workday", "reminder", "review_day"):
        assert f"/{name} — " in listing


# ---- the check-in runs with the user's values -----------------------------------------------


async def test_the_plan_step_and_its_warning_use_the_users_own_working_day(
    harness: BotHarness,
) -> None:
    plan = "09:00-12:00 write code\n13:00-17:30 tests"  # 7h30 planned
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/workday 8-18")
        await to_the_plan_step(harness, ALICE)
        assert "Your working day is 08:00–18:00" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, plan)
        await to_the_plan_step(harness, CAROL)
        assert "Your working day is 09:00–18:00" in harness.last_reply(CAROL.id)
        await say(harness, CAROL, plan)
    # The same plan leaves 2h30 of Alice's 08-18 and 1h30 of Carol's 09-18 (the default).
    alice_table = harness.replies(ALICE.id)[-2]
    assert "Unplanned in your working day (08:00–18:00): 2h30" in alice_table
    assert "less than an hour of buffer" not in alice_table
    carol_table = harness.replies(CAROL.id)[-2]
    assert "Unplanned in your working day (09:00–18:00): 1h30" in carol_table
    assert "less than an hour of buffer" not in carol_table

    # A working day of her own that the plan leaves less than an hour of: now it warns.
    with time_machine.travel(utc(4, 21, 30), tick=True):
        await say(harness, CAROL, "/workday 12:30-17:30")
        await say(harness, CAROL, "/checkin")
        # Tuesday's check-in opens on Monday's plan: both blocks answered, then on as usual.
        await press(harness, CAROL, "1 ✅ done")
        await press(harness, CAROL, "2 ✅ done")
        for _ in range(3):
            await press(harness, CAROL, "Next")
        assert "Your working day is 12:30–17:30" in harness.last_reply(CAROL.id)
        await say(harness, CAROL, plan)
    carol_table = harness.replies(CAROL.id)[-2]
    assert "Unplanned in your working day (12:30–17:30): 0h30" in carol_table
    assert "less than an hour of buffer" in carol_table


async def test_an_open_checkin_keeps_its_working_day_and_the_next_takes_the_new_one(
    harness: BotHarness,
) -> None:
    with time_machine.travel(EVENING, tick=True):
        await to_the_plan_step(harness, ALICE)
        assert "Your working day is 09:00–18:00" in harness.last_reply(ALICE.id)
        # A command, not the plan: the check-in still waits for the plan afterwards.
        await say(harness, ALICE, "/workday 10-19")
        assert NEXT_TIME in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "09:00-17:00 build")
    assert "Unplanned in your working day (09:00–18:00): 1h00" in harness.replies(ALICE.id)[-2]
    checkin = await harness.store.checkins.get(ALICE.id, MONDAY)
    assert checkin is not None and checkin.workday == (time(9), time(18))

    with time_machine.travel(utc(4, 21, 30), tick=True):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "1 ✅ done")
        for _ in range(3):
            await press(harness, ALICE, "Next")
        assert "Your working day is 10:00–19:00" in harness.last_reply(ALICE.id)


async def test_the_reminder_comes_after_each_users_own_delay(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/reminder 15")
        await say(harness, BOB, "/start")
    with time_machine.travel(EVENING, tick=False):
        await run_checkin_job(harness, ALICE.id)
        await run_checkin_job(harness, BOB.id)
    alice = await harness.store.checkins.get(ALICE.id, MONDAY)
    bob = await harness.store.checkins.get(BOB.id, MONDAY)
    assert alice is not None and alice.remind_at == utc(3, 21, 45)
    assert bob is not None and bob.remind_at == utc(3, 22, 30)

    with time_machine.travel(utc(3, 21, 44), tick=False):
        await run_sweep(harness)
    assert "still waiting" not in harness.last_reply(ALICE.id)
    with time_machine.travel(utc(3, 21, 46), tick=False):
        await run_sweep(harness)
    assert "still waiting" in harness.last_reply(ALICE.id)
    assert "还在等你" not in harness.last_reply(BOB.id)
    with time_machine.travel(utc(3, 22, 31), tick=False):
        await run_sweep(harness)
    assert "你的自检还在等你" in harness.last_reply(BOB.id)
    assert sum("still waiting" in text for text in harness.replies(ALICE.id)) == 1


async def test_an_open_checkin_keeps_its_reminder_time(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=False):
        await say(harness, ALICE, "/checkin")
        await say(harness, ALICE, "/reminder 5")
    checkin = await harness.store.checkins.get(ALICE.id, MONDAY)
    assert checkin is not None and checkin.remind_at == utc(3, 22, 30)
    with time_machine.travel(utc(3, 21, 40), tick=False):
        await run_sweep(harness)
    assert "still waiting" not in harness.last_reply(ALICE.id)


async def test_the_weekly_review_comes_on_each_users_own_day(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/review_day mon")
        await say(harness, BOB, "/start")
    with time_machine.travel(EVENING, tick=True):
        await run_checkin_job(harness, ALICE.id)
        await run_checkin_job(harness, BOB.id)
        for _ in range(3):
            await press(harness, ALICE, "Next")
            await press(harness, BOB, "下一步")
        await press(harness, ALICE, "No plan")
        await press(harness, BOB, "明天不做计划")
    assert "Weekly review" in harness.replies(ALICE.id)[-2]
    assert "What is your key goal right now?" in harness.last_reply(ALICE.id)
    assert "自检完成" in harness.last_reply(BOB.id)
    alice = await harness.store.checkins.get(ALICE.id, MONDAY)
    bob = await harness.store.checkins.get(BOB.id, MONDAY)
    assert alice is not None and alice.review and alice.status == "open"
    assert bob is not None and not bob.review and bob.status == "done"


async def test_the_review_day_follows_to_the_last_checkin_day_before_it(
    harness: BotHarness,
) -> None:
    # Check-ins on Monday, Wednesday and Friday. Alice reviews on Thursday, so her Wednesday
    # check-in brings it; Carol keeps the default Sunday, so her Friday one does.
    with time_machine.travel(NOON, tick=False):
        for user in (ALICE, CAROL):
            await say(harness, user, "/checkin_at 21:30 mon,wed,fri")
        await say(harness, ALICE, "/review_day 周四")
    for day in (5, 7):
        with time_machine.travel(utc(day, 21, 30), tick=False):
            for user in (ALICE, CAROL):
                await say(harness, user, "/checkin")
    reviews = {
        (user.first_name, record.day.day): record.review
        for user in (ALICE, CAROL)
        for record in await harness.store.checkins.between(
            user.id, date(2024, 6, 5), date(2024, 6, 7)
        )
    }
    assert reviews == {
        ("Alice", 5): True,
        ("Alice", 7): False,
        ("Carol", 5): False,
        ("Carol", 7): True,
    }


async def test_a_checkin_open_before_the_migration_runs_with_the_bot_wide_working_day(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    # A database as the release before 0006 left it: Alice waits at the plan step.
    old = await Database.open(
        tmp_path / "daylog.sqlite3", [m for m in bundled_migrations() if m.version <= 5]
    )
    try:
        async with old.transaction() as connection:
            await connection.execute(
                "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
                " VALUES (?, ?, 'en', 'UTC', '2024-06-01T00:00:00+00:00')",
                (ALICE.id, ALICE.id),
            )
            await connection.execute(
                "INSERT INTO checkins (user_id, day, status, step, started_at, closes_at)"
                " VALUES (?, '2024-06-03', 'open', 'plan', ?, ?)",
                (ALICE.id, EVENING.isoformat(), utc(4, 4).isoformat()),
            )
    finally:
        await old.close()

    with time_machine.travel(EVENING, tick=True):
        harness = await make_harness(workday="10:00-19:00")
        await say(harness, ALICE, "10:00-18:30 write")
    assert "Unplanned in your working day (10:00–19:00): 0h30" in harness.replies(ALICE.id)[-2]
    assert "Check-in done" in harness.last_reply(ALICE.id)
