"""Import a whole log from a file: read it, plan what is new, add it. No Telegram here.

The chat's /import and the command line call the same functions. An imported entry is the same
entry as one already in the log when its day and text (without surrounding blank space) are the
same; duplicates are counted, so a file that really holds `- 跑步` twice on one day adds two, and
importing it again adds none.
"""

from __future__ import annotations

import asyncio
import json
import mimetypes
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field

from bot.log.capture import capture_imported, read_updates
from bot.media.files import MediaFiles, QuotaExceededError
from bot.models import Forwarded, Frozen, UserSettings
from bot.store import Store
from bot.store.attachments import NewAttachment
from bot.store.imports import KeptAttachment, NewEntry, PendingImport
from bot.transfer.daily_notes import looks_like_zip, read_notes
from bot.transfer.files import MAX_FILE_BYTES, decode_log_file
from bot.transfer.jrnl import format_jrnl_time, looks_like_jrnl, parse_jrnl
from bot.transfer.markdown_log import FlaggedHeading, ParsedLog, UndatedDays, parse_markdown_log
from bot.transfer.media_archive import (
    MAX_UNPACKED_BYTES,
    Archive,
    LinkedFile,
    read_archive,
    split_links,
)
from bot.when import read_file_name_date

# A zip made by /export zip carries the files too; only the command line reads one that big.
MAX_ARCHIVE_BYTES = 2 * 1024 * 1024 * 1024
# A file's entries have no time of day; noon keeps them on their day in every timezone view.
_IMPORTED_AT = time(12, 0)
# The days an import accepts (issue 14 item 10 bounds dates everywhere): a far year in a file
# (`### 9999-12-31`, a typo `### 0202-05-01`) would overflow when its time is stored in UTC.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)

LogFormat = Literal["md", "jrnl", "notes"]
# An entry as read: its day, text, time, and where it came from (a forward in daylog's export).
Found = tuple[date, str, datetime, Forwarded | None]
Problem = Literal["too_big", "binary", "no_sections", "needs_start"]


class LeftOut(Frozen):
    """Lines of one file that no day holds (`skipped`) or that are decoration (`dropped`:
    images, comments, rules), said in the preview; `file` is a note's path in a zip, or ""."""

    file: str
    skipped: list[int]
    dropped: list[int]


class ReadLog(Frozen):
    """The entries a file holds, in file order, the headings left out and the progress read.

    Also everything else a reader should be shown: headings with an author's slip, numbered
    days nothing dates, lines left out, and the members of a zip that are no notes.
    """

    format: LogFormat
    entries: list[NewEntry]
    unreadable_headings: list[tuple[int, str]]
    progress_updates: int = 0
    # Headings (or jrnl date lines) naming a day outside FIRST_DAY..LAST_DAY: left out.
    out_of_range: list[tuple[int, str]] = Field(default_factory=list)
    flagged: list[FlaggedHeading] = Field(default_factory=list)
    undated: list[UndatedDays] = Field(default_factory=list)
    left_out: list[LeftOut] = Field(default_factory=list)
    files_left_out: list[tuple[str, str]] = Field(default_factory=list)
    # From a zip made by /export zip: the files each entry links (its text holds no links).
    files: list[list[LinkedFile]] = Field(default_factory=list)


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
    out_of_range: list[tuple[int, str]]
    flagged: list[FlaggedHeading]
    undated: list[UndatedDays]
    left_out: list[LeftOut]
    files_left_out: list[tuple[str, str]]
    # The file as read, kept with the preview so that the confirmation does not read it again.
    read: ReadLog
    # For a zip (/export zip): the files each new entry links, in the order of `new`.
    files: list[list[LinkedFile]] = Field(default_factory=list)


class ImportOutcome(Frozen):
    """What an import added and what it found already there; from a zip made by /export zip,
    how many files it kept, and how many it left out (missing or damaged, over the quota)."""

    added: int
    present: int
    files: int = 0
    files_missing: int = 0
    files_over_quota: int = 0


