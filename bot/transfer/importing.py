"""Import a whole log from a file: read it, plan what is new, add it. No Telegram here.

The chat's /import and the command line call the same functions. An imported entry is the same
entry as one already in the log when its day and text (without surrounding blank space) are the
same; duplicates are counted, so a file that really holds `- 跑步` twice on one day adds two, and
importing it again adds none.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from bot.log.capture import capture_imported
from bot.models import Frozen, UserSettings
from bot.progress.notations import parse_progress
from bot.store import Store
from bot.store.imports import NewEntry, PendingImport
from bot.transfer.jrnl import looks_like_jrnl, parse_jrnl
from bot.transfer.markdown_log import parse_markdown_log

# Telegram's Bot API lets a bot download files up to 20 MB; the command line uses the same cap.
MAX_FILE_BYTES = 20 * 1024 * 1024
# A file's entries have no time of day; noon keeps them on their day in every timezone view.
_IMPORTED_AT = time(12, 0)

LogFormat = Literal["md", "jrnl"]
Problem = Literal["too_big", "binary", "no_sections"]


class ReadLog(Frozen):
    """The entries a file holds, in file order, the headings left out and the progress read."""

    format: LogFormat
    entries: list[NewEntry]
    unreadable_headings: list[tuple[int, str]]
    progress_updates: int = 0


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
    # The file as read, kept with the preview so that the confirmation does not read it again.
    read: ReadLog


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
    if looks_like_jrnl(text):
        journal = parse_jrnl(text, timezone)
        if journal.entries and not journal.skipped_lines:
            entries = [
                NewEntry.model_construct(
                    day=entry.day, text=entry.text, created_at=entry.created_at
                )
                for entry in journal.entries
            ]
            return ReadLog(format="jrnl", entries=entries, unreadable_headings=[])
    parsed = parse_markdown_log(text)
    # model_construct: the readers give typed values, and validating 300,000 of them again
    # cost a second of a 20 MB import.
    entries = [
        NewEntry.model_construct(
            day=entry.day,
            text=entry.text,
            created_at=datetime.combine(entry.day, _IMPORTED_AT, tzinfo=timezone),
            has_progress=True,
        )
        for entry in parsed.entries
    ]
    return ReadLog(format="md", entries=entries, unreadable_headings=parsed.unreadable_headings)


def read_file(data: bytes, timezone: ZoneInfo) -> ReadLog | Problem:
    """Everything an import needs from a file, read once: its entries and their progress.

    CPU-bound (seconds for 20 MB): callers on the event loop run it in a thread.
    """
    if len(data) > MAX_FILE_BYTES:
        return "too_big"
    text = decode_log_file(data)
    if text is None:
        return "binary"
    log = read_log(text, timezone)
    if not log.entries:
        return "no_sections"
    counts = [len(parse_progress(entry.text)) for entry in log.entries]
    entries = [
        NewEntry.model_construct(
            day=entry.day, text=entry.text, created_at=entry.created_at, has_progress=count > 0
        )
        for entry, count in zip(log.entries, counts, strict=True)
    ]
    return log.model_copy(update={"entries": entries, "progress_updates": sum(counts)})


async def plan_import(store: Store, user: UserSettings, data: bytes) -> ImportPlan | Problem:
    """Read a file (off the event loop) and compare it with the user's log; nothing is written."""
    read = await asyncio.to_thread(read_file, data, ZoneInfo(user.timezone))
    if isinstance(read, str):
        return read
    return await plan_entries(store, user, read)


async def plan_entries(store: Store, user: UserSettings, read: ReadLog) -> ImportPlan:
    """Which of a file's entries the user's log holds already, and which are new."""
    first = min(entry.day for entry in read.entries)
    last = max(entry.day for entry in read.entries)
    existing = Counter(
        (day, body.strip())
        for day, body in await store.imports.texts_between(user.user_id, first, last)
    )
    new: list[NewEntry] = []
    for entry in read.entries:
        key = (entry.day, entry.text.strip())
        if existing[key] > 0:
            existing[key] -= 1
        else:
            new.append(entry)
    return ImportPlan(
        format=read.format,
        entries=len(read.entries),
        new=new,
        present=len(read.entries) - len(new),
        days=len({entry.day for entry in read.entries}),
        first=first,
        last=last,
        progress_updates=read.progress_updates,
        unreadable_headings=read.unreadable_headings,
        read=read,
    )


async def import_log(store: Store, user: UserSettings, data: bytes) -> ImportOutcome | Problem:
    """Add the file's entries that the log does not hold yet, all in one transaction."""
    plan = await plan_import(store, user, data)
    if isinstance(plan, str):
        return plan
    return await carry_out(store, user, plan)


async def carry_out(store: Store, user: UserSettings, plan: ImportPlan) -> ImportOutcome:
    """Add what a plan found new (the command line shows the plan first, then this)."""
    added = await capture_imported(store, user, plan.new)
    return ImportOutcome(added=added or 0, present=plan.present)


def pending_entries(read: ReadLog) -> str:
    """A file as read, as kept with its preview until the user confirms (JSON)."""
    return json.dumps(
        {
            "format": read.format,
            "progress_updates": read.progress_updates,
            "entries": [
                [e.day.isoformat(), e.text, e.created_at.isoformat(), e.has_progress]
                for e in read.entries
            ],
        },
        ensure_ascii=False,
    )


def _read_pending(pending: PendingImport, timezone: ZoneInfo) -> ReadLog | Problem:
    if pending.entries is None:  # kept by an older version: the file's text
        return read_file(pending.content.encode(), timezone)
    document = json.loads(pending.entries)
    entries = [
        NewEntry.model_construct(
            day=date.fromisoformat(day),
            text=text,
            created_at=datetime.fromisoformat(created_at),
            has_progress=has_progress,
        )
        for day, text, created_at, has_progress in document["entries"]
    ]
    return ReadLog(
        format=document["format"],
        entries=entries,
        unreadable_headings=[],
        progress_updates=document["progress_updates"],
    )


async def import_pending(
    store: Store, user: UserSettings, pending: PendingImport
) -> ImportOutcome | Problem | None:
    """Import a file kept with its preview; None when it was imported (or dropped) meanwhile.

    The pending file goes in the transaction that adds its entries, so a crash before that
    leaves it pending (the button works again) and a second press adds nothing.
    """
    read = await asyncio.to_thread(_read_pending, pending, ZoneInfo(user.timezone))
    if isinstance(read, str):
        return read
    plan = await plan_entries(store, user, read)
    added = await capture_imported(store, user, plan.new, pending_id=pending.id)
    if added is None:
        return None
    return ImportOutcome(added=added, present=plan.present)
