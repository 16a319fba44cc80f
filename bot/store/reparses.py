"""Reading a user's entries again: their progress rewritten in one transaction, keeping their items.

The store does not know how progress is read: the caller passes the reader and the matcher of
near-identical names, and this module rewrites what they give, entry by entry, where it changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.models import ProgressUpdate
from bot.store.database import Database, fetch_all, fetch_one, utc_text
from bot.store.progress import INSERT_UPDATE, UpdateSource, update_row

Read = Callable[[str], Sequence[ProgressUpdate]]
Match = Callable[[str, Sequence[str]], str | None]

# An update as compared between the old and the new reading: item, position and what it says.
_Compared = tuple[int, int, str, float | None, float | None, str, int]


@dataclass(frozen=True)
class Reparsed:
    """What reading one user's entries again changed."""

    entries: int
    changed_entries: int
    added: int
    removed: int
    new_items: int


class ReparseStore:
    """Rewrites a user's progress from their entries; every query is scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def everyone_read_by(self) -> int | None:
        """The reader all users' entries were read with, once all were; None before that."""
        row = await self._db.fetchone("SELECT reader FROM progress_reader")
        return None if row is None else int(row[0])

    async def mark_everyone_read_by(self, reader: int) -> None:
        """Record that every user's entries have been read with ``reader``."""
        await self._db.write(
            "INSERT INTO progress_reader (only, reader) VALUES (1, ?)"
            " ON CONFLICT (only) DO UPDATE SET reader = excluded.reader",
            (reader,),
        )

    async def users_behind(self, reader: int) -> list[int]:
        """Users with entries last read by a reader older than ``reader`` (or never)."""
        rows = await self._db.fetchall(
            "SELECT u.user_id FROM users u LEFT JOIN progress_reparses r ON r.user_id = u.user_id"
            " WHERE (r.reader IS NULL OR r.reader < ?)"
            " AND EXISTS (SELECT 1 FROM entries e WHERE e.user_id = u.user_id)"
            " ORDER BY u.user_id",
            (reader,),
        )
        return [int(row[0]) for row in rows]

    async def reparse(
        self, user_id: int, read: Read, match: Match, *, reader: int, now: datetime
    ) -> Reparsed:
        """Read every entry of the user again and store what changed, in one transaction.

        Each update joins the item its key names (an alias: so every /merge and /rename
        holds), else a near-identical name (``match``), else the item the same entry's update
        at that position was on when that item holds a decision of the user (a target, a
        total, /drop, /done, a second name), else a new item. An entry whose reading did not
        change is not touched, so a second run writes nothing but its record. Items left
        without updates go (the trigger of 0002), as when an entry is edited.
        """
        # Reading the texts takes most of the time: done before the transaction, so the bot (or
        # the command line beside it) waits only for the writes; a text edited meanwhile is
        # read again inside.
        texts = await self._db.fetchall(
            "SELECT id, text FROM entries WHERE user_id = ?", (user_id,)
        )
        read_before = {row[0]: (row[1], read(row[1])) for row in texts}
        async with self._db.transaction() as connection:
            plan = _Plan(user_id, match, await _aliases(connection, user_id))
            plan.decided = await _decided_items(connection, user_id)
            old = await _entry_updates(connection, user_id)
            entries = await fetch_all(
                connection,
                "SELECT id, text, day, created_at FROM entries WHERE user_id = ?"
                " ORDER BY day, created_at, id",
                (user_id,),
            )
            inserts: list[tuple[object, ...]] = []
            removed: list[int] = []
            changed = 0
            for row in entries:
                text, updates = read_before.get(row["id"], (None, ()))
                if text != row["text"]:
                    updates = read(row["text"])
                before = old.get(row["id"], [])
                if not updates and not before:
                    continue
                source = UpdateSource(
                    user_id,
                    date.fromisoformat(row["day"]),
                    datetime.fromisoformat(row["created_at"]),
                    row["id"],
                )
                item_ids = [
                    await plan.item_for(connection, source, update, position, before)
                    for position, update in enumerate(updates)
                ]
                now_compared = [
                    _compared(item_id, position, update)
                    for position, (item_id, update) in enumerate(
                        zip(item_ids, updates, strict=True)
                    )
                ]
                if now_compared == [compared for _, compared in before]:
                    continue
                changed += 1
                plan.touched.update(item_ids)
                plan.touched.update(compared[0] for _, compared in before)
                inserts.extend(
                    update_row(source, item_id, position, update)
                    for position, (item_id, update) in enumerate(
                        zip(item_ids, updates, strict=True)
                    )
                )
                removed.extend(update_id for update_id, _ in before)
            # New rows go in before the old ones go, so an item the new reading keeps is never
            # empty on the way (the trigger would delete it with the user's target and status).
            await connection.executemany(INSERT_UPDATE, inserts)
            await connection.executemany(
                "DELETE FROM progress_updates WHERE id = ? AND user_id = ?",
                [(update_id, user_id) for update_id in removed],
            )
            await _refresh_statuses(connection, user_id, plan.touched)
            await connection.execute(
                "INSERT INTO progress_reparses (user_id, reader, done_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET reader = excluded.reader,"
                " done_at = excluded.done_at",
                (user_id, reader, utc_text(now)),
            )
        return Reparsed(len(entries), changed, len(inserts), len(removed), plan.new_items)


