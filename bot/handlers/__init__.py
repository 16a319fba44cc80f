"""Thin adapters from updates to features; register() wires every handler in one place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, TypeHandler, filters

from bot.context import DaylogApplication
from bot.handlers import access, capture, errors, log, start

PRIVATE = filters.ChatType.PRIVATE
NEW_MESSAGE = filters.UpdateType.MESSAGE


def register(app: DaylogApplication) -> None:
    """Add every handler to the application, in the order that matters."""
    # Group -1 runs before everything: a refused user's update goes no further.
    app.add_handler(TypeHandler(Update, access.enforce_allowlist), group=-1)

    # In groups the bot answers /start only, with a pointer to a private chat.
    app.add_handler(CommandHandler("start", start.start_in_group, filters=filters.ChatType.GROUPS))

    commands = {
        "start": start.start,
        "help": start.show_help,
        "lang": start.set_language,
        "today": log.today,
        "undo": log.undo,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE & NEW_MESSAGE))

    # After the known commands: an unknown /command is not an entry.
    app.add_handler(MessageHandler(PRIVATE & NEW_MESSAGE & filters.COMMAND, start.unknown_command))
    app.add_handler(
        MessageHandler(
            PRIVATE & NEW_MESSAGE & ((filters.TEXT & ~filters.COMMAND) | filters.CAPTION),
            capture.capture_message,
        )
    )
    app.add_handler(
        MessageHandler(
            PRIVATE & filters.UpdateType.EDITED_MESSAGE & (filters.TEXT | filters.CAPTION),
            capture.capture_edit,
        )
    )
    app.add_handler(MessageHandler(PRIVATE & NEW_MESSAGE, capture.refuse_non_text))

    app.add_error_handler(errors.on_error)
