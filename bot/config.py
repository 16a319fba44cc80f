"""Settings read from the environment and `.env`; constructed explicitly, never at import time."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.checkin.errors import CheckinInputError
from bot.checkin.habits import (
    MAX_REMINDER_MINUTES,
    MIN_REMINDER_MINUTES,
    CheckinHabits,
    parse_review_day,
    parse_workday,
)

_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
# Settings whose value is never echoed back in an error message.
_SECRET_SETTINGS = frozenset({"bot_token", "webhook_secret", "transcribe_api_key"})

HOW_TO_GET_STARTED = (
    "BOT_TOKEN is not set. Get a token from @BotFather in Telegram (/newbot), "
    "then put BOT_TOKEN=<token> in the .env file next to the Makefile (or export it)."
)


# How the bot talks HTTP to the Bot API (see bot/transport.py).
HttpClient = Literal["aiohttp", "httpx"]
# Who turns voice into text (see bot/media/transcribers.py); auto is local when its extra is in.
TranscriberChoice = Literal["auto", "local", "api", "off"]


class Settings(BaseSettings):
    """Everything the bot needs to start; each field is one environment variable."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr
    telegram_api_url: str = "https://api.telegram.org"
    telegram_http_client: HttpClient = "aiohttp"
    database_path: Path = Path("data/daylog.sqlite3")
    allowed_user_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    default_timezone: str = "UTC"
    day_start: time = time(4, 0)
    log_level: str = "INFO"
    # Operations: webhook mode (WEBHOOK_URL set) and the admins who get alerts and /admin_stats.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    admin_user_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    # Check-in: the defaults for users who did not set their own (/reminder, /workday,
    # /review_day; see bot/checkin/habits.py).
    checkin_reminder_minutes: int = Field(
        default=60, ge=MIN_REMINDER_MINUTES, le=MAX_REMINDER_MINUTES
    )
    workday: Annotated[tuple[time, time], NoDecode] = (time(9, 0), time(18, 0))
    weekly_review_day: int = 6
    # Media (voice notes, photos, files): where the files live, how much each user may keep,
    # and who transcribes voice (bot/media/).
    media_dir: Path | None = None
    media_quota_mb: int | None = Field(default=None, ge=0)
    transcriber: TranscriberChoice = "auto"
    whisper_model: str = "base"
    transcribe_api_url: str | None = Field(default=None, validate_default=True)
    transcribe_api_key: SecretStr | None = None
    transcribe_model: str = "whisper-1"

    @field_validator("bot_token")
    @classmethod
    def _token_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("telegram_api_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("allowed_user_ids", "admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.split(",") if part.strip()]
            for part in parts:
                if not part.lstrip("-").isdigit():
                    raise ValueError(f"{part!r} is not a numeric Telegram user id")
            return frozenset(int(part) for part in parts)
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("is not an IANA timezone name such as Asia/Shanghai") from error
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if not value:
            return None  # WEBHOOK_URL= (empty, as in .env.example) means long polling
        if not value.startswith("https://") and not value.startswith("http://"):
            raise ValueError("must be the public https:// URL Telegram posts updates to")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        secret = value.get_secret_value() if value is not None else ""
        if not secret:
            if info.data.get("webhook_url"):
                raise ValueError(
                    "is required when WEBHOOK_URL is set (any 1-256 of A-Z a-z 0-9 _ -)"
                )
            return None
        # Telegram's rule for secret_token; anything else is refused by setWebhook.
        if not _SECRET_TOKEN.fullmatch(secret):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @property
    def webhook_path(self) -> str:
        """The path the webhook server listens on: the path of WEBHOOK_URL (a proxy keeps it)."""
        return urlsplit(self.webhook_url or "").path.strip("/")

    @field_validator("media_dir", "media_quota_mb", "transcribe_api_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # MEDIA_DIR= and MEDIA_QUOTA_MB= as .env.example shows them mean the default.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("transcribe_api_url")
    @classmethod
    def _api_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            if info.data.get("transcriber") == "api":
                raise ValueError("is required when TRANSCRIBER=api (the server's base URL)")
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("transcribe_api_key", mode="before")
    @classmethod
    def _empty_key_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def media_path(self) -> Path:
        """Where media files live: MEDIA_DIR, or a `media` folder next to the database."""
        return self.media_dir if self.media_dir is not None else self.database_path.parent / "media"

    @property
    def model_cache_path(self) -> Path:
        """Where a packaged Whisper model is joined on first use: next to the database."""
        return self.database_path.parent / "models"

    @property
    def media_quota_bytes(self) -> int | None:
        """A user's media allowance in bytes; None (MEDIA_QUOTA_MB unset or 0) is unlimited."""
        return self.media_quota_mb * 1024 * 1024 if self.media_quota_mb else None

    @property
    def secrets(self) -> list[str]:
        """Values that must never reach a log line or an error message."""
        values = [self.bot_token.get_secret_value()]
        if self.webhook_secret is not None:
            values.append(self.webhook_secret.get_secret_value())
        if self.transcribe_api_key is not None:
            values.append(self.transcribe_api_key.get_secret_value())
        return values

    @field_validator("workday", mode="before")
    @classmethod
    def _read_workday(cls, value: object) -> object:
        # The same reading as /workday: `09:00-18:00`, `9-18`, `9:30-18`.
        if isinstance(value, str):
            try:
                return parse_workday(value)
            except CheckinInputError as error:
                raise ValueError(
                    "must be two times such as 09:00-18:00, ending after it starts"
                ) from error
        return value

    @field_validator("workday")
    @classmethod
    def _workday_in_order(cls, value: tuple[time, time]) -> tuple[time, time]:
        if value[1] <= value[0]:
            raise ValueError("must end after it starts, such as 09:00-18:00")
        return value

    @field_validator("weekly_review_day", mode="before")
    @classmethod
    def _read_weekday(cls, value: object) -> object:
        # The same reading as /review_day: `sun`, `sunday`, `周日`; or 0 (Monday) to 6.
        if isinstance(value, str) and not value.strip().isdigit():
            try:
                return parse_review_day(value)
            except CheckinInputError as error:
                raise ValueError("must be one day of the week such as sun") from error
        return value

    @field_validator("weekly_review_day")
    @classmethod
    def _weekday_number(cls, value: int) -> int:
        if not 0 <= value <= 6:
            raise ValueError("must be one day of the week such as sun (or 0 Monday to 6 Sunday)")
        return value

    @property
    def checkin_habits(self) -> CheckinHabits:
        """The check-in values of a user who set none of their own."""
        return CheckinHabits(
            workday=self.workday,
            reminder_minutes=self.checkin_reminder_minutes,
            review_day=self.weekly_review_day,
        )

    @property
    def bot_api_base_url(self) -> str:
        """Base URL for Bot API calls; PTB appends the token itself."""
        return f"{self.telegram_api_url}/bot"

    @property
    def bot_file_base_url(self) -> str:
        """Base URL for file downloads; PTB appends the token itself."""
        return f"{self.telegram_api_url}/file/bot"


def describe_settings_error(error: ValidationError) -> str:
    """One line per bad setting, naming the variable and the value it got; never the token."""
    lines = []
    for problem in error.errors():
        name = str(problem["loc"][0]) if problem["loc"] else "settings"
        if name == "bot_token":
            # Missing or blank (BOT_TOKEN= copied from .env.example): say how to get one.
            return HOW_TO_GET_STARTED
        variable = name.upper()
        if name in _SECRET_SETTINGS:
            lines.append(f"{variable}: {_reason(problem['msg'])}")
            continue
        lines.append(f"{variable}={problem.get('input')!r}: {_reason(problem['msg'])}")
    return "\n".join(lines)


def _reason(message: str) -> str:
    return message.removeprefix("Value error, ")
