"""The running bot's claim on its database: an exclusive lock file that also carries a heartbeat.

`daylog run` holds an flock on `<database>.lock` for as long as it runs. The kernel drops the lock
when the process ends, however it ends (SIGKILL included), so a stale file never blocks anyone.
`daylog restore` takes the same lock, so it cannot overwrite the database of a running bot and a
bot cannot start in the middle of a restore. The bot touches the file every HEARTBEAT_SECONDS
from its event loop, so `daylog health` can tell a live bot from a hung one.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

HEARTBEAT_SECONDS = 30.0
# A healthy loop touches the file every 30 s; three missed beats means it is stuck.
STALE_AFTER_SECONDS = 3 * HEARTBEAT_SECONDS


class DatabaseInUse(RuntimeError):
    """Another process (a running bot or a restore) holds the database's lock."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path} is in use by process {holder or '?'}")


def lock_path(database: Path) -> Path:
    """The lock file that belongs to a database file."""
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def hold_database(database: Path) -> Iterator[Path]:
    """Hold the database's lock (writing our pid into it), or raise DatabaseInUse at once."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Opened without truncating: the holder's pid must stay readable until we own the lock.
    with path.open("a+", encoding="utf-8") as handle:
        if not _try_lock(handle):
            raise DatabaseInUse(database, _read_holder(handle))
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield path
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def running_pid(database: Path) -> str | None:
    """The pid of the process holding the database's lock, or None when no one holds it."""
    path = lock_path(database)
    if not path.exists():
        return None
    with path.open("a+", encoding="utf-8") as handle:
        if _try_lock(handle):
            fcntl.flock(handle, fcntl.LOCK_UN)
            return None
        return _read_holder(handle) or "?"


def heartbeat_age(database: Path, now: float | None = None) -> float | None:
    """Seconds since the holder last touched the lock file, or None if there is no file."""
    path = lock_path(database)
    try:
        touched = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return (time.time() if now is None else now) - touched


async def beat(database: Path, interval: float = HEARTBEAT_SECONDS) -> None:
    """Touch the lock file every `interval` seconds until cancelled (run it as a task)."""
    path = lock_path(database)
    while True:
        # A touch is one small syscall; doing it inline keeps it a true sign of a live loop.
        os.utime(path)
        await asyncio.sleep(interval)


def _try_lock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_holder(handle: IO[str]) -> str:
    handle.seek(0)
    return handle.read().strip()
