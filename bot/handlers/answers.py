"""The answers a user asks for: summaries, search, stats, export and import, wired in one call."""

from __future__ import annotations

from bot.context import DaylogApplication
from bot.handlers import search, stats, summaries, transfer


def register(app: DaylogApplication) -> None:
    """Every answer command; before capture, since an /import caption must not become an entry."""
    summaries.register(app)
    search.register(app)
    stats.register(app)
    transfer.register(app)
