"""Capture: text messages and captions become entries; edits revise them."""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import DaylogContext
from bot.i18n import t
from bot.log.capture import capture_text, is_blank, revise_text
from bot.media.intake import forward_origin_of
from bot.progress.listing import captured_lines
from bot.telegram.day_listing import format_day

log = logging.getLogger(__name__)


async def capture_message(update: Update, context: DaylogContext) -> None:
    """Keep a text message, or a photo's or document's caption, as an entry."""
    message, caller = await context.message_caller(update)
    user = caller.user
    text = message.text or message.caption or ""
    if is_blank(text):
        # Only zero-width characters (or spaces): nothing to keep, and the user is told so.
        await message.reply_text(t(user.language, "capture.invisible"))
        return
    captured = await capture_text(
        context.store,
        user,
        text,
        sent_at=message.date,
        day_start=context.settings.day_start,
        chat_id=message.chat_id,
        message_id=message.message_id,
        forwarded=forward_origin_of(message),
    )
    if captured is None:
        await message.reply_text(t(user.language, "capture.empty"))
        return
    log.debug("user %s captured entry %s", user.user_id, captured.entry.id)
    key = "capture.saved_backdated" if captured.backdated else "capture.saved"
    saved = t(user.language, key, day=format_day(user.language, captured.entry.day))
    # Every update read from the text is shown, so a wrong guess is seen and fixed by an edit.
    found = [(recorded.item.title, recorded.update) for recorded in captured.progress]
    await message.reply_text("\n".join([saved, *captured_lines(user.language, found)]))


async def capture_edit(update: Update, context: DaylogContext) -> None:
    """Apply an edited message to its entry, quietly: the first confirmation stands."""
    message, caller = await context.message_caller(update)
    user = caller.user
    entry = await revise_text(
        context.store,
        user,
        message.text or message.caption or "",
        sent_at=message.date,
        edited_at=message.edit_date or message.date,
        day_start=context.settings.day_start,
        chat_id=message.chat_id,
        message_id=message.message_id,
        media_group_id=message.media_group_id,
    )
    log.debug("user %s edited entry %s", user.user_id, entry.id if entry else None)


async def refuse_edited_command(update: Update, context: DaylogContext) -> None:
    """An edited command (`/goal old` made `/goal new`): not an entry, and not run again."""
    message, caller = await context.message_caller(update)
    await message.reply_text(t(caller.user.language, "capture.edited_command"))


async def refuse_non_text(update: Update, context: DaylogContext) -> None:
    """Stickers, voice notes and the like: say only text is kept, store nothing."""
    message, caller = await context.message_caller(update)
    user = caller.user
    await message.reply_text(t(user.language, "capture.not_text"))
