"""The healthy and off work states a new user starts with, and reading a user's own lists."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from bot.checkin.errors import CheckinInputError
from bot.models import Frozen, Language

# From the user's notes: list the known healthy and off states, and compare against them daily.
DEFAULT_HEALTHY_STATES: Mapping[Language, tuple[str, ...]] = {
    "zh": ("按计划推进", "专注", "按时下班"),
    "en": ("Worked to plan", "Focused", "Left on time"),
}
DEFAULT_OFF_STATES: Mapping[Language, tuple[str, ...]] = {
    "zh": ("拖延", "被临时需求打断", "熬夜", "东一榔头西一棒槌"),
    "en": ("Procrastinated", "Ad-hoc interruptions", "Stayed up late", "Jumping between tasks"),
}

# A state is a toggle button: its label must stay short enough to read on a phone.
MAX_STATE_LENGTH = 24
MAX_STATES = 12
_SEPARATORS = re.compile(r"[\n,，、;；]+")


class StateLists(Frozen):
    """A user's two lists, in the order their buttons appear."""

    healthy: tuple[str, ...]
    off: tuple[str, ...]


def default_states(language: Language) -> StateLists:
    """The lists a new user starts with, in their language."""
    return StateLists(healthy=DEFAULT_HEALTHY_STATES[language], off=DEFAULT_OFF_STATES[language])


def parse_state_list(text: str) -> tuple[str, ...]:
    """Read one list from `/states`: one state per line or comma, duplicates dropped.

    Raises `CheckinInputError` for an empty list, too many states or one too long for a button.
    """
    stripped = (part.strip(" -*•·\t") for part in _SEPARATORS.split(text))
    states = tuple(dict.fromkeys(state for state in stripped if state))
    if not states:
        raise CheckinInputError("states.error.empty")
    if len(states) > MAX_STATES:
        raise CheckinInputError("states.error.too_many", limit=str(MAX_STATES))
    for state in states:
        if len(state) > MAX_STATE_LENGTH:
            raise CheckinInputError(
                "states.error.too_long", state=state, limit=str(MAX_STATE_LENGTH)
            )
    return states


StateListName = Literal["healthy", "off", "reset"]
_LIST_NAMES: Mapping[str, StateListName] = {
    "healthy": "healthy",
    "good": "healthy",
    "健康": "healthy",
    "正常": "healthy",
    "off": "off",
    "bad": "off",
    "异常": "off",
    "reset": "reset",
    "default": "reset",
    "重置": "reset",
    "默认": "reset",
}


def parse_states_command(args: str) -> tuple[StateListName, tuple[str, ...]]:
    """Read `/states healthy 专注, 按时下班`, `/states off 拖延, 熬夜` or `/states reset`."""
    name, _, rest = args.strip().partition(" ")
    which = _LIST_NAMES.get(name.casefold().rstrip(":："))
    if which is None:
        raise CheckinInputError("states.error.which")
    if which == "reset":
        return which, ()
    return which, parse_state_list(rest)
