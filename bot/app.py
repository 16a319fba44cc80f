"""build_application(): the builder, defaults, handlers and the store's lifecycle."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import cast

from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import Application, Defaults
from telegram.request import BaseRequest

from bot import handlers
from bot.checkin.outbox import workers_for
from bot.commands import COMMANDS
from bot.config import Settings
from bot.context import CONTEXT_TYPES, DaylogApplication
from bot.evening.scheduler import CheckinScheduler
from bot.handlers import media
from bot.i18n import t
from bot.log.capture import record_backlog
from bot.models import Language
from bot.progress.reparse import reparse_behind
from bot.store import Store
from bot.telegram.fitting_bot import FittingBot
from bot.telegram.rate_limit import ReplyFirstRateLimiter
from bot.telegram.transport import build_requests

log = logging.getLogger(__name__)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> DaylogApplication:
    """Build the bot; tests pass request doubles, production uses TELEGRAM_HTTP_CLIENT's."""
    if request is None and get_updates_request is None:
        request, get_updates_request = build_requests(settings.telegram_http_client)
    # The bot is built here, not by the builder, to be a FittingBot: every text it sends fits.
    bot = FittingBot(
        settings.bot_token.get_secret_value(),
        base_url=settings.bot_api_base_url,
        base_file_url=settings.bot_file_base_url,
        request=request,
        get_updates_request=get_updates_request,
        defaults=Defaults(
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            do_quote=False,
            tzinfo=UTC,
        ),
        # Check-ins and reminders go out throttled; replies do not wait (see the class).
        rate_limiter=ReplyFirstRateLimiter(settings.broadcast_rate),
    )
    builder = (
        Application.builder()
        .bot(bot)
        .context_types(CONTEXT_TYPES)
        # Updates come through bot/polling.py or bot/webhook.py, both at-least-once; PTB's
        # Updater (which confirms an update as soon as it is queued) is not used.
        .updater(None)
        .post_init(_open_resources)
        .post_shutdown(_close_resources)
    )
    # The builder types its JobQueue generically; ours runs DaylogContext callbacks.
    app = cast("DaylogApplication", builder.build())
    app.bot_data.settings = settings
    # Started by bot/lifecycle.py once the bot runs; tests drive its passes themselves.
    app.bot_data.checkin_scheduler = CheckinScheduler(app)
    handlers.register(app)
    return app


async def _open_resources(app: DaylogApplication) -> None:
    settings = app.bot_data.settings
    app.bot_data.store = await Store.open(settings.database_path)
    log.info("database open at %s", settings.database_path)
    # Imported entries are indexed for search in the background, those a crash left first.
    app.bot_data.store.search_index.start()
    # Progress of imported entries that a crash left unrecorded (see bot/log/capture.py).
    if recorded := await record_backlog(app.bot_data.store):
        log.info("recorded the progress of %d imported entries left by a crash", recorded)
    # Entries stored before the progress reader last changed are read again, once per user
    # (recorded), before any update is handled: /progress then agrees with what capture reads.
    reparsed = await reparse_behind(app.bot_data.store, datetime.now(UTC))
    if reparsed:
        log.info(
            "progress re-read for %d users: %d of %d entries changed",
            len(reparsed),
            sum(r.changed_entries for r in reparsed.values()),
            sum(r.entries for r in reparsed.values()),
        )
    app.bot_data.outbox.start(workers_for(app.bot_data.settings.broadcast_rate))
    await media.start(app)
    await publish_commands(app)


async def _close_resources(app: DaylogApplication) -> None:
    await app.bot_data.outbox.stop()  # already stopped by bot/lifecycle.py when it runs the bot
    await media.stop(app)
    store, app.bot_data.store = app.bot_data.store, None
    await store.close()
    log.info("database closed")


def bot_commands(language: Language) -> list[BotCommand]:
    """The command menu in one language."""
    return [BotCommand(c.name, t(language, c.description_key)) for c in COMMANDS]


async def publish_commands(app: DaylogApplication) -> None:
    """Tell Telegram the command menu in English (the default) and Chinese."""
    await app.bot.set_my_commands(bot_commands("en"))
    await app.bot.set_my_commands(bot_commands("zh"), language_code="zh")
