"""The typed context and bot_data: the one place that knows their shape."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from telegram import User
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.alerts import AlertThrottle
from bot.checkin.outbox import Outbox
from bot.config import Settings
from bot.i18n import language_for
from bot.media.files import MediaFiles
from bot.media.queue import TranscriptionQueue
from bot.models import UserSettings
from bot.rate_limit import Send
from bot.store import Store


class BotData:
    """Process-wide state: settings, the open store, when the bot started and admin alerts."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._store: Store | None = None
        # Check-ins due together queue here (bot/checkin/outbox.py); started in post_init.
        self.outbox = Outbox()
        self.started_at = datetime.now(UTC)
        self.alerts = AlertThrottle()
        # Users whose check-in job ensure_scheduled has already looked for since start-up, so a
        # user with check-ins off costs no query per update (/forget drops the user from it).
        self.schedule_checked: set[int] = set()
        # Voice notes, photos and files on disk, and the transcription queue when transcription
        # is on (TRANSCRIBER); both set up in post_init (bot/app.py).
        self._media_files: MediaFiles | None = None
        self.transcription: TranscriptionQueue | None = None

    @property
    def media_files(self) -> MediaFiles:
        """The media files (set up in post_init)."""
        if self._media_files is None:
            raise RuntimeError("the media files are set up in post_init")
        return self._media_files

    @media_files.setter
    def media_files(self, value: MediaFiles) -> None:
        self._media_files = value

    @property
    def settings(self) -> Settings:
        """The settings the application was built with."""
        if self._settings is None:
            raise RuntimeError("settings are set by build_application")
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def store(self) -> Store:
        """The open store (opened in post_init, closed in post_shutdown)."""
        if self._store is None:
            raise RuntimeError("the store is opened in post_init")
        return self._store

    @store.setter
    def store(self, value: Store | None) -> None:
        self._store = value


class DaylogContext(CallbackContext[ExtBot[Send], dict[Any, Any], dict[Any, Any], BotData]):
    """Callback context with typed access to the store and settings."""

    @property
    def store(self) -> Store:
        """The open store."""
        return self.bot_data.store

    @property
    def settings(self) -> Settings:
        """The application's settings."""
        return self.bot_data.settings

    async def user_settings(self, user: User) -> UserSettings:
        """The user's settings, registering them on first contact."""
        return await self.store.users.ensure(
            user.id,
            chat_id=user.id,
            language=language_for(user.language_code),
            timezone=self.settings.default_timezone,
            now=datetime.now(UTC),
        )


CONTEXT_TYPES = ContextTypes(context=DaylogContext, bot_data=BotData)

DaylogApplication = Application[
    ExtBot[Send],
    DaylogContext,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[DaylogContext],
]
