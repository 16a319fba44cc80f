"""Shared setup for the benchmarks: the repository on sys.path, the corpus, a ten-year log, and
the settings of a bot under test (the benchmarks do not lean on the test suite's conftest)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.log.capture import capture_imported  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.imports import NewEntry  # noqa: E402
from bot.transfer.markdown_log import parse_markdown_log  # noqa: E402

HISTORY = next(
    folder / "shared" / "corpus" / "history-2021-2023.md"
    for folder in ROOT.parents
    if (folder / "shared" / "corpus").is_dir()
)
USER_ID = 4242
TIMEZONE = "Asia/Shanghai"
NOW = datetime(2031, 6, 18, 12, 0, tzinfo=UTC)  # a Wednesday inside the ten years


TOKEN = "123456789:AAH-benchmark-token"


def bench_settings(database: Path, **overrides: Any) -> Settings:
    """Settings for a benchmark's bot: its own database, the fake Bot API, no .env file, no
    Whisper model loaded."""
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "telegram_api_url": "http://127.0.0.1:9",
        "database_path": database,
        "allowed_user_ids": frozenset(),
        "default_timezone": "UTC",
        "log_level": "INFO",
        "transcriber": "off",
    }
    return Settings(_env_file=None, **(values | overrides))


def ten_years(copies: int = 93, shift_days: int = 40) -> list[NewEntry]:
    """The corpus repeated with shifted dates: about 60,000 entries ending on NOW's day."""
    entries = parse_markdown_log(HISTORY.read_text(encoding="utf-8")).entries
    last = max(entry.day for entry in entries)
    zone = ZoneInfo(TIMEZONE)
    out = []
    for copy in range(copies):
        offset = (NOW.date() - last) - timedelta(days=copy * shift_days)
        for entry in entries:
            day = entry.day + offset
            created = datetime.combine(day, time(12), tzinfo=zone)
            out.append(NewEntry(day=day, text=entry.text, created_at=created))
    return out


async def ten_year_store(path: Path, *, fresh: bool) -> Store:
    """A store holding the ten-year log of USER_ID (built when `fresh`, else reused)."""
    store = await Store.open(path)
    if fresh:
        user = await store.users.ensure(
            USER_ID, chat_id=USER_ID, language="zh", timezone=TIMEZONE, now=NOW
        )
        # Through the import path, so progress is recorded as it is for a real user; then
        # indexed for search, as the bot's background task does right after.
        await capture_imported(store, user, ten_years())
        await store.search_index.index_all()
    return store


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at `fraction` (0.5 median, 0.95 p95) of the sorted samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
