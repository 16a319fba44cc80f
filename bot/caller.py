"""Who is asking and when: the user, their timezone and their own day, worked out once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot.dates import logical_day
from bot.models import Language, UserSettings


@dataclass(frozen=True, slots=True)
class Caller:
    """One update's (or one CLI command's) user and the one instant their day is read from.

    The instant is the message's own time for a message, so a message queued while the bot was
    down is filed under the day it was sent; and the present for a button, a job or the CLI,
    whose message (if any) was sent long before. Everything that asks "which day is today?"
    reads `today` here instead of working it out again.
    """

    user: UserSettings
    now: datetime
    zone: ZoneInfo
    today: date

    @classmethod
    def at(cls, user: UserSettings, now: datetime, day_start: time) -> Caller:
        """The caller as of `now` (timezone-aware), on their clock and the bot's day start."""
        zone = ZoneInfo(user.timezone)
        return cls(user=user, now=now, zone=zone, today=logical_day(now, zone, day_start))

    @property
    def user_id(self) -> int:
        """The caller's Telegram user id."""
        return self.user.user_id

    @property
    def language(self) -> Language:
        """The language the caller is answered in."""
        return self.user.language
