"""Progress said aloud, as speech recognition writes it, rewritten to the notations read here.

People speak progress differently from how they type it, and Whisper writes what it hears in
its own way: `Progress on Moby Dick, 72%` (a pause becomes a comma), `page 100 out of 300`,
`72 percent`, `进度百分之七十二`. Each is rewritten to the form a typed entry would have
(`Moby Dick progress 72%`, `page 100 of 300`, `72%`, `进度72%`), then read by the same rules,
so a number inside prose is still never taken. Typed text in these shapes is read the same way.
Each pattern is one pass with bounded repeats (linear time) and never crosses a line break,
so every line keeps its place.
"""

from __future__ import annotations

import re

from bot.progress.numerals import number_value

# `百分之七十二`, `百分之 45`, `百分之百`: a percent said the Chinese way.
_CHINESE_PERCENT = re.compile(r"百分之[ \t]{0,2}([零〇一二两三四五六七八九十百]{1,8}|\d{1,3})")
# `72 percent`, `72 per cent`: the word Whisper sometimes writes instead of the sign.
_PERCENT_WORD = re.compile(r"(?<=\d)[ \t]{0,2}per[ \t]?cent\b", re.IGNORECASE)
# `page 100 out of 300`: the count's total, said as `out of`.
_OUT_OF = re.compile(r"(?<=\d)([ \t]{1,4})out[ \t]{1,4}of([ \t]{1,4})(?=\d)", re.IGNORECASE)
# `Progress on Moby Dick, 72%` (or `: 72%`, or no mark at all): the name between `progress on`
# and a percent or a count that closes the line.
_PROGRESS_ON = re.compile(
    r"^(?P<lead>[ \t]{0,8}(?:[-*+•][ \t]{1,4})?)(?:my[ \t]{1,4})?progress[ \t]{1,4}"
    r"(?:on|in|with|through)[ \t]{1,4}(?P<title>(?!(?:it|this|that|them)\b)[^,，:：;；.。!?\d]"
    # A name, not a clause (`progress on it today was 50%`).
    r"(?:(?!\b(?:was|is|are|were|been|be|am|today|yesterday|tonight|now|at|about|around)\b)"
    r"[^,，:：;；!?]){0,80}?)[ \t]{0,4}[,，:：]?[ \t]{0,4}"
    r"(?=\d{1,7}(?:\.\d{1,4})?[ \t]{0,8}(?:[%％]|/[ \t]{0,8}\d{1,7})"
    r"[ \t]{0,8}[.。!！]?[ \t]{0,8}$)",
    re.IGNORECASE | re.MULTILINE,
)
# A cheap test first: most entries have none of these words.
_MAY_BE_SPOKEN = re.compile(r"百分之|per[ \t]?cent|out[ \t]{1,4}of|progress", re.IGNORECASE)


def as_written(text: str) -> str:
    """The text with progress said aloud rewritten as it is typed; everything else as it was."""
    if not _MAY_BE_SPOKEN.search(text):
        return text
    text = _CHINESE_PERCENT.sub(_chinese_percent, text)
    text = _PERCENT_WORD.sub("%", text)
    text = _OUT_OF.sub(r"\1of\2", text)
    return _PROGRESS_ON.sub(r"\g<lead>\g<title> progress ", text)


def _chinese_percent(match: re.Match[str]) -> str:
    said = match.group(1)
    value = 100 if said == "百" else number_value(said)
    if value is None or value > 100:
        return match.group(0)
    return f"{value}%"
