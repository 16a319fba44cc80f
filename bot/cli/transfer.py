"""`daylog export` and `daylog import`: the chat's /export and /import, for scripts and migrations.

Both call the feature's own functions (bot/exporting.py, bot/importing.py), so a file exported or
imported here is exactly what the chat would send or take, and the import preview shows the same
numbers. Where the chat waits for the ✅ button, `daylog import` goes on unless --dry-run.
"""

from __future__ import annotations

import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import click

from bot.cli.plain import to_plain
from bot.cli.session import DATABASE, USER, load_settings, open_store, resolve_user, run_async, say
from bot.media.files import MediaFiles
from bot.transfer.exporting import FORMATS, Format, export_user_log
from bot.transfer.files import MAX_FILE_BYTES
from bot.transfer.importing import MAX_ARCHIVE_BYTES, carry_out, plan_import
from bot.transfer.media_archive import read_archive
from bot.transfer.render import export_caption, render_import_done, render_preview


@click.command("export")
@USER
@DATABASE
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
def export(user_id: int | None, database: Path | None, fmt: Format, output: Path | None) -> None:
    """Write the user's whole log as Markdown, JSON, CSV, a jrnl journal or a zip with the
    files, as /export sends it."""
    settings = load_settings(offline=True, database=database)

    async def work() -> tuple[bytes, str]:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id)
            media = MediaFiles(settings.media_path)
            exported = await export_user_log(store, user, fmt, now=datetime.now(UTC), media=media)
            if exported is None:
                raise click.ClickException(to_plain(say(user, "export.empty")))
            return exported.file.content, to_plain(export_caption(user.language, exported))

    content, caption = run_async(work)
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(content)
    # The chat's caption goes to standard error, so standard output stays the file alone.
    click.echo(caption if output is None else f"{caption}\nwrote {output}", err=True)


@click.command("import")
@USER
@DATABASE
@click.option("--dry-run", is_flag=True, help="Only print the preview; import nothing.")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day of the file's first `Day N`, when nothing in the file dates it.",
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_(
    user_id: int | None, database: Path | None, dry_run: bool, start: datetime | None, file: Path
) -> None:
    """Preview, then import, a dated Markdown log, a jrnl journal, a zip of daily notes or a
    zip from /export zip (its files too), as /import does.

    The preview gives the same numbers as the chat's (days, entries new and already in the log,
    progress updates, headings it could not read); entries already in the log are not added again.
    """
    settings = load_settings(offline=True, database=database)
    size = file.stat().st_size
    # As in the chat, a file over the limit is refused without reading it; a zip made by
    # /export zip (with the files) may be bigger.
    limit = MAX_ARCHIVE_BYTES if zipfile.is_zipfile(file) else MAX_FILE_BYTES
    data = file.read_bytes() if size <= limit else b""

    async def work() -> list[str]:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id, register=True)
            if size > limit:
                too_big = say(user, "import.too_big", size=f"{size / 1024 / 1024:.1f}")
                raise click.ClickException(to_plain(too_big))
            plan = await plan_import(
                store, user, data, name=file.name, start=start.date() if start else None
            )
            if isinstance(plan, str):
                key = "import.needs_start.cli" if plan == "needs_start" else f"import.{plan}"
                problem = say(user, key, file=file.name, size="> 20")
                raise click.ClickException(to_plain(problem))
            answers = [to_plain(render_preview(user.language, file.name, plan))]
            if dry_run:
                return answers
            # The file as the preview read it; a zip from /export zip brings its files.
            archive = read_archive(data) if plan.files else None
            media = MediaFiles(settings.media_path)
            files = archive.files if archive else None
            outcome = await carry_out(store, user, plan, media=media, files=files)
            assert outcome is not None  # noqa: S101 - only a pending import can be gone
            # No bot runs here to index them in the background: the command does it.
            await store.search_index.index_all()
            done = render_import_done(user.language, outcome)
            return [*answers, to_plain(done)]

    click.echo("\n\n".join(run_async(work)))
