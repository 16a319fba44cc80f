"""`daylog search`: /search in a terminal, every match at once. Starts fast: jrnl's users race it.

Only what a search needs is imported here (no Telegram, no matplotlib, and dateparser only for a
`--since`/`--until` phrase daylog's own date reader does not know).
"""

from __future__ import annotations

from pathlib import Path

import click

from bot.answers.search import search_entries
from bot.answers.search_query import BadFilter, TooManyTerms
from bot.answers.search_results import render_results
from bot.cli.plain import to_plain
from bot.cli.session import (
    DATABASE,
    USER,
    cli_caller,
    load_settings,
    open_store,
    resolve_user,
    run_async,
    say,
)


@click.command()
@USER
@DATABASE
@click.option("--since", metavar="WHEN", help="From this day on: 2023-01-02, last week, 上周…")
@click.option("--until", metavar="WHEN", help="Up to this day (inclusive), read like --since.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="At most N entries, newest first."
)
@click.argument("words", nargs=-1, required=True)
def search(  # click passes every option by name
    *,
    user_id: int | None,
    database: Path | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    words: tuple[str, ...],
) -> None:
    """Print the entries holding all WORDS (and #tags), newest first, as /search finds them.

    A quoted argument with spaces is one phrase, as "…" is in the chat.
    """
    settings = load_settings(offline=True, database=database)
    query = search_query(words, since, until)

    async def work() -> str:
        async with open_store(settings) as store:
            user = await resolve_user(store, settings, user_id)
            caller = cli_caller(store, settings, user)
            today = caller.today
            result = await search_entries(store, user.user_id, query, today=today, limit=limit)
            if isinstance(result, BadFilter):
                bad = say(user, "search.bad_filter", phrase=result.phrase, keyword=result.keyword)
                raise click.BadParameter(to_plain(bad), param_hint=f"--{result.keyword}")
            if isinstance(result, TooManyTerms):
                too_many = say(user, "search.too_many", count=result.count, limit=result.limit)
                raise click.UsageError(to_plain(too_many))
            if result.query.empty:
                raise click.UsageError(to_plain(say(user, "search.usage")))
            return to_plain(render_results(user.language, result, zone=caller.zone))

    click.echo(run_async(work))


def search_query(words: tuple[str, ...], since: str | None, until: str | None) -> str:
    """The text /search would be sent for these arguments: phrases quoted, filters at the end."""
    parts = [f'"{word}"' if _is_phrase(word) else word for word in words]
    if since:
        parts += ["since", since]
    if until:
        parts += ["until", until]
    return " ".join(parts)


def _is_phrase(word: str) -> bool:
    return any(character.isspace() for character in word) and '"' not in word
