"""Admins: /admin_stats, alerts when a handler fails, and the one-line-per-event log."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from telegram import Update
from telegram.ext import CommandHandler

from bot import __version__
from bot.context import DaylogContext
from bot.store.database import bundled_migrations
from fakebotapi import FakeUser
from tests.conftest import TOKEN, BotHarness, HarnessFactory

ADMIN = FakeUser(1, "Root", "en")
ALICE = FakeUser(101, "Alice", "en")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


async def explode(update: Update, context: DaylogContext) -> None:
    """A handler that fails and quotes what the user wrote, as careless code does."""
    assert update.effective_message and update.effective_message.text
    raise ValueError(f"could not read {update.effective_message.text!r}")


async def admin_harness(make_harness: HarnessFactory) -> BotHarness:
    harness = await make_harness(admin_user_ids=frozenset({ADMIN.id}), allowed_user_ids={ALICE.id})
    harness.app.add_handler(CommandHandler("boom", explode), group=-4)
    return harness


async def test_admin_stats_for_admins_only(make_harness: HarnessFactory) -> None:
    harness = await admin_harness(make_harness)
    await harness.feed(harness.api.text_update(ALICE, "one", date=MONDAY))
    await harness.feed(harness.api.document_update(ALICE, "a.bin", b"x" * 2048, date=MONDAY))
    await harness.feed(harness.api.command_update(ALICE, "/admin_stats"))
    assert "don't know that command" in harness.last_reply(ALICE.id)
    # The admin is not in ALLOWED_USER_IDS, and is let in all the same.
    await harness.feed(harness.api.command_update(ADMIN, "/admin_stats"))
    reply = harness.last_reply(ADMIN.id)
    assert f"daylog {__version__}" in reply
    assert "users: 2" in reply
    assert "entries: 2" in reply
    assert "media files: 2.0 KiB, 0 waiting for a transcript" in reply
    assert f"KiB (schema {bundled_migrations()[-1].version})" in reply
    assert "uptime: 0 d 0 h" in reply


async def test_failure_alerts_admins_once_a_minute_without_user_text(
    make_harness: HarnessFactory,
) -> None:
    harness = await admin_harness(make_harness)
    await harness.feed(harness.api.command_update(ADMIN, "/start"))
    with time_machine.travel(MONDAY, tick=False) as clock:
        await harness.feed(harness.api.command_update(ALICE, "/boom my private words"))
        await harness.feed(harness.api.command_update(ALICE, "/boom again"))
        clock.shift(timedelta(seconds=61))
        await harness.feed(harness.api.command_update(ALICE, "/boom later"))
    alerts = [text for text in harness.replies(ADMIN.id) if "handler failed" in text]
    assert len(alerts) == 2
    assert alerts[0] == "⚠️ A handler failed for user 101: ValueError\ncould not read '<user text>'"
    assert all("private" not in alert for alert in alerts)
    assert any("went wrong" in reply for reply in harness.replies(ALICE.id))


async def test_one_info_line_per_update_with_user_and_command_never_the_text(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    secret_text = "dear diary, the launch codes are 0000"
    await harness.feed(harness.api.text_update(ALICE, secret_text, date=MONDAY))
    await harness.feed(harness.api.command_update(ALICE, "/today"))
    await harness.feed(harness.api.text_update(ALICE, "/notacommand dear diary", date=MONDAY))
    await harness.feed(harness.api.sticker_update(ALICE))
    events = [r.getMessage() for r in caplog.records if r.name == "bot.events"]
    assert [line.split(" ", 2)[2] for line in events] == [
        "user 101 message",
        "user 101 /today",
        "user 101 unknown command",
        "user 101 message sticker",
    ]
    infos = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not any("diary" in line or TOKEN in line for line in infos)
    assert all("\n" not in line for line in infos)
