"""Voice notes, photos, albums, files and forwards through the real application.

Real Update objects through process_update, real SQLite and files in tmp_path; the Bot API
is the in-process fake and the transcription server a fake on 127.0.0.1 (only the network is
faked). Real local transcription is tested end to end in tests/test_e2e_voice.py.
"""

import io
import json
import sqlite3
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.media.files import MediaFiles
from bot.progress.notations import READER_VERSION
from bot.store import Store
from bot.store.attachments import _UNTRANSCRIBED_EVERYONE
from bot.transfer.exporting import export_user_log
from fakebotapi import FakeUser
from fakebotapi.core import MAX_DOWNLOAD_BYTES
from fakebotapi.media import tiny_png
from tests.conftest import BotHarness, HarnessFactory
from tests.fake_transcription_api import KEY, FakeTranscriptionServer, fake_transcription_server

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
WHEN = datetime(2022, 12, 24, 8, 0, tzinfo=UTC)


@pytest.fixture
async def server() -> AsyncIterator[FakeTranscriptionServer]:
    async with fake_transcription_server() as fake:

        def reply(data: bytes) -> tuple[int, dict[str, Any]] | None:
            if data.startswith(b"broken"):
                return 500, {"error": "cannot decode"}
            return 200, {"text": data.decode().removeprefix("OggS ")}

        fake.reply = reply
        yield fake


@pytest.fixture
async def transcribing(make_harness: HarnessFactory, server: FakeTranscriptionServer) -> BotHarness:
    """A bot whose notes are transcribed by the fake server (the note's bytes are its words)."""
    return await make_harness(
        transcriber="api", transcribe_api_url=server.url, transcribe_api_key=KEY
    )


async def texts_of(harness: BotHarness, user: FakeUser) -> list[str]:
    return [entry.text for entry in await harness.store.entries.on_day(user.id, MONDAY.date())]


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


async def reply_then_transcript(harness: BotHarness, user: FakeUser) -> tuple[str, str]:
    """The bot's one reply to a note as first sent, then as edited with the transcript."""
    [first] = harness.api.sent_messages(user.id)
    await harness.api.wait_for("editMessageText")
    edited = harness.api.message(user.id, first["message_id"])
    assert edited is not None
    return first["text"], edited["text"]


async def test_a_photo_without_caption_is_an_entry_and_its_file_kept(
    harness: BotHarness, tmp_path: Path
) -> None:
    picture = tiny_png(8, 5)
    await harness.feed(harness.api.photo_update(ALICE, data=picture, date=MONDAY))
    assert await texts_of(harness, ALICE) == ["📷"]
    assert "Saved under Mon 2023-01-02" in harness.last_reply(ALICE.id)
    [kept] = files_under(tmp_path / "media")
    assert kept.read_bytes() == picture
    assert kept.parent.parent.name == f"u{ALICE.id}"


async def test_a_captioned_photo_keeps_its_caption_as_the_text(harness: BotHarness) -> None:
    caption = "whiteboard after the review - The Great Gatsby - 10/41"
    await harness.feed(harness.api.photo_update(ALICE, caption, date=MONDAY))
    assert await texts_of(harness, ALICE) == [caption]
    assert "The Great Gatsby 10/41" in harness.last_reply(ALICE.id)


async def test_an_album_out_of_order_is_one_entry_in_the_order_sent(
    harness: BotHarness,
) -> None:
    pictures = [tiny_png(width, 2) for width in range(1, 11)]
    updates = harness.api.album_updates(ALICE, pictures, "receipts of the trip", date=MONDAY)
    sent_order = [update["message"]["message_id"] for update in updates]
    # Telegram sends them one by one; here they arrive in a scrambled order.
    for index in (3, 7, 0, 9, 1, 5, 2, 8, 6, 4):
        await harness.feed(updates[index])
    [entry] = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    assert entry.text == "receipts of the trip"
    attachments = await harness.store.attachments.for_entries(ALICE.id, [entry.id])
    assert [attachment.position for attachment in attachments] == sent_order
    assert [attachment.width for attachment in attachments] == list(range(1, 11))
    assert all(attachment.status == "stored" for attachment in attachments)
    # One reply for the album, not ten.
    assert len(harness.api.sent_messages(ALICE.id)) == 1
    # Telegram delivers a picture again after a crash: nothing changes.
    await harness.feed(updates[3])
    assert len(await harness.store.attachments.for_entries(ALICE.id, [entry.id])) == 10


