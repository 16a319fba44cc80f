"""Every common dated layout /import reads: headings, Day N, daily notes in a zip, author slips.

The fixtures are small logs written for these tests in each layout (no corpus text); the
corpus test at the end reads the real logs of seven authors and is skipped without the corpus.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.progress.notations import read_progress_lines
from bot.store import Store
from bot.transfer.daily_notes import MAX_RATIO, read_notes
from bot.transfer.headings import read_heading
from bot.transfer.importing import ImportOutcome, ReadLog, import_log, read_file
from bot.transfer.markdown_log import parse_markdown_log
from bot.when import find_written_date, read_file_name_date
from tests.corpus import CORPUS_DIR
from tests.import_layouts import SOURCES, measure

D = date
TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)


def days_and_texts(text: str, **options: date) -> list[tuple[str, str]]:
    return [(e.day.isoformat(), e.text) for e in parse_markdown_log(text, **options).entries]


@pytest.mark.parametrize(
    ("line", "day", "last"),
    [
        ("### 2023-05-01", D(2023, 5, 1), None),
        ("## 2023-12-05 学习日志", D(2023, 12, 5), None),
        ("# 2023年5月1日", D(2023, 5, 1), None),
        ("**2023-05-01**", D(2023, 5, 1), None),
        ("2023.05.01", D(2023, 5, 1), None),
        ("2023/5/1", D(2023, 5, 1), None),
        ("### Day 12: January 7, 2021", D(2021, 1, 7), None),
        ("May 1, 2023", D(2023, 5, 1), None),
        ("1 May 2023", D(2023, 5, 1), None),
        ("Monday, May 1st 2023", D(2023, 5, 1), None),
        ("## 200704", D(2020, 7, 4), None),
        ("##### 2022-05-09 - 2022-05-11", D(2022, 5, 9), D(2022, 5, 11)),
        ("### 2022-05-09 – 2022-05-11", D(2022, 5, 9), D(2022, 5, 11)),
        ("### 2022-05-09 — 2022-05-11", D(2022, 5, 9), D(2022, 5, 11)),
        ("### 2022-05-09——2022-05-11", D(2022, 5, 9), D(2022, 5, 11)),
        ("### 2022-05-09 ~ 05-11", D(2022, 5, 9), D(2022, 5, 11)),
        ("### 2022年5月9日至11日", D(2022, 5, 9), D(2022, 5, 11)),
        ("### May 9, 2022 to May 11, 2022", D(2022, 5, 9), D(2022, 5, 11)),
    ],
)
def test_dated_headings_in_the_forms_people_write(line: str, day: date, last: date | None) -> None:
    heading = read_heading(line)
    assert heading is not None and heading.written is not None
    assert (heading.written.day, heading.written.last_day) == (day, last)


@pytest.mark.parametrize(
    "line",
    ["- 2023-05-01 went out", "I went out on May 1, 2023 with friends", "v1.2.3", "#tag", "12345"],
)
def test_lines_that_are_no_heading(line: str) -> None:
    assert read_heading(line) is None


@pytest.mark.parametrize("line", ["### 输入", "#### Notes", "### v1.2.3", "## 123456789"])
def test_headings_that_name_no_day(line: str) -> None:
    heading = read_heading(line)
    assert heading is not None and heading.written is None and heading.day_number is None


def test_absolute_dates_are_read_by_the_one_date_reader() -> None:
    assert find_written_date("2024-09-13 - 204-09-16") is not None
    slip = find_written_date("2024-09-13 - 204-09-16")
    assert slip is not None and (slip.day, slip.problem) == (D(2024, 9, 13), "unreadable-end")
    reversed_range = find_written_date("2024-03-18 - 2024-02-19")
    assert reversed_range is not None and reversed_range.problem == "reversed"
    assert find_written_date("7.2") is None  # a version or a fraction without a layout
    assert read_file_name_date("journals/2023_05_01.md") == D(2023, 5, 1)
    assert read_file_name_date("01-StudyNote/2020/202003/SelfStudy-20200310.md") == D(2020, 3, 10)
    assert read_file_name_date("2020-04-23/2020-04-23-笔记.md") == D(2020, 4, 23)
    assert read_file_name_date("history-2021-2023.md") is None


def test_a_heading_that_is_no_date_stays_in_its_day() -> None:
    text = (
        "# My log\n\n## 2023-05-01\n- ran\n### 输入\n- a book\n#### Notes\nslow day\n## About\nme\n"
    )
    log = parse_markdown_log(text)
    assert [(e.day.isoformat(), e.text) for e in log.entries] == [
        ("2023-05-01", "- ran"),
        ("2023-05-01", "### 输入"),
        ("2023-05-01", "- a book"),
        ("2023-05-01", "#### Notes\nslow day"),
    ]
    # A heading at the day's own level ends it; it and its text are listed, by line.
    assert log.unreadable_headings == [(1, "# My log"), (9, "## About")]
    assert log.skipped_lines == [10]


def test_a_day_without_its_year_takes_the_year_above_it() -> None:
    text = "# 2023\n## 5月1日\n- a\n## May 2\n- b\n# 2024\n## 1月3日\n- c\n"
    assert days_and_texts(text) == [
        ("2023-05-01", "- a"),
        ("2023-05-02", "- b"),
        ("2024-01-03", "- c"),
    ]


def test_bold_and_bare_date_lines_head_days() -> None:
    text = "**2023-05-01**\n- ran\n\nMay 2, 2023\n- swam\n"
    assert days_and_texts(text) == [("2023-05-01", "- ran"), ("2023-05-02", "- swam")]


def test_lines_that_open_with_their_date() -> None:
    text = (
        "# TIL\n\n"
        "- 2023-05-01: ran 5k\n  - felt good\n"
        "- May 2, 2023 — swam\n"
        "2023/05/03 read 《三体》 进度 20/300\n"
        "## 2023-05-04\n- 2023-05-01 is a date this entry mentions\n"
    )
    assert days_and_texts(text) == [
        ("2023-05-01", "ran 5k\n  - felt good"),
        ("2023-05-02", "swam"),
        ("2023-05-03", "read 《三体》 进度 20/300"),
        ("2023-05-04", "- 2023-05-01 is a date this entry mentions"),
    ]


def test_compact_headings_of_a_short_lived_project() -> None:
    text = "# otsoc\n## 200704\n- 读完了第二章\n## 200705\n- lab1\n"
    assert days_and_texts(text) == [("2020-07-04", "- 读完了第二章"), ("2020-07-05", "- lab1")]


def test_a_lone_compact_number_is_no_day() -> None:
    # `## 200101` is 2020-01-01 only where the file's headings are written so.
    text = "## 2023-05-01\n- ran\n### 200101\nan order number\n"
    assert days_and_texts(text) == [
        ("2023-05-01", "- ran"),
        ("2023-05-01", "### 200101\nan order number"),
    ]
    crlf = "# otsoc\r\n## 200704\r\n- a\r\n## 200705\r\n- b\r\n"
    assert days_and_texts(crlf) == [("2020-07-04", "- a"), ("2020-07-05", "- b")]


def test_day_n_dated_by_its_first_day_with_the_year_from_the_title() -> None:
    text = (
        "# Summer of Code 2020\n"
        "## Day 0 7.2\n- joined\n"
        "## Day 1\n- rustlings\n"
        "## Day 3\n- lab 0\n"
        "# Hackathon\n## Day 1\n- talks\n"
    )
    log = parse_markdown_log(text)
    assert [(e.day.isoformat(), e.text) for e in log.entries] == [
        ("2020-07-02", "# Summer of Code 2020\n## Day 0 7.2"),
        ("2020-07-02", "- joined"),
        ("2020-07-03", "# Summer of Code 2020\n## Day 1"),
        ("2020-07-03", "- rustlings"),
        ("2020-07-05", "# Summer of Code 2020\n## Day 3"),
        ("2020-07-05", "- lab 0"),
    ]
    # The second series dates nothing: left out, and said, with its lines.
    [undated] = log.undated
    assert (undated.title, undated.first_number, undated.first_line) == ("Hackathon", 1, 9)
    assert log.skipped_lines == [9, 10]


def test_day_n_with_no_date_at_all_needs_the_users_start_day() -> None:
    text = "# 100 Days Of Code\n## Flexbox | Day 1\nbuilt a grid\n## Forms | Day 2\n- a form\n"
    assert read_file(text.encode(), TZ, name="README.md") == "needs_start"
    read = read_file(text.encode(), TZ, name="README.md", start=D(2024, 1, 10))
    assert isinstance(read, ReadLog)
    assert [(e.day.isoformat(), e.text) for e in read.entries] == [
        ("2024-01-10", "# 100 Days Of Code\n## Flexbox | Day 1"),
        ("2024-01-10", "built a grid"),
        ("2024-01-11", "# 100 Days Of Code\n## Forms | Day 2"),
        ("2024-01-11", "- a form"),
    ]


def test_a_day_n_heading_is_a_day_of_its_challenge() -> None:
    """The heading's entry reads as progress: Day 2 of the challenge the title names."""
    text = "# 100 Days Of Code\n## Flexbox | Day 1\n- a grid\n## Forms | Day 2\n- a form\n"
    read = read_file(text.encode(), TZ, start=D(2024, 1, 10))
    assert isinstance(read, ReadLog)
    counted = [
        (entry.day, update.item, update.value, update.unit)
        for entry in read.entries
        for _, update in read_progress_lines(entry.text)
    ]
    assert counted == [
        (D(2024, 1, 10), "100 Days Of Code", 1.0, "days"),
        (D(2024, 1, 11), "100 Days Of Code", 2.0, "days"),
    ]


