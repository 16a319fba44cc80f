"""Progress written in free text: `进度 21/572`, `- 14.3%`, `读完了《…》`, `Read 120/300 of Dune`.

A progress number must close its line (a note in brackets may follow: `145/270 (漏打卡 62 天)`)
and sit after a separator or the word `进度`. Numbers inside prose are never taken: that one rule
keeps out dates (`5/9 的时候`), ranges (`50% ~ 60%`), statistics (`48% 的贫困`) and shares of a
goal (`完成了 1/3`), which real logs are full of. A completion without a number (`读完了《…》`)
is reported with no value, no total and the unit ``percent``: done means 100%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.models import ProgressUnit, ProgressUpdate
from bot.progress.titles import display_title, title_key

_NUM = r"\d+(?:\.\d+)?"
# A count is `value/total`; neither side may continue a longer date such as `2022/12/1`.
_VALUE = (
    rf"(?:(?<![\d/.])(?P<value>{_NUM})\s*/\s*(?P<total>{_NUM})(?![\d/])"
    rf"|(?<![\d.])(?P<pct>{_NUM})\s*[%％])"
)
_UNIT_WORD = r"(?:章节|课时|页|章|课|讲|天|pages?|chapters?|lessons?|days?)"
_UNIT_AFTER = rf"(?:\s*(?P<unit>{_UNIT_WORD})\b)?"
# A total named with its unit elsewhere in the line: `英语流利说「懂你英语」34 课 - 进度 1/34`.
_NUMBER_WITH_UNIT = re.compile(rf"(?<![\d.])({_NUM})\s*({_UNIT_WORD})", re.IGNORECASE)
_NOTE = r"(?:\s*[（(][^()（）]*[)）])?"
_END = r"\s*[。.!！]?\s*$"
# `一周目 2/16`: which read-through this is, said before the number.
_READ_THROUGH = r"(?:[一二三四五六七八九十\d]+\s*周目|第\s*[一二三四五六七八九十\d]+\s*遍)"
_TAIL = rf"{_VALUE}{_UNIT_AFTER}{_NOTE}{_END}"

_WORD_FORM = re.compile(
    rf"^(?P<title>.*?)\s*(?:[-–—:：]\s*)?(?:{_READ_THROUGH}\s*)?(?:阅读|学习)?进度\s*[:：]?\s*"
    rf"(?:大约|大概|约)?\s*{_TAIL}",
    re.IGNORECASE,
)
# A separator, or a closing bracket (`《沙丘》 72%`): a bare space is not enough (`跑到 100%`).
_SEPARATOR_FORM = re.compile(
    rf"^(?P<title>.*?\S)(?:\s+[-–—]\s*|\s*[-–—]\s+|\s*[:：]\s*|(?<=[》」⁆])\s*)"
    rf"(?:{_READ_THROUGH}\s*)?{_TAIL}",
    re.IGNORECASE,
)
_BARE_FORM = re.compile(rf"^(?:{_READ_THROUGH}\s*)?{_TAIL}", re.IGNORECASE)
_READ_FORM = re.compile(
    rf"^(?:i\s+)?(?:have\s+)?(?:read|reading)\s+{_VALUE}{_UNIT_AFTER}\s+(?:of|in)\s+"
    rf"(?P<title>.+?){_END}",
    re.IGNORECASE,
)
# A title that ends in a number is the first half of a range (`30% - 50%`, `1/3 - 2/3`).
_ENDS_IN_NUMBER = re.compile(r"\d\s*(?:[%％]|/\s*\d+)\s*[~～]?$")
_LETTER = re.compile(r"[^\W\d_]")
_UNITS: dict[str, ProgressUnit] = {
    "页": "pages",
    "page": "pages",
    "章": "chapters",
    "章节": "chapters",
    "课时": "lessons",
    "chapter": "chapters",
    "课": "lessons",
    "讲": "lessons",
    "lesson": "lessons",
    "天": "days",
    "day": "days",
}
# Without a unit word, a total over 100 counts pages (no book has 572 chapters); below that it may
# be chapters, lessons or an app's daily sections, so it stays plain units.
_PAGES_ABOVE = 100

# Titles as they stand in a line: `《书》`, `「名」`, or a link (masked to `⁅text⁆` first).
_TITLE = r"(?:《(?P<book>[^《》]+)》|「(?P<corner>[^「」]{1,40})」|⁅(?P<link>[^⁅⁆]+)⁆)"
_TITLE_IN_LINE = re.compile(_TITLE)
_CLOSE = r"(?=\s*(?:$|[，。,.!！;；:：、]))"
_DONE_VERB = r"(?:(?:读|看|学)完了?|完成了?(?:博客|文章)?\s*)"
_DONE_BEFORE = re.compile(rf"{_DONE_VERB}\s*{_TITLE}{_CLOSE}")
_DONE_AFTER = re.compile(rf"{_TITLE}\s*(?:读|看|学)完了{_CLOSE}")
# Finished, with no object: said of the title earlier in the line or, alone, of the parent item.
_DONE_ALONE = re.compile(rf"(?:(?:读|看|学)完了|完成了?[一二三四五六七八九十]周目){_CLOSE}")
_DONE_ALONE_FIRST = re.compile(r"^(?:已经|终于|也|都|总算|算是)?\s*(?:(?:读|看|学)完了)")
# `finished Dune`, `读完 The ANSI C Programming Language`: an unbracketed title must be Latin
# script, since a Chinese object is usually a part (`看完了 I/O 缓冲、文件系统`).
_DONE_LATIN = re.compile(
    r"^(?:(?:读|看|学)完了?|(?:finished|done\s+with|completed)(?:\s+reading)?)\s*"
    r"(?:[A-Za-z][\w .'-]*?\s*的\s*)?"
    r"(?P<latin>[A-Za-z][A-Za-z0-9 ,:;'&?!+#/-]*?)(?=\s*(?:$|[，。,!！;；]|\.(?:\s|$)))",
    re.IGNORECASE,
)
_GROUP_HEADING = re.compile(r"进度\s*[:：]?$")
_CLAUSE_END = re.compile(r"[，,]\s*$")

_BULLET = re.compile(r"^(?:[-*+•·]|\d+[.)])\s+(?:\[[ xX]\]\s*)?")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}")
_COMMENT = re.compile(r"<!--.*?-->")
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<?https?://[^\s>]+>?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_MARKED_LINK = re.compile(r"⁅([^⁅⁆]*)⁆")


@dataclass(frozen=True)
class _Context:
    """What a line tells the lines nested under it: the item it is about, a group heading."""

    item: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class _Count:
    title: str
    value: float
    total: float
    unit: ProgressUnit


# Every form read below has a digit or a word of completion; most entries have neither, and
# this one search saves them the line-by-line reading (the corpus test covers every line).
_MAY_HOLD_PROGRESS = re.compile(r"\d|完|finish|done|complete", re.IGNORECASE)


def parse_progress(text: str) -> list[ProgressUpdate]:
    """Every progress update in one entry's text, in the order written."""
    return [update for _, update in parse_progress_lines(text)]


