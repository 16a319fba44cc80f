"""Imported entries indexed for search after the import: found before and after, resumed after a
crash, and the index the same as if each entry had been indexed as it came in."""

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.store import Store
from bot.store.imports import NewEntry

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)
ALICE, BOB = 1, 2
TEXTS = [
    "做预算",
    "- 评审网关和预算\n  - 下周再看 #work",
    "Fixed the API gateway (网关) timeout",
    "ÉCOLE visit, Straße #travel",
    "阅读《置身事内》 - 进度 3/20 章",
    "x",
    "#work retro",
    "#workshop notes",
]
QUERIES: list[tuple[list[str], list[str], dict[str, date]]] = [
    (["预算"], [], {}),
    (["网关"], [], {}),
    (["gateway"], [], {}),
    (["GATEWAY", "网关"], [], {}),
    (["api"], [], {}),
    (["网"], [], {}),
    (["école"], [], {}),
    (["straße"], [], {}),
    (["置身事内"], [], {}),
    (["xq"], [], {}),
    (["预算"], [], {"since": date(2023, 1, 5)}),
    (["预算"], [], {"until": date(2023, 1, 3)}),
    ([], ["work"], {}),
    (["retro"], ["work"], {}),
    (["notes"], ["work"], {}),
]


def day_of(index: int) -> date:
    return date(2023, 1, 2 + index % 5)


def imported() -> list[NewEntry]:
    return [
        NewEntry(day=day_of(index), text=text, created_at=NOW, has_progress=False)
        for index, text in enumerate(TEXTS)
    ]


async def open_store(path: Path) -> Store:
    store = await Store.open(path)
    for user in (ALICE, BOB):
        await store.users.ensure(user, chat_id=user, language="en", timezone="UTC", now=NOW)
    return store


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(tmp_path / "search.sqlite3")
    yield opened
    await opened.close()


@pytest.fixture
async def indexed_as_they_came(tmp_path: Path) -> AsyncIterator[Store]:
    """The same entries, each added as a message is (indexed by the trigger at once)."""
    opened = await open_store(tmp_path / "reference.sqlite3")
    await opened.entries.add(ALICE, "写了预算表", date(2023, 1, 1), created_at=NOW)
    for entry in imported():
        await opened.entries.add(ALICE, entry.text, entry.day, created_at=NOW)
    await opened.entries.add(BOB, "Bob 的预算 gateway #work", date(2023, 1, 2), created_at=NOW)
    yield opened
    await opened.close()


async def answers(store: Store) -> list[tuple[int, list[str]]]:
    found = []
    for words, tags, filters in QUERIES:
        page = await store.search.find(ALICE, words, tags, **filters)  # type: ignore[arg-type]
        found.append((page.total, [entry.text for entry in page.entries]))
    return found


async def vocabulary(store: Store) -> list[tuple[str, int, int]]:
    rows = await store.database.fetchall("SELECT term, doc, cnt FROM entry_grams_vocab")
    return sorted((row[0], row[1], row[2]) for row in rows)


async def test_imported_entries_are_found_before_and_after_indexing(
    store: Store, indexed_as_they_came: Store
) -> None:
    await store.entries.add(ALICE, "写了预算表", date(2023, 1, 1), created_at=NOW)
    await store.imports.add_entries(ALICE, imported())
    await store.entries.add(BOB, "Bob 的预算 gateway #work", date(2023, 1, 2), created_at=NOW)
    expected = await answers(indexed_as_they_came)
    assert any(total > 1 for total, _ in expected)

    # Not in the index yet: search finds them another way.
    assert await store.search_index.behind() == len(TEXTS)
    unindexed = await store.database.fetchall(
        "SELECT rowid FROM entry_grams WHERE entry_grams MATCH ?", ['"gateway"']
    )
    assert len(unindexed) == 1  # Bob's message only
    assert await answers(store) == expected

    assert await store.search_index.index_all() == len(TEXTS)
    assert await store.search_index.behind() == 0
    assert await answers(store) == expected
    assert await vocabulary(store) == await vocabulary(indexed_as_they_came)


