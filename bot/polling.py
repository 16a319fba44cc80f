"""Long polling that confirms an update only after it was handled (at-least-once).

python-telegram-bot's Updater confirms a batch to Telegram (the next getUpdates offset) as soon
as it is queued, so a crash loses what was fetched but not yet handled. Here the offset moves
past an update only once process_update has finished with it; a redelivered message after a
crash is recognised by its message id and stored once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TimedOut

from bot.context import DaylogApplication
from bot.lifecycle import running

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 30
MAX_BACKOFF_SECONDS = 60.0


async def poll_until_stopped(app: DaylogApplication, stop: asyncio.Event) -> None:
    """Fetch and handle updates one batch at a time until `stop` is set."""
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            app.bot.get_updates(
                offset=offset,
                timeout=LONG_POLL_SECONDS,
                allowed_updates=Update.ALL_TYPES,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if stop.is_set():
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, NetworkError):
                await fetch
            return
        try:
            updates = fetch.result()
        except RetryAfter as error:
            await _pause(stop, error.retry_after)
            continue
        except (TimedOut, NetworkError) as error:
            log.warning("getUpdates failed (%s); retrying in %.0f s", type(error).__name__, backoff)
            await _pause(stop, backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        backoff = 1.0
        if updates:
            await handle_batch(app, updates)
            offset = updates[-1].update_id + 1
    # Confirm what was handled, so a clean restart does not see it again.
    if offset is not None:
        with contextlib.suppress(NetworkError):
            await app.bot.get_updates(offset=offset, timeout=0, limit=1)


async def handle_batch(app: DaylogApplication, updates: Sequence[Update]) -> None:
    """Handle a batch: each chat's updates in order, different chats side by side.

    One chat's messages must be handled in the order sent (an edit after its message, /undo
    after the entry); other chats need not wait for them, and while one waits on the database
    or on Telegram another can go on. A handler's own failure goes to the error handler inside
    process_update, so one chat's failure does not stop the others.
    """
    lanes: dict[int | None, list[Update]] = {}
    for update in updates:
        chat = update.effective_chat
        lanes.setdefault(chat.id if chat else None, []).append(update)

    async def handle_lane(lane: list[Update]) -> None:
        for update in lane:
            await app.process_update(update)

    await asyncio.gather(*(handle_lane(lane) for lane in lanes.values()))


async def _pause(stop: asyncio.Event, seconds: float | timedelta) -> None:
    """Sleep, but wake at once when the bot is asked to stop."""
    delay = seconds.total_seconds() if isinstance(seconds, timedelta) else float(seconds)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=delay)


async def run_polling(app: DaylogApplication) -> None:
    """Poll until SIGINT or SIGTERM, then shut everything down in order."""
    async with running(app) as stop:
        await app.bot.delete_webhook()
        await app.start()
        log.info("polling as @%s", app.bot.username)
        try:
            await poll_until_stopped(app, stop)
        finally:
            await app.stop()
