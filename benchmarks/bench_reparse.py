"""How long reading a heavy user's entries again takes: the upgrade at start, and `daylog reparse`.

The ten-year database of bench_progress.py (20,000 entries, 2,000 updates, 60 items), plus 2,000
entries with counts written as an older bot stored them (their counts unread), as an upgraded
database holds them. Run on purpose (`.venv/bin/python benchmarks/bench_reparse.py [db]`, where
a given path keeps bench_progress.py's filled database); it prints its figures and asserts
nothing about time.
"""

from __future__ import annotations

import asyncio
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # fakebotapi/ and tests/ sit beside bot/

from benchmarks.bench_progress import ITEMS, TODAY, USER, YEARS, fill  # noqa: E402
from bot.progress.notations import parse_progress  # noqa: E402
from bot.progress.reparse import reparse_behind, reparse_user  # noqa: E402
from bot.store import Store  # noqa: E402

COUNTS = 2_000
SEED = 20261129


async def add_old_counts(store: Store) -> None:
    """Entries with counts, stored without their progress, as a bot before counts left them."""
    rng = random.Random(SEED)
    first = TODAY - timedelta(days=365 * YEARS)
    for index in range(COUNTS):
        day = first + timedelta(days=rng.randrange(365 * YEARS))
        n = rng.randrange(ITEMS)
        text = rng.choice(
            (
                f"- 阅读《Book {n:02d} 的标题》 读到了第 {index % 40 + 1} 章",
                f"Day {index % 100 + 1} of #100DaysOfCode",
                f"- 《Series {n:02d}》 第 {index % 30 + 1} 集",
            )
        )
        sent_at = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=20)
        await store.entries.add(USER.id, text, day, created_at=sent_at)


async def measure(path: Path) -> None:
    store = await Store.open(path)
    try:
        await add_old_counts(store)
        await store.database.write("DELETE FROM progress_reparses")
        rows = await store.database.fetchall(
            "SELECT text FROM entries WHERE user_id = ?", (USER.id,)
        )
        started = time.perf_counter()
        found = sum(len(parse_progress(row[0])) for row in rows)
        parsing = time.perf_counter() - started
        print(f"{len(rows)} entries: reading their text alone {parsing:.2f} s ({found} updates)")

        started = time.perf_counter()
        upgraded = await reparse_behind(store, datetime.now(UTC))
        first = time.perf_counter() - started
        done = upgraded[USER.id]
        print(
            f"at start after the upgrade: {first:.2f} s, {done.changed_entries} entries changed"
            f" (+{done.added} −{done.removed} updates, {done.new_items} new items)"
        )
        started = time.perf_counter()
        again = await reparse_user(store, USER.id, datetime.now(UTC))
        second = time.perf_counter() - started
        print(
            f"daylog reparse again (nothing to change): {second:.2f} s,"
            f" {again.changed_entries} entries changed"
        )
        started = time.perf_counter()
        assert await reparse_behind(store, datetime.now(UTC)) == {}
        print(
            f"next start (recorded, nothing read): {1000 * (time.perf_counter() - started):.1f} ms"
        )
        print(f"ratio: a second reading costs {second / first:.2f} of the first")
        await store.database.write("DELETE FROM progress_reparses")
        # Counts and small totals gone again, so the command beside the bot has writing to do.
        await store.database.write("DELETE FROM progress_updates WHERE unit != 'pages'")
        await beside_the_bot(store, path)
    finally:
        await store.close()


async def beside_the_bot(store: Store, path: Path) -> None:
    """`daylog reparse` in its own process while this one writes, as the bot would capture."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "reparse",
        "--database",
        str(path),
        stdout=asyncio.subprocess.PIPE,
        env={"PATH": "", "PYTHONPATH": str(ROOT)},
    )
    waits = []
    while process.returncode is None:
        started = time.perf_counter()
        await store.database.write("UPDATE users SET chat_id = chat_id WHERE user_id = ?", (0,))
        waits.append(time.perf_counter() - started)
        await asyncio.sleep(0.02)
    output, _ = await process.communicate()
    print(f"daylog reparse beside the bot: {output.decode().strip()}")
    print(
        f"  a write of the bot meanwhile waited at most {1000 * max(waits):.0f} ms"
        f" ({len(waits)} writes)"
    )


async def main(keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "daylog.sqlite3"
        if keep is not None and keep.exists():  # noqa: ASYNC240 - before anything runs
            shutil.copy(keep, path)  # the kept database stays as bench_progress.py left it
        else:
            await fill(path)
            if keep is not None:
                shutil.copy(path, keep)
        await measure(path)


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
