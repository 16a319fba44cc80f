"""The typed context and bot_data: the one place that knows their shape."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from telegram import User
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.alerts import AlertThrottle
from bot.checkin.outbox import Outbox
from bot.config import Settings
from bot.i18n import language_for
from bot.models import UserSettings
from bot.rate_limit import Send
from bot.store import Store

if TYPE_CHECKING:
    # The scheduler runs DaylogContext's application, so it imports this module at run time.
    from bot.checkin.scheduler import CheckinScheduler


class BotData:
    """Process-wide state: settings, the open store, when the bot started and admin alerts."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._store: Store | None = None
        # Check-ins due together queue here (bot/checkin/outbox.py); started in post_init.
        self.outbox = Outbox()
        self.started_at = datetime.now(UTC)
        self.alerts = AlertThrottle()
        self._checkin_scheduler: CheckinScheduler | None = None

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
    def checkin_scheduler(self) -> CheckinScheduler:
        """The loop that sends check-ins when due (built by build_application)."""
        if self._checkin_scheduler is None:
            raise RuntimeError("the check-in scheduler is set by build_application")
        return self._checkin_scheduler

    @checkin_scheduler.setter
    def checkin_scheduler(self, value: CheckinScheduler) -> None:
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

    @property
    def checkin_scheduler(self) -> CheckinScheduler:
        """The loop that sends check-ins when due (built by build_application)."""
        if self._checkin_scheduler is None:
            raise RuntimeError("the check-in scheduler is set by build_application")
        return self._checkin_scheduler

    @checkin_scheduler.setter
    def checkin_scheduler(self, value: CheckinScheduler) -> None:
        self._checkin_scheduler = value

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

        The one place that knows every such piece: the store's caches (users, and which
        check-ins wait for a typed answer) and python-telegram-bot's user_data. Check-ins hold
        nothing per user in memory: their due times are rows, gone with the user's rows.
        """
        self.bot_data.store.forget_cached(user_id)
        self.application.drop_user_data(user_id)

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
