"""Attachments of entries and the transcription queue (see migrations/0010_media.sql)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.store.database import Database, Row, fetch_all, fetch_one, utc_text

AttachmentKind = Literal["voice", "audio", "video_note", "video", "photo", "document"]
AttachmentStatus = Literal["pending", "stored", "too_big", "over_quota", "failed"]
JobState = Literal["pending", "running", "done", "failed"]


@dataclass(frozen=True)
class NewAttachment:
    """What a message says about one file, before it is downloaded."""

    kind: AttachmentKind
    file_id: str
    file_unique_id: str
    size: int | None = None
    duration: int | None = None
    mime_type: str | None = None
    file_name: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Attachment:
    """One file of an entry, as kept."""

    id: int
    entry_id: int
    user_id: int
    position: int
    media_group_id: str | None
    kind: AttachmentKind
    file_id: str
    file_unique_id: str
    sha256: str | None
    size: int | None
    duration: int | None
    mime_type: str | None
    file_name: str | None
    width: int | None
    height: int | None
    status: AttachmentStatus
    transcript: str | None
    created_at: datetime


@dataclass(frozen=True)
class TranscriptionJob:
    """A voice attachment waiting for (or given) its transcript."""

    id: int
    attachment_id: int
    user_id: int
    chat_id: int | None
    reply_id: int | None
    language: str | None
    state: JobState
    attempts: int
    error: str | None
    sha256: str | None  # the attachment's file, None until it is kept
    mime_type: str | None
    entry_id: int
    transcript: str | None  # the attachment's transcript when the job was read


class AttachmentStore:
    """Reads and writes attachments and transcription jobs; queries are scoped to one user
    except the queue's, which serve every user in turn."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def attach(
        self,
        user_id: int,
        entry_id: int,
        attachments: Sequence[NewAttachment],
        *,
        at: datetime,
        first_position: int = 0,
        media_group_id: str | None = None,
    ) -> list[Attachment]:
        """Add files to an entry at positions from first_position (a message's id, so an
        album's pictures sort in the order sent whatever order they arrive in).

        A position already taken (the same message delivered again) keeps its row.
        """
        async with self._db.transaction() as connection:
            return await write_attachments(
                connection,
                user_id,
                entry_id,
                attachments,
                at=at,
                first_position=first_position,
                media_group_id=media_group_id,
            )

    async def entry_of_album(self, user_id: int, media_group_id: str) -> int | None:
        """The entry an album's first picture made, if one arrived already."""
        row = await self._db.fetchone(
            "SELECT entry_id FROM attachments WHERE user_id = ? AND media_group_id = ? LIMIT 1",
            (user_id, media_group_id),
        )
        return int(row[0]) if row else None

    async def on_days(self, user_id: int, first: str, last: str) -> list[Attachment]:
        """The user's attachments of entries filed from day `first` to `last` (ISO dates)."""
        rows = await self._db.fetchall(
            "SELECT a.* FROM attachments AS a JOIN entries AS e ON e.id = a.entry_id"
            " WHERE a.user_id = ? AND e.day BETWEEN ? AND ? ORDER BY e.created_at, e.id,"
            " a.position",
            (user_id, first, last),
        )
        return [_attachment(row) for row in rows]

    async def untranscribed(
        self, user_id: int | None = None, *, limit: int = 50, include_failed: bool = True
    ) -> list[Attachment]:
        """Kept voice, audio and round videos without a transcript and not waiting for one
        (a crash between keeping a note and queueing it; with include_failed, a failed job),
        oldest first; one user's or everyone's."""
        # Both through the index of notes without words (migration 0014): start-up's question
        # for everyone reads those few rows, not every attachment of every user.
        sql = _UNTRANSCRIBED_EVERYONE if user_id is None else _UNTRANSCRIBED_ONE_USER
        rows = await self._db.fetchall(sql, (user_id, include_failed, limit))
        return [_attachment(row) for row in rows]

    async def job_by_reply(
        self, user_id: int, chat_id: int, reply_id: int
    ) -> TranscriptionJob | None:
        """The job whose transcript the bot's message `reply_id` shows."""
        # Through the user's attachments (an index), not a scan of every user's jobs: this
        # runs for each text that replies to one of the bot's messages.
        rows = await self._db.fetchall(
            _JOB_SELECT
            + " WHERE a.user_id = ? AND j.user_id = ? AND j.chat_id = ? AND j.reply_id = ?",
            (user_id, user_id, chat_id, reply_id),
        )
        return _job_from(rows[0]) if rows else None

    async def for_entries(self, user_id: int, entry_ids: Iterable[int]) -> list[Attachment]:
        """The user's attachments of these entries, by entry and position."""
        ids = sorted(set(entry_ids))
        if not ids:
            return []
        # One parameter for any number of ids: a JSON array read by json_each.
        rows = await self._db.fetchall(
            "SELECT * FROM attachments WHERE user_id = ?"
            " AND entry_id IN (SELECT value FROM json_each(?)) ORDER BY entry_id, position",
            (user_id, json.dumps(ids)),
        )
        return [_attachment(row) for row in rows]

    async def by_id(self, user_id: int, attachment_id: int) -> Attachment | None:
        """One of the user's attachments."""
        row = await self._db.fetchone(
            "SELECT * FROM attachments WHERE user_id = ? AND id = ?", (user_id, attachment_id)
        )
        return _attachment(row) if row else None

    async def mark_stored(self, user_id: int, attachment_id: int, sha256: str, size: int) -> None:
        """The file is on disk under this hash."""
        await self._db.write(
            "UPDATE attachments SET sha256 = ?, size = ?, status = 'stored'"
            " WHERE user_id = ? AND id = ?",
            (sha256, size, user_id, attachment_id),
        )

    async def mark_status(self, user_id: int, attachment_id: int, status: AttachmentStatus) -> None:
        """The file could not be kept (too big, over quota, failed) or waits again."""
        await self._db.write(
            "UPDATE attachments SET status = ? WHERE user_id = ? AND id = ?",
            (status, user_id, attachment_id),
        )

    async def set_transcript(self, user_id: int, attachment_id: int, text: str) -> None:
        """The words of a note, as corrected by its user."""
        await self._db.write(
            "UPDATE attachments SET transcript = ? WHERE user_id = ? AND id = ?",
            (text, user_id, attachment_id),
        )

    async def hash_in_use(self, user_id: int, sha256: str) -> bool:
        """Whether any of the user's attachments still points at this file."""
        row = await self._db.fetchone(
            "SELECT 1 FROM attachments WHERE user_id = ? AND sha256 = ? LIMIT 1",
            (user_id, sha256),
        )
        return row is not None

    # ---- the transcription queue --------------------------------------------------------

    async def enqueue(
        self,
        user_id: int,
        attachment_id: int,
        *,
        at: datetime,
        language: str | None = None,
        chat_id: int | None = None,
        reply_id: int | None = None,
    ) -> TranscriptionJob:
        """Queue an attachment for transcription; one queued again starts afresh."""
        async with self._db.transaction() as connection:
            return await write_job(
                connection,
                user_id,
                attachment_id,
                at=at,
                language=language,
                chat_id=chat_id,
                reply_id=reply_id,
            )

    async def set_reply(self, job_id: int, chat_id: int, reply_id: int) -> None:
        """The reply to edit with the transcript (sent after the job was queued)."""
        await self._db.write(
            "UPDATE transcription_jobs SET chat_id = ?, reply_id = ? WHERE id = ?",
            (chat_id, reply_id, job_id),
        )

    async def claim_next(self, *, at: datetime) -> TranscriptionJob | None:
        """Take the oldest pending job (it is `running` until finished or failed)."""
        async with self._db.transaction() as connection:
            row = await fetch_one(
                connection,
                "UPDATE transcription_jobs SET state = 'running', attempts = attempts + 1,"
                " updated_at = ? WHERE id = (SELECT id FROM transcription_jobs"
                " WHERE state = 'pending' ORDER BY id LIMIT 1) RETURNING id",
                (utc_text(at),),
            )
            if row is None:
                return None
            return await _job(connection, int(row[0]))

    async def job(self, job_id: int) -> TranscriptionJob | None:
        """One job, as it is now."""
        rows = await self._db.fetchall(_JOB_SELECT + " WHERE j.id = ?", (job_id,))
        return _job_from(rows[0]) if rows else None

    async def finish(self, job_id: int, transcript: str, *, at: datetime) -> None:
        """The job is done: the attachment keeps the transcript."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE transcription_jobs SET state = 'done', error = NULL, updated_at = ?"
                " WHERE id = ?",
                (utc_text(at), job_id),
            )
            await connection.execute(
                "UPDATE attachments SET transcript = ? WHERE id ="
                " (SELECT attachment_id FROM transcription_jobs WHERE id = ?)",
                (transcript, job_id),
            )

    async def fail(self, job_id: int, error: str, *, at: datetime) -> None:
        """The job failed for good (until the user asks again)."""
        await self._db.write(
            "UPDATE transcription_jobs SET state = 'failed', error = ?, updated_at = ?"
            " WHERE id = ?",
            (error[:500], utc_text(at), job_id),
        )

    async def requeue_interrupted(self, *, max_attempts: int, at: datetime) -> int:
        """After a restart: jobs left running go back to pending, unless they have already
        been tried max_attempts times (a note that kills the process must not do it forever).
        Returns how many wait again."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE transcription_jobs SET state = 'failed',"
                " error = 'stopped while transcribing too many times', updated_at = ?"
                " WHERE state = 'running' AND attempts >= ?",
                (utc_text(at), max_attempts),
            )
            rows = await fetch_all(
                connection,
                "UPDATE transcription_jobs SET state = 'pending', updated_at = ?"
                " WHERE state = 'running' RETURNING id",
                (utc_text(at),),
            )
        return len(rows)

    async def pending_count(self) -> int:
        """Jobs waiting, for every user."""
        row = await self._db.fetchone(
            "SELECT COUNT(*) FROM transcription_jobs WHERE state IN ('pending', 'running')"
        )
        return int(row[0]) if row else 0


