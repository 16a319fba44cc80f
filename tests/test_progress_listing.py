"""Rendering progress: capture lines, /progress pages and an item's detail, in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.models import ProgressItem, ProgressPoint, ProgressUpdate
from bot.progress.listing import (
    PAGE_SIZE,
    ListedItem,
    Page,
    captured_lines,
    item_detail,
    page_slice,
    progress_page,
    short_title,
)
from bot.progress.pace import item_state
from bot.telegram.text import MESSAGE_LIMIT, visible_length

TODAY = date(2023, 1, 31)


def listed(title: str, *values: float, total: float = 400) -> ListedItem:
    item = ProgressItem(
        id=1,
        user_id=1,
        key=title.casefold(),
        title=title,
        status="active",
        target=None,
        created_at=datetime(2023, 1, 1, tzinfo=UTC),
    )
    points = [
        ProgressPoint(
            day=date(2023, 1, 1 + 10 * i), value=v, total=total, unit="pages", completed=v >= total
        )
        for i, v in enumerate(values)
    ]
    return ListedItem(item, item_state(points, TODAY))


def page(active: list[ListedItem], finished: list[ListedItem], number: int = 0) -> Page:
    """The page a user would see, from the full lists."""
    where = page_slice(len(active) + len(finished), number)
    rows = [*active, *finished][where.start : where.end]
    shown_active = [row for row in rows if row in active]
    shown_finished = [row for row in rows if row in finished]
    return progress_page("en", shown_active, shown_finished, active_total=len(active), where=where)


def test_captured_lines_name_item_and_numbers() -> None:
    count = ProgressUpdate(item="x", key="x", value=296, total=572, unit="pages", completed=False)
    done = ProgressUpdate(item="x", key="x", value=None, total=None, unit="percent", completed=True)
    percent = ProgressUpdate(
        item="x", key="x", value=72, total=100, unit="percent", completed=False
    )
    found = [("TLPI", count), ("Go & <C>", percent), ("沙丘", done)]
    assert captured_lines("en", found) == [
        "📖 TLPI 296/572 pages",
        "📖 Go &amp; &lt;C&gt; 72%",
        "✅ Finished 沙丘",
    ]
    assert captured_lines("zh", found)[0] == "📖 TLPI 296/572 页"
    assert captured_lines("zh", found)[2] == "✅ 读完了 沙丘"


def test_an_active_item_shows_bar_numbers_day_pace_and_estimate() -> None:
    shown = page([listed("Dune", 100, 200, 300)], [])
    assert "📖 <b>Dune</b>" in shown.text
    assert "▓▓▓▓▓▓▓▓░░ 75% · 300/400 pages · Sat 2023-01-21" in shown.text
    assert "⏱ 6.7 pages/day · done about Wed 2023-02-15" in shown.text
    assert (shown.number, shown.count) == (0, 1)


def test_finished_items_come_after_active_ones_under_their_heading() -> None:
    shown = page([listed("Dune", 10)], [listed("Emma", 40, total=40)])
    assert shown.text.index("Dune") < shown.text.index("<b>Finished</b>") < shown.text.index("Emma")
    assert "✅ <b>Emma</b> · Sun 2023-01-01" in shown.text


def test_pages_hold_page_size_items_and_clamp() -> None:
    items = [listed(f"Book {n}", 10) for n in range(PAGE_SIZE * 2 + 1)]
    last = page(items, [], 99)
    assert (last.number, last.count) == (2, 3)
    assert "page 3/3" in last.text
    assert last.text.count("📖") == 1


def test_a_page_of_longest_titles_fits_one_message() -> None:
    items = [listed("長" * 500 + str(n), 10) for n in range(PAGE_SIZE)]
    where = page_slice(len(items), 0)
    shown = progress_page("zh", items, [], active_total=len(items), where=where)
    assert visible_length(shown.text) < MESSAGE_LIMIT
    assert short_title("長" * 500).endswith("…")


def test_empty_list_says_how_to_start() -> None:
    assert "<code>Dune: 40%</code>" in page([], []).text


def test_detail_shows_history_newest_last() -> None:
    dune = listed("Dune", 100, 200)
    points = [
        ProgressPoint(day=date(2023, 1, 1), value=100, total=400, unit="pages", completed=False),
        ProgressPoint(day=date(2023, 1, 11), value=200, total=400, unit="pages", completed=False),
        ProgressPoint(
            day=date(2023, 1, 12), value=None, total=None, unit="percent", completed=True
        ),
    ]
    text = item_detail("zh", dune.item, dune.state, points)
    assert text.index("2023-01-01（周日） · 100/400 页") < text.index(
        "2023-01-12（周四） · ✅ 完成"
    )
