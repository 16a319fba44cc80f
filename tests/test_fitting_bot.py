"""FittingBot's unread sends: the request send_message makes, without reading the answer."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram.fitting_bot import send_unread
from bot.telegram.rate_limit import Send
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")


async def test_an_unread_send_is_the_request_send_message_makes(harness: BotHarness) -> None:
    harness.api.add_chat(ALICE)
    bot = harness.app.bot
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="checkin:1:n")]])
    text = "<b>Evening check-in</b> · wrote the doc & more"
    sent = await bot.send_message(ALICE.id, text, reply_markup=markup)
    await send_unread(bot, ALICE.id, text, markup, rate_limit_args=Send.BULK)
    read, unread = [call for call in harness.api.calls if call.method == "sendMessage"][-2:]
    # The same defaults (HTML, no link previews), text and buttons: only the answer is unread.
    assert unread.params == read.params
    assert unread.params["parse_mode"] == "HTML"
    first, second = harness.api.sent_messages(ALICE.id)[-2:]
    assert first["message_id"] == sent.message_id
    assert (second["text"], second["reply_markup"]) == (first["text"], first["reply_markup"])


async def test_a_long_unread_send_is_split_like_any_other(harness: BotHarness) -> None:
    harness.api.add_chat(ALICE)
    await send_unread(harness.app.bot, ALICE.id, "word " * 2000)
    assert len(harness.api.sent_messages(ALICE.id)) == 3
