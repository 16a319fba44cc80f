"""The typed context and bot_data, and where each update's Caller is built."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from telegram import CallbackQuery, Message, Update, User
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.alerts import AlertThrottle
from bot.caller import Caller
from bot.checkin.due_loop import DueLoop
from bot.checkin.outbox import Outbox
from bot.config import Settings
from bot.i18n import language_for
from bot.media.files import MediaFiles
from bot.media.queue import TranscriptionQueue
from bot.models import UserSettings
from bot.store import Store
from bot.telegram.rate_limit import Send


class BotData:
    """Process-wide state: settings, the open store, when the bot started and admin alerts."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._store: Store | None = None
        # Check-ins due together queue here (bot/checkin/outbox.py); started in post_init.
        self.outbox = Outbox()
        self.started_at = datetime.now(UTC)
        self.alerts = AlertThrottle()
        self._checkin_scheduler: DueLoop | None = None
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
    def checkin_scheduler(self) -> DueLoop:
        """The loop that sends check-ins when due (built by build_application)."""
        if self._checkin_scheduler is None:
            raise RuntimeError("the check-in scheduler is set by build_application")
        return self._checkin_scheduler

    @checkin_scheduler.setter
    def checkin_scheduler(self, value: DueLoop) -> None:
        self._checkin_scheduler = value

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

    # python-telegram-bot makes one context per update, shared by every handler that runs for
    # it: a handler that hands the update on (a transcript correction falling back to capture)
    # finds the Caller already read.
    _message_caller: tuple[Message, Caller] | None = None

    @property
    def store(self) -> Store:
        """The open store."""
        return self.bot_data.store

    @property
    def settings(self) -> Settings:
        """The application's settings."""
        return self.bot_data.settings

    def forget_user(self, user_id: int) -> None:
        """Drop everything held in memory about a user whose rows were deleted (/forget).

        The one place that knows every such piece: the store's cache of users and
        python-telegram-bot's user_data. Check-ins hold nothing per user in memory: their due
        times and steps are rows, gone with the user's rows.
        """
        self.bot_data.store.forget_cached(user_id)
        self.application.drop_user_data(user_id)

    async def message_caller(self, update: Update) -> tuple[Message, Caller]:
        """A message's (or command's) own message and its caller, as of the message's time;
        read once per update."""
        message = update.effective_message
        if message is None or update.effective_user is None:
            # The handler's filters let only a user's message through; this is a wiring bug.
            raise TypeError("a message handler was given an update without a user's message")
        if self._message_caller is None or self._message_caller[0] is not message:
            self._message_caller = message, await self._caller(update.effective_user, message.date)
        return self._message_caller

    async def button_caller(self, update: Update) -> tuple[CallbackQuery, Caller]:
        """A button press and its caller, as of now (the button's message is older)."""
        query = update.callback_query
        if query is None:
            raise TypeError("a button handler was given an update without a button press")
        return query, await self._caller(query.from_user, datetime.now(UTC))

    async def _caller(self, user: User, now: datetime) -> Caller:
        return Caller.at(
            await self._user_settings(user), now, self.settings.day_start, self.store.checkins.prefs
        )

    async def _user_settings(self, user: User) -> UserSettings:
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
