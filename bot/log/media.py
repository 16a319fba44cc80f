"""The path a message with files takes to an entry: voice, audio, round video, photos, albums,
documents, and forwards; and how a transcript (or a correction of one) becomes its text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time

from bot.log.capture import capture_text
from bot.media.marks import media_marks
from bot.models import Entry, Forwarded, UserSettings
from bot.progress.tracking import Recorded, record_progress
from bot.store import Store
from bot.store.attachments import Attachment, NewAttachment


@dataclass(frozen=True)
class IncomingMedia:
    """What a message with files says, read from the update (bot/media/intake.py)."""

    caption: str
    attachments: Sequence[NewAttachment]
    sent_at: datetime
    chat_id: int
    message_id: int
    media_group_id: str | None = None
    origin: Forwarded | None = None


@dataclass(frozen=True)
class CapturedMedia:
    """What keeping a message with files did."""

    entry: Entry
    # A new entry: False for a later picture of an album (it joins the first's entry) and
    # for a message Telegram delivered again.
    created: bool
    backdated: bool
    # This message's files (an album's other pictures are not repeated here).
    attachments: list[Attachment]
    progress: list[Recorded] = field(default_factory=list)


def placeholder(attachments: Sequence[NewAttachment | Attachment]) -> str:
    """An entry's text while it has no words: its marks (`🎤 0:23`, `📷`, `📎 name`)."""
    return " ".join(media_marks(attachments))


async def capture_media(
    store: Store, user: UserSettings, incoming: IncomingMedia, *, day_start: time
) -> CapturedMedia:
    """Keep the message as an entry with its files (not downloaded yet: their rows say
    `pending`), or add them to the entry of the album they belong to.

    The entry's text is the caption (read for back-dating and progress like any text) or,
    without one, the files' marks until a transcript replaces them.
    """
    if incoming.media_group_id is not None:
        album = await store.attachments.entry_of_album(user.user_id, incoming.media_group_id)
        if album is not None:
            return await _join_album(store, user, album, incoming)
    text = incoming.caption.strip() or placeholder(incoming.attachments)
    captured = await capture_text(
        store,
        user,
        text,
        sent_at=incoming.sent_at,
        day_start=day_start,
        chat_id=incoming.chat_id,
        message_id=incoming.message_id,
        forwarded=incoming.origin,
    )
    if captured is None:
        # A caption that is only a date ("yesterday:"): the files still go on that day's log.
        captured = await capture_text(
            store,
            user,
            f"{incoming.caption.strip()} {placeholder(incoming.attachments)}",
            sent_at=incoming.sent_at,
            day_start=day_start,
            chat_id=incoming.chat_id,
            message_id=incoming.message_id,
            forwarded=incoming.origin,
        )
        assert captured is not None  # noqa: S101 - the marks are never empty
    attachments = await store.attachments.attach(
        user.user_id,
        captured.entry.id,
        incoming.attachments,
        at=incoming.sent_at,
        first_position=incoming.message_id,
        media_group_id=incoming.media_group_id,
    )
    return CapturedMedia(
        captured.entry, captured.created, captured.backdated, attachments, captured.progress
    )


async def _join_album(
    store: Store, user: UserSettings, entry_id: int, incoming: IncomingMedia
) -> CapturedMedia:
    entry = await store.entries.by_id(user.user_id, entry_id)
    assert entry is not None  # noqa: S101 - its attachment row was just found
    before = await store.attachments.for_entries(user.user_id, [entry_id])
    attachments = await store.attachments.attach(
        user.user_id,
        entry_id,
        incoming.attachments,
        at=incoming.sent_at,
        first_position=incoming.message_id,
        media_group_id=incoming.media_group_id,
    )
    progress: list[Recorded] = []
    caption = incoming.caption.strip()
    everything = await store.attachments.for_entries(user.user_id, [entry_id])
    if caption and entry.text == placeholder(before):
        # The caption rides on one picture, which may arrive after others: it becomes the text.
        entry = await store.entries.revise(entry, caption, entry.day, now=incoming.sent_at)
        progress = await record_progress(store, entry)
    elif not caption and entry.text == placeholder(before):
        # Still no words: the marks count the new picture too (`📷 3`).
        entry = await store.entries.revise(
            entry, placeholder(everything), entry.day, now=incoming.sent_at
        )
    return CapturedMedia(entry, False, False, attachments, progress)


async def apply_transcript(
    store: Store,
    user: UserSettings,
    attachment: Attachment,
    transcript: str,
    *,
    previous: str | None,
    at: datetime,
) -> tuple[Entry, list[Recorded]] | None:
    """Make a note's transcript its entry's text (kept words first: a caption stays above
    it; an earlier transcript is replaced), and read it for progress. None if the entry is
    gone (undone while it was transcribed)."""
    entry = await store.entries.by_id(user.user_id, attachment.entry_id)
    if entry is None:
        return None
    transcript = transcript.strip()
    if not transcript:
        return entry, []
    attachments = await store.attachments.for_entries(user.user_id, [entry.id])
    if entry.text in (placeholder(attachments), previous):
        text = transcript
    elif previous and previous in entry.text:
        text = entry.text.replace(previous, transcript)
    else:
        text = f"{entry.text}\n{transcript}"
    if text == entry.text:
        return entry, []
    revised = await store.entries.revise(entry, text, entry.day, now=at)
    return revised, await record_progress(store, revised)


async def correct_transcript(
    store: Store,
    user: UserSettings,
    attachment: Attachment,
    text: str,
    *,
    at: datetime,
) -> tuple[Entry, list[Recorded]] | None:
    """The user replied to a transcript with the right words: they become the entry's text
    (the old text stays as a revision) and the attachment's transcript."""
    entry = await store.entries.by_id(user.user_id, attachment.entry_id)
    text = text.strip()
    if entry is None or not text:
        return None
    await store.attachments.set_transcript(user.user_id, attachment.id, text)
    if text == entry.text:
        return entry, []
    revised = await store.entries.revise(entry, text, entry.day, now=at)
    return revised, await record_progress(store, revised)
