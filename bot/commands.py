"""The command list: one source for /help, setMyCommands and the README check."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """A chat command; its description lives in the catalogues as `command.<name>`."""

    name: str

    @property
    def description_key(self) -> str:
        """The catalogue key of the one-line description."""
        return f"command.{self.name}"


# The order is the order users see in /help and in Telegram's menu.
COMMANDS: tuple[Command, ...] = (
    Command("today"),
    Command("undo"),
    Command("lang"),
    # Check-in.
    Command("checkin"),
    Command("checkin_at"),
    Command("timezone"),
    Command("checkin_off"),
    Command("pause"),
    Command("settings"),
    Command("states"),
    Command("goal"),
    Command("problem"),
    Command("help"),
    Command("start"),
)
