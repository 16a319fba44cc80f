"""A folder of daily notes sent as a `.zip` (Obsidian, Logseq, any `YYYY-MM-DD*.md`), read safely.

Nothing is extracted to disk: members are read into memory, so a name cannot write anywhere,
but a name with `..`, an absolute path or a drive is still refused, as no folder of notes holds
one. Against zip bombs every member is read with a cap on what it really inflates to (a
member's declared size may lie), on its ratio to what it takes in the archive, and on the
archive's total.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from bot.transfer.files import DAMAGED_ZIP, MAX_FILE_BYTES, decode_log_file

# More notes than years of daily writing; a zip with more is refused, not half read.
MAX_NOTES = 20_000
# What all notes may inflate to together, and the most a member may inflate over its size in
# the archive (text compresses about 3 to 10 times; a bomb, thousands).
MAX_TOTAL_BYTES = 4 * MAX_FILE_BYTES
MAX_RATIO = 100
_NOTE_SUFFIXES = (".md", ".markdown", ".txt")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Note:
    """One note of the folder: its path in the archive and its text."""

    path: str
    text: str


@dataclass
class NotesFolder:
    """The notes of an archive, in path order, and the members left out with the reason."""

    notes: list[Note] = field(default_factory=list)
    # (path, reason): "unsafe-name", "not-a-note", "too-big", "binary", "encrypted", "damaged"
    left_out: list[tuple[str, str]] = field(default_factory=list)


def looks_like_zip(data: bytes) -> bool:
    """Whether the bytes are a zip archive (rather than a text log)."""
    return data.startswith(_ZIP_MAGIC)


def read_notes(data: bytes) -> NotesFolder | None:
    """The notes of a zip archive, or None when it is no readable archive or exceeds the bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except DAMAGED_ZIP:
        return None
    with archive:
        members = [info for info in archive.infolist() if not info.filename.endswith("/")]
        if len(members) > MAX_NOTES:
            return None
        folder = NotesFolder()
        total = 0
        for info in sorted(members, key=lambda member: member.filename):
            reason = _reason_to_skip(info)
            if reason == "hidden":
                continue
            if reason is not None:
                folder.left_out.append((info.filename, reason))
                continue
            content = _read_member(archive, info)
            if isinstance(content, str):
                folder.left_out.append((info.filename, content))
                continue
            total += len(content)
            if total > MAX_TOTAL_BYTES:
                return None
            text = decode_log_file(content)
            if text is None:
                folder.left_out.append((info.filename, "binary"))
                continue
            folder.notes.append(Note(info.filename, text))
        return folder


def _reason_to_skip(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    parts = name.split("/")
    if name.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":"):
        return "unsafe-name"
    if any(part.startswith(".") for part in parts) or parts[0] == "__MACOSX":
        return "hidden"  # .obsidian/, .DS_Store, macOS resource forks: not the user's notes
    if not name.lower().endswith(_NOTE_SUFFIXES):
        return "not-a-note"
    if info.flag_bits & 0x1:
        return "encrypted"
    if info.file_size > MAX_FILE_BYTES or info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return "too-big"
    return None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | str:
    """The member's bytes, reading at most one byte past its cap (a lying header stops there),
    or why not: "too-big", "damaged"."""
    cap = min(MAX_FILE_BYTES, MAX_RATIO * max(info.compress_size, 1))
    try:
        with archive.open(info) as member:
            content = member.read(cap + 1)
    except (*DAMAGED_ZIP, RuntimeError):
        return "damaged"
    return content if len(content) <= cap else "too-big"
