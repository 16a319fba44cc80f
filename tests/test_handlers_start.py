"""/start, /help, /lang and the command menu published at start-up."""

from bot.commands import COMMANDS
from fakebotapi import FakeUser
from tests.conftest import BotHarness

ALICE = FakeUser(101, "Alice", "en")
CHEN = FakeUser(303, "陈", "zh-hans")


async def test_start_registers_user_with_telegram_language(harness: BotHarness) -> None:
    await harness.feed(harness.api.command_update(CHEN, "/start"))
    user = await harness.store.users.get(CHEN.id)
    assert user is not None
    assert user.language == "zh"
    assert user.timezone == "UTC"
    assert "你好" in harness.last_reply(CHEN.id)
    await harness.feed(harness.api.command_update(ALICE, "/start"))
    assert "Hi Alice" in harness.last_reply(ALICE.id)


async def test_help_lists_every_command(harness: BotHarness) -> None:
    await harness.feed(harness.api.command_update(ALICE, "/help"))
    reply = harness.last_reply(ALICE.id)
    for command in COMMANDS:
        assert f"/{command.name} —" in reply


async def test_lang_overrides_and_bad_argument_explains(harness: BotHarness) -> None:
    await harness.feed(harness.api.command_update(ALICE, "/lang zh"))
    assert harness.last_reply(ALICE.id) == "好的，之后用中文回复。"
    await harness.feed(harness.api.text_update(ALICE, "写文档"))
    assert "已记到" in harness.last_reply(ALICE.id)
    await harness.feed(harness.api.command_update(ALICE, "/lang fr"))
    assert "/lang zh" in harness.last_reply(ALICE.id)
    user = await harness.store.users.get(ALICE.id)
    assert user is not None and user.language == "zh"


async def test_commands_are_published_in_both_languages(harness: BotHarness) -> None:
    english = harness.api.commands()
    chinese = harness.api.commands(language_code="zh")
    names = [command.name for command in COMMANDS]
    assert [c["command"] for c in english] == names
    assert [c["command"] for c in chinese] == names
    assert english[0]["description"] != chinese[0]["description"]
