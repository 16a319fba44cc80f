"""Ingest: 2,000 messages from 20 users through the fake Bot API, daylog against an echo bot.

Run: .venv/bin/python benchmarks/bench_ingest.py [--messages 2000] [--rounds 3]
Every bot runs as a real process polling the fake server over HTTP on 127.0.0.1, one at a
time, alternating (in reverse order every other round), so the machine's noise falls on all.
Prints messages per second and the ratio daylog / echo (target: at least 0.80).

Three bots run:
- echo: a bare python-telegram-bot echo bot (benchmarks/echo_bot.py), on PTB's default HTTP
  client (HTTPX);
- daylog: as shipped, on aiohttp (TELEGRAM_HTTP_CLIENT's default, see bot/transport.py);
- daylog-httpx: daylog on the echo bot's HTTP client, so the second ratio shows what daylog's
  own work (storing, understanding, answering) costs against the same transport.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fakebotapi import FakeBotApiServer, FakeUser  # noqa: E402

TOKEN = "424242:BENCH-token"
USERS = [FakeUser(5000 + n, f"user{n}", "zh" if n % 2 else "en") for n in range(20)]
SAMPLE_LINES = [
    "阅读《Go 程序设计语言(英文版)》 - 进度 72%",
    "Linux/Unix 系统编程手册 - 进度 21/572",
    "- 写周报\n  - 整理了网关的预算\n  - review 了两个 PR",
    "The Great Gatsby - 10/41",
    "跑步 5km，状态不错 🎉",
]


async def run_once(
    command: list[str], messages: int, workdir: Path, extra_env: dict[str, str]
) -> float:
    """Start a bot, push `messages` updates at once, return messages per second."""
    async with FakeBotApiServer(token=TOKEN) as server:
        env = dict(os.environ)
        env.update(
            BOT_TOKEN=TOKEN,
            TELEGRAM_API_URL=server.url,
            DATABASE_PATH=str(workdir / f"bench-{time.monotonic_ns()}.sqlite3"),
            LOG_LEVEL="WARNING",
            PYTHONPATH=str(ROOT),
        )
        env.update(extra_env)
        process = await asyncio.create_subprocess_exec(
            *command, cwd=workdir, env=env, stdout=asyncio.subprocess.DEVNULL
        )
        try:
            await server.api.wait_for("getUpdates", 1, timeout=60)
            updates = [
                server.api.text_update(USERS[n % len(USERS)], SAMPLE_LINES[n % len(SAMPLE_LINES)])
                for n in range(messages)
            ]
            started = time.perf_counter()
            for update in updates:
                server.api.push(update)
            await server.api.wait_for("sendMessage", messages, timeout=600)
            elapsed = time.perf_counter() - started
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()
    return messages / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    bots: dict[str, tuple[list[str], dict[str, str]]] = {
        "echo": ([python, str(ROOT / "benchmarks" / "echo_bot.py")], {}),
        "daylog": ([python, "-m", "bot"], {"TELEGRAM_HTTP_CLIENT": "aiohttp"}),
        "daylog-httpx": ([python, "-m", "bot"], {"TELEGRAM_HTTP_CLIENT": "httpx"}),
    }
    rates: dict[str, list[float]] = {name: [] for name in bots}
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(1, args.rounds + 1):
            # Every other round runs the bots in reverse order, so a machine that speeds up or
            # slows down during a round does not always favour the same bot.
            order = list(bots.items()) if round_number % 2 else list(reversed(bots.items()))
            for name, (command, extra_env) in order:
                rate = await run_once(command, args.messages, Path(folder), extra_env)
                rates[name].append(rate)
                print(f"round {round_number}: {name:12} {rate:7.1f} msg/s", flush=True)
    median = {name: statistics.median(found) for name, found in rates.items()}
    print(f"\n{args.messages} messages from {len(USERS)} users, median of {args.rounds} rounds")
    print(f"echo bot (PTB, HTTPX)  : {median['echo']:7.1f} msg/s")
    print(f"daylog (aiohttp)       : {median['daylog']:7.1f} msg/s")
    print(f"daylog on HTTPX        : {median['daylog-httpx']:7.1f} msg/s")
    print(f"ratio daylog / echo    : {median['daylog'] / median['echo']:.2f} (target >= 0.80)")
    print(f"ratio, same HTTP client: {median['daylog-httpx'] / median['echo']:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
