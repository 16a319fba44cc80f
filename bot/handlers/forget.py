"""/forget: after a confirmation button, delete everything the bot keeps about the user."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import DaylogContext
from bot.i18n import language_for, t

log = logging.getLogger(__name__)

CONFIRM, CANCEL = "forget:yes", "forget:no"


async def forget(update: Update, context: DaylogContext) -> None:
    """Ask before deleting: say what goes, offer Delete and Cancel buttons."""
    message, caller = await context.message_caller(update)
    user = caller.user
    entries = await context.store.entries.count(user.user_id)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t(user.language, "forget.yes"), callback_data=CONFIRM),
                InlineKeyboardButton(t(user.language, "forget.no"), callback_data=CANCEL),
            ]
        ]
    )
    await message.reply_text(
        t(user.language, "forget.confirm", entries=entries), reply_markup=buttons
    )


async def forget_answer(update: Update, context: DaylogContext) -> None:
    """Delete everything on Delete, nothing on Cancel; the question becomes the answer."""
    query = update.callback_query
    assert query is not None  # noqa: S101 - the handler only sees callback queries
    user_id = query.from_user.id
    # Read, not ensure: a second press after the deletion must not register the user again.
    stored = await context.store.users.get(user_id)
    language = stored.language if stored else language_for(query.from_user.language_code)
    key = "forget.cancelled"
    if query.data == CONFIRM:
        deleted = await context.store.accounts.forget(user_id)
        # What lives outside the database goes too: their files, and what memory holds.
        deleted["media files"] = await context.bot_data.media_files.forget_user(user_id)
        context.forget_user(user_id)
        log.info("user %s forgotten: %s", user_id, deleted)
        key = "forget.done"
    await query.answer()
    await query.edit_message_text(t(language, key))
