"""Read a log kept as Markdown under dated headings (`### YYYY-MM-DD`) into entries."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from bot.models import Frozen

# A section heading is `#`, `##` or `###` at column 0; deeper headings are text inside a day.
_SECTION_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*?)[ \t]*$")
_ATX_CLOSING = re.compile(r"[ \t]+#+$")
_DATE = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
# Range separators seen in real logs: `-`, `~`, `=>`; the others are the obvious relatives.
_DATE_HEADING = re.compile(
    rf"^{_DATE}(?:[ \t]*(?:-|–|—|~|～|=>|->|to|至|到)[ \t]*{_DATE})?$",
)
_BULLET = re.compile(r"^[-*+](?:[ \t]|$)")
_BARE_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])?$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_SHORTCODE = re.compile(r"[ \t]*\{\{[<%].*?[>%]\}\}")
_IMAGE_DEST = r"\(\s*<?[^)\s>]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
# A linked image `[![alt](src)](href)` goes as a whole, or an empty `[](href)` would remain.
_IMAGE = re.compile(rf"[ \t]*(?:\[!\[[^\]]*\]{_IMAGE_DEST}\]\([^)]*\)|!\[[^\]]*\]{_IMAGE_DEST})")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")
# What a line at column 0 means to the reader besides text: a heading, a bullet that starts an
# entry, a rule. The exporter escapes such lines inside an entry with a backslash, as Markdown does.
_RULE = r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"
_RULE_LINE = re.compile(rf"^{_RULE}")
_HEADING_OR_RULE = rf"#{{1,3}}[ \t]|{_RULE}"
_HEADING_OR_RULE_LINE = re.compile(rf"^(?:{_HEADING_OR_RULE})")
_STRUCTURE_LINE = re.compile(rf"^(?:{_HEADING_OR_RULE}|[-*+](?:[ \t]|$))")
_ESCAPED_STRUCTURE = re.compile(rf"^\\(?={_HEADING_OR_RULE}|[-*+](?:[ \t]|$))")
# A blank line inside an entry would end it; the exporter writes a no-break space instead.
_BLANK_IN_ENTRY = "\u00a0"


def date_range(entries: Sequence[ImportedEntry]) -> tuple[date, date] | None:
    """The first and last day entries are filed under, or None when there are none."""
    if not entries:
        return None
    days = [entry.day for entry in entries]
    return min(days), max(days)


class ImportedEntry(Frozen):
    """One entry read from a file: its day, its text as written, and its first line number."""

    day: date
    text: str
    line: int


class LogSection(Frozen):
    """One dated heading; a range heading (`2022-05-09 - 2022-05-11`) also has a last day."""

    day: date
    last_day: date | None
    line: int
    heading: str


class ParsedLog(Frozen):
    """What a Markdown log holds, and everything that was left out of it, with line numbers."""

    entries: list[ImportedEntry]
    sections: list[LogSection]
    unreadable_headings: list[tuple[int, str]]
    # Non-blank lines outside any dated section: the preamble and text under unreadable headings.
    skipped_lines: list[int]
    # Lines inside dated sections removed as decoration: images, shortcodes, comments, rules.
    dropped_lines: list[int]

    @property
    def date_range(self) -> tuple[date, date] | None:
        """The first and last day that entries are filed under, or None when there are none."""
        return date_range(self.entries)

    @property
    def days(self) -> list[date]:
        """The distinct days that hold entries, newest first."""
        return sorted({entry.day for entry in self.entries}, reverse=True)


def parse_markdown_log(text: str) -> ParsedLog:
    """Read a `.md` or `.txt` log in the dated shape into entries filed under their days."""
    lines = _split_lines(text)
    reader = _LogReader()
    for number in range(_front_matter_end(lines), len(lines)):
        reader.feed(number + 1, lines[number])
    return reader.finish()


def read_date_heading(heading: str) -> tuple[date, date | None] | None:
    """The day (and the last day of a range) a heading names, or None if it names none."""
    match = _DATE_HEADING.match(_ATX_CLOSING.sub("", heading.strip()))
    if match is None:
        return None
    numbers = [int(group) for group in match.groups() if group is not None]
    try:
        first = date(numbers[0], numbers[1], numbers[2])
        last = date(numbers[3], numbers[4], numbers[5]) if len(numbers) == 6 else None
    except ValueError:
        return None
    return first, last


def _split_lines(text: str) -> list[str]:
    # Not str.splitlines(): it also splits on form feeds and U+2028, and line numbers must
    # match what the user's editor shows.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.removesuffix("\n").split("\n")


def _front_matter_end(lines: list[str]) -> int:
    """Index of the first line after YAML (`---`) or TOML (`+++`) front matter, else 0."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0
    fence = lines[0].strip()
    for index in range(1, len(lines)):
        if lines[index].strip() == fence or (fence == "---" and lines[index].strip() == "..."):
            return index + 1
    return 0


def escape_entry_text(text: str) -> str:
    """The lines of an entry's text as the reader will read them back as that one entry.

    A line at column 0 that would read as a heading, a rule or (after the first line) the start
    of another entry gets a backslash, as in Markdown; a blank line becomes a no-break space.
    Whitespace before the text is dropped: indented, it would continue the entry before it.
    """
    lines = text.strip("\n").split("\n")
    lines[0] = lines[0].lstrip(" \t")
    escaped = [_escape_line(line, first=index == 0) for index, line in enumerate(lines)]
    return "\n".join(escaped)


