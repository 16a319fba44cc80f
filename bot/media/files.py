"""The media files on disk: one folder per user, each file named by its SHA-256."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.telegram.chat_lanes import ChatLanes

_SHA256 = re.compile(r"[0-9a-f]{64}")
# Only the bot's user may read what people sent it (voice, photos of receipts).
_FILE_MODE = 0o600
_FOLDER_MODE = 0o700


class QuotaExceededError(Exception):
    """Keeping the file would take the user past MEDIA_QUOTA_MB."""

    def __init__(self, used: int, size: int, quota: int) -> None:
        super().__init__(f"{used} + {size} bytes is over the quota of {quota} bytes")
        self.used = used
        self.size = size
        self.quota = quota


@dataclass(frozen=True)
class KeptFile:
    """A file on disk: its hash (its name), its size, and whether it was new."""

    sha256: str
    size: int
    path: Path
    new: bool


class MediaFiles:
    """Content-addressed files under a root folder, per user, with an optional quota.

    Files are named by hash, never by anything a user wrote, so no name can climb out of the
    folder; the same file sent twice by one user is kept once. Each user has a folder of their
    own (`u<id>`), so forgetting a user removes one folder and no one else's file. The disk
    work runs in a thread, off the event loop.
    """

    def __init__(self, root: Path, *, quota_bytes: int | None = None) -> None:
        self.root = root
        self.quota_bytes = quota_bytes
        # One user's saves are serialised, so two albums at once cannot both pass the quota;
        # a user's lock is kept only while they save (not one per user for good).
        self._saving = ChatLanes()

    def user_folder(self, user_id: int) -> Path:
        """The folder of one user's files."""
        return self.root / f"u{int(user_id)}"

    def path_of(self, user_id: int, sha256: str) -> Path:
        """Where a user's file with this hash is (whether or not it exists)."""
        if not _SHA256.fullmatch(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.user_folder(user_id) / sha256[:2] / sha256

    async def save(self, user_id: int, data: bytes) -> KeptFile:
        """Keep `data` for the user; QuotaExceededError if it would not fit."""
        async with self._saving.lane(user_id):
            return await asyncio.to_thread(self._save, user_id, data)

    async def read(self, user_id: int, sha256: str) -> bytes:
        """The bytes of a user's file (FileNotFoundError if it is not kept)."""
        return await asyncio.to_thread(self.path_of(user_id, sha256).read_bytes)

    async def exists(self, user_id: int, sha256: str) -> bool:
        """Whether the user's file is on disk."""
        return await asyncio.to_thread(self.path_of(user_id, sha256).is_file)

    async def remove(self, user_id: int, sha256: str) -> bool:
        """Delete one of the user's files; False if it was not there."""
        path = self.path_of(user_id, sha256)

        def unlink() -> bool:
            try:
                path.unlink()
            except FileNotFoundError:
                return False
            return True

        return await asyncio.to_thread(unlink)

    async def forget_user(self, user_id: int) -> int:
        """Delete every file of the user; return how many there were."""
        folder = self.user_folder(user_id)

        def remove_folder() -> int:
            if not folder.exists():
                return 0
            count = sum(1 for path in folder.rglob("*") if path.is_file())
            shutil.rmtree(folder)
            return count

        return await asyncio.to_thread(remove_folder)

    async def used_bytes(self, user_id: int) -> int:
        """How many bytes the user's files take."""
        return await asyncio.to_thread(_folder_size, self.user_folder(user_id))

    async def total_bytes(self) -> int:
        """How many bytes every user's files take (for /admin_stats)."""
        return await asyncio.to_thread(_folder_size, self.root)

    def _save(self, user_id: int, data: bytes) -> KeptFile:
        sha256 = hashlib.sha256(data).hexdigest()
        path = self.path_of(user_id, sha256)
        if path.is_file():
            return KeptFile(sha256, len(data), path, new=False)
        if self.quota_bytes is not None:
            used = _folder_size(self.user_folder(user_id))
            if used + len(data) > self.quota_bytes:
                raise QuotaExceededError(used, len(data), self.quota_bytes)
        _make_private_folders(self.root, path.parent)
        # Written under a temporary name and renamed: a crash never leaves half a file that
        # carries a hash it does not match.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, _FILE_MODE)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return KeptFile(sha256, len(data), path, new=True)


def _make_private_folders(root: Path, folder: Path) -> None:
    """Create root and the folders down to `folder`; those created are the owner's only."""
    current = root
    for part in ("", *folder.relative_to(root).parts):
        current = current / part if part else current
        try:
            current.mkdir(mode=_FOLDER_MODE, parents=True)
        except FileExistsError:
            continue
        # mkdir's mode is filtered by the umask; chmod makes it exact.
        os.chmod(current, _FOLDER_MODE)


def _folder_size(folder: Path) -> int:
    if not folder.exists():
        return 0
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
