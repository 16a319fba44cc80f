"""The catalogues: same keys in every language, parameters escaped, placeholders consistent."""

import string

from bot.commands import COMMANDS
from bot.i18n import CATALOGUES, Html, escape, language_for, t


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys() -> None:
    english, chinese = CATALOGUES["en"], CATALOGUES["zh"]
    assert set(english) - set(chinese) == set()
    assert set(chinese) - set(english) == set()


def test_translations_use_the_same_placeholders() -> None:
    english, chinese = CATALOGUES["en"], CATALOGUES["zh"]
    for key, template in english.items():
        assert placeholders(template) == placeholders(chinese[key]), key


def test_every_command_has_a_description() -> None:
    for command in COMMANDS:
        for catalogue in CATALOGUES.values():
            assert catalogue[command.description_key].strip()


def test_parameters_are_escaped_unless_already_html() -> None:
    rendered = t("en", "undo.deleted", day="<b>", text="a & <script>")
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
    assert "&amp;" in rendered
    kept = t("en", "undo.deleted", day=Html("<b>Mon</b>"), text=escape("x<y"))
    assert "<b>Mon</b>" in kept
    assert "x&lt;y" in kept


def test_language_from_telegram_code() -> None:
    assert language_for("zh-hans") == "zh"
    assert language_for("zh") == "zh"
    assert language_for("en-GB") == "en"
    assert language_for("de") == "en"
    assert language_for(None) == "en"


def test_english_counts_agree_with_their_number() -> None:
    assert t("en", "today.header", day="Mon", count=1).endswith("1 entry")
    assert t("en", "today.header", day="Mon", count=2).endswith("2 entries")
    assert t("zh", "today.header", day="周一", count=1).endswith("1 条")
