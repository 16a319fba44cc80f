"""The weekly review's numbers and plan-versus-actual, from plain check-in records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal

from rapidfuzz import fuzz, utils

from bot.checkin.plan import PlanBlock
from bot.models import Frozen

CheckinStatus = Literal["done", "missed", "skipped", "paused"]
GoalAnswer = Literal["yes", "partly", "no"]
PlanResult = Literal["done", "partly", "not_done"]

_GOAL_WEIGHT: dict[GoalAnswer, float] = {"yes": 1.0, "partly": 0.5, "no": 0.0}
# Below this a block and an entry share too little (one character of two) to be worth offering.
MATCH_CUTOFF = 50.0
# A Chinese character is a word of its own; other scripts split into runs of letters and digits.
_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


class CheckinRecord(Frozen):
    """What one day's check-in left behind."""

    day: date
    status: CheckinStatus
    healthy_states: tuple[str, ...] = ()
    off_states: tuple[str, ...] = ()
    goal_answer: GoalAnswer | None = None
    plan_results: tuple[PlanResult, ...] = ()


class StateCount(Frozen):
    """How many days of this week and of last week had one state ticked."""

    state: str
    this_week: int
    last_week: int

    @property
    def change(self) -> int:
        """This week minus last week."""
        return self.this_week - self.last_week


class WeeklyReview(Frozen):
    """The numbers of one week (Monday or whatever `week_start` is, plus six days)."""

    week_start: date
    healthy: tuple[StateCount, ...]
    off: tuple[StateCount, ...]
    statuses: dict[CheckinStatus, int]
    goal_days: int
    goal_share: float | None
    plan_done: int
    plan_partly: int
    plan_total: int


def weekly_review(
    records: Iterable[CheckinRecord],
    week_start: date,
    healthy_states: Sequence[str] = (),
    off_states: Sequence[str] = (),
) -> WeeklyReview:
    """Compare the week from `week_start` with the week before it.

    `healthy_states` and `off_states` are the user's lists, shown in their order even when a
    state was never ticked; states ticked but since removed from the lists follow them.
    The goal share is over the days that answered the goal question (yes 1, partly 0.5), so
    a missed day neither helps nor hurts it; `goal_days` says how many days that is.
    """
    this_week, last_week = _split_weeks(records, week_start)
    goal_answers = [record.goal_answer for record in this_week if record.goal_answer is not None]
    plan_results = Counter(result for record in this_week for result in record.plan_results)
    statuses = Counter(record.status for record in this_week)
    return WeeklyReview(
        week_start=week_start,
        healthy=_state_counts(this_week, last_week, healthy_states, healthy=True),
        off=_state_counts(this_week, last_week, off_states, healthy=False),
        statuses={status: statuses[status] for status in ("done", "missed", "skipped", "paused")},
        goal_days=len(goal_answers),
        goal_share=_goal_share(goal_answers),
        plan_done=plan_results["done"],
        plan_partly=plan_results["partly"],
        plan_total=plan_results.total(),
    )


def _split_weeks(
    records: Iterable[CheckinRecord], week_start: date
) -> tuple[list[CheckinRecord], list[CheckinRecord]]:
    week = timedelta(days=7)
    this_week: list[CheckinRecord] = []
    last_week: list[CheckinRecord] = []
    for record in records:
        if week_start <= record.day < week_start + week:
            this_week.append(record)
        elif week_start - week <= record.day < week_start:
            last_week.append(record)
    return this_week, last_week


def _state_counts(
    this_week: list[CheckinRecord],
    last_week: list[CheckinRecord],
    listed: Sequence[str],
    *,
    healthy: bool,
) -> tuple[StateCount, ...]:
    def count(records: list[CheckinRecord]) -> Counter[str]:
        # A state counts once a day, however often a record repeats it.
        return Counter(
            state
            for record in records
            for state in set(record.healthy_states if healthy else record.off_states)
        )

    now, before = count(this_week), count(last_week)
    unlisted = sorted((now.keys() | before.keys()) - set(listed), key=lambda s: (-now[s], s))
    return tuple(
        StateCount(state=state, this_week=now[state], last_week=before[state])
        for state in [*dict.fromkeys(listed), *unlisted]
    )


def _goal_share(answers: list[GoalAnswer]) -> float | None:
    if not answers:
        return None
    return sum(_GOAL_WEIGHT[answer] for answer in answers) / len(answers)


class PlanMatch(Frozen):
    """One planned block beside the logged entry that looks most like it, if any."""

    block: PlanBlock
    entry_index: int | None
    entry_text: str | None
    score: float


class PlanVsActual(Frozen):
    """Yesterday's plan, block by block, and the entries that matched no block."""

    matches: tuple[PlanMatch, ...]
    unplanned: tuple[str, ...]


def plan_vs_actual(plan_blocks: Sequence[PlanBlock], entries_texts: Sequence[str]) -> PlanVsActual:
    """Suggest which logged entry belongs to which planned block, each entry to one block at most.

    Best-scoring pairs are taken first. This only proposes: the user still answers done, partly
    or not done for every block.
    """
    pairs = sorted(
        (
            (_similarity(block.text, entry), block_index, entry_index)
            for block_index, block in enumerate(plan_blocks)
            for entry_index, entry in enumerate(entries_texts)
        ),
        key=lambda pair: (-pair[0], pair[1], pair[2]),
    )
    chosen: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    for score, block_index, entry_index in pairs:
        if score < MATCH_CUTOFF:
            break
        if block_index not in chosen and entry_index not in taken:
            chosen[block_index] = (entry_index, score)
            taken.add(entry_index)
    return PlanVsActual(
        matches=tuple(
            _match(block, entries_texts, chosen.get(index))
            for index, block in enumerate(plan_blocks)
        ),
        unplanned=tuple(text for index, text in enumerate(entries_texts) if index not in taken),
    )


def _match(
    block: PlanBlock, entries_texts: Sequence[str], chosen: tuple[int, float] | None
) -> PlanMatch:
    if chosen is None:
        return PlanMatch(block=block, entry_index=None, entry_text=None, score=0.0)
    entry_index, score = chosen
    return PlanMatch(
        block=block, entry_index=entry_index, entry_text=entries_texts[entry_index], score=score
    )


def _similarity(block_text: str, entry_text: str) -> float:
    """0-100: the better of a substring match and a word overlap.

    Chinese has no spaces, so each Chinese character counts as a word: `写代码` shares all its
    words with `代码写了300行` though no substring of one is the other.
    """
    substring = fuzz.partial_ratio(block_text, entry_text, processor=utils.default_process)
    words = fuzz.token_set_ratio(_words(block_text), _words(entry_text))
    return float(max(substring, words))


def _words(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))
