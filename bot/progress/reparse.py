"""Entries read again by the current progress reader: once at start after an upgrade, or by hand.

A user's items keep what the user made of them (/merge, /rename, /target, /total, /done, /drop):
see ReparseStore.reparse for how each update finds its item again.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.progress.notations import READER_VERSION, parse_progress
from bot.progress.titles import match_item
from bot.store import Store
from bot.store.reparses import Reparsed

log = logging.getLogger(__name__)


async def reparse_user(store: Store, user_id: int, now: datetime) -> Reparsed:
    """Read all of one user's entries again, in one transaction; a second run changes nothing."""
    return await store.reparses.reparse(
        user_id, parse_progress, match_item, reader=READER_VERSION, now=now
    )


async def reparse_behind(store: Store, now: datetime) -> dict[int, Reparsed]:
    """Read again the entries of every user last read by an older reader (at start).

    A user whose reading fails keeps what they had (the transaction rolls back) and is tried
    again at the next start; the error is logged, and the others are read and the bot starts:
    one user's odd entry must not keep everyone's bot down.
    """
    # The usual start: everyone was read by this reader already, which one row says, so a
    # start costs the same whatever the number of users.
    if await store.reparses.everyone_read_by() == READER_VERSION:
        return {}
    done, failed = {}, False
    for user_id in await store.reparses.users_behind(READER_VERSION):
        try:
            done[user_id] = await reparse_user(store, user_id, now)
        except Exception:
            failed = True
            log.exception("reading user %d's entries again failed; kept as they were", user_id)
    if not failed:
        await store.reparses.mark_everyone_read_by(READER_VERSION)
    return done
