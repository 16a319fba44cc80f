"""Progress said aloud, as Whisper writes it, is read like progress typed."""

import pytest

from bot.models import ProgressUnit
from bot.progress.notations import parse_progress
from bot.progress.spoken import as_written
from tests.growth import growth

# What Whisper wrote for espeak-ng saying the progress (benchmarks and tests/test_e2e_voice.py),
# and what people type the same way.
READ = [
    ("Moby Dick, page 100 out of 300.", "Moby Dick", 100, 300, "pages"),
    ("War and Peace, page 100 out of 300.", "War and Peace", 100, 300, "pages"),
    ("Progress on Moby Dick, 72%", "Moby Dick", 72, 100, "percent"),
    ("Progress on the Great Gatsby: 72%", "the Great Gatsby", 72, 100, "percent"),
    ("progress on war and peace 72%", "war and peace", 72, 100, "percent"),
    ("- Progress on Rust book: 45/300", "Rust book", 45, 300, "pages"),
    ("Moby Dick: 72 percent", "Moby Dick", 72, 100, "percent"),
    ("《红楼梦》进度百分之七十二", "红楼梦", 72, 100, "percent"),
    ("红楼梦进度百分之七十二。", "红楼梦", 72, 100, "percent"),
    ("《三体》进度 百分之45", "三体", 45, 100, "percent"),
    ("《三体》进度百分之百", "三体", 100, 100, "percent"),
]


@pytest.mark.parametrize(("said", "item", "value", "total", "unit"), READ)
def test_progress_said_aloud_is_read(
    said: str, item: str, value: float, total: float, unit: ProgressUnit
) -> None:
    [update] = parse_progress(said)
    assert (update.item, update.value, update.total, update.unit) == (item, value, total, unit)


@pytest.mark.parametrize(
    "prose",
    [
        "百分之七十二的人都知道这件事",  # a statistic, in prose
        "about 100 out of 300 people came to the talk",
        "progress on it today was 50%",  # a clause, not a name
        "I made progress on the API, 3/10 of the endpoints",
        "Made good progress on this, 40% maybe",
        "Progress on Atlas at 40% of the budget",
    ],
)
def test_numbers_said_in_prose_are_still_not_progress(prose: str) -> None:
    assert parse_progress(prose) == []


def test_lines_keep_their_places() -> None:
    text = "Moby Dick\nprogress on\nwar and peace 72%\n100 out\nof 300 pages"
    assert as_written(text).count("\n") == text.count("\n")
    assert as_written(text) == text


def test_reading_stays_linear_on_hostile_text() -> None:
    for fragment in ("progress on ", "百分之", "1 out of ", "progress on x, "):
        short, long = fragment * (1024 // len(fragment)), fragment * (4096 // len(fragment))
        # x4 the text: about x4 the time (a quadratic pattern would take x16).
        assert growth(as_written, short, long) < 8, fragment
