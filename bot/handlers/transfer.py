"""/export sends the whole log as a file; /import previews a file and imports it on a button."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping
from datetime import date
from typing import Literal

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update

from bot.context import DaylogContext
from bot.i18n import t
from bot.models import Language
from bot.transfer.exporting import FORMATS, export_user_log
from bot.transfer.files import MAX_FILE_BYTES
from bot.transfer.importing import ImportPlan, import_pending, pending_entries, plan_import
from bot.transfer.media_archive import MAX_CHAT_UNPACKED_BYTES, read_archive
from bot.transfer.render import export_caption, render_import_done, render_preview
from bot.when import parse_when

# Bots may send files up to 50 MB; a bigger export is for the command line.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
_CONFIRM_DATA = re.compile(r"^import:(\d{1,18}):(yes|no)$")


async def export(update: Update, context: DaylogContext) -> None:
    """/export md|json|csv|jrnl (Markdown when no format is named)."""
    message, caller = await context.message_caller(update)
    user = caller.user
    choice = (context.args or ["md"])[0].lower()
    fmt = next((known for known in FORMATS if known == choice), None)
    if fmt is None:
        await message.reply_text(t(user.language, "export.usage"))
        return
    exported = await export_user_log(
        context.store, user, fmt, now=message.date, media=context.bot_data.media_files
    )
    if exported is None:
        await message.reply_text(t(user.language, "export.empty"))
        return
    if len(exported.file.content) > MAX_UPLOAD_BYTES:
        size = f"{len(exported.file.content) / 1024 / 1024:.0f}"
        await message.reply_text(t(user.language, "export.too_big", size=size))
        return
    caption = export_caption(user.language, exported)
    file = InputFile(exported.file.content, filename=exported.file.filename)
    await message.reply_document(file, caption=caption)


async def import_file(update: Update, context: DaylogContext) -> None:
    """A document captioned /import, or /import replying to a document: preview it."""
    message, caller = await context.message_caller(update)
    user = caller.user
    document = message.document or (message.reply_to_message and message.reply_to_message.document)
    if not document:
        await message.reply_text(t(user.language, "import.usage"))
        return
    if (document.file_size or 0) > MAX_FILE_BYTES:
        size = f"{(document.file_size or 0) / 1024 / 1024:.1f}"
        await message.reply_text(t(user.language, "import.too_big", size=size))
        return
    start = _start_day(message.text or message.caption or "", caller.today)
    if start is False:
        await message.reply_text(t(user.language, "import.bad_start"))
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    name = _file_name(document)
    plan = await plan_import(
        context.store,
        user,
        data,
        name=name,
        start=start or None,
        max_unpacked=MAX_CHAT_UNPACKED_BYTES,
    )
    if isinstance(plan, str):
        await message.reply_text(t(user.language, f"import.{plan}", file=name, size="> 20"))
        return
    # The file as read goes with the preview: the Import button does not read it again.
    entries = await asyncio.to_thread(pending_entries, plan.read)
    # A zip made by /export zip: its files are kept with the preview too (the download limit
    # bounds them), so that the Import button takes them without reading the zip again.
    archive = (
        await asyncio.to_thread(read_archive, data, max_unpacked=MAX_CHAT_UNPACKED_BYTES)
        if plan.files
        else None
    )
    files = _linked_files(plan, archive.files) if archive else None
    pending = await context.store.imports.hold(
        user.user_id, name, entries, now=message.date, files=files
    )
    missing = sum(link.path not in (files or {}) for linked in plan.files for link in linked)
    await message.reply_text(
        render_preview(user.language, name, plan, missing_files=missing),
        reply_markup=_buttons(user.language, pending),
    )


async def confirm_import(update: Update, context: DaylogContext) -> None:
    """The preview's buttons: import or cancel; only the user who sent the file can press them.

    The pending file stays until its entries are in (same transaction), so a failed answer or
    a crash before then leaves the button working.
    """
    query, caller = await context.button_caller(update)
    assert query.data  # noqa: S101 - the pattern ensures it
    user = caller.user
    match = _CONFIRM_DATA.match(query.data)
    pending = await context.store.imports.pending(user.user_id, int(match[1])) if match else None
    if match is None or pending is None:
        await query.answer(t(user.language, "import.expired"), show_alert=True)
        return
    await query.answer()
    if match[2] == "no":
        await context.store.imports.drop(user.user_id, pending.id)
        await query.edit_message_text(t(user.language, "import.cancelled"))
        return
    media = context.bot_data.media_files
    outcome = await import_pending(context.store, user, pending, media=media)
    if outcome is None:  # a second press while the first was importing
        return
    if isinstance(outcome, str):
        await query.edit_message_text(t(user.language, f"import.{outcome}", file=pending.file_name))
        return
    await query.edit_message_text(
        render_import_done(user.language, outcome, quota_bytes=media.quota_bytes)
    )


def _linked_files(plan: ImportPlan, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The zip's files that the entries link (the whole read log's: the Import button plans
    again, and an entry deleted meanwhile is new again)."""
    linked = {link.path for entry_links in plan.read.files for link in entry_links}
    return {path: data for path, data in files.items() if path in linked}


def _buttons(language: Language, pending: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(language, "import.confirm"), callback_data=f"import:{pending}:yes"
                ),
                InlineKeyboardButton(
                    t(language, "import.cancel"), callback_data=f"import:{pending}:no"
                ),
            ]
        ]
    )


def _start_day(command: str, today: date) -> date | Literal[False] | None:
    """The day of a file's first `Day N` as the user gives it (`/import 2023-05-01`): None
    when not given, False when what follows /import is no day."""
    words = command.split(maxsplit=1)
    if len(words) < 2 or not words[0].startswith("/"):
        return None
    span = parse_when(words[1], today)
    return span.first if span is not None and span.first == span.last else False


def _file_name(document: Document) -> str:
    return document.file_name or "log.md"
