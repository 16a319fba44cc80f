"""Tests for reading a dated Markdown log into entries."""

from __future__ import annotations

from datetime import date

import pytest

from bot.transfer.markdown_log import (
    ParsedLog,
    escape_entry_text,
    parse_markdown_log,
    read_date_heading,
)
from tests.corpus import CORPUS_DIR

CORPUS = CORPUS_DIR
HISTORY = CORPUS / "history-2021-2023.md"


def pairs(log: ParsedLog) -> list[tuple[str, str]]:
    return [(entry.day.isoformat(), entry.text) for entry in log.entries]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "### 2024-03-02\n\n- read\n  - chapter 3\n    - notes\n- walk\n",
            [("2024-03-02", "- read\n  - chapter 3\n    - notes"), ("2024-03-02", "- walk")],
            id="bullets-with-children",
        ),
        pytest.param(
            "### 2024-03-02\n- four\n    - deep\n\n### 2024-03-01\n- older\n",
            [("2024-03-02", "- four\n    - deep"), ("2024-03-01", "- older")],
            id="newest-first-kept-in-file-order",
        ),
        pytest.param(
            "### 2024-05-09 - 2024-05-11\n- trip\n### 2024-04-01 ~ 2024-04-02\n- b\n",
            [("2024-05-09", "- trip"), ("2024-04-01", "- b")],
            id="range-files-under-first-day",
        ),
        pytest.param(
            "# 2024-01-03\n- h1\n## 2024-01-02\n- h2\n### 2024-01-01 ###\n- h3\n",
            [("2024-01-03", "- h1"), ("2024-01-02", "- h2"), ("2024-01-01", "- h3")],
            id="heading-levels-1-to-3",
        ),
        pytest.param(
            "### 2024-01-01\n- a\n\nA thought in prose,\non two lines.\n\n> quoted\n> twice\n- b\n",
            [
                ("2024-01-01", "- a"),
                ("2024-01-01", "A thought in prose,\non two lines."),
                ("2024-01-01", "> quoted\n> twice"),
                ("2024-01-01", "- b"),
            ],
            id="prose-and-quotes-are-entries",
        ),
        pytest.param(
            "### 2024-01-01\n- see ![](/a.png) and [site](https://example.org/x)\n"
            '  - ![](/b.webp "title")\n{{<figure src="/c.webp" width="80%">}}\n'
            "  {{< particles >}}\n- [![badge](/d.svg)](https://example.org) after\n",
            [
                ("2024-01-01", "- see and [site](https://example.org/x)"),
                ("2024-01-01", "- after"),
            ],
            id="images-and-shortcodes-dropped-links-kept",
        ),
        pytest.param(
            "### 2024-01-01\n- a\n<!-- - hidden -->\n<!--\nmore\n-->\n---\n- b <!-- note -->\n",
            [("2024-01-01", "- a"), ("2024-01-01", "- b")],
            id="comments-and-rules-dropped",
        ),
        pytest.param(
            "### 2024-01-01\n- a\nlazy line\n- b\n\n  indented after blank\n- c\n\nnew paragraph\n",
            [
                ("2024-01-01", "- a\nlazy line"),
                ("2024-01-01", "- b\n\n  indented after blank"),
                ("2024-01-01", "- c"),
                ("2024-01-01", "new paragraph"),
            ],
            id="continuation-lines",
        ),
        pytest.param(
            "### 2024-01-01\n  - indented first\n    - child\n- [x] done\n* star\n",
            [
                ("2024-01-01", "- indented first\n  - child"),
                ("2024-01-01", "- [x] done"),
                ("2024-01-01", "* star"),
            ],
            id="dedented-task-boxes-other-markers",
        ),
        pytest.param(
            "### 2024-01-01\n- code:\n  ```\n# not a heading\n\n  ```\n- after\n",
            [("2024-01-01", "- code:\n  ```\n# not a heading\n\n  ```"), ("2024-01-01", "- after")],
            id="fenced-code-kept",
        ),
        pytest.param(
            "### 2024-01-02\n```\nforgot to close\n### 2024-01-01\n- safe\n",
            [("2024-01-02", "```\nforgot to close"), ("2024-01-01", "- safe")],
            id="dated-heading-ends-open-fence",
        ),
        pytest.param(
            "\ufeff### 2024-01-01\r\n- windows\r\n  - crlf\r\n",
            [("2024-01-01", "- windows\n  - crlf")],
            id="bom-and-crlf",
        ),
        pytest.param(
            "### 2024-01-01\n- a\n\\- b\n\u00a0\n\\# c\n\\---\n",
            [("2024-01-01", "- a\n- b\n\n# c\n---")],
            id="exporter-escapes-read-back",
        ),
        pytest.param(
            "#### 2024-01-01\n### 2024-01-01\n#### not a day\n#tag line\n",
            [("2024-01-01", "#### not a day\n#tag line")],
            id="deeper-headings-and-hashtags-are-text",
        ),
    ],
)
def test_entries(source: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(parse_markdown_log(source)) == expected


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("2024-01-02", (date(2024, 1, 2), None)),
        ("2024-1-2", (date(2024, 1, 2), None)),
        ("2024/01/02", (date(2024, 1, 2), None)),
        ("2024-01-02 - 2024-01-05", (date(2024, 1, 2), date(2024, 1, 5))),
        ("2024-01-02 => 2024-01-05", (date(2024, 1, 2), date(2024, 1, 5))),
        ("2024-01-02 ~ 2024-1-5", (date(2024, 1, 2), date(2024, 1, 5))),
        ("2024-01/02 - 2024-01-05", (date(2024, 1, 2), date(2024, 1, 5))),
        ("2022-13-45", None),
        ("2023-02-29", None),
        ("2024-01-02 - 2024-13-01", None),
        ("关于", None),
        ("2024-01-02 Tuesday", None),
        ("2024-01", None),
    ],
)
def test_read_date_heading(heading: str, expected: tuple[date, date | None] | None) -> None:
    assert read_date_heading(heading) == expected


