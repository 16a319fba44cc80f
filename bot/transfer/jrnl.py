"""Read jrnl's plain-text journal format (`[2023-01-02 09:15] Title. Body`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from bot.models import Frozen
from bot.transfer.markdown_log import ImportedEntry, date_range, split_lines

# jrnl 4 writes its default `timeformat: "%F %r"` (`2023-01-02 09:15:00 AM`); older journals and
# custom configs use `%Y-%m-%d %H:%M`. Both shapes, with or without seconds, are read.
_DATE_LINE = re.compile(
    r"^\[(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[ \t]*([AaPp])\.?[Mm]\.?)?\]"
    r"(?: (.*)|[ \t]*)$",
)
_STAR = " *"
# A line of an entry that starts like a date line; written out, it gets one more space before it
# (so neither reader takes it for the next entry), and reading takes that space away again.
_LOOKS_LIKE_DATE_LINE = re.compile(r"^ *\[\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}")


@dataclass(frozen=True, slots=True, kw_only=True)
class JrnlEntry(ImportedEntry):
    """An entry read from a jrnl journal: filed under its day, with its time and star."""

    created_at: datetime
    starred: bool = False


class ParsedJrnl(Frozen):
    """The entries of a jrnl journal, and the line numbers of text before its first entry."""

    entries: list[JrnlEntry]
    skipped_lines: list[int]

    @property
    def date_range(self) -> tuple[date, date] | None:
        """The first and last day of the journal, or None when it has no entries."""
        return date_range(self.entries)


def parse_jrnl(text: str, tz: tzinfo) -> ParsedJrnl:
    """Read a jrnl journal; its times are wall-clock times in `tz`, the user's timezone."""
    lines = split_lines(text, keep_lone_cr=True)
    entries: list[JrnlEntry] = []
    skipped: list[int] = []
    start: tuple[int, datetime, str] | None = None
    body: list[str] = []
    for number, line in enumerate(lines, start=1):
        match = _DATE_LINE.match(line)
        at = _timestamp(match, tz) if match else None
        if match is None or at is None:
            if start is None:
                skipped.extend([number] if line.strip() else [])
            else:
                body.append(_unescape_body_line(line))
            continue
        if start is not None:
            entries.append(_entry(*start, body))
        start, body = (number, at, match[8] or ""), []
    if start is not None:
        entries.append(_entry(*start, body))
    return ParsedJrnl(entries=entries, skipped_lines=skipped)


def looks_like_jrnl(text: str) -> bool:
    """Whether a file opens as a jrnl journal: its first non-blank line is a date line.

    Cheap (it reads one line), so a 20 MB Markdown file is not read as a journal first.
    """
    text = text.removeprefix("\ufeff")
    start = len(text) - len(text.lstrip())
    if start == len(text):
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    ends = [end for end in (text.find("\n", start), text.find("\r", start)) if end >= 0]
    match = _DATE_LINE.match(text[line_start : min(ends, default=len(text))])
    return match is not None and _timestamp(match, UTC) is not None


def format_jrnl_time(at: datetime) -> str:
    """`2023-01-02 09:15:00 AM`, jrnl's `%F %r`, spelled out so the locale cannot change it."""
    hour = at.hour % 12 or 12
    half = "AM" if at.hour < 12 else "PM"
    # Not `%Y`: it writes the year 800 as `800`, which no reader takes for a date line.
    return f"{at.year:04d}-{at.month:02d}-{at.day:02d} {hour:02d}:{at:%M:%S} {half}"


def escape_jrnl_text(text: str) -> str:
    """An entry's text as it follows its date line and reads back the same with parse_jrnl.

    A first line that would read as a star (`… *`) moves below the date line, and every line
    below it that starts like a date line gets one more space (taken away on reading).
    """
    lines = text.strip("\r\n").split("\n")
    first = lines[0].rstrip()
    below = [_escape_body_line(line) for line in lines[1:]]
    if first.endswith(_STAR) or first.strip() == "*" or not first.strip():
        return "\n" + "\n".join([_escape_body_line(lines[0]), *below])
    return "\n".join([lines[0], *below])


def _escape_body_line(line: str) -> str:
    return " " + line if _LOOKS_LIKE_DATE_LINE.match(line) else line


def _unescape_body_line(line: str) -> str:
    return line[1:] if line.startswith(" ") and _LOOKS_LIKE_DATE_LINE.match(line) else line


def _timestamp(match: re.Match[str], tz: tzinfo) -> datetime | None:
    """The time a date line names, or None if it names none (then the line is body text)."""
    year, month, day, hour, minute = (int(match[index]) for index in range(1, 6))
    second = int(match[6] or 0)
    half = (match[7] or "").upper()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "P" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _entry(line: int, at: datetime, title: str, body: list[str]) -> JrnlEntry:
    # jrnl marks a starred entry with a `*` after the title; it writes ` *`, which is what is
    # recognised here, so that a title that merely ends in `*` keeps it.
    starred = title.rstrip().endswith(_STAR) or title.strip() == "*"
    if starred:
        title = title.rstrip().removesuffix("*").rstrip()
    text = _without_blank_ends([title, *body])
    return JrnlEntry(day=at.date(), text=text, line=line, created_at=at, starred=starred)


def _without_blank_ends(lines: list[str]) -> str:
    # Blank lines separate entries; spaces at the end of a line of text are the author's.
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])
