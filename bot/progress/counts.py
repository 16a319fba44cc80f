"""Counts without a total: `Day 12`, `第 3 章`, `读到了第十九章`, `Chapter 6`, `P40`, `S01E02`.

A count says where someone is in a series (a chapter, a day of a challenge, an episode) when
no total is written. Its item is the title written before it (`《置身事内》第七章`), else the
one after `of` (`Lecture 2 of 18 of CS 156`), else the caller's context (the parent bullet or
heading). Every pattern here is one pass over the line with bounded repeats: linear time.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.models import ProgressUnit
from bot.progress.hints import Hints, fold_case
from bot.progress.numerals import ENGLISH_WORDS, number_value

CJK_UNITS: dict[str, ProgressUnit] = {
    "章": "chapters",
    "节": "sections",
    "讲": "lessons",
    "课": "lessons",
    "集": "episodes",
    "页": "pages",
    "天": "days",
    "周": "weeks",
    "季": "seasons",
    "单元": "units",
    "小节": "sections",
    "部分": "parts",
}
_EN_UNITS: dict[str, ProgressUnit] = {
    "day": "days",
    "chapter": "chapters",
    "chap.": "chapters",
    "ch.": "chapters",
    "lesson": "lessons",
    "lecture": "lessons",
    "lec": "lessons",
    "lec.": "lessons",
    "episode": "episodes",
    "ep.": "episodes",
    "part": "parts",
    "unit": "units",
    "module": "modules",
    "section": "sections",
    "week": "weeks",
    "season": "seasons",
    "course": "courses",
    "page": "pages",
    "pg.": "pages",
    "p.": "pages",
}
_NUMBER = rf"\d{{1,4}}|[IVXLC]{{1,7}}|{ENGLISH_WORDS}"
_CJK_NUMBER = r"\d{1,4}|[零〇一二两三四五六七八九十百]{1,6}"
_MARKS = re.compile(
    # `第 3 章`, `第十三章`, `第一季04` (season one, episode 4)
    rf"第\s?(?P<cn>{_CJK_NUMBER})\s?(?P<cu>单元|部分|小节|[章节讲课集页天周季])(?P<ep>\d{{1,3}})?"
    # `Chapter 6`, `Day01`, `Lecture 2 of 18`, `Part II`, `p. 120`
    rf"|(?<![A-Za-z])(?P<eu>day|chapter|chap\.|ch\.|lesson|lecture|lec\.?|episode|ep\.|part"
    rf"|unit|module|section|week|season|course|page|pg\.|p\.)(?P<plural>s)?\s?#?\s?"
    rf"(?P<en>{_NUMBER})(?:\s?[-–~]\s?(?P<to>\d{{1,4}})(?!\d))?"
    r"(?:/(?P<slash>\d{1,4}))?(?!\w|[/.:]\d|\([a-z0-9]\))(?:\s+of\s+(?P<of>\d{1,4})\b)?"
    # `3 of 10 lessons`, `12 out of 30 chapters`
    r"|(?<![\d./])(?P<nv>\d{1,4})\s(?:of|out\sof)\s(?P<nt>\d{1,4})\s(?P<nu>days|chapters|lessons"
    r"|lectures|episodes|parts|units|modules|sections|weeks|pages|videos)\b"
    # `读完了前五章`, `the first 3 chapters`: read from the start up to there
    rf"|前\s?(?P<fn>{_CJK_NUMBER})\s?(?P<fu>[章集课讲节])"
    rf"|\bfirst\s(?P<en_first>\d{{1,4}}|{ENGLISH_WORDS})\s(?P<eu_first>chapters|episodes|lessons"
    r"|lectures|modules|units|sections|parts|weeks|days)\b"
    # `读到 120 页`, `看到了 56 集`: a position reached, with no `第`
    rf"|(?:读到|看到|学到|追到|听到)了?\s?(?P<rn>{_CJK_NUMBER})\s?(?P<ru>[页章集课讲节])"
    # `the 3rd module`
    r"|\b(?P<on>\d{1,3})(?:st|nd|rd|th)\s+(?P<ou>chapter|lesson|lecture|episode|part|unit"
    r"|module|section|week|day|season)\b"
    # `P40 08-尚硅谷-…` and `…-P9-…`: a part of a video series, after a dash or first
    r"|(?:^|(?<=[-–—]))P(?P<pn>\d{1,4})(?![A-Za-z0-9])"
    # `S01E02`, `Genius.S01E09`, and `S3-07` first on a line
    r"|(?<![A-Za-z])S\d{1,3}E(?P<se>\d{1,3})\b|^(?:[A-Z]+\s)?S\d{1,2}-(?P<sd>\d{1,3})(?![\d-])",
    re.IGNORECASE,
)
# What may follow a Chinese count: the end, a separator, a bracket, or a word of reading;
# `第二天早上` (the next morning) and `第二天一起吃饭` are no count of days.
_CJK_FOLLOW = re.compile(r"$|[\s，,。.、；;:：!！?？(（「《\[⁅—–-]|看|读|学|完|结束|追")
# A chapter may be followed by its name (`第一章前言，…`), but not by what belongs to it:
# `第九章并发的代码` is chapter nine's code.
_CHAPTER_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?=$|[\s，,。.、；;:：!！?？(（])")
_MAX_MARKS = 32
_ROMAN_ONLY = re.compile(r"[IVXLCivxlc]+")
_ROMAN_UNITS = frozenset(
    ("parts", "chapters", "sections", "units", "modules", "seasons", "lessons")
)


class Count(NamedTuple):
    """One count found in a line: its value and unit, a total if `of N` gave one, and where.

    A named tuple, not a frozen dataclass: one is built for every count read, and a frozen
    dataclass took more than twice as long to build (issue 14).
    """

    value: float
    unit: ProgressUnit
    total: float | None
    start: int
    end: int


# Every count `find_counts` or `find_whole` reads holds one of these (a mark, a unit word, a word
# of a total): one cheap search spares a line without any the patterns above (issue 14). A
# form added to `_MARKS` or `_WHOLE` adds its word here; the corpus tests check the two agree.
COUNT_HINTS = (
    *("第", "前", "到", "共", "全", "first", "total", r"in\sall", r"of\s\d", r"[ps]\d", "day"),
    *("chap", r"ch\.", "lesson", "lec", "episode", r"ep\.", "part", "unit", "module", "section"),
    *("week", "season", "course", "page", r"pg\.", r"p\."),
)
_MAY_COUNT = Hints(*COUNT_HINTS)


def find_counts(line: str) -> list[Count]:
    """Every count in a line, in the order written."""
    if not _MAY_COUNT.search(line):
        return []
    found: list[Count] = []
    for seen, match in enumerate(_MARKS.finditer(line)):
        if seen >= _MAX_MARKS:
            return []  # a line of dozens of counts is a table or noise, not a position
        count = _count(match, line)
        if count is not None:
            found.append(count)
    return found


def _count(match: re.Match[str], line: str) -> Count | None:
    start, end = match.span()
    # Each alternative is told by a group of its own, asked by name: building `groupdict()`
    # of all two dozen groups for every count cost more than reading the count.
    group = match.group
    if (cn := group("cn")) is not None:
        found = _chinese(cn, group("cu"), group("ep"), line, end)
    elif group("en") is not None:
        found = _english(match)
    elif (on := group("on")) is not None:
        found = (float(on), _EN_UNITS[fold_case(group("ou"))], None)
    elif group("nv") is not None:
        found = _of_total(match)
    elif (fn := group("fn")) is not None:
        found = _chinese(fn, group("fu"), None, line, end)
    elif (en_first := group("en_first")) is not None:
        value = number_value(en_first)
        word = fold_case(group("eu_first") or "").removesuffix("s")
        unit = _EN_UNITS.get(word, "lessons")
        found = None if value is None else (float(value), unit, None)
    elif (rn := group("rn")) is not None:
        value = number_value(rn)
        found = None if value is None else (float(value), CJK_UNITS[group("ru") or ""], None)
    elif (pn := group("pn")) is not None:
        found = (float(pn), "parts", None)
    else:
        found = (float(group("se") or group("sd")), "episodes", None)
    return None if found is None else Count(found[0], found[1], found[2], start, end)


_Found = tuple[float, ProgressUnit, float | None]


def _chinese(
    number: str, word: str | None, episode: str | None, line: str, end: int
) -> _Found | None:
    """`第十三章`, `第 3 天`, `第一季04`, unless what follows makes it a part or a phrase."""
    unit = CJK_UNITS[word or ""]
    if not _CJK_FOLLOW.match(line, end):
        named = _CHAPTER_NAME.match(line, end)
        if unit not in ("chapters", "sections") or named is None or "的" in named.group():
            return None
    if episode is not None:
        return float(episode), "episodes", None
    value = number_value(number)
    return None if value is None else (float(value), unit, None)


def _of_total(match: re.Match[str]) -> _Found | None:
    """`3 of 10 lessons`: a count with its total, in a unit."""
    value, total = float(match["nv"] or 0), float(match["nt"] or 0)
    word = fold_case(match["nu"] or "").removesuffix("s")
    unit = _EN_UNITS.get(word, "lessons" if word in ("lecture", "video") else "units")
    return None if total <= 0 or value > total else (value, unit, total)


def _english(match: re.Match[str]) -> _Found | None:
    """`Chapter 6`, `Part II`, `Lecture 2 of 18`."""
    number = match["en"] or ""
    unit = _EN_UNITS[fold_case(match["eu"] or "")]
    # Roman numerals only in capitals and for parts of a work: `Part II`, `Chapter IV`; not
    # `part i`, and not `page X` (a page yet to be known).
    if (
        not number.isdigit()
        and _ROMAN_ONLY.fullmatch(number)
        and (not number.isupper() or unit not in _ROMAN_UNITS)
    ):
        return None
    value = number_value(number)
    if match["plural"] and match["to"] is None:
        # `Sections 1, 5 and 8`, `Sections 1 through 9`: a list or a span named, not a position.
        return None
    if value is not None and match["to"] is not None:
        # `chapters 1-3`: the range read so far ends at its last number.
        value = int(match["to"]) if int(match["to"]) > value else None
    # `Day 12/100`, `Lecture 2 of 18`: the total written with the count.
    written = match["slash"] or match["of"]
    total = float(written) if written else None
    if value is None or (total is not None and value > total):
        return None
    return float(value), unit, total


# Words a user may give /total for a unit, besides the ones counts are written with.
_MORE_UNIT_WORDS: dict[str, ProgressUnit] = {
    "%": "percent",
    "percent": "percent",
    "百分比": "percent",
    "pp.": "pages",
    "ep": "episodes",
    "个单元": "units",
    "个部分": "parts",
    "模块": "modules",
    "个模块": "modules",
    "门课": "courses",
    "门": "courses",
    "课程": "courses",
    "讲座": "lessons",
    "episodes": "episodes",
}


def unit_named(word: str) -> ProgressUnit | None:
    """The unit a word names, in English (singular or plural) or Chinese: `pages`, `章`, `集`."""
    word = fold_case(word.strip())
    for table in (CJK_UNITS, _MORE_UNIT_WORDS, _EN_UNITS):
        if word in table:
            return table[word]
    singular = word.removesuffix("s")
    if singular in _EN_UNITS:
        return _EN_UNITS[singular]
    return _EN_UNITS.get(word.removesuffix("es"))


# `共 20 章`, `一共二十章`, `全书 572 页`, `20 chapters in total`, `a total of 12 lessons`: how
# much there is, said with no position. Days and weeks are left out: `共 3 天` is how long
# something took far more often than the length of a challenge.
_WHOLE = re.compile(
    rf"(?:一共|总共|共计|共有|全书|全剧|全套|全课程?|共)\s?(?P<cn>{_CJK_NUMBER})\s?"
    r"(?P<cu>单元|部分|小节|个单元|个部分|个模块|门课|[章节讲课集页季])"
    r"|(?<![\w.])(?:a\s)?total\sof\s(?P<tn>\d{1,5})\s(?P<tu>chapters|pages|episodes|lessons"
    r"|lectures|sections|modules|units|parts|seasons|courses)\b"
    r"|(?<![\d.])(?P<en>\d{1,5})\s(?P<eu>chapters|pages|episodes|lessons|lectures|sections"
    r"|modules|units|parts|seasons|courses)\s(?:in\s(?:total|all)|total)\b",
    re.IGNORECASE,
)


def find_whole(line: str) -> Count | None:
    """How much there is in all, when the line says so (`共 20 章`); its value is that total."""
    match = _WHOLE.search(line) if _MAY_COUNT.search(line) else None
    if match is None:
        return None
    number = match["cn"] or match["tn"] or match["en"] or ""
    word = match["cu"] or match["tu"] or match["eu"] or ""
    value = number_value(number)
    unit = unit_named(word) or ("lessons" if fold_case(word) == "lectures" else None)
    if value is None or value <= 0 or unit is None:
        return None
    return Count(float(value), unit, None, match.start(), match.end())
