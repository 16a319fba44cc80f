"""Each step of the check-in as an HTML message with its buttons; user text is escaped here."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.checkin.habits import CheckinHabits, format_workday
from bot.checkin.models import Checkin, CheckinPrefs, Problem, Step
from bot.checkin.plan import PlanBlock, find_overlaps, needs_buffer_warning, plan_buffer
from bot.checkin.review import PlanResult, PlanVsActual, WeeklyReview
from bot.checkin.states import StateLists
from bot.config import Settings
from bot.i18n import CATALOGUES, Html, escape, t
from bot.models import Entry, Language, UserSettings
from bot.streaks import StreakInfo
from bot.telegram.day_listing import format_day, render_entry

STEPS: tuple[Step, ...] = (
    "actual",
    "today",
    "states",
    "goal",
    "goal_note",
    "plan",
    "review_1",
    "review_2",
    "review_3",
)
# Buttons valid at any step (snooze, skip) carry this instead of a step number.
ANY_STEP = "-"
PREFIX = "ci"
RESULT_CODES: dict[str, PlanResult] = {"d": "done", "p": "partly", "n": "not_done"}
RESULT_MARKS: dict[PlanResult, str] = {"done": "✅", "partly": "◐", "not_done": "✗"}
# The check-in values a user may set (/workday, /reminder, /review_day); also their i18n prefix.
HabitName = Literal["workday", "reminder", "review_day"]


@dataclass(frozen=True)
class Prompt:
    """A message to send or to edit into: HTML text and its inline keyboard, if any."""

    text: Html
    markup: InlineKeyboardMarkup | None = None


@dataclass(frozen=True)
class ButtonPress:
    """What a check-in button's callback data says; the handler checks whose check-in it is."""

    checkin_id: int
    step: Step | None
    action: str
    arg: str


def button_data(checkin: Checkin, action: str, arg: str = "", *, any_step: bool = False) -> str:
    """Callback data: `ci:<check-in id>:<step number>:<action>:<arg>`, far below 64 bytes."""
    step = ANY_STEP if any_step or checkin.step is None else str(STEPS.index(checkin.step))
    return f"{PREFIX}:{checkin.id}:{step}:{action}:{arg}"


def parse_button(data: str) -> ButtonPress | None:
    """Read callback data made by `button_data`; None for anything else."""
    parts = data.split(":")
    if len(parts) != 5 or parts[0] != PREFIX or not parts[1].isdigit():
        return None
    step: Step | None = None
    if parts[2] != ANY_STEP:
        if not parts[2].isdigit() or int(parts[2]) >= len(STEPS):
            return None
        step = STEPS[int(parts[2])]
    return ButtonPress(int(parts[1]), step, parts[3], parts[4])


def _button(language: Language, key: str, data: str, **params: object) -> InlineKeyboardButton:
    # Button labels are plain text, not HTML; the catalogue holds them unescaped.
    return InlineKeyboardButton(_plain(language, key, **params), callback_data=data)


def _plain(language: Language, key: str, **params: object) -> str:
    """A catalogue string for plain text (button labels), where escaping would show."""
    return CATALOGUES[language][key].format(**params)


def _keyboard(
    language: Language, checkin: Checkin, rows: list[list[InlineKeyboardButton]]
) -> InlineKeyboardMarkup:
    """The step's buttons, and "remind me" / "skip today" until the user first answers."""
    if checkin.answered_at is None:
        rows = [
            *rows,
            [
                _button(
                    language, "checkin.button.snooze", button_data(checkin, "z", any_step=True)
                ),
                _button(language, "checkin.button.skip", button_data(checkin, "s", any_step=True)),
            ],
        ]
    return InlineKeyboardMarkup(rows)


def _next_row(
    language: Language, checkin: Checkin, key: str = "checkin.button.next"
) -> list[InlineKeyboardButton]:
    return [_button(language, key, button_data(checkin, "n"))]


