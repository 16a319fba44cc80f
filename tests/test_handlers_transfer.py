"""/export, /import and /stats through the real Application."""

import json
from datetime import UTC, datetime

from fakebotapi import FakeUser
from fakebotapi.media import image_size
from tests.conftest import BotHarness
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
