"""A log file's bytes: the size a bot may download, the text they hold, a damaged zip."""

from __future__ import annotations

import codecs
import zipfile
import zlib

# Telegram's Bot API lets a bot download files up to 20 MB; the command line uses the same cap.
MAX_FILE_BYTES = 20 * 1024 * 1024


def decode_log_file(data: bytes) -> str | None:
    """The text of a log file; None if it is not text.

    UTF-8; UTF-16 with its byte order mark (Windows Notepad's "Unicode"); GB18030, as Chinese
    Windows saves; else Windows-1252 (Latin-1 with curly quotes), which every byte decodes to,
    so a European file saved by an old editor is read rather than called binary.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return None if "\x00" in text else text
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "gb18030", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # cp1252 leaves five bytes undefined; Latin-1 none


# What a damaged archive raises as it is opened or read (a bad header, a cut-off or corrupt
# deflate stream, an unsupported method, a name that is not UTF-8).
DAMAGED_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ValueError,
    NotImplementedError,
    EOFError,
    OSError,
    zlib.error,
)
