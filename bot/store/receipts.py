"""Receipts of commands that must not run twice (see migrations/0007_command_receipts.sql)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.store.database import Database


@dataclass(frozen=True)
class CommandMessage:
    """The Telegram message a command came in: what a repeat of it is recognised by."""

    user_id: int
    chat_id: int
    message_id: int


@dataclass(frozen=True)
class Receipt:
    """That a command message ran at `at`, and the answer it gave."""

    message: CommandMessage
    command: str
    answer: str
    at: datetime


class ReceiptStore:
    """Looks receipts up; the store making a change writes its receipt, in its transaction."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def answer(self, message: CommandMessage) -> str | None:
        """The answer a command message already got ('' if it showed the current state), or
        None if it never ran."""
        row = await self._db.fetchone(
            "SELECT answer FROM command_receipts"
            " WHERE user_id = ? AND chat_id = ? AND message_id = ?",
            (message.user_id, message.chat_id, message.message_id),
        )
        return str(row[0]) if row else None


async def write_receipt(connection: aiosqlite.Connection, receipt: Receipt) -> None:
    """Inside the change's transaction: the command message ran, and what it answered."""
    message = receipt.message
    await connection.execute(
        "INSERT INTO command_receipts"
        " (user_id, chat_id, message_id, command, answer, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            message.user_id,
            message.chat_id,
            message.message_id,
            receipt.command,
            receipt.answer,
            receipt.at.isoformat(),
        ),
    )
