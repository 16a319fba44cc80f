"""Who is asking and when: the user, their timezone, their own day and check-in, worked out once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.checkin.models import CheckinPrefs, ScheduledUser
from bot.dates import logical_day
from bot.models import Language, UserSettings

# Reads a user's check-in settings (the store's `checkins.prefs`, handed in from above).
PrefsReader = Callable[[int], Awaitable[CheckinPrefs]]


@dataclass(frozen=True, slots=True)
class Caller:
    """One update's (or one CLI command's) user and the one instant their day is read from.

    The instant is the message's own time for a message, so a message queued while the bot was
    down is filed under the day it was sent; and the present for a button, a job or the CLI,
    whose message (if any) was sent long before. Everything that asks "which day is today?"
    reads `today` here instead of working it out again.

    The check-in settings are read on first use and kept (`checkin_prefs()`): most updates are
    plain entries that never need them, and those that do read them once, not once per step.
    """

    user: UserSettings
    now: datetime
    zone: ZoneInfo
    today: date
    read_prefs: PrefsReader = field(repr=False, compare=False)
    _prefs: list[CheckinPrefs] = field(init=False, default_factory=list, repr=False, compare=False)

    @classmethod
    def at(
        cls, user: UserSettings, now: datetime, day_start: time, read_prefs: PrefsReader
    ) -> Caller:
        """The caller as of `now` (timezone-aware), on their clock and the bot's day start."""
        zone = ZoneInfo(user.timezone)
        today = logical_day(now, zone, day_start)
        return cls(user=user, now=now, zone=zone, today=today, read_prefs=read_prefs)

    @property
    def user_id(self) -> int:
        """The caller's Telegram user id."""
        return self.user.user_id

    @property
    def language(self) -> Language:
        """The language the caller is answered in."""
        return self.user.language

    async def checkin_prefs(self) -> CheckinPrefs:
        """The caller's check-in settings, read from the store once per update."""
        if not self._prefs:
            self._prefs.append(await self.read_prefs(self.user_id))
        return self._prefs[0]

    async def scheduled(self) -> ScheduledUser:
        """The caller with their check-in settings, as the check-in conversation takes them."""
        return ScheduledUser(**self.user.model_dump(), prefs=await self.checkin_prefs())
