"""The check-in's schedule in the JobQueue: time zones, DST, restarts, reminders and failures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from bot.evening import delivery
from bot.evening.jobs import job_name
from fakebotapi import FakeUser
from tests.checkin_helpers import job_time, press, run_checkin_job, run_sweep, say
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
        assert job_time(harness, ALICE.id) == utc(3, 21, 30)  # DEFAULT_TIMEZONE is UTC
        await say(harness, ALICE, f"/timezone {zone}")
    assert job_time(harness, ALICE.id) == expected
    assert f"Timezone set to {zone}" in harness.last_reply(ALICE.id)


async def test_a_wrong_timezone_gets_a_suggestion(harness: BotHarness) -> None:
    await say(harness, ALICE, "/timezone Asia/Shangai")
    assert "Did you mean Asia/Shanghai?" in harness.last_reply(ALICE.id)


async def test_checkin_at_replaces_the_one_job_and_days_are_kept(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/checkin_at 20:15 sat,sun")
        await say(harness, ALICE, "/checkin_at 7pm mon-fri")
    queue = harness.app.job_queue
    assert queue is not None
    assert len(queue.get_jobs_by_name(job_name(ALICE.id))) == 1
    assert job_time(harness, ALICE.id) == utc(3, 19, 0)
    assert "Next check-in: 2024-06-03 19:00 (UTC)" in harness.last_reply(ALICE.id)
    await say(harness, ALICE, "/checkin_at 25:00")
    assert "can't read <code>25:00</code>" not in harness.last_reply(ALICE.id)
    assert "can't read 25:00 as a time" in harness.last_reply(ALICE.id)


async def test_daylight_saving_keeps_the_local_time(harness: BotHarness) -> None:
    # New York springs forward on Sunday 10 March 2024: 21:30 EST is 02:30 UTC, EDT 01:30 UTC.
    with time_machine.travel(utc(9, 12, month=3), tick=False):
        await say(harness, ALICE, "/timezone America/New_York")
    assert job_time(harness, ALICE.id) == utc(10, 2, 30, month=3)
    with time_machine.travel(utc(10, 2, 30, month=3), tick=False):
        await run_checkin_job(harness, ALICE.id)
    assert len(prompts(harness, ALICE)) == 1
    assert job_time(harness, ALICE.id) == utc(11, 1, 30, month=3)


async def test_the_scheduler_sends_the_checkin_at_its_time(harness: BotHarness) -> None:
    queue = harness.app.job_queue
    assert queue is not None
    with time_machine.travel(NOON, tick=True):
        await say(harness, ALICE, "/checkin_at 21:30")
    await queue.start()
    try:
        with time_machine.travel(utc(3, 21, 30), tick=True):
            queue.scheduler.wakeup()
            await harness.api.wait_until(lambda: bool(prompts(harness, ALICE)), what="prompt")
    finally:
        await queue.stop(wait=False)
    checkin = await harness.store.checkins.get(ALICE.id, date(2024, 6, 3))
    assert checkin is not None and checkin.due_at == utc(3, 21, 30)


async def test_restart_within_two_hours_sends_the_missed_checkin(
    make_harness: HarnessFactory,
) -> None:
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        await say(first, ALICE, "/start")
    # Down from before 21:30 until 23:15: still within the two hours' grace.
    with time_machine.travel(utc(3, 23, 15), tick=False):
        second = await make_harness()
        assert job_time(second, ALICE.id) == utc(3, 23, 15)  # at once
        await run_checkin_job(second, ALICE.id)
    assert len(prompts(second, ALICE)) == 1
    assert job_time(second, ALICE.id) == utc(4, 21, 30)


async def test_restart_after_more_than_two_hours_counts_the_day_missed(
    make_harness: HarnessFactory,
) -> None:
    with time_machine.travel(NOON, tick=False):
        first = await make_harness()
        await say(first, ALICE, "/start")
    with time_machine.travel(utc(3, 23, 45), tick=False):
        second = await make_harness()
    missed = await second.store.checkins.get(ALICE.id, date(2024, 6, 3))
    assert missed is not None and missed.status == "missed"
    assert job_time(second, ALICE.id) == utc(4, 21, 30)
    assert prompts(second, ALICE) == []


async def test_one_reminder_after_an_hour_then_missed_when_the_day_ends(
    harness: BotHarness,
) -> None:
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await say(harness, ALICE, "/checkin")
    with time_machine.travel(utc(3, 22, 29), tick=False):
        await run_sweep(harness)
    assert "still waiting" not in harness.last_reply(ALICE.id)
    with time_machine.travel(utc(3, 22, 31), tick=False):
        await run_sweep(harness)
        assert "still waiting" in harness.last_reply(ALICE.id)
        assert "Evening check-in" in harness.last_reply(ALICE.id)
        await run_sweep(harness)
    assert sum("still waiting" in text for text in harness.replies(ALICE.id)) == 1
    # DAY_START is 04:00: Monday's check-in closes at 04:00 on Tuesday.
    with time_machine.travel(utc(4, 4, 1), tick=False):
        await run_sweep(harness)
    checkin = await harness.store.checkins.get(ALICE.id, date(2024, 6, 3))
    assert checkin is not None and checkin.status == "missed"


async def test_a_snoozed_checkin_comes_back_after_thirty_minutes(harness: BotHarness) -> None:
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Remind me in 30 min")
    with time_machine.travel(utc(3, 22, 1), tick=False):
        await run_sweep(harness)
    assert "still waiting" in harness.last_reply(ALICE.id)


async def test_pause_skips_days_without_breaking_the_streak(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "wrote the doc")
        await say(harness, ALICE, "/pause 2024-06-05")
    assert job_time(harness, ALICE.id) == utc(6, 21, 30)
    assert "paused up to and including 2024-06-05" in harness.last_reply(ALICE.id)
    records = await harness.store.checkins.between(ALICE.id, date(2024, 6, 1), date(2024, 6, 9))
    assert [(r.day.day, r.status) for r in records] == [(3, "paused"), (4, "paused"), (5, "paused")]
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
        await run_checkin_job(harness, ALICE.id)
        await run_checkin_job(harness, BOB.id)
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert not prefs.enabled
    assert job_time(harness, ALICE.id) is None
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
        await run_checkin_job(harness, ALICE.id)
    assert len(prompts(harness, ALICE)) == 1
    assert job_time(harness, ALICE.id) == utc(4, 21, 30)


async def test_a_429_is_waited_out_and_retried(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/start")
    harness.api.fail_next("sendMessage", status=429, retry_after=0)
    with time_machine.travel(utc(3, 21, 30), tick=False):
        await run_checkin_job(harness, ALICE.id)
    assert len(prompts(harness, ALICE)) == 1


async def test_checkin_off_removes_the_job_and_settings_show_it(harness: BotHarness) -> None:
    with time_machine.travel(NOON, tick=False):
        await say(harness, ALICE, "/checkin_off")
        assert job_time(harness, ALICE.id) is None
        await say(harness, ALICE, "/settings")
    assert "Check-in: off" in harness.last_reply(ALICE.id)
    assert "Working day: 09:00–18:00" in harness.last_reply(ALICE.id)
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        await say(harness, ALICE, "/checkin_at 21:00 weekdays")
        await say(harness, ALICE, "/settings")
    assert "Check-in: 21:00 on Mon, Tue, Wed, Thu, Fri" in harness.last_reply(ALICE.id)
    assert "Next check-in: 2024-06-03 21:00" in harness.last_reply(ALICE.id)


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
    paused = await harness.store.checkins.between(ALICE.id, date(2024, 6, 1), date(2026, 1, 1))
    assert len(paused) == 367  # every day from 3 June 2024 to 4 June 2025, and no more


async def test_one_users_far_pause_saved_earlier_does_not_stop_start_up(
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
        await say(second, ALICE, "/settings")
    assert job_time(second, BOB.id) == utc(3, 21, 30)
    assert job_time(second, ALICE.id) is None
    assert "Paused up to and including 9999-12-31" in second.last_reply(ALICE.id)
