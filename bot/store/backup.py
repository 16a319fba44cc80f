"""Online backup and restore of the database file with SQLite's backup API.

Both run synchronously: they are called from the command line, never from the bot's event loop.
SQLite's backup API copies a consistent snapshot while the bot keeps writing (WAL lets a reader
and a writer work at once), which a plain file copy of a database in WAL mode does not.

The media files (voice notes, photos, files; bot/media/) travel in the same file: the backup
copy gets a table of them, each checked against the hash that names it, so a backup is still
one SQLite file that integrity_check vouches for, and a restore puts the files back.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class BackupError(RuntimeError):
    """A backup or restore that was not done, and why."""


# The table a backup carries the media files in; a restore takes it out again.
MEDIA_TABLE = "backup_media_files"
# A media file's place under MEDIA_DIR: the user's folder, a shard, the hash (bot/media/files.py).
_MEDIA_PATH = re.compile(r"^u-?\d+/([0-9a-f]{2})/(\1[0-9a-f]{62})$")


@dataclass(frozen=True)
class BackupInfo:
    """What a checked database file holds."""

    path: Path
    schema_version: int
    entries: int
    size_bytes: int
    media_files: int = 0
    media_bytes: int = 0


def backup_database(source: Path, target: Path, media_dir: Path | None = None) -> BackupInfo:
    """Copy `source` (and the files under `media_dir`) to the single file `target`, then check
    it; `target` appears only if good."""
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
            if media_dir is not None:
                _pack_media(dst, media_dir)
        info = check_database(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(
        target,
        info.schema_version,
        info.entries,
        target.stat().st_size,
        info.media_files,
        info.media_bytes,
    )


def restore_database(backup: Path, target: Path, media_dir: Path | None = None) -> BackupInfo:
    """Replace the database at `target` with the checked `backup` (the caller holds its lock),
    and the files under `media_dir` with the backup's (the old folder is kept beside it)."""
    packed = check_database(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _connect(backup) as src, _connect(target) as dst:
        # Through SQLite, not a file copy: the target's WAL and shared memory stay consistent.
        src.backup(dst, pages=-1)
        if media_dir is not None and _has_media_table(dst):
            _unpack_media(dst, media_dir)
        dst.execute(f"DROP TABLE IF EXISTS {MEDIA_TABLE}")
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    info = check_database(target)
    return BackupInfo(
        target,
        info.schema_version,
        info.entries,
        info.size_bytes,
        packed.media_files if media_dir is not None else 0,
        packed.media_bytes if media_dir is not None else 0,
    )


def _pack_media(connection: sqlite3.Connection, media_dir: Path) -> None:
    connection.execute(
        f"CREATE TABLE {MEDIA_TABLE} (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL,"
        " data BLOB NOT NULL)"
    )
    if not media_dir.is_dir():
        return
    for path in sorted(media_dir.rglob("*")):
        relative = path.relative_to(media_dir).as_posix()
        match = _MEDIA_PATH.match(relative)
        if match is None or not path.is_file():
            continue  # folders, and half-written `.partial-` files
        data = path.read_bytes()
        connection.execute(
            f"INSERT INTO {MEDIA_TABLE} (path, sha256, data) VALUES (?, ?, ?)",  # noqa: S608
            (relative, hashlib.sha256(data).hexdigest(), data),
        )


def _unpack_media(connection: sqlite3.Connection, media_dir: Path) -> None:
    if media_dir.exists() and any(media_dir.iterdir()):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        media_dir.rename(media_dir.with_name(f"{media_dir.name}.before-restore-{stamp}"))
    rows = connection.execute(f"SELECT path, data FROM {MEDIA_TABLE}")  # noqa: S608
    for relative, data in rows:
        # Checked by check_database: the path is u<id>/<ab>/<hash> and the bytes match it.
        path = media_dir / relative
        for folder in (media_dir, path.parent.parent, path.parent):
            folder.mkdir(mode=0o700, exist_ok=True)
            folder.chmod(0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)


def _has_media_table(connection: sqlite3.Connection) -> bool:
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MEDIA_TABLE,)
    ).fetchone()
    return row is not None


def _check_media(connection: sqlite3.Connection, path: Path) -> tuple[int, int]:
    """(files, bytes) of the media a backup carries, each checked against its name."""
    if not _has_media_table(connection):
        return 0, 0
    count = size = 0
    rows = connection.execute(f"SELECT path, sha256, data FROM {MEDIA_TABLE}")  # noqa: S608
    for relative, recorded, data in rows:
        match = _MEDIA_PATH.match(str(relative))
        actual = hashlib.sha256(data).hexdigest()
        if match is None or actual != recorded or actual != match[2]:
            raise BackupError(f"{path} holds a damaged media file: {relative}")
        count += 1
        size += len(data)
    return count, size


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
            media_files, media_bytes = _check_media(connection, path)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a daylog database ({error})") from error
    return BackupInfo(
        path, schema_version, entry_count, path.stat().st_size, media_files, media_bytes
    )


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