def today_prompt(language: Language, checkin: Checkin, entries: Sequence[Entry]) -> Prompt:
    """Step 1: the day's entries; anything sent now is added to them."""
    day = format_day(language, checkin.day)
    if entries:
        listed = Html("\n".join(render_entry(entry) for entry in entries))
        text = t(language, "checkin.today", day=day, count=len(entries), entries=listed)
    else:
        text = t(language, "checkin.today.empty", day=day)
    return Prompt(text, _keyboard(language, checkin, [_next_row(language, checkin)]))


def actual_prompt(language: Language, checkin: Checkin, compared: PlanVsActual) -> Prompt:
    """Yesterday's plan beside what was logged, with done / partly / not done per block."""
    lines = [t(language, "checkin.actual.header")]
    rows = []
    for index, match in enumerate(compared.matches):
        result = checkin.plan_results.get(index)
        logged = (
            escape(match.entry_text) if match.entry_text else t(language, "checkin.actual.none")
        )
        lines.append(
            t(
                language,
                "checkin.actual.block",
                number=index + 1,
                span=_span(match.block),
                text=match.block.text,
                logged=logged,
                mark=RESULT_MARKS[result] if result else "",
            )
        )
        rows.append(
            [
                _button(
                    language,
                    f"checkin.button.result_{code}",
                    button_data(checkin, "r", f"{index}{code}"),
                    number=index + 1,
                    chosen="• " if checkin.plan_results.get(index) == result_name else "",
                )
                for code, result_name in RESULT_CODES.items()
            ]
        )
    if compared.unplanned:
        also = Html("\n".join(f"• {escape(text)}" for text in compared.unplanned))
        lines.append(t(language, "checkin.actual.unplanned", entries=also))
    lines.append(t(language, "checkin.actual.ask"))
    return Prompt(Html("\n".join(lines)), _keyboard(language, checkin, rows))


def _state_buttons(
    language: Language,
    checkin: Checkin,
    states: Sequence[str],
    ticked: Collection[str],
    kind: Literal["h", "o"],
) -> list[InlineKeyboardButton]:
    """Toggle buttons for one list; `kind` h (healthy) or o (off) goes into the button data."""
    on_key = "checkin.button.state_on_healthy" if kind == "h" else "checkin.button.state_on_off"
    return [
        _button(
            language,
            on_key if state in ticked else "checkin.button.state_off",
            button_data(checkin, "t", f"{kind}{index}"),
            state=state,
        )
        for index, state in enumerate(states)
    ]


def states_prompt(language: Language, checkin: Checkin, states: StateLists) -> Prompt:
    """Step 2: the user's healthy and off states as toggle buttons, two to a row."""
    buttons = _state_buttons(
        language, checkin, states.healthy, checkin.healthy_states, "h"
    ) + _state_buttons(language, checkin, states.off, checkin.off_states, "o")
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    text = t(
        language,
        "checkin.states",
        healthy=Html(", ".join(escape(state) for state in states.healthy)),
        off=Html(", ".join(escape(state) for state in states.off)),
    )
    return Prompt(text, _keyboard(language, checkin, [*rows, _next_row(language, checkin)]))


def goal_prompt(language: Language, checkin: Checkin, goal: str | None) -> Prompt:
    """Step 3: did today's work serve the key goal?"""
    if goal is None:
        text = t(language, "checkin.goal.none")
        return Prompt(text, _keyboard(language, checkin, [_next_row(language, checkin)]))
    answers = [
        _button(language, f"checkin.button.goal_{answer}", button_data(checkin, "g", answer))
        for answer in ("yes", "partly", "no")
    ]
    return Prompt(t(language, "checkin.goal", goal=goal), _keyboard(language, checkin, [answers]))


def goal_note_prompt(language: Language, checkin: Checkin) -> Prompt:
    """After the answer: an optional note."""
    rows = [_next_row(language, checkin, "checkin.button.no_note")]
    return Prompt(t(language, "checkin.goal_note"), _keyboard(language, checkin, rows))


