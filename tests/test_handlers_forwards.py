"""Forwarded messages keep where they came from: shown in /today, /day, /week and /search,
exported in Markdown, JSON and zip, and restored by importing daylog's own export.

Real Update objects through process_update, real SQLite in tmp_path, the fake Bot API.
"""

import json
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from bot.models import Forwarded
from fakebotapi import FakeUser
from fakebotapi.media import tiny_png
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
CAROL = FakeUser(303, "Carol <Chen>", "en", last_name="& Co")
# Late on Christmas Eve in UTC, already Christmas Day in Shanghai, where Alice lives.
FIRST_SENT = datetime(2022, 12, 24, 20, 0, tzinfo=UTC)
MONDAY = datetime(2023, 1, 2, 4, 0, tzinfo=UTC)


async def forward_every_kind(harness: BotHarness, user: FakeUser) -> None:
    """Four forwards of each kind of origin, and a message of the user's own."""
    api = harness.api
    origins: list[tuple[dict[str, Any], dict[str, Any]]] = [
        (api.text_update(user, "a person's tip", date=MONDAY), api.user_origin(CAROL, FIRST_SENT)),
        (
            api.photo_update(user, data=tiny_png(), date=MONDAY),
            api.hidden_user_origin("Dan <i>x</i>", FIRST_SENT),
        ),
        (
            api.text_update(user, "release notes", date=MONDAY),
            api.channel_origin("Go & Weekly", FIRST_SENT, signature="Ann"),
        ),
        (
            api.text_update(user, "读书会的书单", date=MONDAY),
            api.chat_origin("读书会", FIRST_SENT, signature="管理员"),
        ),
    ]
    for update, origin in origins:
        await harness.feed(api.forwarded(update, origin))
    await harness.feed(api.text_update(user, "my own words", date=MONDAY))


async def ask(harness: BotHarness, user: FakeUser, command: str) -> str:
    await harness.feed(harness.api.command_update(user, command, date=MONDAY))
    return harness.last_reply(user.id)


EXPECTED = [
    ("user", "Carol <Chen> & Co", None),
    ("hidden_user", "Dan <i>x</i>", None),
    ("channel", "Go & Weekly", "Ann"),
    ("chat", "读书会", "管理员"),
    None,
]


async def test_every_kind_of_forward_is_kept_with_its_origin(harness: BotHarness) -> None:
    await forward_every_kind(harness, ALICE)
    entries = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    assert [
        (e.forwarded.kind, e.forwarded.name, e.forwarded.signature) if e.forwarded else None
        for e in entries
    ] == EXPECTED
    assert all(e.forwarded.date == FIRST_SENT for e in entries if e.forwarded)


async def test_listings_and_search_say_where_a_forward_came_from(harness: BotHarness) -> None:
    await ask(harness, ALICE, "/timezone Asia/Shanghai")
    await forward_every_kind(harness, ALICE)
    # The day it was first sent, on Alice's clock. Every name was escaped: the fake API parses
    # the HTML as Telegram does, so `<i>` unescaped would be italics, `<Chen>` an error.
    expected = [
        "• a person's tip\n↪️ from Carol <Chen> & Co · 2022-12-25",
        "• 📷\n↪️ from Dan <i>x</i> · 2022-12-25",
        "• release notes\n↪️ from Go & Weekly (Ann) · 2022-12-25",
        "• 读书会的书单\n↪️ from 读书会 (管理员) · 2022-12-25",
    ]
    for command in ("/today", "/day 2023-01-02", "/week"):
        listing = await ask(harness, ALICE, command)
        for line in expected:
            assert line in listing, (command, line)
        assert "• my own words" in listing
        assert listing.count("↪️") == 4
    found = await ask(harness, ALICE, "/search release")
    assert "release notes\n↪️ from Go & Weekly (Ann) · 2022-12-25" in found


async def test_chinese_listings_name_the_origin_in_chinese(harness: BotHarness) -> None:
    await harness.feed(
        harness.api.forwarded(
            harness.api.text_update(BOB, "好文章", date=MONDAY),
            harness.api.channel_origin("少数派", FIRST_SENT, signature="编辑"),
        )
    )
    assert "↪️ 转发自 少数派（编辑）· 2022-12-24" in await ask(harness, BOB, "/today")


async def test_the_json_and_markdown_exports_hold_the_origin(harness: BotHarness) -> None:
    await forward_every_kind(harness, ALICE)
    api = harness.api
    await ask(harness, ALICE, "/export json")
    document = json.loads(api.uploads[-1].data)
    assert [entry.get("forwarded") for entry in document["entries"]] == [
        {"kind": kind, "from": name, "signature": signature, "date": "2022-12-24T20:00:00+00:00"}
        if kind
        else None
        for kind, name, signature in (item or (None, None, None) for item in EXPECTED)
    ]
    await ask(harness, ALICE, "/export md")
    markdown = api.uploads[-1].data.decode()
    assert (
        'release notes\n↪ from "Go & Weekly" signed "Ann" (channel, 2022-12-24T20:00:00+00:00)'
        in markdown
    )


async def test_a_markdown_export_imported_in_the_chat_brings_the_origins_back(
    harness: BotHarness,
) -> None:
    await forward_every_kind(harness, ALICE)
    # A user's own line that looks like an origin stays their words.
    lookalike = '↪ from "Go & Weekly" (channel, 2022-12-24T20:00:00+00:00)'
    await harness.feed(harness.api.text_update(ALICE, f"not a forward\n{lookalike}", date=MONDAY))
    await ask(harness, ALICE, "/export md")
    upload = harness.api.uploads[-1]
    assert upload.file_name is not None
    await import_in_chat(harness, BOB, upload.file_name, upload.data)
    mine = await harness.store.entries.on_day(ALICE.id, MONDAY.date())
    theirs = await harness.store.entries.on_day(BOB.id, MONDAY.date())
    assert [(e.text, e.forwarded) for e in theirs] == [(e.text, e.forwarded) for e in mine]
    assert theirs[-1].text == f"not a forward\n{lookalike}"
    assert theirs[-1].forwarded is None


async def test_a_zip_export_imported_in_the_chat_brings_the_origins_back(
    harness: BotHarness,
) -> None:
    await forward_every_kind(harness, ALICE)
    await ask(harness, ALICE, "/export zip")
    upload = harness.api.uploads[-1]
    assert upload.file_name is not None
    with zipfile.ZipFile(BytesIO(upload.data)) as archive:
        markdown = next(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".md")
        )
    assert "(hidden_user, 2022-12-24T20:00:00+00:00)" in markdown
    await import_in_chat(harness, BOB, upload.file_name, upload.data)
    theirs = await harness.store.entries.on_day(BOB.id, MONDAY.date())
    assert [e.forwarded.name if e.forwarded else None for e in theirs] == [
        item[1] if item else None for item in EXPECTED
    ]
    [photo] = await harness.store.attachments.for_entries(BOB.id, [theirs[1].id])
    assert (theirs[1].text, photo.kind, photo.status) == ("📷", "photo", "stored")
    assert theirs[2].forwarded == Forwarded(
        kind="channel", name="Go & Weekly", date=FIRST_SENT, signature="Ann"
    )


async def import_in_chat(harness: BotHarness, user: FakeUser, name: str, data: bytes) -> None:
    """The user sends the file captioned /import and presses Import."""
    api = harness.api
    await harness.feed(api.document_update(user, name, data, "/import", date=MONDAY))
    preview = api.sent_messages(user.id)[-1]
    button = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await harness.feed(api.callback_update(user, preview, button))
