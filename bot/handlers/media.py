"""Voice notes, audio, round videos, photos, albums and files become entries; transcripts edit
the reply; a reply to a transcript corrects it; /transcribe tries again."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, InputMediaPhoto, Message, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import filters

from bot.context import DaylogApplication, DaylogContext
from bot.i18n import Html, t
from bot.log.media import (
    CapturedMedia,
    IncomingMedia,
    apply_transcript,
    capture_media,
    correct_transcript,
)
from bot.media.download import keep_attachment
from bot.media.files import MediaFiles
from bot.media.intake import SPOKEN_KINDS, attachments_of, forward_origin_of
from bot.media.marks import spoken_mark
from bot.media.queue import JobOutcome, OutcomeHandler, TranscriptionQueue
from bot.media.transcribers import build_transcriber
from bot.models import Language, UserSettings
from bot.progress.listing import captured_lines
from bot.store.attachments import Attachment, TranscriptionJob
from bot.telegram.day_listing import format_day
from bot.telegram.day_media import day_of_button

log = logging.getLogger(__name__)

Callback = Callable[[Update, DaylogContext], Coroutine[Any, Any, None]]

_ALBUM_SIZE = 10
_SENDERS: dict[str, Callable[[Bot, int, str | bytes], Awaitable[object]]] = {
    "voice": lambda bot, chat_id, file_id: bot.send_voice(chat_id, file_id),
    "audio": lambda bot, chat_id, file_id: bot.send_audio(chat_id, file_id),
    "video_note": lambda bot, chat_id, file_id: bot.send_video_note(chat_id, file_id),
    "video": lambda bot, chat_id, file_id: bot.send_video(chat_id, file_id),
    "document": lambda bot, chat_id, file_id: bot.send_document(chat_id, file_id),
}
# /transcribe alone queues at most this many notes (each gets a reply of its own).
MAX_RETRANSCRIBED = 10
MEDIA = (
    filters.VOICE
    | filters.AUDIO
    | filters.VIDEO_NOTE
    | filters.VIDEO
    | filters.PHOTO
    | filters.Document.ALL
)


# ---- lifecycle ----------------------------------------------------------------------------


async def start(app: DaylogApplication) -> None:
    """Set up the media files and, when transcription is on, the queue (post_init)."""
    settings = app.bot_data.settings
    app.bot_data.media_files = MediaFiles(
        settings.media_path, quota_bytes=settings.media_quota_bytes
    )
    transcriber = build_transcriber(settings)
    if transcriber is None:
        log.info("transcription is off")
        return
    queue = TranscriptionQueue(
        app.bot_data.store.attachments,
        app.bot_data.media_files,
        transcriber,
        on_outcome=transcript_delivery(app),
    )
    app.bot_data.transcription = queue
    # Notes kept just before a crash, before their job was queued, are queued now.
    now = datetime.now(UTC)
    for attachment in await app.bot_data.store.attachments.untranscribed(include_failed=False):
        await app.bot_data.store.attachments.enqueue(attachment.user_id, attachment.id, at=now)
    # The local model is joined and loaded by the first note (about a second, once).
    waiting = await queue.start()
    log.info("transcription by %s; %d notes waiting", transcriber.name, waiting)


async def stop(app: DaylogApplication) -> None:
    """Stop the queue (a note under way is transcribed again at the next start)."""
    queue, app.bot_data.transcription = app.bot_data.transcription, None
    if queue is not None:
        await queue.stop()
        await queue.transcriber.close()


# ---- capture ------------------------------------------------------------------------------


async def capture_media_message(update: Update, context: DaylogContext) -> None:
    """Keep a message with files as an entry: download them, then transcribe what is said."""
    message, caller = await context.message_caller(update)
    user = caller.user
    incoming = IncomingMedia(
        caption=message.caption or "",
        attachments=attachments_of(message),
        sent_at=message.date,
        chat_id=message.chat_id,
        message_id=message.message_id,
        media_group_id=message.media_group_id,
        origin=forward_origin_of(message),
    )
    captured = await capture_media(
        context.store, user, incoming, day_start=context.settings.day_start
    )
    problems: list[Html] = []
    for attachment in captured.attachments:
        if attachment.status != "pending":
            continue  # delivered again: already fetched (or refused) the first time
        status = await keep_attachment(
            context.bot, context.bot_data.media_files, context.store.attachments, attachment
        )
        problem = _problem(user.language, attachment, status, context)
        if problem:
            problems.append(problem)
    spoken = [
        attachment
        for attachment in await _current(context, user, captured)
        if attachment.kind in SPOKEN_KINDS
    ]
    if not captured.created and not problems and not (spoken and _repeat_untouched(captured)):
        # An album's later picture, or a repeat: the first reply stands.
        return
    lines = [_saved_line(user.language, captured), *problems]
    queue = context.bot_data.transcription
    waiting = [note for note in spoken if note.status == "stored" and note.transcript is None]
    for note in spoken:
        if note not in waiting:
            continue
        key = "media.transcribing" if queue is not None else "media.transcription_off"
        lines.append(t(user.language, key, mark=spoken_mark(note)))
    found = [(recorded.item.title, recorded.update) for recorded in captured.progress]
    # Queued before the reply goes out, so a crash in between cannot lose a note; the reply
    # is recorded on the jobs right after, for the transcript to edit it.
    jobs = []
    if queue is not None:
        for note in waiting:
            jobs.append(
                await context.store.attachments.enqueue(
                    user.user_id, note.id, at=datetime.now(UTC), language=user.language
                )
            )
    reply = await message.reply_text("\n".join([*lines, *captured_lines(user.language, found)]))
    for job in jobs:
        await context.store.attachments.set_reply(job.id, reply.chat_id, reply.message_id)
    if queue is not None and jobs:
        queue.wake()


def _repeat_untouched(captured: CapturedMedia) -> bool:
    # A repeated voice note whose first delivery crashed before it was queued.
    return not captured.created and all(a.transcript is None for a in captured.attachments)


async def _current(
    context: DaylogContext, user: UserSettings, captured: CapturedMedia
) -> list[Attachment]:
    rows = await context.store.attachments.for_entries(user.user_id, [captured.entry.id])
    mine = {attachment.id for attachment in captured.attachments}
    return [row for row in rows if row.id in mine]


def _saved_line(language: Language, captured: CapturedMedia) -> Html:
    key = "capture.saved_backdated" if captured.backdated else "capture.saved"
    return t(language, key, day=format_day(language, captured.entry.day))


def _problem(
    language: Language, attachment: Attachment, status: str, context: DaylogContext
) -> Html | None:
    name = attachment.file_name or t(language, "media.file")
    if status == "too_big":
        return t(language, "media.too_big", name=name)
    if status == "over_quota":
        quota = context.settings.media_quota_mb or 0
        return t(language, "media.over_quota", name=name, quota=quota)
    if status == "failed":
        return t(language, "media.download_failed", name=name)
    return None


# ---- transcripts --------------------------------------------------------------------------


def transcript_delivery(app: DaylogApplication) -> OutcomeHandler:
    """What the queue does with a finished job: the entry takes the words, the reply shows
    them (edited in place, or sent anew when there is none to edit)."""

    async def deliver(outcome: JobOutcome) -> None:
        store = app.bot_data.store
        # Read again: the reply to edit is recorded after the job was queued.
        job = await store.attachments.job(outcome.job.id) or outcome.job
        user = await store.users.get(job.user_id)
        attachment = await store.attachments.by_id(job.user_id, job.attachment_id)
        if user is None or attachment is None:
            return  # forgotten or undone while it was transcribed
        mark = spoken_mark(attachment)
        if outcome.transcript is None:
            log.info("transcription job %d failed: %s", job.id, outcome.error)
            text = t(user.language, "media.transcription_failed", mark=mark)
        elif not outcome.transcript.text.strip():
            text = t(user.language, "media.heard_nothing", mark=mark)
        else:
            applied = await apply_transcript(
                store,
                user,
                attachment,
                outcome.transcript.text,
                previous=outcome.job.transcript,
                at=datetime.now(UTC),
            )
            if applied is None:
                return
            entry, progress = applied
            found = [(recorded.item.title, recorded.update) for recorded in progress]
            text = Html(
                "\n".join(
                    [
                        t(user.language, "capture.saved", day=format_day(user.language, entry.day)),
                        t(user.language, "media.transcript", mark=mark, text=entry.text),
                        *captured_lines(user.language, found),
                    ]
                )
            )
        await _show(app, job, user, text)

    return deliver


async def _show(
    app: DaylogApplication, job: TranscriptionJob, user: UserSettings, text: str
) -> None:
    if job.chat_id is not None and job.reply_id is not None:
        try:
            await app.bot.edit_message_text(text, chat_id=job.chat_id, message_id=job.reply_id)
            return
        except BadRequest as error:
            if "not modified" in error.message:
                return
            # The reply was deleted: say it in a new message.
        except Forbidden:
            return  # the user blocked the bot; the entry has its words all the same
    if user.chat_id is None:
        return
    try:
        sent = await app.bot.send_message(user.chat_id, text)
    except Forbidden:
        return
    await app.bot_data.store.attachments.set_reply(job.id, sent.chat_id, sent.message_id)


def correct_else(fallback: Callback) -> Callback:
    """A text that replies to a transcript (or to the voice note itself) corrects it; any
    other text goes to `fallback` (capture: an entry as usual)."""

    async def handle(update: Update, context: DaylogContext) -> None:
        message = update.message
        assert message and message.from_user  # noqa: S101 - filters ensure it
        attachment = await _replied_note(message, context)
        if attachment is None or not message.text:
            await fallback(update, context)
            return
        # The same Caller the fallback would read: one user read per update either way.
        _, caller = await context.message_caller(update)
        user = caller.user
        corrected = await correct_transcript(
            context.store, user, attachment, message.text, at=message.date
        )
        if corrected is None:
            await fallback(update, context)
            return
        entry, progress = corrected
        found = [(recorded.item.title, recorded.update) for recorded in progress]
        await message.reply_text(
            "\n".join([t(user.language, "media.corrected"), *captured_lines(user.language, found)])
        )
        log.debug("user %s corrected the transcript of entry %s", user.user_id, entry.id)

    return handle


async def _replied_note(message: Message, context: DaylogContext) -> Attachment | None:
    """The voice note a message replies to: through the bot's transcript, or the note."""
    target = message.reply_to_message
    if target is None or message.from_user is None:
        return None
    user_id = message.from_user.id
    store = context.store
    if target.from_user is not None and target.from_user.id == context.bot.id:
        job = await store.attachments.job_by_reply(user_id, message.chat_id, target.message_id)
        return await store.attachments.by_id(user_id, job.attachment_id) if job else None
    entry = await store.entries.by_message(user_id, message.chat_id, target.message_id)
    if entry is None:
        return None
    notes = [
        attachment
        for attachment in await store.attachments.for_entries(user_id, [entry.id])
        if attachment.kind in SPOKEN_KINDS
    ]
    return notes[0] if notes else None


