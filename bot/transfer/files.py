"""A log file's bytes: the size a bot may download, and the text they hold."""

from __future__ import annotations

# Telegram's Bot API lets a bot download files up to 20 MB; the command line uses the same cap.
MAX_FILE_BYTES = 20 * 1024 * 1024


def decode_log_file(data: bytes) -> str | None:
    """The text of a log file (UTF-8, or GB18030 as Chinese Windows saves it); None if binary."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
