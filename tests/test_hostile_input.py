"""Hostile input (issue 14, the clear-answers half): each case gets a clear reply, loses
nothing, and leaves no traceback in the bot's log.

Everything goes through the real Application with real Update objects against the fake Bot
API; faults (5xx, resets, 429s) are the fake's. Every test checks the log with `no_traceback`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from aiohttp.test_utils import TestClient, TestServer
from telegram._utils.types import ODVInput
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData
from typing_extensions import override

from bot.app import build_application
from bot.polling import poll_until_stopped
from bot.webhook import SECRET_HEADER, webhook_server
from fakebotapi import FakeBotApi, FakeRequest, FakeUser
from tests.checkin_helpers import press, run_due
from tests.conftest import BotHarness, make_settings

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
NOW = datetime(2024, 6, 3, 12, 0, tzinfo=UTC)  # Monday
DAY = NOW.date()


@pytest.fixture(autouse=True)
def no_traceback(caplog: pytest.LogCaptureFixture) -> Any:
    """Fail any test here whose bot logged a traceback or an error."""
    caplog.set_level(logging.INFO)
    yield
    records = [*caplog.get_records("setup"), *caplog.get_records("call")]
    bad = [r for r in records if r.exc_info or r.levelno >= logging.ERROR]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]


async def say(harness: BotHarness, user: FakeUser, text: str) -> None:
    await harness.feed(harness.api.text_update(user, text, date=NOW))


def texts(harness: BotHarness, user: FakeUser) -> list[str]:
    return harness.replies(user.id)


async def entries_of(harness: BotHarness, user: FakeUser) -> list[str]:
    rows = await harness.store.entries.between(user.id, date(1900, 1, 1), date(2200, 12, 31))
    return [entry.text for entry in rows]


# ---- 9. answers longer than one message ---------------------------------------------------


async def test_a_busy_days_checkin_is_delivered_in_parts(harness: BotHarness) -> None:
    # About 4,600 characters of entries, and one entry of 4,096 on its own.
    busy = [f"entry {n}: " + "工作" * 110 for n in range(20)]
    with time_machine.travel(NOW, tick=False):
        for text in [*busy, "x" * 4096]:
            await say(harness, ALICE, text)
    with time_machine.travel(datetime(2024, 6, 3, 21, 30, tzinfo=UTC), tick=False):
        await run_due(harness)
    prompt = [t for t in texts(harness, ALICE) if "entry 0:" in t or "Evening check-in" in t]
    assert any("Evening check-in" in t for t in prompt)
    delivered = "\n".join(texts(harness, ALICE))
    for text in busy:
        assert text in delivered  # nothing dropped to make it fit
    assert delivered.count("x" * 4000) >= 1
    # The buttons come under the last part, so the check-in can go on.
    last = harness.api.sent_messages(ALICE.id)[-1]
    assert last.get("reply_markup", {}).get("inline_keyboard")


async def test_a_long_goal_is_set_shown_and_asked(harness: BotHarness) -> None:
    goal = "ship the beta " + "and the docs " * 400  # about 5,200 characters
    with time_machine.travel(NOW, tick=False):
        await say(harness, ALICE, f"/goal {goal}")
        replies = texts(harness, ALICE)
        assert "Key goal" in replies[-2] or "Key goal" in replies[-1]
        assert "".join(replies[-2:]).count("and the docs") == 400
        await say(harness, ALICE, "/settings")
        assert "went wrong" not in harness.last_reply(ALICE.id)
        await say(harness, ALICE, "/goal")
        assert "went wrong" not in harness.last_reply(ALICE.id)
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert prefs.goal == goal.strip()
    # The check-in's goal step asks about it and takes the answer.
    with time_machine.travel(datetime(2024, 6, 3, 21, 0, tzinfo=UTC), tick=True):
        await say(harness, ALICE, "/checkin")
        await press(harness, ALICE, "Next")  # today's entries
        await press(harness, ALICE, "Next")  # states
        await press(harness, ALICE, "Partly")
    checkin = await harness.store.checkins.get(ALICE.id, DAY)
    assert checkin is not None
    assert (checkin.goal, checkin.goal_answer) == (goal.strip(), "partly")
    assert not [t for t in texts(harness, ALICE) if "went wrong" in t]


async def test_a_long_unmatched_search_is_echoed_in_parts(harness: BotHarness) -> None:
    await say(harness, ALICE, "read Dune")
    word = "z" * 5000
    await say(harness, ALICE, f"/search {word}")
    replies = texts(harness, ALICE)
    assert "Nothing matches" in replies[-2]
    assert "".join(replies[-2:]).count("z") == 5000


async def test_undo_of_a_4096_character_entry_shows_all_of_it(harness: BotHarness) -> None:
    text = "<b>&" * 1024  # 4,096 characters that all need escaping
    await say(harness, ALICE, text)
    await say(harness, ALICE, "/undo")
    shown = "".join(texts(harness, ALICE)[1:])
    assert shown.count("<b>&") == 1024
    assert await entries_of(harness, ALICE) == []


# ---- 10. arguments that are validated and explained ----------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        "/week 9999-12-31",
        "/month 9999-12",
        "/day 9999999999 天前",
        "/day 99999 days ago",
        "/day 1899-12-31",
        "/month 2023-13",
        "/day 2023-02-30",
    ],
)
async def test_far_or_impossible_dates_are_refused_with_what_is_accepted(
    harness: BotHarness, command: str
) -> None:
    await say(harness, ALICE, "read Dune")
    await say(harness, ALICE, command)
    reply = harness.last_reply(ALICE.id)
    assert "can't read" in reply
    assert "1900 to 2200" in reply
    assert "November" not in reply and "Nov" not in reply


async def test_search_since_a_far_past_is_refused(harness: BotHarness) -> None:
    await say(harness, BOB, "读完了《叫魂》")
    await say(harness, BOB, "/search 叫魂 since " + "9" * 30 + " 天前")
    assert "1900 到 2200" in harness.last_reply(BOB.id)


async def test_search_with_a_thousand_words_says_how_many_it_takes(harness: BotHarness) -> None:
    await say(harness, ALICE, "a b c")
    await say(harness, ALICE, "/search " + " ".join("abcdefghij"[n % 10] for n in range(1000)))
    assert "up to 32 words" in harness.last_reply(ALICE.id)


async def test_search_with_a_nul_finds_the_words_around_it(harness: BotHarness) -> None:
    await say(harness, ALICE, "deploy the gateway")
    await say(harness, ALICE, "/search deploy\x00gateway")
    reply = harness.last_reply(ALICE.id)
    assert "1 entry" in reply
    assert "deploy the gateway" in reply.replace("\n", " ")


async def test_problem_done_with_a_bad_number_is_refused_not_added(harness: BotHarness) -> None:
    for command in ("/problem done -1", "/problem done x", "/problem done", "/problem 完成 ²"):
        await say(harness, ALICE, command)
        assert "/problem done 2" in harness.last_reply(ALICE.id)
    assert await harness.store.checkins.open_problems(ALICE.id) == []
    await say(harness, ALICE, "/problem done with the flaky tests")
    (problem,) = await harness.store.checkins.open_problems(ALICE.id)
    assert problem.text == "done with the flaky tests"


async def test_a_far_back_dating_prefix_keeps_the_text_whole_today(harness: BotHarness) -> None:
    await say(harness, ALICE, "9999-12-31: a note to the far future")
    await say(harness, ALICE, "1899-12-31 before the bounds")
    rows = await harness.store.entries.on_day(ALICE.id, DAY)
    assert [entry.text for entry in rows] == [
        "9999-12-31: a note to the far future",
        "1899-12-31 before the bounds",
    ]


# ---- 11. a reply that fails on the way ---------------------------------------------------


@pytest.mark.parametrize(("status", "times"), [(502, 1), (500, 3), (429, 2)])
async def test_a_failed_saved_reply_is_sent_again(
    harness: BotHarness, status: int, times: int
) -> None:
    harness.api.fail_next("sendMessage", status=status, times=times, retry_after=1)
    await say(harness, ALICE, "fixed the deploy job")
    assert await entries_of(harness, ALICE) == ["fixed the deploy job"]
    assert texts(harness, ALICE) == ["✅ Saved under Mon 2024-06-03."]


async def test_when_every_retry_fails_the_user_is_told_the_entry_is_saved(
    harness: BotHarness,
) -> None:
    harness.api.fail_next("sendMessage", status=502, times=4)  # the first try and 3 retries
    await say(harness, ALICE, "fixed the deploy job")
    assert await entries_of(harness, ALICE) == ["fixed the deploy job"]
    reply = harness.last_reply(ALICE.id)
    assert "saved" in reply and "No need to send it again" in reply
    assert "may not have been kept" not in reply


class ResetOnce(FakeRequest):
    """A connection reset (no HTTP answer at all) on the next sendMessage."""

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(api)
        self.resets = 1

    @override
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if url.endswith("/sendMessage") and self.resets:
            self.resets -= 1
            raise NetworkError("aiohttp.ClientOSError: [Errno 104] Connection reset by peer")
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


@pytest.fixture
async def resetting(tmp_path: Any, api: FakeBotApi) -> AsyncIterator[BotHarness]:
    app = build_application(
        make_settings(tmp_path), request=ResetOnce(api), get_updates_request=FakeRequest(api)
    )
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    yield BotHarness(app, api)
    await app.post_shutdown(app)
    await app.shutdown()


async def test_a_reset_connection_on_the_saved_reply_is_retried(resetting: BotHarness) -> None:
    await say(resetting, ALICE, "fixed the deploy job")
    assert await entries_of(resetting, ALICE) == ["fixed the deploy job"]
    assert texts(resetting, ALICE) == ["✅ Saved under Mon 2024-06-03."]


# ---- 12. edits, invisible text, broken characters, buttons ---------------------------------


async def test_an_edited_command_is_not_an_entry(harness: BotHarness) -> None:
    sent = harness.api.text_update(ALICE, "/goal old goal", date=NOW)
    await harness.feed(sent)
    await harness.feed(harness.api.edited_text_update(sent, "/goal new goal"))
    assert await entries_of(harness, ALICE) == []
    assert "Send the command anew" in harness.last_reply(ALICE.id)
    prefs = await harness.store.checkins.prefs(ALICE.id)
    assert prefs.goal == "old goal"


@pytest.mark.parametrize("text", ["\u200b", "\u200b\u200c\u200d\u2060\ufeff", " \u200b \n\u200b"])
async def test_text_of_only_zero_width_characters_is_no_entry(
    harness: BotHarness, text: str
) -> None:
    await say(harness, ALICE, text)
    assert await entries_of(harness, ALICE) == []
    assert "only invisible characters" in harness.last_reply(ALICE.id)


async def test_an_entry_with_a_zero_width_joiner_emoji_is_kept(harness: BotHarness) -> None:
    await say(harness, ALICE, "👩\u200d💻 shipped")
    assert await entries_of(harness, ALICE) == ["👩\u200d💻 shipped"]


@pytest.fixture
async def polling(harness: BotHarness) -> AsyncIterator[BotHarness]:
    stop = asyncio.Event()
    task = asyncio.create_task(poll_until_stopped(harness.app, stop))
    yield harness
    stop.set()
    await asyncio.wait_for(task, timeout=10)


async def test_a_lone_surrogate_is_stored_with_a_visible_mark(polling: BotHarness) -> None:
    api = polling.api
    # Through getUpdates, as JSON: "\ud83d" alone is half of an emoji.
    api.push(api.text_update(ALICE, "read \ud83d Dune 👍", date=NOW))
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="the answer")
    assert await entries_of(polling, ALICE) == ["read \ufffd Dune 👍"]
    assert "Saved" in polling.last_reply(ALICE.id)


async def test_a_lone_surrogate_by_webhook_is_stored_too(harness: BotHarness) -> None:
    async with TestClient(TestServer(webhook_server(harness.app, "hook", "s"))) as client:
        update = harness.api.text_update(ALICE, "half \udc00 an emoji", date=NOW)
        response = await client.post(
            "/hook",
            data=json.dumps(update),  # "\udc00" escaped, as Telegram would send it
            headers={"Content-Type": "application/json", SECRET_HEADER: "s"},
        )
        assert response.status == 200
    assert await entries_of(harness, ALICE) == ["half \ufffd an emoji"]
    assert "Saved" in harness.last_reply(ALICE.id)


async def test_an_unknown_button_is_answered(harness: BotHarness) -> None:
    await say(harness, ALICE, "read Dune")
    message = harness.api.sent_messages(ALICE.id)[-1]
    for data in ("nonsense", "progress:page:x", "checkin"):
        update = harness.api.callback_update(ALICE, message, data)
        await harness.feed(update)
        answer = harness.api.callback_answers[update["callback_query"]["id"]]
        assert "does nothing any more" in answer["text"]


@pytest.mark.parametrize(
    "data",
    ["ci:zzz", "ci:", "import:zzz", "progress:page:9999", "progress:item:999999", "search:1:9"],
)
async def test_a_forged_button_of_a_known_kind_is_answered(harness: BotHarness, data: str) -> None:
    await say(harness, ALICE, "read Dune")
    message = harness.api.sent_messages(ALICE.id)[-1]
    update = harness.api.callback_update(ALICE, message, data)
    await harness.feed(update)
    assert update["callback_query"]["id"] in harness.api.callback_answers
    assert not [t for t in texts(harness, ALICE) if "went wrong" in t]


async def test_a_button_on_a_deleted_message_gets_a_clear_answer(harness: BotHarness) -> None:
    for number in range(12):
        await say(harness, ALICE, f"2024-05-{number + 1:02d}: 网关 {number}")
    await say(harness, ALICE, "/search 网关")
    page = harness.api.sent_messages(ALICE.id)[-1]
    older = page["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    await harness.app.bot.delete_message(ALICE.id, page["message_id"])
    await harness.feed(harness.api.callback_update(ALICE, page, older))
    reply = harness.last_reply(ALICE.id)
    assert "is gone" in reply
    assert "may not have been kept" not in reply


# ---- a poisoned update -------------------------------------------------------------------


async def test_a_poisoned_update_is_answered_and_confirmed_once(
    polling: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    api = polling.api
    # Telegram refuses the reply outright (a 400 is not retried): the handler raises.
    api.fail_next("sendMessage", status=400, description="Bad Request: can't parse entities")
    api.push(api.text_update(ALICE, "fixed the deploy job", date=NOW))
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="the error answer")
    await api.wait_until(lambda: not api.pending_updates, what="the update confirmed")
    assert "No need to send it again" in polling.last_reply(ALICE.id)
    api.push(api.text_update(BOB, "写文档", date=NOW))
    await api.wait_until(lambda: bool(api.sent_messages(BOB.id)), what="the next chat answered")
    assert await entries_of(polling, ALICE) == ["fixed the deploy job"]  # handled once
    assert len(api.sent_messages(ALICE.id)) == 1
    caplog.clear()  # the failure was logged with its traceback, as a bug should be
