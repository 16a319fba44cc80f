"""Check-ins due at the same moment wait here, so that 10,000 of them cost little memory.

The scheduler loop puts small tasks here, a batch at a time, and a few workers take them in
order. Without it, 10,000 check-ins would each hold a prepared message, a context and a stack
of coroutines while waiting their turn at the rate limiter (about 40 KB each, 400 MB in all).
Nothing here needs to survive a restart: a check-in opened but not sent yet is asked again
by its reminder (`remind_at`), as after any failed send.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

# Enough to keep 30 sends a second flowing while some wait on the database or the network.
WORKERS = 64
# Each worker waits out one send's round trip to Telegram, a tenth of a second from a server
# well placed: at a paid rate of 1,000 a second that is 100 sends in flight, and 64 workers
# would cap it at 640. (The HTTP pool holds 128 connections: replies keep the rest.)
ROUND_TRIP_SECONDS = 0.1


def workers_for(rate: int) -> int:
    """How many workers keep `rate` sends a second flowing."""
    return max(WORKERS, math.ceil(rate * ROUND_TRIP_SECONDS))


Task = Callable[[], Awaitable[None]]


class Outbox:
    """A queue of check-in tasks and the workers that run them."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Task] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._room = asyncio.Event()
        self._room_below = 0

    def start(self, workers: int = WORKERS) -> None:
        """Start the workers (in post_init, inside the running event loop)."""
        self._workers = [
            asyncio.create_task(self._work(), name=f"checkin-outbox-{n}") for n in range(workers)
        ]

    def put(self, task: Task) -> None:
        """Queue a task; it runs when a worker is free."""
        self._queue.put_nowait(task)

    async def wait_for_room(self, below: int) -> None:
        """Wait until fewer than `below` tasks are queued, so whoever feeds it stays ahead of
        the workers by a bounded amount instead of queueing everything due at once."""
        while self._queue.qsize() >= below:
            self._room_below = below
            self._room.clear()
            await self._room.wait()

    async def join(self) -> None:
        """Wait until every queued task has run (tests, and a clean shutdown)."""
        await self._queue.join()

    async def stop(self) -> None:
        """Stop the workers; tasks still queued are dropped (start-up catches them up)."""
        for worker in self._workers:
            worker.cancel()
        for worker in self._workers:
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        self._workers = []

    async def _work(self) -> None:
        while True:
            task = await self._queue.get()
            if self._queue.qsize() < self._room_below:
                self._room.set()
            try:
                await task()
            except Exception:
                # A worker outlives any one user's failure; the next user's check-in must go.
                log.exception("a check-in task failed")
            finally:
                self._queue.task_done()
