"""The one error handler: log with the traceback, tell the user and alert the admins."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError

from bot.alerts import describe_failure
from bot.context import DaylogContext
from bot.i18n import language_for, t

log = logging.getLogger(__name__)


async def on_error(update: object, context: DaylogContext) -> None:
    """Log the failure (never the user's text) and tell the user what really happened.

    A button on a message that is gone is no failure of the bot's: it is logged without a
    traceback and answered as such. A message whose entry is stored though its reply failed
    (the network gave out after the retries) is told so: a generic "may not have been kept"
    would only invite the same entry twice.
    """
    error = context.error
    user_id = (
        update.effective_user.id if isinstance(update, Update) and update.effective_user else None
    )
    if isinstance(update, Update) and update.callback_query and _message_gone(error):
        log.info("user %s pressed a button on a message that is gone", user_id)
        await _tell(update, context, "button.gone")
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram out of reach past the retries (bot/telegram/rate_limit.py): not a fault in
        # the code, so one line without a traceback says it.
        log.warning("could not reach Telegram for user %s: %s", user_id, error.message)
    else:
        log.error("handler failed for user %s", user_id, exc_info=error)
    await alert_admins(update, context, user_id)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private" or update.effective_user is None:
        return
    if update.callback_query is not None:
        key = "button.failed"
    elif await _stored_anyway(update, context):
        key = "error.saved_unconfirmed"
    else:
        key = "error.generic"
    await _tell(update, context, key)


async def _tell(update: Update, context: DaylogContext, key: str) -> None:
    """Say `key` to the user: as the button's answer if it is one and still open, else a message."""
    user = update.effective_user
    if user is None:
        return
    language = language_for(user.language_code)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(t(language, key), show_alert=True)
        except TelegramError:
            pass  # answered already (or too old): the message below says it
        else:
            return
    chat_id = update.effective_chat.id if update.effective_chat else user.id
    try:
        await context.bot.send_message(chat_id, t(language, key))
    except TelegramError:
        log.warning("could not tell user %s about the failure", user.id)


def _message_gone(error: BaseException | None) -> bool:
    """Whether Telegram refused an edit because the button's message no longer exists."""
    if not isinstance(error, BadRequest):
        return False
    reason = error.message.lower()
    return any(sign in reason for sign in _GONE)


# Telegram's words for a message that was deleted, or is too old to be edited.
_GONE = ("message to edit not found", "message can't be edited", "message_id_invalid")


async def _stored_anyway(update: Update, context: DaylogContext) -> bool:
    """Whether the failed update is a message already kept as an entry."""
    message, user = update.message, update.effective_user
    if message is None or user is None or not isinstance(context.error, NetworkError):
        return False
    entries = context.store.entries
    return await entries.by_message(user.id, message.chat_id, message.message_id) is not None


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
