"""Commands that run and look after the bot: run, health, backup, restore, migrate."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import click
from telegram.error import InvalidToken

from bot.answers.admin_stats import format_size
from bot.cli.session import DATABASE, load_settings, open_store, run_async
from bot.logs import configure_logging
from bot.runlock import STALE_AFTER_SECONDS, DatabaseInUse, heartbeat_age, hold_database
from bot.runlock import running_pid as bot_pid
from bot.serve import run_bot
from bot.store.backup import BackupError, backup_database, restore_database, schema_version_of


@click.command()
def run() -> None:
    """Run the bot (long polling, or a webhook when WEBHOOK_URL is set) until SIGTERM."""
    settings = load_settings()
    configure_logging(settings.log_level, settings.secrets)
    try:
        run_bot(settings)
    except DatabaseInUse as error:
        raise click.ClickException(
            f"{error.path} is in use by another daylog (pid {error.holder or '?'}); "
            "stop it first: one bot per database"
        ) from None
    except InvalidToken:
        # Telegram's 401/404 for a wrong token; say what to fix instead of a traceback.
        raise click.ClickException(
            "Telegram rejected BOT_TOKEN: check the token from @BotFather in .env "
            "(or TELEGRAM_API_URL, if you use your own Bot API server)"
        ) from None


@click.command()
@DATABASE
def health(database: Path | None) -> None:
    """Exit 0 if the bot is running, its loop is alive and the database opens (for HEALTHCHECK)."""
    settings = load_settings(offline=True, database=database)
    path = settings.database_path
    pid = bot_pid(path)
    if pid is None:
        raise click.ClickException(f"no bot is running on {path}")
    age = heartbeat_age(path)
    if age is None or age > STALE_AFTER_SECONDS:
        raise click.ClickException(f"the bot (pid {pid}) has not checked in for {age or 0:.0f} s")
    try:
        version = schema_version_of(path, read_only=True)
    except sqlite3.Error as error:
        raise click.ClickException(f"the database does not open: {error}") from None
    click.echo(f"ok: pid {pid}, last heartbeat {age:.0f} s ago, schema {version}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@DATABASE
def backup(file: Path, database: Path | None) -> None:
    """Copy the database and the media files to FILE while the bot runs, then check the copy
    (integrity_check, and each file against its hash)."""
    settings = load_settings(offline=True, database=database)
    try:
        info = backup_database(settings.database_path, file, settings.media_path)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"backed up to {info.path}: {info.entries} entries, schema {info.schema_version}, "
        f"{info.media_files} media files ({format_size(info.media_bytes)}), "
        f"{format_size(info.size_bytes)}; integrity_check ok"
    )


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@DATABASE
def restore(file: Path, yes: bool, database: Path | None) -> None:
    """Replace the database with the backup FILE; refused while the bot is running."""
    settings = load_settings(offline=True, database=database)
    target = settings.database_path
    try:
        # Holding the bot's lock: a running bot makes this fail, and no bot starts meanwhile.
        with hold_database(target):
            if target.exists() and not yes:
                click.confirm(f"Replace {target} with {file}?", abort=True)
            kept = _keep_current(target)
            info = restore_database(file, target, settings.media_path)
    except DatabaseInUse as error:
        raise click.ClickException(
            f"the bot (pid {error.holder or '?'}) is running on {target}; stop it, then restore"
        ) from None
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    if kept is not None:
        click.echo(f"the database it replaced is kept as {kept}")
    click.echo(
        f"restored {info.entries} entries (schema {info.schema_version}) and "
        f"{info.media_files} media files into {target}"
    )


def _keep_current(target: Path) -> Path | None:
    """Back up the database about to be replaced, so a restore can itself be undone."""
    if not target.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = target.with_name(f"{target.name}.before-restore-{stamp}")
    backup_database(target, kept)
    return kept


@click.command()
@DATABASE
def migrate(database: Path | None) -> None:
    """Apply pending migrations (the bot also does at start) and print the schema version."""
    settings = load_settings(offline=True, database=database)
    before = schema_version_of(settings.database_path)

    async def apply() -> int:
        async with open_store(settings) as store:
            return await store.database.schema_version()

    after = run_async(apply)
    click.echo(f"schema version {after} ({after - before} migrations applied)")
