"""/undo: take back the last entry (/today lives with the other summaries)."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Update

from bot.context import DaylogContext
from bot.i18n import Html, t
from bot.models import UserSettings
from bot.progress.tracking import delete_entry
from bot.store.receipts import CommandMessage, Receipt
from bot.telegram.day_listing import format_day, render_entry
from bot.telegram.text import split_into_messages


async def undo(update: Update, context: DaylogContext) -> None:
    """Delete the user's last entry and show what was deleted.

    Once only per /undo message: Telegram sends an update again when the bot stopped before
    confirming it, and a second run would delete the entry before. The deletion keeps a
    receipt of the message; a repeat finds it and gives the same answer, deleting nothing.
    """
    message, caller = await context.message_caller(update)
    user = caller.user
    asked = CommandMessage(user.user_id, message.chat_id, message.message_id)
    stored = await context.store.receipts.answer(asked)
    # A stored answer is the reply t() built the first time: HTML, already escaped.
    answer = Html(stored) if stored is not None else await _delete_last(context, user, asked)
    for text in split_into_messages([answer]):
        await message.reply_text(text)


async def _delete_last(context: DaylogContext, user: UserSettings, asked: CommandMessage) -> Html:
    entry = await context.store.entries.last(user.user_id)
    if entry is None:
        return t(user.language, "undo.nothing")
    day = format_day(user.language, entry.day)
    reply = t(user.language, "undo.deleted", day=day, text=render_entry(entry))
    receipt = Receipt(asked, "undo", reply, datetime.now(UTC))
    attachments = await context.store.attachments.for_entries(user.user_id, [entry.id])
    if not await delete_entry(context.store, entry, receipt):
        return t(user.language, "undo.nothing")
    # The entry's files go with it, unless another of the user's entries holds the same file.
    for sha256 in {attachment.sha256 for attachment in attachments if attachment.sha256}:
        if not await context.store.attachments.hash_in_use(user.user_id, sha256):
            await context.bot_data.media_files.remove(user.user_id, sha256)
    return reply
