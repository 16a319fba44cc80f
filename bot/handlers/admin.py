"""/admin_stats for ADMIN_USER_IDS; everyone else gets the unknown-command answer."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot import __version__
from bot.answers.admin_stats import render_stats
from bot.context import DaylogApplication, DaylogContext
from bot.handlers.filters import PRIVATE_MESSAGE


async def admin_stats(update: Update, context: DaylogContext) -> None:
    """Users, entries, database size, uptime and version."""
    message, caller = await context.message_caller(update)
    user = caller.user
    stats = await context.store.accounts.stats()
    uptime = datetime.now(UTC) - context.bot_data.started_at
    await message.reply_text(render_stats(user.language, stats, uptime=uptime, version=__version__))


def register(app: DaylogApplication) -> None:
    """/admin_stats, only for admins: for others it falls through to the unknown-command reply."""
    admins = app.bot_data.settings.admin_user_ids
    if admins:
        only_admins = PRIVATE_MESSAGE & filters.User(user_id=admins)
        app.add_handler(CommandHandler("admin_stats", admin_stats, filters=only_admins))
