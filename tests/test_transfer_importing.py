"""Import and export of whole logs against real SQLite, with the real dated log."""

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.log.capture import capture_imported, read_updates, record_backlog
from bot.models import UserSettings
from bot.progress.titles import match_item
from bot.progress.tracking import record_progress
from bot.store import Store
from bot.store.imports import NewEntry
from bot.transfer.exporting import export_user_log
from bot.transfer.importing import ImportOutcome, ImportPlan, import_log, plan_import
from bot.transfer.markdown_log import parse_markdown_log
from tests.corpus import HISTORY, corpus_text

NOW = datetime(2023, 10, 7, 9, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "import.sqlite3")
    yield opened
    await opened.close()


async def user(store: Store, user_id: int = 1, timezone: str = "Asia/Shanghai") -> UserSettings:
    return await store.users.ensure(
        user_id, chat_id=user_id, language="zh", timezone=timezone, now=NOW
    )


async def all_entries(store: Store, user_id: int = 1) -> list[tuple[date, str]]:
    entries = await store.entries.between(user_id, date(1900, 1, 1), date(2999, 1, 1))
    return [(entry.day, entry.text) for entry in entries]


async def test_history_imports_every_dated_section_once(store: Store) -> None:
    text = corpus_text(HISTORY)
    alice = await user(store)
    plan = await plan_import(store, alice, text.encode())
    assert isinstance(plan, ImportPlan)
    parsed = parse_markdown_log(text)
    assert plan.entries == len(parsed.entries) == 649
    assert plan.unreadable_headings == []
    assert (plan.first, plan.last) == (date(2021, 3, 11), date(2023, 10, 6))
    assert plan.progress_updates > 100
    outcome = await import_log(store, alice, text.encode())
    assert outcome == ImportOutcome(added=649, present=0)
    stored = await all_entries(store)
    # Every dated section that holds text is a day of the log, range headings by their first day.
    sections_with_text = {entry.day for entry in parsed.entries}
    assert {day for day, _ in stored} == sections_with_text
    assert date(2022, 5, 9) in sections_with_text
    assert sorted(stored) == sorted((e.day, e.text) for e in parsed.entries)
    # Importing again adds nothing, and the preview says so.
    again = await plan_import(store, alice, text.encode())
    assert isinstance(again, ImportPlan)
    assert (len(again.new), again.present) == (0, 649)
    assert await import_log(store, alice, text.encode()) == ImportOutcome(added=0, present=649)


async def test_export_then_import_gives_back_the_same_log(store: Store) -> None:
    alice, bob = await user(store, 1), await user(store, 2, "UTC")
    await import_log(store, alice, corpus_text(HISTORY).encode())
    for fmt in ("md", "jrnl"):
        exported = await export_user_log(store, alice, fmt, now=NOW)  # type: ignore[arg-type]
        assert exported is not None
        assert exported.count == 649
        other = await user(store, 10 + len(fmt), "Asia/Shanghai")
        outcome = await import_log(store, other, exported.file.content)
        assert outcome == ImportOutcome(added=649, present=0), fmt
        assert sorted(await all_entries(store, other.user_id)) == sorted(await all_entries(store))
    assert await export_user_log(store, bob, "md", now=NOW) is None


async def test_duplicates_within_a_file_are_kept_and_known_entries_skipped(store: Store) -> None:
    alice = await user(store)
    await store.entries.add(1, "- 跑步", date(2023, 1, 2), created_at=NOW)
    source = "### 2023-01-02\n\n- 跑步\n- 跑步\n\n### 2023-01-03 ~ 2023-01-05\n\n- 出差\n"
    assert await import_log(store, alice, source.encode()) == ImportOutcome(added=2, present=1)
    assert await all_entries(store) == [
        (date(2023, 1, 2), "- 跑步"),
        (date(2023, 1, 2), "- 跑步"),
        (date(2023, 1, 3), "- 出差"),
    ]