async def write_attachments(
    connection: aiosqlite.Connection,
    user_id: int,
    entry_id: int,
    attachments: Sequence[NewAttachment],
    *,
    at: datetime,
    first_position: int = 0,
    media_group_id: str | None = None,
) -> list[Attachment]:
    """Inside the entry's transaction: its files, in order (a repeat keeps the first rows)."""
    for offset, new in enumerate(attachments):
        await connection.execute(
            "INSERT INTO attachments (entry_id, user_id, position, media_group_id, kind, file_id,"
            " file_unique_id, size, duration, mime_type, file_name, width, height, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (entry_id, position) DO NOTHING",
            (
                entry_id,
                user_id,
                first_position + offset,
                media_group_id,
                new.kind,
                new.file_id,
                new.file_unique_id,
                new.size,
                new.duration,
                new.mime_type,
                new.file_name,
                new.width,
                new.height,
                utc_text(at),
            ),
        )
    rows = await fetch_all(
        connection,
        "SELECT * FROM attachments WHERE user_id = ? AND entry_id = ? AND position >= ?"
        " AND position < ? ORDER BY position",
        (user_id, entry_id, first_position, first_position + len(attachments)),
    )
    return [_attachment(row) for row in rows]


async def write_job(
    connection: aiosqlite.Connection,
    user_id: int,
    attachment_id: int,
    *,
    at: datetime,
    language: str | None = None,
    chat_id: int | None = None,
    reply_id: int | None = None,
) -> TranscriptionJob:
    """Inside a transaction: queue (or queue again) an attachment for transcription."""
    moment = utc_text(at)
    await connection.execute(
        "INSERT INTO transcription_jobs (attachment_id, user_id, chat_id, reply_id, language,"
        " created_at, updated_at) SELECT id, user_id, ?, ?, ?, ?, ? FROM attachments"
        " WHERE id = ? AND user_id = ?"
        " ON CONFLICT (attachment_id) DO UPDATE SET state = 'pending', attempts = 0,"
        " error = NULL, language = excluded.language,"
        " chat_id = COALESCE(excluded.chat_id, chat_id),"
        " reply_id = COALESCE(excluded.reply_id, reply_id), updated_at = excluded.updated_at",
        (chat_id, reply_id, language, moment, moment, attachment_id, user_id),
    )
    row = await fetch_one(
        connection,
        "SELECT id FROM transcription_jobs WHERE attachment_id = ? AND user_id = ?",
        (attachment_id, user_id),
    )
    if row is None:
        raise LookupError(f"user {user_id} has no attachment {attachment_id}")
    job = await _job(connection, int(row[0]))
    assert job is not None  # noqa: S101 - selected just above, in the same transaction
    return job


