"""Counts without a total through the real Application: capture, /progress, /total, commands."""

from __future__ import annotations

from datetime import datetime

from fakebotapi import FakeUser
from tests.conftest import BotHarness
from tests.test_handlers_progress import ALICE, BOB, on, say


async def command_on(harness: BotHarness, user: FakeUser, text: str, when: datetime) -> str:
    """A command sent on a given day; the first text the bot sent back."""
    before = len(harness.replies(user.id))
    await harness.feed(harness.api.command_update(user, text, date=when))
    replies = harness.replies(user.id)[before:]
    assert replies, f"no reply to {text}"
    return replies[0]


async def test_the_readme_example(harness: BotHarness) -> None:
    """The Progress section of the README, reply by reply."""
    reply = await say(harness, ALICE, "《置身事内》 读到了第 3 章", on(2))
    assert reply == "✅ Saved under Mon 2023-01-02.\n📖 置身事内 · chapter 3"
    reply = await say(harness, ALICE, "《置身事内》 第 8 章", on(9))
    assert reply == "✅ Saved under Mon 2023-01-09.\n📖 置身事内 · chapter 8"
    listing = await command_on(harness, ALICE, "/progress", on(9))
    assert listing == (
        "Progress · 1 in progress\n\n📖 置身事内\nchapter 8 · Mon 2023-01-09\n⏱ 5 chapters/week"
    )
    reply = await command_on(harness, ALICE, "/total 置身事内 20 章", on(9))
    assert reply == "📏 置身事内: 20 chapters in all. That makes it 40% done."
    listing = await command_on(harness, ALICE, "/progress", on(9))
    assert listing == (
        "Progress · 1 in progress\n\n📖 置身事内\n"
        "▓▓▓▓░░░░░░ 40% · 8/20 chapters · Mon 2023-01-09\n"
        "⏱ 5 chapters/week · done about Thu 2023-01-26"
    )


async def test_counts_in_chinese_show_as_the_reader_wrote_them(harness: BotHarness) -> None:
    reply = await say(harness, BOB, "- 《置身事内》\n  - 读到了第 19 章", on(2))
    assert reply.endswith("📖 置身事内 · 第 19 章")
    reply = await say(harness, BOB, "追《漫长的季节》 第 5 集", on(3))
    assert reply.endswith("📖 漫长的季节 · 第 5 集")
    listing = await command_on(harness, BOB, "/progress", on(3))
    assert "第 19 章 · 2023-01-02（周一）" in listing
    assert "第 5 集 · 2023-01-03（周二）" in listing
    assert "░" not in listing  # no bar without a total
    detail = await command_on(harness, BOB, "/progress 置身事内", on(3))
    assert "2023-01-02（周一） · 第 19 章" in detail


async def test_a_total_written_before_or_after_makes_counts_a_share(harness: BotHarness) -> None:
    await say(harness, ALICE, "Dune - 3/20 chapters", on(2))
    reply = await say(harness, ALICE, "Dune - Chapter 5", on(3))
    assert reply.endswith("📖 Dune · chapter 5")
    listing = await command_on(harness, ALICE, "/progress", on(3))
    assert "▓▓░░░░░░░░ 25% · 5/20 chapters" in listing
    # A count first, the total in a later entry: the earlier count is a share too.
    await say(harness, ALICE, "《SICP》 第 2 章", on(2))
    await say(harness, ALICE, "《SICP》 - 4/5 章", on(3))
    detail = await command_on(harness, ALICE, "/progress SICP", on(3))
    assert "80% · 4/5 chapters" in detail
    assert "Mon 2023-01-02 · chapter 2" in detail  # the history as written
    assert "⏱ 2 chapters/day" in detail  # from chapter 2 to 4 in a day


async def test_total_usage_units_and_clearing(harness: BotHarness) -> None:
    await say(harness, BOB, "《置身事内》 第 8 章", on(2))
    usage = await command_on(harness, BOB, "/total", on(2))
    assert "/total 置身事内 20 章" in usage
    assert "页、章、课、天、单元、集" in usage
    assert "不认识这个单位" in await command_on(harness, BOB, "/total 置身事内 20 香蕉", on(2))
    assert "一共 20 章，已完成 40%" in await command_on(harness, BOB, "/total 置身事内 20", on(2))
    cleared = await command_on(harness, BOB, "/total 置身事内 取消", on(2))
    assert "已清除你给 置身事内 设的总量" in cleared
    listing = await command_on(harness, BOB, "/progress", on(2))
    assert "第 8 章 · 2023-01-02（周一）" in listing
    assert "░" not in listing
    unknown = await command_on(harness, BOB, "/total 不存在 20", on(2))
    assert "不存在" in unknown
    items = await harness.store.progress.items(BOB.id)
    assert [(item.total, item.total_unit) for item in items] == [(None, None)]


