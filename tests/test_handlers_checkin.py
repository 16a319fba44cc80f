"""The check-in conversation through the real Application, with real SQLite and a fake Bot API."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from bot.checkin.models import Checkin
from fakebotapi import FakeUser
from tests.checkin_helpers import buttons, message_with, press, say
from tests.conftest import BotHarness, HarnessFactory

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
# Monday 3 June 2024, 21:30 UTC: the default timezone is UTC, so it is Alice's evening.
EVENING = datetime(2024, 6, 3, 21, 30, tzinfo=UTC)
MONDAY = date(2024, 6, 3)


async def checkin_of(harness: BotHarness, user: FakeUser, day: date = MONDAY) -> Checkin:
    checkin = await harness.store.checkins.get(user.id, day)
    assert checkin is not None
    return checkin


async def test_a_whole_checkin_from_entries_to_plan_and_streak(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "wrote the design doc")
        await say(harness, ALICE, "/goal ship the beta")
        await say(harness, ALICE, "/checkin")
        assert "Evening check-in" in harness.last_reply(ALICE.id)
        assert "wrote the design doc" in harness.last_reply(ALICE.id)

        # During the check-in any message is an entry of today.
        await say(harness, ALICE, "reviewed two pull requests")
        await press(harness, ALICE, "Next")
        assert "How did today go?" in harness.last_reply(ALICE.id)
        await press(harness, ALICE, "Focused")
        await press(harness, ALICE, "Procrastinated")
        labels = [label for label, _ in buttons(message_with(harness, ALICE.id, "Focused")[0])]
        assert "🟢 Focused" in labels and "🔴 Procrastinated" in labels
        await press(harness, ALICE, "Next")
        assert "ship the beta" in harness.last_reply(ALICE.id)
        await press(harness, ALICE, "Partly")
        await say(harness, ALICE, "the beta slipped a day")
        assert "Tomorrow's plan" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "09:00-12:00 write code\n12:00-17:30 tests")

    replies = harness.replies(ALICE.id)
    assert "Unplanned in your working day (09:00–18:00): 0h30" in replies[-2]
    assert "less than an hour of buffer" in replies[-2]
    assert "Check-in done" in replies[-1] and "Streak: 1 days" in replies[-1]
    checkin = await checkin_of(harness, ALICE)
    assert checkin.status == "done"
    assert checkin.healthy_states == ("Focused",)
    assert checkin.off_states == ("Procrastinated",)
    assert (checkin.goal, checkin.goal_answer, checkin.goal_note) == (
        "ship the beta",
        "partly",
        "the beta slipped a day",
    )
    assert [block.text for block in checkin.plan_blocks] == ["write code", "tests"]
    entries = await harness.store.entries.on_day(ALICE.id, MONDAY)
    # The note and the plan were answers, not entries; the message during "Today" was one.
    assert [entry.text for entry in entries] == [
        "wrote the design doc",
        "reviewed two pull requests",
    ]


async def test_an_unreadable_plan_is_quoted_back_and_asked_again(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/checkin")
        for label in ("Next", "Next", "Next"):  # today, states, goal (no goal set)
            await press(harness, ALICE, label)
        await say(harness, ALICE, "09:00-11:00 write\nlunch with <b>Bob</b>")
        assert "couldn't read these lines" in harness.last_reply(ALICE.id)
        assert "lunch with <b>Bob</b>" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "9-11 write\n14:00-15:00 meet")
    assert "Unplanned in your working day (09:00–18:00): 6h00" in harness.replies(ALICE.id)[-2]
    assert "buffer" not in harness.replies(ALICE.id)[-2].split("6h00")[1]
    assert (await checkin_of(harness, ALICE)).status == "done"


async def test_next_checkin_starts_with_yesterdays_plan_beside_what_was_logged(
    harness: BotHarness,
) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/checkin")
        for label in ("Next", "Next", "Next"):
            await press(harness, ALICE, label)
        await say(harness, ALICE, "09:00-11:00 写文档\n14:00-15:00 code review")
    with time_machine.travel(datetime(2024, 6, 4, 21, 30, tzinfo=UTC), tick=True):
        await say(harness, ALICE, "文档写完了一半")
        await say(harness, ALICE, "/checkin")
        prompt = harness.last_reply(ALICE.id)
        assert "Yesterday's plan beside what you logged" in prompt
        assert "写文档" in prompt and "↳ 文档写完了一半" in prompt
        await press(harness, ALICE, "1 ◐ partly")
        await press(harness, ALICE, "2 ✗ not done")
        # Every block answered: on to today's entries.
        assert "Evening check-in" in harness.last_reply(ALICE.id)
    checkin = await checkin_of(harness, ALICE, date(2024, 6, 4))
    assert checkin.plan_results == {0: "partly", 1: "not_done"}


async def test_skip_today_keeps_the_streak(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "did a thing")
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Skip today")
    assert "Skipped today. Your streak stays at 1" in harness.last_reply(ALICE.id)
    assert (await checkin_of(harness, ALICE)).status == "skipped"


async def test_snooze_asks_again_in_thirty_minutes(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=False):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Remind me in 30 min")
    assert "ask again at 22:00" in harness.last_reply(ALICE.id)
    checkin = await checkin_of(harness, ALICE)
    assert checkin.remind_at == datetime(2024, 6, 3, 22, 0, tzinfo=UTC)


async def test_only_the_checkins_own_user_may_press_its_buttons(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/checkin")
        message, data = message_with(harness, ALICE.id, "Skip today")
        await harness.feed(harness.api.callback_update(BOB, message, data))
        forged = data.replace(data.split(":")[1], "999999")
        await harness.feed(harness.api.callback_update(ALICE, message, forged))
    answers = list(harness.api.callback_answers.values())
    assert answers[0]["text"] == "这个按钮不是给你的。"
    assert answers[1]["text"] == "This button isn't for you."
    assert (await checkin_of(harness, ALICE)).status == "open"


async def test_a_button_of_a_passed_step_does_not_answer_the_current_one(
    harness: BotHarness,
) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/checkin")
        old, data = message_with(harness, ALICE.id, "Next")
        await press(harness, ALICE, "Next")
        await harness.feed(harness.api.callback_update(ALICE, old, data))
    assert list(harness.api.callback_answers.values())[-1]["text"] == "That question has passed."
    assert (await checkin_of(harness, ALICE)).step == "states"


async def test_user_states_goals_and_plans_are_escaped(harness: BotHarness) -> None:
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/states healthy <b>deep</b> work, a & b")
        assert "<b>deep</b> work, a & b" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "/goal <i>ship</i> & <script>")
        assert "<i>ship</i> & <script>" in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "/problem x < y")
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Next")
        assert "<b>deep</b> work" in harness.last_reply(ALICE.id)
        await press(harness, ALICE, "<b>deep</b> work")
        await press(harness, ALICE, "Next")
        assert "<i>ship</i> & <script>" in harness.last_reply(ALICE.id)
        await press(harness, ALICE, "Yes")
        await press(harness, ALICE, "No note")
        await say(harness, ALICE, "09:00-10:00 <u>fix</u> a<b")
    assert "<u>fix</u> a<b" in harness.replies(ALICE.id)[-2]


async def test_restart_in_the_middle_resumes_the_checkin(make_harness: HarnessFactory) -> None:
    with time_machine.travel(EVENING, tick=True):
        first = await make_harness()
        await say(first, ALICE, "/checkin")
        for label in ("Next", "Next", "Next"):
            await press(first, ALICE, label)
        assert "Tomorrow's plan" in first.last_reply(ALICE.id)
        # A new Application on the same database file: the plan is still the awaited answer.
        second = await make_harness()
        await say(second, ALICE, "10:00-12:00 plan the sprint")
    assert "Check-in done" in second.last_reply(ALICE.id)
    assert await second.store.entries.count(ALICE.id) == 0


async def test_the_awaited_answer_reaches_the_checkin_through_another_process(
    make_harness: HarnessFactory,
) -> None:
    with time_machine.travel(EVENING, tick=True):
        first = await make_harness()
        second = await make_harness()  # the same database file, running all along
        await say(first, ALICE, "/checkin")
        for label in ("Next", "Next", "Next"):
            await press(first, ALICE, label)
        assert "Tomorrow's plan" in first.last_reply(ALICE.id)
        # Behind a load balancer the answer may reach the other process: still the plan.
        await say(second, ALICE, "10:00-12:00 plan the sprint")
        assert "Check-in done" in second.last_reply(ALICE.id)
        # The check-in over, the next message is an entry, whichever process it reaches.
        await say(first, ALICE, "wrote the retro")
    assert "Saved" in first.last_reply(ALICE.id)
    assert await second.store.entries.count(ALICE.id) == 1


async def test_weekly_review_shows_the_numbers_and_keeps_answers_as_entries(
    make_harness: HarnessFactory,
) -> None:
    harness = await make_harness(weekly_review_day="mon")
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Next")
        await press(harness, ALICE, "Focused")
        await press(harness, ALICE, "Next")
        await press(harness, ALICE, "Next")  # no key goal set
        await press(harness, ALICE, "No plan")
        numbers, question = harness.replies(ALICE.id)[-2:]
        assert "Weekly review" in numbers
        assert "Focused: 1 (0)" in numbers
        assert "What is your key goal right now?" in question
        await say(harness, ALICE, "ship the beta")
        await press(harness, ALICE, "Skip question")
        await say(harness, ALICE, "mostly yes")
    assert "Check-in done" in harness.last_reply(ALICE.id)
    entries = await harness.store.entries.on_day(ALICE.id, MONDAY)
    assert [(entry.text, entry.source) for entry in entries] == [
        ("What is your key goal right now?\nship the beta", "checkin"),
        ("Has your recent main work served the key goal?\nmostly yes", "checkin"),
    ]


async def test_problems_are_numbered_and_closed(harness: BotHarness) -> None:
    await say(harness, BOB, "/goal 发布测试版")
    await say(harness, BOB, "/problem 需求总在变")
    await say(harness, BOB, "/problem 测试环境不稳定")
    await say(harness, BOB, "/problem done 1")
    reply = harness.last_reply(BOB.id)
    assert "关键目标：发布测试版" in reply
    assert "1. 测试环境不稳定" in reply and "需求总在变" not in reply
    await say(harness, BOB, "/problem done 5")
    assert "没有编号为 5" in harness.last_reply(BOB.id)


async def test_a_redelivered_problem_adds_or_closes_nothing_more(harness: BotHarness) -> None:
    """Telegram sends an unconfirmed update again after a crash; /problem must act once."""
    for text in ("flaky tests", "scope creep", "no staging"):
        await say(harness, ALICE, f"/problem {text}")
    add = harness.api.command_update(ALICE, "/problem late reviews")
    await harness.feed(add)
    await harness.feed(add)  # the same update again
    close = harness.api.command_update(ALICE, "/problem done 1")
    await harness.feed(close)
    await harness.feed(close)  # again: must not close "scope creep", now number 1
    problems = await harness.store.checkins.open_problems(ALICE.id)
    assert [problem.text for problem in problems] == ["scope creep", "no staging", "late reviews"]
    reply = harness.last_reply(ALICE.id)
    assert "1. scope creep" in reply
    assert "flaky tests" not in reply


async def test_a_redelivered_answer_is_not_read_as_the_next_one(harness: BotHarness) -> None:
    """After a crash Telegram sends the goal note again; it must not become tomorrow's plan."""
    with time_machine.travel(EVENING, tick=True):
        await say(harness, ALICE, "/goal ship the beta")
        await say(harness, ALICE, "/checkin")
        for label in ("Next", "Next", "Partly"):
            await press(harness, ALICE, label)
        note = harness.api.text_update(ALICE, "09:00-10:00 looks like a plan, is a note")
        await harness.feed(note)
        assert "Tomorrow's plan" in harness.last_reply(ALICE.id)
        asked = len(harness.replies(ALICE.id))
        await harness.feed(note)  # the same update again
        # Asked for the plan again, and nothing was read as one.
        assert len(harness.replies(ALICE.id)) == asked + 1
        assert harness.replies(ALICE.id)[-1] == harness.replies(ALICE.id)[-2]
        assert "Tomorrow's plan" in harness.last_reply(ALICE.id)
        checkin = await checkin_of(harness, ALICE)
        assert (checkin.step, checkin.plan_blocks) == ("plan", ())
        assert checkin.goal_note == "09:00-10:00 looks like a plan, is a note"
        await say(harness, ALICE, "10:00-12:00 plan the sprint")
    checkin = await checkin_of(harness, ALICE)
    assert checkin.status == "done"
    assert [block.text for block in checkin.plan_blocks] == ["plan the sprint"]