# Two whole statements (no SQL is assembled from parts), each an index lookup in
# attachments_untranscribed: by status for everyone's, by status and user for one user's.
_UNTRANSCRIBED_ONE_USER = (
    "SELECT a.* FROM attachments AS a LEFT JOIN transcription_jobs AS j"
    " ON j.attachment_id = a.id WHERE a.user_id = ?"
    " AND a.kind IN ('voice', 'audio', 'video_note', 'video') AND a.status = 'stored'"
    " AND a.transcript IS NULL AND (j.id IS NULL OR (? AND j.state = 'failed'))"
    " ORDER BY a.id LIMIT ?"
)
_UNTRANSCRIBED_EVERYONE = (
    "SELECT a.* FROM attachments AS a LEFT JOIN transcription_jobs AS j"
    " ON j.attachment_id = a.id WHERE ? IS NULL"
    " AND a.kind IN ('voice', 'audio', 'video_note', 'video') AND a.status = 'stored'"
    " AND a.transcript IS NULL AND (j.id IS NULL OR (? AND j.state = 'failed'))"
    " ORDER BY a.id LIMIT ?"
)
_JOB_SELECT = (
    "SELECT j.*, a.sha256 AS sha256, a.mime_type AS mime_type, a.entry_id AS entry_id,"
    " a.transcript AS transcript FROM transcription_jobs AS j"
    " JOIN attachments AS a ON a.id = j.attachment_id"
)


