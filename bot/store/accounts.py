"""A user's whole footprint: forgetting it everywhere, and the figures /admin_stats reports."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from bot.store.database import Database


@dataclass(frozen=True)
class DatabaseStats:
    """What /admin_stats and `daylog` report about the database."""

    users: int
    entries: int
    size_bytes: int
    schema_version: int


class AccountStore:
    """Operations that span every table: they find the tables at run time, not from a list."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def forget(self, user_id: int) -> dict[str, int]:
        """Delete every row about the user from every table; return rows deleted per table.

        Every ordinary table with a `user_id` column is emptied of the user's rows, so tables
        that later migrations add are covered without touching this code. Rows that hang off
        those (revisions of an entry) go by ON DELETE CASCADE, and search indexes kept in step by
        triggers follow their content table. A virtual table that still holds rows of the user
        afterwards (a full-text index without triggers) is emptied last.
        """
        deleted: dict[str, int] = {}
        async with self._db.transaction() as connection:
            tables = await _tables_with_user_id(connection)
            # `users` last: its cascade would otherwise delete rows before they are counted.
            ordinary = sorted(
                (name for name, kind in tables if kind == "table"), key=lambda n: n == "users"
            )
            for name in ordinary:
                deleted[name] = await _delete_rows(connection, name, user_id)
            for name in (name for name, kind in tables if kind == "virtual"):
                if await _has_rows(connection, name, user_id):
                    deleted[name] = await _delete_rows(connection, name, user_id)
        return {name: count for name, count in deleted.items() if count}

    async def stats(self) -> DatabaseStats:
        """Users, entries, the size of the database file (with its WAL) and the schema version."""
        users = await self._db.fetchone("SELECT COUNT(*) FROM users")
        entries = await self._db.fetchone("SELECT COUNT(*) FROM entries")
        pages = await self._db.fetchone(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
        )
        wal = self._db.path.with_name(self._db.path.name + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        return DatabaseStats(
            users=int(users[0]) if users else 0,
            entries=int(entries[0]) if entries else 0,
            size_bytes=(int(pages[0]) if pages else 0) + wal_size,
            schema_version=await self._db.schema_version(),
        )

    async def user_ids(self) -> list[int]:
        """Every known user, in the order they arrived."""
        rows = await self._db.fetchall("SELECT user_id FROM users ORDER BY created_at, user_id")
        return [int(row[0]) for row in rows]


async def _tables_with_user_id(connection: aiosqlite.Connection) -> list[tuple[str, str]]:
    """(name, 'table' | 'virtual') of every table with a user_id column; shadow tables skipped."""
    found = []
    async with connection.execute(
        "SELECT name, type FROM pragma_table_list WHERE schema = 'main'"
        " AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite_%'"
    ) as cursor:
        tables = [(str(row[0]), str(row[1])) for row in await cursor.fetchall()]
    for name, kind in tables:
        async with connection.execute(
            "SELECT 1 FROM pragma_table_info(?) WHERE name = 'user_id'", (name,)
        ) as cursor:
            if await cursor.fetchone() is not None:
                found.append((name, kind))
    return found


def _quoted(name: str) -> str:
    # Table names come from sqlite_master, not from users; quoting keeps odd names valid.
    return '"' + name.replace('"', '""') + '"'


async def _delete_rows(connection: aiosqlite.Connection, table: str, user_id: int) -> int:
    sql = f"DELETE FROM {_quoted(table)} WHERE user_id = ?"  # noqa: S608 - name from the schema
    async with connection.execute(sql, (user_id,)) as cursor:
        return cursor.rowcount


async def _has_rows(connection: aiosqlite.Connection, table: str, user_id: int) -> bool:
    sql = f"SELECT 1 FROM {_quoted(table)} WHERE user_id = ? LIMIT 1"  # noqa: S608 - as above
    async with connection.execute(sql, (user_id,)) as cursor:
        return await cursor.fetchone() is not None
