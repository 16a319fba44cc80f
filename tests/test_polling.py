"""Long polling: one chat's updates in order, a slow or throttled chat delaying only itself."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from telegram._utils.types import ODVInput
from telegram.error import TelegramError
from telegram.request import BaseRequest, RequestData
from typing_extensions import override

from bot.app import build_application
from bot.polling import poll_until_stopped
from bot.telegram.fitting_bot import fetch_updates
from bot.telegram.transport import AiohttpRequest, HttpxRequest
from fakebotapi import FakeBotApi, FakeBotApiServer, FakeRequest, FakeUser
from tests.conftest import TOKEN, BotHarness, make_settings

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "en")
WEDNESDAY = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
async def polling(harness: BotHarness) -> AsyncIterator[BotHarness]:
    stop = asyncio.Event()
    task = asyncio.create_task(poll_until_stopped(harness.app, stop))
    yield harness
    stop.set()
    await asyncio.wait_for(task, timeout=10)


def push(harness: BotHarness, user: FakeUser, text: str) -> None:
    harness.api.push(harness.api.text_update(user, text, date=WEDNESDAY))


async def test_a_slow_stats_in_one_chat_does_not_hold_another(polling: BotHarness) -> None:
    api = polling.api
    push(polling, ALICE, "fixed the deploy job")
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's entry saved")
    api.fail_next("sendPhoto", status=None, delay=3.0)  # the heatmap: slow to arrive
    push(polling, ALICE, "/stats")
    await api.wait_for("sendPhoto")  # Alice's /stats is under way, its photo held back
    push(polling, BOB, "read Dune")
    await api.wait_until(lambda: bool(api.sent_messages(BOB.id)), what="Bob's answer")
    assert not [m for m in api.sent_messages(ALICE.id) if "photo" in m]
    await api.wait_until(
        lambda: any("photo" in m for m in api.sent_messages(ALICE.id)), what="the heatmap"
    )


async def test_a_429_on_one_chats_reply_does_not_hold_another(polling: BotHarness) -> None:
    api = polling.api
    api.fail_next("sendMessage", status=429, retry_after=3)
    push(polling, ALICE, "fixed the deploy job")
    await api.wait_for("sendMessage")  # Alice's reply was told to wait three seconds
    push(polling, BOB, "read Dune")
    await api.wait_until(lambda: bool(api.sent_messages(BOB.id)), what="Bob's answer")
    assert not api.sent_messages(ALICE.id)
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's answer")


async def test_one_chats_updates_are_handled_in_order_and_confirmed(
    polling: BotHarness,
) -> None:
    api = polling.api
    api.fail_next("sendMessage", status=None, delay=0.5)  # the first reply is slow
    for number in range(1, 6):
        push(polling, ALICE, f"entry {number}")
    await api.wait_until(lambda: len(api.sent_messages(ALICE.id)) == 5, what="five replies")
    entries = await polling.store.entries.on_day(ALICE.id, WEDNESDAY.date())
    assert [entry.text for entry in entries] == [f"entry {n}" for n in range(1, 6)]
    await api.wait_until(lambda: not api.pending_updates, what="every update confirmed")


async def test_a_409_on_get_updates_is_logged_and_polling_goes_on(
    polling: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    api = polling.api
    api.fail_next("getUpdates", status=409)  # another copy of the bot took the token a moment
    push(polling, ALICE, "fixed the deploy job")
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's answer")
    assert any(
        "getUpdates failed: Conflict" in record.getMessage() and "another copy" in record.message
        for record in caplog.records
    )


class ProxyErrorPage(FakeRequest):
    """A proxy in front of the Bot API that answers the next getUpdates with its own page."""

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(api)
        self.pages = 1

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
        if url.endswith("/getUpdates") and self.pages:
            self.pages -= 1
            return 200, b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        return await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


async def test_an_answer_that_is_not_json_is_logged_and_polling_goes_on(
    tmp_path: Path, api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    app = build_application(
        make_settings(tmp_path), request=FakeRequest(api), get_updates_request=ProxyErrorPage(api)
    )
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    stop = asyncio.Event()
    task = asyncio.create_task(poll_until_stopped(app, stop))
    api.push(api.text_update(ALICE, "fixed the deploy job", date=WEDNESDAY))
    await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's answer")
    stop.set()
    await asyncio.wait_for(task, timeout=10)  # ended by the stop, not by the bad answer
    await app.post_shutdown(app)
    await app.shutdown()
    lines = [record.getMessage() for record in caplog.records]
    assert any("not the Bot API's (a proxy in between?)" in line for line in lines)


@pytest.mark.parametrize("kind", [AiohttpRequest, HttpxRequest])
def test_the_transport_reads_a_proxy_page_as_an_error_without_a_traceback(
    caplog: pytest.LogCaptureFixture, kind: type[BaseRequest]
) -> None:
    with pytest.raises(TelegramError, match="Invalid server response"):
        kind.parse_json_payload(b"<html><h1>502 Bad Gateway</h1></html>")
    assert caplog.records == []  # the poller logs one clear line instead (tests above)
    assert kind.parse_json_payload(b'{"ok": true, "result": []}')["ok"] is True


@pytest.mark.parametrize("client", ["aiohttp", "httpx"])
async def test_a_proxy_page_for_get_updates_is_one_clear_line_with_either_client(
    tmp_path: Path, client: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Over HTTP, with the client TELEGRAM_HTTP_CLIENT names: a 200 whose body is a proxy's
    page is one warning without a traceback, then polling asks again after its back-off."""
    async with FakeBotApiServer(token=TOKEN) as server:
        api = server.api
        settings = make_settings(tmp_path, telegram_api_url=server.url, telegram_http_client=client)
        app = build_application(settings)
        await app.initialize()
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        api.fail_next("getUpdates", status=200, page="<html><h1>502 Bad Gateway</h1></html>")
        stop = asyncio.Event()
        task = asyncio.create_task(poll_until_stopped(app, stop))
        api.push(api.text_update(ALICE, "fixed the deploy job", date=WEDNESDAY))
        await api.wait_until(lambda: bool(api.sent_messages(ALICE.id)), what="Alice's answer")
        stop.set()
        await asyncio.wait_for(task, timeout=10)
        await app.post_shutdown(app)
        await app.shutdown()
    failed = [r for r in caplog.records if "getUpdates failed" in r.getMessage()]
    assert len(failed) == 1
    assert "not the Bot API's (a proxy in between?); retrying in 1 s" in failed[0].getMessage()
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert sum(call.method == "getUpdates" for call in api.calls) >= 2  # asked again


