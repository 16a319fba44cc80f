"""The short marks listings show for an entry's media: `📷 2`, `🎤 0:23`, `📎 report.pdf`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Marked(Protocol):
    """What a mark is made of: an attachment, kept or not yet."""

    @property
    def kind(self) -> str: ...

    @property
    def duration(self) -> int | None: ...

    @property
    def file_name(self) -> str | None: ...


_ICONS = {"voice": "🎤", "audio": "🎵", "video_note": "⏺", "video": "🎬"}


def clock(seconds: int | None) -> str:
    """A duration as a player shows it: 0:23, 12:05, 1:02:03."""
    total = max(0, seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_mark(attachment: Marked) -> str:
    """The mark of a note with words in it: `🎤 0:23`, `🎵 3:10`, `⏺ 0:09`, `🎬 1:02`."""
    return f"{_ICONS[attachment.kind]} {clock(attachment.duration)}"


def media_marks(attachments: Sequence[Marked]) -> list[str]:
    """One mark per kind of media, in the order first sent; plain text (file names are the
    user's: escape before putting them in HTML)."""
    marks: list[str] = []
    photos = sum(1 for attachment in attachments if attachment.kind == "photo")
    photo_mark_at: int | None = None
    for attachment in attachments:
        if attachment.kind == "photo":
            if photo_mark_at is None:
                photo_mark_at = len(marks)
                marks.append("📷" if photos == 1 else f"📷 {photos}")
        elif attachment.kind == "document":
            marks.append(f"📎 {attachment.file_name or '?'}")
        else:
            marks.append(spoken_mark(attachment))
    return marks
