"""How /import reads the corpus's real logs, per source: accepted, days found vs. expected, lines
left out. Shared by tests/test_import_layouts.py and benchmarks/bench_import_layouts.py.

The expected days are the "dated entries" column of `../shared/corpus/more/README.md` (and the
271 sections of `history-2021-2023.md`, 267 distinct days); a folder of daily notes is read as
the user would send it, a `.zip` of the folder.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.transfer.importing import ReadLog, read_file

TIMEZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Source:
    """One author's log as the corpus holds it, and what a careful reader finds in it."""

    name: str
    path: str  # a file, or a folder of daily notes (sent as a zip)
    expected_days: int
    start: date | None = None  # the day of Day 1, which the user gives when nothing dates it


SOURCES = (
    Source("history (seed author)", "history-2021-2023.md", 267),
    Source("sinofp (YYMMDD)", "more/rcore-os-infohub_ossoc2020-sinofp-daily/README.md", 24),
    # ~36 in the README: 30 `Day` headings of July (Day 19 and 22 twice, 26 missing: 28 days)
    # and five `# zCore` days that nothing in the file dates.
    Source("chibinz (Day N + 7.2)", "more/chibinz_OSSummerOfCode/README.md", 33),
    Source("panda8z (daily files)", "more/panda8z_daily-log-archive", 27),
    Source("JediChou (SelfStudy-YYYYMMDD)", "more/JediChou_jedi-md-book", 209),
    # No date at all: the user says when Day 1 was (the repository's first commit).
    Source(
        "Avik (Topic | Day N)", "more/Avik-Jain_100-Days-Of-ML-Code/README.md", 54, date(2018, 7, 7)
    ),
    Source("flancian (journal/YYYY-MM-DD.md)", "more/flancian_garden", 408),
)


@dataclass(frozen=True)
class Result:
    """What /import made of one source."""

    source: Source
    files: int
    accepted: bool
    days: int
    entries: int
    progress: int
    lines_left_out: int
    seconds: float


def zipped(folder: Path) -> tuple[bytes, int]:
    """The folder's notes as the zip a user would send, and how many files it holds."""
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name != "LICENSE":
                archive.write(path, path.relative_to(folder).as_posix())
                count += 1
    return buffer.getvalue(), count


def measure(corpus: Path, source: Source) -> Result:
    """Read one source as /import does (the preview's reading) and count what it found."""
    path = corpus / source.path
    if path.is_dir():
        data, files = zipped(path)
    else:
        data, files = path.read_bytes(), 1
    began = time.perf_counter()
    read = read_file(data, TIMEZONE, name=path.name, start=source.start)
    seconds = time.perf_counter() - began
    if not isinstance(read, ReadLog):
        return Result(source, files, False, 0, 0, 0, 0, seconds)
    left = sum(len(part.skipped) for part in read.left_out) + len(read.unreadable_headings)
    days = len({entry.day for entry in read.entries})
    return Result(
        source, files, True, days, len(read.entries), read.progress_updates, left, seconds
    )