def test_unreadable_headings_are_reported_and_their_content_skipped() -> None:
    source = (
        "---\ntitle: x\n# not a heading here\n---\n"  # lines 1-4: front matter
        "intro line\n"  # 5
        "### 2024-01-02\n- kept\n"  # 6, 7
        "### 关于\n- not imported\n\nalso not\n"  # 8-11
        "### 2022-13-45\n- nor this\n"  # 12, 13
        "### 2024-01-01\n- kept too\n"  # 14, 15
    )
    log = parse_markdown_log(source)
    assert pairs(log) == [("2024-01-02", "- kept"), ("2024-01-01", "- kept too")]
    assert [entry.line for entry in log.entries] == [7, 15]
    assert log.unreadable_headings == [(8, "### 关于"), (12, "### 2022-13-45")]
    # Front matter is no entry either: listed with the rest.
    assert log.skipped_lines == [1, 2, 3, 4, 5, 9, 11, 13]
    assert [(section.line, section.day) for section in log.sections] == [
        (6, date(2024, 1, 2)),
        (14, date(2024, 1, 1)),
    ]


def test_dropped_lines_range_and_days() -> None:
    source = "### 2024-01-03 - 2024-01-09\n![](/a.png)\n- a\n---\n### 2024-01-01\n- b\n- c\n"
    log = parse_markdown_log(source)
    assert log.dropped_lines == [2, 4]
    assert log.sections[0].last_day == date(2024, 1, 9)
    # The range's last day is not a day anything is filed under.
    assert log.date_range == (date(2024, 1, 1), date(2024, 1, 3))
    assert log.days == [date(2024, 1, 3), date(2024, 1, 1)]


def test_a_file_with_no_dated_sections_has_nothing() -> None:
    log = parse_markdown_log("just some notes\n- and a bullet\n")
    assert log.entries == []
    assert log.sections == []
    assert log.date_range is None
    assert log.skipped_lines == [1, 2]


