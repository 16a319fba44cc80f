"""Check-ins: every user due in the same minute, against Telegram's limit (30/s, or paid 1,000/s).

Run: .venv/bin/python benchmarks/bench_checkin.py [--users 10000] [--limit 30]
     .venv/bin/python benchmarks/bench_checkin.py --users 100000 --limit 1000
The users are prepared with bulk SQL through the store's schema, each with one entry today and
a check-in planned at the same minute. The bot runs as a real process (`python -m bot`, with
BROADCAST_RATE=limit) polling the fake Bot API over HTTP on 127.0.0.1; the fake answers 429
with retry_after above `--limit` sends a second. Prints the time from that minute until the
last prompt was delivered, the ideal (users / limit), their ratio, prompts lost and sent twice,
the number of 429s, the bot's peak memory (max RSS of the process) and how long another
user's messages, written one after another through the burst, waited for their replies
(median and p95). Targets: within 1.05 x the ideal, none lost, none twice, under 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.progress.notations import READER_VERSION  # noqa: E402
from bot.store import Store  # noqa: E402
from fakebotapi import FakeBotApiServer, FakeUser  # noqa: E402

TOKEN = "424242:BENCH-token"
FIRST_USER_ID = 100_000
# Writes to the bot through the burst: does a reply wait behind the check-ins?
PROBE = FakeUser(FIRST_USER_ID - 1, "probe")
# How many messages it writes, evenly from a tenth to nine tenths of the ideal time.
PROBES = 21
# Time for the bot to start before the minute comes (it listens within a second).
LEAD_SECONDS = 10


async def prepare_database(path: Path, users: int, today: datetime) -> None:
    """Users registered a day ago, each with an entry today and a daily check-in."""
    store = await Store.open(path)  # the schema the bot will find
    await store.close()
    registered = (today - timedelta(days=1)).isoformat()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
            " WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)"
            " SELECT ? + i, ? + i, CASE i % 2 WHEN 0 THEN 'en' ELSE 'zh' END, 'UTC', ? FROM n",
            (users, FIRST_USER_ID, FIRST_USER_ID, registered),
        )
        connection.execute(
            "INSERT INTO checkin_settings (user_id, at, weekdays, enabled, updated_at)"
            " SELECT user_id, '21:30', '0123456', 1, ? FROM users",
            (registered,),
        )
        # Something logged today, so the prompt lists an entry as it would for a real user.
        connection.execute(
            "INSERT INTO entries (user_id, chat_id, text, day, created_at)"
            " SELECT user_id, user_id, '写文档 2h', ?, ? FROM users",
            (today.date().isoformat(), registered),
        )
    connection.close()
    # A restart, not an upgrade: the entries count as read by the current progress reader
    # (else the first start reads every user's entries again, once, before it listens).
    store = await Store.open(path)
    await store.reparses.mark_everyone_read_by(READER_VERSION)
    await store.close()


def plan_everyone_at(path: Path, due: datetime) -> None:
    """Every user's check-in at `due` (UTC), and planned for it."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE checkin_settings SET at = ?", (due.strftime("%H:%M"),))
        connection.execute("UPDATE checkin_due SET due_at = ?", (due.isoformat(),))
    connection.close()


def due_minute(now: datetime) -> datetime:
    """The first whole minute at least LEAD_SECONDS after the database is ready."""
    start = now + timedelta(seconds=LEAD_SECONDS)
    return start.replace(second=0, microsecond=0) + timedelta(minutes=1)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--limit", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        database = workdir / "bench.sqlite3"
        started_setup = time.perf_counter()
        await prepare_database(database, args.users, datetime.now(UTC))
        # A check-in minute after midnight UTC would belong to the day before; keep it simple.
        due = due_minute(datetime.now(UTC))
        plan_everyone_at(database, due)
        print(f"setup: {args.users} users in {time.perf_counter() - started_setup:.1f} s")
        async with FakeBotApiServer(token=TOKEN, limit_per_second=args.limit) as server:
            for n in range(args.users):
                server.api.add_chat(FakeUser(FIRST_USER_ID + n, f"user{n}"))
            server.api.add_chat(PROBE)
            env = dict(os.environ)
            env.update(
                BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=server.url,
                DATABASE_PATH=str(database),
                LOG_LEVEL="WARNING",
                BROADCAST_RATE=str(args.limit),
                PYTHONPATH=str(ROOT),
            )
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                cwd=workdir,
                env=env,
                stdout=asyncio.subprocess.DEVNULL,
            )
            try:
                await server.api.wait_for("getUpdates", 1, timeout=LEAD_SECONDS)
                wait = (due - datetime.now(UTC)).total_seconds()
                print(
                    f"bot up; all {args.users} check-ins due at {due:%H:%M:%S} UTC, in {wait:.0f} s"
                )
                probe = asyncio.create_task(reply_during_burst(server, args.users, args.limit, due))
                delivered_at = await wait_for_prompts(server, args.users, due)
                reply_waits = await probe
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            report(server, args, due, delivered_at)
            print(
                f"replies during the burst ({len(reply_waits)}) waited:"
                f" median {statistics.median(reply_waits) * 1000:.0f} ms,"
                f" p95 {statistics.quantiles(reply_waits, n=20)[18] * 1000:.0f} ms,"
                f" max {max(reply_waits) * 1000:.0f} ms"
            )


