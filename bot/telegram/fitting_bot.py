"""`FittingBot`: every text the bot sends fits Telegram's limits, however long the user's text.

Every send path (replies, check-ins, the outbox, the error handler) goes through the bot's
`_do_post`, the hook python-telegram-bot's own ExtBot uses for rate limiting; fitting the text
there means no handler can forget it. A message over 4,096 characters goes out as several
(the buttons on the last, which is the one returned, so later edits find them); an edit or a
caption that cannot grow into more messages is shortened, marked with `…`. Updates read by
getUpdates lose their lone surrogates here (bot/telegram/incoming.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ExtBot
from typing_extensions import override

from bot.telegram.incoming import without_lone_surrogates
from bot.telegram.rate_limit import Send
from bot.telegram.text import MESSAGE_LIMIT, shorten_html, split_html

CAPTION_LIMIT = 1024
# answerCallbackQuery's text (a toast or an alert) is cut by Telegram at 200 characters.
TOAST_LIMIT = 200
_CAPTIONED = frozenset(
    ("sendPhoto", "sendDocument", "sendVideo", "sendAnimation", "sendAudio", "editMessageCaption")
)


# While set, a getUpdates answer is read only from this update id on (see fetch_updates).
_FIRST_NEW: ContextVar[int | None] = ContextVar("first_new_update", default=None)
# While set, a sendMessage answer is not read into a Message (see send_unread).
_UNREAD: ContextVar[bool] = ContextVar("answer_unread", default=False)


async def fetch_updates(
    bot: ExtBot[Send], *, first_new: int | None, **get_updates: Any
) -> Sequence[Update]:
    """getUpdates, with Update objects built only for updates from `first_new` on.

    Polling may not confirm an update still being handled, so every answer brings those again;
    building them again was most of the cost of a busy poll (and they are skipped anyway).
    """
    token = _FIRST_NEW.set(first_new)
    try:
        return await bot.get_updates(**get_updates)
    finally:
        _FIRST_NEW.reset(token)


async def send_unread(
    bot: ExtBot[Send],
    chat_id: int,
    text: str,
    reply_markup: InlineKeyboardMarkup | None = None,
    *,
    rate_limit_args: Send | None = None,
) -> None:
    """send_message, for a message whose answer nobody reads (a check-in's prompt).

    Everything else is as send_message does it (defaults, fitting, the rate limiter, errors);
    only the answer is not read into a Message: that took 0.2 ms of the 0.8 ms of CPU a
    check-in cost, and a burst of 1,000 check-ins a second is bound by the CPU.
    """
    token = _UNREAD.set(True)
    try:
        await bot.send_message(
            chat_id, text, reply_markup=reply_markup, rate_limit_args=rate_limit_args
        )
    finally:
        _UNREAD.reset(token)


class FittingBot(ExtBot[Send]):
    """An ExtBot that splits long messages and shortens long edits, captions and toasts."""

    @override
    async def _do_post(
        self, endpoint: str, data: dict[str, Any], **timeouts: Any
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        markup = _is_html(data)
        if endpoint == "sendMessage" and isinstance(data.get("text"), str):
            parts = split_html(data["text"], MESSAGE_LIMIT, markup=markup)
            # Earlier parts carry no buttons: they belong under the last part of the answer.
            early = {key: value for key, value in data.items() if key != "reply_markup"}
            for part in parts[:-1]:
                await super()._do_post(endpoint, {**early, "text": part}, **timeouts)
            data = {**data, "text": parts[-1]}
        elif endpoint == "editMessageText" and isinstance(data.get("text"), str):
            data = {**data, "text": shorten_html(data["text"], MESSAGE_LIMIT, markup=markup)}
        elif endpoint in _CAPTIONED and isinstance(data.get("caption"), str):
            caption = shorten_html(data["caption"], CAPTION_LIMIT, markup=markup)
            data = {**data, "caption": caption}
        elif endpoint == "answerCallbackQuery" and isinstance(data.get("text"), str):
            data = {**data, "text": shorten_html(data["text"], TOAST_LIMIT, markup=False)}
        result = await super()._do_post(endpoint, data, **timeouts)
        if endpoint == "getUpdates":
            first_new = _FIRST_NEW.get()
            if first_new is not None and isinstance(result, list):
                result = [update for update in result if update.get("update_id", 0) >= first_new]
            return without_lone_surrogates(result)  # type: ignore[no-any-return]
        if endpoint == "sendMessage" and _UNREAD.get():
            return True  # what PTB returns as it is, unread (an edit of an inline message)
        return result


def _is_html(data: dict[str, Any]) -> bool:
    # The HTML default is already filled in here; an explicit None means plain text.
    return str(data.get("parse_mode") or "").upper() == "HTML"
