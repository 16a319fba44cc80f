"""Progress: items, the keys that name them, and the updates read from entries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from bot.models import ItemStatus, ProgressItem, ProgressPoint, ProgressUnit, ProgressUpdate
from bot.store.database import Database, Row, fetch_all, fetch_one, utc_text

# _point reads these by position.
_POINT_COLUMNS = "item_id, day, value, total, unit, completed"
_POINT_ORDER = "ORDER BY item_id, day, created_at, position, id"


@dataclass(frozen=True)
class UpdateSource:
    """Where updates come from: an entry (its id, day and time written) or a command."""

    user_id: int
    day: date
    created_at: datetime
    entry_id: int | None = None


@dataclass(frozen=True)
class ListingRow:
    """An item as /progress first sees it: the day of its latest update and if that finished it."""

    item: ProgressItem
    last_day: date
    finished: bool


@dataclass(frozen=True)
class Joined:
    """A parsed update and the key of the item it joins (its own key for a new item)."""

    update: ProgressUpdate
    join_key: str


class ProgressStore:
    """Reads and writes progress; every query is scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def items_by_alias(self, user_id: int) -> dict[str, ProgressItem]:
        """Every key the user's items are known by, with the item it names."""
        rows = await self._db.fetchall(
            "SELECT a.key AS alias, i.* FROM progress_aliases a"
            " JOIN progress_items i ON i.id = a.item_id WHERE a.user_id = ?",
            (user_id,),
        )
        return {row["alias"]: _item(row) for row in rows}

    async def add_updates(
        self, source: UpdateSource, updates: Sequence[tuple[ProgressItem, ProgressUpdate]]
    ) -> None:
        """Add a new entry's updates to items that already exist, in one statement."""
        await self._db.write_many(
            INSERT_UPDATE,
            [
                update_row(source, item.id, position, update)
                for position, (item, update) in enumerate(updates)
            ],
        )

    async def record(
        self, source: UpdateSource, joined: Sequence[Joined], *, fresh: bool = False
    ) -> tuple[list[ProgressItem], set[int]]:
        """Store the updates of one source, replacing what that entry held before.

        Returns the item of each update (in order) and the ids of every item touched, the
        entry's former items included (an item left without updates is deleted by a trigger).
        A `fresh` entry (stored just now) held nothing before, so nothing is looked up.
        """
        items: list[ProgressItem] = []
        async with self._db.transaction() as connection:
            old = [] if fresh else await _entry_updates(connection, source)
            for position, join in enumerate(joined):
                item = await _item_for(connection, source, join)
                items.append(item)
                await _insert_update(connection, source, item.id, position, join.update)
            # New rows go in before the old ones go, so an item the edit keeps is never empty
            # (the trigger would delete it with its target).
            if old:
                await connection.executemany(
                    "DELETE FROM progress_updates WHERE id = ?", [(row_id,) for row_id, _ in old]
                )
        return items, {item_id for _, item_id in old} | {item.id for item in items}

    async def items(self, user_id: int) -> list[ProgressItem]:
        """The user's items, most recently updated first."""
        rows = await self._db.fetchall(
            "SELECT i.*, MAX(u.day) AS last_day, MAX(u.created_at) AS last_at"
            " FROM progress_items i JOIN progress_updates u ON u.item_id = i.id"
            " WHERE i.user_id = ? GROUP BY i.id ORDER BY last_day DESC, last_at DESC, i.id DESC",
            (user_id,),
        )
        return [_item(row) for row in rows]

    async def item(self, user_id: int, item_id: int) -> ProgressItem | None:
        """One of the user's items (None if it is not theirs)."""
        row = await self._db.fetchone(
            "SELECT * FROM progress_items WHERE id = ? AND user_id = ?", (item_id, user_id)
        )
        return _item(row) if row else None

    async def names(self, user_id: int) -> list[tuple[str, int, str]]:
        """Every (alias key, item id, item title), most recently updated item first."""
        rows = await self._db.fetchall(
            "SELECT a.key, i.id, i.title FROM progress_aliases a"
            " JOIN progress_items i ON i.id = a.item_id"
            " JOIN (SELECT item_id, MAX(day) AS last_day FROM progress_updates"
            "       WHERE user_id = ? GROUP BY item_id) u ON u.item_id = i.id"
            " WHERE a.user_id = ? ORDER BY u.last_day DESC, i.id DESC, a.key = i.key DESC",
            (user_id, user_id),
        )
        return [(row["key"], row["id"], row["title"]) for row in rows]

    async def points(self, user_id: int, item_id: int) -> list[ProgressPoint]:
        """One item's updates, oldest first."""
        rows = await self._db.fetchall(
            f"SELECT {_POINT_COLUMNS} FROM progress_updates"  # noqa: S608 - constants only
            f" WHERE user_id = ? AND item_id = ? {_POINT_ORDER}",
            (user_id, item_id),
        )
        return [_point(row) for row in rows]

    async def points_of(
        self, user_id: int, item_ids: Collection[int]
    ) -> dict[int, list[ProgressPoint]]:
        """Several items' updates, oldest first, in one query."""
        ids = sorted(set(item_ids))
        marks = ", ".join("?" * len(ids))
        rows = await self._db.fetchall(
            f"SELECT {_POINT_COLUMNS} FROM progress_updates"  # noqa: S608 - only ? marks
            f" WHERE user_id = ? AND item_id IN ({marks}) {_POINT_ORDER}",
            (user_id, *ids),
        )
        points: dict[int, list[ProgressPoint]] = {}
        for row in rows:
            points.setdefault(row[0], []).append(_point(row))
        return points

    async def updates_between(
        self, user_id: int, first: date, last: date
    ) -> list[tuple[date, int, ProgressUpdate]]:
        """Updates read from the user's entries of these days: (day, entry id, update).

        The update carries its item's current title and key, so merged and renamed items read
        as one item in summaries.
        """
        rows = await self._db.fetchall(
            "SELECT u.day, u.entry_id, u.value, u.total, u.unit, u.completed, i.title, i.key"
            " FROM progress_updates u JOIN progress_items i ON i.id = u.item_id"
            " WHERE u.user_id = ? AND u.entry_id IN"
            "   (SELECT id FROM entries WHERE user_id = ? AND day BETWEEN ? AND ?)"
            " ORDER BY u.day, u.created_at, u.position, u.id",
            (user_id, user_id, first.isoformat(), last.isoformat()),
        )
        return [
            (
                date.fromisoformat(row["day"]),
                row["entry_id"],
                ProgressUpdate(
                    item=row["title"],
                    key=row["key"],
                    value=row["value"],
                    total=row["total"],
                    unit=row["unit"],
                    completed=bool(row["completed"]),
                ),
            )
            for row in rows
        ]

    async def latest_before(
        self, user_id: int, day: date, keys: Collection[str]
    ) -> dict[str, ProgressPoint]:
        """For each item key, its last update before `day`; items with none are absent."""
        if not keys:
            return {}
        marks = ", ".join("?" * len(keys))
        rows = await self._db.fetchall(
            "SELECT u.item_id, u.day, u.value, u.total, u.unit, u.completed, i.key"  # noqa: S608
            " FROM progress_items i JOIN progress_updates u ON u.id = ("
            "   SELECT id FROM progress_updates WHERE item_id = i.id AND day < ?"
            "   ORDER BY day DESC, created_at DESC, position DESC, id DESC LIMIT 1)"
            f" WHERE i.user_id = ? AND i.key IN ({marks})",  # only ? marks are formatted in
            (day.isoformat(), user_id, *sorted(keys)),
        )
        # The first six columns are _point's, in its order.
        return {row["key"]: _point(row) for row in rows}

    async def item_ids_of_entry(self, user_id: int, entry_id: int) -> set[int]:
        """The items an entry's updates belong to."""
        rows = await self._db.fetchall(
            "SELECT DISTINCT item_id FROM progress_updates WHERE user_id = ? AND entry_id = ?",
            (user_id, entry_id),
        )
        return {int(row[0]) for row in rows}

    async def latest_points(
        self, user_id: int, item_ids: Collection[int]
    ) -> dict[int, ProgressPoint]:
        """Each item's latest update, which alone says whether the item is finished."""
        ids = sorted(set(item_ids))
        marks = ", ".join("?" * len(ids))
        rows = await self._db.fetchall(
            f"SELECT {_POINT_COLUMNS} FROM progress_updates u"  # noqa: S608 - only ? marks
            " WHERE u.id IN (SELECT (SELECT id FROM progress_updates"
            "   WHERE item_id = i.id ORDER BY day DESC, created_at DESC, position DESC, id DESC"
            f"   LIMIT 1) FROM progress_items i WHERE i.user_id = ? AND i.id IN ({marks}))",
            (user_id, *ids),
        )
        return {row[0]: _point(row) for row in rows}

    async def listing(self, user_id: int) -> list[ListingRow]:
        """The items /progress lists (not dropped), most recently updated first.

        ``finished`` is read off the latest update, which is what makes an item finished (a
        completion, or a count at its total), so a page needs the full history of its own items
        only: a heavy user's /progress reads 8 items' updates, not 2,000.
        """
        rows = await self._db.fetchall(
            "SELECT i.*, u.day AS last_day, u.completed AS last_completed"
            " FROM progress_items i JOIN progress_updates u ON u.id = ("
            "   SELECT id FROM progress_updates WHERE item_id = i.id"
            "   ORDER BY day DESC, created_at DESC, position DESC, id DESC LIMIT 1)"
            " WHERE i.user_id = ? AND i.status != 'dropped'"
            " ORDER BY u.day DESC, u.created_at DESC, u.id DESC",
            (user_id,),
        )
        return [
            ListingRow(_item(row), date.fromisoformat(row["last_day"]), bool(row["last_completed"]))
            for row in rows
        ]

    async def set_status(self, user_id: int, item_id: int, status: ItemStatus) -> None:
        """Mark an item active, done or dropped."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE progress_items SET status = ? WHERE id = ? AND user_id = ?",
                (status, item_id, user_id),
            )

    async def set_target(self, user_id: int, item_id: int, target: date | None) -> None:
        """Set (or with None, clear) the day the user means to finish an item by."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE progress_items SET target = ? WHERE id = ? AND user_id = ?",
                (target.isoformat() if target else None, item_id, user_id),
            )

    async def set_total(
        self, user_id: int, item_id: int, whole: tuple[float, ProgressUnit] | None
    ) -> None:
        """Set (or with None, clear) the whole of an item in one unit (/total)."""
        total, unit = whole if whole is not None else (None, None)
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE progress_items SET total = ?, total_unit = ? WHERE id = ? AND user_id = ?",
                (total, unit, item_id, user_id),
            )

    async def add_completion(self, source: UpdateSource, item: ProgressItem) -> None:
        """Record that an item is finished, as an update of no entry (/done)."""
        update = ProgressUpdate(
            item=item.title, key=item.key, value=None, total=None, unit="percent", completed=True
        )
        async with self._db.transaction() as connection:
            await _insert_update(connection, source, item.id, 0, update)
            await connection.execute(
                "UPDATE progress_items SET status = 'done' WHERE id = ? AND user_id = ?",
                (item.id, item.user_id),
            )

    async def merge(self, user_id: int, source_id: int, into_id: int) -> None:
        """Move an item's updates and names into another item (both the user's), and delete it."""
        async with self._db.transaction() as connection:
            if await _owned(connection, user_id, {source_id, into_id}) != 2:
                return
            for table in ("progress_updates", "progress_aliases"):
                await connection.execute(
                    f"UPDATE {table} SET item_id = ?"  # noqa: S608 - two fixed names
                    " WHERE item_id = ? AND user_id = ?",
                    (into_id, source_id, user_id),
                )
            await connection.execute(
                "DELETE FROM progress_items WHERE id = ? AND user_id = ?", (source_id, user_id)
            )

    async def rename(self, user_id: int, item_id: int, title: str, key: str) -> bool:
        """Give an item a new title; its key joins its names. False if another item has it."""
        # Every write checks the owner: an alias row pointing at another user's item would leak it.
        async with self._db.transaction() as connection:
            if not await _owned(connection, user_id, {item_id}):
                return False
            owner = await fetch_one(
                connection,
                "SELECT item_id FROM progress_aliases WHERE user_id = ? AND key = ?",
                (user_id, key),
            )
            if owner is not None and owner[0] != item_id:
                return False
            await connection.execute(
                "INSERT INTO progress_aliases (user_id, key, item_id) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, key) DO NOTHING",
                (user_id, key, item_id),
            )
            await connection.execute(
                "UPDATE progress_items SET title = ?, key = ? WHERE id = ? AND user_id = ?",
                (title, key, item_id, user_id),
            )
        return True


