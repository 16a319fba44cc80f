"""Tests for exporting a log as Markdown, JSON, CSV and jrnl, and reading the exports back."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.models import Entry
from bot.transfer.export import (
    ExportFormat,
    export_log,
    render_csv,
    render_jrnl,
    render_json,
    render_markdown,
)
from bot.transfer.jrnl import parse_jrnl
from bot.transfer.markdown_log import parse_markdown_log
from tests.corpus import CORPUS_DIR

CORPUS = CORPUS_DIR
HISTORY = CORPUS / "history-2021-2023.md"
SHANGHAI = ZoneInfo("Asia/Shanghai")
EXPORTED_AT = datetime(2024, 3, 1, 23, 30, tzinfo=UTC)


def make_entry(entry_id: int, day: str, text: str, at: str = "12:00") -> Entry:
    written = datetime.combine(date.fromisoformat(day), time.fromisoformat(at), SHANGHAI)
    return Entry(
        id=entry_id,
        user_id=7,
        chat_id=7,
        message_id=entry_id,
        text=text,
        day=date.fromisoformat(day),
        created_at=written,
    )


def day_text(entries: Sequence[Entry]) -> list[tuple[date, str]]:
    return [(entry.day, entry.text) for entry in entries]


SMALL_LOG = [
    make_entry(1, "2024-02-27", "- 读书 20 页\n  - 进度 40/300", "08:00"),
    make_entry(2, "2024-02-28", "下雨了，在家写代码。", "21:00"),
    make_entry(3, "2024-02-28", "- 跑步 5km", "07:00"),
    make_entry(4, "2024-02-28", '- 写周报, "done"', "22:00"),
]


def test_markdown_is_dated_newest_first_in_the_order_written() -> None:
    assert render_markdown(SMALL_LOG, exported_at=EXPORTED_AT) == (
        "---\n"
        "title: daylog\n"
        "exported_at: 2024-03-01T23:30:00+00:00\n"
        "entries: 4\n"
        "---\n"
        "\n"
        "### 2024-02-28\n"
        "\n"
        "- 跑步 5km\n"
        "\n"
        "下雨了，在家写代码。\n"
        "\n"
        '- 写周报, "done"\n'
        "\n"
        "### 2024-02-27\n"
        "\n"
        "- 读书 20 页\n"
        "  - 进度 40/300\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "- a bullet\n  - with a child\n    - and a grandchild",
        "plain prose",
        "> a quote",
        "- two bullets\n- sent in one message",
        "first paragraph\n\nsecond paragraph",
        "- bullet\n\nprose after a blank line",
        "## a heading typed into a message",
        "before a rule\n---\nafter it",
        "### 2024-01-01\nlooks like a day heading",
        "```\n# code comment\n\n```",
        "trailing spaces kept  ",
        "",
    ],
)
def test_markdown_round_trips_awkward_texts(text: str) -> None:
    entries = [
        make_entry(1, "2024-02-28", "- before", "08:00"),
        make_entry(2, "2024-02-28", text, "09:00"),
        make_entry(3, "2024-02-28", "- after", "10:00"),
    ]
    parsed = parse_markdown_log(render_markdown(entries, exported_at=EXPORTED_AT))
    assert [(entry.day, entry.text) for entry in parsed.entries] == day_text(entries)
    assert parsed.unreadable_headings == []


def test_json_names_its_format_and_lists_entries_oldest_first() -> None:
    document = json.loads(render_json(SMALL_LOG, exported_at=EXPORTED_AT))
    assert {key: document[key] for key in ("format", "version", "exported_at")} == {
        "format": "daylog",
        "version": 1,
        "exported_at": "2024-03-01T23:30:00+00:00",
    }
    assert [item["id"] for item in document["entries"]] == [1, 3, 2, 4]
    assert document["entries"][0] == {
        "id": 1,
        "day": "2024-02-27",
        "text": "- 读书 20 页\n  - 进度 40/300",
        "created_at": "2024-02-27T08:00:00+08:00",
        "source": "telegram",
    }


def test_json_keeps_chinese_readable() -> None:
    assert "下雨了" in render_json(SMALL_LOG, exported_at=EXPORTED_AT)


def test_csv_is_rfc4180_with_a_bom_and_guards_formulas() -> None:
    entries = [*SMALL_LOG, make_entry(5, "2024-02-29", '=HYPERLINK("x")\nsecond line')]
    content = render_csv(entries)
    assert content.startswith(b"\xef\xbb\xbfid,day,created_at,source,text\r\n")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["id", "day", "created_at", "source", "text"]
    assert rows[1] == [
        "1",
        "2024-02-27",
        "2024-02-27T08:00:00+08:00",
        "telegram",
        "'- 读书 20 页\n  - 进度 40/300",
    ]
    assert [row[4] for row in rows[2:]] == [
        "'- 跑步 5km",
        "下雨了，在家写代码。",
        '\'- 写周报, "done"',
        '\'=HYPERLINK("x")\nsecond line',
    ]
    assert b'"\'- \xe5\x86\x99\xe5\x91\xa8\xe6\x8a\xa5, ""done"""\r\n' in content


def test_csv_of_no_entries_is_just_the_header() -> None:
    assert render_csv([]) == b"\xef\xbb\xbfid,day,created_at,source,text\r\n"


