"""Write a user's whole log as a document: dated Markdown, JSON, CSV or a jrnl journal."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from itertools import groupby
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.models import Entry
from bot.store.attachments import Attachment
from bot.transfer.jrnl import escape_jrnl_text, format_jrnl_time
from bot.transfer.markdown_log import escape_entry_text, forward_line

ExportFormat = Literal["md", "json", "csv", "jrnl"]

JSON_FORMAT = "daylog"
JSON_VERSION = 1
CSV_COLUMNS = ("id", "day", "created_at", "source", "text")
# Spreadsheets run a cell that starts with one of these as a formula (and `- ` starts most
# entries), so such a cell is written with a leading apostrophe, as OWASP advises.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_SUFFIXES: dict[ExportFormat, tuple[str, str]] = {
    "md": ("md", "text/markdown"),
    "json": ("json", "application/json"),
    "csv": ("csv", "text/csv"),
    "jrnl": ("txt", "text/plain"),
}


class ExportFile(BaseModel):
    """A document ready to send: its file name, media type and bytes."""

    model_config = ConfigDict(frozen=True)

    filename: str
    media_type: str
    content: bytes


def export_log(
    entries: Sequence[Entry],
    fmt: ExportFormat,
    *,
    exported_at: datetime,
    tz: tzinfo,
    attachments: Mapping[int, Sequence[Attachment]] | None = None,
) -> ExportFile:
    """The whole log in one format, named after the day of the export in the user's timezone.

    JSON lists each entry's attachments (given by entry id); the other formats hold the text.
    """
    _require_aware(exported_at)
    if fmt == "md":
        content = render_markdown(entries, exported_at=exported_at).encode()
    elif fmt == "json":
        content = render_json(entries, exported_at=exported_at, attachments=attachments).encode()
    elif fmt == "csv":
        content = render_csv(entries)
    else:
        content = render_jrnl(entries, tz=tz).encode()
    suffix, media_type = _SUFFIXES[fmt]
    filename = f"daylog-{exported_at.astimezone(tz):%Y-%m-%d}.{suffix}"
    return ExportFile(filename=filename, media_type=media_type, content=content)


def render_markdown(entries: Sequence[Entry], *, exported_at: datetime) -> str:
    """`### YYYY-MM-DD` sections, newest day first, each day's entries in the order written;
    a forward's origin on the line after its text (forward_line).

    The output reads back with `parse_markdown_log` as the same (day, text, origin).
    """
    _require_aware(exported_at)
    parts = [
        "---",
        "title: daylog",
        f"exported_at: {exported_at.isoformat()}",
        f"entries: {len(entries)}",
        "---",
    ]
    for day, day_entries in _by_day_newest_first(entries):
        parts.append(f"\n### {day.isoformat()}\n")
        parts.append(_render_day(day_entries))
    return "\n".join(parts) + "\n"


def render_json(
    entries: Sequence[Entry],
    *,
    exported_at: datetime,
    attachments: Mapping[int, Sequence[Attachment]] | None = None,
) -> str:
    """A JSON object naming its format and version, holding the entries oldest first; an
    entry with files lists them (kind, name, size, duration, hash, transcript), a forward
    says where it came from."""
    _require_aware(exported_at)
    document = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(),
        "entries": [
            _json_entry(entry, (attachments or {}).get(entry.id, ()))
            for entry in _chronological(entries)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_entry(entry: Entry, attachments: Sequence[Attachment]) -> dict[str, object]:
    item: dict[str, object] = {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "text": entry.text,
        "created_at": entry.created_at.isoformat(),
        "source": entry.source,
    }
    if entry.forwarded is not None:
        item["forwarded"] = {
            "kind": entry.forwarded.kind,
            "from": entry.forwarded.name,
            "signature": entry.forwarded.signature,
            "date": entry.forwarded.date.isoformat(),
        }
    if attachments:
        item["attachments"] = [
            {
                "kind": attachment.kind,
                "file_name": attachment.file_name,
                "mime_type": attachment.mime_type,
                "size": attachment.size,
                "duration": attachment.duration,
                "sha256": attachment.sha256,
                "transcript": attachment.transcript,
                "kept": attachment.status == "stored",
            }
            for attachment in attachments
        ]
    return item


def render_csv(entries: Sequence[Entry]) -> bytes:
    """RFC 4180 CSV, oldest first, as UTF-8 with a byte order mark so Excel reads Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in _chronological(entries):
        cells = (entry.id, entry.day.isoformat(), entry.created_at.isoformat(), entry.source)
        writer.writerow([*cells, _spreadsheet_safe(entry.text)])
    return buffer.getvalue().encode("utf-8-sig")


def render_jrnl(entries: Sequence[Entry], *, tz: tzinfo) -> str:
    """A jrnl journal, oldest first, with times on the user's clock; it reads back the same."""
    return "\n".join(
        _jrnl_entry(format_jrnl_time(_jrnl_time(entry, tz)), escape_jrnl_text(entry.text))
        for entry in _chronological(entries)
    )


def _jrnl_entry(at: str, text: str) -> str:
    # A text that starts on the line below has no title: `[time]` stands alone.
    return f"[{at}]{text}\n" if text.startswith("\n") else f"[{at}] {text}\n"


def _render_day(entries: list[Entry]) -> str:
    """Bullets follow each other line by line; any other entry stands apart as a paragraph."""
    rendered: list[str] = []
    previous_was_bullet = False
    for entry in entries:
        text = escape_entry_text(entry.text)
        if entry.forwarded is not None:
            # After the escaped text: this one line of the entry is not the user's words.
            text = f"{text}\n{forward_line(entry.forwarded)}"
        is_bullet = text.startswith("- ")
        if rendered:
            rendered.append("\n" if is_bullet and previous_was_bullet else "\n\n")
        rendered.append(text)
        previous_was_bullet = is_bullet
    return "".join(rendered)


def _jrnl_time(entry: Entry, tz: tzinfo) -> datetime:
    # jrnl files an entry by its time alone, so when the day an entry is filed under differs
    # from the day it was written (a late note about yesterday), the day wins.
    local = entry.created_at.astimezone(tz)
    return local if local.date() == entry.day else datetime.combine(entry.day, local.timetz())


def _by_day_newest_first(entries: Sequence[Entry]) -> list[tuple[date, list[Entry]]]:
    ordered = sorted(entries, key=lambda entry: entry.day, reverse=True)
    return [(day, _in_order_written(group)) for day, group in groupby(ordered, lambda e: e.day)]


def _chronological(entries: Sequence[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.day, entry.created_at, entry.id))


def _in_order_written(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda entry: (entry.created_at, entry.id))


def _spreadsheet_safe(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a timezone-aware time is needed, got {moment!r}")
