"""What the bot may ask of the check-in's due-time loop, which lives above (bot/evening)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class DueLoop(Protocol):
    """The loop that sends check-ins, reminders and day ends when due (one per process)."""

    def start(self) -> None:
        """Start the loop (inside the running event loop, once the store is open)."""

    async def stop(self) -> None:
        """Stop the loop."""

    def wake(self) -> None:
        """Look at the due times again now, not at the end of the current sleep."""

    async def drain(self, now: datetime | None = None) -> None:
        """Pass until nothing is due at `now` (default: the clock), and wait for the outbox."""
