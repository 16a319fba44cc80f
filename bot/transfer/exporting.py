"""Export a user's whole log as a file. No Telegram here: the chat and the command line share it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.models import Frozen, UserSettings
from bot.store import Store
from bot.store.attachments import Attachment
from bot.transfer.export import ExportFile, ExportFormat, export_log

FORMATS: tuple[ExportFormat, ...] = ("md", "json", "csv", "jrnl")


class Exported(Frozen):
    """The file, and the entries and days it holds."""

    file: ExportFile
    count: int
    first: date
    last: date


async def export_user_log(
    store: Store, user: UserSettings, fmt: ExportFormat, *, now: datetime
) -> Exported | None:
    """The whole log in one format; None when the log is empty."""
    span = await store.stats.span(user.user_id)
    if span is None:
        return None
    entries = await store.entries.between(user.user_id, *span)
    attachments: dict[int, list[Attachment]] = {}
    if fmt == "json":
        for attachment in await store.attachments.on_days(
            user.user_id, span[0].isoformat(), span[1].isoformat()
        ):
            attachments.setdefault(attachment.entry_id, []).append(attachment)
    file = export_log(
        entries, fmt, exported_at=now, tz=ZoneInfo(user.timezone), attachments=attachments
    )
    return Exported(file=file, count=len(entries), first=span[0], last=span[1])
