"""Progress through the real Application: capture replies, /progress, the item commands, buttons."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
MONDAY = datetime(2023, 1, 2, 12, 0, tzinfo=UTC)


def on(day: int) -> datetime:
    """Noon on the given day of January 2023."""
    return datetime(2023, 1, day, 12, 0, tzinfo=UTC)


async def say(harness: BotHarness, user: FakeUser, text: str, when: datetime | None = None) -> str:
    await harness.feed(harness.api.text_update(user, text, date=when))
    return harness.last_reply(user.id)


async def command(harness: BotHarness, user: FakeUser, text: str) -> str:
    await harness.feed(harness.api.command_update(user, text))
    return harness.last_reply(user.id)


def keyboard(message: dict[str, Any]) -> list[list[tuple[str, str]]]:
    """The inline keyboard under a message, row by row: (text, callback data) per button."""
    markup = message.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = markup.get("inline_keyboard", [])
    return [[(button["text"], button["callback_data"]) for button in row] for row in rows]


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    return [button for row in keyboard(message) for button in row]


def item_buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    """The item buttons of a /progress list: one a row, above the page row."""
    rows = [row for row in keyboard(message) if row[0][1].startswith("progress:item:")]
    assert all(len(row) == 1 for row in rows)
    return [row[0] for row in rows]


async def press(harness: BotHarness, user: FakeUser, message: dict[str, Any], data: str) -> str:
    """The user presses a button with ``data`` under ``message``; the press's query id."""
    update = harness.api.callback_update(user, message, data)
    await harness.feed(update)
    return str(update["callback_query"]["id"])


async def test_capture_reply_lists_what_was_understood(harness: BotHarness) -> None:
    reply = await say(harness, BOB, "阅读《Go 程序设计语言(英文版)》 - 进度 72%", MONDAY)
    assert "已记到 2023-01-02（周一）" in reply
    assert "📖 Go 程序设计语言(英文版) 72%" in reply
    reply = await say(harness, BOB, "读完了《在生命的尽头拥抱你-临终关怀医生手记》", MONDAY)
    assert "✅ 读完了 在生命的尽头拥抱你-临终关怀医生手记" in reply
    reply = await say(harness, ALICE, "Read 120/300 of Dune", MONDAY)
    assert "📖 Dune 120/300 pages" in reply


async def test_plain_entry_reply_has_no_progress_line(harness: BotHarness) -> None:
    reply = await say(harness, ALICE, "6/23 第一个提交, 流量下降 50% ~ 60%", MONDAY)
    assert reply == "✅ Saved under Mon 2023-01-02."
    assert await harness.store.progress.items(ALICE.id) == []


