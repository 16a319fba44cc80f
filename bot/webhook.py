"""Webhook mode: python-telegram-bot's own webhook server, with a secret Telegram must send.

PTB answers Telegram 200 as soon as an update is in its queue, before a handler has run. A clean
stop (SIGTERM, SIGINT) handles everything queued first; a crash (SIGKILL, power loss) loses what
was queued but not yet handled, because Telegram will not send it again. Long polling
(bot/polling.py) is at-least-once; choose it when that matters more than a public endpoint.
"""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import DaylogApplication
from bot.lifecycle import running

log = logging.getLogger(__name__)


async def run_webhook(app: DaylogApplication) -> None:
    """Initialise, set the webhook and serve it until SIGINT or SIGTERM, then shut down in order."""
    settings = app.bot_data.settings
    assert settings.webhook_url and settings.webhook_secret  # noqa: S101 - Settings ensures it
    updater = app.updater
    assert updater is not None  # noqa: S101 - build_application keeps PTB's Updater
    async with running(app) as stop:
        # start_webhook also calls setWebhook with the URL and the secret token. Requests
        # without the matching X-Telegram-Bot-Api-Secret-Token header get 403 from PTB.
        await updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
        )
        await app.start()
        log.info(
            "webhook for @%s listening on %s:%s/%s",
            app.bot.username,
            settings.webhook_listen,
            settings.webhook_port,
            settings.webhook_path,
        )
        try:
            await stop.wait()
        finally:
            # The webhook stays set: Telegram keeps new updates until the bot is back.
            await updater.stop()
            await app.stop()  # handles what is already queued before returning
