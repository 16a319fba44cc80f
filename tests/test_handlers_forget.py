"""/forget: after the button, no row of the user is left in any table, search indexes included."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from bot.checkin.models import UNPLANNED
from fakebotapi import FakeUser
from tests.checkin_helpers import press
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)
MARKER = "alice-private-marker"

# What colleagues' later migrations may add: a table keyed by user with a cascade, a table that
# hangs off entries, a full-text index kept by triggers, and one kept by hand.
LATER_TABLES = [
    "CREATE TABLE later_checkins (id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE, answer TEXT)",
    "CREATE TABLE later_progress (id INTEGER PRIMARY KEY,"
    " entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE, item TEXT)",
    "CREATE TABLE later_reminders (user_id INTEGER NOT NULL, note TEXT)",  # no foreign key at all
    "CREATE VIRTUAL TABLE later_entries_fts USING fts5("
    "text, content='entries', content_rowid='id')",
    "CREATE TRIGGER entries_fts_ai AFTER INSERT ON entries BEGIN"
    " INSERT INTO later_entries_fts (rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER entries_fts_ad AFTER DELETE ON entries BEGIN"
    " INSERT INTO later_entries_fts (later_entries_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text); END",
    "CREATE VIRTUAL TABLE later_notes_fts USING fts5(user_id UNINDEXED, text)",
]


async def search_index_hits(harness: BotHarness, words: str) -> int:
    row = await harness.store.database.fetchone(
        "SELECT COUNT(*) FROM entry_grams WHERE entry_grams MATCH ?", (f'"{words}"',)
    )
    assert row is not None
    return int(row[0])


async def add_later_tables(harness: BotHarness) -> None:
    async with harness.store.database.transaction() as connection:
        for statement in LATER_TABLES:
            await connection.execute(statement)


async def fill_later_tables(harness: BotHarness, user: FakeUser, text: str) -> None:
    entry = await harness.store.entries.last(user.id)
    assert entry is not None
    async with harness.store.database.transaction() as connection:
        await connection.execute(
            "INSERT INTO later_checkins (user_id, answer) VALUES (?, ?)", (user.id, text)
        )
        await connection.execute(
            "INSERT INTO later_progress (entry_id, item) VALUES (?, ?)", (entry.id, text)
        )
        await connection.execute(
            "INSERT INTO later_reminders (user_id, note) VALUES (?, ?)", (user.id, text)
        )
        await connection.execute(
            "INSERT INTO later_notes_fts (user_id, text) VALUES (?, ?)", (user.id, text)
        )


def rows_mentioning(database: Path, user_id: int, marker: str) -> dict[str, int]:
    """Every table in sqlite_master (shadow tables too): rows holding the user's id or text."""
    found: dict[str, int] = {}
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info('{table}')")]
            rows: list[Any] = connection.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
            hits = 0
            for row in rows:
                values = dict(zip(columns, row, strict=True))
                by_id = values.get("user_id") == user_id
                by_text = any(marker.encode() in _bytes(value) for value in values.values())
                hits += by_id or by_text
            if hits:
                found[table] = hits
    return found


