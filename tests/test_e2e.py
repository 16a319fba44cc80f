"""End to end: the real bot process, long polling the fake Bot API over HTTP."""

from __future__ import annotations

import signal
import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fakebotapi import FakeBotApiServer, FakeUser
from tests.conftest import TOKEN, assert_calls_follow_the_spec
from tests.e2e import BotProcess

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh")


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(token=TOKEN) as running:
        yield running
    assert_calls_follow_the_spec(running.api)


def bot_env(server: FakeBotApiServer, database: Path, **extra: str) -> dict[str, str]:
    return {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": server.url,
        "DATABASE_PATH": str(database),
        "LOG_LEVEL": "DEBUG",
        **extra,
    }


def stored_texts(database: Path) -> list[tuple[int, int, str]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT chat_id, message_id, text FROM entries ORDER BY chat_id, message_id"
        ).fetchall()
    return [(int(chat), int(message), str(text)) for chat, message, text in rows]


async def test_capture_end_to_end_then_clean_sigterm(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    database = tmp_path / "data" / "log.sqlite3"
    async with BotProcess(tmp_path / "run", bot_env(server, database)) as bot:
        await server.api.wait_for("setMyCommands", 2, timeout=30)
        server.api.push(server.api.text_update(ALICE, "阅读《Go 程序设计语言》 - 进度 72%"))
        server.api.push(server.api.text_update(BOB, "<b>not bold</b> & more"))
        server.api.push(server.api.command_update(BOB, "/today"))
        await server.api.wait_for("sendMessage", 3, timeout=30)
        assert "<b>not bold</b> &amp; more" not in server.api.sent_messages(BOB.id)[-1]["text"]
        assert "<b>not bold</b> & more" in server.api.sent_messages(BOB.id)[-1]["text"]
        assert await bot.stop(signal.SIGTERM) == 0
    log = bot.log()
    assert "database closed" in log
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log
    # A clean close checkpoints the WAL into the database file.
    wal = database.with_name(database.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert [text for _, _, text in stored_texts(database)] == [
        "阅读《Go 程序设计语言》 - 进度 72%",
        "<b>not bold</b> & more",
    ]


async def test_ctrl_c_exits_zero(server: FakeBotApiServer, tmp_path: Path) -> None:
    async with BotProcess(tmp_path, bot_env(server, tmp_path / "log.sqlite3")) as bot:
        await server.api.wait_for("getUpdates", 1, timeout=30)
        assert await bot.stop(signal.SIGINT) == 0


async def test_missing_token_stops_with_one_clear_line(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": "", "DATABASE_PATH": str(tmp_path / "x.sqlite3")}
    async with BotProcess(tmp_path, env) as bot:
        assert bot.process is not None
        assert await bot.process.wait() == 2
    lines = bot.log().strip().splitlines()
    assert len(lines) == 1
    assert "BotFather" in lines[0]


async def test_bad_setting_names_the_variable(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": TOKEN, "DEFAULT_TIMEZONE": "Mars/Olympus"}
    async with BotProcess(tmp_path, env) as bot:
        assert bot.process is not None
        assert await bot.process.wait() == 2
    assert "DEFAULT_TIMEZONE='Mars/Olympus'" in bot.log()
    assert TOKEN not in bot.log()


async def test_sigkill_mid_burst_loses_no_acknowledged_entry(
    server: FakeBotApiServer, tmp_path: Path
) -> None:
    """Every entry the bot acknowledged survives SIGKILL, and redelivery adds no duplicate."""
    api = server.api
    database = tmp_path / "log.sqlite3"
    users = [FakeUser(1000 + n, f"user{n}", "en") for n in range(5)]
    burst = 300
    sent: list[tuple[int, int]] = []
    async with BotProcess(tmp_path, bot_env(server, database, LOG_LEVEL="INFO")) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        for n in range(burst):
            user = users[n % len(users)]
            update = api.push(api.text_update(user, f"entry {n} from {user.first_name}"))
            sent.append((user.id, update["message"]["message_id"]))
        await api.wait_for("sendMessage", burst // 3, timeout=60)
        assert await bot.stop(signal.SIGKILL) == -signal.SIGKILL
    # Updates are handled in order, so the first k replies in a chat acknowledge its first k.
    acknowledged = Counter(message["chat"]["id"] for message in api.sent_messages())
    acked_messages = set()
    for chat_id, count in acknowledged.items():
        in_chat = [message_id for chat, message_id in sent if chat == chat_id]
        acked_messages.update((chat_id, message_id) for message_id in in_chat[:count])
    assert acked_messages, "the burst was not under way when the bot was killed"
    stored = stored_texts(database)
    stored_keys = [(chat, message) for chat, message, _ in stored]
    assert acked_messages <= set(stored_keys)
    assert len(stored_keys) == len(set(stored_keys))

    replies_before = len(api.sent_messages())
    async with BotProcess(tmp_path, bot_env(server, database, LOG_LEVEL="INFO")) as bot:
        await api.wait_until(lambda: not api.pending_updates, timeout=60, what="redelivery")
        await api.wait_for("sendMessage", replies_before + (burst - len(stored_keys)), timeout=60)
        assert await bot.stop(signal.SIGTERM) == 0
    final_keys = [(chat, message) for chat, message, _ in stored_texts(database)]
    assert sorted(final_keys) == sorted(sent)


async def test_rejected_token_says_what_to_fix(server: FakeBotApiServer, tmp_path: Path) -> None:
    env = bot_env(server, tmp_path / "log.sqlite3", BOT_TOKEN="999:not-the-right-token")
    async with BotProcess(tmp_path, env) as bot:
        assert bot.process is not None
        assert await bot.process.wait() == 1
    log = bot.log()
    assert "Telegram rejected BOT_TOKEN" in log
    assert "Traceback" not in log
    assert "not-the-right-token" not in log
