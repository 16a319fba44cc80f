"""Reading a message's files and forward origin, from updates the fake Bot API builds."""

import datetime as dtm
from collections.abc import AsyncIterator

import pytest
from telegram import Message, Update

from bot.media.intake import attachments_of, forward_origin_of
from bot.media.marks import clock, media_marks
from bot.models import Forwarded
from bot.store.attachments import Attachment, NewAttachment
from fakebotapi import FakeBotApi, FakeUser
from fakebotapi.media import tiny_png

ALICE = FakeUser(id=1001, first_name="Alice")
CAROL = FakeUser(id=1003, first_name="Carol", last_name="Chen", username="carol")
WHEN = dtm.datetime(2023, 1, 2, 9, 30, tzinfo=dtm.UTC)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


def message_of(update: dict[str, object]) -> Message:
    parsed = Update.de_json(update, None)
    assert parsed.message is not None
    return parsed.message


async def test_each_kind_of_file_is_read(api: FakeBotApi) -> None:
    voice = attachments_of(message_of(api.voice_update(ALICE, data=b"OggS", duration=23)))
    assert voice == [
        NewAttachment(
            kind="voice",
            file_id=voice[0].file_id,
            file_unique_id=voice[0].file_unique_id,
            size=4,
            duration=23,
            mime_type="audio/ogg",
        )
    ]
    [audio] = attachments_of(message_of(api.audio_update(ALICE, b"ID3", duration=200)))
    assert (audio.kind, audio.duration, audio.file_name, audio.mime_type) == (
        "audio",
        200,
        "audio.mp3",
        "audio/mpeg",
    )
    [note] = attachments_of(message_of(api.video_note_update(ALICE, b"mp4", duration=9)))
    assert (note.kind, note.duration, note.mime_type, note.width) == (
        "video_note",
        9,
        "video/mp4",
        240,
    )
    [photo] = attachments_of(message_of(api.photo_update(ALICE, data=tiny_png(8, 5))))
    assert (photo.kind, photo.width, photo.height, photo.size) == (
        "photo",
        8,
        5,
        len(tiny_png(8, 5)),
    )
    [document] = attachments_of(message_of(api.document_update(ALICE, "报告.pdf", b"%PDF")))
    assert (document.kind, document.file_name, document.mime_type) == (
        "document",
        "报告.pdf",
        "application/pdf",
    )
    assert attachments_of(message_of(api.text_update(ALICE, "just text"))) == []
    assert attachments_of(message_of(api.sticker_update(ALICE))) == []


async def test_the_largest_size_of_a_photo_is_kept(api: FakeBotApi) -> None:
    update = api.photo_update(ALICE, data=tiny_png(8, 5))
    [photo] = attachments_of(message_of(update))
    assert photo.file_id == update["message"]["photo"][-1]["file_id"]


async def test_forward_origins(api: FakeBotApi) -> None:
    def origin(of: dict[str, object]) -> Forwarded | None:
        return forward_origin_of(message_of(api.forwarded(api.text_update(ALICE, "x"), of)))

    assert origin(api.user_origin(CAROL, WHEN)) == Forwarded(
        kind="user", name="Carol Chen", date=WHEN
    )
    assert origin(api.hidden_user_origin("Dan", WHEN)) == Forwarded(
        kind="hidden_user", name="Dan", date=WHEN
    )
    assert origin(api.channel_origin("Go Weekly", WHEN)) == Forwarded(
        kind="channel", name="Go Weekly", date=WHEN
    )
    assert origin(api.channel_origin("", WHEN, username="goweekly", signature="Ann")) == Forwarded(
        kind="channel", name="@goweekly", date=WHEN, signature="Ann"
    )
    assert origin(api.chat_origin("读书会", WHEN, signature="管理员")) == Forwarded(
        kind="chat", name="读书会", date=WHEN, signature="管理员"
    )
    assert forward_origin_of(message_of(api.text_update(ALICE, "mine"))) is None


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (23, "0:23"), (65, "1:05"), (725, "12:05"), (3723, "1:02:03"), (None, "0:00")],
)
def test_durations_read_like_a_player(seconds: int | None, shown: str) -> None:
    assert clock(seconds) == shown


def kept(kind: str, *, duration: int | None = None, name: str | None = None) -> Attachment:
    return Attachment(
        id=1, entry_id=1, user_id=1, position=0, media_group_id=None,
        kind=kind,  # type: ignore[arg-type]
        file_id="f", file_unique_id="u", sha256=None, size=None, duration=duration,
        mime_type=None, file_name=name, width=None, height=None, status="stored",
        transcript=None, created_at=WHEN,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("attachments", "marks"),
    [
        ([kept("photo")], ["📷"]),
        ([kept("photo"), kept("photo"), kept("photo")], ["📷 3"]),
        ([kept("voice", duration=23)], ["🎤 0:23"]),
        ([kept("audio", duration=190)], ["🎵 3:10"]),
        ([kept("video_note", duration=9)], ["⏺ 0:09"]),
        ([kept("document", name="<b>报告</b>.pdf")], ["📎 <b>报告</b>.pdf"]),
        ([kept("voice", duration=5), kept("photo"), kept("photo")], ["🎤 0:05", "📷 2"]),
        ([], []),
    ],
)
def test_listing_marks(attachments: list[Attachment], marks: list[str]) -> None:
    assert media_marks(attachments) == marks
