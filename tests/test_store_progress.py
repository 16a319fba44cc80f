"""The progress store against a real SQLite file: items, names, updates and what deletes them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.models import ProgressUpdate
from bot.store import Store
from bot.store.progress import Joined, UpdateSource

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
DAY = date(2023, 1, 2)


async def alias_ids(store: Store, user_id: int) -> dict[str, int]:
    """Every key the user's items are known by, with the item's id."""
    return {key: item.id for key, item in (await store.progress.items_by_alias(user_id)).items()}


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "daylog.sqlite3")
    for user_id in (1, 2):
        await opened.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


def update(title: str, value: float | None, total: float | None = 100.0) -> ProgressUpdate:
    return ProgressUpdate(
        item=title,
        key=title.casefold(),
        value=value,
        total=total,
        unit="pages",
        completed=value is not None and value == total,
    )


async def entry_with(store: Store, user_id: int, *updates: ProgressUpdate) -> UpdateSource:
    entry, _ = await store.entries.add(user_id, "text", DAY, created_at=NOW)
    source = UpdateSource(user_id, DAY, NOW, entry.id)
    await store.progress.record(source, [Joined(u, u.key) for u in updates])
    return source


async def test_record_creates_items_with_their_names(store: Store) -> None:
    await entry_with(store, 1, update("Dune", 10), update("Emma", 5))
    items = await store.progress.items(1)
    assert sorted(item.title for item in items) == ["Dune", "Emma"]
    assert set(await alias_ids(store, 1)) == {"dune", "emma"}
    assert await store.progress.items(2) == []


async def test_a_joined_key_becomes_a_name_of_the_item(store: Store) -> None:
    await entry_with(store, 1, update("Dune", 10))
    entry, _ = await store.entries.add(1, "text", DAY, created_at=NOW)
    typo = update("Dnue", 20)
    items, _ = await store.progress.record(
        UpdateSource(1, DAY, NOW, entry.id), [Joined(typo, "dune")]
    )
    assert items[0].title == "Dune"
    aliases = await alias_ids(store, 1)
    assert aliases["dnue"] == aliases["dune"]


async def test_recording_an_entry_again_replaces_its_updates(store: Store) -> None:
    source = await entry_with(store, 1, update("Dune", 10))
    await store.progress.record(source, [Joined(update("Dune", 30), "dune")])
    [item] = await store.progress.items(1)
    assert [p.value for p in await store.progress.points(1, item.id)] == [30]


async def test_an_item_left_without_updates_is_deleted(store: Store) -> None:
    source = await entry_with(store, 1, update("Dnue", 10))
    await store.progress.record(source, [Joined(update("Dune", 10), "dune")])
    assert [item.title for item in await store.progress.items(1)] == ["Dune"]
    assert set(await alias_ids(store, 1)) == {"dune"}


async def test_deleting_the_entry_deletes_its_updates_and_empty_items(store: Store) -> None:
    kept = await entry_with(store, 1, update("Dune", 10))
    gone = await entry_with(store, 1, update("Dune", 20), update("Emma", 5))
    assert gone.entry_id is not None
    assert await store.entries.delete(1, gone.entry_id)
    [item] = await store.progress.items(1)
    assert item.title == "Dune"
    assert [p.value for p in await store.progress.points(1, item.id)] == [10]
    assert kept.entry_id is not None


async def test_an_edit_keeps_the_target_of_an_item_it_still_names(store: Store) -> None:
    source = await entry_with(store, 1, update("Dune", 10))
    [item] = await store.progress.items(1)
    await store.progress.set_target(1, item.id, date(2023, 3, 1))
    await store.progress.record(source, [Joined(update("Dune", 12), "dune")])
    again = await store.progress.item(1, item.id)
    assert again is not None
    assert again.target == date(2023, 3, 1)


async def test_points_are_ordered_by_day_then_as_written(store: Store) -> None:
    for day, value in ((date(2023, 1, 5), 30), (date(2023, 1, 1), 10), (date(2023, 1, 5), 40)):
        entry, _ = await store.entries.add(1, "t", day, created_at=NOW)
        source = UpdateSource(1, day, NOW, entry.id)
        await store.progress.record(source, [Joined(update("Dune", value), "dune")])
    [item] = await store.progress.items(1)
    points = await store.progress.points(1, item.id)
    assert [(p.day.day, p.value) for p in points] == [(1, 10), (5, 30), (5, 40)]
    assert (await store.progress.points_of(1, [item.id]))[item.id] == points
    assert await store.progress.points_of(2, [item.id]) == {}


async def test_merge_moves_updates_and_names(store: Store) -> None:
    await entry_with(store, 1, update("Dune", 10))
    await entry_with(store, 1, update("Dune Messiah", 20))
    dune, messiah = sorted(await store.progress.items(1), key=lambda item: item.title)
    await store.progress.merge(1, messiah.id, dune.id)
    assert [item.title for item in await store.progress.items(1)] == ["Dune"]
    assert await alias_ids(store, 1) == {"dune": dune.id, "dune messiah": dune.id}
    assert len(await store.progress.points(1, dune.id)) == 2


async def test_rename_refuses_a_name_another_item_has(store: Store) -> None:
    await entry_with(store, 1, update("Dnue", 10), update("Emma", 5))
    by_title = {item.title: item for item in await store.progress.items(1)}
    assert not await store.progress.rename(1, by_title["Dnue"].id, "Emma", "emma")
    assert await store.progress.rename(1, by_title["Dnue"].id, "Dune", "dune")
    renamed = await store.progress.item(1, by_title["Dnue"].id)
    assert renamed is not None
    assert (renamed.title, renamed.key) == ("Dune", "dune")
    assert {"dnue", "dune", "emma"} == set(await alias_ids(store, 1))


async def test_no_query_reaches_another_users_item(store: Store) -> None:
    await entry_with(store, 1, update("Dune", 10))
    [item] = await store.progress.items(1)
    assert await store.progress.item(2, item.id) is None
    assert await store.progress.points(2, item.id) == []
    await store.progress.set_status(2, item.id, "dropped")
    await store.progress.set_target(2, item.id, date(2030, 1, 1))
    await store.progress.merge(2, item.id, item.id)
    assert not await store.progress.rename(2, item.id, "Mine", "mine")
    assert "mine" not in await alias_ids(store, 2)
    # Nor can a user's updates be merged into another user's item.
    await entry_with(store, 2, update("Emma", 5))
    [emma] = await store.progress.items(2)
    await store.progress.merge(1, item.id, emma.id)
    assert len(await store.progress.points(2, emma.id)) == 1
    again = await store.progress.item(1, item.id)
    assert again is not None
    assert (again.status, again.target) == ("active", None)
    assert len(await store.progress.points(1, item.id)) == 1


async def test_completion_without_an_entry_survives_undo(store: Store) -> None:
    source = await entry_with(store, 1, update("Dune", 10))
    [item] = await store.progress.items(1)
    await store.progress.add_completion(UpdateSource(1, DAY, NOW), item)
    assert source.entry_id is not None
    await store.entries.delete(1, source.entry_id)
    [still] = await store.progress.items(1)
    assert still.status == "done"
    assert [p.completed for p in await store.progress.points(1, item.id)] == [True]


async def test_listing_skips_dropped_items_and_reads_finished_off_the_latest_update(
    store: Store,
) -> None:
    await entry_with(store, 1, update("Dune", 100))  # at its total of 100: finished
    await entry_with(store, 1, update("Emma", 5))
    await entry_with(store, 1, update("Ulysses", 5))
    by_title = {item.title: item for item in await store.progress.items(1)}
    await store.progress.set_status(1, by_title["Ulysses"].id, "dropped")
    rows = await store.progress.listing(1)
    assert [(row.item.title, row.finished) for row in rows] == [("Emma", False), ("Dune", True)]
    assert await store.progress.listing(2) == []
