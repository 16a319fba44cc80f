"""/export zip, then /import of that zip in the chat: entries and their files come back.

Real Updates through process_update, real SQLite and media folder in tmp_path, the fake Bot API.
Carol imports what Alice exported (a log moving to another account), so the files must land
in Carol's own folder and rows.
"""

import hashlib
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fakebotapi import FakeUser
from fakebotapi.media import tiny_png
from tests.conftest import BotHarness, HarnessFactory

ALICE = FakeUser(101, "Alice", "en")
CAROL = FakeUser(303, "Carol", "en")
PICTURE = tiny_png(7, 7)
NOTE = b"OggS a spoken note"


async def exported_zip(harness: BotHarness, today: datetime) -> tuple[str, bytes]:
    """Alice's day (a photo, a voice note, a line of text) as /export zip sends it."""
    api = harness.api
    await harness.feed(api.photo_update(ALICE, "whiteboard", data=PICTURE, date=today))
    await harness.feed(api.voice_update(ALICE, data=NOTE, duration=23, date=today))
    await harness.feed(api.text_update(ALICE, "plain words", date=today))
    await harness.feed(api.command_update(ALICE, "/export zip", date=today))
    upload = api.uploads[-1]
    assert upload.file_name is not None and upload.file_name.endswith(".zip")
    return upload.file_name, upload.data


async def send_for_import(
    harness: BotHarness, name: str, data: bytes, today: datetime
) -> tuple[dict[str, Any], str]:
    """Carol sends the zip captioned /import: the preview and its Import button's data."""
    await harness.feed(harness.api.document_update(CAROL, name, data, "/import", date=today))
    preview = harness.api.sent_messages(CAROL.id)[-1]
    return preview, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]


async def carols_preview(harness: BotHarness) -> tuple[dict[str, Any], str, datetime]:
    """Alice's day exported as a zip and sent by Carol for import: the preview, its Import
    button's data, and the day."""
    today = datetime.now(UTC)
    name, data = await exported_zip(harness, today)
    preview, yes = await send_for_import(harness, name, data, today)
    return preview, yes, today


def answer_to(harness: BotHarness, preview: dict[str, Any]) -> str:
    return str(harness.api.message(CAROL.id, preview["message_id"]))


def media_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