def _bytes(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    return str(value).encode()


async def test_forget_asks_first_and_cancel_keeps_everything(harness: BotHarness) -> None:
    await harness.feed(harness.api.text_update(ALICE, "keep me", date=MONDAY))
    await harness.feed(harness.api.command_update(ALICE, "/forget"))
    question = harness.api.sent_messages(ALICE.id)[-1]
    assert "1 entry," in question["text"]
    buttons = [b["callback_data"] for b in question["reply_markup"]["inline_keyboard"][0]]
    assert buttons == ["forget:yes", "forget:no"]
    await harness.feed(harness.api.callback_update(ALICE, question, "forget:no"))
    assert harness.api.message(ALICE.id, question["message_id"])["text"] == "Nothing was deleted."
    assert await harness.store.entries.count(ALICE.id) == 1


async def test_forget_leaves_no_row_of_the_user_in_any_table(harness: BotHarness) -> None:
    await add_later_tables(harness)
    for user, text in ((ALICE, MARKER), (BOB, "bob-keeps-this")):
        first = harness.api.text_update(user, f"{text} one", date=MONDAY)
        await harness.feed(first)
        await harness.feed(harness.api.text_update(user, f"{text} two", date=MONDAY))
        await harness.feed(harness.api.edited_text_update(first, f"{text} edited"))  # a revision
        await harness.feed(harness.api.command_update(user, "/lang zh"))
        # The real tables of every feature: progress, search, check-ins and their settings.
        await harness.feed(harness.api.text_update(user, f"《{text} book》 - 3/10", date=MONDAY))
        await harness.feed(harness.api.command_update(user, f"/search {text}"))
        await harness.feed(harness.api.command_update(user, f"/goal ship {text}"))
        await harness.feed(harness.api.command_update(user, "/checkin"))
        await fill_later_tables(harness, user, text)
    database = harness.app.bot_data.settings.database_path
    before = rows_mentioning(database, ALICE.id, MARKER)
    features = {"progress_items", "progress_aliases", "progress_updates", "saved_searches"}
    features |= {"checkins", "checkin_settings"}
    later = {"later_checkins", "later_progress", "later_reminders"}
    assert {"users", "entries", "entry_revisions"} | features | later <= set(before)
    assert await search_index_hits(harness, "private-marker") > 0
    assert any(name.startswith("later_entries_fts") for name in before)
    assert any(name.startswith("later_notes_fts") for name in before)
    bob_before = rows_mentioning(database, BOB.id, "bob-keeps-this")

    await harness.feed(harness.api.command_update(ALICE, "/forget"))
    question = harness.api.sent_messages(ALICE.id)[-1]
    await harness.feed(harness.api.callback_update(ALICE, question, "forget:yes"))

    assert "已删除" in harness.api.message(ALICE.id, question["message_id"])["text"]
    # The full-text index must still agree with its content after the deletion.
    async with harness.store.database.transaction() as connection:
        await connection.execute(
            "INSERT INTO later_entries_fts (later_entries_fts) VALUES ('integrity-check')"
        )
    await harness.store.database.fetchone("PRAGMA wal_checkpoint(TRUNCATE)")
    assert rows_mentioning(database, ALICE.id, MARKER) == {}
    # The search index keeps trigrams, not text: ask it directly.
    assert await search_index_hits(harness, "private-marker") == 0
    # Bob is untouched.
    assert rows_mentioning(database, BOB.id, "bob-keeps-this") == bob_before
    assert await harness.store.entries.count(BOB.id) == 3  # two texts and a progress line
    # No check-in planned any more, and none waiting for text.
    assert await harness.store.checkins.due(ALICE.id) is None
    assert await harness.store.checkins.due(BOB.id) is not None
    assert await harness.store.checkins.awaiting_answer(ALICE.id, since=date.min) is None
    # A second press (an old button) deletes nothing more and registers no one.
    await harness.feed(harness.api.callback_update(ALICE, question, "forget:yes"))
    assert await harness.store.users.get(ALICE.id) is None
    # Writing again starts afresh, with a check-in to plan like any new user's.
    await harness.feed(harness.api.command_update(ALICE, "/start"))
    assert await harness.store.checkins.due(ALICE.id) == UNPLANNED


def memory_holding(root: object, user_id: int) -> list[str]:
    """Paths from `root` to every container that holds `user_id` as a key or member.

    It walks the bot's own objects (classes from the `bot` package) and every container in
    them, so a new per-user cache anywhere under bot_data is found without naming it here.
    """
    found: list[str] = []
    seen: set[int] = set()

    def walk(value: object, path: str) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if isinstance(value, Mapping):
            if user_id in value:
                found.append(path)
            for key, item in list(value.items()):
                walk(item, f"{path}[{key!r}]")
        elif isinstance(value, (set, frozenset, list, tuple, deque)):
            if user_id in value:
                found.append(path)
            for index, item in enumerate(list(value)):
                walk(item, f"{path}[{index}]")
        elif type(value).__module__.startswith("bot.") and hasattr(value, "__dict__"):
            for name, item in vars(value).items():
                walk(item, f"{path}.{name}")

    walk(root, "bot_data")
    return found


async def test_forget_leaves_nothing_of_the_user_in_memory(harness: BotHarness) -> None:
    for user in (ALICE, BOB):
        await harness.feed(harness.api.text_update(user, "wrote the doc", date=MONDAY))
        await harness.feed(harness.api.command_update(user, "/goal ship the beta"))
        await harness.feed(harness.api.command_update(user, "/checkin"))
        for _ in range(2):
            await press(harness, user, "Next" if user is ALICE else "下一步")
        await press(harness, user, "Partly" if user is ALICE else "部分")
    # Alice's check-in now waits for a typed note: memory holds her in several places.
    assert await harness.store.checkins.awaiting_answer(ALICE.id, since=date.min)
    assert memory_holding(harness.app.bot_data, ALICE.id)

    await harness.feed(harness.api.command_update(ALICE, "/forget"))
    question = harness.api.sent_messages(ALICE.id)[-1]
    await harness.feed(harness.api.callback_update(ALICE, question, "forget:yes"))

    assert memory_holding(harness.app.bot_data, ALICE.id) == []
    assert ALICE.id not in harness.app.user_data
    assert memory_holding(harness.app.bot_data, BOB.id)  # Bob's are kept
