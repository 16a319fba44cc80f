"""The database: pragmas, recorded migrations, atomic transactions."""

from pathlib import Path

import pytest

from bot.store.database import Database, Migration, bundled_migrations


async def test_open_creates_folder_sets_pragmas_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "log.sqlite3"
    database = await Database.open(path)
    try:
        assert path.exists()
        mode = await database.fetchone("PRAGMA journal_mode")
        keys = await database.fetchone("PRAGMA foreign_keys")
        assert mode is not None and mode[0] == "wal"
        assert keys is not None and keys[0] == 1
        latest = bundled_migrations()[-1].version
        assert await database.schema_version() == latest
        rows = await database.fetchall("SELECT version, name FROM schema_migrations")
        assert [row[0] for row in rows] == [m.version for m in bundled_migrations()]
    finally:
        await database.close()


async def test_migrations_apply_once(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    extra = Migration(999, "test_table", "CREATE TABLE probe (x INTEGER);")
    first = await Database.open(path, [*bundled_migrations(), extra])
    await first.close()
    again = await Database.open(path, [*bundled_migrations(), extra])
    try:
        assert await again.schema_version() == 999
        count = await again.fetchone("SELECT COUNT(*) FROM schema_migrations WHERE version = 999")
        assert count is not None and count[0] == 1
    finally:
        await again.close()


async def test_failed_migration_leaves_nothing_half_done(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    broken = Migration(
        998, "broken", "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);"
    )
    with pytest.raises(Exception, match="nowhere"):
        await Database.open(path, [*bundled_migrations(), broken])
    database = await Database.open(path)
    try:
        table = await database.fetchone("SELECT name FROM sqlite_master WHERE name = 'half'")
        assert table is None
        assert await database.schema_version() == bundled_migrations()[-1].version
    finally:
        await database.close()


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "log.sqlite3", [])
    try:
        async with database.transaction() as connection:
            await connection.execute("CREATE TABLE t (x INTEGER)")

        async def insert_then_fail() -> None:
            async with database.transaction() as connection:
                await connection.execute("INSERT INTO t VALUES (1)")
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            await insert_then_fail()
        row = await database.fetchone("SELECT COUNT(*) FROM t")
        assert row is not None and row[0] == 0
    finally:
        await database.close()
