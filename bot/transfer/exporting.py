"""Export a user's whole log as a file. No Telegram here: the chat and the command line share it."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot.media.files import MediaFiles
from bot.models import Frozen, UserSettings
from bot.store import Store
from bot.store.attachments import Attachment
from bot.transfer.export import ExportFile, ExportFormat, export_log
from bot.transfer.media_archive import render_zip

# zip: the Markdown log with its files (media/), for a log with voice notes and photos.
Format = ExportFormat | Literal["zip"]
FORMATS: tuple[Format, ...] = ("md", "json", "csv", "jrnl", "zip")


class Exported(Frozen):
    """The file, and the entries and days it holds."""

    file: ExportFile
    count: int
    first: date
    last: date


async def export_user_log(
    store: Store,
    user: UserSettings,
    fmt: Format,
    *,
    now: datetime,
    media: MediaFiles | None = None,
) -> Exported | None:
    """The whole log in one format; None when the log is empty. zip needs the media files."""
    span = await store.stats.span(user.user_id)
    if span is None:
        return None
    entries = await store.entries.between(user.user_id, *span)
    attachments: dict[int, list[Attachment]] = {}
    if fmt in ("json", "zip"):
        for attachment in await store.attachments.on_days(
            user.user_id, span[0].isoformat(), span[1].isoformat()
        ):
            attachments.setdefault(attachment.entry_id, []).append(attachment)
    zone = ZoneInfo(user.timezone)
    if fmt == "zip":
        if media is None:
            raise ValueError("a zip export needs the media files")
        files = await _kept_files(media, user.user_id, attachments)
        name = f"daylog-{now.astimezone(zone):%Y-%m-%d}"
        content = await asyncio.to_thread(
            render_zip, entries, attachments, files, exported_at=now, name=name
        )
        file = ExportFile(filename=f"{name}.zip", media_type="application/zip", content=content)
    else:
        # Rendering a long log takes a while; other chats are answered meanwhile.
        file = await asyncio.to_thread(
            export_log, entries, fmt, exported_at=now, tz=zone, attachments=attachments
        )
    return Exported(file=file, count=len(entries), first=span[0], last=span[1])


async def _kept_files(
    media: MediaFiles, user_id: int, attachments: dict[int, list[Attachment]]
) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for entry_attachments in attachments.values():
        for attachment in entry_attachments:
            sha256 = attachment.sha256
            if sha256 is None or attachment.status != "stored" or sha256 in files:
                continue
            try:
                files[sha256] = await media.read(user_id, sha256)
            except FileNotFoundError:
                continue  # removed by hand: the entry still links its name
    return files