async def test_unreadable_headings_are_reported_with_line_numbers(store: Store) -> None:
    alice = await user(store)
    source = "# My log\n\n### 2023-01-02\n- ok\n\n### sometime in May\n- lost\n"
    plan = await plan_import(store, alice, source.encode())
    assert isinstance(plan, ImportPlan)
    assert plan.unreadable_headings == [(1, "# My log"), (6, "### sometime in May")]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),  # a zip (.docx)
        (b"just some notes\nwithout any dates\n", "no_sections"),
        (b"", "no_sections"),
        (b"x" * (20 * 1024 * 1024 + 1), "too_big"),
    ],
)
async def test_files_that_cannot_be_imported_change_nothing(
    store: Store, data: bytes, problem: str
) -> None:
    alice = await user(store)
    assert await import_log(store, alice, data) == problem
    assert await all_entries(store) == []


async def test_jrnl_journal_imports_with_times(store: Store) -> None:
    alice = await user(store, timezone="UTC")
    journal = (
        "[2023-01-02 09:15] Wrote the plan. Details here\nsecond line\n\n[2023-01-03 21:00] Ran\n"
    )
    assert await import_log(store, alice, journal.encode()) == ImportOutcome(added=2, present=0)
    entries = await store.entries.between(1, date(2023, 1, 1), date(2023, 1, 9))
    assert entries[0].text == "Wrote the plan. Details here\nsecond line"
    assert entries[0].created_at == datetime(2023, 1, 2, 9, 15, tzinfo=UTC)
    assert entries[0].source == "import"


async def test_gb18030_text_is_read(store: Store) -> None:
    alice = await user(store)
    source = "### 2023-01-02\n- 读完了《叫魂》\n".encode("gb18030")
    assert await import_log(store, alice, source) == ImportOutcome(added=1, present=0)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", "- 读完了《叫魂》"),  # Notepad's "Unicode": a byte order mark, then UTF-16 LE
        ("utf-16-be", "- 读完了《叫魂》"),
        ("cp1252", "- café au lait, “Dune” 40%"),
        ("latin-1", "- été à Nîmes"),
    ],
)
async def test_utf16_and_latin1_files_are_read_as_text(
    store: Store, encoding: str, text: str
) -> None:
    alice = await user(store)
    source = f"### 2023-01-02\n{text}\n"
    data = source.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # with its byte order mark, as editors write it
    assert await import_log(store, alice, data) == ImportOutcome(added=1, present=0)
    assert await all_entries(store) == [(date(2023, 1, 2), text)]


async def progress_of(store: Store, user_id: int) -> list[tuple[str, list[tuple[date, str]]]]:
    """Each item's title with its updates (day, what was read), oldest first."""
    found = []
    for item in sorted(await store.progress.items(user_id), key=lambda item: item.title):
        points = await store.progress.points(user_id, item.id)
        found.append((item.title, [(point.day, repr(point)) for point in points]))
    return found


async def test_progress_a_crash_left_unrecorded_is_recorded_at_the_next_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "crash.sqlite3"
    store = await Store.open(path)
    alice, bob = await user(store, 1), await user(store, 2)
    plan = await plan_import(store, alice, corpus_text(HISTORY).encode())
    assert isinstance(plan, ImportPlan)
    # Alice's import dies right after its entries are committed (SIGKILL before the progress).
    assert await store.imports.add_entries(alice.user_id, plan.new) is not None
    assert await store.progress.items(alice.user_id) == []
    # Bob's runs whole: what Alice's log must hold once repaired.
    await import_log(store, bob, corpus_text(HISTORY).encode())
    await store.close()

    store = await Store.open(path)
    assert await record_backlog(store) == sum(entry.has_progress for entry in plan.new)
    expected = [(title, [p[0] for p in points]) for title, points in await progress_of(store, 2)]
    repaired = [(title, [p[0] for p in points]) for title, points in await progress_of(store, 1)]
    assert repaired == expected
    assert len(expected) > 10
    assert await store.imports.backlog() == []
    assert await record_backlog(store) == 0  # nothing left for the start after that
    await store.close()


