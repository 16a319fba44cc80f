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
    # Summaries, search, stats, export.
    Command("yesterday"),
    Command("week"),
    Command("month"),
    Command("day"),
    Command("search"),
    Command("tags"),
    Command("stats"),
    Command("export"),
    Command("import"),
    Command("lang"),
    Command("help"),
    Command("start"),
)
