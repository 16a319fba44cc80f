"""Search as one plain async function, shared by `/search` and the command line."""

from __future__ import annotations

from collections import Counter
from datetime import date

from bot.answers.search_query import (
    BadFilter,
    SearchQuery,
    TooManyTerms,
    parse_search,
    tags_in,
)
from bot.models import Frozen
from bot.store import Store
from bot.store.search import SearchPage

PAGE_SIZE = 8


class SearchResult(Frozen):
    """A page of a search: what was asked, where the page starts, and what was found."""

    query: SearchQuery
    offset: int
    page: SearchPage


async def search_entries(
    store: Store,
    user_id: int,
    query: str,
    *,
    today: date,
    offset: int = 0,
    limit: int | None = PAGE_SIZE,
) -> SearchResult | BadFilter | TooManyTerms:
    """One page of the user's entries matching `query` (words, #tags, since/until), newest first.

    ``limit=None`` is every match from ``offset`` on (the command line prints them all).
    """
    parsed = parse_search(query, today)
    if isinstance(parsed, BadFilter | TooManyTerms):
        return parsed
    if parsed.empty:
        return SearchResult(query=parsed, offset=offset, page=SearchPage(entries=[], total=0))
    page = await store.search.find(
        user_id,
        parsed.words,
        parsed.tags,
        since=parsed.since,
        until=parsed.until,
        limit=limit,
        offset=offset,
    )
    return SearchResult(query=parsed, offset=offset, page=page)


async def tag_counts(store: Store, user_id: int) -> list[tuple[str, int]]:
    """Each tag with the number of entries that carry it, most used first, then by name."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for text in await store.search.texts_with(user_id, "#"):
        # A tag counts once per entry, whatever its case: #Go and #go are one tag.
        for tag in {tag.casefold(): tag for tag in tags_in(text)}.values():
            spelling.setdefault(tag.casefold(), tag)
            counts[tag.casefold()] += 1
    return sorted(((spelling[key], n) for key, n in counts.items()), key=lambda p: (-p[1], p[0]))
