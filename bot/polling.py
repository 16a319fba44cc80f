"""Long polling that confirms an update only after it was handled (at-least-once).

python-telegram-bot's Updater confirms a batch to Telegram (the next getUpdates offset) as soon
as it is queued, so a crash loses what was fetched but not yet handled. Here the offset moves
past an update only once process_update has finished with it and with every update before it;
a redelivered message after a crash is recognised by its message id and stored once.

Each update is handled in its chat's lane (bot/telegram/chat_lanes.py, as in the webhook), and
polling goes on while lanes are busy: a slow chat delays only itself. Because the offset may
not pass an update still being handled, Telegram sends that update again with every poll;
those already started are skipped, and while nothing new comes the loop waits for a lane to
finish (or BUSY_POLL_SECONDS) instead of asking again at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.context import DaylogApplication
from bot.lifecycle import running
from bot.telegram.chat_lanes import ChatLanes

log = logging.getLogger(__name__)

LONG_POLL_SECONDS = 30
MAX_BACKOFF_SECONDS = 60.0
# While an update is being handled, Telegram answers every poll at once (with that update), so
# the loop looks for new updates this often instead of long polling.
BUSY_POLL_SECONDS = 0.25
# How few updates may still be running before the loop asks for more: half of what one
# getUpdates returns (100), so at least as many new updates come as old ones again.
REFILL_AT = 50


class UpdateLanes:
    """Updates started in their chat's lane, and how far Telegram may be told they are done."""

    def __init__(self, app: DaylogApplication) -> None:
        self._app = app
        self._lanes = ChatLanes()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._next_id: int | None = None
        self._finished = asyncio.Event()

    @property
    def busy(self) -> bool:
        """Whether some update is still being handled."""
        return bool(self._running)

    @property
    def offset(self) -> int | None:
        """The getUpdates offset that confirms exactly the updates handled so far."""
        return min(self._running) if self._running else self._next_id

    def start(self, updates: Sequence[Update]) -> int:
        """Start handling the updates not seen before; how many were new."""
        fresh = [u for u in updates if self._next_id is None or u.update_id >= self._next_id]
        for update in fresh:
            self._next_id = update.update_id + 1
            chat = update.effective_chat
            task = asyncio.create_task(self._handle(update, chat.id if chat else None))
            self._running[update.update_id] = task
        return len(fresh)

    async def _handle(self, update: Update, chat_id: int | None) -> None:
        try:
            async with self._lanes.lane(chat_id):
                # A handler's own failure goes to the error handler inside process_update.
                await self._app.process_update(update)
        except Exception:
            # Only what escapes process_update (the error handler failing) lands here; it is
            # logged so that the lane and the offset go on.
            log.exception("update %s could not be handled", update.update_id)
        finally:
            del self._running[update.update_id]
            self._finished.set()

    async def wait_for_progress(self, stop: asyncio.Event, seconds: float) -> None:
        """Sleep until enough updates have finished to make the next poll worth it, the bot
        stops, or `seconds` pass.

        Every poll brings the updates still running again (the offset may not pass them), so
        polling after each single finish read about a hundred updates again per new one: ingest
        fell to a fifth. Waiting until at most REFILL_AT are left keeps what is read again
        below what is new; a slow chat still holds nobody longer than `seconds`.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not stop.is_set():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            self._finished.clear()
            waits = {
                asyncio.ensure_future(self._finished.wait()),
                asyncio.ensure_future(stop.wait()),
            }
            done, pending = await asyncio.wait(
                waits, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            for waiting in pending:
                waiting.cancel()
            if not done or len(self._running) <= REFILL_AT:
                return

    async def drain(self) -> None:
        """Wait for every update being handled."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)


async def poll_until_stopped(app: DaylogApplication, stop: asyncio.Event) -> None:
    """Fetch updates and start each in its chat's lane until `stop` is set; then finish them."""
    lanes = UpdateLanes(app)
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            app.bot.get_updates(
                offset=lanes.offset,
                timeout=0 if lanes.busy else LONG_POLL_SECONDS,
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
            break
        try:
            updates = fetch.result()
        except RetryAfter as error:
            await _pause(stop, error.retry_after)
            continue
        except InvalidToken:
            raise  # the token is wrong: waiting will not mend it, and serve says so
        except TelegramError as error:
            # A 409 (another poller or a webhook on this token) or an answer that is not the
            # Bot API's (a proxy's error page) ends nothing: one bad answer must not stop the
            # bot for every user. Say what it was, wait, ask again.
            log.warning("getUpdates failed: %s; retrying in %.0f s", _what_failed(error), backoff)
            await _pause(stop, backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            continue
        backoff = 1.0
        lanes.start(updates)
        if lanes.busy:
            # The next poll brings the running updates again: first let some of them finish.
            await lanes.wait_for_progress(stop, BUSY_POLL_SECONDS)
    # Updates already started are finished, as a batch was before; then confirm what was
    # handled, so a clean restart does not see it again.
    await lanes.drain()
    if lanes.offset is not None:
        with contextlib.suppress(NetworkError):
            await app.bot.get_updates(offset=lanes.offset, timeout=0, limit=1)


def _what_failed(error: TelegramError) -> str:
    """A log line's account of a failed getUpdates, with a hint where one helps."""
    if isinstance(error, Conflict):
        return (
            f"Conflict ({error.message}): is another copy of the bot polling with this token,"
            " or a webhook set?"
        )
    if isinstance(error, NetworkError):
        return f"{type(error).__name__} ({error.message})"
    # PTB's TelegramError("Invalid server response"): a 200 whose body is not JSON.
    return f"{error.message}: the answer was not the Bot API's (a proxy in between?)"


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
