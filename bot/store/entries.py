"""Entries: the log itself, with the revisions an edit leaves behind."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime

from bot.models import Entry, EntrySource, Forwarded
from bot.store.database import Database, Row, fetch_one, utc_text
from bot.store.receipts import Receipt, write_receipt


class EntryStore:
    """Reads and writes entries; every query is scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add(
        self,
        user_id: int,
        text: str,
        day: date,
        *,
        created_at: datetime,
        chat_id: int | None = None,
        message_id: int | None = None,
        source: EntrySource = "telegram",
        forwarded: Forwarded | None = None,
    ) -> tuple[Entry, bool]:
        """Store an entry (a forward with where it came from); a message stored before gives
        back that entry and False."""
        rows = await self._db.write(
            "INSERT INTO entries (user_id, chat_id, message_id, text, day, created_at, source,"
            " forward_kind, forward_from, forward_date, forward_signature)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (user_id, chat_id, message_id) WHERE message_id IS NOT NULL"
            " DO NOTHING RETURNING *",
            (
                user_id,
                chat_id,
                message_id,
                text,
                day.isoformat(),
                utc_text(created_at),
                source,
                *forward_columns(forwarded),
            ),
        )
        if rows:
            return _entry(rows[0]), True
        existing = await self.by_message(user_id, chat_id, message_id)
        assert existing is not None  # noqa: S101 - the conflict means it exists
        return existing, False

    async def by_message(
        self, user_id: int, chat_id: int | None, message_id: int | None
    ) -> Entry | None:
        """The entry made from one Telegram message."""
        row = await self._db.fetchone(
            "SELECT * FROM entries WHERE user_id = ? AND chat_id IS ? AND message_id = ?",
            (user_id, chat_id, message_id),
        )
        return _entry(row) if row else None

    async def revise(self, entry: Entry, text: str, day: date, *, now: datetime) -> Entry:
        """Replace an entry's text and day, keeping the old text as a revision."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO entry_revisions (entry_id, text, day, replaced_at)"
                " VALUES (?, ?, ?, ?)",
                (entry.id, entry.text, entry.day.isoformat(), now.isoformat()),
            )
            row = await fetch_one(
                connection,
                "UPDATE entries SET text = ?, day = ?, updated_at = ?"
                " WHERE id = ? AND user_id = ? RETURNING *",
                (text, day.isoformat(), now.isoformat(), entry.id, entry.user_id),
            )
        assert row is not None  # noqa: S101 - the entry was read just before
        return _entry(row)

    async def revisions(self, user_id: int, entry_id: int) -> list[str]:
        """Earlier texts of an entry, oldest first."""
        rows = await self._db.fetchall(
            "SELECT r.text FROM entry_revisions r JOIN entries e ON e.id = r.entry_id"
            " WHERE e.user_id = ? AND r.entry_id = ? ORDER BY r.id",
            (user_id, entry_id),
        )
        return [row["text"] for row in rows]

    async def last(self, user_id: int) -> Entry | None:
        """The entry the user wrote most recently."""
        row = await self._db.fetchone(
            "SELECT * FROM entries WHERE user_id = ? ORDER BY id DESC LIMIT 1", (user_id,)
        )
        return _entry(row) if row else None

    async def delete(self, user_id: int, entry_id: int, *, receipt: Receipt | None = None) -> bool:
        """Delete one of the user's entries (and its revisions).

        With a receipt, the command that asked for it is recorded in the same transaction, so
        a repeat of that command can tell it already ran.
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM entries WHERE id = ? AND user_id = ?", (entry_id, user_id)
            )
            deleted = cursor.rowcount > 0
            await cursor.close()
            if deleted and receipt is not None:
                await write_receipt(connection, receipt)
        return deleted

    async def on_day(self, user_id: int, day: date) -> list[Entry]:
        """The user's entries filed under one day, in the order written."""
        return await self.between(user_id, day, day)

    async def on_days(
        self, wanted: Iterable[tuple[int, date]]
    ) -> dict[tuple[int, date], list[Entry]]:
        """`on_day` for many (user, day) pairs in one query (the check-ins a scheduler batch
        opens); a pair without entries maps to an empty list."""
        pairs = [(user_id, day) for user_id, day in wanted]
        found: dict[tuple[int, date], list[Entry]] = {pair: [] for pair in pairs}
        rows = await self._db.fetchall(
            "SELECT e.* FROM json_each(?) j JOIN entries e"
            " ON e.user_id = j.value ->> 0 AND e.day = j.value ->> 1"
            " ORDER BY e.user_id, e.day, e.created_at, e.id",
            (json.dumps([[user_id, day.isoformat()] for user_id, day in pairs]),),
        )
        for row in rows:
            entry = _entry(row)
            found[(entry.user_id, entry.day)].append(entry)
        return found

    async def between(self, user_id: int, first: date, last: date) -> list[Entry]:
        """The user's entries from first to last day inclusive, by day then order written."""
        rows = await self._db.fetchall(
            "SELECT * FROM entries WHERE user_id = ? AND day BETWEEN ? AND ?"
            " ORDER BY day, created_at, id",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [_entry(row) for row in rows]

    async def count(self, user_id: int | None = None) -> int:
        """How many entries one user (or everyone) has."""
        if user_id is None:
            row = await self._db.fetchone("SELECT COUNT(*) FROM entries")
        else:
            row = await self._db.fetchone(
                "SELECT COUNT(*) FROM entries WHERE user_id = ?", (user_id,)
            )
        return int(row[0]) if row else 0

    async def by_id(self, user_id: int, entry_id: int) -> Entry | None:
        """One of the user's entries."""
        row = await self._db.fetchone(
            "SELECT * FROM entries WHERE user_id = ? AND id = ?", (user_id, entry_id)
        )
        return _entry(row) if row else None


def forward_columns(forwarded: Forwarded | None) -> tuple[str | None, ...]:
    """forward_kind, forward_from, forward_date and forward_signature of an entry's row."""
    if forwarded is None:
        return (None, None, None, None)
    return (forwarded.kind, forwarded.name, utc_text(forwarded.date), forwarded.signature)


def _forwarded(row: Row) -> Forwarded | None:
    if row["forward_kind"] is None:
        return None
    return Forwarded(
        kind=row["forward_kind"],
        name=row["forward_from"] or "",
        date=datetime.fromisoformat(row["forward_date"]),
        signature=row["forward_signature"],
    )


def _entry(row: Row) -> Entry:
    return Entry(
        id=row["id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        text=row["text"],
        day=date.fromisoformat(row["day"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]) if row["updated_at"] else None,
        source=row["source"],
        forwarded=_forwarded(row),
    )