def _escape_line(line: str, *, first: bool) -> str:
    if _is_blank(line):
        return _BLANK_IN_ENTRY
    structure = _HEADING_OR_RULE_LINE if first else _STRUCTURE_LINE
    return "\\" + line if structure.match(line) else line


def _unescape_line(line: str) -> str:
    return "" if line == _BLANK_IN_ENTRY else _ESCAPED_STRUCTURE.sub("", line)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _is_blank(line: str) -> bool:
    # Only spaces and tabs make a line blank, as in CommonMark; a no-break space does not.
    return not line.strip(" \t")


@dataclass
class _Block:
    """The entry being read: its lines, its first line number and that line's indentation."""

    line: int
    indent: int
    is_bullet: bool
    lines: list[str] = field(default_factory=list)
    pending_blanks: int = 0

    def add(self, line: str) -> None:
        self.lines.extend([""] * self.pending_blanks)
        self.pending_blanks = 0
        cut = min(self.indent, _indent_of(line))
        self.lines.append(_unescape_line(line[cut:]))

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _LogReader:
    """Reads lines one at a time; each line joins an entry or is reported as left out."""

    entries: list[ImportedEntry] = field(default_factory=list)
    sections: list[LogSection] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    day: date | None = None  # None before the first dated heading and under unreadable ones
    block: _Block | None = None
    fence: str | None = None
    in_comment: bool = False

    def feed(self, number: int, line: str) -> None:
        heading = _SECTION_HEADING.match(line)
        # A dated heading also ends a code fence someone forgot to close.
        if self.fence is not None and (heading is None or read_date_heading(heading[2]) is None):
            self._add_fenced(line)
        elif self.in_comment:
            self.dropped.append(number)
            self.in_comment = "-->" not in line
        elif heading is not None:
            self._start_section(number, line, heading[2])
        elif self.day is None:
            if not _is_blank(line):
                self.skipped.append(number)
        else:
            self._feed_content(number, line)

    def finish(self) -> ParsedLog:
        self._close_block()
        return ParsedLog(
            entries=self.entries,
            sections=self.sections,
            unreadable_headings=self.unreadable,
            skipped_lines=self.skipped,
            dropped_lines=self.dropped,
        )

    def _add_fenced(self, line: str) -> None:
        # Code is kept exactly, blank lines and `#` lines included, until the fence closes.
        if self.block is not None:
            self.block.add(line)
        fence = self.fence or ""
        stripped = line.strip()
        if stripped.startswith(fence) and not stripped.strip(fence[:1]):
            self.fence = None

    def _start_section(self, number: int, line: str, heading: str) -> None:
        self._close_block()
        self.fence = None
        days = read_date_heading(heading)
        if days is None:
            self.unreadable.append((number, line))
            self.day = None
            return
        first, last = days
        self.sections.append(LogSection(day=first, last_day=last, line=number, heading=line))
        self.day = first

    def _feed_content(self, number: int, line: str) -> None:
        cleaned = self._clean(line)
        if cleaned is None:
            self.dropped.append(number)
        elif _is_blank(cleaned):
            if self.block is not None:
                self.block.pending_blanks += 1
        else:
            self._place(number, cleaned)
            if (fence := _FENCE.match(cleaned)) is not None:
                self.fence = fence.group(1)

    def _clean(self, line: str) -> str | None:
        """The line without decoration, or None when nothing but decoration was on it."""
        if _RULE_LINE.match(line):
            return None
        cleaned = _INLINE_COMMENT.sub("", line)
        if "<!--" in cleaned:
            cleaned = cleaned[: cleaned.index("<!--")]
            self.in_comment = True
        cleaned = _IMAGE.sub("", _SHORTCODE.sub("", cleaned))
        if cleaned == line:
            return line
        cleaned = cleaned.rstrip()
        return None if _BARE_MARKER.match(cleaned.strip()) else cleaned

    def _place(self, number: int, line: str) -> None:
        """Add a non-blank line to the current entry, or start a new entry with it."""
        indent = _indent_of(line)
        block = self.block
        if indent == 0 and _BULLET.match(line):
            self._open_block(number, line, is_bullet=True)
        elif block is None:
            self._open_block(number, line, is_bullet=bool(_BULLET.match(line.lstrip())))
        elif block.pending_blanks and (indent == 0 or not block.is_bullet):
            # After a blank line only an indented line still belongs to a bullet; prose ends.
            self._open_block(number, line, is_bullet=False)
        else:
            block.add(line)

    def _open_block(self, number: int, line: str, *, is_bullet: bool) -> None:
        self._close_block()
        self.block = _Block(line=number, indent=_indent_of(line), is_bullet=is_bullet)
        self.block.add(line)

    def _close_block(self) -> None:
        if self.block is not None and self.day is not None:
            entry = ImportedEntry(day=self.day, text=self.block.text(), line=self.block.line)
            self.entries.append(entry)
        self.block = None
