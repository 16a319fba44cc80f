"""Read a log kept as Markdown under dated headings (`### YYYY-MM-DD`) into entries."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.models import Forwarded, Frozen
from bot.transfer.headings import LINE_LEVEL as _LINE_LEVEL
from bot.transfer.headings import Heading, read_dated_line, read_heading
from bot.when import DateProblem, WrittenDate

# A section heading is `#`, `##` or `###` at column 0; deeper headings are text inside a day.
# Its text is stripped in code: a lazy `(.*?)[ \t]*$` rescans trailing blanks at every step.
_SECTION_HEADING = re.compile(r"^(#{1,3})[ \t]+(.*)$")
# Every pattern that starts with a run of blanks looks behind first: without that, a search
# tries the run again from each of its characters, quadratic in a long indentation.
_ATX_CLOSING = re.compile(r"(?<![ \t])[ \t]+#+$")
_DATE = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
# Range separators seen in real logs: `-`, `~`, `=>`; the others are the obvious relatives.
_DATE_HEADING = re.compile(
    rf"^{_DATE}(?:[ \t]*(?:-|–|—|~|～|=>|->|to|至|到)[ \t]*{_DATE})?$",
)
_BULLET = re.compile(r"^[-*+](?:[ \t]|$)")
_BARE_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])?$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# A shortcode or comment is searched for only up to its last closer (see _before_last): past it,
# each opener would scan to the end of the line in vain, quadratic in a line of openers.
_SHORTCODE = re.compile(r"(?<![ \t])[ \t]*\{\{[<%].*?[>%]\}\}")
_SHORTCODE_CLOSERS = (">}}", "%}}")
# Alt text and source stop at a `[`, for the same reason: `![![![…` scans once, not n times.
_IMAGE_DEST = r"\(\s*<?[^)\s>\[]*>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
_ALT = r"!\[[^\[\]]*\]"
# A linked image `[![alt](src)](href)` goes as a whole, or an empty `[](href)` would remain.
_IMAGE = re.compile(rf"(?<![ \t])[ \t]*(?:\[{_ALT}{_IMAGE_DEST}\]\([^)\[]*\)|{_ALT}{_IMAGE_DEST})")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")
# What a line at column 0 means to the reader besides text: a heading, a bullet that starts an
# entry, a rule. The exporter escapes such lines inside an entry with a backslash, as Markdown does.
_RULE = r"(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$"
_RULE_LINE = re.compile(rf"^{_RULE}")
_HEADING_OR_RULE = rf"#{{1,3}}[ \t]|{_RULE}"
_HEADING_OR_RULE_LINE = re.compile(rf"^(?:{_HEADING_OR_RULE})")
_STRUCTURE_LINE = re.compile(rf"^(?:{_HEADING_OR_RULE}|[-*+](?:[ \t]|$))")
# `↪` opens the line that says where a forward came from (forward_line): a user's own line
# starting so is escaped like a heading, so only the exporter's line reads back as an origin.
_STRUCTURE = rf"(?:{_HEADING_OR_RULE}|[-*+](?:[ \t]|$)|↪)"
# A line the exporter escaped: one backslash more than the user wrote before the structure, so
# a user's own `\- x` comes back with its backslash (as `\\- x` means `\- x` in Markdown).
_ESCAPED_STRUCTURE = re.compile(rf"^\\(?=\\*{_STRUCTURE})")
_NEEDS_ESCAPE = re.compile(rf"^\\*{_STRUCTURE}")
_NEEDS_ESCAPE_FIRST = re.compile(rf"^(?:\\*(?:{_HEADING_OR_RULE}|↪)|\\+[-*+](?:[ \t]|$))")
# A blank line inside an entry would end it; the exporter writes a no-break space before it
# (and before a line that already is no-break spaces and blanks), which the reader takes away.
_BLANK_IN_ENTRY = "\u00a0"
_BLANK_OR_ESCAPED_BLANK = re.compile(r"^\u00a0*[ \t]*$")
# Where a forward came from, on the line after its entry's text in daylog's own export: names
# as JSON strings (any character, quotes and line breaks included, stays on the line).
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_FORWARD_LINE = re.compile(
    rf"^↪ from (?P<name>{_QUOTED})(?: signed (?P<signature>{_QUOTED}))?"
    r" \((?P<kind>user|hidden_user|chat|channel), (?P<date>[^()\s]+)\)$"
)
# A daylog export says so in its front matter; such a file is read exactly as written, with no
# decoration removed (a user's `<!--`, images and shortcodes are their text) and no fences.
_OWN_EXPORT = "title: daylog"
# A year named before the first day (`OS Summer of Code 2020`) or in a heading (`# 2023`) is
# the year of a day written without one (`## Day 0 7.2`, `### 5月1日`).
_YEAR_MENTION = re.compile(r"(?<!\d)(19[7-9]\d|20\d\d)(?!\d)")
_COMPACT_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\d{6}(?:\d{2})?[ \t\r]*$", re.MULTILINE)
_YEAR_HEADING = re.compile(
    r"(?:19[7-9]\d|20\d\d)[ \t]?年?(?:[ \t]?[-/.]?[ \t]?\d{1,2}[ \t]?月?份?)?"
)


def date_range(entries: Sequence[ImportedEntry]) -> tuple[date, date] | None:
    """The first and last day entries are filed under, or None when there are none."""
    if not entries:
        return None
    days = [entry.day for entry in entries]
    return min(days), max(days)


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportedEntry:
    """One entry read from a file: its day, its text as written, and its first line number;
    from daylog's own export, where a forward came from.

    A dataclass, as every entry of a big file is one: a model cost seconds of its reading.
    """

    day: date
    text: str
    line: int
    forwarded: Forwarded | None = None


# Holds the place of an entry of a numbered day until the file has been read and it is dated.
_PLACEHOLDER = ImportedEntry(day=date.min, text="", line=0)


@dataclass(frozen=True, slots=True)
class LogSection:
    """One dated heading; a range heading (`2022-05-09 - 2022-05-11`) also has a last day.

    A dataclass, as every day of a big file has one (a model cost a part of its reading).
    """

    day: date
    last_day: date | None
    line: int
    heading: str


class FlaggedHeading(Frozen):
    """A dated heading with an author's slip, read as a person would and shown in the preview."""

    line: int
    heading: str
    problem: DateProblem


