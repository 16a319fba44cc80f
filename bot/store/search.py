"""Finding a user's entries by words and tags, and the saved queries that paging buttons name.

Words of three characters or more are looked up in the trigram index (`entry_grams`). A word of
two characters cannot be a trigram query, so it is expanded to the indexed trigrams that start
with it (every two-character substring starts one, see migration 0004) and those are ORed; this
keeps `预算` as exact and as fast as `预算表`. One character, or a two-character word so common
that its expansion is huge, is matched with instr() over the user's own rows instead. Entries a
big import added and the background task has not indexed yet (bot/store/search_index.py) are
looked through with instr() too, so a search finds them from the moment they are in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.models import Entry, Frozen
from bot.store.database import Database
from bot.store.entries import _entry

# Past this many trigrams an OR query costs more than reading the user's rows once.
MAX_EXPANSION = 400
# The newest searches a user keeps for paging; older buttons answer "search again".
KEPT_SEARCHES = 50
_LAST_CODE_POINT = "\U0010ffff"


class SearchPage(Frozen):
    """One page of matching entries, newest first, and how many match in all."""

    entries: list[Entry]
    total: int


class SearchStore:
    """Queries over the trigram index, scoped to one user."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def find(
        self,
        user_id: int,
        words: Sequence[str],
        tags: Sequence[str] = (),
        *,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = 10,
        offset: int = 0,
    ) -> SearchPage:
        """Entries holding every word (case-insensitive) and every `#tag`, newest day first.

        ``limit=None`` returns every hit from ``offset`` on.
        """
        every = [*words, *(f"#{tag}" for tag in tags)]
        expressions = [await self._match_expression(word) for word in every]
        filters: list[str] = []
        filter_parameters: list[object] = []
        for tag in tags:
            # The index finds `#go` inside `#golang` too; a tag ends where its word ends.
            filters.append("(lower(e.text) || ' ') GLOB ?")
            filter_parameters.append(f"*#{_glob_literal(_ascii_lower(tag))}[^a-z0-9_{_CJK_GLOB}]*")
        if since is not None:
            filters.append("e.day >= ?")
            filter_parameters.append(since.isoformat())
        if until is not None:
            filters.append("e.day <= ?")
            filter_parameters.append(until.isoformat())
        matches = [expression for expression in expressions if expression]
        conditions = ["e.user_id = ?"]
        parameters: list[object] = [user_id]
        for word, expression in zip(every, expressions, strict=True):
            if expression is None:
                conditions.append("instr(lower(e.text), ?) > 0")
                parameters.append(_ascii_lower(word))
        parts: list[str] = []
        part_parameters: list[object] = []
        if "" not in expressions:  # else a word is in no indexed entry
            source = "entries e"
            if matches:
                # CROSS JOIN pins the index as the outer loop: left to itself, the planner
                # (without ANALYZE statistics) may walk every entry of the user and ask the
                # index for each.
                source = "entry_grams g CROSS JOIN entries e ON e.id = g.rowid"
                conditions.insert(0, "entry_grams MATCH ?")
                parameters.insert(0, " AND ".join(matches))
            parts.append(_hits(source, [*conditions, *filters]))
            part_parameters += [*parameters, *filter_parameters]
        if matches or "" in expressions:
            # Entries an import added that are not indexed yet (bot/store/search_index.py): a
            # word the index would find is looked for in their text, folded as the index folds.
            unindexed = ["e.user_id = ?"]
            part_parameters.append(user_id)
            for word, expression in zip(every, expressions, strict=True):
                if expression is None:
                    unindexed.append("instr(lower(e.text), ?) > 0")
                    part_parameters.append(_ascii_lower(word))
                else:
                    unindexed.append("instr(search_fold(e.text), ?) > 0")
                    part_parameters.append(word.lower())
            parts.append(
                _hits(
                    "unindexed_entries r CROSS JOIN entries e"
                    " ON e.id BETWEEN r.first_id AND r.last_id",
                    [*unindexed, *filters],
                )
            )
            part_parameters += filter_parameters
        # The clauses are fixed strings chosen above; every value is a ? parameter. The hits are
        # collected as (id, day, created_at) first and only the page's rows are read whole:
        # sorting and counting thousands of full rows took twice as long.
        sql = (
            "WITH hits AS MATERIALIZED ("  # noqa: S608
            f"{' UNION ALL '.join(parts)})"
            " SELECT e.*, (SELECT COUNT(*) FROM hits) AS total FROM ("
            " SELECT id FROM hits ORDER BY day DESC, created_at DESC, id DESC LIMIT ? OFFSET ?"
            ") AS page CROSS JOIN entries e ON e.id = page.id"
            " ORDER BY e.day DESC, e.created_at DESC, e.id DESC"
        )
        # SQLite reads a negative LIMIT as no limit at all.
        rows = await self._db.fetchall(
            sql, [*part_parameters, -1 if limit is None else limit, offset]
        )
        total = int(rows[0]["total"]) if rows else 0
        return SearchPage(entries=[_entry(row) for row in rows], total=total)

    async def texts_with(self, user_id: int, marker: str) -> list[str]:
        """The texts of the user's entries that contain `marker` (for counting tags)."""
        rows = await self._db.fetchall(
            "SELECT text FROM entries WHERE user_id = ? AND instr(text, ?) > 0", (user_id, marker)
        )
        return [row["text"] for row in rows]

    async def save(self, user_id: int, query: str, *, now: datetime) -> int:
        """Keep a query for its paging buttons; returns the id the buttons carry."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO saved_searches (user_id, query, created_at) VALUES (?, ?, ?)",
                (user_id, query, now.isoformat()),
            )
            search_id = cursor.lastrowid
            await cursor.close()
            await connection.execute(
                "DELETE FROM saved_searches WHERE user_id = ? AND id <= ?",
                (user_id, (search_id or 0) - KEPT_SEARCHES),
            )
        assert search_id is not None  # noqa: S101 - an INSERT always sets it
        return search_id

    async def saved(self, user_id: int, search_id: int) -> str | None:
        """A saved query, only if it is this user's."""
        row = await self._db.fetchone(
            "SELECT query FROM saved_searches WHERE id = ? AND user_id = ?", (search_id, user_id)
        )
        return str(row["query"]) if row else None

    async def _match_expression(self, word: str) -> str | None:
        """The FTS5 query for one word; None to match it with instr(); "" when nothing can match."""
        if len(word) >= 3:
            return _phrase(word)
        if len(word) < 2:
            return None
        low = word.lower()
        rows = await self._db.fetchall(
            "SELECT term FROM entry_grams_vocab WHERE term >= ? AND term < ? LIMIT ?",
            (low, low + _LAST_CODE_POINT, MAX_EXPANSION + 1),
        )
        if len(rows) > MAX_EXPANSION:
            return None
        return "(" + " OR ".join(_phrase(row["term"]) for row in rows) + ")" if rows else ""


_CJK_GLOB = "\u3400-\u4dbf\u4e00-\u9fff"


def _hits(source: str, conditions: list[str]) -> str:
    """One part of a search's hits: the matching rows' (id, day, created_at)."""
    return f"SELECT e.id, e.day, e.created_at FROM {source} WHERE {' AND '.join(conditions)}"  # noqa: S608 - fixed clauses


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _ascii_lower(text: str) -> str:
    # SQLite's lower() folds ASCII only; fold the word the same way so both sides agree.
    return "".join(character.lower() if character.isascii() else character for character in text)


def _glob_literal(text: str) -> str:
    return "".join(f"[{character}]" if character in "*?[" else character for character in text)
