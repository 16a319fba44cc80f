"""Gathering summaries: the parsed-progress source and its shortcut, over the real logs."""

from bot.parsing.markdown_log import parse_markdown_log
from bot.parsing.progress import parse_progress
from bot.summaries import _MAY_HOLD_PROGRESS
from tests.corpus import HISTORY, SEED, corpus_text


def corpus_texts() -> list[str]:
    texts = [entry.text for entry in parse_markdown_log(corpus_text(HISTORY)).entries]
    return texts + corpus_text(SEED).split("\n\n")


def test_shortcut_never_skips_a_text_that_holds_progress() -> None:
    texts = corpus_texts()
    skipped = [text for text in texts if not _MAY_HOLD_PROGRESS.search(text)]
    assert skipped, "the shortcut should skip something, or it is pointless"
    assert all(parse_progress(text) == [] for text in skipped)
    assert all(parse_progress(line) == [] for text in skipped for line in text.splitlines())
