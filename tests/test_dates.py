"""Back-dating prefixes and the user's own day."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.dates import DatedText, logical_day, split_date_prefix
from tests.growth import growth

TODAY = date(2023, 3, 15)


@pytest.mark.parametrize(
    ("text", "day", "rest"),
    [
        ("2023-01-02: 读完了《叫魂》", date(2023, 1, 2), "读完了《叫魂》"),
        ("2023-01-02：读完了", date(2023, 1, 2), "读完了"),
        ("2023-01-02 阅读 - 进度 2/13", date(2023, 1, 2), "阅读 - 进度 2/13"),
        ("2023/1/2: slash form", date(2023, 1, 2), "slash form"),
        ("昨天：看了电影", date(2023, 3, 14), "看了电影"),
        ("前天: 跑步 5km", date(2023, 3, 13), "跑步 5km"),
        ("大前天：休息", date(2023, 3, 12), "休息"),
        ("yesterday: wrote docs", date(2023, 3, 14), "wrote docs"),
        ("Yesterday : wrote docs", date(2023, 3, 14), "wrote docs"),
        ("3月1日：复盘", date(2023, 3, 1), "复盘"),
        ("12月31日：跨年", date(2022, 12, 31), "跨年"),
        ("2023-01-02:\n- a\n  - b", date(2023, 1, 2), "- a\n  - b"),
        ("昨天：", date(2023, 3, 14), ""),
        ("2023-01-02:  ", date(2023, 1, 2), ""),
        # Read by bot/when.py, as the commands read dates (TODAY is a Wednesday).
        ("周五：写周报", date(2023, 3, 10), "写周报"),
        ("上周一: 开会", date(2023, 3, 6), "开会"),
        ("3 天前：跑步", date(2023, 3, 12), "跑步"),
        ("3/1: review", date(2023, 3, 1), "review"),
        ("2023年3月1日：复盘", date(2023, 3, 1), "复盘"),
        ("last friday: shipped it", date(2023, 3, 10), "shipped it"),
    ],
)
def test_prefix_back_dates_and_is_removed(text: str, day: date, rest: str) -> None:
    dated = split_date_prefix(text, TODAY)
    assert dated.day == day
    assert dated.text == rest


@pytest.mark.parametrize(
    "text",
    [
        "昨天看了电影",  # a sentence, not a prefix: no colon
        "2023-02-30: not a real day",
        "5/9 的时候开始的",
        "读完了《叫魂》",
        "2023-01-02",  # nothing after the date is not a prefix either
        "yesterday was fun",
        "明天：去医院",  # a day after today is a plan, not a back-date
        "Note: no date here",
        "上周: a week is not a day",
        "TODO：复盘",
    ],
)
def test_text_without_prefix_is_kept_whole(text: str) -> None:
    dated = split_date_prefix(text, TODAY)
    assert dated.day is None
    assert dated.text == text


@pytest.mark.parametrize(
    ("instant", "zone", "day"),
    [
        (datetime(2023, 3, 15, 19, 30, tzinfo=UTC), "Asia/Shanghai", date(2023, 3, 15)),  # 03:30
        (datetime(2023, 3, 15, 20, 30, tzinfo=UTC), "Asia/Shanghai", date(2023, 3, 16)),  # 04:30
        (datetime(2023, 3, 15, 3, 0, tzinfo=UTC), "America/New_York", date(2023, 3, 14)),
        (datetime(2023, 3, 15, 12, 0, tzinfo=UTC), "UTC", date(2023, 3, 15)),
    ],
)
def test_logical_day_belongs_to_yesterday_before_day_start(
    instant: datetime, zone: str, day: date
) -> None:
    assert logical_day(instant, ZoneInfo(zone), time(4, 0)) == day


def test_a_run_of_spaces_is_read_in_linear_time() -> None:
    """Leading spaces once let the prefix pattern try every split: 2,048 spaces took 453 ms."""
    today = date(2024, 6, 3)
    ratio = growth(lambda text: split_date_prefix(text, today), " " * 512 + "x", " " * 4096 + "x")
    assert ratio < 30  # 8 times the input: linear is about 8, quadratic 64
    assert split_date_prefix("   昨天： 看书", today) == DatedText(date(2024, 6, 2), "看书")
