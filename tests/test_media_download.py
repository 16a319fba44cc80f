"""Keeping an attachment: a real Bot fetching from the fake Bot API into real files and SQLite."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from telegram import Bot, Update

from bot.media.download import keep_attachment
from bot.media.files import MediaFiles
from bot.media.intake import attachments_of
from bot.store import Store
from bot.store.attachments import Attachment
from fakebotapi import FakeBotApi, FakeRequest, FakeUser
from fakebotapi.core import MAX_DOWNLOAD_BYTES

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
ALICE = FakeUser(id=1001, first_name="Alice")


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(api.token, request=FakeRequest(api, read_timeout=0.3)) as started:
        yield started


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "log.sqlite3")
    await opened.users.ensure(ALICE.id, chat_id=ALICE.id, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


async def attached(store: Store, update: dict[str, object]) -> Attachment:
    """The update's message as an entry with its attachment row, not downloaded yet."""
    message = Update.de_json(update, None).message
    assert message is not None
    entry, _ = await store.entries.add(
        ALICE.id, "📎", date(2023, 1, 2), created_at=NOW, chat_id=ALICE.id,
        message_id=message.message_id,
    )  # fmt: skip
    [attachment] = await store.attachments.attach(
        ALICE.id, entry.id, attachments_of(message), at=NOW
    )
    return attachment


async def test_a_voice_note_is_kept_on_disk_and_its_row_says_so(
    api: FakeBotApi, bot: Bot, store: Store, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media")
    attachment = await attached(store, api.voice_update(ALICE, data=b"OggS opus", duration=3))
    assert await keep_attachment(bot, files, store.attachments, attachment) == "stored"
    row = await store.attachments.by_id(ALICE.id, attachment.id)
    assert row is not None and row.status == "stored" and row.sha256 is not None
    assert await files.read(ALICE.id, row.sha256) == b"OggS opus"


async def test_a_file_over_20_mb_keeps_only_its_id(
    api: FakeBotApi, bot: Bot, store: Store, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media")
    big = await attached(store, api.audio_update(ALICE, b"\0" * (MAX_DOWNLOAD_BYTES + 1)))
    assert await keep_attachment(bot, files, store.attachments, big) == "too_big"
    # Telegram did not say the size in the message: getFile's refusal says it.
    unsized = api.document_update(ALICE, "huge.zip", b"\0" * (MAX_DOWNLOAD_BYTES + 1))
    del unsized["message"]["document"]["file_size"]
    refused = await attached(store, unsized)
    assert await keep_attachment(bot, files, store.attachments, refused) == "too_big"
    assert await files.total_bytes() == 0
    row = await store.attachments.by_id(ALICE.id, refused.id)
    assert row is not None and row.status == "too_big" and row.file_id == refused.file_id


async def test_a_19_9_mb_audio_file_is_kept(
    api: FakeBotApi, bot: Bot, store: Store, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media")
    size = MAX_DOWNLOAD_BYTES - 100 * 1024
    attachment = await attached(store, api.audio_update(ALICE, b"\1" * size))
    assert await keep_attachment(bot, files, store.attachments, attachment) == "stored"
    assert await files.used_bytes(ALICE.id) == size


async def test_over_the_quota_the_file_is_refused_and_the_row_kept(
    api: FakeBotApi, bot: Bot, store: Store, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media", quota_bytes=10)
    attachment = await attached(store, api.photo_update(ALICE))
    assert await keep_attachment(bot, files, store.attachments, attachment) == "over_quota"
    row = await store.attachments.by_id(ALICE.id, attachment.id)
    assert row is not None and row.status == "over_quota"


async def test_a_download_that_fails_or_times_out_is_recorded(
    api: FakeBotApi, bot: Bot, store: Store, tmp_path: Path
) -> None:
    files = MediaFiles(tmp_path / "media")
    attachment = await attached(store, api.voice_update(ALICE, data=b"OggS"))
    api.fail_next("download", status=None, delay=2.0)
    assert await keep_attachment(bot, files, store.attachments, attachment) == "failed"
    api.fail_next("getFile", status=500)
    assert await keep_attachment(bot, files, store.attachments, attachment) == "failed"
    # Tried again later, it works.
    assert await keep_attachment(bot, files, store.attachments, attachment) == "stored"
