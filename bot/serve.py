"""`daylog run`: hold the database, then serve updates by long polling or by webhook."""

from __future__ import annotations

import asyncio
import contextlib
import os

from bot.app import build_application
from bot.config import Settings
from bot.polling import run_polling
from bot.runlock import beat, hold_database
from bot.webhook import run_webhook


def run_bot(settings: Settings) -> None:
    """Run the bot until SIGINT or SIGTERM; raises DatabaseInUse if another holds the database."""
    # Opt in to PTB's timedelta retry_after now, instead of a deprecation warning on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    with hold_database(settings.database_path):
        asyncio.run(_serve(settings))


async def _serve(settings: Settings) -> None:
    app = build_application(settings)
    heartbeat = asyncio.create_task(beat(settings.database_path), name="heartbeat")
    try:
        if settings.webhook_url:
            await run_webhook(app)
        else:
            await run_polling(app)
    finally:
        heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await heartbeat
