"""The fake Bot API, driven by a real python-telegram-bot Bot over HTTP and in-process."""

import asyncio
import datetime as dtm
import html
import json
import sys
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.telegram.transport import AiohttpRequest
from fakebotapi import (
    DEFAULT_TOKEN,
    SECRET_TOKEN_HEADER,
    FakeBotApi,
    FakeBotApiServer,
    FakeChat,
    FakeRequest,
    FakeUser,
)
from fakebotapi.markup import MarkupError, parse_html
from fakebotapi.media import tiny_png

ALICE = FakeUser(id=1001, first_name="Alice", language_code="en")
BOB = FakeUser(id=1002, first_name="鲍勃", language_code="zh-hans")
WRONG_TOKEN = "123456789:AAWrongTokenWrongTokenWrongToken000"
REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Telegram:
    """One fake Bot API, a started Bot talking to it, and a way to make more bots."""

    api: FakeBotApi
    bot: Bot
    make_bot: Callable[..., Bot]
    server: FakeBotApiServer | None = None


@pytest.fixture(params=["http", "aiohttp", "in_process"])
async def telegram(request: pytest.FixtureRequest) -> AsyncIterator[Telegram]:
    """The same tests run against the aiohttp server and against FakeRequest.

    Over HTTP, both clients the bot can use (TELEGRAM_HTTP_CLIENT) talk to the server: PTB's
    HTTPXRequest ("http") and daylog's AiohttpRequest ("aiohttp"); they must behave alike.
    """
    if request.param in ("http", "aiohttp"):
        client = HTTPXRequest if request.param == "http" else AiohttpRequest
        async with FakeBotApiServer() as server:

            def http_bot(token: str = server.api.token, read_timeout: float = 5.0) -> Bot:
                return Bot(
                    token,
                    base_url=server.base_url,
                    base_file_url=server.base_file_url,
                    request=client(read_timeout=read_timeout),
                    get_updates_request=client(read_timeout=read_timeout),
                )

            async with http_bot() as bot:
                yield Telegram(server.api, bot, http_bot, server)
    else:
        async with FakeBotApi() as api:

            def in_process_bot(token: str = api.token, read_timeout: float = 5.0) -> Bot:
                return Bot(
                    token,
                    request=FakeRequest(api, read_timeout=read_timeout),
                    get_updates_request=FakeRequest(api, read_timeout=read_timeout),
                )

            async with in_process_bot() as bot:
                yield Telegram(api, bot, in_process_bot)


def started_chat(api: FakeBotApi, user: FakeUser = ALICE) -> dict[str, Any]:
    """The user writes first, as on Telegram, so the bot may answer in that chat."""
    return api.push(api.text_update(user, "/start"))


# ---- the core, without a transport -------------------------------------------------------


async def test_errors_have_the_real_json_shape() -> None:
    async with FakeBotApi() as api:
        started_chat(api)
        status, body = await api.handle(
            api.token,
            "sendMessage",
            {"chat_id": ALICE.id, "text": "<script>", "parse_mode": "HTML"},
        )
        assert (status, body) == (
            400,
            {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: can't parse entities: "
                'Unsupported start tag "script" at byte offset 0',
            },
        )
        assert await api.handle(WRONG_TOKEN, "getMe", {}) == (
            401,
            {"ok": False, "error_code": 401, "description": "Unauthorized"},
        )
        assert await api.handle(api.token, "sendTelepathy", {}) == (
            404,
            {"ok": False, "error_code": 404, "description": "Not Found"},
        )
        status, body = await api.handle(api.token, "GETME", {})
        assert status == 200
        assert body["result"]["id"] == 123456789  # the id in the token, as Telegram does