def parse_progress_lines(text: str) -> list[tuple[int, ProgressUpdate]]:
    """Every progress update with the index of the line (from 0) it was read from."""
    if not _MAY_HOLD_PROGRESS.search(text):
        return []
    found: list[tuple[int, ProgressUpdate]] = []
    stack: list[tuple[int, _Context]] = []
    for index, raw in enumerate(text.splitlines()):
        if not raw.strip():
            continue
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1] if stack else _Context()
        updates, context = _read_line(_clean(raw), parent)
        found.extend((index, update) for update in updates)
        stack.append((indent, context))
    return found


def _read_line(line: str, parent: _Context) -> tuple[list[ProgressUpdate], _Context]:
    """The updates one line holds, and the context it gives the lines under it."""
    count = _count(line)
    if count is not None:
        item = _item(count.title, parent)
        if item is None:
            return [], _Context()
        done = count.value >= count.total
        return [_update(item, count.value, count.total, count.unit, done)], _Context(item=item)
    finished = _finished(line, parent)
    if finished:
        updates = [_update(item, None, None, "percent", True) for item in finished]
        return updates, _Context(item=finished[-1])
    title = display_title(_unmask(line)) or None
    group = title if _GROUP_HEADING.search(line) else None
    return [], _Context(item=title, group=group)


