"""A big import costs in proportion to its size: reading, the preview and the Import press each
take about four times as long for a file four times as big (a ratio within one run, issue 14)."""

import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.models import UserSettings
from bot.store import Store
from bot.transfer.importing import ImportPlan, carry_out, plan_import, read_file
from tests.corpus import HISTORY, corpus_text
from tests.growth import best_of

NOW = datetime(2023, 10, 7, 9, 0, tzinfo=UTC)
ZONE = ZoneInfo("Asia/Shanghai")
MB = 1024 * 1024
# Four times the input: linear is 4, quadratic 16; the margin is for a busy machine (and for
# SQLite, whose B-trees and page cache make a bigger insert a little dearer per row).
LINEAR = 10


def repeat_to(text: str, size: int) -> bytes:
    """`text` repeated to about `size` bytes, cut after a whole line."""
    data = text.encode()
    data = (data * (size // len(data) + 1))[:size]
    return data[: data.rfind(b"\n") + 1]


def shapes() -> dict[str, str]:
    journal = "".join(
        f"[2024-05-{day:02d} 09:15:00 AM] Read 2 chapters. 进度 {day}/572\nbody line\n\n"
        for day in range(1, 29)
    )
    nested = "### 2024-05-17\n" + "".join(
        " " * (depth % 400) + "- 进度 21/572 x\n" for depth in range(4000)
    )
    return {"corpus": corpus_text(HISTORY), "jrnl": journal, "nested bullets": nested}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "growth.sqlite3")
    yield opened
    await opened.close()


async def async_best_of(runs: int, call: Callable[[], Awaitable[object]]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        await call()
        timings.append(time.perf_counter() - start)
    return min(timings)


class Users:
    """A fresh user for each import, so that every run adds the whole file."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last = 0

    async def next(self) -> UserSettings:
        self.last += 1
        return await self.store.users.ensure(
            self.last, chat_id=self.last, language="zh", timezone=str(ZONE), now=NOW
        )


@pytest.mark.parametrize("shape", ["corpus", "jrnl", "nested bullets"])
def test_reading_a_file_is_linear_in_its_size(shape: str) -> None:
    text = shapes()[shape]
    small, large = repeat_to(text, MB // 4), repeat_to(text, MB)
    # Alternated: a burst of other work on the shared machine then slows both sizes alike.
    timings: dict[bytes, list[float]] = {small: [], large: []}
    for _ in range(3):
        for data, runs in timings.items():
            runs.append(best_of(1, functools.partial(read_file, data, ZONE)))
    assert min(timings[large]) / min(timings[small]) < LINEAR


async def test_the_preview_is_linear_in_the_file_size(store: Store) -> None:
    users = Users(store)
    small, large = repeat_to(shapes()["corpus"], MB // 4), repeat_to(shapes()["corpus"], MB)

    async def preview(data: bytes) -> None:
        assert isinstance(await plan_import(store, await users.next(), data), ImportPlan)

    ratio = await async_best_of(3, lambda: preview(large)) / await async_best_of(
        3, lambda: preview(small)
    )
    assert ratio < LINEAR


@pytest.mark.parametrize("shape", ["corpus", "jrnl"])
async def test_the_import_press_is_linear_in_the_file_size(store: Store, shape: str) -> None:
    users = Users(store)
    text = shapes()[shape]
    plans = {}
    for size in (MB // 4, MB):
        user = await users.next()
        plan = await plan_import(store, user, repeat_to(text, size))
        assert isinstance(plan, ImportPlan)
        plans[size] = plan

    async def press(size: int) -> None:
        # Each run a user whose log is empty: the plan's entries are all new to them.
        outcome = await carry_out(store, await users.next(), plans[size])
        assert outcome is not None
        assert outcome.added == len(plans[size].new)

    # Alternated, so that both sizes meet a database of about the same size.
    timings: dict[int, list[float]] = {MB // 4: [], MB: []}
    for _ in range(3):
        for size, runs in timings.items():
            runs.append(await async_best_of(1, functools.partial(press, size)))
    assert min(timings[MB]) / min(timings[MB // 4]) < LINEAR
