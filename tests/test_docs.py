"""The README and .env.example stay in step with the code."""

import re
from pathlib import Path

import click

from bot.cli import cli
from bot.commands import ADMIN_COMMANDS, COMMANDS
from bot.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / ".env.example").read_text(encoding="utf-8")


def readme_section(title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_every_command_is_in_the_readme_table() -> None:
    table = readme_section("Commands")
    documented = set(re.findall(r"^\| `/([a-z_]+)", table, re.M))
    assert documented == {command.name for command in (*COMMANDS, *ADMIN_COMMANDS)}


def test_every_setting_is_documented() -> None:
    table = readme_section("Settings")
    documented = set(re.findall(r"^\| `([A-Z_]+)`", table, re.M))
    variables = {name.upper() for name in Settings.model_fields}
    assert documented == variables
    for variable in variables:
        assert re.search(rf"^{variable}=", ENV_EXAMPLE, re.M), variable


def test_quick_start_has_the_two_commands() -> None:
    quick_start = readme_section("Quick start")
    assert re.findall(r"^make \w+", quick_start, re.M) == ["make run", "make test"]


def test_every_cli_command_is_in_the_readme_table() -> None:
    table = readme_section("Command line")
    documented = re.findall(r"^\| `daylog ([a-z]+)", table, re.M)
    assert documented == cli.list_commands(click.Context(cli))