async def test_updates_still_running_are_not_fetched_again_for_each_one_that_finishes(
    polling: BotHarness,
) -> None:
    """Every poll brings back the updates still being handled; polling after each finish read
    about a hundred again per new one (ingest fell to a fifth). Refilling at half keeps the
    number of polls a small fraction of the updates."""
    api = polling.api
    users = [FakeUser(1000 + n, f"User {n}", "en") for n in range(20)]
    before = sum(call.method == "getUpdates" for call in api.calls)
    for number in range(400):
        push(polling, users[number % len(users)], f"entry {number}")
    await api.wait_until(
        lambda: sum(call.method == "sendMessage" for call in api.calls) >= 400,
        what="400 replies",
        timeout=120,
    )
    polls = sum(call.method == "getUpdates" for call in api.calls) - before
    # Four batches of a hundred need a few polls each; one per finished update was ~160.
    assert polls < 60


async def test_updates_already_started_are_not_built_again(harness: BotHarness) -> None:
    """A poll while updates run brings them back; only the new ones become Update objects."""
    api = harness.api
    for number in range(3):
        push(harness, ALICE, f"entry {number}")
    everything = await fetch_updates(harness.app.bot, first_new=None, offset=None, timeout=0)
    assert len(everything) == 3
    newest = everything[-1].update_id
    fresh = await fetch_updates(harness.app.bot, first_new=newest, offset=None, timeout=0)
    assert [update.update_id for update in fresh] == [newest]
    assert fresh[0].message is not None and fresh[0].message.text == "entry 2"
    assert len(api.pending_updates) == 3  # nothing confirmed: the offset did not move
