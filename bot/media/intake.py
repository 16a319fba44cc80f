"""What a Telegram message carries besides text: its files, and where a forward came from."""

from __future__ import annotations

from datetime import timedelta

from telegram import (
    Audio,
    Document,
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Video,
    VideoNote,
    Voice,
)

from bot.models import Forwarded
from bot.store.attachments import AttachmentKind, NewAttachment

_Media = Voice | Audio | VideoNote | Video | Document
# Telegram names no type for these; they are always these.
_MIME_TYPES: dict[AttachmentKind, str] = {"voice": "audio/ogg", "video_note": "video/mp4"}
# Kinds whose words can be turned into text (a video without a sound track is heard as
# silence).
SPOKEN_KINDS: frozenset[AttachmentKind] = frozenset({"voice", "audio", "video_note", "video"})


def attachments_of(message: Message) -> list[NewAttachment]:
    """The files of one message (an album's pictures come one message each)."""
    if message.photo:
        # Telegram sends every size it made, smallest first; the largest is the picture.
        largest = message.photo[-1]
        return [
            NewAttachment(
                kind="photo",
                file_id=largest.file_id,
                file_unique_id=largest.file_unique_id,
                size=largest.file_size,
                width=largest.width,
                height=largest.height,
                mime_type="image/jpeg",
            )
        ]
    candidates: tuple[tuple[AttachmentKind, _Media | None], ...] = (
        ("voice", message.voice),
        ("audio", message.audio),
        ("video_note", message.video_note),
        ("video", message.video),
        ("document", message.document),
    )
    for kind, media in candidates:
        if media is not None:
            return [_attachment(kind, media)]
    return []


def _attachment(kind: AttachmentKind, media: _Media) -> NewAttachment:
    # The kinds share file_id and size; the rest each has or lacks (a round video has a
    # `length`, its side; audio may have a title instead of a file name).
    side = getattr(media, "length", None)
    return NewAttachment(
        kind=kind,
        file_id=media.file_id,
        file_unique_id=media.file_unique_id,
        size=media.file_size,
        duration=_seconds(getattr(media, "duration", None)),
        mime_type=getattr(media, "mime_type", None) or _MIME_TYPES.get(kind),
        file_name=getattr(media, "file_name", None) or getattr(media, "title", None),
        width=getattr(media, "width", side),
        height=getattr(media, "height", side),
    )


def forward_origin_of(message: Message) -> Forwarded | None:
    """Where a forwarded message came from (a name as Telegram shows it, and when); None for
    a message the user wrote."""
    origin: MessageOrigin | None = message.forward_origin
    if origin is None:
        return None
    if isinstance(origin, MessageOriginUser):
        return Forwarded(kind="user", name=origin.sender_user.full_name, date=origin.date)
    if isinstance(origin, MessageOriginHiddenUser):
        return Forwarded(kind="hidden_user", name=origin.sender_user_name, date=origin.date)
    if isinstance(origin, MessageOriginChannel):
        return Forwarded(
            kind="channel",
            name=_chat_name(origin.chat.title, origin.chat.username),
            date=origin.date,
            signature=origin.author_signature or None,
        )
    if isinstance(origin, MessageOriginChat):
        # A group's anonymous admin: the group's title, and their signature if they set one.
        return Forwarded(
            kind="chat",
            name=_chat_name(origin.sender_chat.title, origin.sender_chat.username),
            date=origin.date,
            signature=origin.author_signature or None,
        )
    return None


def _chat_name(title: str | None, username: str | None) -> str:
    if title:
        return title
    return f"@{username}" if username else "?"


def _seconds(duration: int | timedelta | None) -> int | None:
    # python-telegram-bot gives a timedelta with PTB_TIMEDELTA set (bot/serve.py sets it).
    if duration is None:
        return None
    if isinstance(duration, timedelta):
        return round(duration.total_seconds())
    return int(duration)
