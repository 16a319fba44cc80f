"""The chat's import of a 19 MB zip from /export zip: preview, then Import. Prints, never asserts.

The zip holds 150 entries, each linking a 125 KB file (stored, as the export writes them): the
most the chat can download. Printed: the preview's time (read the zip, plan, hold the files with
the pending import), the Import's (files to disk, entries and rows in one transaction), the same
entries without files for comparison (a ratio within this run), and the process's peak memory.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import resource
import tempfile
import time
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from _setup import percentile

from bot.media.files import MediaFiles
from bot.store import Store
from bot.transfer.importing import import_pending, pending_entries, plan_entries, read_file
from bot.transfer.media_archive import MAX_CHAT_UNPACKED_BYTES, read_archive

ENTRIES = 150
FILE_BYTES = 125_000
RUNS = 3


def export_zip(with_files: bool) -> bytes:
    """A zip shaped like /export zip's: the log (entries linking their files) and media/."""
    lines: list[str] = []
    files: dict[str, bytes] = {}
    first = date(2024, 1, 1)
    for number in range(ENTRIES):
        data = os.urandom(FILE_BYTES)
        path = f"media/{hashlib.sha256(data).hexdigest()}.jpg"
        lines.append(f"### {(first + timedelta(days=number)).isoformat()}\n")
        lines.append(f"- whiteboard {number}")
        if with_files:
            lines.append(f"![📷]({path})")
            files[path] = data
        lines.append("")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("daylog-2024-06-01.md", "\n".join(lines))
        archive.writestr("daylog-2024-06-01.json", "{}")
        for path, data in files.items():
            archive.writestr(path, data, zipfile.ZIP_STORED)
    return buffer.getvalue()


async def one_run(folder: Path, number: int, data: bytes) -> tuple[float, float, int]:
    store = await Store.open(folder / f"zip-{number}.sqlite3")
    media = MediaFiles(folder / f"media-{number}")
    now = datetime.now(UTC)
    user = await store.users.ensure(1, chat_id=1, language="en", timezone="UTC", now=now)
    started = time.perf_counter()
    read = await asyncio.to_thread(
        read_file, data, ZoneInfo("UTC"), name="x.zip", max_unpacked=MAX_CHAT_UNPACKED_BYTES
    )
    assert not isinstance(read, str)
    plan = await plan_entries(store, user, read)
    archive = await asyncio.to_thread(read_archive, data, max_unpacked=MAX_CHAT_UNPACKED_BYTES)
    entries = await asyncio.to_thread(pending_entries, plan.read)
    files = archive.files if archive else None
    pending_id = await store.imports.hold(1, "x.zip", entries, now=now, files=files)
    previewed = time.perf_counter()
    pending = await store.imports.pending(1, pending_id)
    assert pending is not None
    outcome = await import_pending(store, user, pending, media=media)
    imported = time.perf_counter()
    await store.close()
    assert outcome is not None and not isinstance(outcome, str)
    return previewed - started, imported - previewed, outcome.files


async def main() -> None:
    with_files, text_only = export_zip(True), export_zip(False)
    with tempfile.TemporaryDirectory() as folder:
        zipped = [await one_run(Path(folder), n, with_files) for n in range(RUNS)]
        plain = [await one_run(Path(folder), RUNS + n, text_only) for n in range(RUNS)]
    preview = percentile([run[0] for run in zipped], 0.5)
    import_ = percentile([run[1] for run in zipped], 0.5)
    plain_import = percentile([run[1] for run in plain], 0.5)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"zip of {len(with_files) / 1024 / 1024:.1f} MB, {ENTRIES} entries, "
        f"{zipped[0][2]} files: preview median {preview:.3f} s, import median {import_:.3f} s "
        f"({import_ / plain_import:.1f} x the same entries without files, {plain_import:.3f} s); "
        f"peak memory {peak_mb:.0f} MB over {RUNS} runs each"
    )


if __name__ == "__main__":
    asyncio.run(main())