async def test_progress_goes_in_with_the_entries_as_capture_would_record_it(
    store: Store,
) -> None:
    alice, bob = await user(store, 1), await user(store, 2)
    earlier = NewEntry(
        day=date(2021, 1, 4), text="阅读《叫魂》进度 21/300", created_at=NOW, has_progress=True
    )
    later = "### 2023-10-06\n- 阅读《叫魂》进度 40/300\n- 读完了《Intimate Replationships》\n"
    for someone in (alice, bob):
        # An item each had already, dropped since: the file's progress on it brings it back.
        await capture_imported(store, someone, [earlier])
        (item,) = await store.progress.items(someone.user_id)
        await store.progress.set_status(someone.user_id, item.id, "dropped")
    data = (corpus_text(HISTORY) + later).encode()
    plan = await plan_import(store, alice, data)
    assert isinstance(plan, ImportPlan)
    # Alice's progress is in once her entries are: no second step, no backlog.
    updates = read_updates(entry.text for entry in plan.new)
    added = await store.imports.add_entries(alice.user_id, plan.new, progress=(updates, match_item))
    assert added is not None
    assert added[1] == []
    assert await store.imports.backlog() == []
    # Bob's the way capture records a message's, entry after entry.
    bobs = await plan_import(store, bob, data)
    assert isinstance(bobs, ImportPlan)
    assert await store.imports.add_entries(bob.user_id, bobs.new) is not None
    assert await record_backlog(store) == sum(entry.has_progress for entry in bobs.new)
    expected = await progress_of(store, bob.user_id)
    assert len(expected) > 10
    assert await progress_of(store, alice.user_id) == expected
    statuses = {
        someone: sorted((item.title, item.status) for item in await store.progress.items(someone))
        for someone in (1, 2)
    }
    assert statuses[1] == statuses[2]
    assert ("叫魂", "active") in statuses[1]


async def test_progress_recorded_twice_by_a_crash_between_batches_is_kept_once(
    store: Store,
) -> None:
    alice = await user(store)
    source = (
        "### 2023-01-02\n- 阅读《叫魂》进度 21/300\n### 2023-01-03\n- 阅读《叫魂》进度 40/300\n"
    )
    read = await plan_import(store, alice, source.encode())
    assert isinstance(read, ImportPlan)
    added = await store.imports.add_entries(alice.user_id, read.new)
    assert added is not None
    ids, backlog = added
    assert len(ids) == 2
    # The first entry's progress was stored, but the crash came before the backlog was cleared.
    await record_progress(store, backlog[0], fresh=True)
    assert await record_backlog(store) == 2
    (item,) = await store.progress.items(alice.user_id)
    assert [point.day for point in await store.progress.points(1, item.id)] == [
        date(2023, 1, 2),
        date(2023, 1, 3),
    ]


@pytest.mark.parametrize(
    ("timezone", "source", "left_out"),
    [
        ("UTC", "### 9999-12-31\n- far\n### 2023-01-02\n- near\n", (1, "### 9999-12-31")),
        ("UTC", "### 0202-05-01\n- typo\n### 2023-01-02\n- near\n", (1, "### 0202-05-01")),
        (
            "America/New_York",  # 23:00 there is past the last moment UTC can hold
            "[2023-01-02 09:00] near\n\n[9999-12-31 23:00] far\n",
            (3, "[9999-12-31 11:00:00 PM]"),
        ),
    ],
)
async def test_days_outside_1900_to_2200_are_left_out_and_named(
    store: Store, timezone: str, source: str, left_out: tuple[int, str]
) -> None:
    alice = await user(store, timezone=timezone)
    plan = await plan_import(store, alice, source.encode())
    assert isinstance(plan, ImportPlan)
    assert plan.out_of_range == [left_out]
    assert await import_log(store, alice, source.encode()) == ImportOutcome(added=1, present=0)
    assert [text for _, text in await all_entries(store)] == ["- near" if "#" in source else "near"]
