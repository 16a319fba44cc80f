"""Check-ins: 10,000 users due in the same minute, against Telegram's limit of 30 messages/s.

Run: .venv/bin/python benchmarks/bench_checkin.py [--users 10000] [--limit 30]
The bot runs as a real process (`python -m bot`) polling the fake Bot API over HTTP on
127.0.0.1; the fake answers 429 with retry_after above `--limit` sends a second. Every user's
check-in is set to the same minute. Prints the time from that minute until the last prompt was
delivered, the ideal (users / limit), their ratio, the number of 429s and the bot's peak memory
(max RSS of the process). Targets: within 1.1 x the ideal, no prompt lost, under 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.checkin.models import CheckinPrefs  # noqa: E402
from bot.store import Store  # noqa: E402
from fakebotapi import FakeBotApiServer, FakeUser  # noqa: E402

TOKEN = "424242:BENCH-token"
FIRST_USER_ID = 100_000
# The bot needs a few seconds to start and rebuild 10,000 jobs before the minute comes.
LEAD_SECONDS = 40


async def prepare_database(path: Path, users: int, due: datetime) -> None:
    """Users registered a day ago, every one with a check-in at the due minute (UTC)."""
    store = await Store.open(path)
    registered = due - timedelta(days=1)
    for n in range(users):
        user_id = FIRST_USER_ID + n
        await store.users.ensure(
            user_id,
            chat_id=user_id,
            language="zh" if n % 2 else "en",
            timezone="UTC",
            now=registered,
        )
        await store.checkins.save_prefs(
            CheckinPrefs(user_id=user_id, at=due.time().replace(tzinfo=None)), now=registered
        )
        # Something logged today, so the prompt lists an entry as it would for a real user.
        await store.entries.add(user_id, "写文档 2h", due.date(), created_at=registered)
    await store.close()


def due_minute(now: datetime, users: int) -> datetime:
    """The first whole minute after the database is ready and the bot is up."""
    # Writing a user takes about 3 ms here; the bot then needs LEAD_SECONDS to start.
    start = now + timedelta(seconds=LEAD_SECONDS + users * 0.005)
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
        due = due_minute(datetime.now(UTC), args.users)
        # A check-in minute after midnight UTC would belong to the day before; keep it simple.
        await prepare_database(database, args.users, due)
        if datetime.now(UTC) > due - timedelta(seconds=15):
            raise SystemExit("setup took too long for the chosen minute; run again")
        print(f"setup: {args.users} users in {time.perf_counter() - started_setup:.1f} s")
        async with FakeBotApiServer(token=TOKEN, limit_per_second=args.limit) as server:
            for n in range(args.users):
                server.api.add_chat(FakeUser(FIRST_USER_ID + n, f"user{n}"))
            env = dict(os.environ)
            env.update(
                BOT_TOKEN=TOKEN,
                TELEGRAM_API_URL=server.url,
                DATABASE_PATH=str(database),
                LOG_LEVEL="WARNING",
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
                delivered_at = await wait_for_prompts(server, args.users, due)
            finally:
                process.send_signal(signal.SIGTERM)
                await process.wait()
            report(server, args, due, delivered_at)


async def wait_for_prompts(server: FakeBotApiServer, users: int, due: datetime) -> datetime:
    """Wait until every user has a prompt; return when the last one arrived.

    The fake's call counter wakes the wait cheaply; listing sent messages (10,000 dicts) is done
    only when enough sendMessage calls arrived, so the fake stays quick to answer.
    """
    timeout = 10 * users / 30 + 600
    while True:
        await server.api.wait_for("sendMessage", users + server.api.rate_limited_count, timeout)
        arrived = datetime.now(UTC)
        if len(server.api.sent_messages()) >= users:
            return arrived
        await asyncio.sleep(0.05)


def report(
    server: FakeBotApiServer, args: argparse.Namespace, due: datetime, last: datetime
) -> None:
    messages = server.api.sent_messages()
    per_chat = Counter(message["chat"]["id"] for message in messages)
    prompts = sum(
        "check-in" in message.get("text", "") or "自检" in message.get("text", "")
        for message in messages
    )
    elapsed = (last - due).total_seconds()
    ideal = args.users / args.limit
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    duplicates = sum(per_chat.values()) - len(per_chat)
    lost = args.users - len(per_chat)
    print(f"prompts delivered: {prompts} to {len(per_chat)} chats")
    print(f"lost: {lost}, duplicates: {duplicates}")
    print(f"time until the last prompt: {elapsed:.1f} s")
    print(f"ideal ({args.users} / {args.limit} per s): {ideal:.1f} s")
    print(f"ratio: {elapsed / ideal:.3f} (target <= 1.10)")
    print(f"429 answers: {server.api.rate_limited_count}")
    print(f"bot peak memory (max RSS): {peak_mb:.0f} MB (target < 150 MB)")


if __name__ == "__main__":
    asyncio.run(main())