def test_unclosed_front_matter_is_text() -> None:
    log = parse_markdown_log("---\n### 2024-01-01\n- a\n")
    assert pairs(log) == [("2024-01-01", "- a")]
    # The lone `---` is outside any dated section, like any preamble.
    assert log.skipped_lines == [1]


@pytest.mark.parametrize(
    "text",
    [
        "- one bullet\n  - child",
        "- two bullets\n- in one message",
        "first paragraph\n\nsecond paragraph",
        "- bullet\n\nthen prose at column 0",
        "# a heading in a message\n---\n### 2024-01-01",
        "a message with a trailing blank line\n\n",
    ],
)
def test_escaped_entry_text_reads_back_as_one_entry(text: str) -> None:
    source = f"### 2024-01-01\n\n{escape_entry_text(text)}\n\n- next\n"
    assert pairs(parse_markdown_log(source)) == [
        ("2024-01-01", text.strip("\n")),
        ("2024-01-01", "- next"),
    ]


def test_escaped_text_loses_only_leading_whitespace() -> None:
    source = f"### 2024-01-01\n- a\n\n{escape_entry_text('  indented message')}\n"
    assert pairs(parse_markdown_log(source)) == [
        ("2024-01-01", "- a"),
        ("2024-01-01", "indented message"),
    ]


@pytest.fixture(scope="module")
def history() -> ParsedLog:
    if not HISTORY.is_file():
        pytest.skip(f"corpus file not found at {HISTORY} (the shared corpus is not checked out)")
    return parse_markdown_log(HISTORY.read_text(encoding="utf-8"))


def test_history_has_every_dated_section(history: ParsedLog) -> None:
    lines = HISTORY.read_text(encoding="utf-8").split("\n")
    headings = [number for number, line in enumerate(lines, 1) if line.startswith("### ")]
    assert len(headings) == 271
    assert [section.line for section in history.sections] == headings
    assert history.unreadable_headings == []
    assert history.date_range == (date(2021, 3, 11), date(2023, 10, 6))


def test_history_accounts_for_every_line(history: ParsedLog) -> None:
    """Each non-blank line after the first heading is in an entry or was dropped as decoration."""
    lines = HISTORY.read_text(encoding="utf-8").split("\n")
    first_heading = history.sections[0].line
    headings = {section.line for section in history.sections}
    content = [
        number
        for number, line in enumerate(lines, 1)
        if number > first_heading and line.strip() and number not in headings
    ]
    in_entries = sum(
        len([line for line in entry.text.split("\n") if line.strip()]) for entry in history.entries
    )
    assert in_entries + len(history.dropped_lines) == len(content)
    # The Hugo front matter (lines 1-15) and the preamble before the first heading: an image
    # and two quotes (four lines); all listed in the preview.
    front_matter = [number for number in range(1, 16) if lines[number - 1].strip()]
    assert history.skipped_lines == [*front_matter, 17, 19, 21, 22]


def test_history_sections_that_need_a_lenient_reading(history: ParsedLog) -> None:
    # Headings below are from history-2021-2023.md by Ryan Yin (ryan4yin/thiscute.world),
    # CC BY-NC 4.0: "### 2021-10/11 - 2021-10-19", "### 2021-03-23 - 2021-3-25",
    # "### 2021-08-28 => 2021-08-29", "### 2022-06-16 ~ 2022-06-17".
    by_heading = {section.heading: section for section in history.sections}
    assert by_heading["### 2021-10/11 - 2021-10-19"].day == date(2021, 10, 11)
    assert by_heading["### 2021-03-23 - 2021-3-25"].last_day == date(2021, 3, 25)
    assert by_heading["### 2021-08-28 => 2021-08-29"].day == date(2021, 8, 28)
    assert by_heading["### 2022-06-16 ~ 2022-06-17"].day == date(2022, 6, 16)


def test_history_drops_images_and_keeps_links(history: ParsedLog) -> None:
    texts = "\n".join(entry.text for entry in history.entries)
    assert "{{<" not in texts
    assert "![" not in texts
    assert "<!--" not in texts
    assert "](https://" in texts
    assert all(entry.text.strip() for entry in history.entries)
