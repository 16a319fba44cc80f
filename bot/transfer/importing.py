"""Import a whole log from a file: read it, plan what is new, add it. No Telegram here.

The chat's /import and the command line call the same functions. An imported entry is the same
entry as one already in the log when its day and text (without surrounding blank space) are the
same; duplicates are counted, so a file that really holds `- 跑步` twice on one day adds two, and
importing it again adds none.
"""

from __future__ import annotations

import mimetypes
from collections import Counter
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field

from bot.log.capture import capture_imported
from bot.media.files import MediaFiles, QuotaExceededError
from bot.models import Entry, Frozen, UserSettings
from bot.progress.notations import parse_progress
from bot.store import Store
from bot.store.attachments import NewAttachment
from bot.store.imports import NewEntry
from bot.transfer.jrnl import parse_jrnl
from bot.transfer.markdown_log import parse_markdown_log
from bot.transfer.media_archive import LinkedFile, read_archive, split_links

# Telegram's Bot API lets a bot download files up to 20 MB; the command line uses the same cap.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A zip made by /export zip carries the files too; only the command line reads one that big.
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
# A file's entries have no time of day; noon keeps them on their day in every timezone view.
_IMPORTED_AT = time(12, 0)

LogFormat = Literal["md", "jrnl"]
Problem = Literal["too_big", "binary", "no_sections"]


class ReadLog(Frozen):
    """The entries a file holds, in file order, and the headings left out."""

    format: LogFormat
    entries: list[NewEntry]
    unreadable_headings: list[tuple[int, str]]


class ImportPlan(Frozen):
    """What importing a file would do: the preview shows it, the confirmation carries it out."""

    format: LogFormat
    entries: int
    new: list[NewEntry]
    present: int
    days: int
    first: date
    last: date
    progress_updates: int
    unreadable_headings: list[tuple[int, str]]
    # For a zip (/export zip): the files each new entry links, in the order of `new`.
    files: list[list[LinkedFile]] = Field(default_factory=list)


class ImportOutcome(Frozen):
    """What an import added and what it found already there."""

    added: int
    present: int


def decode_log_file(data: bytes) -> str | None:
    """The text of a log file (UTF-8, or GB18030 as Chinese Windows saves it); None if binary."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def read_log(text: str, timezone: ZoneInfo) -> ReadLog:
    """Entries from a jrnl journal (if the file starts like one) or a dated Markdown log."""
    journal = parse_jrnl(text, timezone)
    if journal.entries and not journal.skipped_lines:
        entries = [
            NewEntry(day=entry.day, text=entry.text, created_at=entry.created_at)
            for entry in journal.entries
        ]
        return ReadLog(format="jrnl", entries=entries, unreadable_headings=[])
    parsed = parse_markdown_log(text)
    entries = [
        NewEntry(
            day=entry.day,
            text=entry.text,
            created_at=datetime.combine(entry.day, _IMPORTED_AT, tzinfo=timezone),
        )
        for entry in parsed.entries
    ]
    return ReadLog(format="md", entries=entries, unreadable_headings=parsed.unreadable_headings)


async def plan_import(store: Store, user: UserSettings, data: bytes) -> ImportPlan | Problem:
    """Read a file (a log, or a zip from /export zip) and compare it with the user's log;
    nothing is written."""
    archive = read_archive(data) if len(data) <= MAX_ARCHIVE_BYTES else None
    if archive is None and len(data) > MAX_FILE_BYTES:
        return "too_big"
    text = archive.markdown if archive is not None else decode_log_file(data)
    if text is None:
        return "binary"
    log = read_log(text, ZoneInfo(user.timezone))
    if not log.entries:
        return "no_sections"
    # An exported entry ends with links to its files; the entry is its text without them.
    links: list[list[LinkedFile]] = [[] for _ in log.entries]
    if archive is not None:
        unlinked = []
        for index, entry in enumerate(log.entries):
            body, links[index] = split_links(entry.text)
            unlinked.append(entry.model_copy(update={"text": body}))
        log = log.model_copy(update={"entries": unlinked})
    first = min(entry.day for entry in log.entries)
    last = max(entry.day for entry in log.entries)
    existing = Counter(
        (day, body.strip())
        for day, body in await store.imports.texts_between(user.user_id, first, last)
    )
    new: list[NewEntry] = []
    files: list[list[LinkedFile]] = []
    for index, entry in enumerate(log.entries):
        key = (entry.day, entry.text.strip())
        if existing[key] > 0:
            existing[key] -= 1
        else:
            new.append(entry)
            files.append(links[index])
    return ImportPlan(
        format=log.format,
        entries=len(log.entries),
        new=new,
        present=len(log.entries) - len(new),
        days=len({entry.day for entry in log.entries}),
        first=first,
        last=last,
        progress_updates=sum(len(parse_progress(entry.text)) for entry in log.entries),
        unreadable_headings=log.unreadable_headings,
        files=files if archive is not None else [],
    )


async def import_log(
    store: Store, user: UserSettings, data: bytes, *, media: MediaFiles | None = None
) -> ImportOutcome | Problem:
    """Add the file's entries that the log does not hold yet, all in one transaction; from a
    zip, their files too (kept in `media`)."""
    plan = await plan_import(store, user, data)
    if isinstance(plan, str):
        return plan
    added = await capture_imported(store, user, plan.new)
    archive = read_archive(data) if plan.files and media is not None else None
    if archive is not None and media is not None:
        for entry, linked in zip(added, plan.files, strict=True):
            await _restore_files(store, media, entry, linked, files=archive.files)
    return ImportOutcome(added=len(added), present=plan.present)


async def _restore_files(
    store: Store,
    media: MediaFiles,
    entry: Entry,
    linked: list[LinkedFile],
    *,
    files: dict[str, bytes],
) -> None:
    user_id = entry.user_id
    for position, link in enumerate(linked):
        data = files.get(link.path)
        if data is None:
            continue
        try:
            kept = await media.save(user_id, data)
        except QuotaExceededError:
            continue
        # No Telegram copy: the day's media button uploads these from disk.
        new = NewAttachment(
            kind=link.kind,
            file_id="",
            file_unique_id=f"sha256:{kept.sha256}",
            size=kept.size,
            duration=link.duration,
            mime_type=mimetypes.guess_type(link.path)[0],
            file_name=link.file_name,
        )
        [attachment] = await store.attachments.attach(
            user_id, entry.id, [new], at=entry.created_at, first_position=position
        )
        await store.attachments.mark_stored(user_id, attachment.id, kept.sha256, kept.size)
