"""Webhook mode end to end: the real bot process, its webhook server and the fake Bot API."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from fakebotapi import SECRET_TOKEN_HEADER, FakeBotApiServer, FakeUser
from tests.conftest import TOKEN
from tests.e2e import BotProcess

ALICE = FakeUser(101, "Alice", "en")
MALLORY = FakeUser(666, "Mallory", "en")
SECRET = "s3cret_Webhook-token"


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(token=TOKEN) as running:
        yield running


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def entry_texts(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT text FROM entries ORDER BY id")]


async def test_updates_arrive_by_webhook_and_forged_posts_get_403(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    api, port, database = server.api, free_port(), tmp_path / "log.sqlite3"
    url = f"http://127.0.0.1:{port}/daylog-hook"
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_PATH": str(database),
        "WEBHOOK_URL": url,
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": SECRET,
        "LOG_LEVEL": "INFO",
    }
    async with BotProcess(tmp_path / "run", env) as bot:
        await api.wait_for("setWebhook", 1, timeout=30)
        assert api.webhook is not None
        assert api.webhook.url == url
        assert api.webhook.secret_token == SECRET
        await api.wait_for("setMyCommands", 2, timeout=30)

        api.push(api.text_update(ALICE, "shipped the webhook mode"))
        api.push(api.command_update(ALICE, "/today"))
        await api.wait_for("sendMessage", 2, timeout=30)
        assert "Saved under" in api.sent_messages(ALICE.id)[0]["text"]
        assert "shipped the webhook mode" in api.sent_messages(ALICE.id)[1]["text"]
        # An update is answered (and leaves Telegram's queue) once handled, after its reply.
        await api.wait_until(lambda: not api.pending_updates, timeout=30, what="answered")
        # setWebhook comes once the server listens: every delivery found it, none was refused.
        assert {status for _, status in api.webhook_deliveries} == {200}

        # A forged update, as anyone who finds the URL could send it: no header, a wrong one.
        forged = api.text_update(MALLORY, "forged entry")
        forged["update_id"] = 99_999
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {SECRET_TOKEN_HEADER: "wrong"}):
                async with session.post(
                    url,
                    data=json.dumps(forged),
                    headers={"Content-Type": "application/json", **headers},
                ) as response:
                    assert response.status == 403
        # Something the bot does after the forged posts shows they were not queued meanwhile.
        api.push(api.command_update(ALICE, "/today"))
        await api.wait_for("sendMessage", 3, timeout=30)
        assert await bot.stop(signal.SIGTERM) == 0

    assert entry_texts(database) == ["shipped the webhook mode"]
    assert api.sent_messages(MALLORY.id) == []
    log = bot.log()
    assert TOKEN not in log
    assert SECRET not in log
    assert "webhook for @" in log


async def test_webhook_without_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {
        "BOT_TOKEN": TOKEN,
        "DATABASE_PATH": str(tmp_path / "log.sqlite3"),
        "WEBHOOK_URL": "https://bot.example.org/daylog",
    }
    async with BotProcess(tmp_path, env) as bot:
        assert bot.process is not None
        assert await bot.process.wait() == 2
    lines = bot.log().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("daylog: WEBHOOK_SECRET")
    assert "required when WEBHOOK_URL is set" in lines[0]


def stored_keys(database: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT chat_id, message_id FROM entries").fetchall()
    return [(int(chat), int(message)) for chat, message in rows]


async def test_sigkill_loses_no_update_telegram_was_told_arrived(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    """The webhook answers 200 only after handling, so a killed bot gets the rest again."""
    api, port, database = server.api, free_port(), tmp_path / "log.sqlite3"
    api.webhook_retry_delay = 0.05
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_PATH": str(database),
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/daylog-hook",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET": SECRET,
        "LOG_LEVEL": "INFO",
    }
    users = [FakeUser(1000 + n, f"user{n}", "en") for n in range(3)]
    burst = 60
    sent: dict[int, tuple[int, int]] = {}
    async with BotProcess(tmp_path / "run", env) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        for n in range(burst):
            update = api.push(api.text_update(users[n % len(users)], f"entry {n}"))
            message = update["message"]
            sent[update["update_id"]] = (message["chat"]["id"], message["message_id"])
        await api.wait_for("sendMessage", burst // 3, timeout=60)
        assert await bot.stop(signal.SIGKILL) == -signal.SIGKILL
    answered = [update_id for update_id, status in api.webhook_deliveries if status == 200]
    assert answered, "the burst was not under way when the bot was killed"
    # Every update Telegram was told had arrived is stored, once.
    delivered = {sent[update_id] for update_id in answered}
    assert delivered <= set(stored_keys(database))
    assert len(stored_keys(database)) == len(set(stored_keys(database)))
    assert api.pending_updates, "nothing was left for the restart"

    async with BotProcess(tmp_path / "run", env) as bot:
        await api.wait_until(lambda: not api.pending_updates, timeout=60, what="redelivery")
        assert await bot.stop(signal.SIGTERM) == 0
    # After the restart every message is stored exactly once: none lost, none doubled.
    assert sorted(stored_keys(database)) == sorted(sent.values())
