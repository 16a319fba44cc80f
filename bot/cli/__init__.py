"""`daylog` (and `python -m bot`): the bot and its command line; with no command it runs the bot."""

from __future__ import annotations

import click

from bot import __version__
from bot.cli import log, operations, transfer


class _InOrder(click.Group):
    """Lists commands in the order they were added, most used first, not alphabetically."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Command names in the order they were added."""
        return list(self.commands)


@click.group(
    cls=_InOrder,
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
        context.invoke(operations.run)


for command in (
    operations.run,
    log.add,
    log.today,
    transfer.export,
    transfer.import_,
    operations.backup,
    operations.restore,
    operations.migrate,
    operations.health,
):
    cli.add_command(command)


def main() -> None:
    """Console entry point."""
    cli(prog_name="daylog")
