"""Long polling: one chat's updates in order, a slow or throttled chat delaying only itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.polling import poll_until_stopped
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "en")
WEDNESDAY = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
async def polling(harness: BotHarness) -> AsyncIterator[BotHarness]:
    stop = asyncio.Event()
    task = asyncio.create_task(poll_until_stopped(harness.app, stop))
    yield harness
    stop.set()
    await asyncio.wait_for(task, timeout=10)


def push(harness: BotHarness, user: FakeUser, text: str) -> None:
    harness.api.push(harness.api.text_update(user, text, date=WEDNESDAY))


async def test_a_slow_stats_in_one_chat_does_not_hold_another(polling: BotHarness) -> None:
    api = polling.api
    push(polling, ALICE, "fixed the deploy job")
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's entry saved")
    api.fail_next("sendPhoto", status=None, delay=3.0)  # the heatmap: slow to arrive
    push(polling, ALICE, "/stats")
    await api.wait_for("sendPhoto")  # Alice's /stats is under way, its photo held back
    push(polling, BOB, "read Dune")
    await api.wait_until(lambda: bool(api.sent_messages(BOB.id)), what="Bob's answer")
    assert not [m for m in api.sent_messages(ALICE.id) if "photo" in m]
    await api.wait_until(
        lambda: any("photo" in m for m in api.sent_messages(ALICE.id)), what="the heatmap"
    )


async def test_a_429_on_one_chats_reply_does_not_hold_another(polling: BotHarness) -> None:
    api = polling.api
    api.fail_next("sendMessage", status=429, retry_after=3)
    push(polling, ALICE, "fixed the deploy job")
    await api.wait_for("sendMessage")  # Alice's reply was told to wait three seconds
    push(polling, BOB, "read Dune")
    await api.wait_until(lambda: bool(api.sent_messages(BOB.id)), what="Bob's answer")
    assert not api.sent_messages(ALICE.id)
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's answer")


async def test_one_chats_updates_are_handled_in_order_and_confirmed(
    polling: BotHarness,
) -> None:
    api = polling.api
    api.fail_next("sendMessage", status=None, delay=0.5)  # the first reply is slow
    for number in range(1, 6):
        push(polling, ALICE, f"entry {number}")
    await api.wait_until(lambda: len(api.sent_messages(ALICE.id)) == 5, what="five replies")
    entries = await polling.store.entries.on_day(ALICE.id, WEDNESDAY.date())
    assert [entry.text for entry in entries] == [f"entry {n}" for n in range(1, 6)]
    await api.wait_until(lambda: not api.pending_updates, what="every update confirmed")
