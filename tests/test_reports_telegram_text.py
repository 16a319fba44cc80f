"""Splitting answers into Telegram messages at entry boundaries."""

from bot.i18n import Html, escape
from bot.telegram.text import MESSAGE_LIMIT, split_into_messages, visible_length


def test_visible_length_counts_utf16_after_html() -> None:
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2
    assert visible_length("中文") == 2


def test_parts_are_kept_whole_and_under_the_limit() -> None:
    parts = [Html(f"entry {n} " + "x" * 900) for n in range(20)]
    messages = split_into_messages(parts)
    assert len(messages) > 1
    assert all(visible_length(message) <= MESSAGE_LIMIT for message in messages)
    rejoined = "\n".join(messages).split("\n")
    assert rejoined == parts


def test_over_long_part_is_cut_without_losing_text_or_breaking_entities() -> None:
    text = escape("<&>" * 3000)
    messages = split_into_messages([text])
    assert all(visible_length(message) <= MESSAGE_LIMIT for message in messages)
    assert "".join(messages) == text
    for message in messages:
        assert not message.endswith("&") and not message.endswith("&lt")


def test_emoji_count_double() -> None:
    parts = [Html("😀" * 2048), Html("a")]
    messages = split_into_messages(parts)
    assert len(messages) == 2
