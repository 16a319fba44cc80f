"""What `/search` was asked: words, `#tags`, and `since <when>` / `until <when>` filters."""

from __future__ import annotations

import re
from datetime import date

from bot.models import Frozen
from bot.when import parse_when

# A quoted phrase is one word; anything else splits at whitespace.
_TOKEN = re.compile(r'"([^"]+)"|“([^”]+)”|(\S+)')
_FILTERS = {"since": "since", "until": "until"}
TAG = re.compile(r"(?<![\w&/#])#(\w*[^\W\d]\w*)")
# The longest `since`/`until` phrase read as a date (`the first of January 2023` fits). Longer
# ones are refused unread: the date reader's fallback costs milliseconds per digit-laden word.
MAX_FILTER_PHRASE = 32
# The most words and #tags one search takes: each is a condition of one SQL query, and SQLite
# refuses an expression tree of about a thousand ("Expression tree is too large").
MAX_TERMS = 32
# Control characters (a NUL) are no one's search word; they separate words like spaces.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SearchQuery(Frozen):
    """A parsed query; `since` and `until` are inclusive days."""

    words: tuple[str, ...]
    tags: tuple[str, ...]
    since: date | None = None
    until: date | None = None

    @property
    def empty(self) -> bool:
        """Whether there is nothing to look for (filters alone do not make a search)."""
        return not self.words and not self.tags


class TooManyTerms(Frozen):
    """A query with more words and tags than one search takes."""

    count: int
    limit: int = MAX_TERMS


class BadFilter(Frozen):
    """A `since`/`until` whose date could not be read."""

    keyword: str
    phrase: str


def parse_search(text: str, today: date) -> SearchQuery | BadFilter | TooManyTerms:
    """Read a query; filter phrases run to the next filter keyword or the end."""
    text = _CONTROL.sub(" ", text)
    words: list[str] = []
    filters: dict[str, list[str]] = {}
    current: list[str] | None = None
    for match in _TOKEN.finditer(text):
        token = next(group for group in match.groups() if group is not None)
        keyword = _FILTERS.get(token.lower()) if match[3] else None
        if keyword is not None:
            current = filters.setdefault(keyword, [])
        elif current is not None:
            current.append(token)
        else:
            words.append(token)
    if len(words) > MAX_TERMS:
        return TooManyTerms(count=len(words))
    bounds: dict[str, date] = {}
    for keyword, phrase_words in filters.items():
        phrase = " ".join(phrase_words)
        span = parse_when(phrase, today) if len(phrase) <= MAX_FILTER_PHRASE else None
        if span is None:
            return BadFilter(keyword=keyword, phrase=phrase)
        bounds[keyword] = span.first if keyword == "since" else span.last
    tags = tuple(word[1:] for word in words if TAG.fullmatch(word))
    plain = tuple(word for word in words if not TAG.fullmatch(word))
    return SearchQuery(words=plain, tags=tags, since=bounds.get("since"), until=bounds.get("until"))


def tags_in(text: str) -> list[str]:
    """The `#tags` of a text, as written (a tag has a letter; `#1` and URL fragments are not)."""
    return [match[1] for match in TAG.finditer(text)]
