"""The bot's HTTP client: chosen by TELEGRAM_HTTP_CLIENT, and no token in its errors.

How AiohttpRequest behaves against the Bot API (sending, uploads, downloads, 5xx, 429,
timeouts, long polling) is tested in test_fakebotapi.py, where every transport-level test runs
once over PTB's HTTPXRequest and once over AiohttpRequest.
"""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pydantic import ValidationError
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.app import build_application
from bot.config import Settings, describe_settings_error
from bot.telegram.transport import AiohttpRequest, HttpxRequest
from fakebotapi import FakeBotApiServer, FakeUser
from tests.conftest import TOKEN, make_settings

ALICE = FakeUser(id=1001, first_name="Alice", language_code="en")


@pytest.mark.parametrize(("client", "kind"), [("aiohttp", AiohttpRequest), ("httpx", HttpxRequest)])
def test_the_setting_chooses_the_client(tmp_path: Path, client: str, kind: type) -> None:
    app = build_application(make_settings(tmp_path, telegram_http_client=client))
    assert isinstance(app.bot.request, kind)
    # getUpdates has a request of its own, so a long poll never holds up a reply.
    get_updates_request = app.bot._request[0]
    assert isinstance(get_updates_request, kind)
    assert get_updates_request is not app.bot.request


def test_aiohttp_is_the_default(tmp_path: Path) -> None:
    assert make_settings(tmp_path).telegram_http_client == "aiohttp"


def test_an_unknown_client_is_named_with_its_value(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(
            _env_file=None,
            bot_token=TOKEN,
            database_path=tmp_path / "x.sqlite3",
            telegram_http_client="curl",
        )
    message = describe_settings_error(raised.value)
    assert message.startswith("TELEGRAM_HTTP_CLIENT='curl'")
    assert "aiohttp" in message
    assert "httpx" in message


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_network_errors_never_carry_the_token() -> None:
    request = AiohttpRequest()
    await request.initialize()
    try:
        url = f"http://127.0.0.1:{closed_port()}/bot{TOKEN}/getMe"
        with pytest.raises(NetworkError, match=r"^aiohttp\.ClientConnectorError") as refused:
            await request.do_request(url, "POST")
        assert TOKEN not in str(refused.value)
        # aiohttp puts a URL it cannot use into its message; the token must not come along.
        with pytest.raises(NetworkError, match=r"^aiohttp\.") as invalid:
            await request.do_request(f"http://[::1/bot{TOKEN}/getMe", "POST")
        assert TOKEN not in str(invalid.value)
        assert "/bot<token>/getMe" in str(invalid.value)
    finally:
        await request.shutdown()


async def test_a_timeout_is_timed_out_and_explicit_timeouts_win() -> None:
    async with FakeBotApiServer() as server:
        server.api.add_chat(ALICE)
        request = AiohttpRequest(read_timeout=30.0)
        async with Bot(
            server.api.token,
            base_url=server.base_url,
            request=request,
            get_updates_request=AiohttpRequest(),
        ) as bot:
            server.api.fail_next("sendMessage", status=None, delay=1.0)
            # The call's own read timeout overrides the request's 30 s.
            with pytest.raises(TimedOut):
                await bot.send_message(ALICE.id, "slow", read_timeout=0.1)
            assert request.read_timeout == 30.0


async def test_use_before_initialize_and_after_shutdown_is_refused() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botx/getMe", "POST")
    await request.initialize()
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/botx/getMe", "POST")
    # As PTB's own requests allow, initialize opens it again.
    await request.initialize()
    await request.shutdown()


def test_the_proxy_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "bot-api.internal")
    request = AiohttpRequest()
    assert request._proxy(f"https://api.telegram.org/bot{TOKEN}/getMe") == (
        "http://proxy.example:3128"
    )
    assert request._proxy("https://bot-api.internal/botx/getMe") is None
    assert request._proxy("http://127.0.0.1:8081/botx/getMe") is None


async def test_requests_go_through_an_http_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP_PROXY set, the request goes to the proxy, which passes it on to the Bot API."""
    seen: list[str] = []

    async def forward(incoming: web.Request) -> web.Response:
        seen.append(str(incoming.url))
        async with (
            aiohttp.ClientSession() as session,
            session.request(
                incoming.method,
                str(incoming.url),
                data=await incoming.read(),
                headers={"Content-Type": incoming.content_type},
            ) as answer,
        ):
            return web.Response(
                status=answer.status, body=await answer.read(), content_type="application/json"
            )

    proxy_app = web.Application()
    proxy_app.router.add_route("*", "/{path:.*}", forward)
    runner = web.AppRunner(proxy_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        for name in ("NO_PROXY", "no_proxy", "http_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{port}")
        async with FakeBotApiServer() as server:
            server.api.add_chat(ALICE)
            async with Bot(
                server.api.token,
                base_url=server.base_url,
                request=AiohttpRequest(),
                get_updates_request=AiohttpRequest(),
            ) as bot:
                await bot.send_message(ALICE.id, "via the proxy")
            assert [m["text"] for m in server.api.sent_messages()] == ["via the proxy"]
            assert seen[-1] == f"{server.base_url}{server.api.token}/sendMessage"
    finally:
        await runner.cleanup()


async def test_a_slow_but_steady_answer_is_read_to_the_end() -> None:
    """As with HTTPX, the read timeout bounds each wait for data, not the whole answer."""

    async def trickle(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()
        await response.prepare(request)
        for _ in range(8):
            await asyncio.sleep(0.15)
            await response.write(b"x" * 100)
        await response.write_eof()
        return response

    trickling = web.Application()
    trickling.router.add_get("/file/bot{token}/big.md", trickle)
    async with TestClient(TestServer(trickling)) as client:
        url = str(client.make_url(f"/file/bot{TOKEN}/big.md"))
        # Every timeout well under the 1.2 s the answer takes, each wait for data under 0.5 s.
        request = AiohttpRequest(
            read_timeout=0.5, connect_timeout=0.2, write_timeout=0.2, pool_timeout=0.1
        )
        await request.initialize()
        try:
            status, body = await request.do_request(url, "GET")
        finally:
            await request.shutdown()
    assert (status, len(body)) == (200, 800)


async def test_file_names_are_sent_as_written() -> None:
    async with FakeBotApiServer() as server:
        server.api.add_chat(ALICE)
        async with Bot(
            server.api.token,
            base_url=server.base_url,
            request=AiohttpRequest(),
            get_updates_request=AiohttpRequest(),
        ) as bot:
            await bot.send_document(ALICE.id, "日记".encode(), filename='日记 "2023".md')
        assert server.api.uploads[-1].file_name == '日记 "2023".md'