async def test_an_album_without_caption_counts_its_pictures(harness: BotHarness) -> None:
    for update in harness.api.album_updates(ALICE, [tiny_png(), tiny_png(2, 2)], date=MONDAY):
        await harness.feed(update)
    assert await texts_of(harness, ALICE) == ["📷 2"]


async def test_a_document_is_kept_with_its_name(harness: BotHarness, tmp_path: Path) -> None:
    await harness.feed(harness.api.document_update(ALICE, "报告.pdf", b"%PDF-1.7", date=MONDAY))
    assert await texts_of(harness, ALICE) == ["📎 报告.pdf"]
    [entry] = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    [attachment] = await harness.store.attachments.for_entries(ALICE.id, [entry.id])
    assert (attachment.file_name, attachment.size, attachment.status) == ("报告.pdf", 8, "stored")
    # Named by hash on disk, never by the user's name.
    assert [path.name for path in files_under(tmp_path / "media")] == [attachment.sha256]


async def test_a_forward_keeps_where_it_came_from(harness: BotHarness) -> None:
    update = harness.api.forwarded(
        harness.api.photo_update(ALICE, "release notes", date=MONDAY),
        harness.api.channel_origin("Go Weekly", WHEN),
    )
    await harness.feed(update)
    row = await harness.store.database.fetchone(
        "SELECT forward_kind, forward_from, forward_date FROM entries WHERE user_id = ?",
        (ALICE.id,),
    )
    assert row is not None
    assert tuple(row) == ("channel", "Go Weekly", "2022-12-24T08:00:00+00:00")


async def test_a_voice_note_without_transcription_is_kept_with_a_placeholder(
    harness: BotHarness, tmp_path: Path
) -> None:
    await harness.feed(harness.api.voice_update(ALICE, data=b"OggS x", duration=23, date=MONDAY))
    assert await texts_of(harness, ALICE) == ["🎤 0:23"]
    assert "Transcription is off" in harness.last_reply(ALICE.id)
    assert len(files_under(tmp_path / "media")) == 1
    await harness.feed(harness.api.command_update(ALICE, "/transcribe"))
    assert harness.last_reply(ALICE.id) == "Transcription is off on this bot."


async def test_the_reply_is_edited_with_the_transcript_which_becomes_the_entry(
    transcribing: BotHarness, server: FakeTranscriptionServer
) -> None:
    api = transcribing.api
    note = b"OggS Read 100/300 of The Great Gatsby"
    await transcribing.feed(api.voice_update(ALICE, data=note, duration=4, date=MONDAY))
    first, edited = await reply_then_transcript(transcribing, ALICE)
    assert "🎤 0:04 · transcribing…" in first
    assert "Read 100/300 of The Great Gatsby" in edited
    assert "The Great Gatsby 100/300" in edited  # progress read from what was said
    assert await texts_of(transcribing, ALICE) == ["Read 100/300 of The Great Gatsby"]
    [request] = server.requests
    assert (request["language"], request["content_type"]) == ("en", "audio/ogg")


async def test_a_video_is_transcribed_like_a_voice_note(transcribing: BotHarness) -> None:
    api = transcribing.api
    video = b"OggS Filmed the 10k run, 52 minutes"
    await transcribing.feed(api.video_update(ALICE, video, duration=23, date=MONDAY))
    first, edited = await reply_then_transcript(transcribing, ALICE)
    assert "🎬 0:23 · transcribing…" in first
    assert "🎬 0:23\nFilmed the 10k run, 52 minutes" in edited
    assert await texts_of(transcribing, ALICE) == ["Filmed the 10k run, 52 minutes"]
    [attachment] = await transcribing.store.attachments.on_days(
        ALICE.id, MONDAY.date().isoformat(), MONDAY.date().isoformat()
    )
    assert (attachment.kind, attachment.mime_type) == ("video", "video/mp4")