async def _owned(connection: aiosqlite.Connection, user_id: int, item_ids: set[int]) -> int:
    """How many of ``item_ids`` belong to the user."""
    marks = ", ".join("?" * len(item_ids))
    row = await fetch_one(
        connection,
        f"SELECT COUNT(*) FROM progress_items WHERE user_id = ? AND id IN ({marks})",  # noqa: S608 - only ? marks
        (user_id, *item_ids),
    )
    return int(row[0]) if row else 0


async def _entry_updates(
    connection: aiosqlite.Connection, source: UpdateSource
) -> list[tuple[int, int]]:
    """(update id, item id) of what the entry held before, if the source is an entry."""
    if source.entry_id is None:
        return []
    rows = await fetch_all(
        connection,
        "SELECT id, item_id FROM progress_updates WHERE entry_id = ? AND user_id = ?",
        (source.entry_id, source.user_id),
    )
    return [(row[0], row[1]) for row in rows]


async def _item_for(
    connection: aiosqlite.Connection, source: UpdateSource, join: Joined
) -> ProgressItem:
    """The item an update joins, creating it (and recording the update's key as its name)."""
    user_id, update = source.user_id, join.update
    row = await fetch_one(
        connection,
        "SELECT i.* FROM progress_aliases a JOIN progress_items i ON i.id = a.item_id"
        " WHERE a.user_id = ? AND a.key = ?",
        (user_id, join.join_key),
    )
    # The key the item was found by is an alias already; only new names need recording.
    new_keys = {update.key} - {join.join_key}
    if row is None:
        row = await fetch_one(
            connection,
            "INSERT INTO progress_items (user_id, key, title, created_at) VALUES (?, ?, ?, ?)"
            " RETURNING *",
            (user_id, join.join_key, update.item, utc_text(source.created_at)),
        )
        assert row is not None  # noqa: S101 - RETURNING gives the row
        new_keys.add(join.join_key)
    item = _item(row)
    for key in new_keys:
        await connection.execute(
            "INSERT INTO progress_aliases (user_id, key, item_id) VALUES (?, ?, ?)"
            " ON CONFLICT (user_id, key) DO NOTHING",
            (user_id, key, item.id),
        )
    return item


