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
    Command("yesterday"),
    Command("week"),
    Command("month"),
    Command("day"),
    Command("search"),
    Command("tags"),
    Command("progress"),
    Command("done"),
    Command("drop"),
    Command("target"),
    Command("total"),
    Command("merge"),
    Command("rename"),
    Command("stats"),
    Command("export"),
    Command("import"),
    Command("undo"),
    Command("transcribe"),
    Command("lang"),
    Command("forget"),
    Command("checkin"),
    Command("checkin_at"),
    Command("timezone"),
    Command("checkin_off"),
    Command("pause"),
    Command("settings"),
    Command("states"),
    Command("goal"),
    Command("problem"),
    Command("workday"),
    Command("reminder"),
    Command("review_day"),
    Command("help"),
    Command("start"),
)

# Only ADMIN_USER_IDS may use these; they are left out of /help and the public menu.
ADMIN_COMMANDS: tuple[Command, ...] = (Command("admin_stats"),)
