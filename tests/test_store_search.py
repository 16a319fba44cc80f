"""Search against real SQLite: the trigram index, the two-character path, triggers, scoping."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.store import Store

NOW = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)
ALICE, BOB = 1, 2


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "search.sqlite3")
    for user in (ALICE, BOB):
        await opened.users.ensure(user, chat_id=user, language="en", timezone="UTC", now=NOW)
    yield opened
    await opened.close()


async def add(store: Store, text: str, day: date = date(2023, 1, 2), user: int = ALICE) -> int:
    entry, _ = await store.entries.add(user, text, day, created_at=NOW)
    return entry.id


async def texts(store: Store, *words: str, user: int = ALICE, **filters: object) -> list[str]:
    page = await store.search.find(user, words, **filters)  # type: ignore[arg-type]
    return [entry.text for entry in page.entries]


@pytest.mark.parametrize(
    "text",
    ["预算", "做预算", "预算表做完了", "- 评审网关和预算\n  - 下周再看", "Q3 预算 review"],
)
async def test_two_character_chinese_word_is_found_anywhere(store: Store, text: str) -> None:
    await add(store, text)
    await add(store, "与此无关的记录")
    assert await texts(store, "预算") == [text]


async def test_words_of_every_length_and_case(store: Store) -> None:
    await add(store, "Fixed the API gateway (网关) timeout")
    assert await texts(store, "网关") == ["Fixed the API gateway (网关) timeout"]
    assert await texts(store, "gateway") == ["Fixed the API gateway (网关) timeout"]
    assert await texts(store, "GATEWAY", "网关") == ["Fixed the API gateway (网关) timeout"]
    assert await texts(store, "api") == ["Fixed the API gateway (网关) timeout"]
    assert await texts(store, "网") == ["Fixed the API gateway (网关) timeout"]
    assert await texts(store, "gateway", "预算") == []
    assert await texts(store, "xq") == []


async def test_like_on_the_trigram_table_is_not_relied_on(store: Store) -> None:
    # On SQLite 3.40 a two-character LIKE against a trigram table finds nothing; the store
    # must find it anyway (it expands the word to trigrams instead).
    await add(store, "预算")
    rows = await store.database.fetchall(
        "SELECT rowid FROM entry_grams WHERE entry_grams MATCH ?", ['"预算"']
    )
    assert rows == []
    assert await texts(store, "预算") == ["预算"]


async def test_index_follows_edits_and_deletes(store: Store) -> None:
    entry_id = await add(store, "写预算")
    entry, _ = await store.entries.add(ALICE, "x", date(2023, 1, 2), created_at=NOW)
    original = (await store.entries.between(ALICE, date(2023, 1, 2), date(2023, 1, 2)))[0]
    await store.entries.revise(original, "改成网关设计", date(2023, 1, 2), now=NOW)
    assert await texts(store, "预算") == []
    assert await texts(store, "网关") == ["改成网关设计"]
    await store.entries.delete(ALICE, entry_id)
    assert await texts(store, "网关") == []
    assert await texts(store, "网关设计") == []
    assert entry.text == "x"


async def test_newest_day_first_with_filters_and_paging(store: Store) -> None:
    for number in range(1, 6):
        await add(store, f"读书 {number}", date(2023, 1, number))
    assert await texts(store, "读书") == [f"读书 {n}" for n in (5, 4, 3, 2, 1)]
    assert await texts(store, "读书", since=date(2023, 1, 2), until=date(2023, 1, 3)) == [
        "读书 3",
        "读书 2",
    ]
    page = await store.search.find(ALICE, ["读书"], limit=2, offset=2)
    assert [entry.text for entry in page.entries] == ["读书 3", "读书 2"]
    assert page.total == 5


async def test_tags_match_whole_tags(store: Store) -> None:
    await add(store, "learning #go today")
    await add(store, "more #golang")
    await add(store, "#读书 笔记")
    assert await texts(store, tags=["go"]) == ["learning #go today"]
    assert await texts(store, tags=["GO"]) == ["learning #go today"]
    assert await texts(store, tags=["读书"]) == ["#读书 笔记"]


async def test_other_users_entries_are_never_found(store: Store) -> None:
    await add(store, "bob 的预算", user=BOB)
    await add(store, "alice 的预算")
    assert await texts(store, "预算") == ["alice 的预算"]
    assert await texts(store, "预算", user=BOB) == ["bob 的预算"]
    assert await texts(store, "的", user=BOB) == ["bob 的预算"]


async def test_saved_searches_belong_to_their_user(store: Store) -> None:
    search_id = await store.search.save(ALICE, "预算", now=NOW)
    assert await store.search.saved(ALICE, search_id) == "预算"
    assert await store.search.saved(BOB, search_id) is None
