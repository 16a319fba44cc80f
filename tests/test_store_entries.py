"""Entries against a real SQLite file: idempotent adds, revisions, per-user scoping."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.store import Store

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "log.sqlite3")
    for user_id in (1, 2):
        await opened.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


async def test_same_message_twice_is_one_entry(store: Store) -> None:
    first, created = await store.entries.add(
        1, "a", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=7
    )
    again, created_again = await store.entries.add(
        1, "a", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=7
    )
    assert created and not created_again
    assert again.id == first.id
    assert await store.entries.count(1) == 1


async def test_entries_without_message_are_all_kept(store: Store) -> None:
    for _ in range(3):
        await store.entries.add(1, "cli entry", date(2023, 1, 2), created_at=NOW, source="cli")
    assert await store.entries.count(1) == 3


async def test_revise_keeps_old_text(store: Store) -> None:
    entry, _ = await store.entries.add(
        1, "old", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=1
    )
    revised = await store.entries.revise(entry, "new", date(2023, 1, 1), now=NOW)
    assert revised.text == "new"
    assert revised.day == date(2023, 1, 1)
    assert revised.updated_at == NOW
    assert await store.entries.revisions(1, entry.id) == ["old"]
    assert await store.entries.revisions(2, entry.id) == []


async def test_users_never_see_each_other(store: Store) -> None:
    mine, _ = await store.entries.add(
        1, "mine", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=1
    )
    await store.entries.add(2, "theirs", date(2023, 1, 2), created_at=NOW, chat_id=2, message_id=1)
    assert [e.text for e in await store.entries.on_day(1, date(2023, 1, 2))] == ["mine"]
    assert (await store.entries.last(2)).text == "theirs"  # type: ignore[union-attr]
    assert not await store.entries.delete(2, mine.id)
    assert await store.entries.count(1) == 1


async def test_delete_removes_revisions(store: Store) -> None:
    entry, _ = await store.entries.add(
        1, "x", date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=3
    )
    await store.entries.revise(entry, "y", entry.day, now=NOW)
    assert await store.entries.delete(1, entry.id)
    row = await store.database.fetchone("SELECT COUNT(*) FROM entry_revisions")
    assert row is not None and row[0] == 0


async def test_between_orders_by_day_then_written(store: Store) -> None:
    await store.entries.add(1, "later day", date(2023, 1, 3), created_at=NOW)
    await store.entries.add(1, "first", date(2023, 1, 2), created_at=NOW)
    await store.entries.add(1, "second", date(2023, 1, 2), created_at=NOW)
    texts = [e.text for e in await store.entries.between(1, date(2023, 1, 1), date(2023, 1, 3))]
    assert texts == ["first", "second", "later day"]


async def test_text_is_stored_exactly(store: Store) -> None:
    text = "- 阅读《Go》 - 进度 72%\n    - note 🎉 <b>&amp;</b>\n  - [link](https://x.y/?a=1&b=2)"
    entry, _ = await store.entries.add(
        1, text, date(2023, 1, 2), created_at=NOW, chat_id=1, message_id=9
    )
    assert (await store.entries.by_message(1, 1, 9)).text == text  # type: ignore[union-attr]
    assert entry.text == text


async def test_entry_days_follow_adds_moves_and_deletes(store: Store) -> None:
    async def days() -> dict[str, int]:
        rows = await store.database.fetchall(
            "SELECT day, entries FROM entry_days WHERE user_id = 1 ORDER BY day"
        )
        return {row["day"]: row["entries"] for row in rows}

    first, _ = await store.entries.add(1, "a", date(2023, 1, 2), created_at=NOW)
    second, _ = await store.entries.add(1, "b", date(2023, 1, 2), created_at=NOW)
    await store.entries.add(2, "other user", date(2023, 1, 2), created_at=NOW)
    assert await days() == {"2023-01-02": 2}
    await store.entries.revise(second, "b", date(2023, 1, 1), now=NOW)
    assert await days() == {"2023-01-01": 1, "2023-01-02": 1}
    await store.entries.delete(1, first.id)
    assert await days() == {"2023-01-01": 1}
    assert await store.stats.active_days(1) == {date(2023, 1, 1)}


async def test_many_users_days_are_read_at_once_each_their_own(store: Store) -> None:
    monday, tuesday = date(2023, 1, 2), date(2023, 1, 3)
    await store.entries.add(1, "first", monday, created_at=NOW)
    await store.entries.add(1, "second", monday, created_at=NOW)
    await store.entries.add(1, "next day", tuesday, created_at=NOW)
    await store.entries.add(2, "bob's", monday, created_at=NOW)
    found = await store.entries.on_days([(1, monday), (2, tuesday)])
    assert {key: [entry.text for entry in entries] for key, entries in found.items()} == {
        (1, monday): ["first", "second"],
        (2, tuesday): [],
    }
    assert found[(1, monday)] == await store.entries.on_day(1, monday)
