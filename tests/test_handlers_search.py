"""/search and /tags through the real Application: highlighting, paging, and whose data shows."""

from datetime import UTC, datetime, timedelta

from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
BOB = FakeUser(202, "Bob", "zh-hans")
NOW = datetime(2023, 1, 4, 12, 0, tzinfo=UTC)


async def say(harness: BotHarness, user: FakeUser, text: str, at: datetime = NOW) -> None:
    await harness.feed(harness.api.text_update(user, text, date=at))


async def test_matches_are_highlighted_after_escaping(harness: BotHarness) -> None:
    await say(harness, ALICE, "<b>预算</b> & 网关 a<b")
    await harness.feed(harness.api.command_update(ALICE, "/search 预算", date=NOW))
    sent = harness.api.sent_messages(ALICE.id)[-1]
    assert "<b>预算</b> & 网关 a<b" in sent["text"]
    units = sent["text"].encode("utf-16-le")
    bold = [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in sent.get("entities", [])
        if e["type"] == "bold"
    ]
    assert bold.count("预算") == 1  # in the entry; the header's query is not bold


async def test_paging_buttons_turn_pages_for_the_owner_only(harness: BotHarness) -> None:
    for number in range(12):
        await say(harness, ALICE, f"2022-12-{number + 1:02d}: 网关 {number}")
    await harness.feed(harness.api.command_update(ALICE, "/search 网关", date=NOW))
    first = harness.api.sent_messages(ALICE.id)[-1]
    assert "12 entries · 1–8" in first["text"]
    assert "网关 11" in first["text"]
    assert "网关 3" not in first["text"]
    older = first["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    await harness.feed(harness.api.callback_update(ALICE, first, older))
    turned = harness.api.message(ALICE.id, first["message_id"])
    assert turned is not None
    assert "9–12" in turned["text"]
    assert "网关 0" in turned["text"]
    # Bob presses Alice's button data (forged): he learns nothing.
    await say(harness, BOB, "我的网关")
    await harness.feed(harness.api.command_update(BOB, "/search 网关", date=NOW))
    bobs = harness.api.sent_messages(BOB.id)[-1]
    await harness.feed(harness.api.callback_update(BOB, bobs, older))
    assert "网关 0" not in str(harness.api.message(BOB.id, bobs["message_id"]))
    answers = list(harness.api.callback_answers.values())
    assert "过期" in answers[-1]["text"]
    pressed = len(harness.api.callback_answers)
    await harness.feed(harness.api.callback_update(BOB, bobs, "search:x:1"))
    answers = list(harness.api.callback_answers.values())
    assert len(answers) == pressed + 1
    assert "过期" in answers[-1]["text"]
    assert harness.api.message(BOB.id, bobs["message_id"]) == bobs


async def test_filters_and_usage(harness: BotHarness) -> None:
    await say(harness, ALICE, "2022-12-01: deploy v1")
    await say(harness, ALICE, "2023-01-03: deploy v2")
    await harness.feed(
        harness.api.command_update(ALICE, "/search deploy since last week", date=NOW)
    )
    reply = harness.last_reply(ALICE.id)
    assert "deploy v2" in reply
    assert "deploy v1" not in reply
    await harness.feed(harness.api.command_update(ALICE, "/search deploy until 2022-12", date=NOW))
    assert "deploy v1" in harness.last_reply(ALICE.id)
    assert "deploy v2" not in harness.last_reply(ALICE.id)
    await harness.feed(harness.api.command_update(ALICE, "/search deploy since soon-ish", date=NOW))
    assert "can't read “soon-ish”" in harness.last_reply(ALICE.id)
    await harness.feed(harness.api.command_update(ALICE, "/search", date=NOW))
    assert "What should I look for?" in harness.last_reply(ALICE.id)
    await harness.feed(harness.api.command_update(ALICE, "/search kubernetes", date=NOW))
    assert "Nothing matches kubernetes" in harness.last_reply(ALICE.id)


async def test_tags_are_counted_per_user(harness: BotHarness) -> None:
    for text in ("#reading Dune", "#Reading more, #读书", "see https://x.org/a#frag", "#1 issue"):
        await say(harness, ALICE, text, NOW - timedelta(hours=1))
    await say(harness, BOB, "#secret plan")
    await harness.feed(harness.api.command_update(ALICE, "/tags", date=NOW))
    reply = harness.last_reply(ALICE.id)
    assert "#reading — 2" in reply
    assert "#读书 — 1" in reply
    assert "frag" not in reply
    assert "#1" not in reply
    assert "secret" not in reply
    await harness.feed(harness.api.command_update(ALICE, "/search #reading", date=NOW))
    assert "2 entries" in harness.last_reply(ALICE.id)