async def test_unknown_chat_and_blocked_user_answer_like_telegram() -> None:
    async with FakeBotApi() as api:
        assert await api.handle(api.token, "sendMessage", {"chat_id": 77, "text": "hi"}) == (
            400,
            {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"},
        )
        started_chat(api)
        api.block(ALICE.id)
        status, body = await api.handle(
            api.token, "sendMessage", {"chat_id": str(ALICE.id), "text": "hi"}
        )
        assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        # TDLib's own test vectors (test/message_entities.cpp): the real texts and offsets.
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("🏟 🏟&lt;<i   =aba>", 'Empty attribute name in the tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba>", 'Can\'t find end tag corresponding to start tag "i"'),
        ("🏟 🏟&lt;<i    aba  =  ", 'Unclosed start tag "i" at byte offset 13'),
        ("🏟 🏟&lt;<i    aba  =  190azAz-.,", "Unexpected end of name token at byte offset 27"),
        ('🏟 🏟&lt;<i    aba  =  "&lt;&gt;&quot;>', "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;</", "Unexpected end tag at byte offset 13"),
        ("🏟 🏟&lt;<b></b></", "Unexpected end tag at byte offset 20"),
        ("🏟 🏟&lt;<i>a</i   ", "Unclosed end tag at byte offset 17"),
        (
            "🏟 🏟&lt;<i>a</em   >",
            'Unmatched end tag at byte offset 17, expected "</i>", found "</em>"',
        ),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_match_tdlib(markup: str, error: str) -> None:
    with pytest.raises(MarkupError) as raised:
        parse_html(markup)
    assert str(raised.value) == error


@pytest.mark.parametrize(
    ("markup", "text", "entities"),
    [
        ("&ge;&lt;&gt;&amp;&quot;&#12345678;", '&ge;<>&"&#12345678;', []),
        ("AT&T &#x1F600;", "AT&T 😀", []),
        (
            "🏟 🏟<i>🏟 &gt;<b aba   =   caba>&lt🏟</b></i>",
            "🏟 🏟🏟 ><🏟",
            [
                {"type": "italic", "offset": 5, "length": 7},
                {"type": "bold", "offset": 9, "length": 3},
            ],
        ),
        ("<i>a</    >", "a", [{"type": "italic", "offset": 0, "length": 1}]),
        (
            '<a href="https://example.org/?a=1&amp;b=2">x</a>',
            "x",
            [
                {
                    "type": "text_link",
                    "offset": 0,
                    "length": 1,
                    "url": "https://example.org/?a=1&b=2",
                }
            ],
        ),
        (
            "<blockquote expandable>a&lt;<pre>b;</></>",
            "a<b;",
            [
                {"type": "expandable_blockquote", "offset": 0, "length": 4},
                {"type": "pre", "offset": 2, "length": 2},
            ],
        ),
        (
            '<tg-spoiler>s</tg-spoiler><span class="tg-spoiler">p</span>',
            "sp",
            [
                {"type": "spoiler", "offset": 0, "length": 1},
                {"type": "spoiler", "offset": 1, "length": 1},
            ],
        ),
    ],
)
def test_html_is_parsed_like_tdlib(markup: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert parse_html(markup) == (text, entities)


async def test_builders_make_realistic_updates() -> None:
    async with FakeBotApi() as api:
        first = api.text_update(ALICE, "hello")
        command = api.command_update(ALICE, "/undo 2")
        group = FakeChat(id=-100555, title="Friends")
        in_group = api.text_update(BOB, "/start@daylog_test_bot", chat=group)
        assert command["update_id"] == first["update_id"] + 1
        assert command["message"]["message_id"] == first["message"]["message_id"] + 1
        assert command["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 5}]
        assert in_group["message"]["chat"] == {
            "id": -100555,
            "type": "supergroup",
            "title": "Friends",
        }
        assert in_group["message"]["message_id"] == 1  # ids run per chat
        edited = api.edited_text_update(first, "hello, world")
        assert edited["edited_message"]["message_id"] == first["message"]["message_id"]
        assert edited["edited_message"]["edit_date"] >= first["message"]["date"]
        dated = api.text_update(ALICE, "x", date=dtm.datetime(2024, 1, 2, 3, 4, tzinfo=dtm.UTC))
        assert dated["message"]["date"] == 1704164640
        with pytest.raises(ValueError, match="aware"):
            api.text_update(ALICE, "x", date=dtm.datetime(2024, 1, 2))  # noqa: DTZ001
        with pytest.raises(ValueError, match="not a bot command"):
            api.command_update(ALICE, "undo")
        for update in (
            api.photo_update(ALICE, "a caption"),
            api.sticker_update(ALICE),
            api.voice_update(ALICE),
            api.document_update(ALICE, "a.txt", b"abc"),
            api.callback_update(ALICE, first, "undo"),
        ):
            # python-telegram-bot reads each of them into a complete Update.
            parsed = Update.de_json(update, None)
            assert parsed.effective_user is not None
            assert parsed.effective_user.id == ALICE.id


# ---- a real Bot, over both transports ----------------------------------------------------


async def test_get_me_and_wrong_token(telegram: Telegram) -> None:
    me = await telegram.bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456789, "daylog_test_bot", True)
    with pytest.raises(InvalidToken, match="was rejected by the server"):
        async with telegram.make_bot(WRONG_TOKEN):
            pass


async def test_send_and_edit_messages(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    user_message = started_chat(api)["message"]
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Undo", callback_data="undo")]])
    sent = await bot.send_message(
        ALICE.id, "<b>Saved</b> &amp; filed", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )
    assert sent.text == "Saved & filed"
    assert sent.message_id == user_message["message_id"] + 1  # one sequence per private chat
    assert sent.from_user is not None
    assert sent.from_user.id == bot.id
    assert sent.chat.id == ALICE.id
    assert sent.entities[0].type == "bold"
    assert sent.reply_markup == keyboard
    second = await bot.send_message(ALICE.id, "again")
    assert second.message_id == sent.message_id + 1

    edited = await bot.edit_message_text(
        "<i>Edited</i>", ALICE.id, sent.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, Message)
    assert edited.text == "Edited"
    assert edited.edit_date is not None
    assert edited.reply_markup is None  # an edit without reply_markup drops the keyboard
    assert api.sent_messages(ALICE.id)[0]["text"] == "Edited"
    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message"):
        await bot.edit_message_text("<i>Edited</i>", ALICE.id, sent.message_id, parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("x", ALICE.id, 999)
    with pytest.raises(BadRequest, match=r"^Message can't be edited$"):
        await bot.edit_message_text("x", ALICE.id, user_message["message_id"])

    await bot.edit_message_reply_markup(ALICE.id, second.message_id, reply_markup=keyboard)
    assert api.sent_messages(ALICE.id)[1]["reply_markup"] == keyboard.to_dict()
    assert await bot.delete_message(ALICE.id, second.message_id)
    with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
        await bot.delete_message(ALICE.id, second.message_id)
    assert [m["text"] for m in api.sent_messages(ALICE.id)] == ["Edited"]
    assert [call.method for call in api.calls][-3:] == [
        "editMessageReplyMarkup",
        "deleteMessage",
        "deleteMessage",
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "<script>alert(1)</script>",
            'Can\'t parse entities: unsupported start tag "script" at byte offset 0',
        ),
        ("5 < 6", 'Can\'t parse entities: unsupported start tag "" at byte offset 2'),
        ("<b>open", "Can't parse entities: can't find end tag corresponding to start tag \"b\""),
        (
            "<b>x</i>",
            "Can't parse entities: unmatched end tag at byte offset 4, "
            'expected "</b>", found "</i>"',
        ),
        ("<b> </b>", "Message text is empty"),
    ],
)
async def test_unsafe_html_is_refused(telegram: Telegram, text: str, error: str) -> None:
    # python-telegram-bot drops "Bad Request: " and capitalizes what Telegram sent.
    started_chat(telegram.api)
    with pytest.raises(BadRequest) as raised:
        await telegram.bot.send_message(ALICE.id, text, parse_mode=ParseMode.HTML)
    assert str(raised.value) == error
    assert telegram.api.sent_messages() == []


async def test_escaped_html_comes_back_as_the_text(telegram: Telegram) -> None:
    started_chat(telegram.api)
    entry = '<b>bold</b> & <script>x</script> "quoted"'
    sent = await telegram.bot.send_message(ALICE.id, html.escape(entry), parse_mode="HTML")
    assert sent.text == entry


async def test_length_is_counted_in_utf16_after_parsing(telegram: Telegram) -> None:
    started_chat(telegram.api)
    bot = telegram.bot
    assert (await bot.send_message(ALICE.id, "a" * 4096)).text == "a" * 4096
    assert await bot.send_message(ALICE.id, "😀" * 2048)  # each emoji is 2 UTF-16 units
    # Entities shrink to one character and tags vanish: 4096 units after parsing.
    assert await bot.send_message(ALICE.id, "<b>" + "&lt;" * 4096 + "</b>", parse_mode="HTML")
    for too_long in ("a" * 4097, "😀" * 2048 + "a", "a" * 4095 + "😀"):
        with pytest.raises(BadRequest, match=r"^Message is too long$"):
            await bot.send_message(ALICE.id, too_long)
    assert len(telegram.api.sent_messages(ALICE.id)) == 3


async def test_get_updates_keeps_updates_until_a_higher_offset(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    pushed = [api.push(api.text_update(ALICE, f"entry {n}")) for n in range(3)]
    ids = [u["update_id"] for u in pushed]
    assert [u.update_id for u in await bot.get_updates()] == ids
    assert [u.update_id for u in await bot.get_updates()] == ids  # not confirmed yet
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    first = (await bot.get_updates(offset=ids[2]))[0]
    assert first.update_id == ids[2]
    assert first.message is not None
    assert first.message.text == "entry 2"
    assert await bot.get_updates(offset=ids[2] + 1) == ()
    assert api.pending_updates == []


async def test_get_updates_long_polls_until_an_update_arrives(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    polls_before = len([c for c in api.calls if c.method == "getUpdates"])
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_for("getUpdates", polls_before + 1)
    await asyncio.sleep(0)
    assert not poll.done()  # held open: nothing to deliver yet
    update = api.push(api.text_update(ALICE, "late entry"))
    assert [u.update_id for u in await poll] == [update["update_id"]]


async def test_a_second_poller_ends_the_first_with_conflict(telegram: Telegram) -> None:
    first = asyncio.create_task(telegram.bot.get_updates(timeout=30))
    await telegram.api.wait_for("getUpdates", 1)
    second = asyncio.create_task(telegram.bot.get_updates(timeout=30))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    telegram.api.push(telegram.api.text_update(ALICE, "wake up"))
    assert len(await second) == 1


async def test_upload_and_download_files(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    started_chat(api)
    sent = await bot.send_document(
        ALICE.id, b"date,entry\n", filename="log.csv", caption="<b>Export</b>", parse_mode="HTML"
    )
    assert sent.document is not None
    assert (sent.document.file_name, sent.document.file_size) == ("log.csv", 11)
    assert sent.caption == "Export"
    assert api.uploads[-1].data == b"date,entry\n"
    uploaded = await bot.get_file(sent.document.file_id)
    assert bytes(await uploaded.download_as_bytearray()) == b"date,entry\n"

    incoming = api.push(api.document_update(ALICE, "notes.md", "# 昨天\n- ok".encode(), "import"))
    file = await bot.get_file(incoming["message"]["document"]["file_id"])
    assert file.file_path is not None
    assert file.file_path.startswith(telegram.server.base_file_url if telegram.server else "https")
    assert (await file.download_as_bytearray()).decode() == "# 昨天\n- ok"
    with pytest.raises(BadRequest, match=r"^Invalid file_id$"):
        await bot.get_file("no-such-file")

    photo = await bot.send_photo(ALICE.id, tiny_png(8, 5), caption="chart")
    assert (photo.photo[-1].width, photo.photo[-1].height) == (8, 5)
    with pytest.raises(BadRequest, match=r"^Image_process_failed$"):
        await bot.send_photo(ALICE.id, b"not a picture")
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_document(ALICE.id, b"x", filename="x.txt", caption="c" * 1025)


async def test_injected_server_errors(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    started_chat(api)
    api.fail_next("sendMessage", status=500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"^Internal Server Error$"):
            await bot.send_message(ALICE.id, "entry")
    assert (await bot.send_message(ALICE.id, "entry")).text == "entry"
    assert len(await api.wait_for("sendMessage", 3)) == 3

    api.fail_next("sendMessage", status=403)
    with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
        await bot.send_message(ALICE.id, "entry")


async def test_injected_429_raises_retry_after(
    telegram: Telegram, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without PTB_TIMEDELTA, RetryAfter warns while it is built, and warnings fail tests.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    started_chat(telegram.api)
    telegram.api.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as raised:
        await telegram.bot.send_message(ALICE.id, "entry")
    assert raised.value.retry_after == dtm.timedelta(seconds=7)
    assert telegram.api.sent_messages() == []


async def test_rate_limit_answers_429_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with FakeBotApi(limit_per_second=3) as api:
        started_chat(api)
        async with Bot(
            api.token, request=FakeRequest(api), get_updates_request=FakeRequest(api)
        ) as bot:
            results = await asyncio.gather(
                *(bot.send_message(ALICE.id, f"n{n}") for n in range(5)), return_exceptions=True
            )
    refused = [r for r in results if isinstance(r, RetryAfter)]
    assert len(refused) == 2
    assert refused[0].retry_after == dtm.timedelta(seconds=1)
    assert api.rate_limited_count == 2
    assert len(api.sent_messages()) == 3


async def test_a_slow_answer_times_out_but_the_message_is_sent(telegram: Telegram) -> None:
    api = telegram.api
    started_chat(api)
    api.fail_next("sendMessage", status=None, delay=0.5)
    async with telegram.make_bot(read_timeout=0.1) as impatient:
        with pytest.raises(TimedOut):
            await impatient.send_message(ALICE.id, "maybe sent")
        # As with Telegram, a request the client gave up on may still have been carried out.
        await api.wait_until(lambda: len(api.sent_messages()) == 1, timeout=5)
    assert api.sent_messages()[0]["text"] == "maybe sent"


async def test_chat_action_callback_answer_and_commands(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    started_chat(api)
    assert await bot.send_chat_action(ALICE.id, "typing")
    with pytest.raises(BadRequest, match=r"^Wrong parameter action in request$"):
        await bot.send_chat_action(ALICE.id, "dancing")

    sent = await bot.send_message(ALICE.id, "Delete?")
    press = api.push(api.callback_update(ALICE, api.sent_messages()[0], "undo"))
    query_id = press["callback_query"]["id"]
    assert await bot.answer_callback_query(query_id, text="Deleted")
    assert api.callback_answers[query_id]["text"] == "Deleted"
    with pytest.raises(BadRequest, match=r"^Query is too old"):
        await bot.answer_callback_query(query_id)
    assert press["callback_query"]["message"]["message_id"] == sent.message_id

    assert await bot.set_my_commands([("undo", "Delete the last entry")])
    assert await bot.set_my_commands([("undo", "删除最后一条")], language_code="zh")
    assert [c.description for c in await bot.get_my_commands(language_code="zh")] == [
        "删除最后一条"
    ]
    assert api.commands() == [{"command": "undo", "description": "Delete the last entry"}]
    assert await bot.get_my_commands(language_code="de") == ()
    with pytest.raises(BadRequest, match=r"^Bot_command_invalid$"):
        await bot.set_my_commands([("Undo!", "bad name")])
    assert await bot.close()
    assert await bot.log_out()


# ---- webhooks ---------------------------------------------------------------------------


@dataclass
class Receiver:
    """A bot's webhook endpoint: records each POST and answers with queued statuses."""

    url: str
    received: "asyncio.Queue[tuple[str | None, dict[str, Any]]]"
    statuses: list[int]


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    received: asyncio.Queue[tuple[str | None, dict[str, Any]]] = asyncio.Queue()
    statuses: list[int] = []

    async def hook(request: web.Request) -> web.Response:
        received.put_nowait((request.headers.get(SECRET_TOKEN_HEADER), await request.json()))
        return web.Response(status=statuses.pop(0) if statuses else 200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield Receiver(f"http://127.0.0.1:{port}/hook", received, statuses)
    finally:
        await runner.cleanup()


async def test_webhook_posts_updates_with_the_secret(
    telegram: Telegram, receiver: Receiver
) -> None:
    api, bot = telegram.api, telegram.bot
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-token")
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()

    receiver.statuses.append(500)  # the bot fails once; Telegram retries the same update
    update = api.push(api.text_update(ALICE, "via webhook"))
    async with asyncio.timeout(5):
        failed = await receiver.received.get()
        delivered = await receiver.received.get()
    assert failed == delivered == ("s3cret-token", update)
    await api.wait_until(lambda: api.pending_updates == [])
    assert api.webhook_deliveries == [(update["update_id"], 500), (update["update_id"], 200)]
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.pending_update_count == 0

    assert await bot.delete_webhook()
    held = api.push(api.text_update(ALICE, "back to polling"))
    assert [u.update_id for u in await bot.get_updates()] == [held["update_id"]]
    assert receiver.received.empty()


# ---- handlers through Application.process_update, no sockets ----------------------------


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text with the same text, HTML-escaped."""
    assert update.effective_message is not None
    text = update.effective_message.text or ""
    await update.effective_message.reply_html(f"<b>Saved:</b> {html.escape(text)}")


async def undo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button press and edit the message it sits under."""
    assert update.callback_query is not None
    await update.callback_query.answer("Done")
    await update.callback_query.edit_message_text("Undone")


async def test_handlers_run_in_process_through_process_update() -> None:
    async with FakeBotApi() as api:
        app: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(api.token)
            .request(FakeRequest(api))
            .get_updates_request(FakeRequest(api))
            .updater(None)
            .build()
        )
        app.add_handler(MessageHandler(filters.TEXT, echo))
        app.add_handler(CallbackQueryHandler(undo))
        async with app:
            for user, text in ((ALICE, "<script>"), (BOB, "今天 & 明天")):
                await app.process_update(Update.de_json(api.text_update(user, text), app.bot))
            assert [m["text"] for m in api.sent_messages(ALICE.id)] == ["Saved: <script>"]
            assert [m["text"] for m in api.sent_messages(BOB.id)] == ["Saved: 今天 & 明天"]

            reply = api.sent_messages(ALICE.id)[0]
            press = api.callback_update(ALICE, reply, "undo")
            await app.process_update(Update.de_json(press, app.bot))
            assert api.sent_messages(ALICE.id)[0]["text"] == "Undone"
            assert api.callback_answers[press["callback_query"]["id"]]["text"] == "Done"


async def test_polling_application_answers_and_confirms_updates(telegram: Telegram) -> None:
    api = telegram.api
    builder = ApplicationBuilder().bot(telegram.make_bot())
    app: Application[Any, Any, Any, Any, Any, Any] = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        await app.start()
        for n in range(3):
            api.push(api.text_update(ALICE, f"entry {n}"))
        await api.wait_for("sendMessage", 3)
        # The poll after the batch confirms it with offset = last update_id + 1.
        await api.wait_until(lambda: api.pending_updates == [], what="confirmed updates")
        await app.stop()
        await app.updater.stop()
    assert [m["text"] for m in api.sent_messages(ALICE.id)] == [
        f"Saved: entry {n}" for n in range(3)
    ]
    methods = [call.method for call in api.calls]
    assert methods.index("deleteWebhook") < methods.index("getUpdates")


async def test_request_double_refuses_use_before_initialize() -> None:
    async with FakeBotApi() as api:
        request = FakeRequest(api)
        with pytest.raises(RuntimeError, match="not initialized"):
            await request.do_request(f"https://api.telegram.org/bot{api.token}/getMe", "POST")


# ---- the server as its own process, driven through /_control -----------------------------


async def test_subprocess_server_is_driven_over_control_endpoints(tmp_path: Path) -> None:
    ready = tmp_path / "fake-api.url"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "fakebotapi",
        "--token",
        DEFAULT_TOKEN,
        "--port",
        "0",
        "--ready-file",
        str(ready),
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    try:
        async with asyncio.timeout(20):
            line = (await process.stdout.readline()).decode()
        url = line.rsplit(" ", 1)[-1].strip()
        assert ready.read_text(encoding="utf-8").strip() == url

        bot = Bot(DEFAULT_TOKEN, base_url=f"{url}/bot", base_file_url=f"{url}/file/bot")
        async with aiohttp.ClientSession() as session, bot:
            # A hand-written update: ids and date are filled in, the chat becomes known.
            update = {
                "message": {"from": ALICE.to_dict(), "chat": ALICE.private_chat(), "text": "hi"}
            }
            async with session.post(f"{url}/_control/push", json=update) as response:
                pushed = (await response.json())["result"]
            (received,) = await bot.get_updates()
            assert received.update_id == pushed["update_id"]
            await bot.send_message(ALICE.id, "<b>hello</b>", parse_mode="HTML")
            async with session.get(
                f"{url}/_control/calls", params={"method": "sendMessage"}
            ) as response:
                calls = (await response.json())["result"]
            assert [c["params"]["text"] for c in calls] == ["<b>hello</b>"]
            async with session.get(f"{url}/_control/sent_messages") as response:
                assert [m["text"] for m in (await response.json())["result"]] == ["hello"]
            fault = {"method": "sendMessage", "status": 502}
            async with session.post(f"{url}/_control/fail_next", json=fault) as response:
                assert response.status == 200
            with pytest.raises(NetworkError, match=r"^Bad Gateway$"):
                await bot.send_message(ALICE.id, "x")
    finally:
        if process.returncode is None:
            process.terminate()
        assert await process.wait() == 0


async def test_json_and_form_bodies_are_both_accepted() -> None:
    async with FakeBotApiServer() as server, aiohttp.ClientSession() as session:
        started_chat(server.api)
        url = f"{server.base_url}{server.api.token}/sendMessage"
        async with session.post(url, json={"chat_id": ALICE.id, "text": "json"}) as response:
            assert (await response.json())["result"]["text"] == "json"
        async with session.post(url, data={"chat_id": str(ALICE.id), "text": "form"}) as response:
            assert (await response.json())["result"]["text"] == "form"
        query = {"chat_id": str(ALICE.id), "text": "query"}
        async with session.get(url, params=query) as response:
            assert (await response.json())["result"]["text"] == "query"
        async with session.post(
            url, data="{not json", headers={"Content-Type": "application/json"}
        ) as response:
            assert response.status == 400
        assert [m["text"] for m in server.api.sent_messages()] == ["json", "form", "query"]
        assert json.loads(json.dumps(server.api.calls[-1].params)) == {
            "chat_id": "1001",
            "text": "query",
        }
