"""The check-in's due times and the loop that sends them: time zones, DST, restarts, reminders,
failures, and claims that hold with two loops on one database."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
import time_machine

from bot.checkin.models import UNPLANNED
from bot.evening import delivery, jobs
from bot.evening.render import Prompt
from bot.i18n import Html
from bot.store import Store
from fakebotapi import FakeUser
from tests.checkin_helpers import due_time, press, run_due, say
from tests.conftest import BotHarness, HarnessFactory

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "en")
NOON = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)  # Monday


def utc(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=UTC)


def prompts(harness: BotHarness, user: FakeUser) -> list[str]:
    return [text for text in harness.replies(user.id) if "Evening check-in" in text]


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Shanghai", utc(3, 13, 30)),  # UTC+8: 21:30 is 13:30 UTC the same day
        ("America/Los_Angeles", utc(4, 4, 30)),  # UTC-7 in summer: 04:30 UTC the next day
        ("Pacific/Kiritimati", utc(4, 7, 30)),  # UTC+14: already 02:00 on Tuesday there
    ],
)
async def test_new_user_gets_2130_in_their_timezone(
    harness: BotHarness, zone: str, expected: datetime
) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
        assert await due_time(harness, ALICE.id) == UNPLANNED
        await run_due(harness)  # the loop's next pass plans a new user
        assert await due_time(harness, ALICE.id) == utc(3, 21, 30)  # DEFAULT_TIMEZONE is UTC
        await say(harness, ALICE, f"/timezone {zone}")
    assert await due_time(harness, ALICE.id) == expected
    assert f"Timezone set to {zone}" in harness.last_reply(ALICE.id)


async def test_a_wrong_timezone_gets_a_suggestion(harness: BotHarness) -> None:
    await say(harness, ALICE, "/timezone Asia/Shangai")
    assert "Did you mean Asia/Shanghai?" in harness.last_reply(ALICE.id)


async def test_checkin_at_replaces_the_due_time_and_days_are_kept(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/checkin_at 20:15 sat,sun")
        assert await due_time(harness, ALICE.id) == utc(8, 20, 15)
        await say(harness, ALICE, "/checkin_at 7pm mon-fri")
    assert await due_time(harness, ALICE.id) == utc(3, 19, 0)
    assert "Next check-in: 2024-06-03 19:00 (UTC)" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/checkin_at 25:00")
    assert "can't read <code>25:00</code>" not in harness.last_reply(ALICE.id)
    assert "can't read 25:00 as a time" in harness.last_reply(ALICE.id)


async def test_daylight_saving_keeps_the_local_time(harness: BotHarness) -> None:
    # New York springs forward on Sunday 10 March 2024: 21:30 EST is 02:30 UTC, EDT 01:30 UTC.
    with time_machine.travel(utc(9, 12, month=3), tick=False):
        await say(harness, ALICE, "/timezone America/New_York")
    assert await due_time(harness, ALICE.id) == utc(10, 2, 30, month=3)
    with time_machine.travel(utc(10, 2, 30, month=3), tick=False):
        await run_due(harness)
    assert len(prompts(harness, ALICE)) == 1
    assert await due_time(harness, ALICE.id) == utc(11, 1, 30, month=3)


async def test_the_loop_sends_the_checkin_at_its_time(harness: BotHarness) -> None:
    scheduler = harness.app.bot_data.checkin_scheduler
    with time_machine.travel(NOON, tick=True):
        await say(harness, ALICE, "/checkin_at 21:30")
    with time_machine.travel(utc(3, 21, 30), tick=True):
        scheduler.start()
        try:
            await harness.api.wait_until(lambda: bool(prompts(harness, ALICE)), what="prompt")
            await harness.app.bot_data.outbox.join()
        finally:
            await scheduler.stop()
    checkin = await harness.store.checkins.get(ALICE.id, date(2024, 6, 3))
    assert checkin is not None and checkin.due_at == utc(3, 21, 30)
    assert await due_time(harness, ALICE.id) == utc(4, 21, 30)


async def test_a_change_wakes_the_sleeping_loop(harness: BotHarness) -> None:
    scheduler = harness.app.bot_data.checkin_scheduler
    with time_machine.travel(utc(3, 21, 29) + timedelta(seconds=59), tick=True):
        await say(harness, ALICE, "/checkin_at 23:00")
        scheduler.start()  # nothing due for 90 minutes: it sleeps its longest, a minute
        try:
            await asyncio.sleep(0.5)  # let its first pass end in that sleep
            await say(harness, ALICE, "/checkin_at 21:30")  # due in a second: no minute's wait
            await harness.api.wait_until(lambda: bool(prompts(harness, ALICE)), what="prompt")
        finally:
            await scheduler.stop()


@pytest.mark.parametrize("planned", [True, False], ids=["planned", "unplanned"])
async def test_restart_within_two_hours_sends_the_missed_checkin(
    make_harness: HarnessFactory, planned: bool
) -> None:
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        await say(first, ALICE, "/start")
        if planned:
            await run_due(first)
    # Down from before 21:30 until 23:15: still within the two hours' grace.
    with time_machine.travel(utc(3, 23, 15), tick=False):
        second = await make_harness()
        await run_due(second)
    assert len(prompts(second, ALICE)) == 1
    assert await due_time(second, ALICE.id) == utc(4, 21, 30)


@pytest.mark.parametrize("planned", [True, False], ids=["planned", "unplanned"])
async def test_restart_after_more_than_two_hours_counts_the_day_missed(
    make_harness: HarnessFactory, planned: bool
) -> None:
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        await say(first, ALICE, "/start")
        if planned:
            await run_due(first)
    with time_machine.travel(utc(5, 23, 45), tick=False):
        second = await make_harness()
        await run_due(second)
    for day in (3, 4, 5):
        missed = await second.store.checkins.get(ALICE.id, date(2024, 6, day))
        assert missed is not None and missed.status == "missed"
    assert await due_time(second, ALICE.id) == utc(6, 21, 30)
    assert prompts(second, ALICE) == []


async def test_one_reminder_after_an_hour_then_missed_when_the_day_ends(
    harness: BotHarness,
) -> None:
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await say(harness, ALICE, "/checkin")
    with time_machine.travel(utc(3, 22, 29), tick=False):
        await run_due(harness)
    assert "still waiting" not in harness.last_reply(ALICE.id)
    with time_machine.travel(utc(3, 22, 31), tick=False):
        await run_due(harness)
        assert "still waiting" in harness.last_reply(ALICE.id)
        assert "Evening check-in" in harness.last_reply(ALICE.id)
        await run_due(harness)
    assert sum("still waiting" in text for text in harness.replies(ALICE.id)) == 1
    # DAY_START is 04:00: Monday's check-in closes at 04:00 on Tuesday.
    with time_machine.travel(utc(4, 4, 1), tick=False):
        await run_due(harness)
    checkin = await harness.store.checkins.get(ALICE.id, date(2024, 6, 3))
    assert checkin is not None and checkin.status == "missed"


async def test_a_snoozed_checkin_comes_back_after_thirty_minutes(harness: BotHarness) -> None:
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Remind me in 30 min")
    with time_machine.travel(utc(3, 22, 1), tick=False):
        await run_due(harness)
    assert "still waiting" in harness.last_reply(ALICE.id)


async def test_pause_skips_days_without_breaking_the_streak(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "wrote the doc")
        await say(harness, ALICE, "/pause 2024-06-05")
    assert await due_time(harness, ALICE.id) == utc(6, 21, 30)
    assert "paused up to and including 2024-06-05" in harness.last_reply(ALICE.id)
    records = await harness.store.checkins.records(
        ALICE.id, date(2024, 6, 1), date(2024, 6, 9), frozenset(range(7))
    )
    assert [(r.day.day, r.status) for r in records] == [(3, "paused"), (4, "paused"), (5, "paused")]
    assert await harness.store.checkins.between(ALICE.id, date(2024, 6, 1), date(2024, 6, 9)) == []
    with time_machine.travel(utc(6, 21, 30), tick=False):
        await say(harness, ALICE, "back at work")
        await say(harness, ALICE, "/checkin")
        await say(harness, ALICE, "/pause off")
    assert "Pause ended" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/pause 2020-01-01")
    assert "has already passed" in harness.last_reply(ALICE.id)


async def test_a_user_who_blocked_the_bot_is_switched_off_and_others_go_on(
    harness: BotHarness,
) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
        await say(harness, BOB, "/start")
    harness.api.block(ALICE.id)
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await run_due(harness)
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert not prefs.enabled
    assert await due_time(harness, ALICE.id) is None
    assert len(prompts(harness, BOB)) == 1
    sends_to_alice = [
        call
        for call in harness.api.calls
        if call.method == "sendMessage" and str(call.params.get("chat_id")) == str(ALICE.id)
    ]
    # Two replies to /start... and exactly one attempt at the check-in: no retry after 403.
    assert len(sends_to_alice) == 2


async def test_server_errors_are_retried_with_backoff(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(delivery, "FIRST_BACKOFF_SECONDS", 0.01)
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
    harness.api.fail_next("sendMessage", status=500, times=2)
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await run_due(harness)
    assert len(prompts(harness, ALICE)) == 1
    assert await due_time(harness, ALICE.id) == utc(4, 21, 30)


async def test_a_429_is_waited_out_and_retried(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
    harness.api.fail_next("sendMessage", status=429, retry_after=0)
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await run_due(harness)
    assert len(prompts(harness, ALICE)) == 1


async def test_checkin_off_clears_the_due_time_and_settings_show_it(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/checkin_off")
        assert await due_time(harness, ALICE.id) is None
        await run_due(harness)
        assert await due_time(harness, ALICE.id) is None
        await say(harness, ALICE, "/settings")
    assert "Check-in: off" in harness.last_reply(ALICE.id)
    assert "Working day: 09:00–18:00" in harness.last_reply(ALICE.id)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        await say(harness, ALICE, "/checkin_at 21:00 weekdays")
        await say(harness, ALICE, "/settings")
    assert "Check-in: 21:00 on Mon, Tue, Wed, Thu, Fri" in harness.last_reply(ALICE.id)
    assert "Next check-in: 2024-06-03 21:00" in harness.last_reply(ALICE.id)


async def test_two_bots_on_one_database_send_each_checkin_once(
    make_harness: HarnessFactory,
) -> None:
    users = [FakeUser(1000 + n, f"user{n}", "en") for n in range(40)]
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        second = await make_harness()  # the same database file: a second process
        for user in users:
            await say(first, user, "/checkin_at 21:30")
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await asyncio.gather(run_due(first), run_due(second))
    sent = {user.id: len(prompts(first, user)) for user in users}  # one fake API for both
    assert set(sent.values()) == {1}
    for user in users:
        assert await due_time(first, user.id) == utc(4, 21, 30)


def prepare_users(database: Path, users: int, due: datetime) -> None:
    """`users` users with a daily check-in, all planned at `due`, written in bulk."""
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
            " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " SELECT 10000 + i, 10000 + i, 'en', 'UTC', ? FROM n",
            (users, NOON.isoformat()),
        )
        connection.execute(
            "INSERT INTO checkin_settings (user_id, at, weekdays, enabled, updated_at)"
            " SELECT user_id, ?, '0123456', 1, ? FROM users",
            (due.strftime("%H:%M"), NOON.isoformat()),
        )
        connection.execute("UPDATE checkin_due SET due_at = ?", (due.isoformat(),))
    connection.close()


async def startup_statements(
    make_harness: HarnessFactory, monkeypatch: pytest.MonkeyPatch, database: Path, users: int
) -> list[str]:
    """The SQL the bot runs to start and make its first pass, with `users` scheduled users."""
    store = await Store.open(database)
    await store.close()
    prepare_users(database, users, utc(3, 21, 30))
    statements: list[str] = []
    connect = aiosqlite.connect

    def counting_connect(*args: Any, **kwargs: Any) -> Any:
        async def opened() -> aiosqlite.Connection:
            connection = await connect(*args, **kwargs)
            await connection.set_trace_callback(statements.append)
            return connection

        return opened()

    with monkeypatch.context() as patch, time_machine.travel(NOON, tick=False):
        patch.setattr(aiosqlite, "connect", counting_connect)
        harness = await make_harness(database_path=database)
        await run_due(harness)
    assert await due_time(harness, 10_000 + users) == utc(3, 21, 30)  # every user, none due
    return statements


async def test_start_up_runs_the_same_queries_for_10_users_as_for_10000(
    make_harness: HarnessFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    few = await startup_statements(make_harness, monkeypatch, tmp_path / "few.sqlite3", 10)
    many = await startup_statements(make_harness, monkeypatch, tmp_path / "many.sqlite3", 10_000)
    assert few  # the count saw the start-up's queries
    assert len(many) == len(few)


async def test_a_long_pause_is_one_row_and_ends_on_any_day(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "wrote the doc")
        await say(harness, ALICE, "/pause 2025-06-04")
    assert "paused up to and including 2025-06-04" in harness.last_reply(ALICE.id)
    rows = await harness.store.database.fetchall("SELECT * FROM checkin_pauses")
    assert [(row["first_day"], row["last_day"]) for row in rows] == [("2024-06-03", "2025-06-04")]
    assert await harness.store.database.fetchall("SELECT * FROM checkins") == []
    with time_machine.travel(utc(6, 12), tick=False):
        await run_due(harness)
        assert prompts(harness, ALICE) == []  # nothing during the pause, nothing missed
        await say(harness, ALICE, "/stats")
        # Monday's entry still counts: the paused Tuesday and Wednesday did not break it.
        assert any("Current streak: 1 days" in text for text in harness.replies(ALICE.id))
        await say(harness, ALICE, "/pause off")
    assert "Pause ended" in harness.last_reply(ALICE.id)
    rows = await harness.store.database.fetchall("SELECT * FROM checkin_pauses")
    assert [(row["first_day"], row["last_day"]) for row in rows] == [("2024-06-03", "2024-06-05")]
    assert await due_time(harness, ALICE.id) == utc(6, 21, 30)


async def test_a_pause_beyond_a_year_is_refused_and_nothing_is_written(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/pause 2199-12-31")
        assert "A pause lasts a year at most (up to 2025-06-04)" in harness.last_reply(ALICE.id)
        # Past the days any command reads (1900 to 2200), the date itself is refused.
        await say(harness, ALICE, "/pause 9999-12-31")
        assert "days from 1900 to 2200" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "/pause 2025-06-05")
        assert "/checkin_off" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "/pause 2025-06-04")
        assert "paused up to and including 2025-06-04" in harness.last_reply(ALICE.id)
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert prefs.paused_until == date(2025, 6, 4)
    rows = await harness.store.database.fetchall("SELECT * FROM checkin_pauses")
    assert len(rows) == 1  # one range, however long
    every_day = frozenset(range(7))
    paused = await harness.store.checkins.records(
        ALICE.id, date(2024, 6, 1), date(2026, 1, 1), every_day
    )
    assert len(paused) == 367  # every day from 3 June 2024 to 4 June 2025, and no more


async def test_one_users_far_pause_saved_earlier_does_not_stop_the_others(
    make_harness: HarnessFactory,
) -> None:
    """A pause to 9999-12-31 saved before pauses were bounded once made every start fail."""
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        await say(first, ALICE, "/start")
        await say(first, BOB, "/start")
        prefs = await first.store.checkins.prefs(ALICE.id)
        far = prefs.model_copy(update={"paused_until": date(9999, 12, 31)})
        await first.store.checkins.save_prefs(far, now=NOON)
        second = await make_harness()
        await run_due(second)
        await say(second, ALICE, "/settings")
    assert await due_time(second, BOB.id) == utc(3, 21, 30)
    assert await due_time(second, ALICE.id) is None
    assert "Paused up to and including 9999-12-31" in second.last_reply(ALICE.id)


async def test_a_delivery_says_whether_it_was_sent_failed_or_blocked(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
    user = await harness.store.checkins.scheduled_user(ALICE.id)
    assert user is not None
    prompt = [Prompt(Html("Evening check-in"))]
    bot, store = harness.app.bot, harness.store
    assert await jobs.deliver(bot, store, user, prompt) is jobs.Delivery.SENT
    harness.api.fail_next("sendMessage", status=400, description="Bad Request: chat not found")
    assert await jobs.deliver(bot, store, user, prompt) is jobs.Delivery.FAILED
    assert (await store.checkins.prefs(ALICE.id)).enabled  # a failure changes nothing
    harness.api.block(ALICE.id)
    assert await jobs.deliver(bot, store, user, prompt) is jobs.Delivery.BLOCKED
    assert not (await store.checkins.prefs(ALICE.id)).enabled
    assert await due_time(harness, ALICE.id) is None
