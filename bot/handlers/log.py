"""/undo: take back the last entry (/today lives with the other summaries)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import DaylogApplication, DaylogContext
from bot.handlers.filters import PRIVATE_MESSAGE
from bot.i18n import t
from bot.progress_tracking import delete_entry
from bot.reports.day_listing import format_day, render_entry
from bot.reports.telegram_text import split_into_messages


async def undo(update: Update, context: DaylogContext) -> None:
    """Delete the user's last entry and show what was deleted."""
    assert update.effective_user and update.effective_message  # noqa: S101 - filters ensure it
    user = await context.user_settings(update.effective_user)
    entry = await context.store.entries.last(user.user_id)
    if entry is None or not await delete_entry(context.store, entry):
        await update.effective_message.reply_text(t(user.language, "undo.nothing"))
        return
    day = format_day(user.language, entry.day)
    reply = t(user.language, "undo.deleted", day=day, text=render_entry(entry))
    for text in split_into_messages([reply]):
        await update.effective_message.reply_text(text)


def register(app: DaylogApplication) -> None:
    """/undo."""
    app.add_handler(CommandHandler("undo", undo, filters=PRIVATE_MESSAGE))
