"""Users and their settings."""

from __future__ import annotations

from datetime import datetime

from cachetools import LRUCache

from bot.models import Language, UserSettings
from bot.store.database import Database, Row

CACHED_USERS = 10_000


class UserStore:
    """Reads and writes the users table."""

    def __init__(self, database: Database) -> None:
        self._db = database
        # Every update asks for its user; only this store changes users, so a copy in memory
        # is safe, and saves a trip to the database per message. (/forget drops it.) Bounded:
        # the recently active users, not everyone the bot ever met.
        self._known: LRUCache[int, UserSettings] = LRUCache(maxsize=CACHED_USERS)

    async def ensure(
        self, user_id: int, *, chat_id: int | None, language: Language, timezone: str, now: datetime
    ) -> UserSettings:
        """Return the user, registering them with these defaults the first time."""
        existing = await self.get(user_id)
        if existing is not None:
            return existing
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO users (user_id, chat_id, language, timezone, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING",
                (user_id, chat_id, language, timezone, now.isoformat()),
            )
        registered = await self.get(user_id)
        assert registered is not None  # noqa: S101 - inserted just above
        return registered

    async def get(self, user_id: int) -> UserSettings | None:
        """The user, or None if they never wrote to the bot."""
        if user_id in self._known:
            return self._known[user_id]
        row = await self._db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
        if row is None:
            return None
        self._known[user_id] = _user(row)
        return self._known[user_id]

    def drop_cached(self, user_id: int) -> None:
        """Forget the copy in memory (the user's rows were deleted)."""
        self._known.pop(user_id, None)

    async def set_language(self, user_id: int, language: Language) -> None:
        """Change the language the bot answers in."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE users SET language = ? WHERE user_id = ?", (language, user_id)
            )
        self.drop_cached(user_id)

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        """Change the IANA timezone that decides the user's day."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE users SET timezone = ? WHERE user_id = ?", (timezone, user_id)
            )
        self.drop_cached(user_id)

    async def count(self) -> int:
        """How many users the bot knows."""
        row = await self._db.fetchone("SELECT COUNT(*) FROM users")
        return int(row[0]) if row else 0


def _user(row: Row) -> UserSettings:
    return UserSettings(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        language=row["language"],
        timezone=row["timezone"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )
