"""End to end: backups taken while the real bot writes, restore, health and the run lock."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fakebotapi import FakeBotApiServer, FakeUser
from tests.conftest import TOKEN, assert_calls_follow_the_spec
from tests.e2e import ROOT, BotProcess
from tests.test_e2e import bot_env

USERS = [FakeUser(2000 + n, f"user{n}", "en") for n in range(4)]
MAX_UPDATES = 5000  # the writer stops by itself even if a test forgets to stop it


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(token=TOKEN) as running:
        yield running
    assert_calls_follow_the_spec(running.api)


async def keep_writing(
    server: FakeBotApiServer, sent: list[tuple[int, int]], stop: asyncio.Event
) -> None:
    """Send messages in batches of 20, each batch once the last was answered, until `stop`."""
    api = server.api
    while not stop.is_set() and len(sent) < MAX_UPDATES:
        for _ in range(20):
            user = USERS[len(sent) % len(USERS)]
            update = api.push(api.text_update(user, f"entry {len(sent)} of {user.first_name}"))
            sent.append((user.id, update["message"]["message_id"]))
        await api.wait_for("sendMessage", len(sent), timeout=60)


async def daylog(*args: str | Path, database: Path, **extra: str) -> tuple[int, str]:
    """The real `python -m bot <args>` as a separate process, as an operator would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(database)}
    env.pop("BOT_TOKEN", None)  # commands other than `run` must not need it
    env.update(extra)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *map(str, args),
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


def acknowledged(server: FakeBotApiServer, sent: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """(chat, message) the bot has answered: updates are handled in order, one reply each."""
    replies = Counter(message["chat"]["id"] for message in server.api.sent_messages())
    acked = set()
    for chat_id, count in replies.items():
        in_chat = [key for key in sent if key[0] == chat_id]
        acked.update(in_chat[:count])
    return acked


def stored_keys(database: Path) -> set[tuple[int, int]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT chat_id, message_id FROM entries").fetchall()
    return {(int(chat), int(message)) for chat, message in rows}


async def test_backups_taken_while_the_bot_writes_restore_every_acknowledged_entry(
    server: FakeBotApiServer,
    tmp_path: Path,
) -> None:
    api, database = server.api, tmp_path / "data" / "log.sqlite3"
    sent: list[tuple[int, int]] = []
    backups: list[tuple[Path, set[tuple[int, int]]]] = []
    env = bot_env(server, database, LOG_LEVEL="INFO")
    async with BotProcess(tmp_path / "run", env) as bot:
        await api.wait_for("setMyCommands", 2, timeout=30)
        stop = asyncio.Event()
        writer = asyncio.create_task(keep_writing(server, sent, stop))
        # Three backups while the bot keeps writing; what it acknowledged before each backup
        # started must be in that backup.
        for round_ in range(3):
            await api.wait_for("sendMessage", 100 * (round_ + 1), timeout=60)
            acked_before = acknowledged(server, sent)
            target = tmp_path / f"backup-{round_}.sqlite3"
            code, output = await daylog("backup", target, database=database)
            assert code == 0, output
            assert "integrity_check ok" in output
            backups.append((target, acked_before))
        assert not writer.done(), "the writer must still be running: backups were concurrent"
        stop.set()
        await writer

        code, output = await daylog("health", database=database)
        assert code == 0, output
        assert output.startswith(f"ok: pid {bot.process.pid}") if bot.process else False
        code, output = await daylog("restore", "--yes", backups[0][0], database=database)
        assert code == 1
        assert "stop it, then restore" in output
        # A second bot on the same database refuses to start instead of sharing it.
        code, output = await daylog("run", database=database, BOT_TOKEN=TOKEN)
        assert code == 1
        assert "in use by another daylog" in output

        assert await bot.stop(signal.SIGTERM) == 0
    assert TOKEN not in bot.log()

    for backup, acked_before in backups:
        restored = tmp_path / "restored" / f"{backup.stem}.sqlite3"
        code, output = await daylog("restore", "--yes", backup, database=restored)
        assert code == 0, output
        with sqlite3.connect(restored) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert acked_before <= stored_keys(restored)
        assert len(acked_before) >= 100
    # After the bot stopped, a restore over the live database is allowed.
    code, output = await daylog("restore", "--yes", backups[-1][0], database=database)
    assert code == 0, output
    assert backups[-1][1] <= stored_keys(database)
