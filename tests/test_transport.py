"""The bot's HTTP client: chosen by TELEGRAM_HTTP_CLIENT, and no token in its errors.

How AiohttpRequest behaves against the Bot API (sending, uploads, downloads, 5xx, 429,
timeouts, long polling) is tested in test_fakebotapi.py, where every transport-level test runs
once over PTB's HTTPXRequest and once over AiohttpRequest.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pydantic import ValidationError
from telegram import Bot
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest

from bot.app import build_application
from bot.config import Settings, describe_settings_error
from bot.transport import AiohttpRequest
from tests.conftest import TOKEN, make_settings
from tests.fakebotapi import FakeBotApiServer, FakeUser

ALICE = FakeUser(id=1001, first_name="Alice", language_code="en")


@pytest.mark.parametrize(("client", "kind"), [("aiohttp", AiohttpRequest), ("httpx", HTTPXRequest)])
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
