"""The event log: one INFO line per update with the user id and the command, never the text."""

from __future__ import annotations

import logging

from telegram import MessageEntity, Update

from bot.commands import ADMIN_COMMANDS, COMMANDS
from bot.context import DaylogContext

log = logging.getLogger("bot.events")


async def log_event(update: Update, context: DaylogContext) -> None:
    """Log who sent what kind of update; handlers log details at DEBUG."""
    user = update.effective_user
    log.info("update %s user %s %s", update.update_id, user.id if user else None, describe(update))


def describe(update: Update) -> str:
    """The command (`/today`) or the kind of update (`message`, `edit`, `callback forget`).

    Never the text: a command's arguments and a callback's payload may carry what the user wrote.
    """
    if update.callback_query is not None:
        prefix = (update.callback_query.data or "").partition(":")[0]
        return f"callback {prefix}".rstrip()
    message = update.message or update.edited_message
    if message is None:
        kinds = [name for name, value in update.to_dict().items() if name != "update_id" and value]
        return kinds[0] if kinds else "update"
    kind = "edit" if update.edited_message is not None else "message"
    first = message.entities[0] if message.entities else None
    if message.text and first and first.type == MessageEntity.BOT_COMMAND and first.offset == 0:
        name = message.text[1 : first.length].partition("@")[0]
        # A word after "/" that is no command of ours may be part of the user's text.
        command = f"/{name}" if name in _KNOWN else "unknown command"
        return command if kind == "message" else f"{kind} {command}"
    if message.caption is not None:
        return f"{kind} caption"
    if message.text is not None:
        return kind
    return f"{kind} {_media_kind(message.to_dict())}"


_KNOWN = frozenset(command.name for command in (*COMMANDS, *ADMIN_COMMANDS))
_MEDIA = ("photo", "document", "sticker", "voice", "video", "audio", "animation", "location")


def _media_kind(message: dict[str, object]) -> str:
    return next((name for name in _MEDIA if message.get(name)), "other")
