"""Splitting answers into Telegram messages at entry boundaries."""

from bot.i18n import Html, escape
from bot.telegram.text import (
    MESSAGE_LIMIT,
    shorten_html,
    split_html,
    split_into_messages,
    visible_length,
)


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


def test_split_html_cuts_at_line_ends_and_keeps_tags_balanced() -> None:
    lines = [f"<b>{n}</b> " + "x" * 90 for n in range(100)]
    text = "<blockquote>" + "\n".join(lines) + "</blockquote>"
    messages = split_html(text, 1000)
    assert len(messages) > 1
    for message in messages:
        assert visible_length(message) <= 1000
        assert message.startswith("<blockquote>") and message.endswith("</blockquote>")
        assert message.count("<b>") == message.count("</b>")
    inner = [m.removeprefix("<blockquote>").removesuffix("</blockquote>") for m in messages]
    assert "\n".join(inner).split("\n") == lines  # cut only where a line ended


def test_split_html_cuts_a_long_line_between_characters_never_in_a_tag_or_entity() -> None:
    text = '<a href="https://example.com/?a=1&amp;b=2">' + "&lt;é😀" * 2000 + "</a>"
    messages = split_html(text)
    assert len(messages) == 2
    for message in messages:
        assert visible_length(message) <= MESSAGE_LIMIT
        assert message.startswith('<a href="https://example.com/?a=1&amp;b=2">')
        assert message.endswith("</a>")
    plain = "".join(m.split(">", 1)[1].removesuffix("</a>") for m in messages)
    assert plain == "&lt;é😀" * 2000


def test_split_html_reads_plain_text_as_is() -> None:
    text = "<b>" * 3000
    assert split_html(text, markup=True) == [text]  # tags only: nothing visible to cut
    messages = split_html(text, markup=False)
    assert [len(m) for m in messages] == [4096, 4096, 9000 - 2 * 4096]


def test_shorten_html_marks_what_it_cut() -> None:
    assert shorten_html("<i>short</i>", 100) == "<i>short</i>"
    shortened = shorten_html("<i>" + "line\n" * 100 + "</i>", 50)
    assert visible_length(shortened) <= 50
    assert shortened.endswith("</i>\n…")
