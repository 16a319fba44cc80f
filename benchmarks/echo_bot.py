"""A bare python-telegram-bot echo bot: the baseline daylog's ingest throughput is compared to."""

from __future__ import annotations

import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text that came in."""
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


def main() -> None:
    """Poll the Bot API at TELEGRAM_API_URL with BOT_TOKEN, like daylog does."""
    url = os.environ["TELEGRAM_API_URL"]
    app = (
        Application.builder()
        .token(os.environ["BOT_TOKEN"])
        .base_url(f"{url}/bot")
        .base_file_url(f"{url}/file/bot")
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
