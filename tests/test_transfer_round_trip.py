"""Whatever a user can send survives /export -> /import exactly, in Markdown and in jrnl.

A forward's origin (who or which channel it came from, and when) comes back as its origin in
Markdown, which writes it on a line of its own that a user's text can never be taken for; jrnl
has no place for it, so there the text alone comes back, intact.

A property test: hypothesis writes logs out of the shapes that broke the readers before (HTML
comments, images, shortcodes, unclosed fences, backslashes, whitespace lines, carriage returns,
lines that look like headings, date lines or stars) and each log is exported
and read back through the import's own reader. ROUND_TRIP_EXAMPLES sets how many logs
(`ROUND_TRIP_EXAMPLES=10000 .venv/bin/pytest tests/test_transfer_round_trip.py`).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.models import Entry, Forwarded
from bot.store.database import utc_text
from bot.transfer.export import ExportFormat, export_log
from bot.transfer.files import decode_log_file
from bot.transfer.importing import FIRST_DAY, LAST_DAY, pending_entries, read_file, read_log

EXAMPLES = int(os.environ.get("ROUND_TRIP_EXAMPLES", "1000"))
ZONE = ZoneInfo("Asia/Shanghai")
EXPORTED_AT = datetime(2024, 3, 1, 23, 30, tzinfo=UTC)

# Pieces of lines that some reader of Markdown or jrnl treats as more than text.
NASTY = [
    "<!--", "-->", "<!-- note -->", "![img](a.png)", "[![x](a.png)](b)", "{{< figure >}}",
    "{{% x %}}", "```", "~~~", "```python", "\\", "\\-", "\\\\", "\\#", "- ", "* ", "+ ", "-",
    "1. ", "# ", "## ", "### ", "#### ", "### 2023-01-02", "---", "***", "___", "- - -", " *",
    "*", "\r", "\t", "  ", "\u00a0", "\u00a0 ", "[2023-01-02 09:15] ", "[2023-01-02 09:15:00 AM]",
    " [2023-01-02 9:15]", "---\ntitle: daylog\n---", "+++", "...", "进度 21/572", "《书》",
    "\ufeff", "\u2028", "\x0c", "\x85", "|", ">", "<", "&", "\u200b", "↪",
    '↪ from "Go Weekly" (channel, 2024-01-01T00:00:00+00:00)',
]  # fmt: skip

_line = st.lists(
    st.one_of(
        st.sampled_from(NASTY),
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\n"), max_size=8),
    ),
    max_size=5,
).map("".join)
# Telegram trims a message's ends and never delivers an empty one; NUL and lone surrogates are
# not text a message can carry (decode_log_file takes a NUL for a binary file).
texts = (
    st.lists(_line, min_size=1, max_size=6).map(lambda lines: "\n".join(lines).strip()).filter(bool)
)
# Names as Telegram shows them, made of the same pieces (quotes, backslashes, brackets and
# line breaks included: the export must keep a name on its line whatever it holds).
_name = st.lists(
    st.one_of(
        st.sampled_from([*NASTY, '"', '\\"', ")", "(", " (channel, 2024-01-01T00:00:00+00:00)"]),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=6),
    ),
    max_size=4,
).map("".join)
forwards = st.builds(
    Forwarded,
    kind=st.sampled_from(["user", "hidden_user", "chat", "channel"]),
    name=_name,
    # Telegram's dates are whole seconds.
    date=st.integers(min_value=946_684_800, max_value=4_102_444_800).map(
        lambda seconds: datetime.fromtimestamp(seconds, UTC)
    ),
    signature=st.none() | _name,
)
# The days an import accepts (a far year is left out, reported: tests/test_transfer_importing.py).
days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
clock = st.times().map(lambda at: at.replace(microsecond=0))


@st.composite
def logs(draw: st.DrawFn) -> list[Entry]:
    count = draw(st.integers(min_value=1, max_value=8))
    entries = []
    for number in range(1, count + 1):
        day = draw(days)
        at = datetime.combine(day, draw(clock), tzinfo=ZONE)
        entry = Entry(
            id=number,
            user_id=7,
            chat_id=7,
            message_id=number,
            text=draw(texts),
            day=day,
            created_at=at,
            forwarded=draw(st.none() | forwards),
        )
        entries.append(entry)
    return entries


def read_back(entries: list[Entry], fmt: ExportFormat) -> list[tuple[date, str]]:
    return sorted((day, text) for day, text, _ in read_back_forwards(entries, fmt))


def read_back_forwards(
    entries: list[Entry], fmt: ExportFormat
) -> list[tuple[date, str, Forwarded | None]]:
    exported = export_log(entries, fmt, exported_at=EXPORTED_AT, tz=ZONE)
    text = decode_log_file(exported.content)
    assert text is not None
    log = read_log(text, ZONE)
    assert log.format == fmt
    assert log.unreadable_headings == []
    return sorted(
        ((entry.day, entry.text, entry.forwarded) for entry in log.entries), key=_sort_key
    )


def _sort_key(found: tuple[date, str, Forwarded | None]) -> tuple[date, str, str]:
    day, text, forwarded = found
    return day, text, forwarded.model_dump_json() if forwarded else ""


ROUND_TRIP = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@ROUND_TRIP
@given(logs())
def test_markdown_export_reads_back_exactly(entries: list[Entry]) -> None:
    assert read_back_forwards(entries, "md") == sorted(
        ((entry.day, entry.text, entry.forwarded) for entry in entries), key=_sort_key
    )


def test_a_line_a_user_wrote_like_an_origin_stays_their_text() -> None:
    origin = Forwarded(kind="channel", name="Go Weekly", date=EXPORTED_AT, signature="Ann")
    lookalike = '↪ from "Go Weekly" signed "Ann" (channel, 2024-03-01T23:30:00+00:00)'
    entries = [
        Entry(
            id=number, user_id=7, chat_id=7, message_id=number, text=text,
            day=date(2024, 1, 2), created_at=datetime(2024, 1, 2, number, tzinfo=ZONE),
            forwarded=forwarded,
        )
        for number, (text, forwarded) in enumerate(
            [(lookalike, None), (f"- read\n{lookalike}", None), ("- a post", origin)], 1
        )
    ]  # fmt: skip
    assert read_back_forwards(entries, "md") == sorted(
        [
            (date(2024, 1, 2), lookalike, None),
            (date(2024, 1, 2), f"- read\n{lookalike}", None),
            (date(2024, 1, 2), "- a post", origin),
        ],
        key=_sort_key,
    )


@ROUND_TRIP
@given(logs())
def test_jrnl_export_reads_back_exactly(entries: list[Entry]) -> None:
    assert read_back(entries, "jrnl") == sorted((entry.day, entry.text) for entry in entries)


def test_an_html_comment_in_one_entry_keeps_every_other_entry() -> None:
    entries = [
        Entry(
            id=number,
            user_id=7,
            chat_id=7,
            message_id=number,
            text=text,
            day=date(2024, 1, number),
            created_at=datetime.combine(date(2024, 1, number), time(12), tzinfo=ZONE),
        )
        for number, text in enumerate(["older", "- a <!-- b", "![x](y.png) {{< z >}}", "```"], 1)
    ]
    assert read_back(entries, "md") == sorted((entry.day, entry.text) for entry in entries)


_heading = st.sampled_from(
    ["### 2023-01-02", "### 0000-00-00", "### 9999-12-31", "# 2023-02-30", "## 2023/1/2 ~ 2023/1/5",
     "[2023-01-02 09:15]", "[9999-12-31 11:59:59 PM]", "[0000-01-01 00:00]", "---", "+++"]
)  # fmt: skip
_file_text = st.lists(st.one_of(_heading, _line), max_size=30).map("\n".join)


@settings(max_examples=EXAMPLES // 2, deadline=None, database=None)
@example(b"[9999-12-31 11:59:59 PM] far\n", "America/Adak")
@example(b"### 0001-01-01\n- far\n", "Pacific/Kiritimati")
@given(
    st.one_of(
        st.binary(max_size=512),
        _file_text.map(str.encode),
        _file_text.map(lambda text: text.encode("utf-16")),
    ),
    st.sampled_from(["UTC", "Pacific/Kiritimati", "America/Adak"]),
)
def test_any_file_is_read_or_refused_never_a_crash(data: bytes, timezone: str) -> None:
    read = read_file(data, ZoneInfo(timezone))
    if isinstance(read, str):
        assert read in ("binary", "no_sections")
        return
    assert read.entries
    assert all(FIRST_DAY <= entry.day <= LAST_DAY for entry in read.entries)
    for entry in read.entries:
        utc_text(entry.created_at)  # as the store writes it: no overflow at the edges of time
    # What the preview keeps for the button reads back the same.
    assert json.loads(pending_entries(read))["entries"] == [
        [e.day.isoformat(), e.text, e.created_at.isoformat(), e.has_progress] for e in read.entries
    ]
