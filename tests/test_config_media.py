"""The media settings: where files go, the quota, who transcribes; the API key stays secret."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings, describe_settings_error

TOKEN = "123456:SECRET-token-value"
KEY = "sk-live-0123456789abcdef"
MEDIA_VARIABLES = [
    "MEDIA_DIR",
    "MEDIA_QUOTA_MB",
    "TRANSCRIBER",
    "WHISPER_MODEL",
    "TRANSCRIBE_API_URL",
    "TRANSCRIBE_API_KEY",
    "TRANSCRIBE_MODEL",
    "DATABASE_PATH",
]


def settings_from(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    for name in MEDIA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings(_env_file=None)


def error_text(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    with pytest.raises(ValidationError) as raised:
        settings_from(monkeypatch, **env)
    return describe_settings_error(raised.value)


def test_defaults_keep_media_next_to_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(monkeypatch, DATABASE_PATH="/srv/daylog/log.sqlite3")
    assert settings.media_path == Path("/srv/daylog/media")
    assert settings.model_cache_path == Path("/srv/daylog/models")
    assert settings.media_quota_bytes is None
    assert (settings.transcriber, settings.whisper_model) == ("auto", "base")
    assert settings.transcribe_model == "whisper-1"


def test_the_lines_of_env_example_mean_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(
        monkeypatch,
        MEDIA_DIR="",
        MEDIA_QUOTA_MB="",
        TRANSCRIBE_API_URL="",
        TRANSCRIBE_API_KEY="",
    )
    assert settings.media_dir is None and settings.media_quota_mb is None
    assert settings.transcribe_api_url is None and settings.transcribe_api_key is None


def test_a_quota_and_a_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_from(monkeypatch, MEDIA_DIR="/data/files", MEDIA_QUOTA_MB="50")
    assert settings.media_path == Path("/data/files")
    assert settings.media_quota_bytes == 50 * 1024 * 1024
    assert settings_from(monkeypatch, MEDIA_QUOTA_MB="0").media_quota_bytes is None
    assert "MEDIA_QUOTA_MB='-1'" in error_text(monkeypatch, MEDIA_QUOTA_MB="-1")


def test_the_api_needs_its_url_and_the_key_is_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "TRANSCRIBE_API_URL" in error_text(monkeypatch, TRANSCRIBER="api")
    message = error_text(
        monkeypatch, TRANSCRIBER="api", TRANSCRIBE_API_URL="ftp://x", TRANSCRIBE_API_KEY=KEY
    )
    assert "must start with http" in message and KEY not in message
    settings = settings_from(
        monkeypatch,
        TRANSCRIBER="api",
        TRANSCRIBE_API_URL="http://127.0.0.1:8000/v1/",
        TRANSCRIBE_API_KEY=KEY,
    )
    assert settings.transcribe_api_url == "http://127.0.0.1:8000/v1"
    assert KEY in settings.secrets  # so logs redact it
    assert KEY not in repr(settings) and KEY not in str(settings.model_dump())


def test_an_unknown_transcriber_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "TRANSCRIBER='whisper'" in error_text(monkeypatch, TRANSCRIBER="whisper")
