"""`daylog` (and `python -m bot`): the bot and its command line; with no command it runs the bot.

Each command's module is imported only when that command runs: `daylog search` is raced against
jrnl as a whole process, and must not pay for Telegram or matplotlib, which other commands need.
"""

from __future__ import annotations

import importlib

import click

from bot import __version__

# Name -> "module:function", in the order `daylog --help` lists them (most used first).
COMMANDS = {
    "run": "bot.cli.operations:run",
    "add": "bot.cli.log:add",
    "today": "bot.cli.log:today",
    "progress": "bot.cli.progress:progress",
    "search": "bot.cli.search:search",
    "export": "bot.cli.transfer:export",
    "import": "bot.cli.transfer:import_",
    "backup": "bot.cli.operations:backup",
    "restore": "bot.cli.operations:restore",
    "migrate": "bot.cli.operations:migrate",
    "reparse": "bot.cli.progress:reparse",
    "health": "bot.cli.operations:health",
}


class _LazyCommands(click.Group):
    """Commands listed in COMMANDS' order and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Command names in the order of COMMANDS."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported now; None for a name daylog does not know."""
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, name = target.split(":")
        command = getattr(importlib.import_module(module), name)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(
    cls=_LazyCommands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="daylog")
@click.pass_context
def cli(context: click.Context) -> None:
    """daylog keeps your daily log in Telegram. With no command, it runs the bot (`daylog run`).

    Settings come from the environment and .env (see the README); commands other than `run`
    need only DATABASE_PATH.
    """
    if context.invoked_subcommand is None:
        run = cli.get_command(context, "run")
        assert run is not None  # noqa: S101 - COMMANDS names it
        context.invoke(run)


def main() -> None:
    """Console entry point."""
    cli(prog_name="daylog")
