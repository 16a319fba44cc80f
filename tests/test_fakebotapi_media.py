"""The fake Bot API's media: voice, audio, round videos, photos, albums, files and forwards,
fetched with a real python-telegram-bot Bot through getFile and the file URL."""

import datetime as dtm
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from telegram import (
    Bot,
    MessageOriginChannel,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.telegram.transport import AiohttpRequest
from fakebotapi import FakeBotApi, FakeBotApiServer, FakeRequest, FakeUser
from fakebotapi.core import MAX_DOWNLOAD_BYTES
from fakebotapi.media import tiny_png

ALICE = FakeUser(id=1001, first_name="Alice", language_code="en")
CAROL = FakeUser(id=1003, first_name="Carol", username="carol")
WHEN = dtm.datetime(2023, 1, 2, 9, 30, tzinfo=dtm.UTC)


@dataclass
class Telegram:
    api: FakeBotApi
    bot: Bot
    make_bot: Callable[[float], Bot]


@pytest.fixture(params=["aiohttp", "in_process"])
async def telegram(request: pytest.FixtureRequest) -> AsyncIterator[Telegram]:
    """The same tests over real HTTP (the bot's own client) and in-process."""
    if request.param == "aiohttp":
        async with FakeBotApiServer() as server:

            def http_bot(read_timeout: float = 5.0) -> Bot:
                return Bot(
                    server.api.token,
                    base_url=server.base_url,
                    base_file_url=server.base_file_url,
                    request=AiohttpRequest(read_timeout=read_timeout),
                )

            async with http_bot() as bot:
                yield Telegram(server.api, bot, http_bot)
    else:
        async with FakeBotApi() as api:

            def in_process_bot(read_timeout: float = 5.0) -> Bot:
                return Bot(api.token, request=FakeRequest(api, read_timeout=read_timeout))

            async with in_process_bot() as bot:
                yield Telegram(api, bot, in_process_bot)


async def fetch(bot: Bot, file_id: str) -> bytes:
    file = await bot.get_file(file_id)
    return bytes(await file.download_as_bytearray())


async def test_a_voice_note_is_fetched_with_its_bytes(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    update = Update.de_json(api.voice_update(ALICE, data=b"OggS real opus", duration=23), bot)
    assert update.message is not None and update.message.voice is not None
    voice = update.message.voice
    assert (voice.duration, voice.mime_type, voice.file_size) == (
        dtm.timedelta(seconds=23),
        "audio/ogg",
        14,
    )
    assert await fetch(bot, voice.file_id) == b"OggS real opus"


async def test_audio_and_round_video_notes(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    audio_update = Update.de_json(
        api.audio_update(ALICE, b"ID3 mp3", duration=61, file_name="standup.mp3", title="Standup"),
        bot,
    )
    assert audio_update.message is not None and audio_update.message.audio is not None
    audio = audio_update.message.audio
    assert (audio.file_name, audio.mime_type, audio.title) == (
        "standup.mp3",
        "audio/mpeg",
        "Standup",
    )
    assert await fetch(bot, audio.file_id) == b"ID3 mp3"
    round_update = Update.de_json(api.video_note_update(ALICE, b"mp4 bytes", duration=9), bot)
    assert round_update.message is not None and round_update.message.video_note is not None
    video_note = round_update.message.video_note
    assert (video_note.length, video_note.duration) == (240, dtm.timedelta(seconds=9))
    assert await fetch(bot, video_note.file_id) == b"mp4 bytes"


async def test_a_photo_comes_in_sizes_with_the_picture_last(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    picture = tiny_png(8, 5)
    update = Update.de_json(api.photo_update(ALICE, "whiteboard", data=picture), bot)
    assert update.message is not None
    sizes = update.message.photo
    assert [(size.width, size.height) for size in sizes] == [(1, 1), (8, 5)]
    assert len({size.file_unique_id for size in sizes}) == 2
    assert await fetch(bot, sizes[-1].file_id) == picture
    assert update.message.caption == "whiteboard"


async def test_an_album_is_several_updates_sharing_a_media_group(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    pictures = [tiny_png(width, 2) for width in (3, 4, 5)]
    updates = [
        Update.de_json(update, bot) for update in api.album_updates(ALICE, pictures, "receipts")
    ]
    messages = [update.message for update in updates]
    assert all(message is not None for message in messages)
    groups = {message.media_group_id for message in messages if message is not None}
    assert len(groups) == 1 and None not in groups
    assert [message.caption for message in messages if message is not None] == [
        "receipts",
        None,
        None,
    ]
    ids = [message.message_id for message in messages if message is not None]
    assert ids == sorted(ids)
    for message, picture in zip(messages, pictures, strict=True):
        assert message is not None
        assert await fetch(bot, message.photo[-1].file_id) == picture
    with pytest.raises(ValueError, match="2 to 10"):
        api.album_updates(ALICE, [tiny_png()] * 11)


async def test_a_document_keeps_its_name_and_type(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    update = Update.de_json(api.document_update(ALICE, "报告.pdf", b"%PDF-1.7 ..."), bot)
    assert update.message is not None and update.message.document is not None
    document = update.message.document
    assert (document.file_name, document.mime_type) == ("报告.pdf", "application/pdf")
    assert await fetch(bot, document.file_id) == b"%PDF-1.7 ..."


async def test_forwarded_messages_say_where_they_came_from(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    from_channel = Update.de_json(
        api.forwarded(
            api.text_update(ALICE, "release notes"),
            api.channel_origin("Go Weekly", WHEN, message_id=77, username="goweekly"),
        ),
        bot,
    )
    assert from_channel.message is not None
    origin = from_channel.message.forward_origin
    assert isinstance(origin, MessageOriginChannel)
    assert (origin.chat.title, origin.message_id, origin.date) == ("Go Weekly", 77, WHEN)
    from_person = Update.de_json(
        api.forwarded(api.voice_update(ALICE), api.user_origin(CAROL, WHEN)), bot
    )
    assert from_person.message is not None
    assert isinstance(from_person.message.forward_origin, MessageOriginUser)
    assert from_person.message.forward_origin.sender_user.username == "carol"
    hidden = Update.de_json(
        api.forwarded(api.photo_update(ALICE), api.hidden_user_origin("Dan", WHEN)), bot
    )
    assert hidden.message is not None
    assert isinstance(hidden.message.forward_origin, MessageOriginHiddenUser)
    assert hidden.message.forward_origin.sender_user_name == "Dan"


async def test_a_file_over_20_mb_cannot_be_fetched(telegram: Telegram) -> None:
    api, bot = telegram.api, telegram.bot
    big = api.audio_update(ALICE, b"\0" * (MAX_DOWNLOAD_BYTES + 1))
    with pytest.raises(BadRequest, match="File is too big"):
        await bot.get_file(big["message"]["audio"]["file_id"])
    just_under = api.audio_update(ALICE, b"\1" * (MAX_DOWNLOAD_BYTES - 100 * 1024))
    data = await fetch(bot, just_under["message"]["audio"]["file_id"])
    assert len(data) == MAX_DOWNLOAD_BYTES - 100 * 1024


async def test_downloads_can_fail_or_time_out(telegram: Telegram) -> None:
    api = telegram.api
    update = api.voice_update(ALICE, data=b"OggS")
    file_id = update["message"]["voice"]["file_id"]
    async with telegram.make_bot(0.2) as impatient:
        file = await impatient.get_file(file_id)
        api.fail_next("download", status=None, delay=2.0)
        with pytest.raises(TimedOut):
            await file.download_as_bytearray()
        api.fail_next("download", status=502)
        with pytest.raises(NetworkError):
            await file.download_as_bytearray()
        # A "*" fault is for the Bot API's methods, not downloads.
        api.fail_next("*", status=500)
        assert bytes(await file.download_as_bytearray()) == b"OggS"
