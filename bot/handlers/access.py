"""The allowlist: users outside ALLOWED_USER_IDS get one short refusal and nothing is stored."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import DaylogContext
from bot.i18n import language_for, t

log = logging.getLogger(__name__)


async def enforce_allowlist(update: Update, context: DaylogContext) -> None:
    """Stop every update from a user who is not allowed, before any handler sees it."""
    allowed = context.settings.allowed_user_ids
    user = update.effective_user
    # Admins may always use the bot, even when ALLOWED_USER_IDS leaves them out.
    if not allowed or (user is not None and user.id in allowed | context.settings.admin_user_ids):
        return
    log.info("refused update from user %s", user.id if user else None)
    if user is not None:
        refusal = t(language_for(user.language_code), "access.refused")
        if update.callback_query:
            await update.callback_query.answer(refusal)
        elif update.message and update.message.chat.type == "private":
            await update.message.reply_text(refusal)
    raise ApplicationHandlerStop
