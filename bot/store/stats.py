"""Counts over a user's entries: the days they logged and how much, for streaks and charts."""

from __future__ import annotations

from datetime import date

from bot.store.database import Database


class StatsStore:
    """Aggregates over entries; every query is scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def active_days(self, user_id: int) -> set[date]:
        """Every day the user has at least one entry (kept by triggers in entry_days)."""
        rows = await self._db.fetchall("SELECT day FROM entry_days WHERE user_id = ?", (user_id,))
        return {date.fromisoformat(row["day"]) for row in rows}

    async def counts_by_day(self, user_id: int, first: date, last: date) -> dict[date, int]:
        """How many entries each day from first to last holds (days without any are absent)."""
        rows = await self._db.fetchall(
            "SELECT day, COUNT(*) AS n FROM entries WHERE user_id = ? AND day BETWEEN ? AND ?"
            " GROUP BY day",
            (user_id, first.isoformat(), last.isoformat()),
        )
        return {date.fromisoformat(row["day"]): int(row["n"]) for row in rows}

    async def span(self, user_id: int) -> tuple[date, date] | None:
        """The first and last day the user has entries on."""
        row = await self._db.fetchone(
            "SELECT MIN(day), MAX(day) FROM entries WHERE user_id = ?", (user_id,)
        )
        if row is None or row[0] is None:
            return None
        return date.fromisoformat(row[0]), date.fromisoformat(row[1])
