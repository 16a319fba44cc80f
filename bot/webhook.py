"""Webhook mode: an aiohttp server that answers Telegram only once an update was handled.

Telegram sends an update again until its webhook answers 2xx. python-telegram-bot's own webhook
server answers as soon as the update is in its queue, so a crash (SIGKILL, power loss) loses
what was queued but not yet handled. This server answers after `process_update` has finished,
which makes webhook mode at-least-once like long polling (bot/polling.py): an update the bot
died on comes again, and a message seen twice is stored once (by its message id).

One chat's updates are handled one after another, in the order their bodies arrived; other
chats run side by side (Telegram opens several connections to a webhook).
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from aiohttp import web
from telegram import Update

from bot.context import DaylogApplication
from bot.lifecycle import running
from bot.telegram.chat_lanes import ChatLanes
from bot.telegram.incoming import without_lone_surrogates

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
# How long a stop waits for updates being handled before it gives up on them (Telegram then
# sends them again). Below the 30 s that docker compose and the systemd unit allow a stop, so
# the database is still closed cleanly after it.
SHUTDOWN_SECONDS = 20.0


def webhook_server(app: DaylogApplication, path: str, secret: str) -> web.Application:
    """The aiohttp application serving POST /<path> for Telegram, and nothing else."""
    lanes = ChatLanes()
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        # aiohttp keeps undecodable header bytes as surrogates; they must compare, not crash.
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, expected):
            return web.Response(status=403)
        update = await _read_update(request, app)
        if update is None:
            # It came with the secret, so from Telegram: any answer but 2xx would have it sent
            # again forever. Dropped, with a note.
            log.warning("webhook: dropped a body that is not an update")
            return web.Response(status=200)
        chat = update.effective_chat
        async with lanes.lane(chat.id if chat else None):
            # Handler errors go to the error handler inside process_update, as in polling.
            await app.process_update(update)
        return web.Response(status=200)

    server = web.Application()
    server.router.add_post(f"/{path}", receive)
    return server


async def _read_update(request: web.Request, app: DaylogApplication) -> Update | None:
    try:
        payload: Any = await request.json()
        if not isinstance(payload, dict) or "update_id" not in payload:
            return None
        return Update.de_json(without_lone_surrogates(payload), app.bot)
    except (ValueError, TypeError, KeyError, AttributeError):
        # Bad JSON, or JSON that is not shaped like an update (`"message": "x"`).
        return None


async def run_webhook(app: DaylogApplication) -> None:
    """Serve the webhook until SIGINT or SIGTERM, then finish what is being handled and stop."""
    settings = app.bot_data.settings
    assert settings.webhook_url and settings.webhook_secret  # noqa: S101 - Settings ensures it
    secret = settings.webhook_secret.get_secret_value()
    async with running(app) as stop:
        await app.start()
        # No access log: each line would carry the webhook's path, which is meant to be secret.
        runner = web.AppRunner(
            webhook_server(app, settings.webhook_path, secret),
            access_log=None,
            shutdown_timeout=SHUTDOWN_SECONDS,
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port)
            await site.start()
            # Listening first, so Telegram's first delivery finds the port open.
            await app.bot.set_webhook(
                settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES
            )
            # Not the path: it is part of what keeps strangers from posting updates.
            log.info(
                "webhook for @%s listening on %s:%s",
                app.bot.username,
                settings.webhook_listen,
                settings.webhook_port,
            )
            await stop.wait()
        finally:
            # The webhook stays set: Telegram keeps new updates until the bot is back. Updates
            # being handled finish first; their answers tell Telegram they arrived.
            await runner.cleanup()
            await app.stop()
