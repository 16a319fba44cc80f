"""The one error handler: log with the traceback, tell the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import DaylogContext
from bot.i18n import language_for, t

log = logging.getLogger(__name__)


async def on_error(update: object, context: DaylogContext) -> None:
    """Log the failure (never the user's text) and apologise in a private chat."""
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    log.error("handler failed for user %s", user_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private" or update.effective_user is None:
        return
    try:
        language = language_for(update.effective_user.language_code)
        await context.bot.send_message(update.effective_chat.id, t(language, "error.generic"))
    except TelegramError:
        log.warning("could not tell user %s about the failure", user_id)