async def test_edits_and_deletes_before_indexing_leave_the_index_exact(
    store: Store, indexed_as_they_came: Store
) -> None:
    await store.entries.add(ALICE, "写了预算表", date(2023, 1, 1), created_at=NOW)
    await store.entries.add(BOB, "Bob 的预算 gateway #work", date(2023, 1, 2), created_at=NOW)
    ids, _ = await store.imports.add_entries(ALICE, [*imported(), *imported()]) or ([], [])
    # The second copy goes again, the last ones first; a message then takes a freed id.
    for entry_id in reversed(ids[len(TEXTS) :]):
        assert await store.entries.delete(ALICE, entry_id)
    edited = await store.entries.by_id(ALICE, ids[0])
    assert edited is not None
    await store.entries.revise(edited, "改成网关设计", edited.day, now=NOW)
    await store.entries.revise(edited, TEXTS[0], edited.day, now=NOW)
    message, _ = await store.entries.add(ALICE, "afterwards", date(2023, 1, 9), created_at=NOW)
    assert message.id == ids[len(TEXTS)]
    await indexed_as_they_came.entries.add(ALICE, "afterwards", date(2023, 1, 9), created_at=NOW)

    assert await answers(store) == await answers(indexed_as_they_came)
    # An import after them: the older run no longer reaches into its ids.
    await store.imports.add_entries(ALICE, imported()[:1])
    await indexed_as_they_came.entries.add(ALICE, TEXTS[0], day_of(0), created_at=NOW)
    await store.search_index.index_all()
    assert await answers(store) == await answers(indexed_as_they_came)
    assert await vocabulary(store) == await vocabulary(indexed_as_they_came)


async def test_indexing_goes_a_chunk_per_transaction(store: Store) -> None:
    await store.imports.add_entries(ALICE, imported())
    assert await store.search_index.index_next(characters=1) == 1
    assert await store.search_index.behind() == len(TEXTS) - 1
    assert await store.search_index.index_next(characters=10**6) == len(TEXTS) - 1
    assert await store.search_index.index_next() == 0


async def test_the_background_task_indexes_each_import(store: Store) -> None:
    store.search_index.start()
    await store.imports.add_entries(ALICE, imported())
    for _ in range(200):
        if await store.search_index.behind() == 0:
            break
        await asyncio.sleep(0.01)
    assert await store.search_index.behind() == 0
    page = await store.search.find(ALICE, ["gateway"])
    assert [entry.text for entry in page.entries] == [TEXTS[2]]


_CRASHING_IMPORT = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from datetime import UTC, date, datetime
    from pathlib import Path
    from bot.store import Store
    from bot.store.imports import NewEntry

    async def main() -> None:
        store = await Store.open(Path(sys.argv[1]))
        now = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)
        await store.users.ensure(1, chat_id=1, language="en", timezone="UTC", now=now)
        entries = [
            NewEntry(day=date(2023, 1, 2), text=f"entry {n} gateway", created_at=now)
            for n in range(300)
        ]
        await store.imports.add_entries(1, entries)
        await store.search_index.index_next(characters=200)
        await store.search_index.index_next(characters=200)
        os.kill(os.getpid(), signal.SIGKILL)

    asyncio.run(main())
    """
)


def crash_while_indexing(path: Path) -> None:
    """A process that imports, indexes two chunks and is killed (SIGKILL) before the rest."""
    crashed = subprocess.run(
        [sys.executable, "-c", _CRASHING_IMPORT, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=False,
    )
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr.decode()


async def test_indexing_resumes_after_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    await asyncio.to_thread(crash_while_indexing, path)
    store = await Store.open(path)
    try:
        behind = await store.search_index.behind()
        assert 0 < behind < 300
        store.search_index.start()  # as the bot does at start
        for _ in range(500):
            if await store.search_index.behind() == 0:
                break
            await asyncio.sleep(0.01)
        assert await store.search_index.behind() == 0
        page = await store.search.find(1, ["gateway"], limit=None)
        assert page.total == 300
        # Each entry indexed once: the crash neither skipped nor repeated a chunk.
        rows = await store.database.fetchall(
            "SELECT doc FROM entry_grams_vocab WHERE term IN ('gat', 'ent')"
        )
        assert [row[0] for row in rows] == [300, 300]
    finally:
        await store.close()
