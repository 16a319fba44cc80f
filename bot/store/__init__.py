"""The only code that speaks SQL: one Store holds the connection and one object per aggregate."""

from __future__ import annotations

from pathlib import Path

from bot.store.accounts import AccountStore
from bot.store.attachments import AttachmentStore
from bot.store.checkins import CheckinStore
from bot.store.database import Database
from bot.store.entries import EntryStore
from bot.store.imports import ImportStore
from bot.store.progress import ProgressStore
from bot.store.receipts import ReceiptStore
from bot.store.reparses import ReparseStore
from bot.store.search import SearchStore
from bot.store.search_index import SearchIndexer
from bot.store.stats import StatsStore
from bot.store.users import UserStore


class Store:
    """Everything the bot keeps, behind one open database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.users = UserStore(database)
        self.entries = EntryStore(database)
        self.accounts = AccountStore(database)
        self.progress = ProgressStore(database)
        self.search = SearchStore(database)
        self.search_index = SearchIndexer(database)
        self.imports = ImportStore(database, on_unindexed=self.search_index.wake)
        self.stats = StatsStore(database)
        self.checkins = CheckinStore(database)
        self.receipts = ReceiptStore(database)
        self.attachments = AttachmentStore(database)
        self.reparses = ReparseStore(database)

    @classmethod
    async def open(cls, path: Path) -> Store:
        """Open the database at path, migrating it to the current schema."""
        return cls(await Database.open(path))

    def forget_cached(self, user_id: int) -> None:
        """Drop every copy kept in memory of a user whose rows were deleted (/forget)."""
        self.users.drop_cached(user_id)

    async def close(self) -> None:
        """Stop the background indexing (if started) and close the database."""
        await self.search_index.stop()
        await self.database.close()


__all__ = ["Database", "Store"]
