"""The one SQLite connection: opening, pragmas, migrations and transactions."""

from __future__ import annotations

import asyncio
import functools
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

Row = aiosqlite.Row


@dataclass(frozen=True)
class Migration:
    """A numbered schema change shipped in bot/store/migrations/."""

    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migrations shipped with the package, in order."""
    found = []
    for item in resources.files("bot.store").joinpath("migrations").iterdir():
        match = _MIGRATION_NAME.match(item.name)
        if match:
            found.append(Migration(int(match[1]), match[2], item.read_text(encoding="utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migrations share a number: {versions}")
    return found


class Database:
    """A long-lived aiosqlite connection in autocommit mode; writes go through transaction()."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self.path = path
        # One connection serves every handler; the lock keeps two coroutines' transactions apart.
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, migrations: Iterable[Migration] | None = None) -> Database:
        """Open (creating its folder), set pragmas and apply pending migrations."""
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        database = cls(connection, path)
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            # NORMAL under WAL survives a crash of the process (SIGKILL); only power loss can
            # drop the last commits, which is the usual trade for an embedded bot database.
            await connection.execute("PRAGMA synchronous=NORMAL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            # Search looks through entries not indexed yet with this (bot/store/search.py).
            await connection.create_function("search_fold", 1, _search_fold, deterministic=True)
            await database.migrate(bundled_migrations() if migrations is None else migrations)
        except BaseException:
            await connection.close()
            raise
        return database

    async def close(self) -> None:
        """Checkpoint the WAL and close the connection."""
        async with self._write_lock:
            await self._connection.execute("PRAGMA optimize")
            await self._connection.close()

    async def migrate(self, migrations: Iterable[Migration]) -> int:
        """Apply the migrations not yet recorded; return the schema version."""
        async with self._write_lock:
            await self._connection.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {
                row[0]
                for row in await self._connection.execute_fetchall(
                    "SELECT version FROM schema_migrations"
                )
            }
            for migration in migrations:
                if migration.version in applied:
                    continue
                await self._apply(migration)
        return await self.schema_version()

    async def _apply(self, migration: Migration) -> None:
        await self._connection.execute("BEGIN IMMEDIATE")
        try:
            # executescript would commit the open transaction; run statements one by one instead.
            for statement in _split_statements(migration.sql):
                await self._connection.execute(statement)
            await self._connection.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
        except BaseException:
            await self._connection.execute("ROLLBACK")
            raise
        await self._connection.execute("COMMIT")

    async def schema_version(self) -> int:
        """The highest migration applied."""
        row = await self.fetchone("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        return int(row[0]) if row else 0

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run writes atomically; commits on success, rolls back on any error."""
        async with self._write_lock:
            await self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                await self._connection.execute("ROLLBACK")
                raise
            await self._connection.execute("COMMIT")

    async def write(self, sql: str, parameters: Iterable[Any] = ()) -> list[Row]:
        """One write statement, atomic on its own (autocommit), with its RETURNING rows.

        One trip instead of BEGIN, statement, COMMIT; the lock keeps it out of another
        coroutine's open transaction on this shared connection.
        """
        async with self._write_lock:
            return list(await self._connection.execute_fetchall(sql, tuple(parameters)))

    async def write_many(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        """One write statement over several rows, atomically; one row is one trip (autocommit)."""
        rows = [tuple(row) for row in rows]
        if len(rows) == 1:
            await self.write(sql, rows[0])
            return
        async with self.transaction() as connection:
            await connection.executemany(sql, rows)

    async def fetchone(self, sql: str, parameters: Iterable[Any] = ()) -> Row | None:
        """The first row of a query, or None."""
        rows = await self.fetchall(sql, parameters)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, parameters: Iterable[Any] = ()) -> list[Row]:
        """Every row of a query."""
        # One trip to aiosqlite's thread (execute, fetch and close there), not three: each
        # trip costs about 0.1 ms, which is most of what capturing a message costs.
        return list(await self._connection.execute_fetchall(sql, tuple(parameters)))


@functools.lru_cache(maxsize=4096)
def utc_text(moment: datetime) -> str:
    """A moment as stored: ISO 8601 in UTC, so that text order is time order.

    Columns such as entries.created_at are sorted as text; `12:00+08:00` would sort after
    `05:00+00:00` though it is an hour earlier. Cached: a big import's entries share a few
    moments (noon of each day), and equal moments are the same text in UTC.
    """
    return moment.astimezone(UTC).isoformat()


def _search_fold(text: str | None) -> str | None:
    """Text folded to lower case as the trigram index folds it (Unicode, not only ASCII)."""
    return None if text is None else text.lower()


def _split_statements(script: str) -> list[str]:
    """Split a migration into complete statements, using SQLite's own completeness check."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if not _only_comments(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if not _only_comments(buffer):
        raise ValueError(f"incomplete statement at the end of a migration: {buffer[:60]!r}")
    return statements


def _only_comments(sql: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in sql.splitlines())


async def fetch_one(
    connection: aiosqlite.Connection, sql: str, parameters: Iterable[Any] = ()
) -> Row | None:
    """Inside a transaction: the first row of a statement (RETURNING included), in one trip."""
    rows = await fetch_all(connection, sql, parameters)
    return rows[0] if rows else None


async def fetch_all(
    connection: aiosqlite.Connection, sql: str, parameters: Iterable[Any] = ()
) -> list[Row]:
    """Inside a transaction: every row of a statement, in one trip to aiosqlite's thread."""
    return list(await connection.execute_fetchall(sql, tuple(parameters)))
