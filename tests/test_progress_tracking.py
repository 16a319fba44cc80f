"""record_progress and the item operations, on a real SQLite file, without Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.models import Entry
from bot.progress import tracking
from bot.store import Store

NOW = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
USER = 1


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "daylog.sqlite3")
    for user_id in (USER, 2):
        await opened.users.ensure(user_id, chat_id=user_id, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


async def write(store: Store, text: str, day: date, user_id: int = USER) -> Entry:
    entry, _ = await store.entries.add(user_id, text, day, created_at=NOW)
    await tracking.record_progress(store, entry)
    return entry


async def test_updates_land_on_the_entry_day_and_join_by_key(store: Store) -> None:
    entry, _ = await store.entries.add(
        USER, "- 《Dune》 - 10/400\n- The Great Gatsby - 10/41", date(2022, 5, 1), created_at=NOW
    )
    recorded = await tracking.record_progress(store, entry)
    assert [(r.item.title, r.update.value) for r in recorded] == [
        ("Dune", 10),
        ("The Great Gatsby", 10),
    ]
    await write(store, "阅读《Dune》 - 进度 50/400", date(2022, 5, 3))
    found = await tracking.overview(store, USER, date(2022, 5, 3))
    dune = next(listed for listed in found.active if listed.item.title == "Dune")
    assert (dune.state.value, dune.state.total, dune.state.updates) == (50, 400, 2)
    assert dune.state.started_on == date(2022, 5, 1)


async def test_a_typo_and_a_volume_join_the_item_they_belong_to(store: Store) -> None:
    await write(store, "《Intimate Relationship》 - 10/449", date(2022, 5, 1))
    await write(store, "《Intimate Replationships》 - 14/449", date(2022, 5, 2))
    await write(store, "Linux/Unix 系统编程手册(上册) - 进度 21/572", date(2022, 5, 1))
    await write(store, "Linux/Unix 系统编程手册 - 进度 56/572", date(2022, 5, 2))
    titles = sorted(item.title for item in await store.progress.items(USER))
    assert titles == ["Intimate Relationship", "Linux/Unix 系统编程手册(上册)"]


async def test_two_new_spellings_in_one_entry_make_one_item(store: Store) -> None:
    await write(
        store,
        "- 《Intimate Relationship》 - 10/449\n- 《Intimate Replationship》 - 12/449",
        date(2022, 5, 1),
    )
    assert len(await store.progress.items(USER)) == 1


async def test_finishing_marks_done_and_new_progress_after_drop_revives(store: Store) -> None:
    await write(store, "《Dune》 - 400/400", date(2022, 5, 1))
    [dune] = await store.progress.items(USER)
    assert dune.status == "done"
    await write(store, "《Emma》 - 4/40", date(2022, 5, 1))
    emma = await tracking.find(store, USER, "emma")
    assert emma is not None
    assert await tracking.drop(store, emma)
    assert not await tracking.drop(store, (await store.progress.item(USER, emma.id)) or emma)
    found = await tracking.overview(store, USER, date(2022, 5, 2))
    assert [listed.item.title for listed in found.active] == []
    await write(store, "《Emma》 - 8/40", date(2022, 5, 3))
    found = await tracking.overview(store, USER, date(2022, 5, 3))
    assert [listed.item.title for listed in found.active] == ["Emma"]


async def test_mark_done_adds_a_completion_today(store: Store) -> None:
    await write(store, "《Dune》 - 40/400", date(2022, 5, 1))
    dune = await tracking.find(store, USER, "dune")
    assert dune is not None
    assert await tracking.mark_done(store, dune, date(2022, 6, 1), NOW)
    assert not await tracking.mark_done(store, dune, date(2022, 6, 2), NOW)
    state, points = await tracking.detail(store, dune, date(2022, 6, 2))
    assert state.finished
    assert state.finished_on == date(2022, 6, 1)
    assert len(points) == 2


async def test_merge_keeps_the_target_and_history(store: Store) -> None:
    await write(store, "《Dune》 - 40/400", date(2022, 5, 1))
    await write(store, "《沙丘》 - 80/400", date(2022, 5, 2))
    dune, shaqiu = (
        await tracking.find(store, USER, "dune"),
        await tracking.find(store, USER, "沙丘"),
    )
    assert dune is not None and shaqiu is not None
    await store.progress.set_target(USER, shaqiu.id, date(2022, 7, 1))
    merged = await tracking.merge(store, await store.progress.item(USER, shaqiu.id) or shaqiu, dune)
    assert (merged.title, merged.target) == ("Dune", date(2022, 7, 1))
    state, _ = await tracking.detail(store, merged, date(2022, 5, 2))
    assert (state.value, state.updates) == (80, 2)
    # The merged spelling sticks.
    await write(store, "《沙丘》 - 90/400", date(2022, 5, 3))
    assert [item.title for item in await store.progress.items(USER)] == ["Dune"]


async def test_find_prefers_recent_items_and_stays_within_the_user(store: Store) -> None:
    await write(store, "《Secret》 - 1/10", date(2022, 5, 1), user_id=2)
    assert await tracking.find(store, USER, "secret") is None
    await write(store, "《深入剖析 Kubernetes》 - 10%", date(2022, 5, 1))
    found = await tracking.find(store, USER, "kubernets")
    assert found is not None
    assert found.title == "深入剖析 Kubernetes"
    assert await tracking.recent_titles(store, 2) == ["Secret"]
