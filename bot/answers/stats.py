"""What /stats shows, gathered from the store and the summary sources."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from bot.answers.summaries import Sources
from bot.models import Frozen
from bot.store import Store
from bot.streaks import StreakInfo, user_streak

WEEKS = 12
BUSIEST = 5
HEATMAP_DAYS = 365


class Stats(Frozen):
    """A user's numbers: totals, streak, recent weeks, busiest items and a year of days."""

    today: date
    entries: int
    active_days: int
    first_day: date
    streak: StreakInfo
    week_starts: list[date]
    per_week: list[int]
    busiest: list[tuple[str, int]]
    per_day: dict[date, int]


async def gather_stats(
    store: Store, sources: Sources, user_id: int, today: date, weekdays: frozenset[int]
) -> Stats | None:
    """The user's stats as of `today` (check-ins due on `weekdays`); None without entries."""
    span = await store.stats.span(user_id)
    if span is None:
        return None
    year_start = today - timedelta(days=HEATMAP_DAYS - 1)
    per_day = await store.stats.counts_by_day(user_id, year_start, today)
    this_monday = today - timedelta(days=today.weekday())
    week_starts = [this_monday - timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]
    per_week = [
        sum(per_day.get(start + timedelta(days=offset), 0) for offset in range(7))
        for start in week_starts
    ]
    recent = await store.entries.between(user_id, week_starts[0], today)
    updates = await sources.progress.updates_in(user_id, recent)
    counts = Counter(item.update.key for item in updates)
    names = {item.update.key: item.update.item for item in updates}
    return Stats(
        today=today,
        entries=await store.entries.count(user_id),
        active_days=len(await store.stats.active_days(user_id)),
        first_day=span[0],
        streak=await user_streak(store, user_id, today, weekdays=weekdays),
        week_starts=week_starts,
        per_week=per_week,
        busiest=[(names[key], count) for key, count in counts.most_common(BUSIEST)],
        per_day=per_day,
    )
