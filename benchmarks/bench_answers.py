"""A user with ten years of entries (~60,000): handler time of /week, /month and /search, and
`jrnl -contains` against `daylog search` as whole processes. Prints figures, never asserts;
`bench_answers.py jrnl` runs only the race.

Handler time is `Application.process_update` for a real Update, with the in-process fake Bot API
standing in for Telegram (so the network is not part of it). Targets: under 20 ms per answer;
the whole-process search at least ten times faster than jrnl (pip install -e '.[bench]' for it).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from _setup import NOW, ROOT, TIMEZONE, USER_ID, percentile, ten_year_store
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.transfer.export import render_jrnl
from fakebotapi import FakeBotApi, FakeRequest, FakeUser

os.environ.setdefault("PTB_TIMEDELTA", "true")
TOKEN = "123456789:AAH-benchmark-token"
RUNS, WARM_UP = 40, 3
COMMANDS = (
    "/week",
    "/month",
    "/search 网关",  # two characters, ~4,000 matches
    "/search 预算",  # two characters, no match: the whole index is asked
    "/search 深度学习",  # four characters
    "/search kubernetes",  # an English word
)
JRNL_WORDS = ("kubernetes", "网关")
PROCESS_RUNS = 5
_JRNL_HEADER = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}", re.M)

# The header of `daylog search`'s answer ends with the range it shows: `… 第 1–1674 条`.
_DAYLOG_RANGE = re.compile(r"(\d+)–(\d+)")


def daylog_search() -> list[str]:
    """`daylog search` as a user runs it: the console script beside this Python (else -m bot)."""
    script = Path(sys.executable).parent / "daylog"
    return [str(script), "search"] if script.exists() else [sys.executable, "-m", "bot", "search"]


async def handler_times(database: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",
        database_path=database,
        default_timezone=TIMEZONE,
    )
    user = FakeUser(USER_ID, "Bench", "zh-hans")
    async with FakeBotApi(TOKEN) as api:
        app = build_application(
            settings, request=FakeRequest(api), get_updates_request=FakeRequest(api)
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        print(
            f"handler time, {await app.bot_data.store.entries.count(USER_ID)} entries "
            f"over {len(await app.bot_data.store.stats.active_days(USER_ID))} days:"
        )
        for command in COMMANDS:
            samples = []
            for run in range(WARM_UP + RUNS):
                update = Update.de_json(api.command_update(user, command, date=NOW), app.bot)
                started = time.perf_counter()
                await app.process_update(update)
                if run >= WARM_UP:
                    samples.append((time.perf_counter() - started) * 1000)
            reply = api.sent_messages(USER_ID)[-1].get("text", "")[:60].replace("\n", " | ")
            print(
                f"  {command:<20} median {percentile(samples, 0.5):6.1f} ms"
                f"  p95 {percentile(samples, 0.95):6.1f} ms   ({reply})"
            )
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()


def jrnl_race(database: Path, folder: Path, entries_text: str) -> None:
    jrnl = shutil.which("jrnl", path=str(Path(sys.executable).parent)) or shutil.which("jrnl")
    if jrnl is None:
        print("jrnl is not installed: pip install '.[bench]' (jrnl>=4.1,<5) to race it")
        return
    journal = folder / "journal.txt"
    journal.write_text(entries_text, encoding="utf-8")
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\nversion: v4.1\n",
        encoding="utf-8",
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(folder / "config"), "PYTHONPATH": str(ROOT)}
    daylog = daylog_search()
    print(f"whole-process search, {PROCESS_RUNS} runs each (median), daylog as {daylog[0]}:")
    for word in JRNL_WORDS:
        jrnl_time, jrnl_out = _time_process([jrnl, "-contains", word], env)
        ours = [*daylog, word, "--database", str(database), "--user", str(USER_ID)]
        ours_time, ours_out = _time_process(ours, env)
        jrnl_hits = len(_JRNL_HEADER.findall(jrnl_out))
        shown = _DAYLOG_RANGE.search(ours_out.partition("\n")[0])
        ours_hits = int(shown[2]) if shown else 0
        print(
            f"  {word:<12} jrnl -contains {jrnl_time * 1000:7.0f} ms ({jrnl_hits} hits)"
            f" | daylog {ours_time * 1000:5.0f} ms ({ours_hits} hits)"
            f" | {jrnl_time / ours_time:4.1f}x faster"
        )


def _time_process(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    samples, output = [], ""
    for _ in range(PROCESS_RUNS):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        samples.append(time.perf_counter() - started)
        output = done.stdout
    return percentile(samples, 0.5), output


async def main(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        # Built once (about a minute) and kept between runs; delete the file to rebuild it.
        database = Path(tempfile.gettempdir()) / "daylog-bench" / "ten-years-v2.sqlite3"
        started = time.perf_counter()
        store = await ten_year_store(database, fresh=not database.exists())
        entries = await store.entries.between(USER_ID, NOW.date().replace(year=2000), NOW.date())
        await store.close()
        took = time.perf_counter() - started
        print(f"ten-year log of {len(entries)} entries ready in {took:.1f} s ({database})")
        if "handlers" in parts:
            await handler_times(database)
        if "jrnl" in parts:
            jrnl_race(database, folder, render_jrnl(entries, tz=ZoneInfo(TIMEZONE)))


if __name__ == "__main__":
    # `bench_answers.py jrnl` runs only the race against jrnl; no argument runs both parts.
    asyncio.run(main(sys.argv[1:] or ["handlers", "jrnl"]))
