"""Operations settings: webhook mode needs its secret, admin ids parse, secrets never echo."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_settings_error

TOKEN = "123456:SECRET-token-value"


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, bot_token=TOKEN, database_path=Path("x.sqlite3"), **values)


def error_text(**values: object) -> str:
    with pytest.raises(ValidationError) as raised:
        settings(**values)
    return describe_settings_error(raised.value)


def test_polling_by_default_and_webhook_defaults() -> None:
    default = settings()
    assert default.webhook_url is None
    assert default.webhook_secret is None
    assert (default.webhook_listen, default.webhook_port) == ("127.0.0.1", 8443)
    assert default.admin_user_ids == frozenset()
    # WEBHOOK_URL= and WEBHOOK_SECRET= as copied from .env.example mean polling.
    assert settings(webhook_url="", webhook_secret="").webhook_url is None


def test_webhook_settings_and_the_path_it_serves() -> None:
    hooked = settings(
        webhook_url="https://bot.example.org/daylog/hook-1",
        webhook_secret="abc_DEF-123",
        admin_user_ids="1, 2",
    )
    assert hooked.webhook_path == "daylog/hook-1"
    assert hooked.admin_user_ids == frozenset({1, 2})
    assert hooked.secrets == [TOKEN, "abc_DEF-123"]


def test_webhook_without_secret_names_the_variable() -> None:
    text = error_text(webhook_url="https://bot.example.org/hook")
    assert text.startswith("WEBHOOK_SECRET: is required when WEBHOOK_URL is set")


def test_a_bad_secret_is_refused_without_echoing_it() -> None:
    text = error_text(webhook_url="https://bot.example.org/hook", webhook_secret="has spaces!")
    assert text == "WEBHOOK_SECRET: must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
    assert "has spaces" not in text


def test_bad_admin_ids_and_port_name_their_variable() -> None:
    assert error_text(admin_user_ids="1,alice").startswith("ADMIN_USER_IDS='1,alice'")
    assert error_text(webhook_port=70000).startswith("WEBHOOK_PORT=70000")