def test_jrnl_is_oldest_first_in_jrnl_4_time_format() -> None:
    assert render_jrnl(SMALL_LOG[:3], tz=SHANGHAI) == (
        "[2024-02-27 08:00:00 AM] - 读书 20 页\n"
        "  - 进度 40/300\n"
        "\n"
        "[2024-02-28 07:00:00 AM] - 跑步 5km\n"
        "\n"
        "[2024-02-28 09:00:00 PM] 下雨了，在家写代码。\n"
    )


def test_jrnl_round_trips_times_and_texts() -> None:
    entries = [
        *SMALL_LOG,
        make_entry(5, "2024-02-29", "two paragraphs\n\nin one entry\n\n"),
    ]
    parsed = parse_jrnl(render_jrnl(entries, tz=SHANGHAI), SHANGHAI)
    expected = sorted(entries, key=lambda entry: (entry.day, entry.created_at))
    assert [(entry.day, entry.text, entry.created_at) for entry in parsed.entries] == [
        (entry.day, entry.text.strip("\n"), entry.created_at) for entry in expected
    ]


def test_jrnl_keeps_the_day_an_entry_is_filed_under() -> None:
    # Written at 00:20 on the 29th about the 28th: jrnl has only a time, so the day wins.
    late = make_entry(1, "2024-02-29", "- 补记昨天", "00:20").model_copy(
        update={"day": date(2024, 2, 28)},
    )
    (entry,) = parse_jrnl(render_jrnl([late], tz=SHANGHAI), SHANGHAI).entries
    assert entry.day == date(2024, 2, 28)
    assert entry.created_at == datetime(2024, 2, 28, 0, 20, tzinfo=SHANGHAI)


def test_jrnl_writes_times_on_the_users_clock() -> None:
    utc_entry = make_entry(1, "2024-02-28", "x").model_copy(
        update={"created_at": datetime(2024, 2, 28, 1, 0, tzinfo=UTC)},
    )
    assert render_jrnl([utc_entry], tz=SHANGHAI) == "[2024-02-28 09:00:00 AM] x\n"


@pytest.mark.parametrize(
    ("fmt", "filename", "media_type", "starts"),
    [
        ("md", "daylog-2024-03-02.md", "text/markdown", b"---\ntitle: daylog"),
        ("json", "daylog-2024-03-02.json", "application/json", b'{\n  "format": "daylog"'),
        ("csv", "daylog-2024-03-02.csv", "text/csv", b"\xef\xbb\xbfid,"),
        ("jrnl", "daylog-2024-03-02.txt", "text/plain", b"[2024-02-27 08:00:00 AM]"),
    ],
)
def test_export_log_names_the_file_by_the_users_day(
    fmt: ExportFormat, filename: str, media_type: str, starts: bytes
) -> None:
    exported = export_log(SMALL_LOG, fmt, exported_at=EXPORTED_AT, tz=SHANGHAI)
    assert (exported.filename, exported.media_type) == (filename, media_type)
    assert exported.content.startswith(starts)


def test_naive_export_times_are_refused() -> None:
    naive = datetime(2024, 3, 1, 12, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        render_markdown(SMALL_LOG, exported_at=naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        render_json(SMALL_LOG, exported_at=naive)


@pytest.fixture(scope="module")
def history_entries() -> list[Entry]:
    if not HISTORY.is_file():
        pytest.skip(f"corpus file not found at {HISTORY} (the shared corpus is not checked out)")
    parsed = parse_markdown_log(HISTORY.read_text(encoding="utf-8"))
    noon = time(12, tzinfo=SHANGHAI)
    # Seconds apart in file order, so that "the order written" is the file's order in a day.
    return [
        Entry(
            id=number,
            user_id=7,
            chat_id=None,
            message_id=None,
            text=imported.text,
            day=imported.day,
            created_at=datetime.combine(imported.day, noon) + timedelta(seconds=number),
            source="import",
        )
        for number, imported in enumerate(parsed.entries, start=1)
    ]


def test_history_round_trips_through_markdown(history_entries: list[Entry]) -> None:
    parsed = parse_markdown_log(render_markdown(history_entries, exported_at=EXPORTED_AT))
    # The file is not strictly newest first and repeats some days; the export is and does not,
    # so compare day by day, newest first, keeping each day's entries in file order.
    expected = sorted(day_text(history_entries), key=lambda pair: pair[0], reverse=True)
    assert [(entry.day, entry.text) for entry in parsed.entries] == expected
    assert len(parsed.entries) == len(history_entries)
    assert parsed.unreadable_headings == []
    assert parsed.dropped_lines == []
    assert parsed.skipped_lines == []


def test_history_round_trips_through_jrnl(history_entries: list[Entry]) -> None:
    parsed = parse_jrnl(render_jrnl(history_entries, tz=SHANGHAI), SHANGHAI)
    expected = sorted(history_entries, key=lambda entry: (entry.day, entry.created_at))
    assert [(entry.day, entry.text, entry.created_at) for entry in parsed.entries] == [
        (entry.day, entry.text, entry.created_at) for entry in expected
    ]


def test_history_round_trips_through_json_and_csv(history_entries: list[Entry]) -> None:
    document = json.loads(render_json(history_entries, exported_at=EXPORTED_AT))
    from_json = sorted((item["day"], item["text"]) for item in document["entries"])
    rows = csv.DictReader(io.StringIO(render_csv(history_entries).decode("utf-8-sig"), newline=""))
    # The apostrophe is the formula guard; no text in the corpus starts with one of its own.
    from_csv = sorted((row["day"], row["text"].removeprefix("'")) for row in rows)
    expected = sorted((entry.day.isoformat(), entry.text) for entry in history_entries)
    assert from_json == expected
    assert from_csv == expected