def read_log(
    text: str,
    timezone: ZoneInfo,
    *,
    file_day: date | None = None,
    start: date | None = None,
    with_progress: bool = False,
) -> ReadLog:
    """Entries from a jrnl journal (if the file starts like one) or a dated Markdown log.

    `file_day` is the day a daily note's file name gives; `start` the day of the first `Day N`
    when nothing in the file dates it (the user says it: `/import 2023-05-01`).
    `with_progress` also reads each entry's progress (the preview counts it, and the import
    records it only for the entries that hold some).
    """
    if looks_like_jrnl(text):
        journal = parse_jrnl(text, timezone)
        if journal.entries and not journal.skipped_lines:
            found: list[Found] = [
                (entry.day, entry.text, entry.created_at, None)
                for entry in journal.entries
                if _in_range(entry.day)
            ]
            far = [
                (entry.line, f"[{format_jrnl_time(entry.created_at)}]")
                for entry in journal.entries
                if not _in_range(entry.day)
            ]
            return _read("jrnl", found, [], far, with_progress=with_progress)
    parsed = parse_markdown_log(text, file_day=file_day, start=start)
    found, far = _found(parsed, timezone)
    return _read(
        "md",
        found,
        parsed.unreadable_headings,
        far,
        with_progress=with_progress,
        flagged=parsed.flagged,
        undated=parsed.undated,
        left_out=_left_out("", parsed),
    )


def read_notes_folder(data: bytes, timezone: ZoneInfo) -> ReadLog | Problem:
    """Entries from a zip of daily notes, each note under the day its name (or text) gives."""
    folder = read_notes(data)
    if folder is None:
        return "binary"
    found: list[Found] = []
    far: list[tuple[int, str]] = []
    unreadable: list[tuple[int, str]] = []
    flagged: list[FlaggedHeading] = []
    left_out: list[LeftOut] = []
    # Day order, as the notes were written; a note whose name has no date is read for headings.
    dated = sorted(
        ((read_file_name_date(note.path), note) for note in folder.notes),
        key=lambda pair: (pair[0] is None, pair[0] or date.min, pair[1].path),
    )
    for file_day, note in dated:
        parsed = parse_markdown_log(note.text, file_day=file_day)
        note_found, note_far = _found(parsed, timezone)
        found.extend(note_found)
        far.extend((line, f"{note.path}: {heading}") for line, heading in note_far)
        unreadable.extend(
            (line, f"{note.path}: {heading}") for line, heading in parsed.unreadable_headings
        )
        flagged.extend(
            flag.model_copy(update={"heading": f"{note.path}: {flag.heading}"})
            for flag in parsed.flagged
        )
        left_out.extend(_left_out(note.path, parsed))
    return _read(
        "notes",
        found,
        unreadable,
        far,
        with_progress=True,
        flagged=flagged,
        left_out=left_out,
        files_left_out=list(folder.left_out),
    )


def _found(parsed: ParsedLog, timezone: ZoneInfo) -> tuple[list[Found], list[tuple[int, str]]]:
    """The entries of a Markdown log within the days an import takes, and the headings past."""
    found = [
        (
            entry.day,
            entry.text,
            datetime.combine(entry.day, _IMPORTED_AT, tzinfo=timezone),
            entry.forwarded,
        )
        for entry in parsed.entries
        if _in_range(entry.day)
    ]
    far = [
        (section.line, section.heading) for section in parsed.sections if not _in_range(section.day)
    ]
    return found, far


