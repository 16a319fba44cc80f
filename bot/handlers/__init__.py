"""Thin adapters from updates to features; register() wires every handler in one place."""

from __future__ import annotations

from telegram import Update
from telegram.ext import TypeHandler

from bot.context import DaylogApplication
from bot.handlers import (
    access,
    admin,
    answers,
    capture,
    checkin,
    errors,
    events,
    forget,
    log,
    media,
    progress,
    start,
)


def register(app: DaylogApplication) -> None:
    """Add every handler to the application, in the order that matters."""
    # Group -1 runs before everything: a refused user's update goes no further.
    app.add_handler(TypeHandler(Update, access.enforce_allowlist), group=-1)
    # Group -2 runs first of all: one INFO line per update, refused ones included.
    app.add_handler(TypeHandler(Update, events.log_event), group=-2)

    # Each feature adds its commands and buttons. Within group 0 the first match wins, so
    # features that claim some plain-text messages (a check-in waiting for an answer) come
    # before capture, which takes every remaining message.
    start.register(app)
    log.register(app)
    forget.register(app)
    admin.register(app)
    progress.register(app)
    answers.register(app)
    checkin.register(app)
    # Files and replies to transcripts, before capture takes every other message.
    media.register(app)
    capture.register(app)

    app.add_error_handler(errors.on_error)
