"""Tests for bot.progress.pace: where an item stands, from the progress shapes real logs hold."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.models import ProgressPoint, ProgressUnit, ProgressUpdate
from bot.progress.pace import (
    ItemState,
    format_quantity,
    item_state,
    progress_bar,
    progress_series,
)

D0 = date(2023, 1, 1)


def pt(
    offset: int,
    value: float | None,
    total: float | None = None,
    unit: ProgressUnit = "pages",
    *,
    completed: bool = False,
) -> ProgressPoint:
    """A point ``offset`` days after D0."""
    return ProgressPoint(
        day=D0 + timedelta(days=offset), value=value, total=total, unit=unit, completed=completed
    )


def day(offset: int) -> date:
    return D0 + timedelta(days=offset)


def assert_state(state: ItemState, expected: dict[str, Any]) -> None:
    actual = state.model_dump()
    for field, want in expected.items():
        got = actual[field]
        if isinstance(want, float):
            assert got == pytest.approx(want), field
        else:
            assert got == want, field


STATES = [
    pytest.param(
        # 阅读《Go 程序设计语言(英文版)》 - 进度 2/13, later - 进度 72%
        [pt(0, 2, 13, "chapters"), pt(30, 72, None, "percent")],
        30,
        {"unit": "chapters", "total": 13.0, "value": 9.36, "percent": 72.0, "finished": False},
        id="chapters-then-percent-keeps-the-count-unit",
    ),
    pytest.param(
        [pt(0, 2, 13, "chapters"), pt(10, 72, 100, "percent"), pt(20, 11, 13, "chapters")],
        20,
        {"unit": "chapters", "value": 11.0, "percent": 11 / 13 * 100},
        id="percent-then-count-again",
    ),
    pytest.param(
        # 动手学深度学习 - Pytorch 版 - 14.3%
        [pt(0, 14.3, None, "percent")],
        0,
        {"unit": "percent", "total": 100.0, "value": 14.3, "percent": 14.3},
        id="percent-only",
    ),
    pytest.param(
        # A count written before its total: the later total gives it a share.
        [pt(0, 40, None, "pages"), pt(5, 100, 400, "pages")],
        5,
        {"unit": "pages", "total": 400.0, "value": 100.0, "percent": 25.0},
        id="total-arrives-later",
    ),
    pytest.param(
        [pt(0, 10, 36), pt(20, 36, 36), pt(40, 5, 36)],
        40,
        {
            "read_through": 2,
            "completions": 1,
            "finished": False,
            "value": 5.0,
            "started_on": day(40),
            "finished_on": None,
            "updates": 3,
        },
        id="falls-back-after-completion-starts-a-re-read",
    ),
    pytest.param(
        # The Go book: 进度 90%, then 算是完成了一周目, then a second pass.
        [
            pt(0, 90, None, "percent"),
            pt(3, None, None, "units", completed=True),
            pt(50, 10, None, "percent"),
        ],
        50,
        {"read_through": 2, "completions": 1, "percent": 10.0, "finished": False},
        id="re-read-after-completion-in-words",
    ),
    pytest.param(
        [pt(0, 50, 100), pt(1, 48, 100)],
        1,
        {"read_through": 1, "completions": 0, "value": 48.0, "percent": 48.0},
        id="small-step-back-recorded-as-is",
    ),
    pytest.param(
        [pt(0, 60, 100), pt(1, 5, 100)],
        1,
        {"read_through": 1, "value": 5.0},
        id="big-step-back-without-a-finish-is-not-a-re-read",
    ),
    pytest.param(
        [pt(0, 2, 13, "chapters"), pt(10, 90, None, "percent"), pt(12, None, completed=True)],
        12,
        {
            "finished": True,
            "finished_on": day(12),
            "value": 13.0,
            "total": 13.0,
            "percent": 100.0,
            "completions": 1,
            "eta": None,
        },
        id="go-book-ends-finished-in-words",
    ),
    pytest.param(
        # 读完了《在生命的尽头拥抱你-临终关怀医生手记》: no numbers, ever.
        [pt(0, None, None, "units", completed=True)],
        0,
        {
            "finished": True,
            "value": None,
            "total": None,
            "percent": 100.0,
            "pace": None,
            "eta": None,
            "finished_on": day(0),
        },
        id="completion-in-words-with-no-value",
    ),
    pytest.param(
        # The Unlikely Pilgrimage of Harold Fry - 100/100, then 读完了 the day after.
        [pt(0, 100, 100, "days"), pt(1, None, None, "units", completed=True)],
        1,
        {"finished": True, "finished_on": day(0), "read_through": 1, "completions": 1},
        id="saying-done-twice-is-one-finish",
    ),
    pytest.param(
        [pt(0, 120), pt(10, 150)],
        10,
        {"total": None, "percent": None, "value": 150.0, "pace": 3.0, "eta": None},
        id="no-total-has-pace-but-no-percent-or-eta",
    ),
    pytest.param(
        [pt(10, 200, 500), pt(0, 100, 500)],
        10,
        {"pace": 10.0, "eta": day(40), "last_update": day(10), "value": 200.0},
        id="pace-and-eta-from-unordered-points",
    ),
    pytest.param(
        # 0 on day 0 and 100 on day 40 reads as 75 on day 30: the last 30 days made 85 pages.
        [pt(0, 0, 300), pt(40, 100, 300), pt(60, 160, 300)],
        60,
        {"pace": 85 / 30, "eta": day(60 + 50)},
        id="pace-over-the-last-30-days-only",
    ),
    pytest.param(
        [pt(0, 0, 100), pt(10, 50, 100)],
        100,
        {"pace": 0.0, "eta": None},
        id="an-item-left-alone-has-no-eta",
    ),
    pytest.param(
        [pt(0, 10, 100)],
        0,
        {"pace": None, "eta": None, "started_on": day(0)},
        id="one-update-today-has-no-pace-yet",
    ),
    pytest.param(
        # Chapters, then percent: the pace is still in chapters.
        [pt(0, 2, 10, "chapters"), pt(10, 50, None, "percent")],
        10,
        {"value": 5.0, "pace": 0.3, "eta": day(10 + 17)},
        id="pace-across-a-unit-change",
    ),
]


@pytest.mark.parametrize(("points", "today", "expected"), STATES)
def test_item_state(points: list[ProgressPoint], today: int, expected: dict[str, Any]) -> None:
    assert_state(item_state(points, day(today)), expected)


# 100/500 on day 0, 200/500 on day 10: 10 pages a day, done on day 40 at this pace.
STEADY = [pt(0, 100, 500), pt(10, 200, 500)]

TARGETS = [
    pytest.param(
        STEADY, 50, {"schedule": "ahead", "daily_quota": 300 / 40, "days_left": 40}, id="ahead"
    ),
    pytest.param(STEADY, 40, {"schedule": "ahead", "daily_quota": 10.0}, id="exactly-on-time"),
    pytest.param(
        STEADY, 30, {"schedule": "behind", "daily_quota": 300 / 20, "days_left": 20}, id="behind"
    ),
    pytest.param(
        STEADY, 5, {"schedule": "behind", "daily_quota": 300.0, "days_left": -5}, id="overdue"
    ),
    pytest.param(
        [pt(0, 10, 100), pt(1, 10, 100)], 60, {"schedule": "behind"}, id="not-moving-is-behind"
    ),
    pytest.param(
        [pt(0, 120), pt(10, 150)],
        50,
        {"schedule": None, "daily_quota": None, "target": day(50)},
        id="no-total-no-quota",
    ),
    pytest.param(
        [pt(0, 36, 36)], 50, {"schedule": "ahead", "daily_quota": 0.0}, id="finished-is-ahead"
    ),
]


@pytest.mark.parametrize(("points", "target", "expected"), TARGETS)
def test_item_state_with_target(
    points: list[ProgressPoint], target: int, expected: dict[str, Any]
) -> None:
    assert_state(item_state(points, day(10), target=day(target)), expected)


def test_no_target_leaves_target_fields_empty() -> None:
    state = item_state(STEADY, day(10))
    assert (state.target, state.daily_quota, state.schedule) == (None, None, None)


def test_no_points_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        item_state([], D0)


def test_point_from_update() -> None:
    update = ProgressUpdate(
        item="Go 程序设计语言",
        key="go程序设计语言",
        value=2,
        total=13,
        unit="chapters",
        completed=False,
    )
    assert ProgressPoint.from_update(update, D0) == pt(0, 2, 13, "chapters")


def test_series_is_in_the_current_unit_and_skips_unknown_values() -> None:
    series = progress_series(
        [pt(0, 2, 13, "chapters"), pt(5, None, completed=False), pt(10, 50, None, "percent")]
    )
    assert series.unit == "chapters"
    assert series.days == (day(0), day(10))
    assert series.values == pytest.approx((2.0, 6.5))


@pytest.mark.parametrize(
    ("percent", "bar"),
    [
        (None, "░░░░░░░░░░"),
        (0, "░░░░░░░░░░"),
        (1, "▓░░░░░░░░░"),
        (72, "▓▓▓▓▓▓▓░░░"),
        (99, "▓▓▓▓▓▓▓▓▓░"),
        (100, "▓▓▓▓▓▓▓▓▓▓"),
        (130, "▓▓▓▓▓▓▓▓▓▓"),
    ],
)
def test_progress_bar(percent: float | None, bar: str) -> None:
    assert progress_bar(percent) == bar


def test_progress_bar_width() -> None:
    assert progress_bar(50, width=4) == "▓▓░░"


@pytest.mark.parametrize(
    ("value", "total", "unit", "text"),
    [
        (72, 100, "percent", "72%"),
        (14.3, None, "percent", "14.3%"),
        (2, 13, "chapters", "2/13"),
        (0.5, 36, "chapters", "0.5/36"),
        (9.36, 13, "chapters", "9.4/13"),
        (120, None, "pages", "120"),
        (None, 13, "chapters", "?/13"),
        (None, None, "units", ""),
    ],
)
def test_format_quantity(
    value: float | None, total: float | None, unit: ProgressUnit, text: str
) -> None:
    assert format_quantity(value, total, unit) == text


def test_counts_without_a_total_have_a_pace_but_no_share_or_finish_date() -> None:
    points = [pt(0, 3, unit="chapters"), pt(7, 8, unit="chapters")]
    state = item_state(points, day(7), target=day(30))
    assert_state(
        state,
        {"value": 8.0, "total": None, "unit": "chapters", "percent": None, "eta": None},
    )
    assert state.pace == pytest.approx(5 / 7)
    assert (state.daily_quota, state.schedule) == (None, None)  # a target needs a total too


def test_a_total_given_by_the_user_makes_counts_a_share_and_wins() -> None:
    points = [pt(0, 3, unit="chapters"), pt(7, 8, 10, unit="chapters")]
    state = item_state(points, day(7), whole=(20, "chapters"))
    assert_state(state, {"value": 8.0, "total": 20.0, "percent": 40.0, "eta": day(24)})
    # A whole in pages of a book read in percent: the percent is read in pages.
    state = item_state([pt(0, 50, 100, unit="percent")], day(0), whole=(300, "pages"))
    assert_state(state, {"value": 150.0, "total": 300.0, "unit": "pages"})
    series = progress_series(points, (20, "chapters"))
    assert (series.total, series.values) == (20.0, (3.0, 8.0))


def test_a_count_with_no_total_stays_beside_the_share_known() -> None:
    points = [pt(0, 10.6, 100, unit="percent"), pt(1, 14.3, 100, unit="percent")]
    state = item_state([*points, pt(1, 3, unit="chapters")], day(1))
    assert_state(state, {"value": 14.3, "unit": "percent", "count": (3.0, "chapters")})
    assert state.pace == pytest.approx(3.7)
    # Once chapters have a total, the count has its place and nothing stands beside it.
    state = item_state([*points, pt(1, 3, unit="chapters")], day(1), whole=(10, "chapters"))
    assert_state(state, {"value": 3.0, "unit": "chapters", "count": None})


def test_a_total_said_alone_makes_the_counts_before_and_after_a_share() -> None:
    points = [
        pt(0, 3, unit="chapters"),
        pt(1, None, 20, unit="chapters"),
        pt(7, 8, unit="chapters"),
    ]
    state = item_state(points, day(7))
    assert_state(state, {"value": 8.0, "total": 20.0, "percent": 40.0, "finished": False})
    state = item_state(points[:2], day(1))
    assert_state(state, {"value": 3.0, "total": 20.0, "percent": 15.0, "updates": 2})