def _in_range(day: date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _read(
    log_format: LogFormat,
    found: list[Found],
    unreadable_headings: list[tuple[int, str]],
    out_of_range: list[tuple[int, str]],
    *,
    with_progress: bool,
    flagged: list[FlaggedHeading] | None = None,
    undated: list[UndatedDays] | None = None,
    left_out: list[LeftOut] | None = None,
    files_left_out: list[tuple[str, str]] | None = None,
) -> ReadLog:
    counts = (
        [len(updates) for updates in read_updates(text for _, text, _, _ in found)]
        if with_progress
        else []
    )
    entries = [
        NewEntry(
            day=day,
            text=text,
            created_at=created_at,
            has_progress=counts[index] > 0 if counts else True,
            forwarded=forwarded,
        )
        for index, (day, text, created_at, forwarded) in enumerate(found)
    ]
    return ReadLog.model_construct(
        format=log_format,
        entries=entries,
        unreadable_headings=unreadable_headings,
        progress_updates=sum(counts),
        out_of_range=out_of_range,
        flagged=flagged or [],
        undated=undated or [],
        left_out=left_out or [],
        files_left_out=files_left_out or [],
    )


def _left_out(file: str, parsed: ParsedLog) -> list[LeftOut]:
    if not parsed.skipped_lines and not parsed.dropped_lines:
        return []
    return [LeftOut(file=file, skipped=parsed.skipped_lines, dropped=parsed.dropped_lines)]


def _read_archive_log(archive: Archive, timezone: ZoneInfo) -> ReadLog:
    """The log of a zip made by /export zip: each entry's text without the links to its files."""
    log = read_log(archive.markdown, timezone)
    entries, files = [], []
    for entry in log.entries:
        body, linked = split_links(entry.text)
        entries.append(replace(entry, text=body))
        files.append(linked)
    counts = [len(updates) for updates in read_updates(entry.text for entry in entries)]
    entries = [
        replace(entry, has_progress=count > 0) for entry, count in zip(entries, counts, strict=True)
    ]
    return log.model_copy(
        update={"entries": entries, "files": files, "progress_updates": sum(counts)}
    )


def read_file(
    data: bytes,
    timezone: ZoneInfo,
    *,
    name: str = "",
    start: date | None = None,
    max_unpacked: int = MAX_UNPACKED_BYTES,
) -> ReadLog | Problem:
    """Everything an import needs from a file, read once: its entries and their progress.

    `name` is the file's name (a daily note's date may be in it); `start` the day of the
    first `Day N` when the file dates none; `max_unpacked` bounds a zip made by /export zip
    once unpacked. CPU-bound (seconds for 20 MB): callers on the
    event loop run it in a thread.
    """
    archive = (
        read_archive(data, max_unpacked=max_unpacked) if len(data) <= MAX_ARCHIVE_BYTES else None
    )
    if archive is not None:
        log = _read_archive_log(archive, timezone)
    elif len(data) > MAX_FILE_BYTES:
        return "too_big"
    elif looks_like_zip(data):
        notes = read_notes_folder(data, timezone)
        if isinstance(notes, str):
            return notes
        log = notes
    else:
        text = decode_log_file(data)
        if text is None:
            return "binary"
        file_day = read_file_name_date(name)
        log = read_log(text, timezone, file_day=file_day, start=start, with_progress=True)
    if not log.entries:
        return "needs_start" if log.undated else "no_sections"
    return log


async def plan_import(
    store: Store,
    user: UserSettings,
    data: bytes,
    *,
    name: str = "",
    start: date | None = None,
    max_unpacked: int = MAX_UNPACKED_BYTES,
) -> ImportPlan | Problem:
    """Read a file (off the event loop) and compare it with the user's log; nothing is written."""
    timezone = ZoneInfo(user.timezone)
    read = await asyncio.to_thread(
        read_file, data, timezone, name=name, start=start, max_unpacked=max_unpacked
    )
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
    files: list[list[LinkedFile]] = []
    for index, entry in enumerate(read.entries):
        key = (entry.day, entry.text.strip())
        if existing[key] > 0:
            existing[key] -= 1
        else:
            new.append(entry)
            files.append(read.files[index] if read.files else [])
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
        out_of_range=read.out_of_range,
        flagged=read.flagged,
        undated=read.undated,
        left_out=read.left_out,
        files_left_out=read.files_left_out,
        read=read,
        files=files if read.files else [],
    )


async def import_log(
    store: Store,
    user: UserSettings,
    data: bytes,
    *,
    name: str = "",
    start: date | None = None,
    media: MediaFiles | None = None,
) -> ImportOutcome | Problem:
    """Add the file's entries that the log does not hold yet, all in one transaction; from a
    zip made by /export zip, their files too (kept in `media`)."""
    plan = await plan_import(store, user, data, name=name, start=start)
    if isinstance(plan, str):
        return plan
    archive = read_archive(data) if plan.files and media is not None else None
    files = archive.files if archive else None
    outcome = await carry_out(store, user, plan, media=media, files=files)
    # None only for a pending import taken meanwhile: this one is not pending.
    return outcome or ImportOutcome(added=0, present=plan.present)


async def carry_out(
    store: Store,
    user: UserSettings,
    plan: ImportPlan,
    *,
    media: MediaFiles | None = None,
    files: Mapping[str, bytes] | None = None,
    pending_id: int | None = None,
) -> ImportOutcome | None:
    """Add what a plan found new (the command line shows the plan first, then this); from a
    zip made by /export zip, the files the entries link too (`files`, by path in the zip),
    kept in `media`.

    The files go to disk first (named by hash: a second try writes nothing new), then the
    entries and their files' rows in one transaction, so a crash leaves neither or both.
    With `pending_id`, None when that pending import was imported (or dropped) meanwhile.
    When the import fails, is cancelled or finds its pending file gone, the files it wrote
    that no entry of the user links are removed again: they would count against the quota.
    """
    kept: list[list[KeptAttachment]] = []
    written: list[str] = []  # hashes of the files this import put on disk
    missing = over_quota = 0
    try:
        if plan.files and files is not None and media is not None:
            for linked in plan.files:
                restored, lacking, refused = await _keep_files(
                    media, user.user_id, linked, files, written
                )
                kept.append(restored)
                missing += lacking
                over_quota += refused
        elif plan.files:
            missing = sum(len(linked) for linked in plan.files)
        added = await capture_imported(store, user, plan.new, pending_id=pending_id, files=kept)
    except BaseException:
        if media is not None:
            await asyncio.shield(_remove_unlinked(store, media, user.user_id, written))
        raise
    if added is None:
        if media is not None:
            await _remove_unlinked(store, media, user.user_id, written)
        return None
    return ImportOutcome(
        added=len(added),
        present=plan.present,
        files=sum(len(restored) for restored in kept),
        files_missing=missing,
        files_over_quota=over_quota,
    )