INSERT_UPDATE = (
    "INSERT INTO progress_updates (user_id, item_id, entry_id, day, created_at, position,"
    " written, value, total, unit, completed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def update_row(
    source: UpdateSource, item_id: int, position: int, update: ProgressUpdate
) -> tuple[object, ...]:
    """The parameters of INSERT_UPDATE for one update."""
    return (
        source.user_id,
        item_id,
        source.entry_id,
        source.day.isoformat(),
        utc_text(source.created_at),
        position,
        update.item,
        update.value,
        update.total,
        update.unit,
        int(update.completed),
    )


async def _insert_update(
    connection: aiosqlite.Connection,
    source: UpdateSource,
    item_id: int,
    position: int,
    update: ProgressUpdate,
) -> None:
    await connection.execute(INSERT_UPDATE, update_row(source, item_id, position, update))


def _item(row: Row) -> ProgressItem:
    return ProgressItem(
        id=row["id"],
        user_id=row["user_id"],
        key=row["key"],
        title=row["title"],
        status=row["status"],
        target=date.fromisoformat(row["target"]) if row["target"] else None,
        created_at=datetime.fromisoformat(row["created_at"]),
        total=row["total"],
        total_unit=row["total_unit"],
    )


def _point(row: Row) -> ProgressPoint:
    # Rows this module wrote are valid already; skipping validation halves the cost of a
    # /progress that reads every update the user has.
    return ProgressPoint.model_construct(
        day=date.fromisoformat(row[1]),
        value=row[2],
        total=row[3],
        unit=row[4],
        completed=bool(row[5]),
    )
