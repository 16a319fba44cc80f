"""Sending a check-in message the bot starts itself: throttled, and retried on network errors."""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError
from telegram.ext import ExtBot

from bot.i18n import Html
from bot.telegram.fitting_bot import send_unread
from bot.telegram.rate_limit import Send

log = logging.getLogger(__name__)

ATTEMPTS = 4
FIRST_BACKOFF_SECONDS = 2.0


async def send_bulk(
    bot: ExtBot[Send],
    chat_id: int,
    text: Html,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    attempts: int = ATTEMPTS,
    first_backoff: float | None = None,
) -> None:
    """Send through the rate limiter's bulk lane, retrying a network error or 5xx with backoff.

    A send that timed out may still have arrived, so a retry can show a prompt twice; for a
    check-in that is better than none. Forbidden (blocked) and bad requests are not retried:
    they go to the caller. Waiting here only delays this user; other check-ins go on.
    """
    delay = FIRST_BACKOFF_SECONDS if first_backoff is None else first_backoff
    for attempt in range(1, attempts + 1):
        try:
            # Nothing reads the answer: not building a Message saves a quarter of the CPU.
            await send_unread(bot, chat_id, text, reply_markup, rate_limit_args=Send.BULK)
            return
        except BadRequest:
            # PTB's BadRequest is a NetworkError, but repeating a bad request cannot help.
            raise
        except NetworkError as error:
            if attempt == attempts:
                raise
            log.warning("send to chat %s failed (%s); retry in %.0f s", chat_id, error, delay)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("the loop returns or raises")
