"""Imported entries: written in one transaction, and files waiting for the user's confirmation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.models import Entry, EntrySource, Frozen
from bot.store.database import Database, utc_text
from bot.store.entries import _entry


class NewEntry(Frozen):
    """An entry to add: its day, its text and when it was written."""

    day: date
    text: str
    created_at: datetime


class PendingImport(Frozen):
    """A file the user sent with /import, kept until they confirm or cancel."""

    id: int
    user_id: int
    file_name: str
    content: str
    created_at: datetime


class ImportStore:
    """Writes imports; every query is scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def add_entries(
        self, user_id: int, entries: Sequence[NewEntry], *, source: EntrySource = "import"
    ) -> list[Entry]:
        """Add entries in order, all or none, without message ids (they came from a file)."""
        added: list[Entry] = []
        async with self._db.transaction() as connection:
            for new in entries:
                cursor = await connection.execute(
                    "INSERT INTO entries (user_id, text, day, created_at, source)"
                    " VALUES (?, ?, ?, ?, ?) RETURNING *",
                    (user_id, new.text, new.day.isoformat(), utc_text(new.created_at), source),
                )
                row = await cursor.fetchone()
                await cursor.close()
                assert row is not None  # noqa: S101 - RETURNING of an INSERT
                added.append(_entry(row))
        return added

    async def texts_between(self, user_id: int, first: date, last: date) -> list[tuple[date, str]]:
        """(day, text) of the user's entries in a span: what an import must not add again."""
        rows = await self._db.fetchall(
            "SELECT day, text FROM entries WHERE user_id = ? AND day BETWEEN ? AND ?",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return [(date.fromisoformat(row["day"]), row["text"]) for row in rows]

    async def hold(self, user_id: int, file_name: str, content: str, *, now: datetime) -> int:
        """Keep a file until the user confirms; a user has one pending file at a time."""
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM pending_imports WHERE user_id = ?", (user_id,))
            cursor = await connection.execute(
                "INSERT INTO pending_imports (user_id, file_name, content, created_at)"
                " VALUES (?, ?, ?, ?)",
                (user_id, file_name, content, now.isoformat()),
            )
            pending_id = cursor.lastrowid
            await cursor.close()
        assert pending_id is not None  # noqa: S101 - an INSERT always sets it
        return pending_id

    async def take(self, user_id: int, pending_id: int) -> PendingImport | None:
        """Remove and return a pending file, only if it is this user's."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM pending_imports WHERE id = ? AND user_id = ? RETURNING *",
                (pending_id, user_id),
            )
            row = await cursor.fetchone()
            await cursor.close()
        if row is None:
            return None
        return PendingImport(
            id=row["id"],
            user_id=row["user_id"],
            file_name=row["file_name"],
            content=row["content"],
            created_at=datetime.fromisoformat(row["created_at"]),
        )