def plan_prompt(language: Language, checkin: Checkin, workday: tuple[time, time]) -> Prompt:
    """Step 4: tomorrow's plan as time blocks."""
    rows = [_next_row(language, checkin, "checkin.button.no_plan")]
    text = t(language, "checkin.plan", start=_clock(workday[0]), end=_clock(workday[1]))
    return Prompt(text, _keyboard(language, checkin, rows))


def review_question_prompt(language: Language, checkin: Checkin, number: int) -> Prompt:
    """One of the weekly review's three questions."""
    rows = [_next_row(language, checkin, "checkin.button.skip_question")]
    text = t(language, f"checkin.review.q{number}")
    return Prompt(text, _keyboard(language, checkin, rows))


def plan_table(language: Language, blocks: Sequence[PlanBlock], workday: tuple[time, time]) -> Html:
    """Tomorrow's plan read back as a table, the unplanned time left and a gentle warning."""
    lines = [
        f"{_span(block)}  {_duration(language, block.duration):>6}  {escape(block.text)}"
        for block in blocks
    ]
    buffer = plan_buffer(list(blocks), workday[0], workday[1])
    parts = [
        t(language, "checkin.plan.table", table=Html("\n".join(lines))),
        t(
            language,
            "checkin.plan.buffer",
            buffer=_duration(language, buffer),
            start=_clock(workday[0]),
            end=_clock(workday[1]),
        ),
    ]
    for first, second in find_overlaps(list(blocks)):
        parts.append(t(language, "checkin.plan.overlap", first=first.text, second=second.text))
    if needs_buffer_warning(buffer):
        parts.append(t(language, "checkin.plan.warning"))
    return Html("\n".join(parts))


def finished(language: Language, info: StreakInfo) -> Html:
    """The end of a check-in: thanks and the streak."""
    return t(language, "checkin.done", streak=info.current, longest=info.longest)


def weekly_numbers(
    language: Language, review: WeeklyReview, last_day: date, info: StreakInfo
) -> Html:
    """The week's numbers against last week's, before the three questions."""
    lines = [
        t(
            language,
            "checkin.review.header",
            first=format_day(language, review.week_start),
            last=format_day(language, last_day),
        )
    ]
    for key, counts in (("healthy", review.healthy), ("off", review.off)):
        lines.append(t(language, f"checkin.review.{key}"))
        lines.extend(
            t(language, "checkin.review.state", state=c.state, now=c.this_week, before=c.last_week)
            for c in counts
        )
    if review.goal_share is None:
        lines.append(t(language, "checkin.review.goal_none"))
    else:
        share = round(review.goal_share * 100)
        lines.append(t(language, "checkin.review.goal", share=share, days=review.goal_days))
    lines.append(
        t(
            language,
            "checkin.review.plan",
            done=review.plan_done,
            partly=review.plan_partly,
            total=review.plan_total,
        )
    )
    statuses = review.statuses
    lines.append(
        t(
            language,
            "checkin.review.checkins",
            done=statuses.get("done", 0),
            skipped=statuses.get("skipped", 0),
            missed=statuses.get("missed", 0),
        )
    )
    lines.append(t(language, "checkin.review.streak", streak=info.current, longest=info.longest))
    return Html("\n".join(lines))


def goal_and_problems(language: Language, goal: str | None, problems: Sequence[Problem]) -> Html:
    """/goal alone: the key goal and its open problems, numbered for /problem done <n>."""
    lines = [t(language, "goal.show", goal=goal) if goal else t(language, "goal.unset")]
    if problems:
        lines.append(t(language, "problem.header"))
        lines.extend(
            t(language, "problem.line", number=number, text=problem.text)
            for number, problem in enumerate(problems, start=1)
        )
    else:
        lines.append(t(language, "problem.none"))
    return Html("\n".join(lines))


def _span(block: PlanBlock) -> str:
    return f"{_clock(block.start)}–{_clock(block.end)}"


def _clock(value: time) -> str:
    return value.strftime("%H:%M")


