"""Capture through the real Application: messages become entries, safely and once."""

from datetime import UTC, date, datetime

from fakebotapi import FakeChat, FakeUser
from tests.conftest import BotHarness, HarnessFactory

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


async def entries_of(harness: BotHarness, user: FakeUser) -> list[tuple[date, str]]:
    rows = await harness.store.entries.between(user.id, date(2000, 1, 1), date(2100, 1, 1))
    return [(entry.day, entry.text) for entry in rows]


async def test_text_becomes_an_entry_and_reply_names_the_day(harness: BotHarness) -> None:
    text = "- 阅读《Go 程序设计语言(英文版)》 - 进度 72%\n    - 第 7 章 🎉\n  - [tlpi](https://man7.org/tlpi/)"
    await harness.feed(harness.api.text_update(ALICE, text, date=MONDAY))
    assert await entries_of(harness, ALICE) == [(date(2023, 1, 2), text)]
    assert "Mon 2023-01-02" in harness.last_reply(ALICE.id)


async def test_chinese_user_gets_chinese_reply(harness: BotHarness) -> None:
    await harness.feed(harness.api.text_update(BOB, "写文档", date=MONDAY))
    assert "已记到 2023-01-02（周一）" in harness.last_reply(BOB.id)


async def test_late_night_entry_belongs_to_previous_day(harness: BotHarness) -> None:
    night = datetime(2023, 1, 3, 2, 30, tzinfo=UTC)  # before DAY_START 04:00
    await harness.feed(harness.api.text_update(ALICE, "late", date=night))
    assert await entries_of(harness, ALICE) == [(date(2023, 1, 2), "late")]


async def test_date_prefix_back_dates_without_the_prefix(harness: BotHarness) -> None:
    for text in ("2022-12-30: 读完了《叫魂》", "昨天：跑步", "yesterday: ran 5k"):
        await harness.feed(harness.api.text_update(ALICE, text, date=MONDAY))
    assert await entries_of(harness, ALICE) == [
        (date(2022, 12, 30), "读完了《叫魂》"),
        (date(2023, 1, 1), "跑步"),
        (date(2023, 1, 1), "ran 5k"),
    ]
    assert "Back-dated to Sun 2023-01-01" in harness.last_reply(ALICE.id)


async def test_prefix_with_nothing_after_keeps_nothing_and_says_so(harness: BotHarness) -> None:
    await harness.feed(harness.api.text_update(ALICE, "昨天：  ", date=MONDAY))
    assert await entries_of(harness, ALICE) == []
    assert "kept nothing" in harness.last_reply(ALICE.id)


async def test_edit_updates_entry_quietly_and_keeps_revision(harness: BotHarness) -> None:
    update = harness.api.text_update(ALICE, "first draft", date=MONDAY)
    await harness.feed(update)
    replies_before = len(harness.replies(ALICE.id))
    await harness.feed(harness.api.edited_text_update(update, "2023-01-01: final text"))
    assert await entries_of(harness, ALICE) == [(date(2023, 1, 1), "final text")]
    assert len(harness.replies(ALICE.id)) == replies_before
    entry = await harness.store.entries.last(ALICE.id)
    assert entry is not None
    assert await harness.store.entries.revisions(ALICE.id, entry.id) == ["first draft"]


async def test_same_update_twice_is_one_entry(harness: BotHarness) -> None:
    update = harness.api.text_update(ALICE, "once", date=MONDAY)
    await harness.feed(update)
    await harness.feed(update)
    assert await entries_of(harness, ALICE) == [(date(2023, 1, 2), "once")]


async def test_caption_is_captured(harness: BotHarness) -> None:
    await harness.feed(
        harness.api.photo_update(ALICE, "whiteboard after the design review", date=MONDAY)
    )
    doc = harness.api.document_update(ALICE, "notes.pdf", b"%PDF-1.4", "read the RFC", date=MONDAY)
    await harness.feed(doc)
    texts = [text for _, text in await entries_of(harness, ALICE)]
    assert texts == ["whiteboard after the design review", "read the RFC"]


async def test_a_sticker_is_refused_and_nothing_stored(harness: BotHarness) -> None:
    # Voice notes, photos and files are entries (tests/test_handlers_media.py); stickers not.
    await harness.feed(harness.api.sticker_update(ALICE))
    assert "stickers are not entries" in harness.last_reply(ALICE.id)
    assert await entries_of(harness, ALICE) == []


async def test_unknown_command_is_not_an_entry(harness: BotHarness) -> None:
    await harness.feed(harness.api.command_update(ALICE, "/frobnicate now"))
    assert await entries_of(harness, ALICE) == []
    assert "/help" in harness.last_reply(ALICE.id)


