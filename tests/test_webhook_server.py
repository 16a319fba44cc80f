"""The webhook server in process: it answers only after handling, refuses what is not an update,
and keeps one chat's updates in order while other chats go on."""

from __future__ import annotations

import asyncio
import json

from aiohttp.test_utils import TestClient, TestServer

from bot.telegram.chat_lanes import ChatLanes
from bot.webhook import SECRET_HEADER, webhook_server
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
SECRET = "hook-secret"


async def post(client: TestClient, body: str, secret: str = SECRET) -> int:
    response = await client.post(
        "/hook", data=body, headers={"Content-Type": "application/json", SECRET_HEADER: secret}
    )
    return response.status


async def raw_status(client: TestClient, header: bytes) -> int:
    """POST /hook with one header exactly as given (bytes no HTTP client library would send)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", client.server.port)
    writer.write(
        b"POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n"
        + header
        + b"\r\n\r\n{}"
    )
    await writer.drain()
    status_line = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return int(status_line.split()[1])


async def test_an_update_is_stored_and_answered_before_200(harness: BotHarness) -> None:
    async with TestClient(TestServer(webhook_server(harness.app, "hook", SECRET))) as client:
        update = harness.api.text_update(ALICE, "by webhook")
        assert await post(client, json.dumps(update)) == 200
        # By the time Telegram has its 200, the entry is stored and the reply sent.
        entry = await harness.store.entries.last(ALICE.id)
        assert entry is not None
        assert entry.text == "by webhook"
        assert "Saved under" in harness.last_reply(ALICE.id)
        assert await post(client, json.dumps(update), secret="wrong") == 403


async def test_what_is_not_an_update_is_dropped_and_stores_nothing(harness: BotHarness) -> None:
    """With the secret it came from Telegram: 200, or Telegram would send it forever."""
    async with TestClient(TestServer(webhook_server(harness.app, "hook", SECRET))) as client:
        bodies = (
            "{not json",
            "[1, 2]",
            '{"message": {}}',
            '"text"',
            '{"update_id": 1, "message": "x"}',
        )
        for body in bodies:
            assert await post(client, body) == 200
        assert (await client.get("/hook")).status == 405
        assert (await client.post("/elsewhere", data="{}")).status == 404
        # A header that is not valid text is refused like a wrong secret, not a server error.
        assert await raw_status(client, SECRET_HEADER.encode() + b": \xffsecret") == 403
    assert await harness.store.entries.count() == 0
    assert harness.api.sent_messages() == []


async def test_lanes_keep_one_chat_in_order_and_let_others_pass() -> None:
    lanes = ChatLanes()
    events: list[str] = []
    release_first = asyncio.Event()

    async def handle(chat: int, name: str, wait: asyncio.Event | None = None) -> None:
        async with lanes.lane(chat):
            events.append(f"start {name}")
            if wait is not None:
                await wait.wait()
            events.append(f"end {name}")

    first = asyncio.create_task(handle(1, "a1", release_first))
    await asyncio.sleep(0)
    second = asyncio.create_task(handle(1, "a2"))
    other = asyncio.create_task(handle(2, "b1"))
    await other
    # Chat 2 went by while chat 1's first update was still being handled.
    assert events == ["start a1", "start b1", "end b1"]
    assert len(lanes) == 1
    release_first.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert len(lanes) == 0
