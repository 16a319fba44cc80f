"""Summaries through the real Application: days newest first, digests, long answers as files."""

from datetime import UTC, datetime, timedelta

from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
WEDNESDAY = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


async def say(harness: BotHarness, user: FakeUser, text: str, at: datetime = WEDNESDAY) -> None:
    await harness.feed(harness.api.text_update(user, text, date=at))


async def ask(harness: BotHarness, user: FakeUser, command: str) -> str:
    before = len(harness.replies(user.id))
    await harness.feed(harness.api.command_update(user, command, date=WEDNESDAY))
    return "\n".join(harness.replies(user.id)[before:])


async def test_yesterday_and_day_phrases(harness: BotHarness) -> None:
    await say(harness, ALICE, "2023-01-03: fixed the deploy job")
    await say(harness, ALICE, "2022-12-26: planned the quarter")
    assert "fixed the deploy job" in await ask(harness, ALICE, "/yesterday")
    assert "planned the quarter" in await ask(harness, ALICE, "/day 上周一")
    assert "planned the quarter" in await ask(harness, ALICE, "/day 2022-12-26")
    assert "Fri 2022-12-30" in await ask(harness, ALICE, "/day last friday")
    assert "can't read “banana”" in await ask(harness, ALICE, "/day banana")
    assert "Which day?" in await ask(harness, ALICE, "/day")


async def test_span_lists_days_newest_first_in_their_shape(harness: BotHarness) -> None:
    await say(harness, ALICE, "2022-12-27: - older\n  - nested detail")
    await say(harness, ALICE, "2022-12-30: newer")
    reply = await ask(harness, ALICE, "/day last week")
    assert reply.index("Fri 2022-12-30") < reply.index("Tue 2022-12-27")
    assert "- older\n  - nested detail" in reply
    assert "• newer" in reply


async def test_week_opens_with_a_digest_of_progress_and_streak(harness: BotHarness) -> None:
    await say(harness, BOB, "2023-01-01: 阅读《Go 程序设计语言》 - 进度 2/13")
    await say(harness, BOB, "2023-01-02: 阅读《Go 程序设计语言》 - 进度 5/13")
    await say(harness, BOB, "2023-01-03: 读完了《叫魂》")
    await say(harness, BOB, "写周报")
    reply = await ask(harness, BOB, "/week")
    assert "记录了 3/3 天 · 共 3 条" in reply  # Monday to today, Wednesday
    assert "连续 4 天" in reply
    assert "Go 程序设计语言：2/13 → 5/13（+3）" in reply
    assert "🏁 完成：叫魂" in reply
    last_week = await ask(harness, BOB, "/week 上周")
    assert "2022-12-26" in last_week
    assert "进度 2/13" in last_week


async def test_month_digest_shows_how_far_an_item_moved(harness: BotHarness) -> None:
    for day, value in ((2, 21), (3, 96)):
        await say(harness, ALICE, f"2023-01-0{day}: Linux/Unix 系统编程手册 - 进度 {value}/572")
    reply = await ask(harness, ALICE, "/month")
    assert "21/572 → 96/572 (+75)" in reply


async def test_very_long_span_comes_as_a_markdown_document(harness: BotHarness) -> None:
    start = WEDNESDAY - timedelta(days=20)
    for offset in range(20):
        text = f"- day {offset}: " + "长文 " * 400
        await say(harness, ALICE, text, start + timedelta(days=offset))
    await ask(harness, ALICE, "/month 2022-12")
    document = harness.api.uploads[-1]
    assert document.file_name is not None
    assert document.file_name.endswith(".md")
    assert document.data.decode().count("### 2022-12-") == 17  # Dec 15 to 31


async def test_each_user_sees_only_their_own_days(harness: BotHarness) -> None:
    await say(harness, ALICE, "alice's secret")
    await say(harness, BOB, "bob's note")
    for command in ("/today", "/week", "/month", "/day today"):
        reply = await ask(harness, BOB, command)
        assert "bob's note" in reply
        assert "alice" not in reply
