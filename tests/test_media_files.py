"""The media files on disk: named by hash, private, per user, within a quota, forgettable."""

import asyncio
import hashlib
import stat
from pathlib import Path

import pytest

from bot.media.files import MediaFiles, QuotaExceededError

ALICE, BOB = 1001, 1002


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_a_file_is_named_by_its_hash_and_readable_by_the_owner_only(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path / "media")
    data = b"OggS voice"
    kept = await files.save(ALICE, data)
    assert kept.sha256 == hashlib.sha256(data).hexdigest()
    assert kept.new and kept.size == len(data)
    assert kept.path == tmp_path / "media" / f"u{ALICE}" / kept.sha256[:2] / kept.sha256
    assert kept.path.read_bytes() == data
    assert await files.read(ALICE, kept.sha256) == data
    assert mode(kept.path) == 0o600
    for folder in (tmp_path / "media", kept.path.parent.parent, kept.path.parent):
        assert mode(folder) == 0o700
    # No temporary file is left behind.
    assert [path.name for path in kept.path.parent.iterdir()] == [kept.sha256]


async def test_the_same_file_twice_is_kept_once(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path)
    first = await files.save(ALICE, b"photo")
    again = await files.save(ALICE, b"photo")
    assert (again.sha256, again.new) == (first.sha256, False)
    assert await files.used_bytes(ALICE) == len(b"photo")


async def test_each_user_has_their_own_files(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path)
    alice = await files.save(ALICE, b"same bytes")
    bob = await files.save(BOB, b"same bytes")
    assert alice.path != bob.path
    assert bob.new
    assert await files.exists(BOB, alice.sha256)
    assert not await files.exists(BOB, hashlib.sha256(b"other").hexdigest())


async def test_a_name_that_is_not_a_hash_is_refused(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path)
    for name in ("../../etc/passwd", "a" * 63, "A" * 64, "photo.jpg"):
        with pytest.raises(ValueError, match="SHA-256"):
            files.path_of(ALICE, name)


async def test_the_quota_refuses_a_file_that_does_not_fit(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path, quota_bytes=10)
    await files.save(ALICE, b"123456")
    with pytest.raises(QuotaExceededError) as refused:
        await files.save(ALICE, b"12345")
    assert (refused.value.used, refused.value.size, refused.value.quota) == (6, 5, 10)
    # What fits still goes in, a file already kept costs nothing, and others have their own.
    await files.save(ALICE, b"1234")
    await files.save(ALICE, b"123456")
    await files.save(BOB, b"0123456789")
    assert await files.used_bytes(ALICE) == 10


async def test_saves_at_once_cannot_both_pass_the_quota(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path, quota_bytes=10)
    results = await asyncio.gather(
        files.save(ALICE, b"aaaaaa"), files.save(ALICE, b"bbbbbb"), return_exceptions=True
    )
    assert sum(isinstance(result, QuotaExceededError) for result in results) == 1
    assert await files.used_bytes(ALICE) == 6


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


async def test_no_lock_outlives_its_users_saves(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path, quota_bytes=1000)
    await asyncio.gather(*(files.save(user_id, b"x" * user_id) for user_id in range(1, 51)))
    # One lock per user for good would grow with every user who ever sent a photo.
    assert len(files._saving) == 0


async def test_forgetting_a_user_removes_their_files_and_no_one_elses(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path)
    for data in (b"one", b"two", b"three"):
        await files.save(ALICE, data)
    bob = await files.save(BOB, b"one")
    assert await files.forget_user(ALICE) == 3
    assert not (tmp_path / f"u{ALICE}").exists()
    assert files_under(tmp_path) == [bob.path]
    assert await files.forget_user(ALICE) == 0
    assert await files.total_bytes() == 3


async def test_removing_one_file(tmp_path: Path) -> None:
    files = MediaFiles(tmp_path)
    kept = await files.save(ALICE, b"receipt")
    assert await files.remove(ALICE, kept.sha256)
    assert not kept.path.exists()
    assert not await files.remove(ALICE, kept.sha256)
