"""The bot's life from start to stop, shared by long polling and the webhook."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.context import DaylogApplication

log = logging.getLogger(__name__)


@asynccontextmanager
async def running(app: DaylogApplication) -> AsyncIterator[asyncio.Event]:
    """Initialise the app (post_init included) and give the event SIGINT and SIGTERM set.

    On the way out the app is shut down and post_shutdown runs (closing the database), in that
    order, whatever happened inside.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        app.bot_data.checkin_scheduler.start()
        yield stop
    finally:
        # Check-in sends in flight stop before the HTTP sessions close under them (what they
        # leave unsent, each check-in's reminder asks again).
        await app.bot_data.checkin_scheduler.stop()
        await app.bot_data.outbox.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
        log.info("stopped")
