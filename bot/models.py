"""Pure data shared by the store, the features and the handlers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

Language = Literal["en", "zh"]
EntrySource = Literal["telegram", "import", "cli", "checkin"]


class Frozen(BaseModel):
    """Base for immutable value objects."""

    model_config = ConfigDict(frozen=True)


class UserSettings(Frozen):
    """What the bot knows about one user."""

    user_id: int
    chat_id: int | None
    language: Language
    timezone: str
    created_at: datetime


ForwardKind = Literal["user", "hidden_user", "chat", "channel"]


class Forwarded(Frozen):
    """Where a forwarded message first came from, as Telegram's forward_origin says: a
    person's name (`user`, or `hidden_user` for one who hides their account), a group's or a
    channel's title, the signature of the post's author when it has one, and when it was
    first sent."""

    kind: ForwardKind
    name: str
    date: datetime
    signature: str | None = None


class Entry(Frozen):
    """One thing the user logged: the text exactly as sent, filed under a local day; a
    forwarded message also keeps where it came from."""

    id: int
    user_id: int
    chat_id: int | None
    message_id: int | None
    text: str
    day: date
    created_at: datetime
    updated_at: datetime | None = None
    source: EntrySource = "telegram"
    forwarded: Forwarded | None = None


ProgressUnit = Literal[
    "percent",
    "pages",
    "chapters",
    "lessons",
    "days",
    "units",
    "episodes",
    "parts",
    "weeks",
    "courses",
    "seasons",
    "sections",
    "modules",
]
# Every unit, in the order /total's help lists them.
PROGRESS_UNITS: tuple[ProgressUnit, ...] = get_args(ProgressUnit)


class ProgressUpdate(Frozen):
    """One piece of progress found in an entry's text.

    ``item`` is the title for display, ``key`` the normalised title that identifies the item.
    ``value`` is None when the text only says the item is finished (``读完了《…》``).
    ``total`` is None with a value for a count without a total (``第 19 章``, ``Day 12``), and
    ``value`` None with a total for a whole said alone (``《置身事内》共 20 章``).
    """

    item: str
    key: str
    value: float | None
    total: float | None
    unit: ProgressUnit
    completed: bool


class ProgressPoint(Frozen):
    """One stored progress update, filed under the user's local day."""

    day: date
    value: float | None
    total: float | None
    unit: ProgressUnit
    completed: bool

    @classmethod
    def from_update(cls, update: ProgressUpdate, day: date) -> ProgressPoint:
        """The point a parsed update makes on ``day``."""
        return cls(
            day=day,
            value=update.value,
            total=update.total,
            unit=update.unit,
            completed=update.completed,
        )


ItemStatus = Literal["active", "done", "dropped"]


class ProgressItem(Frozen):
    """Something a user works through (a book, a course), identified by its title's key.

    ``status`` is "dropped" after /drop (hidden from /progress), "done" once finished, else
    "active"; ``target`` is the day the user means to finish by (/target); ``total`` is the
    whole in ``total_unit`` the user gave with /total, which turns counts into a share.
    """

    id: int
    user_id: int
    key: str
    title: str
    status: ItemStatus
    target: date | None
    created_at: datetime
    total: float | None = None
    total_unit: ProgressUnit | None = None
