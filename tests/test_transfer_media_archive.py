"""/export zip and back: entries and their files survive a round trip through `daylog`."""

import asyncio
import hashlib
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.cli import cli
from bot.store.attachments import Attachment
from bot.transfer.media_archive import read_archive, split_links
from fakebotapi import FakeUser
from fakebotapi.media import tiny_png
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


def daylog(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)


def described(attachments: list[Attachment]) -> list[tuple[object, ...]]:
    return [(a.kind, a.sha256, a.size, a.duration, a.file_name, a.status) for a in attachments]


async def test_a_zip_export_imports_back_with_its_files(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    picture = tiny_png(9, 9)
    await harness.feed(
        api.photo_update(ALICE, "whiteboard\n- two lines", data=picture, date=MONDAY)
    )
    for update in api.album_updates(ALICE, [tiny_png(1, 2), tiny_png(2, 1)], date=MONDAY):
        await harness.feed(update)
    await harness.feed(api.voice_update(ALICE, data=b"OggS note", duration=75, date=MONDAY))
    await harness.feed(
        api.document_update(ALICE, "合同 v2.pdf", b"%PDF", "the contract", date=MONDAY)
    )
    await harness.feed(api.text_update(ALICE, "no files here", date=MONDAY))
    source = harness.app.bot_data.settings.database_path
    archive = tmp_path / "export.zip"
    exported = await asyncio.to_thread(
        daylog, "export", "--format", "zip", "-o", archive, "--database", source
    )
    assert exported.exit_code == 0, exported.output

    target = tmp_path / "elsewhere" / "log.sqlite3"
    first = await asyncio.to_thread(daylog, "import", "--user", "9", archive, "--database", target)
    again = await asyncio.to_thread(daylog, "import", "--user", "9", archive, "--database", target)
    assert "5 entries: 5 new" in first.output, first.output
    assert "5 entries: 0 new, 5 already in your log" in again.output

    exported_json = await asyncio.to_thread(
        daylog, "export", "--format", "json", "--user", "9", "--database", target
    )
    entries = json.loads(exported_json.stdout)["entries"]
    originals = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    assert [entry["text"] for entry in entries] == [entry.text for entry in originals]
    before = await harness.store.attachments.for_entries(ALICE.id, [e.id for e in originals])
    after = [
        (a["kind"], a["sha256"], a["size"], a["duration"], a["file_name"], "stored")
        for entry in entries
        for a in entry.get("attachments", [])
    ]
    assert after == described(before)
    # The files themselves, in the new media folder, byte for byte.
    media = target.parent / "media" / "u9"
    restored = {path.name: path.read_bytes() for path in media.rglob("*") if path.is_file()}
    assert restored[before[0].sha256 or ""] == picture
    assert len(restored) == 5


def test_links_are_read_back_and_nothing_else_is() -> None:
    sha = "ab" * 32
    text = "\n".join(
        [
            "whiteboard",
            f"![📷](media/{sha}.jpg)",
            f"[🎤 1:15](media/{sha}.ogg)",
            f"[📎 a b.pdf](media/{sha}.pdf)",
        ]
    )
    body, linked = split_links(text)
    assert body == "whiteboard"
    assert [(f.kind, f.duration, f.file_name) for f in linked] == [
        ("photo", None, None),
        ("voice", 75, None),
        ("document", None, "a b.pdf"),
    ]
    # A link in the middle of the text, or to a path outside media/, stays text.
    assert split_links(f"see [x](media/{sha}.jpg) here")[1] == []
    assert split_links(f"x\n[📎 y](../{sha}.pdf)")[1] == []


def test_an_archive_with_paths_outside_media_is_read_without_them() -> None:
    sha = hashlib.sha256(b"ok").hexdigest()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("daylog-2023-01-02.md", "### 2023-01-02\n\nhi\n")
        archive.writestr("daylog-2023-01-02.json", "{}")
        archive.writestr(f"media/{sha}.jpg", b"ok")
        archive.writestr("../evil.sh", b"rm -rf /")
        archive.writestr("media/../../evil.sh", b"rm -rf /")
    read = read_archive(buffer.getvalue())
    assert read is not None
    assert list(read.files) == [f"media/{sha}.jpg"]
    assert read_archive(b"not a zip") is None


def test_a_media_file_that_does_not_match_its_name_is_left_out() -> None:
    """The export names each file by its SHA-256: other bytes under that name are damaged."""
    good, bad = hashlib.sha256(b"good").hexdigest(), hashlib.sha256(b"bad").hexdigest()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("daylog-2023-01-02.md", "### 2023-01-02\n\nhi\n")
        archive.writestr("daylog-2023-01-02.json", "{}")
        archive.writestr(f"media/{good}.jpg", b"good")
        archive.writestr(f"media/{bad}.ogg", b"changed")
    read = read_archive(buffer.getvalue())
    assert read is not None
    assert read.files == {f"media/{good}.jpg": b"good"}


def test_a_zip_of_daily_notes_is_no_export_archive() -> None:
    """A folder of notes zipped (`2023-01-02.md`) goes to the notes reader, not this one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2023-01-02.md", "hi\n")
        archive.writestr("log.md", "### 2023-01-03\n\nthere\n")
    assert read_archive(buffer.getvalue()) is None


@pytest.mark.parametrize("kind", ["photo", "document"])
async def test_imported_files_go_up_from_disk_with_the_days_media(
    harness: BotHarness, tmp_path: Path, kind: str
) -> None:
    api = harness.api
    today = datetime.now(UTC)
    data = tiny_png(5, 5) if kind == "photo" else b"plain text file"
    update = (
        api.photo_update(ALICE, "pic", data=data, date=today)
        if kind == "photo"
        else api.document_update(ALICE, "notes.txt", data, "doc", date=today)
    )
    await harness.feed(update)
    # As if it came from a zip: Telegram has no copy of it.
    await harness.store.database.write("UPDATE attachments SET file_id = ''")
    await harness.feed(api.command_update(ALICE, "/today", date=today))
    listing = api.sent_messages(ALICE.id)[-1]
    [[button]] = listing["reply_markup"]["inline_keyboard"]
    uploads = len(api.uploads)
    await harness.feed(api.callback_update(ALICE, listing, button["callback_data"]))
    assert len(api.uploads) == uploads + 1
    assert api.uploads[-1].data == data


async def test_backup_and_restore_carry_the_media_files(
    harness: BotHarness, tmp_path: Path
) -> None:
    api = harness.api
    await harness.feed(api.photo_update(ALICE, "kept", data=tiny_png(3, 4), date=MONDAY))
    await harness.feed(api.voice_update(ALICE, data=b"OggS said", date=MONDAY))
    database = harness.app.bot_data.settings.database_path
    media = tmp_path / "media"
    before = {
        path.relative_to(media): path.read_bytes() for path in media.rglob("*") if path.is_file()
    }
    backup = tmp_path / "backup.sqlite3"
    made = await asyncio.to_thread(daylog, "backup", backup, "--database", database)
    assert "2 media files" in made.output and "integrity_check ok" in made.output, made.output

    # Elsewhere, on a new machine: the database and its files come back.
    target = tmp_path / "new" / "daylog.sqlite3"
    restored = await asyncio.to_thread(daylog, "restore", "--yes", backup, "--database", target)
    assert "and 2 media files" in restored.output, restored.output
    new_media = target.parent / "media"
    after = {
        path.relative_to(new_media): path.read_bytes()
        for path in new_media.rglob("*")
        if path.is_file()
    }
    assert after == before
    assert all(
        oct(path.stat().st_mode)[-3:] == "600" for path in new_media.rglob("*") if path.is_file()
    )
    # The restored database does not keep the files a second time.
    with sqlite3.connect(target) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "backup_media_files" not in tables


def test_a_backup_with_a_damaged_media_file_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "log.sqlite3"
    assert daylog("add", "--user", "7", "hello", "--database", database).exit_code == 0
    media = tmp_path / "media" / "u7" / ("ab")
    media.mkdir(parents=True)
    (media / ("ab" * 32)).write_bytes(b"not what the name says")
    refused = CliRunner().invoke(
        cli, ["backup", str(tmp_path / "b.sqlite3"), "--database", str(database)]
    )
    assert refused.exit_code != 0
    assert "damaged media file: u7/ab/" in refused.output
    assert not (tmp_path / "b.sqlite3").exists()


def test_an_archive_bigger_unpacked_than_allowed_is_not_read() -> None:
    """The chat reads an export zip only up to MAX_CHAT_UNPACKED_BYTES unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("daylog-2023-01-02.md", "### 2023-01-02\n\nhi\n" + " " * 5000)
        archive.writestr("daylog-2023-01-02.json", "{}")
    assert read_archive(buffer.getvalue()) is not None
    assert read_archive(buffer.getvalue(), max_unpacked=1000) is None
