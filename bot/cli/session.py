"""What every command-line command needs: settings without a token, the store, the user."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import SecretStr, ValidationError

from bot.caller import Caller
from bot.config import Settings, describe_settings_error
from bot.i18n import Html, t
from bot.models import UserSettings
from bot.store import Store

T = TypeVar("T")

DATABASE = click.option(
    "--database",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file (default: DATABASE_PATH from the environment or .env).",
)
USER = click.option(
    "--user",
    "user_id",
    type=int,
    default=None,
    help="Telegram user id; may be left out when the database has one user.",
)

# Commands that only read or write the database never call Telegram, so they must work without
# BOT_TOKEN (a cron job, a health check); this stands in for it and is never sent anywhere.
_NO_TOKEN = SecretStr("0:offline-command-needs-no-token")


def load_settings(*, offline: bool = False, database: Path | None = None) -> Settings:
    """Read the settings, or stop with exit code 2 and one clear line per bad variable."""
    overrides: dict[str, Any] = {}
    if offline:
        overrides["bot_token"] = _NO_TOKEN
    if database is not None:
        overrides["database_path"] = database
    try:
        return Settings(**overrides)  # the rest comes from the environment and .env
    except ValidationError as error:
        print(f"daylog: {describe_settings_error(error)}", file=sys.stderr)
        raise SystemExit(2) from None


def run_async(work: Callable[[], Awaitable[T]]) -> T:
    """Run one command's coroutine to completion."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")

    async def main() -> T:
        return await work()

    return asyncio.run(main())


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Store]:
    """The store, migrated and open for the duration of one command."""
    store = await Store.open(settings.database_path)
    try:
        yield store
    finally:
        await store.close()


async def resolve_user(
    store: Store, settings: Settings, user_id: int | None, *, register: bool = False
) -> UserSettings:
    """The user --user names, or the only user there is; `register` adds an unknown id."""
    if user_id is None:
        ids = await store.accounts.user_ids()
        if len(ids) != 1:
            known = ", ".join(map(str, ids[:10])) or "none yet"
            raise click.UsageError(f"pass --user <id>: the database has {len(ids)} users ({known})")
        user_id = ids[0]
    user = await store.users.get(user_id)
    if user is not None:
        return user
    if not register:
        raise click.ClickException(f"user {user_id} has never used the bot")
    # Someone who only uses the command line: the bot's defaults, as on a first /start.
    return await store.users.ensure(
        user_id,
        chat_id=None,
        language="en",
        timezone=settings.default_timezone,
        now=datetime.now(UTC),
    )


def cli_caller(store: Store, settings: Settings, user: UserSettings) -> Caller:
    """The user as of now, on their clock and with the bot's day start, as the chat reckons it."""
    return Caller.at(user, datetime.now(UTC), settings.day_start, store.checkins.prefs)


def say(user: UserSettings, key: str, /, **params: object) -> Html:
    """A catalogue message in the user's language (the same words the chat uses)."""
    return t(user.language, key, **params)
