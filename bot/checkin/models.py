"""The check-in's data: a user's preferences, one day's record and a key problem."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal, NamedTuple

from pydantic import Field

from bot.checkin.habits import CheckinHabits, ReminderMinutes, Weekday, Workday
from bot.checkin.plan import PlanBlock
from bot.checkin.review import CheckinRecord, GoalAnswer, PlanResult
from bot.checkin.schedule import DEFAULT_CHECKIN_AT, EVERY_DAY, CheckinSchedule
from bot.checkin.states import StateLists, default_states
from bot.models import Frozen, Language, UserSettings

Status = Literal["open", "done", "missed", "skipped", "paused"]
Step = Literal[
    "actual", "today", "states", "goal", "goal_note", "plan", "review_1", "review_2", "review_3"
]
# While a check-in waits at one of these, the user's next plain message is the answer.
TEXT_STEPS: frozenset[str] = frozenset({"goal_note", "plan", "review_1", "review_2", "review_3"})
REVIEW_STEPS: tuple[Step, ...] = ("review_1", "review_2", "review_3")


class CheckinPrefs(Frozen):
    """What a user set for their check-in; a user who set nothing has these defaults."""

    user_id: int
    at: time = DEFAULT_CHECKIN_AT
    weekdays: frozenset[int] = EVERY_DAY
    enabled: bool = True
    paused_until: date | None = None
    healthy_states: tuple[str, ...] | None = None
    off_states: tuple[str, ...] | None = None
    goal: str | None = None
    # None for each: the bot-wide default (WORKDAY, CHECKIN_REMINDER_MINUTES, WEEKLY_REVIEW_DAY).
    workday: Workday | None = None
    reminder_minutes: ReminderMinutes | None = None
    review_day: Weekday | None = None

    def habits(self, defaults: CheckinHabits) -> CheckinHabits:
        """The values a check-in starting now runs with: the user's own, else `defaults`."""
        return CheckinHabits(
            workday=self.workday if self.workday is not None else defaults.workday,
            reminder_minutes=(
                self.reminder_minutes
                if self.reminder_minutes is not None
                else defaults.reminder_minutes
            ),
            review_day=self.review_day if self.review_day is not None else defaults.review_day,
        )

    def schedule(self, timezone: str) -> CheckinSchedule:
        """The schedule in the user's timezone."""
        return CheckinSchedule(
            at=self.at,
            weekdays=self.weekdays,
            timezone=timezone,
            enabled=self.enabled,
            paused_until=self.paused_until,
        )

    def states(self, language: Language) -> StateLists:
        """The user's lists, or the defaults of their language for a list never edited."""
        defaults = default_states(language)
        return StateLists(
            healthy=self.healthy_states if self.healthy_states is not None else defaults.healthy,
            off=self.off_states if self.off_states is not None else defaults.off,
        )


class ScheduledUser(UserSettings):
    """A user's row (`UserSettings`, the one model of it) with their check-in settings: what
    the scheduler and the conversation need about one user."""

    prefs: CheckinPrefs

    @property
    def schedule(self) -> CheckinSchedule:
        """The user's schedule in their timezone."""
        return self.prefs.schedule(self.timezone)


# A user whose next check-in is not planned yet (new, or from before due times were stored).
UNPLANNED: Literal[""] = ""
# When a user's next check-in is due: an instant, UNPLANNED, or None when none is scheduled.
DueTime = datetime | Literal[""] | None


class Due(NamedTuple):
    """A claimed check-in: whose, and the instant it was due at (UNPLANNED: plan it)."""

    user_id: int
    due_at: DueTime


class Opening(Frozen):
    """A check-in about to be opened: its day, first step and the values it keeps."""

    user_id: int
    day: date
    step: Step
    review: bool
    workday: tuple[time, time] | None
    started_at: datetime
    closes_at: datetime
    remind_at: datetime
    due_at: datetime | None  # the scheduled instant; None for /checkin


class Problem(Frozen):
    """A key problem standing between the user and their key goal."""

    id: int
    user_id: int
    text: str
    created_at: datetime
    closed_at: datetime | None = None


class Checkin(Frozen):
    """One user-day's check-in: where it stands and every answer given so far."""

    id: int
    user_id: int
    day: date
    status: Status
    step: Step | None
    review: bool = False
    # The working day the plan step uses, fixed when the check-in started; None for one started
    # before users had their own (it runs with the bot-wide WORKDAY).
    workday: tuple[time, time] | None = None
    due_at: datetime | None = None
    started_at: datetime | None = None
    closes_at: datetime | None = None
    remind_at: datetime | None = None
    reminder_sent: bool = False
    answered_at: datetime | None = None
    finished_at: datetime | None = None
    healthy_states: tuple[str, ...] = ()
    off_states: tuple[str, ...] = ()
    goal: str | None = None
    goal_answer: GoalAnswer | None = None
    goal_note: str | None = None
    plan_text: str | None = None
    plan_blocks: tuple[PlanBlock, ...] = ()
    plan_results: dict[int, PlanResult] = Field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        """Whether the check-in still waits for the user."""
        return self.status == "open"

    def record(self) -> CheckinRecord:
        """The numbers the weekly review counts; an open check-in counts as answered so far."""
        return CheckinRecord(
            day=self.day,
            status="done" if self.status == "open" else self.status,
            healthy_states=self.healthy_states,
            off_states=self.off_states,
            goal_answer=self.goal_answer,
            plan_results=tuple(self.plan_results[index] for index in sorted(self.plan_results)),
        )