async def test_a_reply_to_the_transcript_corrects_it(transcribing: BotHarness) -> None:
    api = transcribing.api
    await transcribing.feed(api.voice_update(ALICE, data=b"OggS ran five killer meters"))
    await api.wait_for("editMessageText")
    [reply] = api.sent_messages(ALICE.id)
    await transcribing.feed(api.text_update(ALICE, "ran five kilometers", reply_to=reply))
    assert transcribing.last_reply(ALICE.id) == "✏️ Corrected."
    [entry] = await transcribing.store.entries.on_day(ALICE.id, datetime.now(UTC).date())
    assert entry.text == "ran five kilometers"
    assert await transcribing.store.entries.revisions(ALICE.id, entry.id) == [
        "🎤 0:02",
        "ran five killer meters",
    ]
    # A reply to anything else is an entry as usual.
    await transcribing.feed(
        api.text_update(ALICE, "and stretched", reply_to=reply | {"message_id": 999})
    )
    assert "Saved under" in transcribing.last_reply(ALICE.id)


async def test_a_failed_transcription_says_so_and_transcribe_tries_again(
    transcribing: BotHarness, server: FakeTranscriptionServer
) -> None:
    api = transcribing.api
    await transcribing.feed(api.voice_update(BOB, data=b"broken first", date=MONDAY))
    await api.wait_for("editMessageText")
    assert "没能转写" in api.sent_messages(BOB.id)[0]["text"]
    assert await texts_of(transcribing, BOB) == ["🎤 0:02"]
    server.reply = None  # the server is fixed: it answers its default text now
    await transcribing.feed(api.command_update(BOB, "/transcribe"))
    await api.wait_for("editMessageText", 2)
    assert await texts_of(transcribing, BOB) == ["today I read forty pages"]
    await transcribing.feed(api.command_update(BOB, "/transcribe"))
    assert "没有等待转写的语音" in transcribing.last_reply(BOB.id)


