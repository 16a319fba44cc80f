"""Helpers for check-in tests: press a button by its label, run the scheduler's passes."""

from __future__ import annotations

from typing import Any

from bot.checkin.models import DueTime
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


async def run_due(harness: BotHarness) -> None:
    """Run the check-in scheduler's passes until nothing is due now, and what they queued."""
    await harness.app.bot_data.checkin_scheduler.drain()


async def due_time(harness: BotHarness, user_id: int) -> DueTime:
    """When the user's next check-in is planned (UNPLANNED until a pass plans it; None: off)."""
    return await harness.store.checkins.due(user_id)