class UndatedDays(Frozen):
    """Numbered days (`## Day 1` … `## Day 5` under `# zCore`) that nothing in the file dates."""

    title: str
    first_number: int
    last_number: int
    first_line: int
    last_line: int


class ParsedLog(Frozen):
    """What a Markdown log holds, and everything that was left out of it, with line numbers."""

    entries: list[ImportedEntry]
    sections: list[LogSection]
    unreadable_headings: list[tuple[int, str]]
    # Non-blank lines outside any dated section: the preamble and text under unreadable headings.
    skipped_lines: list[int]
    # Lines inside dated sections removed as decoration: images, shortcodes, comments, rules.
    dropped_lines: list[int]
    flagged: list[FlaggedHeading]
    undated: list[UndatedDays]

    @property
    def date_range(self) -> tuple[date, date] | None:
        """The first and last day that entries are filed under, or None when there are none."""
        return date_range(self.entries)

    @property
    def days(self) -> list[date]:
        """The distinct days that hold entries, newest first."""
        return sorted({entry.day for entry in self.entries}, reverse=True)


def parse_markdown_log(
    text: str, *, file_day: date | None = None, start: date | None = None
) -> ParsedLog:
    """Read a `.md` or `.txt` log into entries filed under their days.

    Days are headed by dates at any level (`### 2023-05-01`, `# 2023年5月1日`, `**May 1,
    2023**`, a line that is only a date) or numbered (`## Day 12`). A daily note's `file_day`
    (from its file name) holds whatever no heading dates; `start` is the day of the first
    numbered day when nothing in the file dates it.
    """
    lines = split_lines(text, keep_lone_cr=True)
    first, own_export = _front_matter(lines)
    if not own_export:
        # Only daylog's exports keep a carriage return the user wrote; others are line ends.
        lines = split_lines(text)
    reader = _LogReader(exact=own_export, file_day=file_day, start=start)
    # `## 200704` is a day only where the file's headings agree: two or more written so.
    reader.compact = len(_COMPACT_HEADING.findall(text, 0)) >= 2
    if not own_export:
        # Front matter (a title, tags) is no entry; listed with the lines left out, as all are.
        reader.skipped.extend(number + 1 for number in range(first) if not _is_blank(lines[number]))
        if file_day is not None:
            reader.day = file_day
    for number in range(first, len(lines)):
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