async def test_files_over_20_mb_and_over_the_quota_keep_the_entry(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    harness = await make_harness(media_quota_mb=1)
    api = harness.api
    await harness.feed(api.audio_update(ALICE, b"\0" * (MAX_DOWNLOAD_BYTES + 1), date=MONDAY))
    assert "over 20 MB" in harness.last_reply(ALICE.id)
    await harness.feed(
        api.document_update(ALICE, "scan.pdf", b"\1" * (2 * 1024 * 1024), date=MONDAY)
    )
    assert "(1 MB) is full" in harness.last_reply(ALICE.id)
    # A caption is the entry's text, kept whatever becomes of the file.
    await harness.feed(
        api.document_update(
            ALICE, "scan2.pdf", b"\2" * (2 * 1024 * 1024), "signed lease, page 3/12", date=MONDAY
        )
    )
    assert "(1 MB) is full" in harness.last_reply(ALICE.id)
    assert await texts_of(harness, ALICE) == ["🎵 0:02", "📎 scan.pdf", "signed lease, page 3/12"]
    assert files_under(tmp_path / "media") == []
    # Under the quota, files are kept as ever.
    await harness.feed(api.document_update(ALICE, "small.txt", b"fits", date=MONDAY))
    assert [path.read_bytes() for path in files_under(tmp_path / "media")] == [b"fits"]


async def test_a_download_that_times_out_gets_a_clear_reply(harness: BotHarness) -> None:
    harness.api.fail_next("download", status=None, delay=10.0)
    await harness.feed(harness.api.document_update(ALICE, "a.txt", b"abc", date=MONDAY))
    assert "could not download a.txt" in harness.last_reply(ALICE.id)
    assert await texts_of(harness, ALICE) == ["📎 a.txt"]
    # The bot keeps answering.
    await harness.feed(harness.api.text_update(ALICE, "still here", date=MONDAY))
    assert "Saved under" in harness.last_reply(ALICE.id)


async def test_forget_deletes_the_users_files_and_no_one_elses(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    await harness.feed(api.photo_update(ALICE, data=tiny_png(3, 3), date=MONDAY))
    await harness.feed(api.voice_update(ALICE, data=b"OggS mine", date=MONDAY))
    await harness.feed(api.photo_update(BOB, data=tiny_png(5, 5), date=MONDAY))
    assert len(files_under(tmp_path / "media")) == 3
    await harness.feed(api.command_update(ALICE, "/forget"))
    question = api.sent_messages(ALICE.id)[-1]
    yes = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.feed(api.callback_update(ALICE, question, yes))
    remaining = files_under(tmp_path / "media")
    assert [path.parent.parent.name for path in remaining] == [f"u{BOB.id}"]
    assert await harness.store.attachments.for_entries(ALICE.id, range(1, 10)) == []


async def test_a_corrupt_or_empty_voice_note_is_kept(transcribing: BotHarness) -> None:
    api = transcribing.api
    await transcribing.feed(api.voice_update(ALICE, data=b"", duration=0, date=MONDAY))
    assert await texts_of(transcribing, ALICE) == ["🎤 0:00"]
    await api.wait_for("editMessageText")
    assert "could not transcribe" in api.sent_messages(ALICE.id)[0]["text"]


async def test_today_marks_entries_with_media(harness: BotHarness) -> None:
    api = harness.api
    today = datetime.now(UTC)
    await harness.feed(api.photo_update(ALICE, "whiteboard <v2>", date=today))
    for update in api.album_updates(ALICE, [tiny_png(), tiny_png(2, 2)], date=today):
        await harness.feed(update)
    await harness.feed(api.voice_update(ALICE, data=b"OggS", duration=23, date=today))
    await harness.feed(api.document_update(ALICE, "a&b.pdf", b"%PDF", "the contract", date=today))
    await harness.feed(api.text_update(ALICE, "plain text", date=today))
    await harness.feed(api.command_update(ALICE, "/today", date=today))
    listing = harness.last_reply(ALICE.id)
    assert "• whiteboard <v2> · 📷" in listing
    assert "• 📷 2\n" in listing  # the marks are the text: not repeated
    assert "• 🎤 0:23\n" in listing
    assert "• the contract · 📎 a&b.pdf" in listing
    assert "• plain text" in listing and "plain text ·" not in listing


async def test_the_json_export_lists_each_entrys_files(harness: BotHarness) -> None:
    api = harness.api
    await harness.feed(api.photo_update(ALICE, "whiteboard", data=tiny_png(4, 4), date=MONDAY))
    await harness.feed(api.voice_update(ALICE, data=b"OggS", duration=23, date=MONDAY))
    await harness.feed(api.text_update(ALICE, "just words", date=MONDAY))
    await harness.feed(api.command_update(ALICE, "/export json", date=MONDAY))
    document = json.loads(api.uploads[-1].data)
    photo, voice, words = document["entries"]
    assert photo["text"] == "whiteboard"
    assert [(a["kind"], a["size"], a["kept"]) for a in photo["attachments"]] == [
        ("photo", len(tiny_png(4, 4)), True)
    ]
    assert [(a["kind"], a["duration"], a["transcript"]) for a in voice["attachments"]] == [
        ("voice", 23, None)
    ]
    assert "attachments" not in words


async def test_the_days_media_come_back_by_file_id(harness: BotHarness) -> None:
    api = harness.api
    today = datetime.now(UTC)
    album = api.album_updates(ALICE, [tiny_png(1, 1), tiny_png(2, 2), tiny_png(3, 3)], date=today)
    for update in album:
        await harness.feed(update)
    single = api.photo_update(ALICE, "one more", data=tiny_png(4, 4), date=today)
    voice = api.voice_update(ALICE, data=b"OggS", duration=3, date=today)
    document = api.document_update(ALICE, "plan.pdf", b"%PDF", date=today)
    for update in (single, voice, document):
        await harness.feed(update)
    await harness.feed(api.command_update(ALICE, "/today", date=today))
    listing = api.sent_messages(ALICE.id)[-1]
    [[button]] = listing["reply_markup"]["inline_keyboard"]
    assert button["text"] == "📎 Send the day's media"
    uploads = len(api.uploads)
    # Bob pressing Alice's button gets his own (none), never hers.
    await harness.feed(api.callback_update(BOB, listing, button["callback_data"]))
    assert api.sent_messages(BOB.id) == []
    await harness.feed(api.callback_update(ALICE, listing, button["callback_data"]))
    [group] = [call for call in api.calls if call.method == "sendMediaGroup"]
    sent_photos = [item["media"] for item in json.loads(group.params["media"])]
    expected = [u["message"]["photo"][-1]["file_id"] for u in [*album, single]]
    assert sent_photos == expected
    [voice_call] = [call for call in api.calls if call.method == "sendVoice"]
    assert voice_call.params["voice"] == voice["message"]["voice"]["file_id"]
    [document_call] = [call for call in api.calls if call.method == "sendDocument"]
    assert document_call.params["document"] == document["message"]["document"]["file_id"]
    assert len(api.uploads) == uploads  # nothing uploaded again


async def test_a_day_without_media_has_no_button(harness: BotHarness) -> None:
    today = datetime.now(UTC)
    await harness.feed(harness.api.text_update(ALICE, "words only", date=today))
    await harness.feed(harness.api.command_update(ALICE, "/today", date=today))
    assert "reply_markup" not in harness.api.sent_messages(ALICE.id)[-1]


async def test_the_zip_export_holds_the_log_and_its_files(harness: BotHarness) -> None:
    api = harness.api
    picture = tiny_png(6, 6)
    await harness.feed(api.photo_update(ALICE, "whiteboard", data=picture, date=MONDAY))
    await harness.feed(api.voice_update(ALICE, data=b"OggS note", duration=23, date=MONDAY))
    await harness.feed(api.document_update(ALICE, "../../evil.PDF", b"%PDF", date=MONDAY))
    await harness.feed(api.audio_update(ALICE, b"\0" * (MAX_DOWNLOAD_BYTES + 1), date=MONDAY))
    await harness.feed(api.command_update(ALICE, "/export zip", date=MONDAY))
    upload = api.uploads[-1]
    assert upload.file_name == "daylog-2023-01-02.zip"
    with zipfile.ZipFile(io.BytesIO(upload.data)) as archive:
        names = sorted(archive.namelist())
        markdown = archive.read("daylog-2023-01-02.md").decode()
        attachments = {
            entry["text"]: entry["attachments"]
            for entry in json.loads(archive.read("daylog-2023-01-02.json"))["entries"]
        }
        photo_hash = attachments["whiteboard"][0]["sha256"]
        voice_hash = attachments["🎤 0:23"][0]["sha256"]
        document_hash = attachments["📎 ../../evil.PDF"][0]["sha256"]
        assert archive.read(f"media/{photo_hash}.jpg") == picture
        assert archive.read(f"media/{voice_hash}.ogg") == b"OggS note"
    assert names == sorted(
        [
            "daylog-2023-01-02.json",
            "daylog-2023-01-02.md",
            f"media/{document_hash}.pdf",  # named by hash: the user's name picks no path
            f"media/{photo_hash}.jpg",
            f"media/{voice_hash}.ogg",
        ]
    )
    assert f"whiteboard\n![📷](media/{photo_hash}.jpg)" in markdown
    assert f"[🎤 0:23](media/{voice_hash}.ogg)" in markdown
    assert "🎵 0:02" in markdown  # over 20 MB: named, not linked


async def test_the_export_service_reads_the_files_from_the_media_folder(
    harness: BotHarness, tmp_path: Path
) -> None:
    await harness.feed(harness.api.photo_update(ALICE, data=tiny_png(2, 2), date=MONDAY))
    exported = await export_user_log(
        harness.store,
        await harness.store.users.get(ALICE.id) or pytest.fail("no user"),
        "zip",
        now=MONDAY,
        media=MediaFiles(tmp_path / "media"),
    )
    assert exported is not None and exported.file.filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(exported.file.content)) as archive:
        assert sum(name.startswith("media/") for name in archive.namelist()) == 1


async def test_undo_removes_the_entrys_file_unless_another_entry_holds_it(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    same = tiny_png(7, 7)
    await harness.feed(api.photo_update(ALICE, "first", data=same, date=MONDAY))
    await harness.feed(api.photo_update(ALICE, "again", data=same, date=MONDAY))
    await harness.feed(api.document_update(ALICE, "once.txt", b"only here", date=MONDAY))
    assert len(files_under(tmp_path / "media")) == 2
    await harness.feed(api.command_update(ALICE, "/undo", date=MONDAY))
    assert len(files_under(tmp_path / "media")) == 1  # once.txt is gone
    await harness.feed(api.command_update(ALICE, "/undo", date=MONDAY))
    [kept] = files_under(tmp_path / "media")
    assert kept.read_bytes() == same  # "first" still holds the picture
    await harness.feed(api.command_update(ALICE, "/undo", date=MONDAY))
    assert files_under(tmp_path / "media") == []


async def test_editing_a_voice_notes_caption_keeps_its_transcript(
    transcribing: BotHarness,
) -> None:
    api = transcribing.api
    sent = api.voice_update(
        ALICE, data=b"OggS read 30/300 of Dune", caption="on the bus", date=MONDAY
    )
    await transcribing.feed(sent)
    await api.wait_for("editMessageText")
    assert await texts_of(transcribing, ALICE) == ["on the bus\nread 30/300 of Dune"]
    edited = dict(sent["message"])
    edited["caption"] = "on the night bus"
    edited["edit_date"] = edited["date"] + 60
    await transcribing.feed({"update_id": 10_000, "edited_message": edited})
    assert await texts_of(transcribing, ALICE) == ["on the night bus\nread 30/300 of Dune"]


async def test_editing_the_caption_of_an_albums_picture_revises_the_albums_entry(
    harness: BotHarness,
) -> None:
    updates = harness.api.album_updates(
        ALICE, [tiny_png(), tiny_png(2, 2)], "receipts", date=MONDAY
    )
    # The captioned picture arrives second: the entry is filed under the other one's message.
    await harness.feed(updates[1])
    await harness.feed(updates[0])
    edited = dict(updates[0]["message"])
    edited["caption"] = "receipts of the trip"
    edited["edit_date"] = edited["date"] + 60
    await harness.feed({"update_id": 10_000, "edited_message": edited})
    [entry] = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    assert entry.text == "receipts of the trip"
    assert len(await harness.store.attachments.for_entries(ALICE.id, [entry.id])) == 2


async def test_transcribe_in_reply_to_something_else_transcribes_nothing(
    transcribing: BotHarness, server: FakeTranscriptionServer
) -> None:
    api = transcribing.api
    await transcribing.feed(api.voice_update(BOB, data=b"broken first", date=MONDAY))
    await api.wait_for("editMessageText")
    text = api.text_update(BOB, "lunch with Ann", date=MONDAY)
    await transcribing.feed(text)
    server.reply = None  # the server would answer now
    await transcribing.feed(api.text_update(BOB, "/transcribe", date=MONDAY, reply_to=text))
    assert "没有等待转写的语音" in transcribing.last_reply(BOB.id)
    assert len(server.requests) == 1  # the failed note was not sent again
    assert await texts_of(transcribing, BOB) == ["🎤 0:02", "lunch with Ann"]


# ---- start-up: stranded notes are found through an index ---------------------------------


_QUEUE_STARTED = "SELECT COUNT(*) FROM transcription_jobs"


def prepare_notes(database: Path, notes: int) -> None:
    """`notes` voice notes with their transcripts, and one kept but never queued (a crash
    between keeping it and queueing it), written in bulk."""
    connection = sqlite3.connect(database)
    with connection:
        connection.execute(
            "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
            " VALUES (?, ?, 'en', 'UTC', ?)",
            (ALICE.id, ALICE.id, MONDAY.isoformat()),
        )
        connection.execute(
            "INSERT INTO entries (user_id, chat_id, message_id, text, day, created_at)"
            " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i <= ?)"
            " SELECT ?, ?, i, 'said ' || i, '2023-01-02', ? FROM n",
            (notes, ALICE.id, ALICE.id, MONDAY.isoformat()),
        )
        connection.execute(
            "INSERT INTO attachments (entry_id, user_id, kind, file_id, file_unique_id, sha256,"
            " status, transcript, created_at) SELECT id, user_id, 'voice', 'f' || id, 'u' || id,"
            " 'h' || id, 'stored', CASE WHEN message_id <= ? THEN text END, created_at"
            " FROM entries",
            (notes,),
        )
        # Every entry read by the current progress reader: start-up re-reads none.
        connection.execute(
            "INSERT INTO progress_reader (only, reader) VALUES (1, ?)", (READER_VERSION,)
        )
    connection.close()


async def startup_work(
    make_harness: HarnessFactory,
    monkeypatch: pytest.MonkeyPatch,
    server: FakeTranscriptionServer,
    database: Path,
    notes: int,
) -> tuple[list[str], int]:
    """The SQL a transcribing bot runs to start, and the SQLite VM steps (in hundreds) it
    takes, with `notes` transcribed voice notes in the database."""
    store = await Store.open(database)
    await store.close()
    prepare_notes(database, notes)
    statements: list[str] = []
    steps = [0]
    connect = aiosqlite.connect

    def trace(sql: str) -> None:
        # Up to the queue's count of waiting notes, the last thing start-up asks before the
        # queue's workers begin (whose timing varies from run to run).
        if not statements or not statements[-1].startswith(_QUEUE_STARTED):
            statements.append(sql)

    def step() -> int:
        if not statements or not statements[-1].startswith(_QUEUE_STARTED):
            steps[0] += 1
        return 0  # go on

    def counting_connect(*args: Any, **kwargs: Any) -> Any:
        async def opened() -> aiosqlite.Connection:
            connection = await connect(*args, **kwargs)
            await connection.set_trace_callback(trace)
            await connection.set_progress_handler(step, 100)
            return connection

        return opened()

    with monkeypatch.context() as patch:
        patch.setattr(aiosqlite, "connect", counting_connect)
        harness = await make_harness(
            database_path=database,
            transcriber="api",
            transcribe_api_url=server.url,
            transcribe_api_key=KEY,
        )
    assert statements[-1].startswith(_QUEUE_STARTED)
    # The stranded note was found and queued.
    [waiting] = await harness.store.database.fetchall(
        "SELECT a.transcript FROM transcription_jobs AS j"
        " JOIN attachments AS a ON a.id = j.attachment_id"
    )
    assert waiting["transcript"] is None
    return statements, steps[0]


async def test_start_up_finds_stranded_notes_without_reading_every_attachment(
    make_harness: HarnessFactory,
    monkeypatch: pytest.MonkeyPatch,
    server: FakeTranscriptionServer,
    tmp_path: Path,
) -> None:
    few, few_steps = await startup_work(
        make_harness, monkeypatch, server, tmp_path / "few.sqlite3", 10
    )
    many, many_steps = await startup_work(
        make_harness, monkeypatch, server, tmp_path / "many.sqlite3", 20_000
    )
    assert few  # the count saw the start-up's queries
    assert len(many) == len(few)
    # Reading 20,000 attachments takes hundreds of thousands of steps; a lookup, a few dozen.
    assert many_steps - few_steps < 10, (few_steps, many_steps)
    plan = await Store.open(tmp_path / "many.sqlite3")
    try:
        rows = await plan.database.fetchall(
            "EXPLAIN QUERY PLAN " + _UNTRANSCRIBED_EVERYONE, (None, False, 50)
        )
    finally:
        await plan.close()
    details = [row["detail"] for row in rows]
    assert any("USING INDEX attachments_untranscribed" in detail for detail in details)
    assert not any(detail.startswith("SCAN") for detail in details)


# ---- one user read per update ---------------------------------------------------------------


async def user_reads(harness: BotHarness, update: dict[str, Any]) -> int:
    """How many times the update reads its user from the database (the cache emptied first,
    as when the user has dropped out of it)."""
    harness.store.users.drop_cached(ALICE.id)
    statements: list[str] = []
    # The store's one connection: the test watches the SQL it runs.
    connection = harness.store.database._connection
    await connection.set_trace_callback(statements.append)
    try:
        await harness.feed(update)
    finally:
        await connection.set_trace_callback(None)
    return sum(1 for sql in statements if "FROM users" in sql)


async def test_media_handlers_read_their_user_once_per_update(transcribing: BotHarness) -> None:
    api = transcribing.api
    await transcribing.feed(api.text_update(ALICE, "hello"))  # registered
    assert await user_reads(transcribing, api.photo_update(ALICE, "a whiteboard")) == 1
    assert await user_reads(transcribing, api.voice_update(ALICE, data=b"OggS ran far")) == 1
    reply = api.sent_messages(ALICE.id)[-1]
    correction = api.text_update(ALICE, "ran very far", reply_to=reply)
    assert await user_reads(transcribing, correction) == 1
    assert transcribing.last_reply(ALICE.id) == "✏️ Corrected."
    assert await user_reads(transcribing, api.command_update(ALICE, "/transcribe")) == 1