async def _remove_unlinked(
    store: Store, media: MediaFiles, user_id: int, written: list[str]
) -> None:
    """Remove files an import wrote that none of the user's attachments links. Files are
    kept per user and named by content: one linked by another entry (the same picture sent
    before) stays, and no other user's file is ever touched."""
    for sha256 in written:
        if not await store.attachments.hash_in_use(user_id, sha256):
            await media.remove(user_id, sha256)


async def _keep_files(
    media: MediaFiles,
    user_id: int,
    linked: list[LinkedFile],
    files: Mapping[str, bytes],
    written: list[str],
) -> tuple[list[KeptAttachment], int, int]:
    """An entry's files kept on disk, and how many were missing (or damaged) and over quota;
    the hashes of those written anew are added to `written`."""
    kept: list[KeptAttachment] = []
    missing = over_quota = 0
    for link in linked:
        data = files.get(link.path)
        if data is None:
            missing += 1
            continue
        try:
            saved = await media.save(user_id, data)
        except QuotaExceededError:
            over_quota += 1
            continue
        if saved.new:
            written.append(saved.sha256)
        # No Telegram copy: the day's media button uploads these from disk.
        new = NewAttachment(
            kind=link.kind,
            file_id="",
            file_unique_id=f"sha256:{saved.sha256}",
            size=saved.size,
            duration=link.duration,
            mime_type=mimetypes.guess_type(link.path)[0],
            file_name=link.file_name,
        )
        kept.append(KeptAttachment(new, saved.sha256, saved.size))
    return kept, missing, over_quota


def pending_entries(read: ReadLog) -> str:
    """A file as read, as kept with its preview until the user confirms (JSON)."""
    return json.dumps(
        {
            "format": read.format,
            "progress_updates": read.progress_updates,
            "entries": [
                [e.day.isoformat(), e.text, e.created_at.isoformat(), e.has_progress]
                + ([e.forwarded.model_dump(mode="json")] if e.forwarded else [])
                for e in read.entries
            ],
            # A zip made by /export zip: the files each entry links (their bytes are kept
            # beside, see ImportStore.hold).
            "files": [
                [[f.kind, f.path, f.duration, f.file_name] for f in linked] for linked in read.files
            ],
        },
        ensure_ascii=False,
    )


def _read_pending(pending: PendingImport, timezone: ZoneInfo) -> ReadLog | Problem:
    if pending.entries is None:  # kept by an older version: the file's text
        return read_file(pending.content.encode(), timezone)
    document = json.loads(pending.entries)
    # A file's entries share a few days and moments: each is read once.
    days: dict[str, date] = {}
    moments: dict[str, datetime] = {}
    entries = [
        NewEntry(
            day=days.get(day) or days.setdefault(day, date.fromisoformat(day)),
            text=text,
            created_at=moments.get(created_at)
            or moments.setdefault(created_at, datetime.fromisoformat(created_at)),
            has_progress=has_progress,
            # A forward's origin follows, when it has one.
            forwarded=Forwarded.model_validate(forwarded[0]) if forwarded else None,
        )
        for day, text, created_at, has_progress, *forwarded in document["entries"]
    ]
    return ReadLog(
        format=document["format"],
        entries=entries,
        unreadable_headings=[],
        out_of_range=[],
        progress_updates=document["progress_updates"],
        files=[
            [
                LinkedFile(kind, path, duration, file_name)
                for kind, path, duration, file_name in linked
            ]
            for linked in document.get("files", [])
        ],
    )


async def import_pending(
    store: Store, user: UserSettings, pending: PendingImport, *, media: MediaFiles | None = None
) -> ImportOutcome | Problem | None:
    """Import a file kept with its preview; None when it was imported (or dropped) meanwhile.

    The pending file goes in the transaction that adds its entries, so a crash before that
    leaves it pending (the button works again) and a second press adds nothing. A zip's files
    come from what was kept with it, not from the zip again.
    """
    read = await asyncio.to_thread(_read_pending, pending, ZoneInfo(user.timezone))
    if isinstance(read, str):
        return read
    plan = await plan_entries(store, user, read)
    files = await store.imports.pending_files(user.user_id, pending.id) if plan.files else None
    return await carry_out(store, user, plan, media=media, files=files, pending_id=pending.id)
