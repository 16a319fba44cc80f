"""Fetching an attachment from Telegram into the media files, and saying what became of it."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, NetworkError

from bot.media.files import MediaFiles, QuotaExceededError
from bot.store.attachments import Attachment, AttachmentStatus, AttachmentStore

log = logging.getLogger(__name__)

# The Bot API serves files up to 20 MB; a bigger one keeps only Telegram's file id.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024


async def keep_attachment(
    bot: Bot, files: MediaFiles, attachments: AttachmentStore, attachment: Attachment
) -> AttachmentStatus:
    """Download the attachment's file, keep it, and record the outcome on its row.

    stored: on disk; too_big: over the Bot API's 20 MB; over_quota: over MEDIA_QUOTA_MB;
    failed: the download failed or timed out (the row keeps the file id, so it can be tried
    again or sent back by id).
    """
    fetched = await _fetch(bot, attachment)
    if isinstance(fetched, str):
        return await _record(attachments, attachment, fetched)
    try:
        kept = await files.save(attachment.user_id, fetched)
    except QuotaExceededError:
        return await _record(attachments, attachment, "over_quota")
    await attachments.mark_stored(attachment.user_id, attachment.id, kept.sha256, kept.size)
    return "stored"


async def _fetch(bot: Bot, attachment: Attachment) -> bytes | AttachmentStatus:
    """The file's bytes, or why there are none."""
    if attachment.size is not None and attachment.size > MAX_DOWNLOAD_BYTES:
        return "too_big"
    try:
        file = await bot.get_file(attachment.file_id)
        if file.file_size is not None and file.file_size > MAX_DOWNLOAD_BYTES:
            return "too_big"
        return bytes(await file.download_as_bytearray())
    except BadRequest as error:
        # Telegram's own word when the size was not known beforehand.
        if "too big" in error.message.lower():
            return "too_big"
        log.warning("getFile refused attachment %d: %s", attachment.id, error.message)
        return "failed"
    except NetworkError as error:
        # TimedOut is a NetworkError too; the message names no URL (it would hold the token).
        log.warning("downloading attachment %d failed: %s", attachment.id, type(error).__name__)
        return "failed"


async def _record(
    attachments: AttachmentStore, attachment: Attachment, status: AttachmentStatus
) -> AttachmentStatus:
    await attachments.mark_status(attachment.user_id, attachment.id, status)
    return status
