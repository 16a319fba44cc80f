"""What a summary shows, gathered from the store and from pluggable progress and check-in sources.

Progress and check-ins live in stores other features own. A summary reaches them through two small
protocols; `summary_sources` is the one place that picks the implementations.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Protocol

from pydantic import Field

from bot.checkin.review import CheckinRecord
from bot.media.marks import media_marks
from bot.models import Entry, Frozen, ProgressPoint, ProgressUpdate
from bot.store import Store
from bot.streaks import StreakInfo, user_streak


class DayProgress(Frozen):
    """One progress update, filed under the day of the entry it came from."""

    day: date
    entry_id: int | None
    update: ProgressUpdate


class ProgressSource(Protocol):
    """Where progress updates come from."""

    async def updates_in(self, user_id: int, entries: Sequence[Entry]) -> list[DayProgress]:
        """The updates recorded from these entries, in the order written."""

    async def latest_before(
        self, user_id: int, day: date, keys: Collection[str]
    ) -> dict[str, ProgressPoint]:
        """For each item key, its last update before `day` (items without one are absent)."""


class CheckinSource(Protocol):
    """Where the daily check-ins come from."""

    async def records_between(
        self, user_id: int, first: date, last: date, weekdays: frozenset[int]
    ) -> list[CheckinRecord]:
        """The check-ins of the days first to last (`weekdays`: the days a check-in is due)."""

    async def neutral_days(self, user_id: int) -> set[date]:
        """Days skipped or paused on purpose: they neither count for nor break a streak."""


@dataclass(frozen=True)
class Sources:
    """The progress and check-in sources a summary reads."""

    progress: ProgressSource
    checkins: CheckinSource | None = None


class StoredProgress:
    """Progress as the progress feature recorded it (items joined, merged and renamed)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def updates_in(self, user_id: int, entries: Sequence[Entry]) -> list[DayProgress]:
        """The updates recorded from these entries, in the order written."""
        if not entries:
            return []
        wanted = {entry.id for entry in entries}
        first, last = min(e.day for e in entries), max(e.day for e in entries)
        rows = await self._store.progress.updates_between(user_id, first, last)
        return [
            DayProgress(day=day, entry_id=entry_id, update=update)
            for day, entry_id, update in rows
            if entry_id in wanted
        ]

    async def latest_before(
        self, user_id: int, day: date, keys: Collection[str]
    ) -> dict[str, ProgressPoint]:
        """For each item, its last update before the span: where a digest's "moved" starts."""
        return await self._store.progress.latest_before(user_id, day, keys)


class StoredCheckins:
    """The check-ins the evening self-check recorded."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def records_between(
        self, user_id: int, first: date, last: date, weekdays: frozenset[int]
    ) -> list[CheckinRecord]:
        """The check-ins of the days first to last (open ones with what was answered so far)."""
        return await self._store.checkins.records(user_id, first, last, weekdays)

    async def neutral_days(self, user_id: int) -> set[date]:
        """Skipped and paused days."""
        _, neutral = await self._store.checkins.streak_days(user_id)
        return neutral


def summary_sources(store: Store) -> Sources:
    """The sources in use: stored progress and the recorded check-ins."""
    return Sources(progress=StoredProgress(store), checkins=StoredCheckins(store))


class Summary(Frozen):
    """Everything a summary of the days first to last shows."""

    first: date
    last: date
    today: date
    entries: list[Entry]
    progress: list[DayProgress]
    baseline: dict[str, ProgressPoint]
    checkins: list[CheckinRecord]
    streak: StreakInfo | None
    # The marks of entries with media (`📷 2`, `🎤 0:23`, `📎 name`), by entry id.
    marks: dict[int, list[str]] = Field(default_factory=dict)


async def gather_summary(
    store: Store,
    sources: Sources,
    user_id: int,
    first: date,
    last: date,
    *,
    today: date,
    weekdays: frozenset[int],
    with_digest: bool,
) -> Summary:
    """The entries of a span with their progress and check-ins; with the streak for a digest.

    `weekdays` are the user's check-in days (`caller.checkin_prefs()`, read once per update).
    """
    entries = await store.entries.between(user_id, first, last)
    progress = await sources.progress.updates_in(user_id, entries)
    attachments = await store.attachments.for_entries(user_id, [entry.id for entry in entries])
    marks = {
        entry_id: media_marks(list(group))
        for entry_id, group in groupby(attachments, key=lambda attachment: attachment.entry_id)
    }
    checkins: list[CheckinRecord] = []
    if sources.checkins is not None:
        checkins = await sources.checkins.records_between(user_id, first, last, weekdays)
    baseline: dict[str, ProgressPoint] = {}
    streak_info = None
    if with_digest:
        keys = {item.update.key for item in progress}
        baseline = await sources.progress.latest_before(user_id, first, keys)
        streak_info = await user_streak(store, user_id, today, weekdays=weekdays)
    return Summary(
        first=first,
        last=last,
        today=today,
        entries=entries,
        progress=progress,
        baseline=baseline,
        checkins=checkins,
        streak=streak_info,
        marks=marks,
    )
