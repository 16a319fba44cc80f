"""One loop for every user's check-in: sleep until the earliest due time, claim, hand over.

Nothing here is per user. Due times live in indexed columns (the next check-in in
`checkin_due`, a reminder or snooze in `checkins.remind_at`, the end of an open check-in's day
in `checkins.closes_at`), so start-up reads nothing per user and catch-up after downtime is the
same query as any other pass: whatever is due by now. Each pass claims at most a batch of each
kind with a conditional UPDATE (exclusive between loops and processes sharing the database),
opens the batch's check-ins in a few queries and queues their sends in the outbox, waiting
for room there first, so memory stays bounded by the batch however many users fall due at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import UTC, datetime, timedelta
from functools import partial

from bot.context import DaylogApplication
from bot.evening.jobs import nudge, open_due, send_opened

log = logging.getLogger(__name__)

BATCH = 100
# A claimed check-in not handled by then (the process died) comes due again. A batch waits at
# most about BATCH / BROADCAST_RATE seconds in the outbox, far less than this.
LEASE = timedelta(minutes=15)
# Sleep at most this long, so a due time written by another process is seen within a minute.
MAX_SLEEP_SECONDS = 60.0
MIN_SLEEP_SECONDS = 0.5
# After a failed pass (the database was locked too long), wait before the next.
RETRY_SECONDS = 5.0


class CheckinScheduler:
    """The due-time loop of one process; `wake()` after planning an earlier due time."""

    def __init__(self, app: DaylogApplication) -> None:
        self._app = app
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start the loop (inside the running event loop, once the store is open)."""
        self._task = asyncio.create_task(self._run(), name="checkin-scheduler")

    async def stop(self) -> None:
        """Stop the loop; what it claimed and did not hand over comes due again later."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    def wake(self) -> None:
        """Look at the due times again now, not at the end of the current sleep."""
        self._wake.set()

    async def run_once(self, now: datetime) -> bool:
        """One pass: day ends, reminders, check-ins, a batch of each; True if more may wait."""
        store, outbox = self._app.bot_data.store, self._app.bot_data.outbox
        ended = await store.checkins.close_ended(now, limit=BATCH)
        for checkin in ended:
            log.info("check-in %s of user %s missed", checkin.id, checkin.user_id)
        nudges = await store.checkins.claim_due_nudges(now, limit=BATCH)
        for checkin in nudges:
            outbox.put(partial(nudge, self._app, checkin.id))
        due = await store.checkins.claim_due(now, lease_until=now + LEASE, limit=BATCH)
        if due:
            for opened in await open_due(self._app, due):
                outbox.put(partial(send_opened, self._app, opened))
        return BATCH in (len(ended), len(nudges), len(due))

    async def drain(self, now: datetime | None = None) -> None:
        """Pass until nothing is due at `now` (default: the clock), and wait for the outbox."""
        outbox = self._app.bot_data.outbox
        while await self.run_once(now or datetime.now(UTC)):
            await outbox.join()
        await outbox.join()

    async def _run(self) -> None:
        outbox = self._app.bot_data.outbox
        while True:
            try:
                await outbox.wait_for_room(BATCH)
                self._wake.clear()
                if await self.run_once(datetime.now(UTC)):
                    continue
                await self._sleep(await self._seconds_to_next())
            except Exception:
                # The loop must outlive any one failure: every user's check-ins depend on it.
                log.exception("check-in pass failed; trying again")
                await self._sleep(RETRY_SECONDS)

    async def _seconds_to_next(self) -> float:
        earliest = await self._app.bot_data.store.checkins.earliest_due()
        if earliest is None:
            return MAX_SLEEP_SECONDS
        seconds = (earliest - datetime.now(UTC)).total_seconds()
        # Past due yet nothing claimed: another process took it a moment ago; no busy loop.
        return min(max(seconds, MIN_SLEEP_SECONDS), MAX_SLEEP_SECONDS)

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), seconds)
