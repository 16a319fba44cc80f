"""Imported entries: written in one transaction, and files waiting for the user's confirmation."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.models import Entry, EntrySource, Forwarded, Frozen, ProgressUpdate
from bot.store.attachments import NewAttachment, write_attachments
from bot.store.database import Database, fetch_all, fetch_one, utc_text
from bot.store.entries import _entry, forward_columns
from bot.store.progress import INSERT_UPDATE, UpdateSource, update_row
from bot.store.reparses import Match, _aliases, _Plan
from bot.store.search_index import mark_unindexed


@dataclass(frozen=True, slots=True, kw_only=True)
class NewEntry:
    """An entry to add: its day, its text, when it was written and whether it holds progress;
    a forward read from daylog's own export, where it came from.

    `has_progress` False means its text was read and holds none, so nothing is recorded for it;
    True (the default) means it may hold some. A dataclass: a big import makes hundreds of
    thousands, and a model cost seconds of it.
    """

    day: date
    text: str
    created_at: datetime
    has_progress: bool = True
    forwarded: Forwarded | None = None


@dataclass(frozen=True)
class KeptAttachment:
    """A file an imported entry links, already on disk under its hash."""

    new: NewAttachment
    sha256: str
    size: int


class PendingImport(Frozen):
    """A file the user sent with /import, kept until they confirm or cancel.

    `entries` is the file as read at the preview (JSON, see bot/importing.py); rows kept by an
    older version have None there and the file's text in `content` instead.
    """

    id: int
    user_id: int
    file_name: str
    content: str
    entries: str | None
    created_at: datetime


class ImportStore:
    """Writes imports; every query is scoped to one user."""

    def __init__(self, database: Database, *, on_unindexed: Callable[[], None]) -> None:
        self._db = database
        # Called once imported entries are in, still to be indexed for search.
        self._on_unindexed = on_unindexed

    async def add_entries(
        self,
        user_id: int,
        entries: Sequence[NewEntry],
        *,
        source: EntrySource = "import",
        pending_id: int | None = None,
        files: Sequence[Sequence[KeptAttachment]] = (),
        progress: tuple[Sequence[Sequence[ProgressUpdate]], Match] | None = None,
    ) -> tuple[list[int], list[Entry]] | None:
        """Add entries in order, all or none, without message ids (they came from a file).

        `progress` is each entry's updates (in the order of `entries`), read beforehand, and
        the matcher of near-identical item names: they are stored in the same transaction, as
        capture stores a message's (see `_record_progress`). Without it, the entries that may
        hold progress go on the progress backlog in the same transaction instead (see
        `backlog`), and are returned to be recorded after.

        Returns the ids of the added entries, in order, and the entries left on the backlog.
        With `pending_id`, that pending file is removed in the same transaction too, and
        nothing is added (None) when it is gone already: an import pressed twice adds its
        entries once. `files` (from a zip made by
        /export zip, in the order of `entries`) are each entry's files, kept on disk already:
        their rows go in the same transaction, so no entry is left without its files.
        """
        # Built before the write lock is taken, and off the event loop.
        entry_rows = await asyncio.to_thread(_entry_rows, user_id, entries, source)
        async with self._db.transaction() as connection:
            if pending_id is not None:
                taken = await fetch_one(
                    connection,
                    "DELETE FROM pending_imports WHERE id = ? AND user_id = ? RETURNING id",
                    (pending_id, user_id),
                )
                if taken is None:
                    return None
            before = await fetch_one(connection, "SELECT COALESCE(MAX(id), 0) FROM entries")
            first_id = int(before[0]) + 1 if before else 1
            if entries:
                # Indexed for search afterwards, in the background (bot/store/search_index.py):
                # building the index was most of the time an import took.
                await mark_unindexed(connection, first_id, first_id + len(entries) - 1)
            # One statement for all rows: a trip to SQLite's thread per row cost most of a big
            # import. Holding the write lock, the new rows take the ids after the largest.
            await connection.executemany(
                "INSERT INTO entries (user_id, text, day, created_at, source, forward_kind,"
                " forward_from, forward_date, forward_signature)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entry_rows,
            )
            after = await fetch_one(connection, "SELECT COALESCE(MAX(id), 0) FROM entries")
            if after is None or int(after[0]) != first_id + len(entries) - 1:
                raise RuntimeError("imported entries did not take consecutive ids")
            if progress is not None:
                updates, match = progress
                await _record_progress(connection, user_id, first_id, entries, updates, match=match)
            progress_ids = [
                first_id + index
                for index, new in enumerate(entries)
                if new.has_progress and progress is None
            ]
            await connection.executemany(
                "INSERT INTO progress_backlog (entry_id, user_id) VALUES (?, ?)",
                [(entry_id, user_id) for entry_id in progress_ids],
            )
            for offset, kept in enumerate(files):
                await _write_kept(connection, user_id, first_id + offset, entries[offset], kept)
            rows = await fetch_all(
                connection,
                "SELECT e.* FROM progress_backlog b JOIN entries e ON e.id = b.entry_id"
                " WHERE b.user_id = ? AND b.entry_id >= ? ORDER BY b.entry_id",
                (user_id, first_id),
            )
        if entries:
            self._on_unindexed()
        ids = list(range(first_id, first_id + len(entries)))
        return ids, [_entry(row) for row in rows]

    async def backlog(self, user_id: int | None = None, *, limit: int = 500) -> list[Entry]:
        """Imported entries whose progress is still to be recorded, oldest first (any user's
        when `user_id` is None): left by a crash, or not yet reached by the import."""
        rows = await self._db.fetchall(
            "SELECT e.* FROM progress_backlog b JOIN entries e ON e.id = b.entry_id"
            " WHERE ? IS NULL OR b.user_id = ? ORDER BY b.entry_id LIMIT ?",
            (user_id, user_id, limit),
        )
        return [_entry(row) for row in rows]

    async def clear_backlog(self, entry_ids: Sequence[int]) -> None:
        """Take entries off the backlog once their progress is stored."""
        await self._db.write_many(
            "DELETE FROM progress_backlog WHERE entry_id = ?", [(id_,) for id_ in entry_ids]
        )

    async def texts_between(self, user_id: int, first: date, last: date) -> list[tuple[date, str]]:
        """(day, text) of the user's entries in a span: what an import must not add again."""
        rows = await self._db.fetchall(
            "SELECT day, text FROM entries WHERE user_id = ? AND day BETWEEN ? AND ?",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [(date.fromisoformat(row["day"]), row["text"]) for row in rows]

    async def hold(
        self,
        user_id: int,
        file_name: str,
        entries: str,
        *,
        now: datetime,
        files: Mapping[str, bytes] | None = None,
    ) -> int:
        """Keep a file's entries (as read) until the user confirms; one pending file per user.

        `files` are the media of a zip made by /export zip, by their path in it.
        """
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM pending_imports WHERE user_id = ?", (user_id,))
            cursor = await connection.execute(
                "INSERT INTO pending_imports (user_id, file_name, content, entries, created_at)"
                " VALUES (?, ?, '', ?, ?)",
                (user_id, file_name, entries, now.isoformat()),
            )
            pending_id = cursor.lastrowid
            await cursor.close()
            await connection.executemany(
                "INSERT INTO pending_import_files (pending_id, path, data) VALUES (?, ?, ?)",
                [(pending_id, path, data) for path, data in (files or {}).items()],
            )
        assert pending_id is not None  # noqa: S101 - an INSERT always sets it
        return pending_id

    async def pending_files(self, user_id: int, pending_id: int) -> dict[str, bytes]:
        """The files kept with one of the user's pending imports, by their path in the zip."""
        rows = await self._db.fetchall(
            "SELECT f.path, f.data FROM pending_import_files AS f"
            " JOIN pending_imports AS p ON p.id = f.pending_id WHERE p.id = ? AND p.user_id = ?",
            (pending_id, user_id),
        )
        return {row["path"]: bytes(row["data"]) for row in rows}

    async def pending(self, user_id: int, pending_id: int) -> PendingImport | None:
        """A pending file, only if it is this user's; it stays until imported or dropped."""
        row = await self._db.fetchone(
            "SELECT * FROM pending_imports WHERE id = ? AND user_id = ?", (pending_id, user_id)
        )
        if row is None:
            return None
        return PendingImport(
            id=row["id"],
            user_id=row["user_id"],
            file_name=row["file_name"],
            content=row["content"],
            entries=row["entries"],
            created_at=datetime.fromisoformat(row["created_at"]),
        )

    async def drop(self, user_id: int, pending_id: int) -> bool:
        """Forget a pending file (the user cancelled); False if it was not there."""
        rows = await self._db.write(
            "DELETE FROM pending_imports WHERE id = ? AND user_id = ? RETURNING id",
            (pending_id, user_id),
        )
        return bool(rows)


async def _record_progress(
    connection: aiosqlite.Connection,
    user_id: int,
    first_id: int,
    entries: Sequence[NewEntry],
    progress: Sequence[Sequence[ProgressUpdate]],
    *,
    match: Match,
) -> None:
    """Inside the import's transaction: each new entry's updates, as capture would record them
    one entry after another, in a few statements.

    Each update joins the item its key names, else a near-identical name (`match`), else a new
    item (the reparse's plan, bot/store/reparses.py). Every item an update touches takes its
    status from its latest update, a dropped one coming back (as new progress on it does).
    """
    plan = _Plan(user_id, match, await _aliases(connection, user_id))
    # An update joins the item its key joined the first time: only first times are looked up,
    # in the order written (a later key may match an item an earlier one created).
    item_of: dict[str, int] = {}
    for offset, position, update in await asyncio.to_thread(_first_of_each_key, progress):
        entry = entries[offset]
        source = UpdateSource(user_id, entry.day, entry.created_at, first_id + offset)
        item_of[update.key] = await plan.item_for(connection, source, update, position, ())
    plan.touched.update(item_of.values())
    rows = await asyncio.to_thread(_update_rows, user_id, first_id, entries, progress, item_of)
    await connection.executemany(INSERT_UPDATE, rows)
    await connection.executemany(
        "UPDATE progress_items SET status = CASE"
        " WHEN (SELECT completed FROM progress_updates WHERE item_id = progress_items.id"
        "       ORDER BY day DESC, created_at DESC, position DESC, id DESC LIMIT 1) = 1"
        " THEN 'done' ELSE 'active' END WHERE id = ? AND user_id = ?",
        [(item_id, user_id) for item_id in sorted(plan.touched)],
    )


def _first_of_each_key(
    progress: Sequence[Sequence[ProgressUpdate]],
) -> list[tuple[int, int, ProgressUpdate]]:
    """(entry offset, position, update) of the first update of each item key, in order."""
    seen: set[str] = set()
    firsts = []
    for offset, updates in enumerate(progress):
        for position, update in enumerate(updates):
            if update.key not in seen:
                seen.add(update.key)
                firsts.append((offset, position, update))
    return firsts


def _entry_rows(
    user_id: int, entries: Sequence[NewEntry], source: EntrySource
) -> list[tuple[object, ...]]:
    """The INSERT parameters of imported entries."""
    return [
        (
            user_id,
            new.text,
            new.day.isoformat(),
            utc_text(new.created_at),
            source,
            *forward_columns(new.forwarded),
        )
        for new in entries
    ]


def _update_rows(
    user_id: int,
    first_id: int,
    entries: Sequence[NewEntry],
    progress: Sequence[Sequence[ProgressUpdate]],
    item_of: Mapping[str, int],
) -> list[tuple[object, ...]]:
    """The INSERT_UPDATE parameters of imported entries' updates."""
    return [
        update_row(
            UpdateSource(user_id, entry.day, entry.created_at, first_id + offset),
            item_of[update.key],
            position,
            update,
        )
        for offset, (entry, updates) in enumerate(zip(entries, progress, strict=True))
        for position, update in enumerate(updates)
    ]


async def _write_kept(
    connection: aiosqlite.Connection,
    user_id: int,
    entry_id: int,
    entry: NewEntry,
    kept: Sequence[KeptAttachment],
) -> None:
    """Inside the import's transaction: an entry's files, each kept on disk already."""
    rows = await write_attachments(
        connection, user_id, entry_id, [file.new for file in kept], at=entry.created_at
    )
    await connection.executemany(
        "UPDATE attachments SET sha256 = ?, size = ?, status = 'stored'"
        " WHERE user_id = ? AND id = ?",
        [(file.sha256, file.size, user_id, row.id) for row, file in zip(rows, kept, strict=True)],
    )
