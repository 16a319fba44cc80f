"""Per-chat order for updates: one chat's updates one after another, other chats side by side.

Long polling (bot/polling.py) and the webhook (bot/webhook.py) both hand every update to a
lane. A chat's messages must be handled in the order sent (an edit after its message, /undo
after the entry), but a chat that is slow (a heatmap, a reply told to wait by a 429) holds only
its own lane: nothing waits for a whole batch.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class ChatLanes:
    """One lock per chat, kept only while an update of that chat is waiting or being handled."""

    def __init__(self) -> None:
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._users: Counter[int | None] = Counter()

    @asynccontextmanager
    async def lane(self, chat_id: int | None) -> AsyncIterator[None]:
        """Hold the chat's lane: its earlier updates are done before this one starts."""
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] += 1
        try:
            async with lock:
                yield
        finally:
            self._users[chat_id] -= 1
            if not self._users[chat_id]:
                del self._users[chat_id]
                del self._locks[chat_id]

    def __len__(self) -> int:
        return len(self._locks)
