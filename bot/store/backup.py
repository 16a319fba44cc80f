"""Online backup and restore of the database file with SQLite's backup API.

Both run synchronously: they are called from the command line, never from the bot's event loop.
SQLite's backup API copies a consistent snapshot while the bot keeps writing (WAL lets a reader
and a writer work at once), which a plain file copy of a database in WAL mode does not.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class BackupError(RuntimeError):
    """A backup or restore that was not done, and why."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked database file holds."""

    path: Path
    schema_version: int
    entries: int
    size_bytes: int


def backup_database(source: Path, target: Path) -> BackupInfo:
    """Copy `source` to the single file `target`, then check it; `target` appears only if good."""
    if not source.exists():
        raise BackupError(f"there is no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with _connect(source) as src, _connect(partial) as dst:
            # pages=-1: one step, so the copy is one snapshot even while the bot writes.
            src.backup(dst, pages=-1)
            # A backup of a WAL database is in WAL mode too; a backup should be one file.
            dst.execute("PRAGMA journal_mode=DELETE")
        info = check_database(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(target, info.schema_version, info.entries, target.stat().st_size)


def restore_database(backup: Path, target: Path) -> BackupInfo:
    """Replace the database at `target` with the checked `backup` (the caller holds its lock)."""
    check_database(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _connect(backup) as src, _connect(target) as dst:
        # Through SQLite, not a file copy: the target's WAL and shared memory stay consistent.
        src.backup(dst, pages=-1)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return check_database(target)


def check_database(path: Path) -> BackupInfo:
    """Run PRAGMA integrity_check and make sure the file is a daylog database."""
    if not path.exists():
        raise BackupError(f"there is no file at {path}")
    try:
        with _connect(path) as connection:
            result = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupError(f"{path} failed integrity_check: {'; '.join(result[:5])}")
            version = connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            entries = connection.execute("SELECT COUNT(*) FROM entries")
            schema_version = int(version.fetchone()[0])
            entry_count = int(entries.fetchone()[0])
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a daylog database ({error})") from error
    return BackupInfo(path, schema_version, entry_count, path.stat().st_size)


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(path, timeout=30)
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def schema_version_of(path: Path, *, read_only: bool = False) -> int:
    """The schema version a database file records (0 for a new or empty file).

    Read-only opens fail (sqlite3.Error) on a file that is not a database, which is what a
    health check wants to know.
    """
    if not path.exists():
        return 0
    target = f"file:{path}?mode=ro" if read_only else str(path)
    with sqlite3.connect(target, uri=read_only, timeout=5) as connection:
        try:
            row = connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        except sqlite3.OperationalError:
            if read_only:
                raise
            return 0  # no schema_migrations yet: a new, empty file
    return int(row[0] or 0)
