"""Shared fixtures: real SQLite files in tmp_path, a fake Bot API, real Update objects."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from bot.context import DaylogApplication
from bot.store import Store
from fakebotapi import FakeBotApi, FakeRequest
from tests.botapi_spec import violations

# PTB 22 warns when it builds RetryAfter unless this opts in to timedelta values; the warning
# would turn every 429 into a test error, since warnings fail the tests.
os.environ.setdefault("PTB_TIMEDELTA", "true")

TOKEN = "123456789:AAH-test-token-never-to-be-logged"


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: its own database file, the fake API, no .env file."""
    values: dict[str, Any] = {
        "bot_token": TOKEN,
        "telegram_api_url": "http://127.0.0.1:9",
        "database_path": tmp_path / "daylog.sqlite3",
        "allowed_user_ids": frozenset(),
        "default_timezone": "UTC",
        "log_level": "INFO",
        # Tests that transcribe say so; the rest need no Whisper model loaded.
        "transcriber": "off",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


class BotHarness:
    """The real Application, fed real Update objects through process_update."""

    def __init__(self, app: DaylogApplication, api: FakeBotApi) -> None:
        self.app = app
        self.api = api

    @property
    def store(self) -> Store:
        """The bot's open store."""
        return self.app.bot_data.store

    async def feed(self, update: dict[str, Any]) -> None:
        """Process one update the way polling would."""
        await self.app.process_update(Update.de_json(update, self.app.bot))

    def replies(self, chat_id: int) -> list[str]:
        """Texts the bot sent to a chat, oldest first."""
        return [message.get("text", "") for message in self.api.sent_messages(chat_id)]

    def last_reply(self, chat_id: int) -> str:
        """The newest text the bot sent to a chat."""
        replies = self.replies(chat_id)
        assert replies, f"the bot sent nothing to chat {chat_id}"
        return replies[-1]


HarnessFactory = Callable[..., Awaitable[BotHarness]]


def assert_calls_follow_the_spec(fake: FakeBotApi) -> None:
    """Every call the bot made is one the published Bot API allows (tests/botapi_spec.py)."""
    problems = sorted({problem for call in fake.calls for problem in violations(call)})
    assert not problems, "calls the Bot API does not allow:\n" + "\n".join(problems)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    """An in-process fake Bot API."""
    async with FakeBotApi(TOKEN) as fake:
        yield fake
    assert_calls_follow_the_spec(fake)


@pytest.fixture
async def make_harness(tmp_path: Path, api: FakeBotApi) -> AsyncIterator[HarnessFactory]:
    """Build, initialise and later shut down a bot with the given setting overrides."""
    started: list[DaylogApplication] = []

    async def factory(**overrides: Any) -> BotHarness:
        settings = make_settings(tmp_path, **overrides)
        app = build_application(
            settings, request=FakeRequest(api), get_updates_request=FakeRequest(api)
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        started.append(app)
        return BotHarness(app, api)

    yield factory
    for app in started:
        assert app.post_shutdown is not None
        await app.post_shutdown(app)
        await app.shutdown()


@pytest.fixture
async def harness(make_harness: HarnessFactory) -> BotHarness:
    """A bot with default settings."""
    return await make_harness()
