"""`/export zip`: the Markdown log plus a `media/` folder, entries linking their files."""

from __future__ import annotations

import io
import mimetypes
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.media.marks import media_marks
from bot.models import Entry
from bot.store.attachments import Attachment
from bot.transfer.export import render_json, render_markdown

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
