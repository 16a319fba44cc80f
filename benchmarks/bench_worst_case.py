"""The slowest input per parser and normaliser: hand-made pathological shapes, then a search.

Run on purpose (`.venv/bin/python benchmarks/bench_worst_case.py [--examples N] [--only NAME]`);
it prints a table and asserts nothing. For every reader of user text (bot/when.py, bot/dates.py,
the progress notations and titles, the import readers, the /search query) it times a set of
hand-made shapes (runs of `.` `-` `:` `。` spaces digits `/` `%` `《` ..., deep indentation) at
1,024 and 4,096 characters, reports the slowest and
how its time grows (n^k: k≈1 is linear, k≈2 quadratic), then lets hypothesis hunt for a slower
text (targeted search: each example's time is the score it climbs). Last, it reads a 20 MB
import of each kind: the preview, the Import press, the search indexing the bot then does in
the background, and the memory it takes. Goals (issue 14): ≤ 5 ms per text of ≤ 4,096
characters, linear growth, ≤ 2 s for a 20 MB import. A single call is cut off after TIMEOUT
seconds (the regex engine checks for signals), so a catastrophic pattern shows as "> 2000 ms"
instead of hanging the run.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import math
import re
import resource
import signal
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import FrameType
from zoneinfo import ZoneInfo

from _setup import HISTORY
from hypothesis import HealthCheck, Phase, given, settings, target
from hypothesis import strategies as st

from bot.answers.search_query import parse_search, tags_in
from bot.dates import split_date_prefix
from bot.progress.commands import clean_title, parse_target, split_pair
from bot.progress.notations import parse_progress
from bot.progress.titles import display_title, find_item, match_item, normalise_title
from bot.store import Store
from bot.transfer.headings import read_heading
from bot.transfer.importing import (
    import_pending,
    pending_entries,
    plan_import,
    read_file,
    read_log,
)
from bot.transfer.jrnl import parse_jrnl
from bot.transfer.markdown_log import escape_entry_text, parse_markdown_log, read_date_heading
from bot.when import find_written_date, parse_when

TODAY = date(2024, 5, 17)
ZONE = ZoneInfo("Asia/Shanghai")
SIZE = 4096
SMALL = 1024
TIMEOUT = 1.0
BUDGET_MS = 5.0
IMPORT_BYTES = 20 * 1024 * 1024
KNOWN_KEYS = [f"book {number}" for number in range(60)] + ["linux/unix系统编程手册(上册)"]
KNOWN_TITLES = {key: key.title() for key in KNOWN_KEYS}

# Every reader of text a user controls, as a function of that text. The log readers get a
# heading first, so the text is read as an entry's content rather than skipped as preamble.
TARGETS: dict[str, Callable[[str], object]] = {
    "dates.split_date_prefix": lambda text: split_date_prefix(text, TODAY),
    "when.parse_when": lambda text: parse_when(text, TODAY),
    "notations.parse_progress": parse_progress,
    "commands.split_pair": split_pair,
    "commands.clean_title": clean_title,
    "commands.parse_target": lambda text: parse_target(text, TODAY),
    "titles.display_title": display_title,
    "titles.normalise_title": normalise_title,
    "titles.match_item": lambda text: match_item(normalise_title(text), KNOWN_KEYS),
    "titles.find_item": lambda text: find_item(text, KNOWN_TITLES),
    "search_query.parse_search": lambda text: parse_search(text, TODAY),
    "search_query.parse_search since": lambda text: parse_search("x since " + text, TODAY),
    "search_query.tags_in": tags_in,
    "markdown_log.parse_markdown_log": lambda text: parse_markdown_log("### 2024-05-17\n" + text),
    "markdown_log.read_date_heading": read_date_heading,
    "headings.read_heading": lambda text: read_heading(text, year=2020),
    "headings.read_heading ##": lambda text: read_heading("## " + text, year=2020),
    "when.find_written_date": lambda text: find_written_date(text, year=2020, numeric=True),
    "markdown_log.escape_entry_text": escape_entry_text,
    "jrnl.parse_jrnl": lambda text: parse_jrnl("[2024-05-17 09:15] " + text, ZONE),
    "importing.read_log md": lambda text: read_log("### 2024-05-17\n" + text, ZONE),
    "importing.read_log jrnl": lambda text: read_log("[2024-05-17 09:15] " + text, ZONE),
}

# The characters that nested or adjacent quantifiers in these parsers care about.
RUNS = [
    ".", "-", ":", "：", "。", " ", "\t", "1", "/", "%", "《", "》", "「", "(", "（", "[", "]",
    "!", "<", "`", "*", "#", "，", ",", "~", "\\", "|", "进度", "a", "读完了", "\n", "- ", "1/",
    "1.", "1%", "<!--", "![", "{{<", "[![", "](", "http://", "#a", '"', "since ",
]  # fmt: skip


def _shapes(size: int) -> Iterator[tuple[str, str]]:
    """(label, text) pairs of about `size` characters, each a known-hard shape."""
    for run in RUNS:
        count = max(1, size // len(run))
        filler = (run * count)[:size]
        yield f"{run!r}*n", filler
        yield f"'Read 2 chapters'+{run!r}*n+' more'", f"Read 2 chapters{filler} more words"
        yield f"'进度 '+{run!r}*n+' 21/572'", f"进度 {filler} 21/572"
        yield f"'- 《'+{run!r}*n", f"- 《{filler}"
        yield f"'《x》'+{run!r}*n+'72%'", f"《x》{filler}72%"
        yield f"({run!r}+' ')*n", ((run + " ") * count)[:size]
        yield f"('1'+{run!r})*n", (("1" + run) * count)[:size]
        yield f"({run!r}+'a')*n", ((run + "a") * count)[:size]
    lines = max(1, size // 64)
    yield "indent 0..n '- x'", "\n".join(" " * (i % 60) + "- x" for i in range(lines))
    depth = max(1, size - 4)
    yield "one line, n spaces, '- x'", " " * depth + "- x"
    yield "one line, n tabs, '![x'", "\t" * depth + "![x"
    yield "n spaces then '{{<'", " " * depth + "{{<"
    yield "lines of '```'", "```\n" * (size // 4)
    yield "lines of '<!--'", "<!--\n" * (size // 5)
    yield "lines of '### '", "### \n" * (size // 5)
    yield "lines of '[2024-05-17 09:15]'", "[2024-05-17 09:15]\n" * (size // 19)
    # Many short lines that each look like progress, so no line can be passed over unread.
    for line in ("第", "一半", "Day 1", "第1章", "P1-", "读完了", "a - 1/2", "- x 72%"):
        yield f"lines of {line!r}", ((line + "\n") * size)[:size]
    # Numbered, so that no line repeats another: none is read again from what was seen.
    for template in ("Day {}", "第{}章", "P{}-"):
        numbered = "\n".join(template.format(n) for n in range(size))[:size]
        yield f"numbered lines {template.format('N')!r}", numbered


@dataclass
class Worst:
    """The slowest input seen for one parser."""

    label: str
    ms: float
    text: str


class _TimedOut(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise _TimedOut


def timed(function: Callable[[str], object], text: str, repeat: int = 1) -> float:
    """The fastest of `repeat` calls in milliseconds; TIMEOUT*1000 when one is cut off."""
    best = math.inf
    for _ in range(repeat):
        signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
        started = time.perf_counter()
        try:
            function(text)
        except _TimedOut:
            return TIMEOUT * 1000
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def worst_shape(function: Callable[[str], object]) -> tuple[Worst, float]:
    """The slowest hand-made shape at SIZE, and the exponent of its growth from SMALL."""
    small = dict(_shapes(SMALL))
    worst = Worst("", -1.0, "")
    # Warm up (lazy imports, pattern compilation), so the first shape is not taken for the worst.
    for text in list(small.values())[:8]:
        timed(function, text)
    for label, text in _shapes(SIZE):
        ms = timed(function, text, repeat=2)
        if ms > worst.ms:
            worst = Worst(label, ms, text)
        if ms >= TIMEOUT * 1000:
            # Catastrophic already: scanning on would only cost TIMEOUT per shape.
            return worst, math.nan
    worst.ms = timed(function, worst.text, repeat=3)
    small_ms = timed(function, small[worst.label], repeat=3)
    if small_ms >= TIMEOUT * 1000:
        return worst, math.nan
    growth = math.log(max(worst.ms, 1e-3) / max(small_ms, 1e-3)) / math.log(SIZE / SMALL)
    return worst, growth


def _texts() -> st.SearchStrategy[str]:
    """Texts made of runs of the hard characters and some noise, up to SIZE characters."""
    piece = st.one_of(
        st.tuples(st.sampled_from(RUNS), st.integers(1, 600)).map(lambda p: p[0] * p[1]),
        st.text(max_size=20),
        st.sampled_from(["Read 2 chapters", "进度 21/572", "《书》", " 72%", "\n  - ", "12:30"]),
    )
    return st.lists(piece, max_size=40).map(lambda parts: "".join(parts)[:SIZE])


def hypothesis_worst(function: Callable[[str], object], examples: int) -> Worst:
    """The slowest text a targeted hypothesis search finds in `examples` examples."""
    worst = Worst("", -1.0, "")

    @settings(
        max_examples=examples,
        phases=[Phase.generate, Phase.target],
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_texts())
    def search(text: str) -> None:
        if worst.ms >= TIMEOUT * 1000:
            # A catastrophe was found: timing more examples could cost TIMEOUT each.
            return
        ms = timed(function, text)
        target(ms)
        if ms > worst.ms:
            worst.ms, worst.text = ms, text

    search()
    worst.ms = timed(function, worst.text, repeat=3)
    worst.label = _describe(worst.text)
    return worst


def _describe(text: str) -> str:
    """A short picture of a text: its length and its most repeated character."""
    if not text:
        return "''"
    common = max(set(text), key=text.count)
    return f"{len(text)} chars, {text.count(common)}×{common!r}, starts {text[:12]!r}"


def _verdict(ms: float, growth: float | None) -> str:
    slow = ms > BUDGET_MS
    super_linear = (growth is None or math.isnan(growth) or growth > 1.5) and ms > 0.5
    if slow and super_linear:
        return "SLOW, SUPER-LINEAR"
    if slow:
        return "SLOW"
    return "super-linear" if super_linear else "ok"


def parsers(examples: int, only: str | None) -> None:
    header = f"{'parser':36} {'worst hand-made shape':44} {'ms':>8} {'n^k':>5}  {'search':>8}"
    print(header + "  verdict")
    for name, function in TARGETS.items():
        if only and only not in name:
            continue
        shape, growth = worst_shape(function)
        found = hypothesis_worst(function, examples) if examples else Worst("", 0.0, "")
        ms = max(shape.ms, found.ms)
        label = shape.label if len(shape.label) <= 44 else shape.label[:41] + "..."
        print(
            f"{name:36} {label:44} {shape.ms:8.2f} {growth:5.2f}  {found.ms:8.2f}  "
            f"{_verdict(ms, growth)}",
            flush=True,
        )
        if found.ms > shape.ms and found.ms > BUDGET_MS:
            print(f"{'':36} search's worst: {found.label}", flush=True)


def _repeat_to(text: str, size: int) -> bytes:
    """`text` repeated to at most `size` bytes of UTF-8, cut after a whole line."""
    data = text.encode()
    data = (data * (size // len(data) + 1))[:size]
    return data[: data.rfind(b"\n") + 1]


def import_files() -> Iterator[tuple[str, bytes]]:
    """20 MB files: the real corpus repeated, deeply nested bullets, and a jrnl journal."""
    history = HISTORY.read_text(encoding="utf-8")
    yield "corpus repeated", _repeat_to(history, IMPORT_BYTES)
    # The same, but no entry's text recurs (each copy's lines end in their copy's number): an
    # import reads each distinct text's progress once, which the repeated corpus flatters.
    copies = IMPORT_BYTES // len(history.encode()) + 1
    distinct = "".join(re.sub(r"(?m)^(- .*)$", rf"\1 (v{copy})", history) for copy in range(copies))
    yield "corpus, no text twice", _repeat_to(distinct, IMPORT_BYTES)
    nested = "### 2024-05-17\n" + "".join(
        " " * (depth % 2000) + "- 进度 21/572 x\n" for depth in range(20000)
    )
    yield "bullets nested 0..2000 deep", _repeat_to(nested, IMPORT_BYTES)
    journal = "".join(
        f"[2024-05-{day:02d} 09:15:00 AM] Read 2 chapters. 进度 {day}/572\nbody line\n\n"
        for day in range(1, 29)
    )
    yield "jrnl journal", _repeat_to(journal, IMPORT_BYTES)
    challenge = "# 100 Days of Code 2024\n## Day 0 5.17\n" + "".join(
        f"## Flexbox and grid | Day {day}\n- 进度 {day}/572 x\nprose line\n"
        for day in range(1, 9999)
    )
    yield "Day N headings", _repeat_to(challenge, IMPORT_BYTES)
    yield "zip of daily notes", _notes_zip(history)


def _notes_zip(history: str) -> bytes:
    """Daily notes (`YYYY-MM-DD.md`, a tenth of the corpus log each), 20 MB of them, zipped."""
    note = history[: len(history) // 10].replace("### ", "#### ")
    size = len(note.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        day = date(2000, 1, 1)
        for _ in range(IMPORT_BYTES // size):
            archive.writestr(f"journals/{day:%Y_%m_%d}.md", note)
            day += timedelta(days=1)
    return buffer.getvalue()


async def imports(*, memory: bool) -> None:
    """Each 20 MB file as the chat takes it: the preview (read, compared with the log, kept as
    read), the Import press (entries and their progress in one transaction), then the search
    index the bot builds in the background. With `memory`, tracemalloc's peak of each import
    (slower)."""
    header = f"{'20 MB import':30} {'entries':>9} {'read s':>7} {'preview s':>10} {'import s':>9}"
    print(f"\n{header} {'index s':>8} {'peak MB':>8}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        store = await Store.open(Path(folder) / "import.sqlite3")
        for number, (label, data) in enumerate(import_files(), start=1):
            user = await store.users.ensure(
                number, chat_id=number, language="zh", timezone=str(ZONE), now=datetime.now(UTC)
            )
            if memory:
                tracemalloc.start()
            started = time.perf_counter()
            log = read_file(data, ZONE)
            if isinstance(log, str):
                print(f"{label:30} {log}")
                continue
            read_s = time.perf_counter() - started
            entries = len(log.entries)
            del log
            # As bot/handlers/transfer.py does: read and compare, then keep the file as read.
            started = time.perf_counter()
            plan = await plan_import(store, user, data)
            if isinstance(plan, str):
                print(f"{label:30} {entries:9} {read_s:7.2f} {plan}")
                continue
            kept = await asyncio.to_thread(pending_entries, plan.read)
            pending_id = await store.imports.hold(user.user_id, label, kept, now=datetime.now(UTC))
            preview_s = time.perf_counter() - started
            del plan, kept
            # The button: the file as kept, its entries and their progress in one transaction.
            started = time.perf_counter()
            pending = await store.imports.pending(user.user_id, pending_id)
            assert pending is not None  # held just now
            await import_pending(store, user, pending)
            import_s = time.perf_counter() - started
            del pending
            # What the bot's background task does next, a chunk per transaction.
            started = time.perf_counter()
            await store.search_index.index_all()
            index_s = time.perf_counter() - started
            if memory:
                peak = f"{tracemalloc.get_traced_memory()[1] / 2**20:8.0f}"
                tracemalloc.stop()
            else:  # the process's peak so far (the first file's data and more included)
                peak = f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f}*"
            print(
                f"{label:30} {entries:9} {read_s:7.2f} {preview_s:10.2f} {import_s:9.2f}"
                f" {index_s:8.2f} {peak}",
                flush=True,
            )
        await store.close()
    if not memory:
        print("* peak RSS of the process so far; --memory prints each import's own peak")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--examples", type=int, default=150, help="hypothesis examples each")
    options.add_argument("--only", help="only parsers whose name contains this")
    options.add_argument("--no-import", action="store_true", help="skip the 20 MB imports")
    options.add_argument(
        "--memory", action="store_true", help="trace each import's peak memory (slower)"
    )
    arguments = options.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    parsers(arguments.examples, arguments.only)
    if not arguments.no_import:
        asyncio.run(imports(memory=arguments.memory))


if __name__ == "__main__":
    main()
