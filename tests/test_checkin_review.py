"""The weekly review's numbers, plan versus actual, and the default state lists."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from bot.checkin.errors import CheckinInputError
from bot.checkin.plan import PlanBlock
from bot.checkin.review import (
    CheckinRecord,
    StateCount,
    plan_vs_actual,
    weekly_review,
)
from bot.checkin.states import (
    DEFAULT_HEALTHY_STATES,
    DEFAULT_OFF_STATES,
    MAX_STATES,
    default_states,
    parse_state_list,
)
from bot.models import Language

WEEK = date(2024, 6, 10)  # a Monday
LAST_WEEK = WEEK - timedelta(days=7)


def record(offset: int, status: str = "done", **fields: object) -> CheckinRecord:
    """A record `offset` days after the start of this week (negative: last week)."""
    return CheckinRecord.model_validate(
        {"day": WEEK + timedelta(days=offset), "status": status, **fields}
    )


# --- weekly_review -------------------------------------------------------------------------


def test_states_this_week_against_last_week_in_the_users_order() -> None:
    records = [
        record(0, healthy_states=["专注", "按时下班"], off_states=["熬夜"]),
        record(1, healthy_states=["专注"], off_states=["拖延", "熬夜"]),
        record(-3, healthy_states=["按时下班"], off_states=["熬夜"]),
        record(-2, off_states=["熬夜", "被临时需求打断"]),
        record(-14, healthy_states=["专注"]),  # two weeks ago: in neither
        record(7, healthy_states=["专注"]),  # next week: in neither
    ]

    review = weekly_review(records, WEEK, ["按计划推进", "专注", "按时下班"], ["拖延", "熬夜"])

    assert review.healthy == (
        StateCount(state="按计划推进", this_week=0, last_week=0),
        StateCount(state="专注", this_week=2, last_week=0),
        StateCount(state="按时下班", this_week=1, last_week=1),
    )
    assert review.off == (
        StateCount(state="拖延", this_week=1, last_week=0),
        StateCount(state="熬夜", this_week=2, last_week=2),
        # No longer in the user's list, but ticked last week: shown after the listed ones.
        StateCount(state="被临时需求打断", this_week=0, last_week=1),
    )
    assert [count.change for count in review.off] == [1, 0, -1]


def test_a_state_counts_once_a_day() -> None:
    review = weekly_review([record(0, off_states=["熬夜", "熬夜"])], WEEK, (), ["熬夜"])

    assert review.off == (StateCount(state="熬夜", this_week=1, last_week=0),)


@pytest.mark.parametrize(
    ("answers", "share", "answered"),
    [
        ([], None, 0),
        (["yes"], 1.0, 1),
        (["yes", "no"], 0.5, 2),
        (["yes", "partly", "no", "partly"], 0.5, 4),
        (["partly", None, None], 0.5, 1),  # days without an answer do not dilute it
        (["no", "no"], 0.0, 2),
    ],
)
def test_share_of_days_that_served_the_key_goal(
    answers: list[str | None], share: float | None, answered: int
) -> None:
    records = [record(offset, goal_answer=answer) for offset, answer in enumerate(answers)]

    review = weekly_review(records, WEEK)

    assert (review.goal_share, review.goal_days) == (share, answered)


def test_plan_blocks_and_statuses_of_the_week() -> None:
    records = [
        record(0, plan_results=["done", "done", "partly"]),
        record(1, plan_results=["not_done"]),
        record(2, "missed"),
        record(3, "skipped"),
        record(4, "paused"),
        record(-1, plan_results=["done"] * 5),  # last week's blocks are not this week's
    ]

    review = weekly_review(records, WEEK)

    assert (review.plan_done, review.plan_partly, review.plan_total) == (2, 1, 4)
    assert review.statuses == {"done": 2, "missed": 1, "skipped": 1, "paused": 1}


def test_an_empty_week() -> None:
    review = weekly_review([], WEEK, ["专注"], ["拖延"])

    assert review.healthy == (StateCount(state="专注", this_week=0, last_week=0),)
    assert review.goal_share is None
    assert review.plan_total == 0
    assert review.statuses == {"done": 0, "missed": 0, "skipped": 0, "paused": 0}


# --- plan_vs_actual ------------------------------------------------------------------------


def block(text: str, start: int = 9) -> PlanBlock:
    return PlanBlock(start=time(start), end=time(start + 1), text=text)


@pytest.mark.parametrize(
    ("blocks", "entries", "expected"),
    [
        pytest.param(
            ["写文档", "写代码", "会议"],
            ["写完了API文档的第一部分", "开了两个会，讨论需求", "修了登录的bug，代码写了300行"],
            ["写完了API文档的第一部分", "修了登录的bug，代码写了300行", "开了两个会，讨论需求"],
            id="chinese by characters",
        ),
        pytest.param(
            ["review PR", "gym"],
            ["went to the gym for 1h", "reviewed Alice's PR #12"],
            ["reviewed Alice's PR #12", "went to the gym for 1h"],
            id="english by words",
        ),
        pytest.param(
            ["写周报", "读书"],
            ["看了电影", "周报发了"],
            ["周报发了", None],
            id="a block with nothing like it",
        ),
        pytest.param(
            ["写文档", "写文档"],
            ["写完文档第一章", "写完文档第二章"],
            ["写完文档第一章", "写完文档第二章"],
            id="one entry serves one block",
        ),
        pytest.param(["写文档"], [], [None], id="nothing logged"),
    ],
)
def test_plan_vs_actual_suggests_an_entry_per_block(
    blocks: list[str], entries: list[str], expected: list[str | None]
) -> None:
    plan = [block(text, 9 + index) for index, text in enumerate(blocks)]

    result = plan_vs_actual(plan, entries)

    assert [match.entry_text for match in result.matches] == expected
    assert [match.block for match in result.matches] == plan
    for match in result.matches:
        if match.entry_index is not None:
            assert entries[match.entry_index] == match.entry_text


def test_plan_vs_actual_lists_entries_that_were_not_planned() -> None:
    entries = ["写完了API文档的第一部分", "看了电影", "去超市"]

    result = plan_vs_actual([block("写文档")], entries)

    assert result.unplanned == ("看了电影", "去超市")


def test_plan_vs_actual_without_a_plan() -> None:
    result = plan_vs_actual([], ["看了电影"])

    assert (result.matches, result.unplanned) == ((), ("看了电影",))


# --- states --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "en"])
def test_default_states_are_valid_lists_of_the_same_shape(language: Language) -> None:
    lists = default_states(language)

    assert parse_state_list("\n".join(lists.healthy)) == lists.healthy
    assert parse_state_list("\n".join(lists.off)) == lists.off
    assert len(lists.healthy) == len(DEFAULT_HEALTHY_STATES["zh"])
    assert len(lists.off) == len(DEFAULT_OFF_STATES["zh"])


def test_default_states_come_from_the_notes() -> None:
    lists = default_states("zh")

    assert {"按计划推进", "专注", "按时下班"} <= set(lists.healthy)
    assert {"拖延", "被临时需求打断", "熬夜", "东一榔头西一棒槌"} <= set(lists.off)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("专注\n按时下班", ("专注", "按时下班")),
        ("专注，按时下班、早睡", ("专注", "按时下班", "早睡")),
        ("- Focused\n- Left on time\n- Focused", ("Focused", "Left on time")),
        ("  a ; b ;; c  ", ("a", "b", "c")),
    ],
)
def test_parse_state_list(text: str, expected: tuple[str, ...]) -> None:
    assert parse_state_list(text) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "states.error.empty"),
        (" - \n，", "states.error.empty"),
        ("\n".join(f"s{n}" for n in range(MAX_STATES + 1)), "states.error.too_many"),
        ("专注\n" + "很" * 25, "states.error.too_long"),
    ],
)
def test_parse_state_list_rejects(text: str, key: str) -> None:
    with pytest.raises(CheckinInputError) as caught:
        parse_state_list(text)

    assert caught.value.key == key