def split_lines(text: str, *, keep_lone_cr: bool = False) -> list[str]:
    """The lines of a file; `keep_lone_cr` keeps a `\r` that is not every line's ending.

    Not str.splitlines(): it also splits on form feeds and U+2028, and line numbers must match
    what the user's editor shows. A file whose every line ends in `\r\n` (or `\r`) was saved
    that way; otherwise, with `keep_lone_cr`, a `\r` is text a user wrote.
    """
    text = text.removeprefix("\ufeff")
    if "\n" not in text:
        text = text.replace("\r", "\n")
    elif not keep_lone_cr or text.count("\r\n") == text.count("\n"):
        text = text.replace("\r\n", "\n")
        text = text if keep_lone_cr else text.replace("\r", "\n")
    return text.removesuffix("\n").split("\n")


def _front_matter(lines: list[str]) -> tuple[int, bool]:
    """Index of the first line after YAML (`---`) or TOML (`+++`) front matter (else 0), and
    whether that front matter is a daylog export's."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return 0, False
    fence = lines[0].strip()
    for index in range(1, len(lines)):
        if lines[index].strip() == fence or (fence == "---" and lines[index].strip() == "..."):
            return index + 1, _OWN_EXPORT in (line.strip() for line in lines[1:index])
    return 0, False


def forward_line(forwarded: Forwarded) -> str:
    """The line an export writes after a forwarded entry's text:
    `↪ from "Go Weekly" signed "Alice" (channel, 2024-05-17T09:30:00+00:00)`."""
    name = json.dumps(forwarded.name, ensure_ascii=False)
    signed = ""
    if forwarded.signature is not None:
        signed = f" signed {json.dumps(forwarded.signature, ensure_ascii=False)}"
    return f"↪ from {name}{signed} ({forwarded.kind}, {forwarded.date.isoformat()})"


def read_forward_line(line: str) -> Forwarded | None:
    """The origin a line written by forward_line names; None for any other line."""
    match = _FORWARD_LINE.match(line)
    if match is None:
        return None
    try:
        name = json.loads(match["name"])
        signature = json.loads(match["signature"]) if match["signature"] else None
        when = datetime.fromisoformat(match["date"])
    except ValueError:
        return None
    if when.tzinfo is None or not isinstance(name, str) or not isinstance(signature, str | None):
        return None
    return Forwarded(kind=match["kind"], name=name, date=when, signature=signature)


def escape_entry_text(text: str) -> str:
    """The lines of an entry's text as the reader will read them back as that one entry.

    A line at column 0 that would read as a heading, a rule or (after the first line) the start
    of another entry gets a backslash, as in Markdown; a blank line gets a no-break space. Both
    are taken away again on reading. Whitespace before the text is dropped: indented, it would
    continue the entry before it (Telegram trims a message's ends anyway).
    """
    lines = text.strip("\n").split("\n")
    lines[0] = lines[0].lstrip(" \t")
    escaped = [_escape_line(line, first=index == 0) for index, line in enumerate(lines)]
    return "\n".join(escaped)


def _escape_line(line: str, *, first: bool) -> str:
    if _BLANK_OR_ESCAPED_BLANK.match(line):
        return _BLANK_IN_ENTRY + line
    structure = _NEEDS_ESCAPE_FIRST if first else _NEEDS_ESCAPE
    return "\\" + line if structure.match(line) else line


def _unescape_line(line: str) -> str:
    if line.startswith(_BLANK_IN_ENTRY) and _BLANK_OR_ESCAPED_BLANK.match(line):
        return line[1:]
    return _ESCAPED_STRUCTURE.sub("", line) if line.startswith("\\") else line


def _before_last(line: str, closers: tuple[str, ...], pattern: re.Pattern[str]) -> str:
    """`pattern` removed from `line`, searched only up to the end of the last closer."""
    end = max((line.rfind(closer) + len(closer) for closer in closers if closer in line), default=0)
    return pattern.sub("", line[:end]) + line[end:] if end else line


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
    forwarded: Forwarded | None = None

    def add(self, line: str) -> None:
        self.lines.extend([""] * self.pending_blanks)
        self.pending_blanks = 0
        cut = min(self.indent, _indent_of(line))
        self.lines.append(_unescape_line(line[cut:]))

    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(eq=False)
class _Series:
    """Numbered days under one title (`# zCore`: `## Day 1` …), and the day that dates them."""

    title: str
    title_line: int
    heading: str  # the title's heading line as written
    anchor: tuple[int, date] | None = None
    numbers: list[int] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Waiting:
    """An entry of a numbered day: its place among the entries, text and lines, and its day."""

    index: int
    text: str
    line: int
    last_line: int
    series: _Series
    number: int


@dataclass
class _LogReader:
    """Reads lines one at a time; each line joins an entry or is reported as left out."""

    entries: list[ImportedEntry] = field(default_factory=list)
    sections: list[LogSection] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    dropped: list[int] = field(default_factory=list)
    # Entries of numbered days, by index: their series and day number, and their last line.
    waiting: list[_Waiting] = field(default_factory=list)
    exact: bool = False  # a daylog export: no decoration, no fences, every line as written
    day: date | None = None  # None before the first dated heading and under unreadable ones
    block: _Block | None = None
    fence: str | None = None
    in_comment: bool = False
    file_day: date | None = None
    start: date | None = None
    compact: bool = False
    # The file dates its lines (`2023-05-01: ran`), not its headings: each such line a day.
    dated_lines: bool = False
    # The level of the heading that opened the current day (0: a bold or bare date line, or a
    # daily note's own day), the year so far, and the numbered day being read.
    level: int = 0
    year: int | None = None
    numbered: tuple[_Series, int] | None = None
    series: list[_Series] = field(default_factory=list)
    # Headings that are no day, outermost first: the title a numbered day belongs to.
    topics: list[tuple[int, int, str, str]] = field(default_factory=list)
    flagged: list[FlaggedHeading] = field(default_factory=list)

    def feed(self, number: int, line: str) -> None:
        if self.exact:
            match = _SECTION_HEADING.match(line)
            self._feed_exact(number, line, match[2].rstrip(" \t") if match else None)
            return
        heading = read_heading(line, year=self.year, compact=self.compact)
        # A dated heading also ends a code fence someone forgot to close.
        if self.fence is not None and (heading is None or heading.written is None):
            self._add_fenced(line)
        elif self.in_comment:
            self.dropped.append(number)
            self.in_comment = "-->" not in line
        elif heading is not None:
            self.fence = None
            self._heading(number, line, heading)
        elif (self.dated_lines or (self.day is None and self.numbered is None)) and (
            dated := read_dated_line(line)
        ) is not None:
            self._start_dated_line(number, line, *dated)
        elif self.day is None and self.numbered is None:
            if not _is_blank(line):
                self.skipped.append(number)
                if not self.sections and not self.series:
                    self._note_year(line)
        else:
            self._feed_content(number, line)

    def _note_year(self, text: str) -> None:
        if (year := _YEAR_MENTION.search(text)) is not None:
            self.year = int(year[1])

    def _heading(self, number: int, line: str, heading: Heading) -> None:
        """Start a day, a numbered day, or take in a heading that is neither."""
        # In a daily note the file's name dates it: a `Day N` there is a course's, not a day.
        numbered = heading.day_number is not None and self.file_day is None
        if heading.written is not None or numbered:
            self._close_block()
            self._start_day(number, line, heading)
            return
        if (self.day is not None or self.numbered is not None) and (
            heading.level > self.level or (self.level == 0 and self.file_day is None)
        ):
            # `### 输入` under `## 2023-05-01`: a part of that day, starting an entry.
            self._open_block(number, line, is_bullet=False)
            return
        self._close_block()
        while self.topics and self.topics[-1][0] >= heading.level:
            self.topics.pop()
        self.topics.append((heading.level, number, heading.text, line.strip()))
        self._note_year(heading.text)
        self.numbered, self.level = None, 0
        if self.file_day is not None:
            # In a daily note, everything is of its day: the heading is text of that day.
            self.day = self.file_day
            self._open_block(number, line, is_bullet=False)
        else:
            self.day = None
            # `# 2023`, `## 2023年5月` are read: they give the year of the days under them.
            if _YEAR_HEADING.fullmatch(heading.text) is None:
                self.unreadable.append((number, line))

    def _start_dated_line(self, number: int, line: str, written: WrittenDate, rest: str) -> None:
        """`2023-05-01: ran 5k` outside any dated heading: an entry of that day, the lines
        under it too, until the next such line."""
        self._close_block()
        self.day, self.year, self.level, self.numbered = written.day, written.day.year, 0, None
        self.dated_lines = True
        self.sections.append(
            LogSection(day=written.day, last_day=written.last_day, line=number, heading=line)
        )
        if written.problem is not None:
            self.flagged.append(FlaggedHeading(line=number, heading=line, problem=written.problem))
        self.block = _Block(line=number, indent=0, is_bullet=True)
        self.block.add(rest)

    def _start_day(self, number: int, line: str, heading: Heading) -> None:
        self.dated_lines = False
        written = heading.written
        self.level = heading.level if heading.level < _LINE_LEVEL else 0
        self.numbered = None
        if written is not None:
            self.day, self.year = written.day, written.day.year
            self.sections.append(
                LogSection(day=written.day, last_day=written.last_day, line=number, heading=line)
            )
            if written.problem is not None:
                self.flagged.append(
                    FlaggedHeading(line=number, heading=line, problem=written.problem)
                )
        else:
            self.day = None
        if heading.day_number is None or self.file_day is not None:
            return
        series = self._series_of(heading)
        series.lines.add(number)
        series.numbers.append(heading.day_number)
        if written is not None and series.anchor is None:
            series.anchor = (heading.day_number, written.day)
        if written is None:
            self.numbered = (series, heading.day_number)
        # The heading is a day of a challenge: an entry of the two headings as written (`# 100
        # Days of Code` and `## Flexbox | Day 3`), which the progress reader takes as Day 3 of it.
        text = f"{series.heading}\n{line.strip()}" if series.heading else line.strip()
        self._add_entry(text, number, number)

    def _series_of(self, heading: Heading) -> _Series:
        """The challenge a numbered heading counts: the last heading above it names it."""
        title_line, title, title_heading = next(
            (
                (line, text, raw)
                for level, line, text, raw in reversed(self.topics)
                if level < heading.level
            ),
            (0, "", ""),
        )
        if not self.series or self.series[-1].title_line != title_line:
            self.series.append(_Series(title=title, title_line=title_line, heading=title_heading))
            # The title is read after all: it names the challenge (`# 100 Days of Code`).
            self.unreadable = [pair for pair in self.unreadable if pair[0] != title_line]
        return self.series[-1]

    def _add_entry(
        self, text: str, line: int, last_line: int, forwarded: Forwarded | None = None
    ) -> None:
        if self.day is not None:
            self.entries.append(
                ImportedEntry(day=self.day, text=text, line=line, forwarded=forwarded)
            )
        elif self.numbered is not None:
            # Dated when the whole file is read; a shared placeholder holds its place till then.
            self.waiting.append(_Waiting(len(self.entries), text, line, last_line, *self.numbered))
            self.entries.append(_PLACEHOLDER)

    def _feed_exact(self, number: int, line: str, heading: str | None) -> None:
        if heading is not None:
            self._start_section(number, line, heading)
        elif self.day is None:
            if not _is_blank(line):
                self.skipped.append(number)
        elif _is_blank(line):
            if self.block is not None:
                self.block.pending_blanks += 1
        elif (
            self.block is not None
            and line.startswith("↪")
            and (forwarded := read_forward_line(line)) is not None
        ):
            self.block.forwarded = forwarded
        else:
            self._place(number, line)

    def finish(self) -> ParsedLog:
        self._close_block()
        undated = self._date_numbered_days() if self.waiting else []
        return ParsedLog(
            entries=self.entries,
            sections=self.sections,
            unreadable_headings=self.unreadable,
            skipped_lines=self.skipped,
            dropped_lines=self.dropped,
            flagged=self.flagged,
            undated=undated,
        )

    def _date_numbered_days(self) -> list[UndatedDays]:
        """Date each numbered day from a dated day of its series, or from `start` (the first
        series nothing dates); what stays undated is left out and said."""
        start = self.start
        for series in self.series:
            if series.anchor is None and start is not None and series.numbers:
                series.anchor, start = (series.numbers[0], start), None
        undated: dict[int, tuple[_Series, int, int]] = {}
        for waiting in self.waiting:
            series = waiting.series
            if series.anchor is not None:
                anchor_number, anchor_day = series.anchor
                day = anchor_day + timedelta(days=waiting.number - anchor_number)
                self.entries[waiting.index] = ImportedEntry(
                    day=day, text=waiting.text, line=waiting.line
                )
                if waiting.line in series.lines:  # the entry of the numbered heading itself
                    self.sections.append(
                        LogSection(day=day, last_day=None, line=waiting.line, heading="")
                    )
                continue
            self.skipped.extend(range(waiting.line, waiting.last_line + 1))
            first_line = undated[id(series)][1] if id(series) in undated else waiting.line
            undated[id(series)] = (series, first_line, waiting.last_line)
        if undated:
            self.entries = [entry for entry in self.entries if entry is not _PLACEHOLDER]
            self.skipped.sort()
        return [
            UndatedDays(
                title=series.title,
                first_number=min(series.numbers),
                last_number=max(series.numbers),
                first_line=first_line,
                last_line=last_line,
            )
            for series, first_line, last_line in undated.values()
        ]

    def _add_fenced(self, line: str) -> None:
        # Code is kept exactly, blank lines and `#` lines included, until the fence closes.
        if self.block is not None:
            self.block.add(line)
        fence = self.fence or ""
        stripped = line.strip()
        if stripped.startswith(fence) and not stripped.strip(fence[:1]):
            self.fence = None

    def _start_section(self, number: int, line: str, heading: str) -> None:
        """A `#` to `###` heading of a daylog export: a `YYYY-MM-DD` day, or left out."""
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
        # Blank lines are most lines of many files; they skip the cleaning.
        cleaned = line if _is_blank(line) else self._clean(line)
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
        if "<!--" not in line and "{{" not in line and "![" not in line:
            return line
        cleaned = _before_last(line, ("-->",), _INLINE_COMMENT)
        if "<!--" in cleaned:
            cleaned = cleaned[: cleaned.index("<!--")]
            self.in_comment = True
        cleaned = _IMAGE.sub("", _before_last(cleaned, _SHORTCODE_CLOSERS, _SHORTCODE))
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
        if self.block is not None and (self.day is not None or self.numbered is not None):
            line = self.block.line
            last_line = line + len(self.block.lines) - (0 if self.block.forwarded else 1)
            self._add_entry(self.block.text(), line, last_line, self.block.forwarded)
        self.block = None
