"""The log from a terminal: the same capture and reports as the chat, printed as plain text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from bot.answers.summaries import gather_summary, summary_sources
from bot.answers.summary_report import render_summary
from bot.cli.plain import join_plain, to_plain
from bot.cli.session import (
    DATABASE,
    USER,
    cli_caller,
    load_settings,
    open_store,
    resolve_user,
    run_async,
    say,
)
from bot.log.capture import capture_text
from bot.telegram.day_listing import format_day


# Entries often start with "- " (a bullet): such words are text, not unknown options.
@click.command(context_settings={"ignore_unknown_options": True})
@USER
@DATABASE
@click.argument("words", nargs=-1, required=True, metavar="TEXT...")
def add(user_id: int | None, database: Path | None, words: tuple[str, ...]) -> None:
    """Add TEXT to the log, exactly as a chat message would (date prefixes included).

    Quote it to keep lines and spacing: daylog add "- ran 5k"; unquoted words are joined.
    """
    settings = load_settings(offline=True, database=database)
    text = " ".join(words)

    async def work() -> str:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id, register=True)
            captured = await capture_text(
                store,
                user,
                text,
                sent_at=datetime.now(UTC),
                day_start=settings.day_start,
                source="cli",
            )
            if captured is None:
                raise click.ClickException(to_plain(say(user, "capture.empty")))
            key = "capture.saved_backdated" if captured.backdated else "capture.saved"
            return to_plain(say(user, key, day=format_day(user.language, captured.entry.day)))

    click.echo(run_async(work))


@click.command()
@USER
@DATABASE
def today(user_id: int | None, database: Path | None) -> None:
    """Print today's entries (the user's day, in their timezone), as /today shows them."""
    settings = load_settings(offline=True, database=database)

    async def work() -> str:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id)
            caller = cli_caller(store, settings, user)
            day, weekdays = caller.today, (await caller.checkin_prefs()).weekdays
            summary = await gather_summary(
                store,
                summary_sources(store),
                user.user_id,
                day,
                day,
                today=day,
                weekdays=weekdays,
                with_digest=False,
            )
            return join_plain(
                render_summary(user.language, summary, digest=False, zone=caller.zone)
            )

    click.echo(run_async(work))
