"""How fast /progress answers for a heavy user: ten years of entries, 2,000 updates, 60 items.

Run on purpose (`make bench`, or `.venv/bin/python benchmarks/bench_progress.py`); it prints its
figures and asserts nothing about time. The handlers run through Application.process_update with
the in-process fake Bot API, against a real SQLite file, so the figures include PTB, the store,
the reports and the (fake) HTTP round trip, but no network.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

from _setup import TOKEN, bench_settings
from telegram import Update
from telegram.request import RequestData

from bot.app import build_application
from bot.log.capture import capture_text
from bot.progress.charts import progress_chart
from bot.store import Store
from fakebotapi import FakeBotApi, FakeRequest, FakeUser

USER = FakeUser(101, "Heavy", "en")
YEARS = 10
ENTRIES = 20_000
UPDATES = 2_000
ITEMS = 60
RUNS = 200
CHART_RUNS = 40
SEED = 20231006
TODAY = date(2023, 10, 6)


class TimedRequest(FakeRequest):
    """The fake transport, noting when the bot sends its first text of a handler run."""

    first_text_at: float | None = None

    async def do_request(  # noqa: PLR0917 - BaseRequest's signature
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        answer = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if url.endswith("/sendMessage") and self.first_text_at is None:
            self.first_text_at = time.perf_counter()
        return answer


def texts(rng: random.Random) -> list[tuple[date, str]]:
    """(day, text) of every entry, oldest first: plain notes, 2,000 of them with progress."""
    first = TODAY - timedelta(days=365 * YEARS)
    days = sorted(first + timedelta(days=rng.randrange(365 * YEARS)) for _ in range(ENTRIES))
    with_progress = set(rng.sample(range(ENTRIES), UPDATES))
    totals = {n: rng.choice((100, 240, 366, 572, 920)) for n in range(ITEMS)}
    values = dict.fromkeys(range(ITEMS), 0)
    out = []
    for index, day in enumerate(days):
        if index in with_progress:
            n = rng.randrange(ITEMS)
            values[n] = min(values[n] + rng.randint(1, 30), totals[n])
            out.append((day, f"- 阅读《Book {n:02d} 的标题》 - 进度 {values[n]}/{totals[n]}"))
        else:
            out.append((day, f"worked on task {index}: fixed a bug, 3 tests, read for 20 min"))
    return out


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(1000 * s for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)) - 1)]
    return f"{name:<34} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   n={len(ms)}"


async def fill(path: Path) -> None:
    store = await Store.open(path)
    user = await store.users.ensure(
        USER.id, chat_id=USER.id, language="en", timezone="UTC", now=datetime.now(UTC)
    )
    started = time.perf_counter()
    for day, text in texts(random.Random(SEED)):
        sent_at = datetime.combine(day, clock(12), tzinfo=UTC)
        await capture_text(store, user, text, sent_at=sent_at, day_start=clock(4))
    print(f"filled {ENTRIES} entries through capture in {time.perf_counter() - started:.1f} s")
    items = await store.progress.items(USER.id)
    print(f"  entries {await store.entries.count(USER.id)}, progress items {len(items)}")
    await store.close()


async def measure(path: Path) -> None:
    async with FakeBotApi(TOKEN) as api:
        request = TimedRequest(api)
        settings = bench_settings(path)
        app = build_application(settings, request=request, get_updates_request=FakeRequest(api))
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        try:
            await run(app, api, request)
        finally:
            assert app.post_shutdown is not None
            await app.post_shutdown(app)
            await app.shutdown()


async def run(app: Any, api: FakeBotApi, request: TimedRequest) -> None:
    async def timed(update: dict[str, Any]) -> tuple[float, float]:
        request.first_text_at = None
        started = time.perf_counter()
        await app.process_update(Update.de_json(update, app.bot))
        ended = time.perf_counter()
        return ended - started, (request.first_text_at or ended) - started

    for _ in range(5):  # warm caches (fonts, SQLite pages, PTB)
        await timed(api.command_update(USER, "/progress"))
        await timed(api.command_update(USER, "/progress book 07"))
    listing = [(await timed(api.command_update(USER, "/progress")))[0] for _ in range(RUNS)]
    message = api.sent_messages(USER.id)[-1]
    pages = [
        (await timed(api.callback_update(USER, message, f"progress:page:{n % 8}")))[0]
        for n in range(RUNS)
    ]
    detail_runs = [
        await timed(api.command_update(USER, f"/progress book {n % ITEMS:02d}"))
        for n in range(CHART_RUNS)
    ]
    store: Store = app.bot_data.store
    item = (await store.progress.items(USER.id))[0]
    points = await store.progress.points(USER.id, item.id)
    charts = []
    for _ in range(CHART_RUNS):
        started = time.perf_counter()
        progress_chart(item.title, points, (TODAY + timedelta(days=30), 572.0))
        charts.append(time.perf_counter() - started)
    print(summary("/progress (first page)", listing))
    print(summary("/progress page button", pages))
    print(summary("/progress <name>: text answer", [text for _, text in detail_runs]))
    print(summary("/progress <name>: text + chart", [whole for whole, _ in detail_runs]))
    print(summary(f"chart alone ({len(points)} points)", charts))


async def main(keep: Path | None, filled: bool) -> None:
    """Fill a database (unless ``keep`` holds one already) and measure."""
    if keep is not None:
        if not filled:
            await fill(keep)
        await measure(keep)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "daylog.sqlite3"
        await fill(path)
        await measure(path)


if __name__ == "__main__":
    # An optional path keeps the filled database between runs (filling takes most of a minute).
    KEEP = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    asyncio.run(main(KEEP, filled=KEEP is not None and KEEP.exists()))
