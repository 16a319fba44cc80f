"""The one path a text takes to become an entry, shared by chat, check-in and command line."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.dates import logical_day, split_date_prefix
from bot.models import Entry, EntrySource, Forwarded, ProgressUpdate, UserSettings
from bot.progress.notations import parse_progress
from bot.progress.titles import match_item
from bot.progress.tracking import Recorded, record_progress
from bot.store import Store
from bot.store.imports import KeptAttachment, NewEntry

# Backlog rows are cleared this many entries at a time: a crash repeats at most one batch.
_BACKLOG_BATCH = 500


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: only whitespace and invisible format characters (zero-width
    spaces and joiners, the byte order mark), which no one means as an entry."""
    return all(character.isspace() or unicodedata.category(character) == "Cf" for character in text)


@dataclass(frozen=True)
class Captured:
    """What capturing a text did."""

    entry: Entry
    created: bool
    backdated: bool
    # The progress read from the entry, in the order written.
    progress: list[Recorded] = field(default_factory=list)


async def capture_text(
    store: Store,
    user: UserSettings,
    text: str,
    *,
    sent_at: datetime,
    day_start: time,
    chat_id: int | None = None,
    message_id: int | None = None,
    source: EntrySource = "telegram",
    forwarded: Forwarded | None = None,
) -> Captured | None:
    """Store `text` as an entry of the user's day (or of the day its prefix names); a
    forwarded message's with where it came from.

    Returns None when nothing visible is left after the date prefix. A message stored before
    (Telegram re-delivered it) gives back the stored entry with created=False.
    """
    today = logical_day(sent_at, ZoneInfo(user.timezone), day_start)
    dated = split_date_prefix(text, today)
    if is_blank(dated.text):
        return None
    entry, created = await store.entries.add(
        user.user_id,
        dated.text,
        dated.day or today,
        created_at=sent_at,
        chat_id=chat_id,
        message_id=message_id,
        source=source,
        forwarded=forwarded,
    )
    backdated = dated.day is not None and dated.day != today
    # A re-delivered message records again: that replaces its updates with the same ones.
    return Captured(entry, created, backdated, await record_progress(store, entry, fresh=created))


async def revise_text(
    store: Store,
    user: UserSettings,
    text: str,
    *,
    sent_at: datetime,
    edited_at: datetime,
    day_start: time,
    chat_id: int,
    message_id: int,
    media_group_id: str | None = None,
) -> Entry | None:
    """Apply an edited message to its entry, keeping the old text; capture it if unknown.

    An edit that leaves nothing visible after the date prefix changes nothing (the entry stays).
    A picture of an album belongs to the album's entry, which is filed under the message of
    whichever picture arrived first.
    """
    existing = await store.entries.by_message(user.user_id, chat_id, message_id)
    if existing is None and media_group_id is not None:
        album = await store.attachments.entry_of_album(user.user_id, media_group_id)
        existing = await store.entries.by_id(user.user_id, album) if album is not None else None
    if existing is None:
        captured = await capture_text(
            store,
            user,
            text,
            sent_at=sent_at,
            day_start=day_start,
            chat_id=chat_id,
            message_id=message_id,
        )
        return captured.entry if captured else None
    today = logical_day(sent_at, ZoneInfo(user.timezone), day_start)
    dated = split_date_prefix(text, today)
    if is_blank(dated.text):
        return None
    revised_text = await _with_transcripts(store, existing, dated.text)
    if revised_text == existing.text and (dated.day or today) == existing.day:
        return existing
    revised = await store.entries.revise(existing, revised_text, dated.day or today, now=edited_at)
    # The edit replaces the entry's progress, on its (possibly new) day.
    await record_progress(store, revised)
    return revised


async def _with_transcripts(store: Store, entry: Entry, text: str) -> str:
    """An edited caption of a voice note keeps the words said below it: the edit carries only
    the caption, and the transcript (bot/log/media.py) is part of the entry's text."""
    notes = await store.attachments.for_entries(entry.user_id, [entry.id])
    said = [
        note.transcript
        for note in notes
        if note.transcript and note.transcript in entry.text and note.transcript not in text
    ]
    return "\n".join([text, *said])


async def capture_imported(
    store: Store,
    user: UserSettings,
    entries: Sequence[NewEntry],
    *,
    source: EntrySource = "import",
    pending_id: int | None = None,
    files: Sequence[Sequence[KeptAttachment]] = (),
) -> list[int] | None:
    """The path entries read from a file take into the log (chat /import and command line).

    Their progress is read first (off the event loop), then they are added in file order in
    one transaction with their progress (and, with `pending_id`, the pending file removed):
    a crash leaves neither or both. Returns the ids of those added, in order, or None when
    the pending file was gone (imported already). Whatever capture_text does for a message
    beyond storing it (recording its progress updates) must be done here for them too.
    """
    # An entry read before and found to hold none ("" holds none) is not read again.
    texts = [entry.text if entry.has_progress else "" for entry in entries]
    updates = await asyncio.to_thread(read_updates, texts)
    added = await store.imports.add_entries(
        user.user_id,
        entries,
        source=source,
        pending_id=pending_id,
        files=files,
        progress=(updates, match_item),
    )
    return None if added is None else added[0]


def read_updates(texts: Iterable[str]) -> list[list[ProgressUpdate]]:
    """The progress of each text; a text that recurs is read once (a log repeats its `- 跑步`
    and `背单词` lines, and reading progress is most of what an import costs)."""
    read: dict[str, list[ProgressUpdate]] = {}
    return [
        read[text] if text in read else read.setdefault(text, parse_progress(text))
        for text in texts
    ]


async def record_backlog(store: Store, entries: Sequence[Entry] | None = None) -> int:
    """Record the progress of imported entries on the backlog: `entries` (just added), or
    (None) whatever a crash left there, for every user (at start). Returns how many.

    Recording an entry again replaces its updates, so an entry recorded just before a crash
    but still on the backlog is recorded once more, to the same result.
    """
    done = 0
    while True:
        if entries is not None:
            batch, entries = list(entries[:_BACKLOG_BATCH]), entries[_BACKLOG_BATCH:]
        else:
            batch = await store.imports.backlog(limit=_BACKLOG_BATCH)
        if not batch:
            return done
        for entry in batch:
            # Just added, an entry has no updates to replace; left by a crash, it may have.
            await record_progress(store, entry, fresh=entries is not None)
        await store.imports.clear_backlog([entry.id for entry in batch])
        done += len(batch)
