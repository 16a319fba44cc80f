"""The one error handler: log with the traceback, tell the user and alert the admins."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import Update
from telegram.error import TelegramError

from bot.alerts import describe_failure
from bot.context import DaylogContext
from bot.i18n import language_for, t

log = logging.getLogger(__name__)


async def on_error(update: object, context: DaylogContext) -> None:
    """Log the failure (never the user's text) and apologise in a private chat."""
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    log.error("handler failed for user %s", user_id, exc_info=context.error)
    await alert_admins(update, context, user_id)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private" or update.effective_user is None:
        return
    try:
        language = language_for(update.effective_user.language_code)
        await context.bot.send_message(update.effective_chat.id, t(language, "error.generic"))
    except TelegramError:
        log.warning("could not tell user %s about the failure", user_id)


async def alert_admins(update: object, context: DaylogContext, user_id: int | None) -> None:
    """Tell each admin what failed (type and message, never the user's text), once a minute."""
    admins, error = context.settings.admin_user_ids, context.error
    if not admins or error is None:
        return
    failure = describe_failure(error, secrets=context.settings.secrets, user_texts=_texts(update))
    if not context.bot_data.alerts.allow(failure.kind, datetime.now(UTC)):
        return
    for admin_id in sorted(admins):
        stored = await context.store.users.get(admin_id)
        text = t(
            stored.language if stored else "en",
            "admin.alert",
            user_id=user_id,
            kind=failure.kind,
            message=failure.message,
        )
        try:
            await context.bot.send_message(admin_id, text)
        except TelegramError:
            log.warning("could not alert admin %s (have they sent /start?)", admin_id)


def _texts(update: object) -> list[str]:
    message = update.effective_message if isinstance(update, Update) else None
    return [message.text or "", message.caption or ""] if message else []