async def test_an_imported_challenge_is_tracked_day_by_day(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "layouts.sqlite3")
    try:
        alice = await store.users.ensure(
            1, chat_id=1, language="en", timezone="Europe/Berlin", now=NOW
        )
        text = "# 100 Days Of Code\n## Flexbox | Day 1\n- a grid\n## Forms | Day 2\n- a form\n"
        outcome = await import_log(store, alice, text.encode(), start=D(2024, 1, 10))
        assert outcome == ImportOutcome(added=4, present=0)
        (item,) = await store.progress.items(alice.user_id)
        points = await store.progress.points(alice.user_id, item.id)
        assert item.title == "100 Days Of Code"
        assert [(point.day, point.value, point.unit) for point in points] == [
            (D(2024, 1, 10), 1.0, "days"),
            (D(2024, 1, 11), 2.0, "days"),
        ]
    finally:
        await store.close()


def test_author_slips_are_read_as_a_person_would_and_flagged() -> None:
    text = "### 2024-09-13 - 204-09-16\n- trip\n### 2024-03-18 - 2024-02-19\n- home\n"
    log = parse_markdown_log(text)
    assert days_and_texts(text) == [("2024-09-13", "- trip"), ("2024-03-18", "- home")]
    assert [(flag.line, flag.problem) for flag in log.flagged] == [
        (1, "unreadable-end"),
        (3, "reversed"),
    ]


