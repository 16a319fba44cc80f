"""The button under a day's listing that sends the day's media back (by Telegram's file ids)."""

from __future__ import annotations

import re
from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

DAY_MEDIA_PREFIX = "media:"
_DATA = re.compile(r"^media:(\d{4}-\d{2}-\d{2})$")


def day_media_markup(label: str, day: date) -> InlineKeyboardMarkup:
    """One button: send the media of `day`."""
    button = InlineKeyboardButton(label, callback_data=f"{DAY_MEDIA_PREFIX}{day.isoformat()}")
    return InlineKeyboardMarkup([[button]])


def day_of_button(data: str | None) -> date | None:
    """The day a pressed button names; None for anything else."""
    match = _DATA.match(data or "")
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1])
    except ValueError:
        return None