def _duration(language: Language, span: timedelta) -> str:
    minutes = max(0, int(span.total_seconds() // 60))
    return _plain(language, "duration", hours=minutes // 60, minutes=minutes % 60)


def state_lists(language: Language, states: StateLists) -> Html:
    """/states: both lists and how to change them."""
    return t(
        language,
        "states.show",
        healthy=Html(", ".join(escape(state) for state in states.healthy)),
        off=Html(", ".join(escape(state) for state in states.off)),
    )


def settings_summary(
    user: UserSettings, prefs: CheckinPrefs, settings: Settings, next_at: datetime | None
) -> Html:
    """/settings: the check-in, the user's zone and language, and the check-in values in use,
    each marked as the user's own or the bot-wide default."""
    language = user.language
    if not prefs.enabled:
        checkin = t(language, "settings.checkin_off")
    else:
        days = ", ".join(_plain(language, f"weekday.{day}") for day in sorted(prefs.weekdays))
        checkin = t(language, "settings.checkin", at=_clock(prefs.at), days=days)
    lines = [
        t(language, "settings.header"),
        checkin,
        t(language, "settings.timezone", zone=user.timezone),
    ]
    if prefs.paused_until is not None:
        lines.append(t(language, "settings.paused", day=prefs.paused_until.isoformat()))
    if next_at is not None and prefs.enabled:
        local = next_at.astimezone(ZoneInfo(user.timezone)).strftime("%Y-%m-%d %H:%M")
        lines.append(t(language, "settings.next", at=local))
    lines.append(t(language, "settings.language", language=language))
    for name in HABITS:
        shown = _habit_text(language, name, prefs, settings.checkin_habits)
        origin = shown.origin(language)
        lines.append(t(language, f"settings.{name}", value=shown.value, origin=origin))
    lines += [
        t(language, "settings.goal", goal=prefs.goal or "—"),
        state_lists(language, prefs.states(language)),
    ]
    return Html("\n".join(lines))


HABITS: tuple[HabitName, ...] = ("workday", "reminder", "review_day")


@dataclass(frozen=True)
class _HabitText:
    """One check-in value as the user reads it: in use, the default, and whether it is theirs."""

    value: str
    default: str
    own: bool

    def origin(self, language: Language) -> str:
        return _plain(language, "settings.own" if self.own else "settings.default")


def _habit_text(
    language: Language, name: HabitName, prefs: CheckinPrefs, defaults: CheckinHabits
) -> _HabitText:
    habits = prefs.habits(defaults)
    if name == "workday":
        return _HabitText(
            format_workday(habits.workday),
            format_workday(defaults.workday),
            own=prefs.workday is not None,
        )
    if name == "reminder":
        return _HabitText(
            _plain(language, "reminder.value", minutes=habits.reminder_minutes),
            _plain(language, "reminder.value", minutes=defaults.reminder_minutes),
            own=prefs.reminder_minutes is not None,
        )
    return _HabitText(
        _plain(language, f"weekday.{habits.review_day}"),
        _plain(language, f"weekday.{defaults.review_day}"),
        own=prefs.review_day is not None,
    )


def habit_shown(
    language: Language, name: HabitName, prefs: CheckinPrefs, defaults: CheckinHabits
) -> Html:
    """`/workday`, `/reminder` or `/review_day` alone: the value in use, whether it is the
    default, and how to change it."""
    shown = _habit_text(language, name, prefs, defaults)
    key = f"{name}.show_own" if shown.own else f"{name}.show_default"
    return t(language, key, value=shown.value, default=shown.default)


def habit_changed(
    language: Language, name: HabitName, prefs: CheckinPrefs, defaults: CheckinHabits
) -> Html:
    """After a change or a reset: the value from now on, and that an open check-in keeps its."""
    shown = _habit_text(language, name, prefs, defaults)
    key = f"{name}.set" if shown.own else f"{name}.reset"
    return Html(f"{t(language, key, value=shown.value)}\n{t(language, 'habits.next_checkin')}")
