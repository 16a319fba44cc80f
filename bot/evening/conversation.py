"""The check-in conversation: which step follows which, and what each answer stores.

Handlers and jobs call these with what they unpacked; everything returned is a message to send
or an edit to make, so the flow is testable without Telegram. The state is the check-in record
in SQLite, read afresh on every step, so a restart resumes where the user was.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot.checkin.errors import CheckinInputError
from bot.checkin.habits import CheckinHabits
from bot.checkin.models import REVIEW_STEPS, Checkin, Opening, ScheduledUser, Step
from bot.checkin.plan import parse_plan
from bot.checkin.review import GoalAnswer, PlanVsActual, plan_vs_actual, weekly_review
from bot.config import Settings
from bot.dates import logical_day
from bot.evening import render
from bot.evening.render import ButtonPress, Prompt
from bot.i18n import CATALOGUES, Html, t
from bot.log.capture import capture_text
from bot.models import Entry
from bot.store import Store
from bot.store.receipts import CommandMessage, Receipt
from bot.streaks import StreakInfo, user_streak

# Fixed, unlike the reminder: the button says "in 30 min" (see /reminder for the first nudge).
SNOOZE = timedelta(minutes=30)
_GOAL_ANSWERS: dict[str, GoalAnswer] = {"yes": "yes", "partly": "partly", "no": "no"}


@dataclass(frozen=True)
class Conversation:
    """One user's check-in as a handler or a job sees it, built from one query per prompt:
    the user and their settings (`ScheduledUser`) are read once and not again while it runs."""

    store: Store
    settings: Settings
    user: ScheduledUser

    @property
    def zone(self) -> ZoneInfo:
        """The user's timezone."""
        return ZoneInfo(self.user.timezone)

    def today(self, now: datetime) -> date:
        """The user's own day at `now`."""
        return logical_day(now, self.zone, self.settings.day_start)

    @property
    def habits(self) -> CheckinHabits:
        """The working day, reminder delay and review day a check-in starting now runs with."""
        return self.user.prefs.habits(self.settings.checkin_habits)

    def workday(self, checkin: Checkin) -> tuple[time, time]:
        """The working day of a check-in: the one it started with (WORKDAY if it predates that)."""
        return checkin.workday if checkin.workday is not None else self.settings.workday


@dataclass(frozen=True)
class Outcome:
    """What a button press changes: the pressed message, new messages, a short toast."""

    text: Html | None = None
    markup: InlineKeyboardMarkup | None = None
    send: tuple[Prompt, ...] = ()
    toast: str | None = None


def day_ends_at(day: date, zone: ZoneInfo, day_start: time) -> datetime:
    """When the user's `day` is over: `day_start` local time on the next calendar day."""
    return datetime.combine(day + timedelta(days=1), day_start, tzinfo=zone).astimezone(UTC)


def is_review_day(weekdays: frozenset[int], day: date, review_weekday: int) -> bool:
    """Whether the weekly review follows this day's check-in.

    It is the review weekday, or, for a user with no check-in that weekday (mon-fri and a
    Sunday review), their last check-in day before it.
    """
    for back in range(7):
        candidate = (review_weekday - back) % 7
        if candidate in weekdays:
            return day.weekday() == candidate
    return False


def opening(
    conv: Conversation,
    day: date,
    now: datetime,
    *,
    due_at: datetime | None,
    yesterday: Checkin | None,
) -> Opening:
    """What opening `day`'s check-in writes, given yesterday's record (its plan, if any).

    The user's values as they are now go into the record (the review flag, the working day,
    the reminder's time), so changing them later does not change this check-in.
    """
    habits = conv.habits
    return Opening(
        user_id=conv.user.user_id,
        day=day,
        step="actual" if yesterday and yesterday.plan_blocks else "today",
        review=is_review_day(conv.user.prefs.weekdays, day, habits.review_day),
        workday=habits.workday,
        started_at=now,
        closes_at=day_ends_at(day, conv.zone, conv.settings.day_start),
        remind_at=now + timedelta(minutes=habits.reminder_minutes),
        due_at=due_at,
    )


async def begin(
    conv: Conversation, day: date, now: datetime, *, due_at: datetime | None, reopen: bool
) -> tuple[Checkin, list[Prompt]] | None:
    """Open `day`'s check-in and return its first message; None if that day was handled.

    A day that already has a record is left alone unless `reopen` (/checkin starts it over).
    """
    yesterday = await conv.store.checkins.get(conv.user.user_id, day - timedelta(days=1))
    new = opening(conv, day, now, due_at=due_at, yesterday=yesterday)
    checkin = await conv.store.checkins.start(new, reopen=reopen)
    if checkin is None:
        return None
    return checkin, await prompts_for(conv, checkin, now)


