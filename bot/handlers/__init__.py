"""Thin adapters from updates to features; register() wires every handler, in order, here only.

No handler module imports another (an import-linter contract says so); what one needs of
another (the check-in's fallback to capture) is handed over here.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler
from telegram.ext import filters as ptb_filters

from bot.context import DaylogApplication
from bot.evening.render import PREFIX as CHECKIN_PREFIX
from bot.handlers import (
    access,
    admin,
    capture,
    checkin,
    checkin_settings,
    errors,
    events,
    forget,
    log,
    media,
    progress,
    search,
    start,
    stats,
    summaries,
    transfer,
)
from bot.handlers.filters import PRIVATE, PRIVATE_MESSAGE
from bot.telegram.day_media import DAY_MEDIA_PREFIX


def register(app: DaylogApplication) -> None:
    """Add every handler to the application, in the order that matters."""
    # Group -3 runs first of all: one INFO line per update, refused ones included.
    app.add_handler(TypeHandler(Update, events.log_event), group=-3)
    # Group -2 runs next: a refused user's update goes no further.
    app.add_handler(TypeHandler(Update, access.enforce_allowlist), group=-2)
    # Group -1: while the user's check-in waits for a typed answer, their next plain text is
    # that answer, and goes no further; whether it waits is a read the handler makes (filters
    # cannot wait for one), so any other text goes on to group 0 as if this were not here.
    app.add_handler(
        MessageHandler(
            PRIVATE_MESSAGE & ptb_filters.TEXT & ~ptb_filters.COMMAND, checkin.answer_if_awaited
        ),
        group=-1,
    )

    # Group 0: the first handler that matches an update takes it. Commands, buttons and the
    # message that is not an entry (a document captioned /import) match disjoint updates, so
    # their order among themselves does not matter; the unknown-command reply must follow
    # every command, and capture comes last of all, since it takes every private message left.
    commands = (
        ("start", start.start),
        ("help", start.show_help),
        ("lang", start.set_language),
        ("undo", log.undo),
        ("forget", forget.forget),
        ("progress", progress.show_progress),
        ("done", progress.mark_done),
        ("drop", progress.drop),
        ("target", progress.set_target),
        ("total", progress.set_total),
        ("merge", progress.merge),
        ("rename", progress.rename),
        ("today", summaries.today),
        ("yesterday", summaries.yesterday),
        ("week", summaries.week),
        ("month", summaries.month),
        ("day", summaries.day),
        ("search", search.search),
        ("tags", search.tags),
        ("stats", stats.stats),
        ("import", transfer.import_file),
        ("export", transfer.export),
        ("checkin_at", checkin_settings.checkin_at),
        ("timezone", checkin_settings.set_timezone),
        ("checkin_off", checkin_settings.checkin_off),
        ("pause", checkin_settings.pause),
        ("settings", checkin_settings.show_settings),
        ("states", checkin_settings.states),
        ("goal", checkin_settings.goal),
        ("problem", checkin_settings.problem),
        ("workday", checkin_settings.workday),
        ("reminder", checkin_settings.reminder),
        ("review_day", checkin_settings.review_day),
        ("checkin", checkin.checkin_now),
        ("transcribe", media.transcribe),
    )
    # In groups the bot answers /start only, with a pointer to a private chat.
    app.add_handler(
        CommandHandler("start", start.start_in_group, filters=ptb_filters.ChatType.GROUPS)
    )
    for name, callback in commands:
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE_MESSAGE))
    admins = app.bot_data.settings.admin_user_ids
    if admins:  # for anyone else /admin_stats falls through to the unknown-command reply
        only_admins = PRIVATE_MESSAGE & ptb_filters.User(user_id=admins)
        app.add_handler(CommandHandler("admin_stats", admin.admin_stats, filters=only_admins))

    buttons = (
        (rf"^({forget.CONFIRM}|{forget.CANCEL})$", forget.forget_answer),
        (rf"^{progress.PAGE_DATA}\d{{1,4}}$", progress.turn_page),
        (rf"^{progress.ITEM_DATA}\d{{1,18}}$", progress.open_item),
        (r"^search:", search.turn_page),
        (r"^import:", transfer.confirm_import),
        (rf"^{DAY_MEDIA_PREFIX}", media.send_day_media),
        (f"^{CHECKIN_PREFIX}:", checkin.on_button),
    )
    for pattern, on_press in buttons:
        app.add_handler(CallbackQueryHandler(on_press, pattern=pattern))
    # Any other button (from an older version of the bot, or forged) is answered, after them all.
    app.add_handler(CallbackQueryHandler(start.unknown_button))

    # A document captioned /import is a file to import, not an entry with a caption.
    import_caption = ptb_filters.Document.ALL & ptb_filters.CaptionRegex(
        r"^/import(?:@\w+)?(?:\s|$)"
    )
    app.add_handler(MessageHandler(PRIVATE_MESSAGE & import_caption, transfer.import_file))
    # An unknown /command is not an entry.
    app.add_handler(MessageHandler(PRIVATE_MESSAGE & ptb_filters.COMMAND, start.unknown_command))
    # Voice notes, photos, albums and files are entries with their files (a captioned photo
    # included: its caption is the text); a text that replies to a transcript corrects it.
    app.add_handler(MessageHandler(PRIVATE_MESSAGE & media.MEDIA, media.capture_media_message))
    app.add_handler(
        MessageHandler(
            PRIVATE_MESSAGE & ptb_filters.TEXT & ptb_filters.REPLY & ~ptb_filters.COMMAND,
            media.correct_else(capture.capture_message),
        )
    )
    text_or_caption = ptb_filters.TEXT | ptb_filters.CAPTION
    app.add_handler(
        MessageHandler(
            PRIVATE_MESSAGE & ((ptb_filters.TEXT & ~ptb_filters.COMMAND) | ptb_filters.CAPTION),
            capture.capture_message,
        )
    )
    # An edited command is not an entry (nor run again); it must come before capture_edit.
    app.add_handler(
        MessageHandler(
            PRIVATE & ptb_filters.UpdateType.EDITED_MESSAGE & ptb_filters.COMMAND,
            capture.refuse_edited_command,
        )
    )
    app.add_handler(
        MessageHandler(
            PRIVATE & ptb_filters.UpdateType.EDITED_MESSAGE & text_or_caption,
            capture.capture_edit,
        )
    )
    app.add_handler(MessageHandler(PRIVATE_MESSAGE, capture.refuse_non_text))

    app.add_error_handler(errors.on_error)
