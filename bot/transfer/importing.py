"""Import a whole log from a file: read it, plan what is new, add it. No Telegram here.

The chat's /import and the command line call the same functions. An imported entry is the same
entry as one already in the log when its day and text (without surrounding blank space) are the
same; duplicates are counted, so a file that really holds `- 跑步` twice on one day adds two, and
importing it again adds none.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from bot.log.capture import capture_imported
from bot.models import Frozen, UserSettings
from bot.progress.notations import parse_progress
from bot.store import Store
from bot.store.imports import NewEntry
from bot.transfer.jrnl import parse_jrnl
from bot.transfer.markdown_log import parse_markdown_log

# Telegram's Bot API lets a bot download files up to 20 MB; the command line uses the same cap.
MAX_FILE_BYTES = 20 * 1024 * 1024
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
    """Read a file and compare it with the user's log; nothing is written."""
    if len(data) > MAX_FILE_BYTES:
        return "too_big"
    text = decode_log_file(data)
    if text is None:
        return "binary"
    log = read_log(text, ZoneInfo(user.timezone))
    if not log.entries:
        return "no_sections"
    first = min(entry.day for entry in log.entries)
    last = max(entry.day for entry in log.entries)
    existing = Counter(
        (day, body.strip())
        for day, body in await store.imports.texts_between(user.user_id, first, last)
    )
    new: list[NewEntry] = []
    for entry in log.entries:
        key = (entry.day, entry.text.strip())
        if existing[key] > 0:
            existing[key] -= 1
        else:
            new.append(entry)
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
    )


async def import_log(store: Store, user: UserSettings, data: bytes) -> ImportOutcome | Problem:
    """Add the file's entries that the log does not hold yet, all in one transaction."""
    plan = await plan_import(store, user, data)
    if isinstance(plan, str):
        return plan
    added = await capture_imported(store, user, plan.new)
    return ImportOutcome(added=len(added), present=plan.present)
