"""Import history-2021-2023.md into a fresh database (target: under 2 s). Prints, never asserts."""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from _setup import HISTORY, percentile

from bot.store import Store
from bot.transfer.importing import import_log

RUNS = 5


async def one_run(folder: Path, number: int) -> tuple[float, int, float]:
    store = await Store.open(folder / f"import-{number}.sqlite3")
    user = await store.users.ensure(
        1, chat_id=1, language="zh", timezone="Asia/Shanghai", now=datetime.now(UTC)
    )
    data = HISTORY.read_bytes()
    started = time.perf_counter()
    outcome = await import_log(store, user, data)
    elapsed = time.perf_counter() - started
    # What the bot's background task does next: the entries' search index.
    started = time.perf_counter()
    await store.search_index.index_all()
    indexed = time.perf_counter() - started
    await store.close()
    assert not isinstance(outcome, str)
    return elapsed, outcome.added, indexed


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        runs = [await one_run(Path(folder), number) for number in range(RUNS)]
    seconds = [elapsed for elapsed, _, _ in runs]
    indexing = [indexed for _, _, indexed in runs]
    print(
        f"import {HISTORY.name}: {runs[0][1]} entries; "
        f"median {percentile(seconds, 0.5):.3f} s, worst {max(seconds):.3f} s "
        f"over {RUNS} fresh databases (target < 2 s); then indexed for search in the"
        f" background in {percentile(indexing, 0.5):.3f} s"
    )


if __name__ == "__main__":
    asyncio.run(main())
