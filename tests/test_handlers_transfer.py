"""/export, /import and /stats through the real Application."""

import asyncio
import io
import json
import zipfile
from datetime import UTC, date, datetime

from bot.store.imports import NewEntry
from fakebotapi import FakeUser
from fakebotapi.media import image_size
from tests.conftest import BotHarness, HarnessFactory
from tests.corpus import HISTORY, corpus_text

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
NOW = datetime(2023, 10, 7, 9, 0, tzinfo=UTC)
SMALL_LOG = (
    "---\ntitle: x\n---\n### 2023-01-02\n\n- 读完了《叫魂》\n- 写预算\n\n### 2023-13-01\n- ?\n"
)


async def test_import_previews_then_imports_on_the_button(harness: BotHarness) -> None:
    await harness.feed(
        harness.api.document_update(ALICE, "log.md", SMALL_LOG.encode(), "/import", date=NOW)
    )
    preview = harness.api.sent_messages(ALICE.id)[-1]
    assert "Import log.md?" in preview["text"]
    assert "1 days" in preview["text"]
    assert "2 entries: 2 new, 0 already in your log" in preview["text"]
    assert "1 progress updates" in preview["text"]
    assert "line 9: ### 2023-13-01" in preview["text"]
    assert await harness.store.entries.count(ALICE.id) == 0  # nothing before the button
    yes = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    # Bob forges Alice's button: nothing happens to either log.
    await harness.feed(harness.api.callback_update(BOB, preview, yes))
    assert await harness.store.entries.count() == 0
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    assert await harness.store.entries.count(ALICE.id) == 2
    assert "Imported 2 entries" in str(harness.api.message(ALICE.id, preview["message_id"]))
    # Pressing again, or importing the same file again, adds nothing.
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    await harness.feed(
        harness.api.document_update(ALICE, "log.md", SMALL_LOG.encode(), "/import", date=NOW)
    )
    assert "0 new, 2 already in your log" in harness.last_reply(ALICE.id)
    assert await harness.store.entries.count(ALICE.id) == 2


