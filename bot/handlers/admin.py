"""/admin_stats for ADMIN_USER_IDS; everyone else gets the unknown-command answer."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Update

from bot import __version__
from bot.answers.admin_stats import render_stats
from bot.context import DaylogContext


async def admin_stats(update: Update, context: DaylogContext) -> None:
    """Users, entries, database size, uptime and version."""
    message, caller = await context.message_caller(update)
    user = caller.user
    stats = await context.store.accounts.stats()
    uptime = datetime.now(UTC) - context.bot_data.started_at
    media_bytes = await context.bot_data.media_files.total_bytes()
    waiting = await context.store.attachments.pending_count()
    await message.reply_text(
        render_stats(
            user.language,
            stats,
            uptime=uptime,
            version=__version__,
            media_bytes=media_bytes,
            transcriptions_waiting=waiting,
        )
    )
