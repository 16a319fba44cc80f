"""`daylog progress`: /progress and /progress NAME in a terminal, through the same functions."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from pathlib import Path

import click

from bot.cli.plain import to_plain
from bot.cli.session import (
    DATABASE,
    USER,
    cli_caller,
    load_settings,
    open_store,
    resolve_user,
    run_async,
)
from bot.models import UserSettings
from bot.progress import tracking
from bot.progress.listing import Page, chart_target, item_detail, not_found, overview_page
from bot.progress.reparse import reparse_user
from bot.store import Store


@click.command()
@USER
@DATABASE
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="With NAME: also write the item's chart, the picture /progress NAME sends, as PNG.",
)
@click.argument("name", nargs=-1, metavar="[NAME]")
def progress(
    user_id: int | None, database: Path | None, chart: Path | None, name: tuple[str, ...]
) -> None:
    """Print every page of /progress; with NAME, that item's detail, as /progress NAME shows it."""
    query = " ".join(name).strip()
    if chart is not None and not query:
        raise click.UsageError(
            "--chart draws one item: name it (daylog progress NAME --chart FILE)"
        )
    settings = load_settings(offline=True, database=database)

    async def work() -> tuple[str, bytes | None]:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id)
            today = cli_caller(store, settings, user).today
            if not query:
                first = await _page(store, user, today, 0)
                pages = [first] + [
                    await _page(store, user, today, number) for number in range(1, first.count)
                ]
                return "\n\n".join(to_plain(page.text) for page in pages), None
            item = await tracking.find(store, user.user_id, query)
            if item is None:
                titles = await tracking.recent_titles(store, user.user_id)
                raise click.ClickException(to_plain(not_found(user.language, query, titles)))
            state, points = await tracking.detail(store, item, today)
            text = to_plain(item_detail(user.language, item, state, points))
            if chart is None:
                return text, None
            # matplotlib takes most of a second to import: only a chart pays for it.
            from bot.progress.charts import progress_chart  # noqa: PLC0415

            return text, progress_chart(
                item.title, points, chart_target(item, state), whole=tracking.whole_of(item)
            )

    text, png = run_async(work)
    click.echo(text)
    if chart is not None and png is not None:
        chart.write_bytes(png)
        click.echo(f"wrote {chart} ({len(png)} bytes)", err=True)


async def _page(store: Store, user: UserSettings, today: date, number: int) -> Page:
    return overview_page(user.language, await tracking.overview(store, user.user_id, today, number))


@click.command()
@click.option("--user", "user_id", type=int, default=None, help="Only this user (default: all).")
@DATABASE
def reparse(user_id: int | None, database: Path | None) -> None:
    """Read every entry's progress again with this version's reader, one transaction per user.

    What the user made of their items (/merge, /rename, /target, /total, /done, /drop) is kept;
    running it twice changes nothing the second time. The bot does this by itself at start
    for users last read by an older version.
    """
    settings = load_settings(offline=True, database=database)

    async def work() -> list[str]:
        async with open_store(settings) as store:
            ids = [user_id] if user_id is not None else await store.accounts.user_ids()
            lines = []
            for one in ids:
                if await store.users.get(one) is None:
                    raise click.ClickException(f"user {one} has never used the bot")
                started = time.perf_counter()
                done = await reparse_user(store, one, datetime.now(UTC))
                lines.append(
                    f"user {one}: {done.entries} entries read, {done.changed_entries} changed"
                    f" (+{done.added} −{done.removed} updates, {done.new_items} new items)"
                    f" in {time.perf_counter() - started:.2f} s"
                )
            return lines

    for line in run_async(work):
        click.echo(line)
