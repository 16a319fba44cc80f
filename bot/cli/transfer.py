"""`daylog export` and `daylog import`: the whole log to and from a file, in the chat's formats.

Export writes exactly what bot/reports/export.py renders. Import reads a dated Markdown log or a
jrnl journal with the parsers in bot/parsing and files each entry through the store; an entry
already in the log (same day, same text) is skipped, so importing a file twice adds nothing.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import get_args
from zoneinfo import ZoneInfo

import click

from bot.cli.session import DATABASE, USER, load_settings, open_store, resolve_user, run_async
from bot.parsing.jrnl import parse_jrnl
from bot.parsing.markdown_log import ImportedEntry, parse_markdown_log
from bot.reports.export import ExportFormat, export_log
from bot.store import Store

FIRST_DAY, LAST_DAY = date(1, 1, 1), date(9999, 12, 31)
# An imported Markdown entry has a day but no time: it is filed at noon, on the user's clock.
IMPORTED_AT = time(12, 0)


@click.command("export")
@USER
@DATABASE
@click.option(
    "--format", "fmt", type=click.Choice(get_args(ExportFormat)), default="md", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
def export(
    user_id: int | None, database: Path | None, fmt: ExportFormat, output: Path | None
) -> None:
    """Write the user's whole log as Markdown, JSON, CSV or a jrnl journal."""
    settings = load_settings(offline=True, database=database)

    async def work() -> bytes:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id)
            entries = await store.entries.between(user.user_id, FIRST_DAY, LAST_DAY)
            document = export_log(
                entries, fmt, exported_at=datetime.now(UTC), tz=ZoneInfo(user.timezone)
            )
            return document.content

    content = run_async(work)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(content)
        click.echo(f"wrote {output} ({len(content)} bytes)", err=True)


@click.command("import")
@USER
@DATABASE
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "md", "jrnl"]),
    default="auto",
    show_default=True,
    help="md: `### YYYY-MM-DD` sections; jrnl: `[YYYY-MM-DD HH:MM] text`; auto: whichever reads.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(user_id: int | None, database: Path | None, fmt: str, file: Path) -> None:
    """Add the entries of a dated Markdown log or a jrnl journal to the user's log."""
    settings = load_settings(offline=True, database=database)
    text = file.read_text(encoding="utf-8-sig")

    async def work() -> tuple[int, int]:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id, register=True)
            tz = ZoneInfo(user.timezone)
            jrnl = parse_jrnl(text, tz)
            found: list[tuple[ImportedEntry, datetime]]
            if fmt == "jrnl" or (fmt == "auto" and jrnl.entries and not jrnl.skipped_lines):
                found = [(entry, entry.created_at) for entry in jrnl.entries]
            else:
                found = [
                    (entry, datetime.combine(entry.day, IMPORTED_AT, tz))
                    for entry in parse_markdown_log(text).entries
                ]
            return await _add_new(store, user.user_id, found)

    added, skipped = run_async(work)
    if added == 0 and skipped == 0:
        raise click.ClickException(f"found no dated entries in {file}")
    click.echo(f"imported {added} entries from {file} ({skipped} already in the log)")


async def _add_new(
    store: Store, user_id: int, found: list[tuple[ImportedEntry, datetime]]
) -> tuple[int, int]:
    existing = {
        (entry.day, entry.text)
        for entry in await store.entries.between(user_id, FIRST_DAY, LAST_DAY)
    }
    added = 0
    for entry, created_at in found:
        if (entry.day, entry.text) in existing:
            continue
        existing.add((entry.day, entry.text))
        await store.entries.add(
            user_id, entry.text, entry.day, created_at=created_at, source="import"
        )
        added += 1
    return added, len(found) - added