async def prompts_for(
    conv: Conversation, checkin: Checkin, now: datetime, *, entries: list[Entry] | None = None
) -> list[Prompt]:
    """The message(s) that ask the check-in's current step.

    `entries`: the day's entries when the caller read them already (a scheduler batch).
    """
    language = conv.user.language
    step = checkin.step
    if step in REVIEW_STEPS:
        number = REVIEW_STEPS.index(step) + 1
        question = render.review_question_prompt(language, checkin, number)
        if number == 1:
            return [Prompt(await _weekly_numbers(conv, checkin, now)), question]
        return [question]
    prefs = conv.user.prefs
    if step == "actual":
        prompt = render.actual_prompt(language, checkin, await _compared(conv, checkin))
    elif step == "today":
        if entries is None:
            entries = await conv.store.entries.on_day(conv.user.user_id, checkin.day)
        prompt = render.today_prompt(language, checkin, entries)
    elif step == "states":
        prompt = render.states_prompt(language, checkin, prefs.states(language))
    elif step == "goal":
        prompt = render.goal_prompt(language, checkin, prefs.goal)
    elif step == "goal_note":
        prompt = render.goal_note_prompt(language, checkin)
    elif step == "plan":
        prompt = render.plan_prompt(language, checkin, conv.workday(checkin))
    else:
        raise ValueError(f"check-in {checkin.id} has no step to ask")
    return [prompt]


async def press(
    conv: Conversation, checkin: Checkin, button: ButtonPress, now: datetime
) -> Outcome:
    """Apply a button press to the user's own open check-in."""
    if button.action == "z":
        return await _snooze(conv, checkin, now)
    if button.action == "s":
        return await _skip(conv, checkin, now)
    # A button from an earlier step (an old message) must not answer the current one.
    action = _STEP_ACTIONS.get(button.action)
    if button.step != checkin.step or action is None:
        return Outcome(toast=_label(conv, "checkin.stale"))
    return await action(conv, checkin, button.arg, now)


async def _snooze(conv: Conversation, checkin: Checkin, now: datetime) -> Outcome:
    until = now + SNOOZE
    await conv.store.checkins.snooze(checkin.id, until, now=now)
    at = until.astimezone(conv.zone).strftime("%H:%M")
    return Outcome(send=(Prompt(t(conv.user.language, "checkin.snoozed", at=at)),))


async def _skip(conv: Conversation, checkin: Checkin, now: datetime) -> Outcome:
    await conv.store.checkins.finish(checkin.id, "skipped", now=now)
    info = await streak_info(conv, now)
    return Outcome(send=(Prompt(t(conv.user.language, "checkin.skipped", streak=info.current)),))


async def _goal_answer(conv: Conversation, checkin: Checkin, arg: str, now: datetime) -> Outcome:
    if arg not in _GOAL_ANSWERS:
        return Outcome(toast=_label(conv, "checkin.stale"))
    checkin = await conv.store.checkins.set_goal_answer(
        checkin.id, conv.user.prefs.goal, _GOAL_ANSWERS[arg], now=now
    )
    toast = _label(conv, f"checkin.button.goal_{arg}")
    return Outcome(send=tuple(await advance(conv, checkin, now)), toast=toast)


async def _next(conv: Conversation, checkin: Checkin, arg: str, now: datetime) -> Outcome:
    return Outcome(send=tuple(await advance(conv, checkin, now)))


async def answer_text(
    conv: Conversation,
    checkin: Checkin,
    text: str,
    now: datetime,
    *,
    chat_id: int,
    message_id: int,
) -> list[Prompt]:
    """A typed answer to the step waiting for one: the goal note, the plan, a review question.

    The move to the next step keeps a receipt of the message (see `advance`); a crash before it
    leaves the step where it was, so the answer read again lands on the same step.
    """
    language = conv.user.language
    store = conv.store
    receipt = Receipt(CommandMessage(conv.user.user_id, chat_id, message_id), "checkin", "", now)
    if checkin.step == "goal_note":
        checkin = await store.checkins.set_goal_note(checkin.id, text.strip(), now=now)
        return await advance(conv, checkin, now, receipt)
    if checkin.step == "plan":
        try:
            blocks = parse_plan(text)
        except CheckinInputError as error:
            return [Prompt(t(language, error.key, **error.params))]
        checkin = await store.checkins.set_plan(checkin.id, text, blocks, now=now)
        table = render.plan_table(language, blocks, conv.workday(checkin))
        return [Prompt(table), *await advance(conv, checkin, now, receipt)]
    if checkin.step in REVIEW_STEPS:
        number = REVIEW_STEPS.index(checkin.step) + 1
        # Kept like an entry, under the question it answers (conv.user is the users row).
        question = _label(conv, f"checkin.review.q{number}")
        await capture_text(
            store,
            conv.user,
            f"{question}\n{text}",
            sent_at=now,
            day_start=conv.settings.day_start,
            chat_id=chat_id,
            message_id=message_id,
            source="checkin",
        )
        return await advance(conv, checkin, now, receipt)
    raise ValueError(f"check-in {checkin.id} waits for no text")


