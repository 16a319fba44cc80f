"""The database: pragmas, recorded migrations, atomic transactions."""

import sqlite3
from datetime import UTC, datetime, time
from pathlib import Path

import pytest

from bot.store import Store
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


async def database_before(path: Path, version: int) -> Database:
    """A database as a release with migrations up to `version` left it."""
    return await Database.open(path, [m for m in bundled_migrations() if m.version <= version])


async def test_0006_adds_each_users_checkin_values_to_an_existing_database(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.sqlite3"
    old = await database_before(path, 5)
    try:
        async with old.transaction() as connection:
            await connection.execute(
                "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
                " VALUES (1, 1, 'zh', 'Asia/Shanghai', '2024-06-01T00:00:00+00:00')"
            )
            await connection.execute(
                "INSERT INTO checkin_settings (user_id, at, weekdays, goal, updated_at)"
                " VALUES (1, '20:00', '01234', 'ship it', '2024-06-01T00:00:00+00:00')"
            )
            await connection.execute(
                "INSERT INTO checkins (user_id, day, status, step)"
                " VALUES (1, '2024-06-03', 'open', 'plan')"
            )
    finally:
        await old.close()

    store = await Store.open(path)
    try:
        assert await store.database.schema_version() == bundled_migrations()[-1].version
        prefs = await store.checkins.prefs(1)
        # What the user had is kept; the new values are NULL, i.e. the bot-wide defaults.
        assert (prefs.at, prefs.weekdays, prefs.goal) == (time(20), frozenset(range(5)), "ship it")
        assert (prefs.workday, prefs.reminder_minutes, prefs.review_day) == (None, None, None)
        checkin = await store.checkins.open_for(1)
        assert checkin is not None and checkin.workday is None
        assert store.checkins.awaiting_text(1)

        own = prefs.model_copy(
            update={"workday": (time(10), time(19)), "reminder_minutes": 45, "review_day": 4}
        )
        await store.checkins.save_prefs(own, now=datetime(2024, 6, 3, tzinfo=UTC))
        assert await store.checkins.prefs(1) == own
        (scheduled,) = await store.checkins.scheduled_users()
        assert scheduled.prefs == own
        # The schema refuses what the commands refuse.
        for sql, value in (
            ("UPDATE checkin_settings SET reminder_minutes = ? WHERE user_id = 1", 0),
            ("UPDATE checkin_settings SET reminder_minutes = ? WHERE user_id = 1", 721),
            ("UPDATE checkin_settings SET review_day = ? WHERE user_id = 1", 7),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                await store.database.write(sql, (value,))
        assert await store.checkins.prefs(1) == own
    finally:
        await store.close()