async def send_day_media(update: Update, context: DaylogContext) -> None:
    """The day's media button: every photo, note and file of that day, sent back by
    Telegram's file ids (nothing is uploaded again; only files imported from a zip, which
    Telegram never had, go up from disk); photos go in albums of up to ten."""
    query = update.callback_query
    assert query is not None  # noqa: S101 - the handler only sees callback queries
    day = day_of_button(query.data)
    await query.answer()
    if day is None:
        return
    # The pressing user's own media only, whoever's message holds the button.
    user_id = query.from_user.id
    attachments = await context.store.attachments.on_days(user_id, day.isoformat(), day.isoformat())
    files = context.bot_data.media_files
    sendable: list[tuple[Attachment, str | bytes]] = []
    for attachment in attachments:
        if attachment.file_id:
            sendable.append((attachment, attachment.file_id))
        elif attachment.sha256 is not None and await files.exists(user_id, attachment.sha256):
            # Imported from a zip: Telegram has no copy, so this one goes up from disk.
            sendable.append((attachment, await files.read(user_id, attachment.sha256)))
    await send_attachments(context.bot, user_id, sendable)


async def send_attachments(
    bot: Bot, chat_id: int, attachments: Sequence[tuple[Attachment, str | bytes]]
) -> None:
    """Send attachments (by file id, or their bytes), in order; consecutive photos as albums."""
    photos: list[str | bytes] = []

    async def flush() -> None:
        for start in range(0, len(photos), _ALBUM_SIZE):
            chunk = photos[start : start + _ALBUM_SIZE]
            if len(chunk) == 1:
                await bot.send_photo(chat_id, chunk[0])
            else:
                await bot.send_media_group(chat_id, [InputMediaPhoto(f) for f in chunk])
        photos.clear()

    for attachment, media in attachments:
        if attachment.kind == "photo":
            photos.append(media)
            continue
        await flush()
        try:
            await _SENDERS[attachment.kind](bot, chat_id, media)
        except BadRequest as error:
            # A file id Telegram no longer knows: the rest still go.
            log.warning("sending attachment %d failed: %s", attachment.id, error.message)
    await flush()


async def transcribe(update: Update, context: DaylogContext) -> None:
    """/transcribe: as a reply, that note again; alone, every note still without words."""
    message, caller = await context.message_caller(update)
    user = caller.user
    queue = context.bot_data.transcription
    if queue is None:
        await message.reply_text(t(user.language, "media.transcribe_off"))
        return
    replied = await _replied_note(message, context)
    if message.reply_to_message is not None:
        # A reply names one note: a reply to anything else is not a request for them all.
        notes = [replied] if replied is not None else []
    else:
        notes = await context.store.attachments.untranscribed(user.user_id, limit=MAX_RETRANSCRIBED)
    notes = [note for note in notes if note.status == "stored"]
    if not notes:
        await message.reply_text(t(user.language, "media.transcribe_nothing"))
        return
    for note in notes:
        reply = await message.reply_text(
            t(user.language, "media.transcribing", mark=spoken_mark(note))
        )
        await context.store.attachments.enqueue(
            user.user_id,
            note.id,
            at=datetime.now(UTC),
            language=user.language,
            chat_id=reply.chat_id,
            reply_id=reply.message_id,
        )
    queue.wake()
