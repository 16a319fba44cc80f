"""Settings: defaults, parsing, and clear messages for bad values that never show the token."""

from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_settings_error

TOKEN = "123456:SECRET-token-value"


def settings_from(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name in [
        "BOT_TOKEN",
        "TELEGRAM_API_URL",
        "DATABASE_PATH",
        "ALLOWED_USER_IDS",
        "DEFAULT_TIMEZONE",
        "DAY_START",
        "LOG_LEVEL",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings(_env_file=None)


def error_text(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    with pytest.raises(ValidationError) as raised:
        settings_from(monkeypatch, **env)
    return describe_settings_error(raised.value)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(monkeypatch, BOT_TOKEN=TOKEN)
    assert settings.telegram_api_url == "https://api.telegram.org"
    assert settings.database_path == Path("data/daylog.sqlite3")
    assert settings.allowed_user_ids == frozenset()
    assert settings.default_timezone == "UTC"
    assert settings.day_start == time(4, 0)
    assert settings.log_level == "INFO"
    assert settings.bot_api_base_url == "https://api.telegram.org/bot"
    assert settings.bot_file_base_url == "https://api.telegram.org/file/bot"


def test_values_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(
        monkeypatch,
        BOT_TOKEN=TOKEN,
        TELEGRAM_API_URL="http://127.0.0.1:8081/",
        ALLOWED_USER_IDS="1, 22,333",
        DEFAULT_TIMEZONE="Asia/Shanghai",
        DAY_START="05:30",
        LOG_LEVEL="debug",
    )
    assert settings.bot_api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.allowed_user_ids == frozenset({1, 22, 333})
    assert settings.day_start == time(5, 30)
    assert settings.log_level == "DEBUG"


def test_missing_token_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    message = error_text(monkeypatch)
    assert "BotFather" in message
    assert ".env" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DAY_START", "25:00"),
        ("ALLOWED_USER_IDS", "12,alice"),
        ("LOG_LEVEL", "LOUD"),
        ("TELEGRAM_API_URL", "api.telegram.org"),
    ],
)
def test_bad_setting_names_variable_and_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    message = error_text(monkeypatch, BOT_TOKEN=TOKEN, **{variable: value})
    assert message.startswith(f"{variable}=")
    assert value in message
    assert TOKEN not in message


def test_token_is_hidden_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(monkeypatch, BOT_TOKEN=TOKEN)
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.model_dump())
