"""The database: pragmas, recorded migrations, atomic transactions."""

import sqlite3
from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.checkin.models import UNPLANNED
from bot.store import Store
from bot.store.database import Database, Migration, bundled_migrations
from bot.store.imports import NewEntry


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
        assert await store.checkins.awaiting_answer(1, since=date(2024, 6, 3)) == checkin

        own = prefs.model_copy(
            update={"workday": (time(10), time(19)), "reminder_minutes": 45, "review_day": 4}
        )
        await store.checkins.save_prefs(own, now=datetime(2024, 6, 3, tzinfo=UTC))
        assert await store.checkins.prefs(1) == own
        scheduled = await store.checkins.scheduled_user(1)
        assert scheduled is not None and scheduled.prefs == own
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


NEW_USER = (
    "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
    " VALUES (7, 7, 'zh', 'Asia/Shanghai', '2023-01-01T00:00:00+00:00')"
)


async def test_moments_are_stored_in_utc_so_text_order_is_time_order(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "log.sqlite3")
    try:
        await store.database.write(NEW_USER)
        # Imported at 12:00 in Shanghai (04:00 UTC), then written in the chat at 05:00 UTC.
        day, shanghai = date(2023, 1, 2), ZoneInfo("Asia/Shanghai")
        imported = NewEntry(
            day=day, text="imported", created_at=datetime(2023, 1, 2, 12, tzinfo=shanghai)
        )
        await store.imports.add_entries(7, [imported])
        chat_time = datetime(2023, 1, 2, 5, tzinfo=UTC)
        await store.entries.add(7, "from the chat", day, created_at=chat_time)
        texts = [entry.text for entry in await store.entries.on_day(7, day)]
        assert texts == ["imported", "from the chat"]
        rows = await store.database.fetchall("SELECT created_at FROM entries ORDER BY id")
        assert [row[0] for row in rows] == [
            "2023-01-02T04:00:00+00:00",
            "2023-01-02T05:00:00+00:00",
        ]
    finally:
        await store.close()


async def test_0008_rewrites_older_moments_in_utc(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    old = await database_before(path, 7)
    try:
        async with old.transaction() as connection:
            await connection.execute(NEW_USER)
            await connection.execute(
                "INSERT INTO entries (user_id, text, day, created_at, source)"
                " VALUES (7, 'imported', '2023-01-02', '2023-01-02T12:00:00+08:00', 'import'),"
                " (7, 'chat', '2023-01-02', '2023-01-02T05:00:00.250000+00:00', 'telegram')"
            )
    finally:
        await old.close()
    store = await Store.open(path)
    try:
        rows = await store.database.fetchall("SELECT text, created_at FROM entries ORDER BY id")
        assert [tuple(row) for row in rows] == [
            ("imported", "2023-01-02T04:00:00+00:00"),
            ("chat", "2023-01-02T05:00:00.250000+00:00"),  # already UTC: left as it was
        ]
    finally:
        await store.close()


async def test_0009_plans_every_existing_users_checkin_and_each_new_user(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    old = await database_before(path, 8)
    try:
        async with old.transaction() as connection:
            for user_id in (1, 2, 3):
                await connection.execute(
                    "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
                    " VALUES (?, ?, 'en', 'UTC', '2024-06-01T00:00:00+00:00')",
                    (user_id, user_id),
                )
            # 1 set nothing (the defaults, on), 2 turned check-ins off.
            await connection.execute(
                "INSERT INTO checkin_settings (user_id, at, weekdays, enabled, updated_at)"
                " VALUES (2, '20:00', '01234', 0, '2024-06-01T00:00:00+00:00')"
            )
    finally:
        await old.close()

    store = await Store.open(path)
    try:
        assert await store.checkins.due(1) == UNPLANNED  # the scheduler's next pass plans it
        assert await store.checkins.due(2) is None
        assert await store.checkins.due(3) == UNPLANNED
        await store.database.write(NEW_USER)
        assert await store.checkins.due(7) == UNPLANNED
    finally:
        await store.close()