def _update(
    item: str, value: float | None, total: float | None, unit: ProgressUnit, done: bool
) -> ProgressUpdate:
    return ProgressUpdate(
        item=item, key=title_key(item), value=value, total=total, unit=unit, completed=done
    )


def _item(title: str, parent: _Context) -> str | None:
    """The item a count is about: its own title (under its group, if any), else the parent's."""
    if not title.strip() or (_CLAUSE_END.search(title) and not _TITLE_IN_LINE.search(title)):
        # `先看到这，阅读进度大约 50%`: a clause before the number says what was done, not what.
        return parent.item
    name = display_title(_unmask(title))
    if not name or not _LETTER.search(name):
        return None
    return f"{parent.group} / {name}" if parent.group else name


def _count(line: str) -> _Count | None:
    """A count or percent that closes the line, with the title before it."""
    for pattern in (_WORD_FORM, _READ_FORM, _SEPARATOR_FORM, _BARE_FORM):
        match = pattern.match(line)
        if match is not None:
            return _checked_count(match, line)
    return None


def _checked_count(match: re.Match[str], line: str) -> _Count | None:
    """The count a match reads, unless its numbers cannot be progress."""
    title = match.groupdict().get("title") or ""
    if _ENDS_IN_NUMBER.search(title):
        return None
    pct = match.group("pct")
    if pct is not None:
        # Progress is written to a decimal or two; `99.9604%` is a statistic.
        if ("." in pct and len(pct.split(".")[1]) > 2) or float(pct) > 100:
            return None
        return _Count(title=title, value=float(pct), total=100.0, unit="percent")
    value, total = float(match.group("value")), float(match.group("total"))
    if total <= 0 or value > total:
        return None
    unit = _unit(line, match.group("total"), match.group("unit"))
    return _Count(title=title, value=value, total=total, unit=unit)


def _unit(line: str, total: str, word: str | None) -> ProgressUnit:
    """The unit named after the count (`2/13 章`) or with the total (`34 课`), else by size."""
    if word is None:
        named = (m for m in _NUMBER_WITH_UNIT.finditer(line) if float(m[1]) == float(total))
        word = next((m[2] for m in named), None)
    if word is not None:
        return _UNITS[word.lower().removesuffix("s")]
    return "pages" if float(total) > _PAGES_ABOVE else "units"


def _finished(line: str, parent: _Context) -> list[str]:
    """Items the line says are finished, in words."""
    named = [_title_of(m) for m in (*_DONE_BEFORE.finditer(line), *_DONE_AFTER.finditer(line))]
    if named:
        return [item for item in dict.fromkeys(named) if item]
    alone = _DONE_ALONE.search(line)
    if alone is not None:
        before = list(_TITLE_IN_LINE.finditer(line, 0, alone.start()))
        if before:
            return [item] if (item := _title_of(before[-1])) else []
        if _DONE_ALONE_FIRST.match(line) and parent.item:
            return [parent.item]
        return []
    latin = _DONE_LATIN.match(line)
    if latin is not None and (item := display_title(latin.group("latin"))):
        return [item]
    return []


def _title_of(match: re.Match[str]) -> str:
    """The display title of a `《》`, `「」` or link match."""
    if match.group("book"):
        return display_title(f"《{match.group('book')}》")
    if match.group("corner"):
        return display_title(f"「{match.group('corner')}」")
    return display_title(f"[{match.group('link')}]()")


def _clean(raw: str) -> str:
    """The line without its bullet, markup, code and addresses; links kept as `⁅text⁆`."""
    text = _BULLET.sub("", raw.strip())
    for pattern in (_IMAGE, _SHORTCODE, _COMMENT):
        text = pattern.sub("", text)
    text = _CODE.sub(" ", text).replace("**", "")
    text = _LINK.sub(r"⁅\1⁆", text)
    text = _URL.sub(" ", text)
    return _ESCAPE.sub(r"\1", text).strip()


def _unmask(text: str) -> str:
    """Marked links back as Markdown links, for `display_title`."""
    return _MARKED_LINK.sub(r"[\1]()", text)