async def advance(
    conv: Conversation, checkin: Checkin, now: datetime, receipt: Receipt | None = None
) -> list[Prompt]:
    """Move to the step after the current one and ask it, or finish the check-in.

    A typed answer passes its receipt: kept with the move, it tells a repeat of the answer
    (Telegram delivers again what the bot did not confirm) from the answer to the next step.
    """
    following = _following(checkin)
    if following is None:
        await conv.store.checkins.finish(checkin.id, "done", now=now, receipt=receipt)
        info = await streak_info(conv, now)
        return [Prompt(render.finished(conv.user.language, info))]
    checkin = await conv.store.checkins.set_step(checkin.id, following, now=now, receipt=receipt)
    return await prompts_for(conv, checkin, now)


def _following(checkin: Checkin) -> Step | None:
    order: dict[Step | None, Step | None] = {
        "actual": "today",
        "today": "states",
        "states": "goal",
        # Without an answer there was no goal to ask about, so no note either.
        "goal": "goal_note" if checkin.goal_answer else "plan",
        "goal_note": "plan",
        "plan": "review_1" if checkin.review else None,
        "review_1": "review_2",
        "review_2": "review_3",
        "review_3": None,
    }
    return order[checkin.step]


async def streak_info(conv: Conversation, now: datetime) -> StreakInfo:
    """The user's streak as of now."""
    return await user_streak(
        conv.store, conv.user.user_id, conv.today(now), weekdays=conv.user.prefs.weekdays
    )


async def _toggle(conv: Conversation, checkin: Checkin, arg: str, now: datetime) -> Outcome:
    language = conv.user.language
    states = conv.user.prefs.states(language)
    listed = states.healthy if arg[:1] == "h" else states.off
    index = int(arg[1:]) if arg[1:].isdigit() else -1
    if arg[:1] not in ("h", "o") or not 0 <= index < len(listed):
        return Outcome(toast=_label(conv, "checkin.stale"))
    healthy, off = list(checkin.healthy_states), list(checkin.off_states)
    ticked = healthy if arg[:1] == "h" else off
    state = listed[index]
    if state in ticked:
        ticked.remove(state)
    else:
        ticked.append(state)
    checkin = await conv.store.checkins.set_states(checkin.id, healthy, off, now=now)
    return Outcome(markup=render.states_prompt(language, checkin, states).markup, toast=state)


async def _plan_result(conv: Conversation, checkin: Checkin, arg: str, now: datetime) -> Outcome:
    compared = await _compared(conv, checkin)
    index, code = arg[:-1], arg[-1:]
    if (
        not index.isdigit()
        or int(index) >= len(compared.matches)
        or code not in render.RESULT_CODES
    ):
        return Outcome(toast=_label(conv, "checkin.stale"))
    results = {**checkin.plan_results, int(index): render.RESULT_CODES[code]}
    checkin = await conv.store.checkins.set_plan_results(checkin.id, results, now=now)
    prompt = render.actual_prompt(conv.user.language, checkin, compared)
    if len(results) < len(compared.matches):
        return Outcome(text=prompt.text, markup=prompt.markup)
    return Outcome(text=prompt.text, send=tuple(await advance(conv, checkin, now)))


async def _compared(conv: Conversation, checkin: Checkin) -> PlanVsActual:
    yesterday = await conv.store.checkins.get(conv.user.user_id, checkin.day - timedelta(days=1))
    entries = await conv.store.entries.on_day(conv.user.user_id, checkin.day)
    blocks = yesterday.plan_blocks if yesterday else ()
    return plan_vs_actual(blocks, [entry.text for entry in entries])


async def _weekly_numbers(conv: Conversation, checkin: Checkin, now: datetime) -> Html:
    week_start = checkin.day - timedelta(days=6)
    records = await conv.store.checkins.records(
        conv.user.user_id,
        week_start - timedelta(days=7),
        checkin.day,
        conv.user.prefs.weekdays,
    )
    states = conv.user.prefs.states(conv.user.language)
    review = weekly_review(records, week_start, states.healthy, states.off)
    info = await streak_info(conv, now)
    return render.weekly_numbers(conv.user.language, review, checkin.day, info)


_STEP_ACTIONS: dict[str, Callable[[Conversation, Checkin, str, datetime], Awaitable[Outcome]]] = {
    "t": _toggle,
    "r": _plan_result,
    "g": _goal_answer,
    "n": _next,
}


def _label(conv: Conversation, key: str) -> str:
    """A catalogue string as plain text, for a toast."""
    return CATALOGUES[conv.user.language][key]
