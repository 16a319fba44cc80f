"""The vendored Bot API spec and its checker: what it refuses, and that it covers the fake."""

from __future__ import annotations

import json

import pytest

from fakebotapi import FakeBotApi
from fakebotapi.models import Call
from tests.botapi_spec import spec, violations

KEYBOARD = json.dumps({"inline_keyboard": [[{"text": "Import", "callback_data": "import:1:yes"}]]})


async def test_the_spec_has_every_method_the_fake_answers() -> None:
    async with FakeBotApi() as api:
        # The fake's table of methods: name as Telegram spells it, and its handler.
        fake_methods = {name for name, _ in api._methods.values()}
    assert fake_methods <= set(spec()["methods"])


def test_a_call_as_telegram_documents_it_passes() -> None:
    call = Call(
        "sendMessage",
        {"chat_id": "101", "text": "<b>Saved</b> &amp; done", "parse_mode": "HTML",
         "reply_markup": KEYBOARD, "link_preview_options": '{"is_disabled": true}'},
    )  # fmt: skip
    assert violations(call) == []
    assert violations(Call("sendDocument", {"chat_id": 101}, files=("document",))) == []


@pytest.mark.parametrize(
    ("call", "problem"),
    [
        (
            Call(
                "editMessageReplyMarkup", {"chat_id": "1", "message_id": "2", "parse_mode": "HTML"}
            ),
            "editMessageReplyMarkup: no parameter 'parse_mode'",
        ),
        (Call("sendMesage", {"chat_id": "1", "text": "x"}), "sendMesage: not a Bot API method"),
        (Call("sendMessage", {"chat_id": "1"}), "sendMessage: text is required"),
        (Call("deleteMessage", {"chat_id": "1", "message_id": "x"}), "deleteMessage: message_id="),
        (Call("sendMessage", {"chat_id": "1", "text": "é" * 4097}), "text of 4097 characters"),
        (Call("sendMessage", {"chat_id": "1", "text": "🙂" * 2049}), "text of 4098 characters"),
        (
            Call("sendPhoto", {"chat_id": "1", "caption": "x" * 1025}, files=("photo",)),
            "sendPhoto: caption of 1025 characters",
        ),
        (
            Call("sendMessage", {"chat_id": "1", "text": "<b>x", "parse_mode": "HTML"}),
            "sendMessage: text is not valid HTML",
        ),
        (
            Call(
                "sendMessage",
                {
                    "chat_id": "1",
                    "text": "x",
                    "reply_markup": KEYBOARD.replace("import:1:yes", "é" * 33),
                },
            ),
            "of 66 bytes",
        ),
        (
            Call("setMyCommands", {"commands": '[{"command": "Today", "description": "x"}]'}),
            "setMyCommands: command 'Today'",
        ),
        (
            Call("answerCallbackQuery", {"callback_query_id": "1", "text": "x" * 201}),
            "answerCallbackQuery: text of 201 characters",
        ),
    ],
)
def test_what_telegram_does_not_allow_is_named(call: Call, problem: str) -> None:
    assert any(problem in found for found in violations(call)), violations(call)
