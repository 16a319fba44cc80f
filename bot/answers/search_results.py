"""A page of search results as HTML: entries grouped by day, matching words in bold."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import tzinfo
from itertools import groupby

from bot.answers.search import SearchResult
from bot.answers.search_query import SearchQuery
from bot.i18n import Html, escape, t
from bot.models import Entry, Language
from bot.telegram.day_listing import format_day, with_origin

# A page must fit one message (its buttons edit it in place): long entries show a window of
# this many characters around their first match.
SNIPPET = 280
_CONTEXT_BEFORE = 80


def render_results(language: Language, result: SearchResult, *, zone: tzinfo) -> Html:
    """The header and the page's entries, newest day first; a forward says where it came
    from (its first day on the clock of `zone`, the user's)."""
    query = result.query
    label = _query_label(query)
    if not result.page.entries:
        return t(language, "search.none", query=label)
    lines = [
        t(
            language,
            "search.header",
            query=label,
            total=result.page.total,
            first=result.offset + 1,
            last=result.offset + len(result.page.entries),
        )
    ]
    needles = [*query.words, *(f"#{tag}" for tag in query.tags)]
    for day, entries in groupby(result.page.entries, key=lambda entry: entry.day):
        lines.append(Html(f"\n<b>{format_day(language, day)}</b>"))
        lines.extend(
            with_origin(highlight(_snippet(entry, needles), needles), entry, language, zone)
            for entry in entries
        )
    return Html("\n".join(lines))


def highlight(text: str, needles: Sequence[str]) -> Html:
    """`text` escaped, with every case-insensitive occurrence of a needle in <b>.

    Matches are found in the plain text and each piece is escaped on its own, so a needle can
    never match inside an entity (`&amp;`) or produce a tag.
    """
    spans = _merged_spans(text, needles)
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        pieces.append(html.escape(text[position:start], quote=False))
        pieces.append(f"<b>{html.escape(text[start:end], quote=False)}</b>")
        position = end
    pieces.append(html.escape(text[position:], quote=False))
    return Html("".join(pieces))


def _merged_spans(text: str, needles: Sequence[str]) -> list[tuple[int, int]]:
    found = sorted(
        (match.start(), match.end())
        for needle in needles
        if needle
        for match in re.finditer(re.escape(needle), text, re.IGNORECASE)
    )
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(entry: Entry, needles: Sequence[str]) -> str:
    text = entry.text.strip()
    if len(text) <= SNIPPET:
        return text if "\n" in text or text.startswith(("-", "*", "•")) else f"• {text}"
    lowered = text.lower()
    hits = [lowered.find(needle.lower()) for needle in needles]
    first = min((hit for hit in hits if hit >= 0), default=0)
    start = max(0, first - _CONTEXT_BEFORE)
    end = start + SNIPPET
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _query_label(query: SearchQuery) -> Html:
    words = [*query.words, *(f"#{tag}" for tag in query.tags)]
    return escape(" ".join(words))