async def _job(connection: aiosqlite.Connection, job_id: int) -> TranscriptionJob | None:
    row = await fetch_one(connection, _JOB_SELECT + " WHERE j.id = ?", (job_id,))
    return _job_from(row) if row else None


def _job_from(row: Row) -> TranscriptionJob:
    return TranscriptionJob(
        id=row["id"],
        attachment_id=row["attachment_id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        reply_id=row["reply_id"],
        language=row["language"],
        state=row["state"],
        attempts=row["attempts"],
        error=row["error"],
        sha256=row["sha256"],
        mime_type=row["mime_type"],
        entry_id=row["entry_id"],
        transcript=row["transcript"],
    )


def _attachment(row: Row) -> Attachment:
    return Attachment(
        id=row["id"],
        entry_id=row["entry_id"],
        user_id=row["user_id"],
        position=row["position"],
        media_group_id=row["media_group_id"],
        kind=row["kind"],
        file_id=row["file_id"],
        file_unique_id=row["file_unique_id"],
        sha256=row["sha256"],
        size=row["size"],
        duration=row["duration"],
        mime_type=row["mime_type"],
        file_name=row["file_name"],
        width=row["width"],
        height=row["height"],
        status=row["status"],
        transcript=row["transcript"],
        created_at=datetime.fromisoformat(row["created_at"]),
    )