async def test_a_total_in_another_unit_says_so_without_a_share(harness: BotHarness) -> None:
    await say(harness, ALICE, "Dune - Chapter 5", on(2))
    reply = await command_on(harness, ALICE, "/total Dune 412 pages", on(2))
    assert reply == "📏 Dune: 412 pages in all."


async def test_item_commands_work_on_count_items(harness: BotHarness) -> None:
    await say(harness, ALICE, "Dune - Chapter 5", on(2))
    await say(harness, ALICE, "Dune Messiah - Chapter 2", on(3))
    await say(harness, ALICE, "Eloquent JS - Lesson 4", on(4))
    reply = await command_on(harness, ALICE, "/target Dune 2023-02-01", on(4))
    assert reply == "🎯 Target for Dune: Wed 2023-02-01."  # no quota without a total
    assert "🎯 Wed 2023-02-01" in await command_on(harness, ALICE, "/progress Dune", on(4))
    await command_on(harness, ALICE, "/total Dune 20", on(4))
    reply = await command_on(harness, ALICE, "/target Dune 2023-02-01", on(4))
    assert "That takes 0.5 chapters" in reply
    assert "Merged" in await command_on(harness, ALICE, "/merge Dune Messiah | Dune", on(4))
    assert "Renamed" in await command_on(harness, ALICE, "/rename Eloquent JS | EJS", on(4))
    assert "Dropped" in await command_on(harness, ALICE, "/drop EJS", on(4))
    assert "Marked Dune as finished" in await command_on(harness, ALICE, "/done Dune", on(4))
    items = {item.title: item for item in await harness.store.progress.items(ALICE.id)}
    assert set(items) == {"Dune", "EJS"}
    assert (items["Dune"].status, items["Dune"].total) == ("done", 20)
    assert items["EJS"].status == "dropped"
    # A count on the renamed item's old name still lands on it, and brings it back.
    reply = await say(harness, ALICE, "Eloquent JS - Lesson 5", on(5))
    assert reply.endswith("📖 EJS · lesson 5")
    items = {item.title: item for item in await harness.store.progress.items(ALICE.id)}
    assert items["EJS"].status == "active"


async def test_counts_of_another_user_stay_theirs(harness: BotHarness) -> None:
    await say(harness, ALICE, "Dune - Chapter 5", on(2))
    reply = await command_on(harness, BOB, "/total Dune 20", on(2))
    assert "Dune" in reply and "📏" not in reply
    assert [item.total for item in await harness.store.progress.items(ALICE.id)] == [None]


async def test_titles_in_count_replies_are_escaped(harness: BotHarness) -> None:
    # The fake rejects unescaped HTML as Telegram does, and shows the text as the user sees it.
    reply = await say(harness, ALICE, "《<b>Dune</b> & co》 第 3 章", on(2))
    assert "<b>Dune</b> & co · chapter 3" in reply
    listing = await command_on(harness, ALICE, "/progress", on(2))
    assert "<b>Dune</b> & co\nchapter 3" in listing


async def test_a_total_said_in_an_entry_makes_counts_a_share(harness: BotHarness) -> None:
    await say(harness, BOB, "《置身事内》 读到了第 5 章", on(2))
    reply = await say(harness, BOB, "《置身事内》共 20 章", on(3))
    assert reply.endswith("📏 置身事内：一共 20 章")
    reply = await say(harness, BOB, "《置身事内》 读到了第 8 章", on(4))
    assert reply.endswith("📖 置身事内 · 第 8 章")
    detail = await command_on(harness, BOB, "/progress 置身事内", on(4))
    assert "▓▓▓▓░░░░░░ 40% · 8/20 章 · 2023-01-04（周三）" in detail
    assert "2023-01-03（周二） · 📏 一共 20 章" in detail
    # Said with the count, the total is the count's own.
    reply = await say(harness, ALICE, "《SICP》共 5 章，读到第 2 章", on(2))
    assert reply.endswith("📖 SICP 2/5 chapters")


async def test_the_day_summary_says_counts_in_words(harness: BotHarness) -> None:
    await say(harness, BOB, "《置身事内》 读到了第 19 章", on(2))
    await say(harness, BOB, "《沙丘》共 22 章", on(2))
    summary = await command_on(harness, BOB, "/day 2023-01-02", on(3))
    assert "📈 置身事内 第 19 章 · 沙丘 📏 22 章" in summary