async def test_html_in_entries_is_echoed_safely(harness: BotHarness) -> None:
    text = "<b>bold</b> & <script>alert(1)</script> a<b"
    await harness.feed(harness.api.text_update(ALICE, text))
    await harness.feed(harness.api.command_update(ALICE, "/today"))
    # The fake rejects unescaped HTML like Telegram does, so a reply at all proves escaping.
    assert text in harness.last_reply(ALICE.id)
    await harness.feed(harness.api.command_update(ALICE, "/undo"))
    assert text in harness.last_reply(ALICE.id)


async def test_long_entry_is_kept_whole_and_listed(harness: BotHarness) -> None:
    text = "长" * 2000 + "\n" + "x" * 1999  # 4,000 characters, under Telegram's limit
    await harness.feed(harness.api.text_update(ALICE, text))
    await harness.feed(harness.api.text_update(ALICE, "short one"))
    assert [t for _, t in await entries_of(harness, ALICE)] == [text, "short one"]
    await harness.feed(harness.api.command_update(ALICE, "/today"))
    listing = "\n".join(harness.replies(ALICE.id)[-2:])
    assert text in listing
    assert "short one" in listing


async def test_undo_deletes_last_entry_and_shows_it(harness: BotHarness) -> None:
    await harness.feed(harness.api.text_update(ALICE, "keep me"))
    await harness.feed(harness.api.text_update(ALICE, "typo entry"))
    await harness.feed(harness.api.command_update(ALICE, "/undo"))
    assert "typo entry" in harness.last_reply(ALICE.id)
    assert [t for _, t in await entries_of(harness, ALICE)] == ["keep me"]
    await harness.feed(harness.api.command_update(ALICE, "/undo"))
    await harness.feed(harness.api.command_update(ALICE, "/undo"))
    assert "no entry to delete" in harness.last_reply(ALICE.id)


async def test_a_redelivered_undo_deletes_nothing_more(harness: BotHarness) -> None:
    """Telegram sends an unconfirmed update again after a crash; /undo must run once."""
    for text in ("first", "second <b>&", "third"):
        await harness.feed(harness.api.text_update(ALICE, text))
    undo = harness.api.command_update(ALICE, "/undo")
    await harness.feed(undo)
    first_answer = harness.last_reply(ALICE.id)
    assert "third" in first_answer
    await harness.feed(undo)  # the very same update, delivered again
    assert [t for _, t in await entries_of(harness, ALICE)] == ["first", "second <b>&"]
    # Answered again (the first answer may never have left), the same way.
    assert harness.replies(ALICE.id)[-2:] == [first_answer, first_answer]
    # A new /undo is a new message: it deletes the next one (shown as text: the fake Bot API
    # refuses unescaped HTML).
    await harness.feed(harness.api.command_update(ALICE, "/undo"))
    assert "second <b>&" in harness.last_reply(ALICE.id)
    assert [t for _, t in await entries_of(harness, ALICE)] == ["first"]


async def test_two_users_never_see_each_other(harness: BotHarness) -> None:
    await harness.feed(harness.api.text_update(ALICE, "alice's secret"))
    await harness.feed(harness.api.text_update(BOB, "bob's secret"))
    await harness.feed(harness.api.command_update(BOB, "/today"))
    assert "bob's secret" in harness.last_reply(BOB.id)
    assert "alice" not in harness.last_reply(BOB.id)
    await harness.feed(harness.api.command_update(BOB, "/undo"))
    await harness.feed(harness.api.command_update(BOB, "/undo"))
    assert [t for _, t in await entries_of(harness, ALICE)] == ["alice's secret"]
    assert all("alice" not in reply for reply in harness.replies(BOB.id))


async def test_allowlist_refuses_others_and_stores_nothing(make_harness: HarnessFactory) -> None:
    harness = await make_harness(allowed_user_ids=frozenset({ALICE.id}))
    await harness.feed(harness.api.text_update(BOB, "let me in"))
    await harness.feed(harness.api.command_update(BOB, "/start"))
    assert harness.replies(BOB.id) == ["抱歉，这是一个私人机器人。"] * 2
    assert await harness.store.users.get(BOB.id) is None
    assert await harness.store.entries.count() == 0
    await harness.feed(harness.api.text_update(ALICE, "allowed", date=MONDAY))
    assert await entries_of(harness, ALICE) == [(date(2023, 1, 2), "allowed")]


async def test_group_only_answers_start_with_a_pointer(harness: BotHarness) -> None:
    group = FakeChat()
    await harness.feed(harness.api.text_update(ALICE, "group chatter", chat=group))
    await harness.feed(harness.api.command_update(ALICE, "/today", chat=group))
    assert harness.replies(group.id) == []
    await harness.feed(harness.api.command_update(ALICE, "/start", chat=group))
    assert "t.me/daylog_test_bot" in harness.last_reply(group.id)
    assert await harness.store.entries.count() == 0
