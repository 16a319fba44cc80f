"""Indexing imported entries for search after the import, a chunk per transaction.

A big import writes its entries without the trigram index (building it is most of the cost of
adding them, issue 14) and records their ids as a run in `unindexed_entries` (migration 0015);
search looks through such runs without the index meanwhile (bot/store/search.py). The task
here indexes them in the background, in small transactions so that everyone else's writes wait
tens of milliseconds at most, and the runs left by a crash are indexed after the next start.
"""

from __future__ import annotations

import asyncio
import logging

import aiosqlite

from bot.store.database import Database, fetch_all, fetch_one

log = logging.getLogger(__name__)

# Text indexed per transaction: about 30 ms of trigram building (73 ms at most over a 20 MB
# import), which is as long as another user's message may wait behind it.
CHUNK_CHARACTERS = 64 * 1024
# Ids looked at per transaction, so that a run of tiny entries is not read whole at once.
_CHUNK_ROWS = 1000


async def mark_unindexed(connection: aiosqlite.Connection, first_id: int, last_id: int) -> None:
    """Inside the transaction that adds entries `first_id`..`last_id` (the next ids, under the
    write lock): keep them out of the index until the task reaches them.

    A run whose last entries were deleted may reach past the largest id; those ids are about to
    be the new ones, so the older run is cut short rather than overlap this one (an entry in two
    runs would be indexed twice).
    """
    await connection.execute(
        "UPDATE unindexed_entries SET last_id = ? WHERE last_id >= ?", (first_id - 1, first_id)
    )
    await connection.execute("DELETE FROM unindexed_entries WHERE first_id > last_id")
    await connection.execute(
        "INSERT INTO unindexed_entries (first_id, last_id) VALUES (?, ?)", (first_id, last_id)
    )


class SearchIndexer:
    """Indexes the runs of unindexed entries, now (`index_next`) or in a background task."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()

    async def behind(self) -> int:
        """How many entries wait to be indexed."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM unindexed_entries r"
            " CROSS JOIN entries e ON e.id BETWEEN r.first_id AND r.last_id"
        )
        return int(row[0]) if row else 0

    async def index_next(self, characters: int = CHUNK_CHARACTERS) -> int:
        """Index the next chunk of unindexed entries in one transaction; returns how many ids
        it moved past (0 when nothing is left)."""
        async with self._db.transaction() as connection:
            run = await fetch_one(
                connection,
                "SELECT first_id, last_id FROM unindexed_entries ORDER BY first_id LIMIT 1",
            )
            if run is None:
                return 0
            first_id, last_id = int(run[0]), int(run[1])
            end = await _chunk_end(connection, first_id, last_id, characters)
            await connection.execute(
                "INSERT INTO entry_grams (rowid, text)"
                " SELECT id, text || char(10) FROM entries WHERE id BETWEEN ? AND ?",
                (first_id, end),
            )
            # The watermark moves in the same transaction: a crash repeats no entry nor skips one.
            if end >= last_id:
                await connection.execute(
                    "DELETE FROM unindexed_entries WHERE first_id = ?", (first_id,)
                )
            else:
                await connection.execute(
                    "UPDATE unindexed_entries SET first_id = ? WHERE first_id = ?",
                    (end + 1, first_id),
                )
        return end - first_id + 1

    async def index_all(self) -> int:
        """Index everything still unindexed, a chunk at a time; returns how many ids."""
        done = 0
        while step := await self.index_next():
            done += step
        return done

    def start(self) -> None:
        """Index in the background from now on: what a crash left, then each import's run."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="search_indexer")

    def wake(self) -> None:
        """Entries were added unindexed: the background task (if started) goes on to them."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop the background task; a chunk it was writing is rolled back, to be redone."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            indexed = 0
            while step := await self.index_next():
                indexed += step
                # Between chunks, whatever else waits for the connection goes first.
                await asyncio.sleep(0)
            if indexed:
                log.info("indexed %d imported entries for search", indexed)
            await self._wake.wait()


async def _chunk_end(
    connection: aiosqlite.Connection, first_id: int, last_id: int, characters: int
) -> int:
    """The last id of a chunk from `first_id`: about `characters` of text, at least one entry."""
    rows = await fetch_all(
        connection,
        "SELECT id, length(text) FROM entries WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?",
        (first_id, last_id, _CHUNK_ROWS),
    )
    end = last_id if len(rows) < _CHUNK_ROWS else int(rows[-1][0])
    total = 0
    for row in rows:
        total += int(row[1])
        if total >= characters:
            return int(row[0])
    return end
