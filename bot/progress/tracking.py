"""Progress across entries: what capture records, and what the item commands do to it.

Capture, import and the command line all call record_progress, so an entry's progress is read
the same way wherever the entry comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from bot.models import (
    Entry,
    ItemStatus,
    ProgressItem,
    ProgressPoint,
    ProgressUnit,
    ProgressUpdate,
)
from bot.progress.listing import ListedItem, Overview, page_slice
from bot.progress.notations import PAGES_ABOVE, parse_progress
from bot.progress.pace import ItemState, Whole, item_state
from bot.progress.titles import find_item, match_item
from bot.store import Store
from bot.store.progress import Joined, UpdateSource
from bot.store.receipts import Receipt


@dataclass(frozen=True)
class Recorded:
    """One update read from an entry, and the item it was filed under."""

    item: ProgressItem
    update: ProgressUpdate


async def record_progress(store: Store, entry: Entry, *, fresh: bool = False) -> list[Recorded]:
    """Read the entry's progress and store it on the entry's day, replacing what it held before.

    Each update joins an item by its key, else by a near-identical key (`match_item`), else
    starts a new item. An entry that holds no progress (any more) just clears its old updates;
    a `fresh` entry (stored just now) has none, so most messages cost no query here at all.
    """
    updates = parse_progress(entry.text)
    if fresh and not updates:
        return []
    by_alias = await store.progress.items_by_alias(entry.user_id) if updates else {}
    source = UpdateSource(entry.user_id, entry.day, entry.created_at, entry.id)
    if fresh and all(update.key in by_alias for update in updates):
        # The common case, an item seen before under this very name: one insert.
        pairs = [(by_alias[update.key], update) for update in updates]
        await store.progress.add_updates(source, pairs)
        items = [item for item, _ in pairs]
        joined = [Joined(update, update.key) for update in updates]
        touched = {item.id for item in items}
    else:
        known = list(by_alias)
        joined = []
        for update in updates:
            join_key = match_item(update.key, known) or update.key
            # Later updates of the same entry may join an item this one creates.
            known.extend(key for key in (join_key, update.key) if key not in known)
            joined.append(Joined(update, join_key))
        items, touched = await store.progress.record(source, joined, fresh=fresh)
    if (
        fresh
        and not any(j.update.completed for j in joined)
        and all(item.status == "active" for item in items)
    ):
        # New progress that finishes nothing on active items leaves every status as it is.
        refreshed = {item.id: item for item in items}
    else:
        refreshed = await _refresh_status(
            store, entry.user_id, touched, revived={item.id for item in items}
        )
    return [
        Recorded(refreshed.get(item.id, item), join.update)
        for item, join in zip(items, joined, strict=True)
    ]


async def delete_entry(store: Store, entry: Entry, receipt: Receipt | None = None) -> bool:
    """Delete one of the user's entries with its progress; False if it was gone already.

    The items the entry had updates on take their status from what is left: when the update
    that finished a book goes, the book is in progress again (in /progress, its detail and
    /done alike). A `receipt` is stored with the deletion (see bot/store/receipts.py).
    """
    touched = await store.progress.item_ids_of_entry(entry.user_id, entry.id)
    if not await store.entries.delete(entry.user_id, entry.id, receipt=receipt):
        return False
    if touched:
        await _refresh_status(store, entry.user_id, touched, revived=set())
    return True


async def overview(store: Store, user_id: int, today: date, page: int = 0) -> Overview:
    """Page ``page`` of /progress: active items (most recently updated first), then finished
    ones (most recently finished first); dropped ones left out. Only the page's items are read
    in full.
    """
    rows = await store.progress.listing(user_id)
    ordered = [row for row in rows if not row.finished] + [row for row in rows if row.finished]
    where = page_slice(len(ordered), page)
    shown = ordered[where.start : where.end]
    points = await store.progress.points_of(user_id, [row.item.id for row in shown])
    listed = [
        ListedItem(
            row.item, item_state(points[row.item.id], today, row.item.target, whole_of(row.item))
        )
        for row in shown
    ]
    active = [one for one, row in zip(listed, shown, strict=True) if not row.finished]
    finished = [one for one, row in zip(listed, shown, strict=True) if row.finished]
    return Overview(active, finished, len(rows) - sum(row.finished for row in rows), where)


async def find(store: Store, user_id: int, query: str) -> ProgressItem | None:
    """The item a user means by ``query``: exact name, then part of a name, then fuzzy."""
    known: dict[str, str] = {}
    owner: dict[str, int] = {}
    for key, item_id, title in await store.progress.names(user_id):
        known.setdefault(key, title)
        owner.setdefault(key, item_id)
    found = find_item(query, known)
    return None if found is None else await store.progress.item(user_id, owner[found])


async def recent_titles(store: Store, user_id: int, limit: int = 5) -> list[str]:
    """The titles of the most recently updated items that are not dropped, for suggestions."""
    items = await store.progress.items(user_id)
    return [item.title for item in items if item.status != "dropped"][:limit]


async def detail(
    store: Store, item: ProgressItem, today: date
) -> tuple[ItemState, list[ProgressPoint]]:
    """Where one item stands, and its history oldest first."""
    points = await store.progress.points(item.user_id, item.id)
    return item_state(points, today, item.target, whole_of(item)), points


def whole_of(item: ProgressItem) -> Whole | None:
    """The total the user gave the item with /total, if any."""
    if item.total is None or item.total_unit is None:
        return None
    return item.total, item.total_unit


async def set_total(
    store: Store, item: ProgressItem, total: float | None, unit: ProgressUnit | None, today: date
) -> tuple[ProgressItem, ItemState]:
    """Give an item its whole (/total), or with None take it away; where it stands after.

    Without a unit the total is in the unit the item is counted in (`第 19 章` makes it
    chapters), else pages above 100 and plain units below, as the parser reads `N/M`.
    """
    points = await store.progress.points(item.user_id, item.id)
    if total is None:
        whole = None
    else:
        counted = [p.unit for p in points if p.unit != "percent" and p.value is not None]
        whole = (total, unit or (counted[-1] if counted else _unit_by_size(total)))
    await store.progress.set_total(item.user_id, item.id, whole)
    updated = item.model_copy(
        update={"total": whole[0] if whole else None, "total_unit": whole[1] if whole else None}
    )
    return updated, item_state(points, today, updated.target, whole)


def _unit_by_size(total: float) -> ProgressUnit:
    # As a bare `N/M` is read: no book has 572 chapters.
    return "pages" if total > PAGES_ABOVE else "units"


async def mark_done(store: Store, item: ProgressItem, today: date, now: datetime) -> bool:
    """Finish an item by hand (an update of no entry, on today); False if already finished."""
    state, _ = await detail(store, item, today)
    if state.finished:
        await store.progress.set_status(item.user_id, item.id, "done")
        return False
    await store.progress.add_completion(UpdateSource(item.user_id, today, now), item)
    return True


async def drop(store: Store, item: ProgressItem) -> bool:
    """Abandon an item: hidden from /progress until progress is logged on it again."""
    if item.status == "dropped":
        return False
    await store.progress.set_status(item.user_id, item.id, "dropped")
    return True


async def merge(store: Store, source: ProgressItem, into: ProgressItem) -> ProgressItem:
    """Join ``source`` into ``into``: its history and names go over; ``into`` keeps its title."""
    await store.progress.merge(into.user_id, source.id, into.id)
    if into.target is None and source.target is not None:
        await store.progress.set_target(into.user_id, into.id, source.target)
    await _refresh_status(store, into.user_id, {into.id}, revived=set())
    merged = await store.progress.item(into.user_id, into.id)
    assert merged is not None  # noqa: S101 - merged into it just now
    return merged


async def _refresh_status(
    store: Store, user_id: int, item_ids: Iterable[int], *, revived: set[int]
) -> dict[int, ProgressItem]:
    """Keep each item's status in step with its updates.

    Finished items are done; new progress on a dropped item means it was picked up again.
    Only the latest update is read (as /progress does): a capture must not cost the item's
    whole history.
    """
    items = await _items(store, user_id, item_ids)
    latest = await store.progress.latest_points(user_id, [item.id for item in items])
    refreshed = {}
    for item in items:
        refreshed[item.id] = item
        last = latest.get(item.id)
        if last is None:
            continue
        status: ItemStatus
        if last.completed:
            status = "done"
        elif item.status == "dropped" and item.id not in revived:
            status = "dropped"
        else:
            status = "active"
        if status != item.status:
            await store.progress.set_status(user_id, item.id, status)
            refreshed[item.id] = item.model_copy(update={"status": status})
    return refreshed


async def _items(store: Store, user_id: int, item_ids: Iterable[int]) -> list[ProgressItem]:
    found = [await store.progress.item(user_id, item_id) for item_id in sorted(set(item_ids))]
    return [item for item in found if item is not None]
