"""Numbers written as words, as counts are: `十三`, `第二十一`, `two`, `twelve`, `IV`.

Chinese numerals go to cn2an and English number words to text2num, both well kept; Roman
numerals (`Part II`) are read here, since they are a dozen lines and no library is worth a
dependency for them. Every reader returns None for anything it cannot read, never raises.
"""

from __future__ import annotations

import re

import cn2an
from text_to_num import text2num

from bot.progress.hints import fold_case

_MOST_DIGITS = 6
_CJK_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百千]{1,8}")
_ROMAN = re.compile(r"[IVXLC]{1,7}")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Words for the small numbers counts use; text2num reads them (and longer ones) exactly.
ENGLISH_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
_ENGLISH = re.compile(rf"(?:{ENGLISH_WORDS})", re.IGNORECASE)


def number_value(text: str) -> int | None:
    """The number a count is written with: digits, Chinese or English words, Roman numerals."""
    text = text.strip()
    if text.isdecimal():
        # Decimal digits of any script, as `\d` reads them (Unicode category Nd).
        return int(text) if len(text) <= _MOST_DIGITS else None
    if _CJK_NUMERAL.fullmatch(text):
        return _chinese(text)
    if _ENGLISH.fullmatch(text):
        return int(text2num(fold_case(text), "en"))
    if _ROMAN.fullmatch(text):
        return _roman(text)
    return None


def _chinese(text: str) -> int | None:
    try:
        # "smart" also reads `两` and digit-by-digit forms such as `一二` (12).
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value)


def _roman(text: str) -> int | None:
    """A Roman numeral's value, or None when it is not written the standard way."""
    total = 0
    for index, letter in enumerate(text):
        value = _ROMAN_VALUES[letter]
        following = _ROMAN_VALUES[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total > 0 and _to_roman(total) == text else None


def _to_roman(number: int) -> str:
    parts = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X")):
        while number >= value:
            parts.append(letters)
            number -= value
    for value, letters in ((9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            parts.append(letters)
            number -= value
    return "".join(parts)
