"""Restart at scale: how long the bot is deaf, and how much memory it holds, with N users.

Run: .venv/bin/python benchmarks/bench_scale.py [--users 100000] [--users 1000000]
Each run prepares N users, every one with a daily check-in, with bulk SQL through the store's
own schema (migrated by `Store.open`), then starts the real bot (`python -m bot`) polling the
fake Bot API over HTTP on 127.0.0.1. Nobody's check-in is due during the run: it measures a
restart, not the evening. Prints, per N: the time from starting the process to its first
`getUpdates`, its memory (RSS) once it answered, and how long the first message took to be
answered. Goals: <= 2 s and <= 100 MB at 100,000 users; <= 5 s and <= 150 MB at 1,000,000.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.checkin.schedule import CheckinSchedule, next_occurrence  # noqa: E402
from bot.store import Store  # noqa: E402
from fakebotapi import FakeBotApiServer, FakeUser  # noqa: E402

TOKEN = "424242:BENCH-token"
FIRST_USER_ID = 1_000_000
ZONES = ("UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York")
# Far enough from now in every zone that no check-in falls due while the bot runs.
HOURS_AHEAD = 3


async def prepare_database(path: Path, users: int, now: datetime) -> None:
    """N users in four timezones, each with a daily check-in a few hours from now."""
    store = await Store.open(path)  # creates and migrates the schema the bot will find
    await store.close()
    at = (now + timedelta(hours=HOURS_AHEAD)).time().replace(second=0, microsecond=0)
    registered = (now - timedelta(days=30)).isoformat()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
            " WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)"
            " SELECT ? + i, ? + i, CASE i % 2 WHEN 0 THEN 'en' ELSE 'zh' END,"
            " CASE i % 4 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END, ? FROM n",
            (users, FIRST_USER_ID, FIRST_USER_ID, *ZONES, registered),
        )
        connection.execute(
            "INSERT INTO checkin_settings (user_id, at, weekdays, enabled, updated_at)"
            " SELECT user_id, ?, '0123456', 1, ? FROM users",
            (at.strftime("%H:%M"), registered),
        )
        if _has_table(connection, "checkin_due"):
            # The steady state after a restart: every user's next check-in already planned.
            for index, zone in enumerate(ZONES):
                schedule = CheckinSchedule(at=at, timezone=zone)
                due = next_occurrence(schedule, now)
                assert due is not None
                connection.execute(
                    "UPDATE checkin_due SET due_at = ? WHERE (user_id - ?) % 4 = ?",
                    (due.isoformat(), FIRST_USER_ID, index),
                )
    connection.close()


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def rss_mb(pid: int) -> float:
    """The resident memory of a process now, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(users: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        database = workdir / "bench.sqlite3"
        started_setup = time.perf_counter()
        await prepare_database(database, users, datetime.now(UTC))
        size_mb = database.stat().st_size / 1e6
        print(
            f"\n{users:,} users: prepared in {time.perf_counter() - started_setup:.1f} s"
            f" ({size_mb:.0f} MB database)"
        )
        writer = FakeUser(FIRST_USER_ID, "first", "en")
        async with FakeBotApiServer(token=TOKEN) as server:
            server.api.add_chat(writer)
            env = dict(os.environ)
            env.update(
                BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=server.url,
                DATABASE_PATH=str(database),
                LOG_LEVEL="WARNING",
                PYTHONPATH=str(ROOT),
            )
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", cwd=workdir, env=env, stdout=asyncio.subprocess.DEVNULL
            )
            try:
                await server.api.wait_for("getUpdates", 1, timeout=1200)
                listening = time.perf_counter() - started
                asked = time.perf_counter()
                server.api.push(server.api.text_update(writer, "读完了《三体》"))
                await server.api.wait_until(
                    lambda: bool(server.api.sent_messages(writer.id)), what="reply", timeout=600
                )
                answered = time.perf_counter() - asked
                await asyncio.sleep(2)  # let start-up work settle before reading memory
                memory = rss_mb(process.pid)
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
        print(f"start to first getUpdates: {listening:.2f} s")
        print(f"first reply latency: {answered * 1000:.0f} ms")
        print(f"memory (RSS) after start: {memory:.0f} MB")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, action="append")
    args = parser.parse_args()
    for users in args.users or [100_000]:
        await measure(users)


if __name__ == "__main__":
    asyncio.run(main())