async def test_typo_joins_the_known_item_and_reply_names_it(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Intimate Relationships》 - 10/41", on(2))
    reply = await say(harness, ALICE, "《Intimate Replationships》 - 12/41", on(3))
    assert "📖 Intimate Relationships 12/41" in reply
    items = await harness.store.progress.items(ALICE.id)
    assert [item.title for item in items] == ["Intimate Relationships"]


async def test_progress_lists_active_items_most_recent_first(harness: BotHarness) -> None:
    # Pace counts back from today, so this history is recent.
    now = datetime.now(UTC)
    await say(harness, ALICE, "Linux/Unix 系统编程手册(上册) - 进度 21/572", now - timedelta(3))
    await say(harness, ALICE, "The Great Gatsby - 10/41", now - timedelta(2))
    await say(harness, ALICE, "Linux/Unix 系统编程手册(上册) - 进度 81/572", now)
    await say(harness, ALICE, "finished The Old Man and the Sea", now)
    listing = await command(harness, ALICE, "/progress")
    tlpi, gatsby, finished = (
        listing.index("Linux/Unix"),
        listing.index("The Great Gatsby"),
        listing.index("Finished"),
    )
    assert tlpi < gatsby < finished < listing.index("The Old Man and the Sea")
    assert "81/572 pages" in listing
    assert "14%" in listing  # 81 of 572
    assert "10/41" in listing
    assert "20 pages/day · done about" in listing  # 60 pages in 3 days
    assert now.date().isoformat() in listing  # the day of the last update


async def test_back_dated_progress_lands_on_its_day(harness: BotHarness) -> None:
    await say(harness, ALICE, "2022-12-01: 《Dune》 - 40/400", MONDAY)
    await say(harness, ALICE, "《Dune》 - 100/400", MONDAY)
    item = (await harness.store.progress.items(ALICE.id))[0]
    points = await harness.store.progress.points(ALICE.id, item.id)
    assert [(p.day, p.value) for p in points] == [(date(2022, 12, 1), 40), (date(2023, 1, 2), 100)]


async def test_edit_replaces_the_entry_progress(harness: BotHarness) -> None:
    update = harness.api.text_update(ALICE, "《Dnue》 - 40/400", date=MONDAY)
    await harness.feed(update)
    await harness.feed(harness.api.edited_text_update(update, "《Dune》 - 60/400"))
    items = await harness.store.progress.items(ALICE.id)
    assert [item.title for item in items] == ["Dune"]  # the misread item went with its update
    points = await harness.store.progress.points(ALICE.id, items[0].id)
    assert [p.value for p in points] == [60]
    await harness.feed(harness.api.edited_text_update(update, "no progress after all"))
    assert await harness.store.progress.items(ALICE.id) == []


async def test_undo_takes_the_progress_with_the_entry(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    await say(harness, ALICE, "《Dune》 - 400/400", on(3))
    assert "Finished" in await command(harness, ALICE, "/progress")
    [finished] = await harness.store.progress.items(ALICE.id)
    assert finished.status == "done"
    await command(harness, ALICE, "/undo")
    listing = await command(harness, ALICE, "/progress")
    assert "Finished" not in listing
    assert "40/400" in listing
    # The stored status follows what is left, so every view agrees: the item is active again.
    [item] = await harness.store.progress.items(ALICE.id)
    assert item.status == "active"
    await command(harness, ALICE, "/progress dune")
    detail = harness.replies(ALICE.id)[-2]  # then comes the chart
    assert "40/400" in detail
    assert "Finished" not in detail
    assert "Marked Dune as finished" in await command(harness, ALICE, "/done dune")


async def test_progress_name_shows_history_and_chart(harness: BotHarness) -> None:
    await say(harness, ALICE, "阅读《Go 程序设计语言(英文版)》 - 进度 2/13", on(2))
    await say(harness, ALICE, "阅读《Go 程序设计语言(英文版)》 - 进度 72%", on(9))
    await command(harness, ALICE, "/progress go 程序")
    reply = harness.replies(ALICE.id)[-2]  # then comes the chart
    assert "Go 程序设计语言(英文版)" in reply
    assert "Mon 2023-01-02 · 2/13" in reply
    assert "Mon 2023-01-09 · 72%" in reply
    assert "Started Mon 2023-01-02 · 2 updates" in reply
    photo = harness.api.sent_messages(ALICE.id)[-1]
    assert "photo" in photo
    assert "Go 程序设计语言" in photo["caption"]
    assert harness.api.uploads[-1].data.startswith(b"\x89PNG")


async def test_unknown_item_gets_a_suggestion_and_changes_nothing(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    for text in ("/progress zzzqqq", "/done zzzqqq", "/drop zzzqqq", "/target zzzqqq 2030-01-01"):
        reply = await command(harness, ALICE, text)
        assert "I don't know an item called “zzzqqq”" in reply
        assert "Your recent items: Dune" in reply
    [item] = await harness.store.progress.items(ALICE.id)
    assert (item.status, item.target) == ("active", None)
    assert "你还没有任何项目" in await command(harness, BOB, "/done dune")


async def test_missing_name_asks_which_item(harness: BotHarness) -> None:
    assert "/done Dune" in await command(harness, ALICE, "/done")
    assert "/target Dune 2024-03-01" in await command(harness, ALICE, "/target")


async def test_done_finishes_an_item(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    assert "Marked Dune as finished" in await command(harness, ALICE, "/done dune")
    assert "already finished" in await command(harness, ALICE, "/done dune")
    listing = await command(harness, ALICE, "/progress")
    assert "0 in progress" in listing
    assert "✅ Dune" in listing


async def test_drop_hides_an_item_until_progress_comes_back(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    await say(harness, ALICE, "《Emma》 - 4/40", on(2))
    assert "Dropped Dune" in await command(harness, ALICE, "/drop dune")
    assert "Dune" not in await command(harness, ALICE, "/progress")
    assert "already dropped" in await command(harness, ALICE, "/drop dune")
    await say(harness, ALICE, "《Dune》 - 50/400", on(3))
    assert "Dune" in await command(harness, ALICE, "/progress")


async def test_target_shows_quota_and_schedule(harness: BotHarness) -> None:
    today = datetime.now(UTC)
    for days_ago, pages in ((20, 100), (10, 150), (0, 200)):
        await say(harness, ALICE, f"《Dune》 - {pages}/400", today - timedelta(days=days_ago))
    soon = (today + timedelta(days=10)).date().isoformat()
    reply = await command(harness, ALICE, f"/target dune {soon}")
    assert "Target for Dune" in reply
    assert "20 pages/day from today" in reply  # 200 pages left over 10 days
    assert "pages/day needed · behind" in await command(harness, ALICE, "/progress")
    later = (today + timedelta(days=400)).date().isoformat()
    await command(harness, ALICE, f"/target dune {later}")
    assert "needed · ahead" in await command(harness, ALICE, "/progress")
    assert "cleared" in await command(harness, ALICE, "/target dune none")
    assert "🎯" not in await command(harness, ALICE, "/progress")


async def test_bad_target_dates_change_nothing(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    assert "as a date" in await command(harness, ALICE, "/target dune someday")
    assert "passed" in await command(harness, ALICE, "/target dune 2001-01-01")
    assert "as a date" in await command(harness, ALICE, "/target dune 2030-02-30")
    [item] = await harness.store.progress.items(ALICE.id)
    assert item.target is None


async def test_merge_joins_two_items(harness: BotHarness) -> None:
    await say(harness, ALICE, "《深入剖析 Kubernetes》 - 10%", on(2))
    await say(harness, ALICE, "《K8s in depth》 - 30%", on(3))
    reply = await command(harness, ALICE, "/merge k8s in depth | 深入剖析")
    assert "Merged K8s in depth into 深入剖析 Kubernetes" in reply
    [item] = await harness.store.progress.items(ALICE.id)
    points = await harness.store.progress.points(ALICE.id, item.id)
    assert [p.value for p in points] == [10, 30]
    # The merged name sticks: later progress under it joins the same item.
    await say(harness, ALICE, "《K8s in depth》 - 50%", on(4))
    assert len(await harness.store.progress.items(ALICE.id)) == 1


async def test_merge_and_rename_need_a_bar(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    for text in ("/merge dune emma", "/rename dune", "/rename dune |  "):
        assert "with a bar between the two names" in await command(harness, ALICE, text)
    assert "nothing to merge" in await command(harness, ALICE, "/merge dune | Dune")
    assert [i.title for i in await harness.store.progress.items(ALICE.id)] == ["Dune"]


async def test_rename_changes_the_title_and_the_new_name_sticks(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dnue》 - 40/400", on(2))
    await say(harness, ALICE, "《Emma》 - 4/40", on(2))
    assert "Renamed Dnue to Dune" in await command(harness, ALICE, "/rename dnue | 《Dune》")
    await say(harness, ALICE, "《Dune》 - 60/400", on(3))
    titles = [item.title for item in await harness.store.progress.items(ALICE.id)]
    assert titles == ["Dune", "Emma"]
    reply = await command(harness, ALICE, "/rename emma | Dune")
    assert "already called Dune" in reply
    assert "/merge Emma | Dune" in reply


async def test_item_names_are_escaped_everywhere(harness: BotHarness) -> None:
    # The fake rejects unescaped HTML as Telegram does, so each reply arriving proves escaping.
    await say(harness, ALICE, "《<script>alert(1)</script>》 - 10/40", on(2))
    reply = await say(harness, ALICE, "《a & b <i>》 - 3/9", on(3))
    assert "📖 a & b <i> 3/9" in reply
    assert "<script>alert(1)</script>" in await command(harness, ALICE, "/progress")
    await command(harness, ALICE, "/progress a & b")
    assert "a & b <i>" in harness.replies(ALICE.id)[-2]
    assert "a & b <i>" in harness.api.sent_messages(ALICE.id)[-1]["caption"]
    assert "a & b <i>" in await command(harness, ALICE, "/target a & b 2099-01-01")
    assert "a & b <i>" in await command(harness, ALICE, "/rename a & b | x < y & z")
    assert "x < y & z" in await command(harness, ALICE, "/done x < y")
    assert "<script>" in await command(harness, ALICE, "/drop script")
    assert "/merge" in await command(harness, ALICE, "/rename x < y | <script>alert(1)</script>")


async def fill(harness: BotHarness, user: FakeUser, count: int) -> None:
    for number in range(count):
        await say(harness, user, f"《Book {number:02d}》 - {number + 1}/100", on(1 + number % 28))


async def test_long_lists_page_with_buttons(harness: BotHarness) -> None:
    await fill(harness, ALICE, 20)
    await command(harness, ALICE, "/progress")
    first = harness.api.sent_messages(ALICE.id)[-1]
    assert "page 1/3" in first["text"]
    # The page buttons are the last row, under the items' buttons.
    assert keyboard(first)[-1] == [("Next ▶", "progress:page:1")]
    seen = set(re.findall(r"Book \d\d", first["text"]))
    await harness.feed(harness.api.callback_update(ALICE, first, "progress:page:1"))
    second = harness.api.message(ALICE.id, first["message_id"])
    assert second is not None
    assert "page 2/3" in second["text"]
    assert [data for _, data in keyboard(second)[-1]] == ["progress:page:0", "progress:page:2"]
    seen |= set(re.findall(r"Book \d\d", second["text"]))
    await harness.feed(harness.api.callback_update(ALICE, first, "progress:page:9"))
    third = harness.api.message(ALICE.id, first["message_id"])
    assert third is not None
    assert "page 3/3" in third["text"]  # a page past the end shows the last one
    seen |= set(re.findall(r"Book \d\d", third["text"]))
    assert seen == {f"Book {n:02d}" for n in range(20)}


async def test_no_command_or_button_shows_another_users_items(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Alice Secret Diary》 - 10/40", on(2))
    await fill(harness, BOB, 10)
    for text in ("/progress", "/progress alice secret", "/done alice secret", "/drop alice"):
        await command(harness, BOB, text)
    await command(harness, BOB, "/target alice secret 2099-01-01")
    await command(harness, BOB, "/merge alice secret | Book 01")
    await command(harness, BOB, "/rename alice secret | mine")
    bob_list = harness.api.sent_messages(BOB.id)[-7]
    # Bob presses his own buttons, and a forged one pointing at Alice's chat's message.
    await harness.feed(harness.api.callback_update(BOB, bob_list, "progress:page:0"))
    own_page = harness.api.message(BOB.id, bob_list["message_id"])
    assert own_page is not None
    assert "Book 09" in own_page["text"]
    assert "Alice Secret" not in own_page["text"]
    await command(harness, ALICE, "/progress")
    alice_list = harness.api.sent_messages(ALICE.id)[-1]
    await harness.feed(harness.api.callback_update(BOB, alice_list, "progress:page:0"))
    assert all("Alice Secret" not in m.get("text", "") for m in harness.api.sent_messages(BOB.id))
    after = harness.api.message(ALICE.id, alice_list["message_id"])
    assert after is not None
    assert "Book" not in after["text"]  # Bob's list was not drawn into Alice's chat
    [item] = await harness.store.progress.items(ALICE.id)
    assert (item.title, item.status, item.target) == ("Alice Secret Diary", "active", None)


async def test_each_item_on_the_page_has_its_button(harness: BotHarness) -> None:
    await fill(harness, ALICE, 12)
    ids = {item.title: item.id for item in await harness.store.progress.items(ALICE.id)}
    await command(harness, ALICE, "/progress")
    first = harness.api.sent_messages(ALICE.id)[-1]
    # One button per item the page shows, in the order it shows them, carrying the item's id.
    shown = re.findall(r"Book \d\d", first["text"])
    assert len(shown) == 8
    assert item_buttons(first) == [(title, f"progress:item:{ids[title]}") for title in shown]
    assert len(keyboard(first)) == len(shown) + 1
    await press(harness, ALICE, first, "progress:page:1")
    second = harness.api.message(ALICE.id, first["message_id"])
    assert second is not None
    shown_next = re.findall(r"Book \d\d", second["text"])
    assert len(shown_next) == 4
    assert item_buttons(second) == [(title, f"progress:item:{ids[title]}") for title in shown_next]
    assert keyboard(second)[-1] == [("◀ Previous", "progress:page:0")]


async def test_short_list_has_item_buttons_and_no_page_row(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    await say(harness, ALICE, "《" + "L" * 100 + "》 - 40/40", on(3))
    [finished, dune] = await harness.store.progress.items(ALICE.id)
    await command(harness, ALICE, "/progress")
    listing = harness.api.sent_messages(ALICE.id)[-1]
    # Finished items get a button too; a long title is cut as the list cuts it.
    assert keyboard(listing) == [
        [("Dune", f"progress:item:{dune.id}")],
        [("L" * 79 + "…", f"progress:item:{finished.id}")],
    ]
    await command(harness, BOB, "/progress")
    assert "reply_markup" not in harness.api.sent_messages(BOB.id)[-1]  # nothing to press


async def test_item_button_sends_what_progress_name_sends(harness: BotHarness) -> None:
    await say(harness, ALICE, "阅读《Go 程序设计语言(英文版)》 - 进度 2/13", on(2))
    await say(harness, ALICE, "阅读《Go 程序设计语言(英文版)》 - 进度 72%", on(9))
    await say(harness, ALICE, "《Dune》 - 40/400", on(10))
    await command(harness, ALICE, "/progress go 程序")
    by_command = harness.api.sent_messages(ALICE.id)[-2:]
    chart_by_command = harness.api.uploads[-1].data
    await command(harness, ALICE, "/progress")
    listing = harness.api.sent_messages(ALICE.id)[-1]
    [go] = [data for text, data in item_buttons(listing) if text.startswith("Go")]
    query_id = await press(harness, ALICE, listing, go)
    assert "text" not in harness.api.callback_answers[query_id]  # answered, quietly
    detail, photo = harness.api.sent_messages(ALICE.id)[-2:]
    assert detail["text"] == by_command[0]["text"]
    assert "Mon 2023-01-09 · 72%" in detail["text"]
    assert detail.get("entities") == by_command[0].get("entities")
    assert photo["caption"] == by_command[1]["caption"]
    assert "photo" in photo
    assert harness.api.uploads[-1].data.startswith(b"\x89PNG")
    assert harness.api.uploads[-1].data == chart_by_command
    # The list stays as it was, buttons and all, to press another item.
    assert harness.api.message(ALICE.id, listing["message_id"]) == listing


async def test_item_button_of_another_user_reveals_nothing(harness: BotHarness) -> None:
    await say(harness, ALICE, "《Alice Secret Diary》 - 10/40", on(2))
    [secret] = await harness.store.progress.items(ALICE.id)
    await fill(harness, BOB, 3)
    await command(harness, BOB, "/progress")
    bob_list = harness.api.sent_messages(BOB.id)[-1]
    await command(harness, ALICE, "/progress")
    alice_list = harness.api.sent_messages(ALICE.id)[-1]
    bob_sent = len(harness.api.sent_messages(BOB.id))
    alice_sent = len(harness.api.sent_messages(ALICE.id))
    forged = f"progress:item:{secret.id}"
    # Bob presses a forged button with Alice's item id under his own list, then under hers.
    answers = [
        await press(harness, BOB, bob_list, forged),
        await press(harness, BOB, alice_list, forged),
    ]
    for query_id in answers:
        answer = harness.api.callback_answers[query_id]
        assert answer["text"] == "这个项目已不存在（已合并或删除）。发送 /progress 查看最新列表。"
        assert "Alice" not in str(answer)
    # And his own item's button pressed under Alice's message draws nothing into her chat.
    [(_, bobs_own), *_] = item_buttons(bob_list)
    await press(harness, BOB, alice_list, bobs_own)
    assert len(harness.api.sent_messages(BOB.id)) == bob_sent
    assert len(harness.api.sent_messages(ALICE.id)) == alice_sent
    assert harness.api.message(ALICE.id, alice_list["message_id"]) == alice_list
    assert len(harness.api.uploads) == 0
    [item] = await harness.store.progress.items(ALICE.id)
    assert (item.title, item.status, item.target) == ("Alice Secret Diary", "active", None)


async def test_item_button_of_a_merged_or_deleted_item_says_it_is_gone(
    harness: BotHarness,
) -> None:
    await say(harness, ALICE, "《Dune》 - 40/400", on(2))
    await say(harness, ALICE, "《Dune Messiah》 - 10/300", on(3))
    await say(harness, ALICE, "《Gatsby》 - 4/41", on(4))
    await command(harness, ALICE, "/progress")
    listing = harness.api.sent_messages(ALICE.id)[-1]
    pressable = dict(item_buttons(listing))
    await command(harness, ALICE, "/merge dune messiah | dune")
    await command(harness, ALICE, "/undo")  # Gatsby's only entry goes, and the item with it
    assert [item.title for item in await harness.store.progress.items(ALICE.id)] == ["Dune"]
    sent = len(harness.api.sent_messages(ALICE.id))
    for title in ("Dune Messiah", "Gatsby"):
        query_id = await press(harness, ALICE, listing, pressable[title])
        answer = harness.api.callback_answers[query_id]
        assert answer["text"] == (
            "That item is gone (merged or deleted). Send /progress for the list."
        )
        assert answer["show_alert"] == "true"  # as the form field Telegram receives
    assert len(harness.api.sent_messages(ALICE.id)) == sent
    # The item that is still there opens, with its merged history.
    await press(harness, ALICE, listing, pressable["Dune"])
    detail = harness.api.sent_messages(ALICE.id)[-2]["text"]
    assert "Dune" in detail
    assert "2 updates" in detail