class _Plan:
    """The items updates join during one user's reparse, created as they are first needed."""

    def __init__(self, user_id: int, match: Match, aliases: dict[str, int]) -> None:
        self.user_id = user_id
        self.match = match
        self.aliases = aliases
        self.known = list(aliases)
        self.decided: set[int] = set()
        self.touched: set[int] = set()
        self.new_items = 0

    async def item_for(
        self,
        connection: aiosqlite.Connection,
        source: UpdateSource,
        update: ProgressUpdate,
        position: int,
        before: Sequence[tuple[int, _Compared]],
    ) -> int:
        item_id = self.aliases.get(update.key)
        if item_id is None:
            matched = self.match(update.key, self.known)
            item_id = self.aliases.get(matched) if matched is not None else None
        if item_id is None and position < len(before) and before[position][1][0] in self.decided:
            # The title is read differently now, but the user made decisions on the item this
            # entry's update was on: it stays that item, and the new name joins its names.
            item_id = before[position][1][0]
        if item_id is None:
            row = await fetch_one(
                connection,
                "INSERT INTO progress_items (user_id, key, title, created_at)"
                " VALUES (?, ?, ?, ?) RETURNING id",
                (self.user_id, update.key, update.item, utc_text(source.created_at)),
            )
            assert row is not None  # noqa: S101 - RETURNING gives the row
            item_id = int(row[0])
            self.new_items += 1
        if update.key not in self.aliases:
            await connection.execute(
                "INSERT INTO progress_aliases (user_id, key, item_id) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, key) DO NOTHING",
                (self.user_id, update.key, item_id),
            )
            self.aliases[update.key] = item_id
            self.known.append(update.key)
        return item_id


def _compared(item_id: int, position: int, update: ProgressUpdate) -> _Compared:
    return (
        item_id,
        position,
        update.item,
        update.value,
        update.total,
        update.unit,
        int(update.completed),
    )


async def _aliases(connection: aiosqlite.Connection, user_id: int) -> dict[str, int]:
    rows = await fetch_all(
        connection, "SELECT key, item_id FROM progress_aliases WHERE user_id = ?", (user_id,)
    )
    return {row[0]: int(row[1]) for row in rows}


async def _decided_items(connection: aiosqlite.Connection, user_id: int) -> set[int]:
    """Items that carry something the user did: a target, a total, /drop, /done, a second name."""
    rows = await fetch_all(
        connection,
        "SELECT i.id FROM progress_items i WHERE i.user_id = ? AND ("
        " i.target IS NOT NULL OR i.total IS NOT NULL OR i.status = 'dropped'"
        " OR EXISTS (SELECT 1 FROM progress_updates u"
        "   WHERE u.item_id = i.id AND u.entry_id IS NULL)"
        " OR (SELECT COUNT(*) FROM progress_aliases a WHERE a.item_id = i.id) > 1)",
        (user_id,),
    )
    return {int(row[0]) for row in rows}


async def _entry_updates(
    connection: aiosqlite.Connection, user_id: int
) -> dict[int, list[tuple[int, _Compared]]]:
    """Every entry's stored updates in order: (update id, compared form)."""
    rows = await fetch_all(
        connection,
        "SELECT id, entry_id, item_id, position, written, value, total, unit, completed"
        " FROM progress_updates WHERE user_id = ? AND entry_id IS NOT NULL"
        " ORDER BY entry_id, position, id",
        (user_id,),
    )
    by_entry: dict[int, list[tuple[int, _Compared]]] = {}
    for row in rows:
        compared = (
            int(row[2]),
            int(row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            int(row[8]),
        )
        by_entry.setdefault(int(row[1]), []).append((int(row[0]), compared))
    return by_entry


async def _refresh_statuses(
    connection: aiosqlite.Connection, user_id: int, item_ids: Iterable[int]
) -> None:
    """Each item's status from its latest update, as capture keeps it (dropped stays dropped)."""
    await connection.executemany(
        "UPDATE progress_items SET status = CASE"
        " WHEN (SELECT completed FROM progress_updates WHERE item_id = progress_items.id"
        "       ORDER BY day DESC, created_at DESC, position DESC, id DESC LIMIT 1) = 1"
        " THEN 'done' WHEN status = 'dropped' THEN 'dropped' ELSE 'active' END"
        " WHERE id = ? AND user_id = ?",
        [(item_id, user_id) for item_id in sorted(item_ids)],
    )