async def test_an_exported_zip_imports_in_the_chat_with_its_files(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    today = datetime.now(UTC)
    name, data = await exported_zip(harness, today)
    preview, yes = await send_for_import(harness, name, data, today)
    assert "3 entries: 3 new" in preview["text"]
    assert "2 files with the new entries" in preview["text"]
    assert await harness.store.entries.count(CAROL.id) == 0  # nothing before the button

    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert "Imported 3 entries" in answer_to(harness, preview)
    assert "2 files restored" in answer_to(harness, preview)
    entries = await harness.store.entries.on_day(CAROL.id, today.date())
    assert [entry.text for entry in entries] == ["whiteboard", "🎤 0:23", "plain words"]
    attachments = await harness.store.attachments.for_entries(
        CAROL.id, [entry.id for entry in entries]
    )
    assert [(a.kind, a.duration, a.status, a.sha256) for a in attachments] == [
        ("photo", None, "stored", hashlib.sha256(PICTURE).hexdigest()),
        ("voice", 23, "stored", hashlib.sha256(NOTE).hexdigest()),
    ]
    # Kept in Carol's own folder, named by hash.
    carol_files = media_files(tmp_path / "media" / f"u{CAROL.id}")
    assert sorted(carol_files.values()) == sorted([PICTURE, NOTE])
    # The zip's files were held with the pending import only until it was imported.
    assert await harness.store.database.fetchall("SELECT * FROM pending_import_files") == []

    # A second press adds nothing: no entry, no attachment.
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 3
    again = await harness.store.attachments.on_days(CAROL.id, "1900-01-01", "2200-12-31")
    assert len(again) == 2

    # The listing marks them, and the day's media button sends them (from disk: Telegram
    # never had Carol's copies).
    await harness.feed(api.command_update(CAROL, "/today", date=today))
    listing = api.sent_messages(CAROL.id)[-1]
    assert "• whiteboard · 📷" in listing["text"]
    assert "• 🎤 0:23" in listing["text"]
    [[button]] = listing["reply_markup"]["inline_keyboard"]
    uploads = len(api.uploads)
    await harness.feed(api.callback_update(CAROL, listing, button["callback_data"]))
    sent = [call.method for call in api.calls[-3:]]
    assert "sendPhoto" in sent and "sendVoice" in sent
    assert sorted(upload.data for upload in api.uploads[uploads:]) == sorted([PICTURE, NOTE])


async def test_a_failed_answer_or_disk_leaves_the_zip_pending(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    today = datetime.now(UTC)
    name, data = await exported_zip(harness, today)
    preview, yes = await send_for_import(harness, name, data, today)

    api.fail_next("answerCallbackQuery", status=400, description="Bad Request: no such query")
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 0

    # Carol's folder cannot be made: the files fail before the entries are written.
    folder = tmp_path / "media" / f"u{CAROL.id}"
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_bytes(b"in the way")
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 0

    folder.unlink()
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 3
    assert "2 files restored" in answer_to(harness, preview)
    assert len(media_files(folder)) == 2


async def test_an_import_that_fails_leaves_no_file_of_its_own_on_disk(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    preview, yes, today = await carols_preview(harness)
    # Carol sent the same picture herself before: that file is hers already, and stays.
    await harness.feed(api.photo_update(CAROL, "my own copy", data=PICTURE, date=today))
    carol = tmp_path / "media" / f"u{CAROL.id}"
    alice_before = media_files(tmp_path / "media" / f"u{ALICE.id}")

    # The database refuses the imported entries (as a full disk would), after the files of
    # the zip were written: the import fails as a whole.
    database = sqlite3.connect(tmp_path / "daylog.sqlite3")
    with database:
        database.execute(
            "CREATE TRIGGER refuse_imports BEFORE INSERT ON entries WHEN NEW.source = 'import'"
            " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 1
    # No orphan: the voice note it wrote is gone; the picture her own entry links stays, and
    # Alice's files (the same content, in her own folder) are untouched.
    assert list(media_files(carol).values()) == [PICTURE]
    assert media_files(tmp_path / "media" / f"u{ALICE.id}") == alice_before

    # The zip is still pending: once the database takes entries again, the import completes.
    with database:
        database.execute("DROP TRIGGER refuse_imports")
    database.close()
    await harness.feed(api.callback_update(CAROL, preview, yes))
    assert await harness.store.entries.count(CAROL.id) == 4
    assert sorted(media_files(carol).values()) == sorted([PICTURE, NOTE])


async def test_a_cancelled_zip_import_leaves_no_file_on_disk(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    preview, _, _ = await carols_preview(harness)
    cancel = preview["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    await harness.feed(api.callback_update(CAROL, preview, cancel))
    assert await harness.store.entries.count(CAROL.id) == 0
    assert media_files(tmp_path / "media" / f"u{CAROL.id}") == {}
    # Nor in the database: the zip's files went with the pending import.
    assert await harness.store.database.fetchall("SELECT path FROM pending_import_files") == []


def rewritten(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The zip with some members replaced (bytes) or left out (None)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            if member.filename in change:
                replacement = change[member.filename]
                if replacement is not None:
                    target.writestr(member.filename, replacement)
            else:
                target.writestr(member, source.read(member))
    return buffer.getvalue()


def media_names(data: bytes) -> dict[str, str]:
    """Each media member of an export by the kind of file it is (its suffix)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name.rsplit(".", 1)[1]: name for name in archive.namelist() if name.startswith("media/")
        }


async def test_missing_and_damaged_files_leave_the_text_and_say_so(harness: BotHarness) -> None:
    today = datetime.now(UTC)
    name, data = await exported_zip(harness, today)
    members = media_names(data)
    # The picture's bytes changed (no longer what its hash-name says); the note gone.
    broken = rewritten(data, {members["jpg"]: b"not the picture", members["ogg"]: None})
    preview, yes = await send_for_import(harness, name, broken, today)
    assert "2 files missing or damaged in the zip" in preview["text"]
    await harness.feed(harness.api.callback_update(CAROL, preview, yes))
    answer = answer_to(harness, preview)
    assert "Imported 3 entries" in answer
    assert "2 files missing or damaged in the zip, left out" in answer
    entries = await harness.store.entries.on_day(CAROL.id, today.date())
    assert [entry.text for entry in entries] == ["whiteboard", "🎤 0:23", "plain words"]
    assert await harness.store.attachments.on_days(CAROL.id, "1900-01-01", "2200-12-31") == []


async def test_the_media_quota_holds_for_an_imported_zip(
    make_harness: HarnessFactory, tmp_path: Path
) -> None:
    harness = await make_harness(media_quota_mb=1)
    api = harness.api
    today = datetime.now(UTC)
    big = b"A" * 600_000
    await harness.feed(api.document_update(ALICE, "big.bin", big, "a big file", date=today))
    await harness.feed(api.command_update(ALICE, "/export zip", date=today))
    upload = api.uploads[-1]
    assert upload.file_name is not None
    # Carol keeps 600 KB of her own already: the zip's file would take her past 1 MB.
    await harness.feed(api.document_update(CAROL, "mine.bin", b"B" * 600_000, date=today))
    preview, yes = await send_for_import(harness, upload.file_name, upload.data, today)
    await harness.feed(api.callback_update(CAROL, preview, yes))
    answer = answer_to(harness, preview)
    assert "Imported 1 entries" in answer
    assert "1 file left out: over your media quota of 1 MB" in answer
    texts = [entry.text for entry in await harness.store.entries.on_day(CAROL.id, today.date())]
    assert "a big file" in texts
    assert list(media_files(tmp_path / "media" / f"u{CAROL.id}").values()) == [b"B" * 600_000]


async def test_the_pending_zip_is_read_once(harness: BotHarness) -> None:
    """The Import button takes the entries and files kept with the preview, not the zip."""
    today = datetime.now(UTC)
    name, data = await exported_zip(harness, today)
    await send_for_import(harness, name, data, today)
    [row] = await harness.store.database.fetchall("SELECT entries FROM pending_imports")
    kept = json.loads(row["entries"])
    assert [len(linked) for linked in kept["files"]] == [1, 1, 0]
    files = await harness.store.database.fetchall("SELECT path FROM pending_import_files")
    assert sorted(row["path"] for row in files) == sorted(media_names(data).values())
    # The next file sent replaces the pending import, and its files go with it.
    await harness.feed(
        harness.api.document_update(CAROL, "log.md", b"### 2023-01-02\n\nhi\n", "/import")
    )
    assert await harness.store.database.fetchall("SELECT * FROM pending_import_files") == []
