"""`/export zip`: the Markdown log plus a `media/` folder, entries linking their files; and
reading such an archive back for `daylog import`."""

from __future__ import annotations

import hashlib
import io
import mimetypes
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.media.marks import media_marks
from bot.models import Entry
from bot.store.attachments import Attachment, AttachmentKind
from bot.transfer.export import render_json, render_markdown
from bot.transfer.files import DAMAGED_ZIP, MAX_FILE_BYTES

MEDIA_FOLDER = "media"
# Python's table lacks or misnames a few of the types Telegram sends.
_SUFFIXES = {
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "image/jpeg": ".jpg",
    "video/mp4": ".mp4",
}


def media_path(attachment: Attachment) -> str | None:
    """The file's path inside the archive (`media/<sha256>.<ext>`), None if no copy is kept."""
    if attachment.sha256 is None or attachment.status != "stored":
        return None
    suffix = ""
    if attachment.file_name and "." in attachment.file_name:
        suffix = "." + attachment.file_name.rsplit(".", 1)[1].lower()
    elif attachment.mime_type:
        suffix = _SUFFIXES.get(attachment.mime_type) or (
            mimetypes.guess_extension(attachment.mime_type) or ""
        )
    # Only letters and digits after the dot: a user's file name picks no path.
    suffix = "." + "".join(c for c in suffix[1:] if c.isalnum())[:8] if suffix else ""
    return f"{MEDIA_FOLDER}/{attachment.sha256}{suffix.rstrip('.')}"


def link_lines(attachments: Sequence[Attachment]) -> list[str]:
    """Markdown lines for an entry's files: `![📷](media/….jpg)`, `[🎤 0:23](media/….ogg)`."""
    lines = []
    for attachment in attachments:
        [mark] = media_marks([attachment])
        path = media_path(attachment)
        if path is None:
            lines.append(mark)  # over 20 MB or over the quota: Telegram keeps it, not us
        elif attachment.kind == "photo":
            lines.append(f"![{mark}]({path})")
        else:
            lines.append(f"[{mark.replace(']', ')')}]({path})")
    return lines


def render_zip(
    entries: Sequence[Entry],
    attachments: Mapping[int, Sequence[Attachment]],
    files: Mapping[str, bytes],
    *,
    exported_at: datetime,
    name: str,
) -> bytes:
    """The archive: `<name>.md` (entries with their files linked), `<name>.json` (with each
    entry's files) and the files under media/, each once."""
    linked = [
        entry.model_copy(
            update={"text": "\n".join([entry.text, *link_lines(attachments[entry.id])])}
        )
        if attachments.get(entry.id)
        else entry
        for entry in entries
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{name}.md", render_markdown(linked, exported_at=exported_at))
        archive.writestr(
            f"{name}.json",
            render_json(entries, exported_at=exported_at, attachments=attachments),
        )
        written: set[str] = set()
        for entry_attachments in attachments.values():
            for attachment in entry_attachments:
                path = media_path(attachment)
                data = files.get(attachment.sha256 or "")
                if path is None or path in written or data is None:
                    continue
                written.add(path)
                # Photos, audio and video are compressed already.
                archive.writestr(path, data, zipfile.ZIP_STORED)
    return buffer.getvalue()


# ---- reading an archive back (daylog import) ----------------------------------------------

# A zip holds at most this much once unpacked: a crafted archive cannot fill the disk.
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
# In the chat, which downloads 20 MB at most and holds the files with the preview: an export's
# media are stored uncompressed, and its log's text deflates about five times.
MAX_CHAT_UNPACKED_BYTES = 5 * MAX_FILE_BYTES
_LINK = re.compile(
    r"^!?\[(?P<mark>[^\]\n]*)\]\((?P<path>media/[0-9a-f]{64}(?:\.[A-Za-z0-9]{1,8})?)\)$"
)
_EXPORT_LOG = re.compile(r"daylog-[^/]*\.md")
_PHOTO_LINK = re.compile(r"^!(?P<link>\[📷[^\]\n]*\]\(media/[0-9a-f]{64}[^)\n]*\))$", re.M)
_KINDS: dict[str, AttachmentKind] = {
    "📷": "photo",
    "🎤": "voice",
    "🎵": "audio",
    "⏺": "video_note",
    "🎬": "video",
    "📎": "document",
}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Archive:
    """What an exported zip holds: the Markdown log and the files under media/."""

    markdown: str
    files: dict[str, bytes]


@dataclass(frozen=True)
class LinkedFile:
    """A file an entry links in an archive, as its mark describes it."""

    kind: AttachmentKind
    path: str
    duration: int | None
    file_name: str | None


def read_archive(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> Archive | None:
    """The log and files of a zip made by /export zip; None for any other bytes.

    Such a zip holds `daylog-<day>.md` and `daylog-<day>.json` at its top: a zip of daily notes
    (`2023-05-01.md`, ...) is not one, and goes to the notes reader. A damaged zip is not one
    either (that reader names what it cannot read), nor one that unpacks to more than
    `max_unpacked` bytes.
    """
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        return None
    try:
        return _read_export_zip(buffer, max_unpacked)
    except DAMAGED_ZIP:
        return None


def _read_export_zip(buffer: io.BytesIO, max_unpacked: int) -> Archive | None:
    with zipfile.ZipFile(buffer) as archive:
        members = archive.infolist()
        if sum(member.file_size for member in members) > max_unpacked:
            return None
        names = {member.filename for member in members}
        logs = [
            m
            for m in members
            if _EXPORT_LOG.fullmatch(m.filename) and f"{m.filename[:-3]}.json" in names
        ]
        if not logs:
            return None
        markdown = archive.read(logs[0]).decode("utf-8", errors="replace")
        # The log reader drops images as decoration; a photo's link must reach split_links.
        markdown = _PHOTO_LINK.sub(r"\g<link>", markdown)
        # Only names the export writes; anything else (../, absolute paths) is never read.
        files = {}
        for member in members:
            if _LINK.match(f"[x]({member.filename})") and (data := _media(archive, member)):
                files[member.filename] = data
    return Archive(markdown, files)


def _media(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes | None:
    """A file under media/, None when it is damaged: its bytes fail the zip's check, or do not
    hash to its name (the export names each file by its SHA-256). The entries that link it
    are imported without it, and the reply says so."""
    try:
        data = archive.read(member)
    except DAMAGED_ZIP:
        return None
    name = member.filename.removeprefix(f"{MEDIA_FOLDER}/").split(".", 1)[0]
    return data if hashlib.sha256(data).hexdigest() == name else None


def split_links(text: str) -> tuple[str, list[LinkedFile]]:
    """An exported entry's text without its trailing file links, and the files they name."""
    lines = text.split("\n")
    linked: list[LinkedFile] = []
    while len(lines) > 1 and (match := _LINK.match(lines[-1].strip())):
        linked.insert(0, _linked_file(match["mark"], match["path"]))
        lines.pop()
    return "\n".join(lines), linked


def _linked_file(mark: str, path: str) -> LinkedFile:
    icon, _, rest = mark.partition(" ")
    kind = _KINDS.get(icon, "document")
    clock = _CLOCK.match(rest.strip())
    duration = None
    if clock and kind != "document":
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        duration = hours * 3600 + minutes * 60 + seconds
    file_name = rest.strip() if kind == "document" and rest.strip() else None
    return LinkedFile(kind, path, duration, file_name)