async def wait_for_prompts(server: FakeBotApiServer, users: int, due: datetime) -> datetime:
    """Wait until every user has a prompt; return when the last one arrived.

    The fake's call counter wakes the wait cheaply; listing sent messages (10,000 dicts) is done
    only when enough sendMessage calls arrived, so the fake stays quick to answer.
    """
    timeout = 10 * users / 30 + 600
    while True:
        await server.api.wait_for("sendMessage", users + server.api.rate_limited_count, timeout)
        arrived = datetime.now(UTC)
        if len(checkin_messages(server)) >= users:
            return arrived
        await asyncio.sleep(0.05)


async def reply_during_burst(
    server: FakeBotApiServer, users: int, limit: int, due: datetime
) -> list[float]:
    """Write to the bot through the burst, one message after another; each reply's wait (s)."""
    ideal = users / limit
    waits = []
    for n in range(PROBES):
        at = due + timedelta(seconds=ideal * (0.1 + 0.8 * n / (PROBES - 1)))
        await asyncio.sleep(max(0.0, (at - datetime.now(UTC)).total_seconds()))
        asked = time.perf_counter()
        update = server.api.push(server.api.text_update(PROBE, f"读完了《三体》 {n}"))
        # The reply is the chat's next message: one lookup, not a scan of every message sent.
        reply_id = update["message"]["message_id"] + 1
        await server.api.wait_until(
            lambda reply_id=reply_id: server.api.message(PROBE.id, reply_id) is not None,
            what="reply",
            timeout=600,
        )
        waits.append(time.perf_counter() - asked)
    return waits


def checkin_messages(server: FakeBotApiServer) -> list[dict[str, object]]:
    """What the bot sent, but for its reply to the probe."""
    return [m for m in server.api.sent_messages() if m["chat"]["id"] != PROBE.id]


def report(
    server: FakeBotApiServer, args: argparse.Namespace, due: datetime, last: datetime
) -> None:
    messages = checkin_messages(server)
    per_chat = Counter(message["chat"]["id"] for message in messages)
    prompts = sum(
        "check-in" in message.get("text", "") or "自检" in message.get("text", "")
        for message in messages
    )
    elapsed = (last - due).total_seconds()
    ideal = args.users / args.limit
    bot = resource.getrusage(resource.RUSAGE_CHILDREN)
    fake = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = bot.ru_maxrss / 1024
    duplicates = sum(per_chat.values()) - len(per_chat)
    lost = args.users - len(per_chat)
    print(f"prompts delivered: {prompts} to {len(per_chat)} chats")
    print(f"lost: {lost}, sent twice: {duplicates}")
    print(f"time until the last prompt: {elapsed:.1f} s")
    print(f"ideal ({args.users} / {args.limit} per s): {ideal:.1f} s")
    print(f"ratio: {elapsed / ideal:.3f} (target <= 1.05)")
    print(f"429 answers: {server.api.rate_limited_count}")
    print(f"bot peak memory (max RSS): {peak_mb:.0f} MB (target <= 150 MB)")
    # On a busy machine the two processes share the cores: CPU says who was the bottleneck.
    print(
        f"CPU seconds: bot {bot.ru_utime + bot.ru_stime:.0f},"
        f" fake Bot API and this script {fake.ru_utime + fake.ru_stime:.0f}"
    )


if __name__ == "__main__":
    asyncio.run(main())