async def test_import_as_a_reply_and_cancel(harness: BotHarness) -> None:
    document = harness.api.document_update(BOB, "notes.txt", SMALL_LOG.encode(), date=NOW)
    await harness.feed(document)  # without the /import caption it is a file entry (📎)
    await harness.feed(
        harness.api.text_update(BOB, "/import", date=NOW, reply_to=document["message"])
    )
    preview = harness.api.sent_messages(BOB.id)[-1]
    assert "导入 notes.txt？" in preview["text"]
    no = preview["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    await harness.feed(harness.api.callback_update(BOB, preview, no))
    assert "已取消" in str(harness.api.message(BOB.id, preview["message_id"]))
    # Nothing was imported; the file itself stays the one entry it became.
    [kept] = await harness.store.entries.on_day(BOB.id, NOW.date())
    assert kept.text == "📎 notes.txt"
    await harness.feed(harness.api.command_update(BOB, "/import"))
    assert "/import" in harness.last_reply(BOB.id)


CHALLENGE = "# 100 Days Of Code\n## Flexbox | Day 1\n- a grid\n## Forms | Day 2\n- a form\n"


async def test_a_file_that_dates_no_day_asks_for_its_first_day(harness: BotHarness) -> None:
    document = harness.api.document_update(
        ALICE, "README.md", CHALLENGE.encode(), "/import", date=NOW
    )
    await harness.feed(document)
    asked = harness.api.sent_messages(ALICE.id)[-1]
    assert "never says which date" in asked["text"] and "reply_markup" not in asked
    await harness.feed(
        harness.api.text_update(ALICE, "/import soon", date=NOW, reply_to=document["message"])
    )
    assert "the day the file's first Day was" in harness.last_reply(ALICE.id)
    await harness.feed(
        harness.api.text_update(ALICE, "/import 2023-09-01", date=NOW, reply_to=document["message"])
    )
    preview = harness.api.sent_messages(ALICE.id)[-1]
    assert "2 days" in preview["text"] and "4 entries: 4 new" in preview["text"]
    yes = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    entries = await harness.store.entries.between(ALICE.id, date(2023, 9, 1), date(2023, 9, 2))
    assert [(entry.day.day, entry.text) for entry in entries] == [
        (1, "# 100 Days Of Code\n## Flexbox | Day 1"),
        (1, "- a grid"),
        (2, "# 100 Days Of Code\n## Forms | Day 2"),
        (2, "- a form"),
    ]


async def test_a_zip_of_daily_notes_and_what_is_left_out_in_the_preview(
    harness: BotHarness,
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("journals/2023_05_01.md", "- ran <b>fast</b>\n")
        archive.writestr("journals/2023_05_02.md", "# 2023-05-02 - 223-05-04\n- trip\n")
        archive.writestr("pages/ideas.md", "- undated\n")
        archive.writestr("assets/photo.png", "not a note")
    await harness.feed(
        harness.api.document_update(ALICE, "notes.zip", buffer.getvalue(), "/import", date=NOW)
    )
    preview = harness.api.sent_messages(ALICE.id)[-1]["text"]
    assert "(a folder of daily notes)" in preview
    assert "2 days" in preview and "2 entries: 2 new" in preview
    assert "journals/2023_05_02.md: # 2023-05-02 - 223-05-04 (the end is no date" in preview
    assert "pages/ideas.md, lines left out: 1" in preview
    assert "no notes, left out: assets/photo.png" in preview


async def test_unusable_files_get_a_clear_reply(harness: BotHarness) -> None:
    for name, data, expected in (
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
        ("notes.md", b"no dates in here\n", "no dated sections"),
        ("huge.md", b"#" * (20 * 1024 * 1024 + 10), "20 MB"),
    ):
        update = harness.api.document_update(ALICE, name, data, "/import", date=NOW)
        await harness.feed(update)
        assert expected in harness.last_reply(ALICE.id), name
    assert await harness.store.entries.count() == 0


async def test_history_imports_and_exports_in_every_format(harness: BotHarness) -> None:
    data = corpus_text(HISTORY).encode()
    await harness.feed(harness.api.document_update(ALICE, "history.md", data, "/import", date=NOW))
    preview = harness.api.sent_messages(ALICE.id)[-1]
    assert "649 entries: 649 new" in preview["text"]
    yes = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    for fmt in ("md", "json", "csv", "jrnl"):
        await harness.feed(harness.api.command_update(ALICE, f"/export {fmt}", date=NOW))
        upload = harness.api.uploads[-1]
        assert upload.file_name is not None
        assert upload.file_name.startswith("daylog-2023-10-07")
    assert json.loads(harness.api.uploads[-3].data)["entries"][0]["day"] == "2021-03-11"
    uploads = len(harness.api.uploads)
    await harness.feed(harness.api.command_update(BOB, "/export", date=NOW))
    assert harness.last_reply(BOB.id) == "日志还是空的，没有可导出的内容。"
    assert len(harness.api.uploads) == uploads
    await harness.feed(harness.api.command_update(ALICE, "/export pdf", date=NOW))
    assert "Which format?" in harness.last_reply(ALICE.id)


async def test_stats_shows_streaks_weeks_and_a_chinese_heatmap(harness: BotHarness) -> None:
    await harness.feed(
        harness.api.document_update(
            BOB, "history.md", corpus_text(HISTORY).encode(), "/import", date=NOW
        )
    )
    preview = harness.api.sent_messages(BOB.id)[-1]
    yes = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.feed(harness.api.callback_update(BOB, preview, yes))
    await harness.feed(harness.api.command_update(BOB, "/stats", date=NOW))
    messages = harness.api.sent_messages(BOB.id)
    text = messages[-2]["text"]
    assert "共 649 条" in text
    assert "当前连续" in text
    assert (
        text.count("\n09-") + text.count("\n10-") + text.count("\n08-") + text.count("\n07-") == 12
    )
    assert "photo" in messages[-1]
    assert image_size(harness.api.uploads[-1].data) is not None
    await harness.feed(harness.api.command_update(ALICE, "/stats", date=NOW))
    assert "no stats" in harness.last_reply(ALICE.id)


async def test_a_failed_answer_to_the_import_button_keeps_the_file_pending(
    harness: BotHarness,
) -> None:
    await harness.feed(
        harness.api.document_update(ALICE, "log.md", SMALL_LOG.encode(), "/import", date=NOW)
    )
    preview = harness.api.sent_messages(ALICE.id)[-1]
    yes = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    harness.api.fail_next(
        "answerCallbackQuery", status=400, description="Bad Request: query is too old"
    )
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    assert await harness.store.entries.count(ALICE.id) == 0
    # The button still works: the file was not taken by the failed press.
    await harness.feed(harness.api.callback_update(ALICE, preview, yes))
    assert await harness.store.entries.count(ALICE.id) == 2
    assert "Imported 2 entries" in str(harness.api.message(ALICE.id, preview["message_id"]))


async def test_the_preview_keeps_the_file_as_read_for_the_button(harness: BotHarness) -> None:
    await harness.feed(
        harness.api.document_update(ALICE, "log.md", SMALL_LOG.encode(), "/import", date=NOW)
    )
    preview = harness.api.sent_messages(ALICE.id)[-1]
    pending_id = int(
        preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"].split(":")[1]
    )
    pending = await harness.store.imports.pending(ALICE.id, pending_id)
    assert pending is not None
    assert pending.content == ""  # not the file's text: the button does not read it again
    assert pending.entries is not None
    assert [entry[1] for entry in json.loads(pending.entries)["entries"]] == [
        "- 读完了《叫魂》",
        "- 写预算",
    ]


async def test_the_bot_records_at_start_the_progress_a_crash_left(
    make_harness: HarnessFactory,
) -> None:
    first = await make_harness()
    await first.store.users.ensure(
        ALICE.id, chat_id=ALICE.id, language="en", timezone="UTC", now=NOW
    )
    entry = NewEntry(day=NOW.date(), text="阅读《叫魂》进度 21/300", created_at=NOW)
    # The import's transaction committed; the process died before recording the progress.
    assert await first.store.imports.add_entries(ALICE.id, [entry]) is not None
    assert await first.store.progress.items(ALICE.id) == []
    second = await make_harness()  # the next start, on the same database
    (item,) = await second.store.progress.items(ALICE.id)
    assert item.title == "叫魂"
    assert await second.store.imports.backlog() == []


async def test_other_chats_are_answered_while_a_big_file_is_read(harness: BotHarness) -> None:
    data = corpus_text(HISTORY).encode() * 8  # 2 MB: reading it takes a good part of a second
    big = harness.api.document_update(ALICE, "history.md", data, "/import", date=NOW)
    note = harness.api.text_update(BOB, "跑步 5km", date=NOW)
    await asyncio.gather(harness.feed(big), harness.feed(note))
    sends = [call for call in harness.api.calls if call.method == "sendMessage"]
    order = [str(call.params.get("chat_id")) for call in sends]
    # Bob's reply went out while Alice's file was being read, not after it.
    assert order == [str(BOB.id), str(ALICE.id)]
    assert "Import history.md?" in harness.last_reply(ALICE.id)


async def test_the_preview_names_the_days_it_leaves_out(harness: BotHarness) -> None:
    source = "### 9999-12-31\n- far\n\n### 2023-01-02\n- near\n"
    await harness.feed(
        harness.api.document_update(ALICE, "log.md", source.encode(), "/import", date=NOW)
    )
    preview = harness.last_reply(ALICE.id)
    assert "1 entry: 1 new" in preview
    assert "Days outside 1900–2200, left out:\nline 1: ### 9999-12-31" in preview
