"""Tests for bot.progress.charts: real PNGs, Chinese drawn with no missing glyph, pixels on them."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from datetime import date, timedelta

import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from PIL import Image

from bot.models import ProgressPoint
from bot.progress.charts import heatmap_chart, progress_chart
from bot.progress.fonts import chart_families

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
END = date(2023, 10, 6)
GO_BOOK = [
    ProgressPoint(day=date(2023, 1, 1), value=2, total=13, unit="chapters", completed=False),
    ProgressPoint(day=date(2023, 2, 1), value=5, total=13, unit="chapters", completed=False),
    ProgressPoint(day=date(2023, 3, 1), value=72, total=None, unit="percent", completed=False),
]


def pixels(png: bytes) -> np.ndarray:
    """The image as an RGB array."""
    with Image.open(io.BytesIO(png)) as image:
        return np.asarray(image.convert("RGB"))


def ink(region: np.ndarray) -> int:
    """How many pixels in a region are not (near) white."""
    return int(np.count_nonzero(region.min(axis=2) < 200))


def year_of_counts() -> dict[date, int]:
    return {END - timedelta(days=i): (i * 7) % 5 for i in range(365)}


def all_charts(title: str) -> list[bytes]:
    return [
        progress_chart(title, GO_BOOK, (date(2023, 5, 1), 13.0), ylabel="章"),
        heatmap_chart(year_of_counts(), END, title),
    ]


@pytest.mark.parametrize(
    ("chart", "size"),
    [
        (lambda: progress_chart("Dune", GO_BOOK), (1200, 675)),
        (lambda: heatmap_chart(year_of_counts(), END, "Dune"), (1200, 225)),
    ],
    ids=["progress", "heatmap"],
)
def test_charts_are_png_of_a_fixed_size(chart: object, size: tuple[int, int]) -> None:
    assert callable(chart)
    png = chart()
    assert png.startswith(PNG_MAGIC)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == size


def test_chinese_titles_render_without_warnings() -> None:
    # pytest already turns warnings into errors; this says so where the promise is made.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts = all_charts("阅读《Go 程序设计语言(英文版)》 - 进度 72%（上册）")
    assert all(png.startswith(PNG_MAGIC) for png in charts)


@pytest.mark.parametrize("index", [0, 1], ids=["progress", "heatmap"])
def test_title_is_drawn(index: int) -> None:
    with_title = pixels(all_charts("Linux/Unix 系统编程手册")[index])
    without = pixels(all_charts("")[index])
    # The title sits in the top band; drawn glyphs put ink there that the untitled chart lacks.
    band = slice(0, with_title.shape[0] // 8)
    assert ink(with_title[band]) > ink(without[band]) + 200


def test_progress_chart_draws_the_line_and_the_target() -> None:
    image = pixels(progress_chart("", GO_BOOK, (date(2023, 5, 1), 13.0)))
    blue = np.all(image == (0x1F, 0x6F, 0xEB), axis=2)
    red = np.all(image == (0xD1, 0x24, 0x2F), axis=2)
    assert blue.sum() > 500
    assert red.sum() > 100


def test_progress_chart_without_target_has_no_target_line() -> None:
    image = pixels(progress_chart("", GO_BOOK))
    assert not np.all(image == (0xD1, 0x24, 0x2F), axis=2).any()


@pytest.mark.parametrize(
    "points",
    [
        [ProgressPoint(day=END, value=14.3, total=None, unit="percent", completed=False)],
        [
            ProgressPoint(day=END, value=30, total=36, unit="chapters", completed=False),
            ProgressPoint(day=END, value=40, total=36, unit="chapters", completed=False),
        ],
    ],
    ids=["one-percent-update", "past-the-total-on-one-day"],
)
def test_progress_chart_edge_cases_render(points: list[ProgressPoint]) -> None:
    assert ink(pixels(progress_chart("Dune", points))) > 1000


def test_long_titles_are_cut_to_fit() -> None:
    long = pixels(progress_chart("很长的标题" * 20, GO_BOOK))
    # Nothing is drawn in the right margin band beside the title, where an overflow would land.
    assert ink(long[: long.shape[0] // 12, -20:]) == 0


def test_progress_chart_with_no_numbers_still_renders() -> None:
    done = [ProgressPoint(day=END, value=None, total=None, unit="units", completed=True)]
    assert progress_chart("读完了", done).startswith(PNG_MAGIC)


def test_heatmap_colours_busy_days_and_empty_days() -> None:
    image = pixels(heatmap_chart(year_of_counts(), END, ""))
    darkest = np.all(image == (0x21, 0x6E, 0x39), axis=2).sum()
    empty = np.all(image == (0xEB, 0xED, 0xF0), axis=2).sum()
    assert darkest > 1000
    assert empty > 1000


def test_heatmap_of_an_empty_year_is_all_empty_squares() -> None:
    image = pixels(heatmap_chart({}, END, ""))
    greens = [(0x9B, 0xE9, 0xA8), (0x40, 0xC4, 0x63), (0x30, 0xA1, 0x4E), (0x21, 0x6E, 0x39)]
    assert not any(np.all(image == colour, axis=2).any() for colour in greens)
    assert np.all(image == (0xEB, 0xED, 0xF0), axis=2).sum() > 10_000


def test_heatmap_takes_labels_in_the_users_language() -> None:
    months = [f"{m}月" for m in range(1, 13)]
    weekdays = ["一", "", "三", "", "五", "", "日"]
    english = pixels(heatmap_chart({}, END, ""))
    chinese = pixels(heatmap_chart({}, END, "", month_labels=months, weekday_labels=weekdays))
    assert not np.array_equal(english, chinese)


def test_same_data_gives_the_same_bytes() -> None:
    assert all_charts("同样") == all_charts("同样")


def test_png_has_no_software_or_time_metadata() -> None:
    for png in all_charts("元数据"):
        with Image.open(io.BytesIO(png)) as image:
            assert not {"Software", "Creation Time", "date:create"} & set(image.info)


def test_cjk_font_is_registered_once_and_covers_chinese() -> None:
    families = chart_families()
    fonts_known = len(font_manager.fontManager.ttflist)
    assert chart_families() == families
    assert len(font_manager.fontManager.ttflist) == fonts_known
    cjk = font_manager.findfont(FontProperties(family=families[-1]), fallback_to_default=False)
    charmap = FT2Font(cjk).get_charmap()
    assert all(ord(char) in charmap for char in "阅读进度《》（）：％")


def test_importing_the_charts_leaves_the_font_alone() -> None:
    # The font is registered on the first chart, not when the bot starts.
    code = "import sys, bot.progress.charts; print('pylopdf_fonts_zh_cn' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "False"


def test_dollar_signs_in_a_title_are_text_not_tex() -> None:
    points = [
        ProgressPoint(day=date(2023, 1, 1), value=1, total=10, unit="units", completed=False),
        ProgressPoint(day=date(2023, 1, 5), value=3, total=10, unit="units", completed=False),
    ]
    assert progress_chart("cost $5 and $x^2$ $", points).startswith(b"\x89PNG")
