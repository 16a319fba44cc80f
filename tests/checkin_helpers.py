"""Helpers for check-in tests: press a button by its label, run a job's callback directly."""

from __future__ import annotations

from typing import Any

from bot.evening.jobs import SWEEP_JOB, job_name
from fakebotapi import FakeUser
from tests.conftest import BotHarness


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button under a message."""
    keyboard = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(button["text"], button["callback_data"]) for row in keyboard for button in row]


def message_with(harness: BotHarness, chat_id: int, label: str) -> tuple[dict[str, Any], str]:
    """The newest bot message in the chat with a button whose label contains `label`."""
    for message in reversed(harness.api.sent_messages(chat_id)):
        for text, data in buttons(message):
            if label in text:
                return message, data
    raise AssertionError(f"no button {label!r} in chat {chat_id}")


async def press(
    harness: BotHarness, user: FakeUser, label: str, chat_id: int | None = None
) -> None:
    """`user` presses the newest button labelled `label` in the chat (their own by default)."""
    message, data = message_with(harness, chat_id or user.id, label)
    await harness.feed(harness.api.callback_update(user, message, data))


async def say(harness: BotHarness, user: FakeUser, text: str) -> None:
    """`user` sends a text message (or a command) now."""
    await harness.feed(harness.api.text_update(user, text))


async def run_checkin_job(harness: BotHarness, user_id: int) -> None:
    """Run a user's scheduled check-in job's callback now, as the scheduler would."""
    queue = harness.app.job_queue
    assert queue is not None
    (job,) = queue.get_jobs_by_name(job_name(user_id))
    await job.run(harness.app)
    await harness.app.bot_data.outbox.join()


async def run_sweep(harness: BotHarness) -> None:
    """Run the reminder and day-end sweep once."""
    queue = harness.app.job_queue
    assert queue is not None
    (job,) = queue.get_jobs_by_name(SWEEP_JOB)
    await job.run(harness.app)
    await harness.app.bot_data.outbox.join()


def job_time(harness: BotHarness, user_id: int) -> Any:
    """When the user's check-in job will run (its DateTrigger's run date), or None."""
    queue = harness.app.job_queue
    assert queue is not None
    aps_job = queue.scheduler.get_job(job_name(user_id))
    return None if aps_job is None else aps_job.trigger.run_date