def test_a_daily_note_takes_its_day_from_its_name() -> None:
    read = read_file(b"# Tasks\n- [x] read ch. 3\n", TZ, name="2023-05-01.md")
    assert isinstance(read, ReadLog)
    assert [(e.day, e.text) for e in read.entries] == [
        (D(2023, 5, 1), "# Tasks"),
        (D(2023, 5, 1), "- [x] read ch. 3"),
    ]


def zip_of(files: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_of_obsidian_and_logseq_notes() -> None:
    data = zip_of(
        {
            "vault/2023-05-02.md": b"- swam\n",
            "journals/2023_05_01.md": b"- ran\n",
            "vault/.obsidian/app.json": b"{}",
            "vault/SelfStudy-20230503.md": "Author: me\n* 看完第三章\n".encode(),
            "vault/image.png": b"\x89PNG",
            "vault/ideas.md": b"no date anywhere\n",
        }
    )
    read = read_file(data, TZ, name="vault.zip")
    assert isinstance(read, ReadLog) and read.format == "notes"
    assert [(e.day.isoformat(), e.text) for e in read.entries] == [
        ("2023-05-01", "- ran"),
        ("2023-05-02", "- swam"),
        ("2023-05-03", "Author: me"),
        ("2023-05-03", "* 看完第三章"),
    ]
    assert read.files_left_out == [("vault/image.png", "not-a-note")]
    # A note with no date in its name or text: its lines are listed, not lost.
    assert [(part.file, part.skipped) for part in read.left_out] == [("vault/ideas.md", [1])]


def test_a_zip_is_read_safely() -> None:
    traversal = zip_of({"../../etc/2023-05-01.md": b"- x\n", "2023-05-02.md": b"- y\n"})
    folder = read_notes(traversal)
    assert folder is not None
    assert [note.path for note in folder.notes] == ["2023-05-02.md"]
    assert folder.left_out == [("../../etc/2023-05-01.md", "unsafe-name")]
    # A bomb: a note that inflates more than MAX_RATIO times is not read.
    bomb = zip_of({"2023-05-01.md": b"-" * (MAX_RATIO * 2000)})
    bombed = read_notes(bomb)
    assert bombed is not None and bombed.notes == []
    assert bombed.left_out == [("2023-05-01.md", "too-big")]
    assert read_file(b"PK\x03\x04 not really a zip", TZ) == "binary"


@pytest.mark.parametrize("source", SOURCES, ids=[source.name for source in SOURCES])
def test_the_corpus_logs_of_seven_authors_import(source: object) -> None:
    if not (CORPUS_DIR / "more" / "README.md").is_file():
        pytest.skip("../shared/corpus/more is not beside this checkout (set DAYLOG_CORPUS)")
    result = measure(CORPUS_DIR, source)  # type: ignore[arg-type]
    assert result.accepted
    if result.source.name.startswith("panda8z"):
        assert result.days == 25  # 27 files, two of them empty
    elif result.source.name.startswith("chibinz"):
        assert result.days == 28  # the five `# zCore` days name no date (listed)
    else:
        assert result.days == result.source.expected_days


def test_a_damaged_zip_is_read_or_refused_never_a_crash() -> None:
    """Bytes of a real archive changed at random (a seeded generator: the same cases each run)."""
    good = zip_of({f"2023-05-0{day}.md": f"- note {day}\n".encode() * 200 for day in range(1, 6)})
    generator = random.Random(11)  # noqa: S311 - test data, not a secret
    for _ in range(1500):
        damaged = bytearray(good)
        for _ in range(generator.randint(1, 8)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        read = read_file(bytes(damaged), TZ, name="notes.zip")
        assert isinstance(read, ReadLog) or read in ("binary", "no_sections")
