"""Stored entries read again by the current reader: at start once, by `daylog reparse`, safely."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.models import ProgressItem, ProgressUpdate
from bot.progress.notations import READER_VERSION
from bot.progress.reparse import reparse_behind, reparse_user
from bot.store import Store
from bot.store.database import Database, bundled_migrations
from bot.store.progress import Joined, UpdateSource
from tests.conftest import BotHarness, HarnessFactory
from tests.test_cli import daylog
from tests.test_handlers_progress import ALICE, BOB, command, on, say

NOW = datetime(2023, 1, 20, 12, 0, tzinfo=UTC)


async def old_entry(store: Store, user_id: int, text: str, day: int) -> int:
    """An entry as an older bot stored it: its counts were not read, so it holds no progress."""
    entry, _ = await store.entries.add(
        user_id, text, date(2023, 1, day), created_at=on(day), message_id=None
    )
    return entry.id


async def by_title(store: Store, user_id: int) -> dict[str, ProgressItem]:
    return {item.title: item for item in await store.progress.items(user_id)}


async def values(store: Store, item: ProgressItem) -> list[tuple[float | None, float | None]]:
    return [(p.value, p.total) for p in await store.progress.points(item.user_id, item.id)]


async def test_reparse_keeps_every_decision_the_user_made(harness: BotHarness) -> None:
    store = harness.store
    await say(harness, ALICE, "《置身事内》 - 3/20 章", on(2))
    await say(harness, ALICE, "Dune: 40%", on(2))
    await say(harness, ALICE, "Dune Messiah - 10/300", on(2))
    await say(harness, ALICE, "《Old》 - 5/10", on(2))
    await say(harness, ALICE, "《Finished》 - 5/10", on(2))
    await command(harness, ALICE, "/rename 置身事内 | Fiscal")
    await command(harness, ALICE, "/target Dune 2099-01-01")
    await command(harness, ALICE, "/merge Dune Messiah | Dune")
    await command(harness, ALICE, "/drop Old")
    await command(harness, ALICE, "/done Finished")
    await command(harness, ALICE, "/total Old 12")
    before = await by_title(store, ALICE.id)
    await old_entry(store, ALICE.id, "《置身事内》 读到了第 8 章", 3)
    await old_entry(store, ALICE.id, "《Old》 第 7 章", 4)
    await old_entry(store, ALICE.id, "Dune Messiah - Chapter 4", 5)
    await old_entry(store, ALICE.id, "just a day, no progress", 5)

    done = await reparse_user(store, ALICE.id, NOW)

    assert (done.changed_entries, done.added, done.removed, done.new_items) == (3, 3, 0, 0)
    after = await by_title(store, ALICE.id)
    assert set(after) == {"Fiscal", "Dune", "Old", "Finished"}
    assert {title: item.id for title, item in after.items()} == {
        title: item.id for title, item in before.items()
    }
    assert await values(store, after["Fiscal"]) == [(3, 20), (8, None)]
    assert (await values(store, after["Dune"]))[-1] == (4, None)
    assert after["Dune"].target == date(2099, 1, 1)
    assert (after["Old"].status, after["Old"].total) == ("dropped", 12)  # old news revives nothing
    assert after["Finished"].status == "done"
    assert await values(store, after["Finished"]) == [(5, 10), (None, None)]  # /done kept

    again = await reparse_user(store, ALICE.id, NOW)
    assert (again.changed_entries, again.added, again.removed, again.new_items) == (0, 0, 0, 0)
    assert await by_title(store, ALICE.id) == after


async def test_an_item_the_user_decided_on_survives_a_new_reading_of_its_title(
    harness: BotHarness,
) -> None:
    store = harness.store
    await say(harness, ALICE, "hello", on(1))
    decided = await old_entry(store, ALICE.id, "《The Book》 - 3/10", 2)
    guessed = await old_entry(store, ALICE.id, "《Another》 - 4/10", 2)
    # As an older reader had them: other titles than today's reader finds.
    for entry_id, title in ((decided, "Book, the old reading"), (guessed, "A misreading")):
        update = ProgressUpdate(
            item=title, key=title.lower(), value=3, total=10, unit="units", completed=False
        )
        source = UpdateSource(ALICE.id, date(2023, 1, 2), on(2), entry_id)
        await store.progress.record(source, [Joined(update, update.key)])
    old = await by_title(store, ALICE.id)
    await store.progress.set_target(ALICE.id, old["Book, the old reading"].id, date(2099, 1, 1))

    await reparse_user(store, ALICE.id, NOW)

    after = await by_title(store, ALICE.id)
    kept = after["Book, the old reading"]
    assert kept.id == old["Book, the old reading"].id
    assert kept.target == date(2099, 1, 1)
    assert await values(store, kept) == [(3, 10)]
    # The misreading nobody acted on gives way to today's reading.
    assert "A misreading" not in after
    assert await values(store, after["Another"]) == [(4, 10)]
    # The new name joins the kept item: a later entry with it lands there too.
    await say(harness, ALICE, "《The Book》 - 5/10", on(3))
    assert await values(store, (await by_title(store, ALICE.id))["Book, the old reading"]) == [
        (3, 10),
        (5, 10),
    ]


async def test_reparse_reads_one_user_only(harness: BotHarness) -> None:
    await say(harness, ALICE, "hello", on(1))
    await old_entry(harness.store, ALICE.id, "《置身事内》 第 8 章", 2)
    await say(harness, BOB, "hello", on(2))
    await old_entry(harness.store, BOB.id, "《沙丘》 第 2 章", 2)
    await reparse_user(harness.store, ALICE.id, NOW)
    assert list(await by_title(harness.store, ALICE.id)) == ["置身事内"]
    assert await harness.store.progress.items(BOB.id) == []


async def test_start_reads_old_entries_once_and_records_it(make_harness: HarnessFactory) -> None:
    first = await make_harness()
    await say(first, ALICE, "hello", on(2))
    await old_entry(first.store, ALICE.id, "《置身事内》 第 8 章", 2)
    # As a database from before the reader kept counts: no record of any reading.
    await first.store.database.write("DELETE FROM progress_reparses")
    await first.store.database.write("DELETE FROM progress_reader")

    second = await make_harness()
    assert list(await by_title(second.store, ALICE.id)) == ["置身事内"]
    assert await second.store.reparses.users_behind(READER_VERSION) == []

    # Recorded: the next start reads nothing again (an entry added behind the bot's back stays
    # unread, which shows it).
    await old_entry(second.store, ALICE.id, "《沙丘》 第 2 章", 3)
    third = await make_harness()
    assert list(await by_title(third.store, ALICE.id)) == ["置身事内"]


async def test_an_upgraded_database_has_every_user_behind(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    before_counts = [m for m in bundled_migrations() if m.version < 11]
    database = await Database.open(path, before_counts)
    await database.write(
        "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
        " VALUES (101, 101, 'en', 'UTC', '2023-01-01T00:00:00+00:00')"
    )
    await database.close()
    store = await Store.open(path)
    try:
        # A user with nothing written has nothing to read again.
        assert await store.reparses.users_behind(READER_VERSION) == []
        await old_entry(store, 101, "Dune - Chapter 3", 2)
        assert await store.reparses.users_behind(READER_VERSION) == [101]
        assert set(await reparse_behind(store, NOW)) == {101}
        assert await reparse_behind(store, NOW) == {}
        assert list(await by_title(store, 101)) == ["Dune"]
    finally:
        await store.close()


async def test_daylog_reparse_reports_and_is_idempotent(harness: BotHarness) -> None:
    await say(harness, ALICE, "hello", on(2))
    await old_entry(harness.store, ALICE.id, "Dune - Chapter 3", 2)
    database = harness.app.bot_data.settings.database_path
    first = await asyncio.to_thread(daylog, "reparse", "--database", database)
    assert first.exit_code == 0
    assert first.output.startswith(
        "user 101: 2 entries read, 1 changed (+1 −0 updates, 1 new items)"
    )
    second = await asyncio.to_thread(daylog, "reparse", "--user", "101", "--database", database)
    assert second.output.startswith("user 101: 2 entries read, 0 changed (+0 −0 updates")
    assert list(await by_title(harness.store, ALICE.id)) == ["Dune"]


async def test_a_user_whose_reading_fails_keeps_their_data_and_others_go_on(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    store = harness.store
    for user in (ALICE, BOB):
        await say(harness, user, "《沙丘》 - 3/20", on(2))
        await old_entry(store, user.id, "《置身事内》 第 8 章", 3)
    await store.database.write("DELETE FROM progress_reparses")
    await store.database.write("DELETE FROM progress_reader")
    assert BOB.id == 202
    # A real failure inside Bob's transaction, after some of his writes (SQLite, not a double).
    await store.database.write(
        "CREATE TEMP TRIGGER fail_for_bob BEFORE INSERT ON progress_updates"
        " WHEN NEW.user_id = 202 BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    )
    done = await reparse_behind(store, NOW)
    assert set(done) == {ALICE.id}
    assert set(await by_title(store, ALICE.id)) == {"沙丘", "置身事内"}
    assert set(await by_title(store, BOB.id)) == {"沙丘"}  # rolled back, as it was
    assert "reading user 202's entries again failed" in caplog.text
    assert await store.reparses.users_behind(READER_VERSION) == [BOB.id]


async def test_a_start_after_everyone_was_read_asks_one_row_whatever_the_users(
    make_harness: HarnessFactory,
) -> None:
    """New users' entries are read by the current reader as they come: no re-reading at start."""
    first = await make_harness()
    assert await first.store.reparses.everyone_read_by() == READER_VERSION
    await say(first, ALICE, "hello", on(2))
    await old_entry(first.store, ALICE.id, "《沙丘》 第 2 章", 2)
    second = await make_harness()
    # Alice has no record of her own, yet nothing is read again: the one row says all were.
    assert await second.store.reparses.users_behind(READER_VERSION) == [ALICE.id]
    assert await by_title(second.store, ALICE.id) == {}
