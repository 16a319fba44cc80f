"""What a summary shows, gathered from the store and from pluggable progress and check-in sources.

Progress and check-ins live in stores other features own. A summary reaches them through two small
protocols; `summary_sources` is the one place that picks the implementations. Until progress is
stored, it is read from the entries' own text with `parse_progress`, and there are no check-ins.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from bot.checkin.review import CheckinRecord
from bot.models import Entry, Frozen, ProgressUpdate
from bot.parsing.progress import parse_progress
from bot.reports.progress import ProgressPoint
from bot.reports.streaks import StreakInfo, streak
from bot.store import Store

# parse_progress finds nothing in a text without a digit or a word of completion (every form it
# reads has one of them), so such texts are not parsed at all; tests/test_summaries.py checks this
# holds over the real logs.
_MAY_HOLD_PROGRESS = re.compile(r"\d|完|finished|done|completed", re.IGNORECASE)


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

    async def records_between(self, user_id: int, first: date, last: date) -> list[CheckinRecord]:
        """The check-ins of the days first to last."""

    async def neutral_days(self, user_id: int) -> set[date]:
        """Days skipped or paused on purpose: they neither count for nor break a streak."""


class ParsedProgress:
    """Progress read from the entries' text, for as long as no feature stores it."""

    async def updates_in(self, user_id: int, entries: Sequence[Entry]) -> list[DayProgress]:
        """Every update written in the entries."""
        del user_id  # the entries are already the user's own
        return [
            DayProgress(day=entry.day, entry_id=entry.id, update=update)
            for entry in entries
            if _MAY_HOLD_PROGRESS.search(entry.text)
            for update in parse_progress(entry.text)
        ]

    async def latest_before(
        self, user_id: int, day: date, keys: Collection[str]
    ) -> dict[str, ProgressPoint]:
        """Nothing: parsing the whole history on every summary would cost too much."""
        del user_id, day, keys
        return {}


@dataclass(frozen=True)
class Sources:
    """The progress and check-in sources a summary reads."""

    progress: ProgressSource
    checkins: CheckinSource | None = None


def summary_sources(store: Store) -> Sources:
    """The sources in use. Wire stored progress (issue 3) and check-ins (issue 4) here."""
    del store
    return Sources(progress=ParsedProgress())


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


async def gather_summary(
    store: Store,
    sources: Sources,
    user_id: int,
    first: date,
    last: date,
    *,
    today: date,
    with_digest: bool,
) -> Summary:
    """The entries of a span with their progress and check-ins; with the streak for a digest."""
    entries = await store.entries.between(user_id, first, last)
    progress = await sources.progress.updates_in(user_id, entries)
    checkins: list[CheckinRecord] = []
    if sources.checkins is not None:
        checkins = await sources.checkins.records_between(user_id, first, last)
    baseline: dict[str, ProgressPoint] = {}
    streak_info = None
    if with_digest:
        keys = {item.update.key for item in progress}
        baseline = await sources.progress.latest_before(user_id, first, keys)
        streak_info = await user_streak(store, sources, user_id, today)
    return Summary(
        first=first,
        last=last,
        today=today,
        entries=entries,
        progress=progress,
        baseline=baseline,
        checkins=checkins,
        streak=streak_info,
    )


async def user_streak(store: Store, sources: Sources, user_id: int, today: date) -> StreakInfo:
    """The user's current and longest streak: days with entries, check-in pauses neutral."""
    active = await store.stats.active_days(user_id)
    neutral: set[date] = set()
    if sources.checkins is not None:
        neutral = await sources.checkins.neutral_days(user_id)
        done = await sources.checkins.records_between(user_id, date.min, today)
        active |= {record.day for record in done if record.status == "done"}
    return streak(active, neutral, today)
