"""Progress written in free text: `进度 21/572`, `- 14.3%`, `读完了《…》`, `Read 120/300 of Dune`.

A progress number must close its line (a note in brackets may follow: `145/270 (漏打卡 62 天)`)
and sit after a separator or the word `进度`. Numbers inside prose are never taken: that one rule
keeps out dates (`5/9 的时候`), ranges (`50% ~ 60%`), statistics (`48% 的贫困`) and shares of a
goal (`完成了 1/3`), which real logs are full of. A completion without a number (`读完了《…》`)
is reported with no value, no total and the unit ``percent``: done means 100%.

Other people write progress in other shapes, read by the modules beside this one: counts without
a total (`Day 12`, `第 3 章`, `P40`; `counts`) and progress said in a sentence
(`Today I finished X`, `60% done with X`, `lab4写了一半`; `sentences`). A line takes
its item from the lines around when it does not name one: the parent bullet, the heading above,
or the last title named in the same section. The store keeps all of it, counts without a total
included; READER_VERSION says which reading the stored updates came from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple, cast

from bot.models import ProgressUnit, ProgressUpdate
from bot.progress.counts import CJK_UNITS, COUNT_HINTS, Count, find_counts, find_whole
from bot.progress.hints import Hints, fold_case
from bot.progress.sentences import (
    CONTEXT,
    FINISH_HINTS,
    PERCENT_HINTS,
    finished_said,
    percent_said,
)
from bot.progress.spoken import as_written
from bot.progress.titles import display_title, title_key

# Every repeat below is bounded: these forms are tried at each position of a line, and an
# unbounded run (of digits, of spaces) would make that quadratic on hostile input.
_NUM = r"\d{1,7}(?:\.\d{1,4})?"
_S = r"\s{0,8}"
_S1 = r"\s{1,8}"
# A count is `value/total`; neither side may continue a longer date such as `2022/12/1`.
_VALUE = (
    rf"(?:(?<![\d/.])(?P<value>{_NUM}){_S}/{_S}(?P<total>{_NUM})(?![\d/])"
    rf"|(?<![\d.])(?P<pct>{_NUM}){_S}[%％])"
)
_UNIT_WORD = r"(?:章节|课时|页|章|课|讲|天|pages?|chapters?|lessons?|days?)"
_UNIT_AFTER = rf"(?:{_S}(?P<unit>{_UNIT_WORD})\b)?"
# A total named with its unit elsewhere in the line: `英语流利说「懂你英语」34 课 - 进度 1/34`.
_NUMBER_WITH_UNIT = re.compile(rf"(?<![\d.])({_NUM}){_S}({_UNIT_WORD})", re.IGNORECASE)
_NOTE = rf"(?:{_S}[（(][^()（）]{{0,120}}[)）])?"
_END = rf"{_S}[。.!！]?{_S}$"
# `一周目 2/16`: which read-through this is, said before the number.
_READ_THROUGH = (
    rf"(?:[一二三四五六七八九十\d]{{1,4}}{_S}周目|第{_S}[一二三四五六七八九十\d]{{1,4}}{_S}遍)"
)
_TAIL = rf"{_VALUE}{_UNIT_AFTER}{_NOTE}{_END}"
# What every `_VALUE` holds: digits, then a `/` and more digits, or a percent sign.
_HOLDS_VALUE = re.compile(r"\d\s{0,8}(?:/\s{0,8}\d|[%％])")

_WORD_FORM = re.compile(
    rf"^(?P<title>.*?){_S}(?:[-–—:：]{_S})?(?:{_READ_THROUGH}{_S})?(?:(?:阅读|学习)?进度|progress){_S}[:：]?{_S}"
    rf"(?:大约|大概|约)?{_S}{_TAIL}",
    re.IGNORECASE,
)
# A separator, or a closing bracket (`《沙丘》 72%`): a bare space is not enough (`跑到 100%`).
_SEPARATOR_FORM = re.compile(
    rf"^(?P<title>.*?\S)(?:{_S1}[-–—]{_S}|{_S}[-–—]{_S1}|{_S}[:：]{_S}|(?<=[》」⁆]){_S})"
    rf"(?:{_READ_THROUGH}{_S})?{_TAIL}",
    re.IGNORECASE,
)
_BARE_FORM = re.compile(rf"^(?:{_READ_THROUGH}{_S})?{_TAIL}", re.IGNORECASE)
_NAME_ONLY = re.compile(
    r"《[^《》]{1,80}》|「[^「」]{1,40}」|⁅[^⁅⁆]{1,200}⁆"
    r"|[A-Z0-9][\w'’.+#&:-]{0,30}(?:\s(?:[A-Z0-9][\w'’.+#&:-]{0,30}|of|and|the|to|in|for|a|on)){0,10}"
)
_PROGRESS_WORD = re.compile(r"进度|progress", re.IGNORECASE)
# `Odin Project (35%)`: the number in brackets closing the line.
_BRACKET_FORM = re.compile(
    rf"^(?P<title>.*?\S){_S}[（(]{_S}{_VALUE}{_UNIT_AFTER}{_S}[)）]{_END}", re.IGNORECASE
)
_READ_FORM = re.compile(
    rf"^(?:i{_S1})?(?:have{_S1})?(?:read|reading){_S1}{_VALUE}{_UNIT_AFTER}{_S1}(?:of|in){_S1}"
    rf"(?P<title>.+?){_END}",
    re.IGNORECASE,
)
# A title that ends in a number is the first half of a range (`30% - 50%`, `1/3 - 2/3`).
_ENDS_IN_NUMBER = re.compile(r"\d\s{0,8}(?:[%％]|/\s{0,8}\d{1,7})\s{0,8}[~～]?$")
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
PAGES_ABOVE = 100

# Titles as they stand in a line: `《书》`, `「名」`, or a link (masked to `⁅text⁆` first).
_TITLE = r"(?:《(?P<book>[^《》]+)》|「(?P<corner>[^「」]{1,40})」|⁅(?P<link>[^⁅⁆]+)⁆)"
_TITLE_IN_LINE = re.compile(_TITLE)
# Link texts that say where, not what (`[url](…)`, `[here](…)`).
_LINK_WORD = re.compile(
    r"(?i)url|link|here|this|source|repo|code|video|playlist|website|点击|链接|这里|原文|地址|视频"
)
# A line above that can name what `this project` is: a few words, no sentence.
_SHORT_NAME = re.compile(r"[^.。!！?？,，;；]{1,40}")
_ONLY_WIKILINKS = re.compile(r"(?:#\w{1,30}\s{1,4})*(?:⁅⁅[^⁅⁆]{1,200}⁆⁆\s{0,4}){2,8}")
_QUOTED_TITLE = re.compile(r"[\"“]([A-Za-z][^\"“”]{2,60})[\"”]")
_CLOSE = r"(?=\s{0,8}(?:$|[，。,.!！;；:：、]))"
_DONE_VERB = r"(?:(?:读|看|学)完了?|完成了?(?:博客|文章)?\s*)"
# `看完了日剧《X》`: a word for the kind of work may stand between the verb and the title.
_KIND = r"(?:日剧|美剧|韩剧|电影|动画|动漫|番剧|小说|纪录片|课程|专栏|漫画|书)"
_DONE_BEFORE = re.compile(rf"{_DONE_VERB}\s{{0,4}}{_KIND}?\s{{0,4}}{_TITLE}{_CLOSE}")
# `把《X》从头看了一遍`: one whole pass through it.
_WHOLE_PASS = re.compile(rf"把\s{{0,4}}{_TITLE}\s{{0,4}}从头(?:到尾)?(?:看|读|学|过|刷)了?一遍")
# `…看完了它`, `读完了这本书`: finished, said of the title before it.
_DONE_IT = re.compile(r"(?:读|看|学)完了?(?:它|这本书|这本|这部|这门课|这个系列)(?![书的])")
# `读完了这两本书：` with the titles in the bullets under it.
_DONE_THESE = re.compile(
    r"(?:读|看|学)完了?(?:这|以下)(?:[两二三四五几\d]{1,2})?(?:本|部|门)(?:书|小说|课)?\s{0,4}[:：]?\s{0,4}$"
)
_DONE_AFTER = re.compile(rf"{_TITLE}\s*(?:读|看|学)完了{_CLOSE}")
# Finished, with no object: said of the title earlier in the line or, alone, of the parent item.
_DONE_ALONE = re.compile(rf"(?:(?:读|看|学)完了|完成了?[一二三四五六七八九十]周目){_CLOSE}")
_DONE_ALONE_FIRST = re.compile(
    r"^(?:已经|终于|也|都|总算|算是|突击|基本|大致|刚刚?|今天|昨天|晚上){0,2}\s*(?:(?:读|看|学)完了)"
)
# Words that may stand between a title and `看完了` without being what was finished.
_ONLY_SMALL_WORDS = re.compile(
    r"^(?:\s|我|也|都|已经|终于|总算|算是|基本|大致|全部|就|又|才|刚刚?|今天|昨天|晚上|走马观花)*$"
)
# `finished Dune`, `读完 The ANSI C Programming Language`: an unbracketed title must be Latin
# script, since a Chinese object is usually a part (`看完了 I/O 缓冲、文件系统`).
_DONE_LATIN = re.compile(
    r"^(?:读|看|学)完了?\s*"
    r"(?:[A-Za-z][\w .'-]*?\s*的\s*)?"
    r"(?P<latin>[A-Za-z][A-Za-z0-9 ,:;'&?!+#/-]*?)(?=\s{0,8}(?:$|[，。,!！;；]|\.(?:\s|$)))",
    re.IGNORECASE,
)
_GROUP_HEADING = re.compile(r"进度\s*[:：]?$")
_CLAUSE_END = re.compile(r"[，,]\s*$")
_CLAUSE_COMMA_SPLIT = re.compile(r"[，,]")
_READ_OBJECT = re.compile(
    r"^\s*(?:继续|开始|接着|今天|又)?\s*(?:阅读|学习|读|看|学|刷)了?\s*(?P<name>(?![到完这那])\S.{0,60})$"
)

_BULLET = re.compile(r"^(?:[-*+•·]|\d+[.)])\s+(?:\[[ xX]\]\s*)?")
_IMAGE = re.compile(r"!\[[^\[\]]{0,300}\]\([^()]{0,2000}\)")
# Hugo shortcodes and HTML comments: `re.sub(r"\{\{[<%].{0,500}?[>%]\}\}", "", line)` and
# `<!--.{0,500}?-->`, done by `_without_spans` (that regex reads 500 characters on from each
# of 1,300 `{{<` in a row).
_SHORTCODE = (("{{<", "{{%"), (">}}", "%}}"))
_COMMENT = (("<!--",), ("-->",))
_SPAN_REACH = 500
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()]{0,2000}\)")
# `[[page]]` and `[[page|shown name]]` (Obsidian, Logseq, Foam): the name shown is the title.
_WIKILINK = re.compile(r"\[\[(?:[^\[\]|]{1,200}\|)?([^\[\]|]{1,200})\]\]")
_HTML_TAG = re.compile(
    r"<br\s{0,4}/?>|</?(?:p|img|div|details|summary|center|span|font|sup|sub)\b[^<>]{0,200}>", re.I
)
_URL = re.compile(r"<?https?://[^\s>]+>?")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$])")
_MARKED_LINK = re.compile(r"⁅([^⁅⁆]*)⁆")


class _Context(NamedTuple):
    """What a line tells the lines under it: the item it is about, a group heading, a plan.

    ``heading`` marks a Markdown heading, whose item only a line with no title of its own takes;
    ``plan`` marks today's tasks (`今日任务`, `TODO`), where only a finished thing is progress.
    """

    item: str | None = None
    group: str | None = None
    heading: bool = False
    plan: bool = False
    finishes_children: bool = False


@dataclass(frozen=True)
class _Count:
    title: str
    value: float
    total: float
    unit: ProgressUnit


# Every form read below has a digit, a number word or a word of completion; most entries have
# none, and this one search saves them the line-by-line reading (the corpus tests cover it all).
_MAY_HOLD_PROGRESS = Hints(
    *(r"\d", "完", "一半", "一遍", "第", "共", "全书", "finish", "done", "complete", "wrapped"),
    *("remaining", "half", "made it", "part", "chapter", "lesson", "lecture", "episode", "unit"),
    *("module", "section", "season", "week", "day"),
)
# What `_finished` needs, one of: a line without any says nothing is finished.
_MAY_FINISH = Hints("完", "一遍", *FINISH_HINTS)
# A line holds progress only with one of these: a number that closes it (`/`, `%`), a finish
# (`完`, `一遍`) or what the count and sentence readers look for. Every other line is only
# asked, later and maybe never, what it names (`_Told`).
_LINE_HINTS = ("[/%％]", "完", "一遍", *COUNT_HINTS, *FINISH_HINTS, *PERCENT_HINTS)
_LINE_MAY_HOLD = Hints(*_LINE_HINTS)
# A line as written without any of these is its cleaned self (`_clean`) give or take a bullet
# and spaces, so it holds progress only if it holds one of the marks above.
_LINE_MAY_HOLD_OR_MARKUP = Hints(*_LINE_HINTS, r"\[", r"\{\{", "<", "`", r"\*\*", "://", r"\\")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_ROW = re.compile(r"^\s*\|")
# A heading that is only a date (`## 200704`, `### 2022-05-09 - 2022-05-11`, `# 2023年5月1日`)
# names no item.
_DATE_ONLY = re.compile(r"^[\d\s年月日号/.:~～\-–—至to]*$", re.IGNORECASE)
_SEGMENTS = re.compile(r"\s+\|\s+")
_PLAN = re.compile(
    r"^\W{0,8}(?:今日任务|今天的任务|任务|计划|明日计划|明天|待办|todo|to\s?do|plans?|next)\b",
    re.IGNORECASE,
)
_OPEN_TASK = re.compile(
    r"^\s*(?:[-*+]\s+)?\[\s\]|^\s*(?:[-*+]\s+)?\**todo\b|\bTODO\s*$", re.IGNORECASE
)
# An intention is not progress (`day 5? hope to do it today`, `need to finish X`).
_INTENT = re.compile(
    r"\b(?:hope|hoping|need|needs|plan|planning|will|going)\s+to\b|\?\s|打算|准备|明天(?:再|读|看|学|继续|接着)",
    re.IGNORECASE,
)
# Skimming is not reading through (`快速浏览了《…》第十章`).
_SKIM = re.compile(r"浏览|翻了翻|翻看|扫了|skimm?ed|browsed", re.IGNORECASE)
_DONE_WORD = re.compile(r"完|finish|done|complete", re.IGNORECASE)
# Raised whenever a change to the reading should reach entries stored before it: at start, the
# bot reads again the entries of every user last read by an older version (bot/progress/reparse.py).
# 1: `N/M`, `N%` and finishes; 2: counts without a total, sentences, the item from context;
# 3: progress said aloud (bot/progress/spoken.py).
READER_VERSION = 3


def parse_progress(text: str) -> list[ProgressUpdate]:
    """Every progress update in one entry's text, in the order written."""
    return [update for _, update in parse_progress_lines(text)]


def parse_progress_lines(text: str) -> list[tuple[int, ProgressUpdate]]:
    """Every progress update with its line index (from 0); counts without a total included."""
    return read_progress_lines(text)


def read_progress_lines(text: str) -> list[tuple[int, ProgressUpdate]]:
    """Every progress update with the index of the line (from 0) it was read from."""
    text = as_written(text)
    if not _MAY_HOLD_PROGRESS.search(text):
        return []
    found: list[tuple[int, ProgressUpdate]] = []
    stack: list[tuple[int, _Told]] = []
    # The last title named in the section: `recent`, or one named by the lines read since,
    # which are asked (the last first) only when a line needs it.
    recent: str | None = None
    since: list[_Told] = []
    # The last item counted in each unit: a count with nothing around to name its item
    # (`Chapter 3: …` days after `Started with chapter 2` of a book) goes on with it.
    counted: dict[str, str] = {}
    # What a line says by itself, for a line written again (a pasted list, a flood of one line).
    seen: dict[str, _Reading | None] = {}
    # What a count alone on its line is about, in each context and unit (`_read_line`).
    about: dict[_AboutKey, str | None] = {}
    fenced = False
    for index, raw in _logical_lines(text):
        stripped = raw.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not stripped or stripped.startswith("|"):
            continue
        heading = _HEADING.match(raw) if raw.startswith("#") else None
        # A heading of level n sits above everything until the next heading of level n or less:
        # negative depths keep it under every bullet and over the lower headings.
        lead = len(raw) - len(stripped)
        indent = len(heading.group(1)) - 10 if heading else _indent(raw, lead) if lead else 0
        sibling: _Told | None = None
        while stack and stack[-1][0] >= indent:
            popped_indent, popped = stack.pop()
            sibling = popped if popped_indent == indent else sibling
        parent = stack[-1][1] if stack else _TOP
        updates: list[ProgressUpdate] = []
        if heading:
            recent, since = None, []
            told = _Told.of_heading(heading.group(2).rstrip("# \t"), parent)
            updates = _heading_updates(told, parent.context, counted)
        elif (
            raw not in seen
            and (lone := _LONE_COUNT.fullmatch(stripped))
            and not (parent.plan or parent.finishes_children)
        ):
            # `第12章`, `Day 12`, `P12-` with nothing else: a numbered list (`_read_lone`).
            recent = _last_named(recent, since) if since else recent
            updates, context = _read_lone(
                raw, lone, _place(parent, sibling, recent, counted), seen, about
            )
            told = _Told(
                parent.plan,
                line=lone["line"],
                context=context,
                named=updates[-1].item if updates else None,
            )
            since = [told]
        elif (reading := _look_at(raw, seen, listed=parent.finishes_children)) is None:
            # Most lines: no progress and no markup; what they name is worked out if asked.
            told = _Told(parent.plan, raw=raw)
            since.append(told)
        elif not (parent.finishes_children or reading.may_hold):
            told = _Told(parent.plan, line=reading.line)
            since.append(told)
        else:
            recent = _last_named(recent, since) if since else recent
            updates, context = _read_line(reading, _place(parent, sibling, recent, counted), about)
            # What this line names for the next: the item its progress is about, else its title
            # (`第一章「导览」` names chapter one, not an item).
            told = _Told(
                parent.plan,
                line=reading.line,
                context=context,
                named=updates[-1].item if updates else None,
            )
            since = [told]
        for update in updates:
            found.append((index, update))
            if update.value is not None and update.total is None:
                counted[update.unit] = update.item
        stack.append((indent, told))
    return found


class _Reading:
    """What a line says by itself, whatever is around it: cleaned, and read if it may hold
    progress (a closing count, counts and finishes in words), each part once.

    What it says in its place is kept too, by what `_read_line` asks of the lines around: a
    line written again under the same context reads the same (4,096 characters of `第1章`
    lines took 9 ms when each was read again; issue 14).
    """

    __slots__ = (
        "_count",
        "_done_these",
        "_open_task",
        "_says_done",
        "_words",
        "line",
        "may_hold",
        "raw",
        "read",
    )

    def __init__(self, raw: str, line: str) -> None:
        self.raw = raw
        self.line = line
        self.may_hold = _LINE_MAY_HOLD.search(line)
        # What it was found to say in each context it was read in (`_read_line`).
        self.read: dict[tuple[object, ...], _LineRead] = {}
        # Each part below is read the first time it is asked (`_UNREAD` until then); plain
        # slots, since a `cached_property` took a lock on every first reading.
        self._open_task: bool | None = None
        self._says_done: bool | None = None
        self._done_these: bool | None = None
        self._count: _Count | object | None = _UNREAD
        self._words: _Words | object | None = _UNREAD

    @property
    def open_task(self) -> bool:
        """A task still to do (`- [ ] …`, `TODO`): what it names is not done yet."""
        if self._open_task is None:
            # Every open task holds a `[` or the word `todo`: most lines are spared the pattern.
            raw = self.raw
            may = "[" in raw or "todo" in raw.lower()
            self._open_task = may and _OPEN_TASK.search(raw) is not None
        return self._open_task

    @property
    def says_done(self) -> bool:
        """A word of completion (`_DONE_WORD`)."""
        if self._says_done is None:
            self._says_done = _DONE_WORD.search(self.line) is not None
        return self._says_done

    @property
    def done_these(self) -> bool:
        """`读完了这两本书：`, with the titles in the bullets under it (`_DONE_THESE`)."""
        if self._done_these is None:
            self._done_these = "完" in self.line and _DONE_THESE.search(self.line) is not None
        return self._done_these

    @property
    def count(self) -> _Count | None:
        """The count or percent that closes the line (`_count`)."""
        if self._count is _UNREAD:
            self._count = _count(self.line)
        return cast("_Count | None", self._count)

    @property
    def words(self) -> _Words | None:
        """What the line says in words (`_words`)."""
        if self._words is _UNREAD:
            self._words = _words(self.line)
        return cast("_Words | None", self._words)


_UNREAD = object()


def _look_at(raw: str, seen: dict[str, _Reading | None], *, listed: bool) -> _Reading | None:
    """The reading of a line as written; None for one without a hint or markup, which holds no
    progress and is cleaned only if a line after it asks what it names, unless it is `listed`
    under `读完了这两本书：` (then its title is a finished item)."""
    if raw not in seen:
        may_hold = _LINE_MAY_HOLD_OR_MARKUP.search(raw)
        seen[raw] = _Reading(raw, _clean(raw)) if may_hold else None
    reading = seen[raw]
    return _Reading(raw, _clean(raw)) if reading is None and listed else reading


def _last_named(recent: str | None, since: list[_Told]) -> str | None:
    """The last title named by the lines `since`, else `recent`."""
    for told in reversed(since):
        if named := told.named:
            return named
    return recent


class _Told:
    """What a line tells the lines after it, each part worked out the first time it is asked.

    Most lines hold no progress and no line after them asks what they name: working out every
    line's title at once made 4,096 characters of short lines take ~35 ms (issue 14). A line is
    kept as written (`raw`) or cleaned (`line`); a heading with the context above it (`parent`).
    """

    __slots__ = (
        "_context",
        "_heading",
        "_line",
        "_named",
        "_named_known",
        "_parent",
        "_raw",
        "finishes_children",
        "plan",
    )

    def __init__(
        self,
        plan: bool,
        *,
        raw: str | None = None,
        line: str | None = None,
        context: _Context | None = None,
        named: str | None = None,
        heading: str | None = None,
        parent: _Told | None = None,
    ) -> None:
        self.plan = plan
        self.finishes_children = context is not None and context.finishes_children
        self._raw = raw
        self._line = line
        self._context = context
        self._named = named
        # A heading names nothing for the line after it; a line named what its progress is about.
        self._named_known = named is not None or (raw is None and line is None)
        self._heading = heading
        self._parent = parent

    @classmethod
    def of_heading(cls, text: str, parent: _Told) -> _Told:
        """A heading's context: whether it opens a plan is known at once, the rest later."""
        return cls(parent.plan or bool(_PLAN.match(text)), heading=text, parent=parent)

    @property
    def line(self) -> str:
        """The line cleaned (for a heading, its text cleaned)."""
        if self._line is None:
            self._line = _clean(self._heading if self._heading is not None else self._raw or "")
        return self._line

    @property
    def context(self) -> _Context:
        """What the line tells the lines under it (`_Context`)."""
        if self._context is None:
            if self._heading is not None and self._parent is not None:
                self._context = _heading_context(self._heading, self._parent.context)
            else:
                self._context = _line_context(self.line, self.plan)
        return self._context

    @property
    def named(self) -> str | None:
        """The last title written in the line, for the line after it."""
        if not self._named_known:
            self._named_known = True
            # Every title `_last_title` finds opens with one of these marks, and cleaning a
            # line only turns `[` into `⁅`: a line as written without them names nothing.
            seen = self._line if self._line is not None else self._raw or ""
            if _MAY_NAME.search(seen):
                self._named = _last_title(self.line)
        return self._named


_TOP = _Told(False, context=_Context())
_MAY_NAME = re.compile(r"[《「⁅\[\"“]")


def _line_context(line: str, plan: bool) -> _Context:
    """What a line with no progress tells the lines under it: the item its title names."""
    tags = _ONLY_WIKILINKS.fullmatch(line)
    # `[[yoga]] [[move]]`: a line of page links names the category first, the thing last.
    title = (_MARKED_LINK.findall(tags.group(0))[-1].strip("⁅⁆") if tags else None) or (
        display_title(_unmask(line)) or None
    )
    group = title if _GROUP_HEADING.search(line) else None
    return _Context(item=title, group=group, plan=plan)


_CONTINUATION = re.compile(r"^\s*(?:[-*+•·#>|]|\d+[.)]\s|`{3}|~{3})")
_OPEN_MARKS = (("《", "》"), ("[", "]"), ("“", "”"), ("「", "」"))
_OPEN_MARK = re.compile(r"[《\[“「]")
_MAX_WRAPPED = 3


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """The lines of `text`, a title hard-wrapped across lines joined back, each with its first
    index.

    A line that leaves a `《`, `[`, `“` or `「` open takes the next lines (not a bullet, a
    heading or a blank) until it closes, at most three of them.
    """
    lines = text.splitlines()
    if not _OPEN_MARK.search(text):
        return list(enumerate(lines))
    joined: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        line, start = lines[index], index
        index += 1
        while (
            index < len(lines)
            and index - start <= _MAX_WRAPPED
            and _OPEN_MARK.search(line)
            and any(line.count(a) > line.count(b) for a, b in _OPEN_MARKS)
            and lines[index].strip()
            and not _CONTINUATION.match(lines[index])
        ):
            glue = "" if _HAS_CJK_END.search(line) else " "
            line = line.rstrip() + glue + lines[index].strip()
            index += 1
        joined.append((start, line))
    return joined


_HAS_CJK_END = re.compile(r"[\u3400-\u9fff《「“]\s*$")


def _indent(raw: str, lead: int) -> int:
    """How deep a line sits: its `lead` leading blanks, a tab counting to the next multiple of 4."""
    if "\t" not in raw[:lead]:
        return lead
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _heading_context(text: str, parent: _Context) -> _Context:
    """What a heading tells the lines under it: the item it names, whether they are a plan."""
    plan = parent.plan or bool(_PLAN.match(text))
    if _PLAN.match(text) or "完成" in text or _DATE_ONLY.match(text):
        # `今日完成` and `今日任务` are sections of a day, not items.
        return _Context(item=parent.item, plan=plan, heading=True)
    names = [
        name
        for segment in _SEGMENTS.split(_clean(text))
        if not find_counts(segment) and (name := display_title(_unmask(segment)))
    ]
    # `Digging Deeper | NUMPY | Day 46` names two things: which one a count is about is unsaid.
    item = names[0] if len(names) == 1 else (None if names else parent.item)
    return _Context(item=item, heading=True, plan=plan)


def _heading_updates(
    heading: _Told, parent: _Context, counted: Mapping[str, str]
) -> list[ProgressUpdate]:
    """`## Topic | Day 12`, `## Day 3`: a heading's counts, each segment read alone (none in
    a plan's heading)."""
    updates: list[ProgressUpdate] = []
    if heading.plan or not _LINE_MAY_HOLD.search(heading.line):
        return updates
    for segment in _SEGMENTS.split(heading.line):
        updates.extend(_counts(segment, parent, None, counted))
    return updates


_LineRead = tuple[list[ProgressUpdate], _Context | None]
# What a count alone is about is read once for each context (`_about_key`) and unit.
_AboutKey = tuple[tuple[object, ...], ProgressUnit]


def _read_line(reading: _Reading, place: _Place, about: dict[_AboutKey, str | None]) -> _LineRead:
    """The updates one line holds, and the context it gives the lines under it.

    The context is None when it is the line's own (`_line_context`), left for when it is asked.
    What a reading was found to say in one place is kept on it for the next line written
    the same way in the same place: the key holds everything the reading below looks at.
    What a count alone on its line is about is kept in `about` for the lines after it.
    """
    parent, recent, near, counted, _above = place
    line = reading.line
    if reading.open_task or (parent.plan and not reading.says_done):
        return [], None
    if reading.done_these:
        return [], _line_context(line, parent.plan)._replace(finishes_children=True)
    if (
        parent.finishes_children
        and not reading.says_done
        and (title := _line_context(line, parent.plan).item)
    ):
        # A title listed under `读完了这两本书：` is one of the books finished.
        return [_update(title, None, None, "percent", True)], None
    count = reading.count
    if count is not None:
        closing = reading.read.get((parent,))
        if closing is None:
            closing = reading.read[parent,] = _closing(count, parent)
        return closing
    said = reading.words
    if said is None:
        return [], None  # nothing said in words either: what is above need not be known
    key = _about_key(place)
    known = reading.read.get(key)
    if known is None:
        # A count alone on its line (`Day 12`, `第3章`) is about what the lines around say,
        # whatever its number: that is read once for each place and unit (`about`), not for
        # every line of a numbered list (700 lines of `第N章` each read in full; issue 14).
        alone = (key, said.counts[0].unit) if said.alone else None
        if alone is not None and alone in about:
            first = said.counts[0]
            known = _count_alone(about[alone], first.value, first.total, first.unit)
        else:
            above_item = _above_item(place)
            known = _read_words(
                line, said, parent, recent, near=near, counted=counted, above_item=above_item
            )
            if alone is not None:
                about[alone] = known[0][0].item if known[0] else None
        reading.read[key] = known
    return known


# Where a line is read: everything `_read_line` looks at besides the line itself. The parent's
# context; the last title named before the line; whether that was just above it (`near`); the
# last item counted in each unit; the line just above at the same level. A plain tuple: a
# named one, built for every line, took 0.2 ms of 700 lines of `x - N/500` (issue 14).
_Place = tuple[_Context, str | None, bool, Mapping[str, str], "_Told | None"]


def _place(
    parent: _Told, sibling: _Told | None, recent: str | None, counted: Mapping[str, str]
) -> _Place:
    """The place of a line under `parent`, after `sibling`."""
    # The title just above at the same level (`doing [[center]]` then `today it was day 1`)
    # comes before the parent's; the last title of the section after it.
    near = sibling.named if sibling is not None else None
    return (parent.context, near or recent, bool(near), counted, sibling)


def _about_key(place: _Place) -> tuple[object, ...]:
    """Everything `_read_words` looks at besides the line: what a count alone is about is read
    once for each (`about`)."""
    parent, recent, near, counted, _above = place
    # Under a heading a count alone goes on with the last item of its unit (`counted`).
    return (
        parent,
        recent,
        near,
        _above_item(place),
        tuple(counted.items()) if parent.heading and counted else (),
    )


def _above_item(place: _Place) -> str | None:
    """The item of the line just above, where `_read_words` uses it: asked only there."""
    parent, _recent, near, _counted, above = place
    if above is None or parent.item is not None or parent.heading or near:
        return None
    return above.context.item


def _read_lone(
    raw: str,
    lone: re.Match[str],
    place: _Place,
    seen: dict[str, _Reading | None],
    about: dict[_AboutKey, str | None],
) -> _LineRead:
    """`_read_line` for a `_LONE_COUNT` line: once what a count alone is about is known in its
    place and unit (`about`), the lines after it are read without a first look (`_Reading`)."""
    unit, value = _lone_count(lone)
    key = (_about_key(place), unit)
    if key in about:
        return _count_alone(about[key], value, None, unit)
    # The first in its place is read in full, and kept as any line is (`_look_at`).
    reading = seen[raw] = _Reading(raw, lone["line"])
    return _read_line(reading, place, about)


def _count_alone(
    item: str | None, value: float, total: float | None, unit: ProgressUnit
) -> _LineRead:
    """A count alone on its line, about `item` (None: about nothing the lines around name)."""
    if item is None:
        return [], None
    done = total is not None and value >= total
    return [_update(item, value, total, unit, done)], None


def _read_words(
    line: str,
    said: _Words,
    parent: _Context,
    recent: str | None,
    *,
    near: bool,
    counted: Mapping[str, str] | None,
    above_item: str | None,
) -> _LineRead:
    """`_read_line` for a line that says something in words: what it says in this context."""
    if above_item is not None and _SHORT_NAME.fullmatch(above_item):
        # `- Portfolio site` then `- Finished this project.`: the line above is the item.
        parent = parent._replace(item=above_item)
    if near and (parent.heading or parent.item is None):
        # Under a heading, a title in the line just above names what this line is about
        # (`Got a new book "X"` then `Started with chapter 2`); a parent bullet names it first.
        parent = _Context(recent, parent.group, False, parent.plan, parent.finishes_children)
    updates = _said(line, parent, recent, counted or {}, said)
    finished = bool(updates) and updates[0].completed and updates[0].value is None
    return updates, _Context(item=updates[-1].item, plan=parent.plan) if finished else None


def _closing(count: _Count, parent: _Context) -> tuple[list[ProgressUpdate], _Context]:
    """The update of a count or percent that closes its line, and the context it gives."""
    item = _item(count.title, parent)
    if item is None:
        return [], _Context(plan=parent.plan)
    done = count.value >= count.total
    update = _update(item, count.value, count.total, count.unit, done)
    return [update], _Context(item=item, plan=parent.plan)


class _Words(NamedTuple):
    """What a line says in words, before it is known what about (the lines around tell)."""

    counts: list[Count]
    whole: Count | None
    percent: tuple[str, float] | None
    finish: bool  # a word of finishing: what was finished is read with the context
    alone: bool = False  # one count, all the line says (`_alone`)


def _words(line: str) -> _Words | None:
    """What `line` says in words, or None when it says nothing `_said` could read."""
    counts = find_counts(line)
    if len(counts) == 1 and _alone(line, counts[0], counts[0]) and counts[0].unit != "episodes":
        # The line is one count and nothing else (`Day 12`, `第3章`, `P12-`): no count form
        # holds a word of finishing, intent, skimming, a total or a percent, and the marks
        # around it hold none either, so none is looked for.
        # (`S1-02` may follow any word, `FINISHED S1-02`: episodes are read in full.)
        return _Words(counts, None, None, False, alone=True)
    return _words_in_full(line, counts)


def _words_in_full(line: str, counts: list[Count]) -> _Words | None:
    """`_words`, every form looked for; `counts` are the line's (`find_counts`)."""
    # An intention (`day 5? hope to do it today`) or a skim is no position; a finish said after
    # an intention (`今天打算看一遍 —— 看完了`) still is one.
    finish = bool(_MAY_FINISH.search(line))
    if _INTENT.search(line) or _SKIM.search(line):
        return _Words([], None, None, finish) if finish else None
    said = _Words(counts, find_whole(line), percent_said(line), finish)
    return said if said.counts or said.whole or said.percent or said.finish else None


def _said(
    line: str, parent: _Context, recent: str | None, counted: Mapping[str, str], said: _Words
) -> list[ProgressUpdate]:
    """Progress not written as a closing number: a count, a finish, a percent in a sentence."""
    counts = _counts(line, parent, recent, counted, whole=said.whole, found=said.counts)
    if counts:
        return counts
    if said.whole is not None and (stated := _whole_stated(line, said.whole, parent)):
        return stated
    finished = _finished(line, parent, recent) if said.finish else []
    if finished:
        return [_update(item, None, None, "percent", True) for item in finished]
    item = _named(said.percent[0], parent, recent) if said.percent is not None else None
    if said.percent is None or item is None:
        return []
    return [_update(item, said.percent[1], 100.0, "percent", False)]


def _counts(
    line: str,
    parent: _Context,
    recent: str | None,
    counted: Mapping[str, str],
    *,
    whole: Count | None = None,
    found: list[Count] | None = None,
) -> list[ProgressUpdate]:
    """A count without a total (`第 3 章`, `Day 12`, `P40`), with the item it is about.

    A total said in the same line (`共 20 章，读到第 5 章`) is the count's total; `found` are
    the line's counts when they were already looked for.
    """
    found = find_counts(line) if found is None else found
    counts = [c for c in found if c.unit != "weeks" or _DONE_WORD.search(line)]
    if not counts:
        return []
    # `Week 1 and Week 2`: the furthest of the first unit named; `P22 … p. 19:35` is one count.
    first = counts[0]
    last = (
        max((c for c in counts if c.unit == first.unit), key=lambda c: c.value)
        if len(counts) > 1
        else first
    )
    item = _count_item(line, first, last, parent, recent)
    if item == CONTEXT and parent.heading:
        # Only under a heading: a count alone in a day's section goes on with its unit's item.
        item = counted.get(last.unit)
    if item == CONTEXT:
        item = None
    if item is None:
        return []
    total = last.total
    if (
        total is None
        and whole is not None
        and whole.unit == last.unit
        and last.value <= whole.value
    ):
        total = whole.value
    done = total is not None and last.value >= total
    return [_update(item, last.value, total, last.unit, done)]


def _whole_stated(line: str, whole: Count, parent: _Context) -> list[ProgressUpdate]:
    """`《置身事内》共 20 章`, or `共 20 章` alone under the item: its total, with no position.

    Only after a title in brackets or alone on the line: `今天读书共 30 页` is an amount read.
    """
    before = line[: whole.start]
    titles = list(_TITLE_IN_LINE.finditer(before))
    if titles:
        item = _title_of(titles[-1])
    elif not before.strip(_BEFORE_TRIM) and parent.item:
        item = parent.item
    else:
        return []
    return [_update(item, None, whole.value, whole.unit, False)] if item else []


# Stripped with `rstrip`: a `[…]+$` search is quadratic on a long run of these.
_BEFORE_TRIM = " \t,，、:：-–—|·(（[【的*"
_LEADING_FILLER = re.compile(
    r"^(?:(?:today|yesterday|tonight|it|was|is|i'm|i\s+am|am|i|we|have|had|did|do|started"
    r"|starting|start|currently|reached|up\s+to|at"
    r"|with|finished|completed|complete|watched|read|reading|(?-i:the)|whole|and|doing|again|also|now"
    r"|on|continued|continuing|began|then|just|finally|got|into)\b\s*)+"
    r"|^(?:(?:大致|大概|基本|已经|终于|今天|昨天|晚上|继续|开始|把|又|也|都|才|刚|先|再)\s*)*"
    r"(?:(?:看|读|学|追|写|做|刷|听)(?:（[^（）]{0,4}）)?(?:完了?|到了?|了)\s*)?",
    re.IGNORECASE,
)
# `英语学习连续第三天`: the streak word is not part of the name.
_STREAK = re.compile(r"(?:连续|持续|坚持)?(?:打卡|学习)?$")
# Chinese prose before a count: a pronoun, a particle of a finished action, a connective.
_PROSE = re.compile(
    r"[我你他她它了但却而]|然后|对照|因为|所以|如果|还是|直接|\s(?:it|was|is|to|the|a)\s"
)
# English words before a count that end a phrase rather than a name (`as defined by Section 1`,
# `paragraph of section 11`), or a clause before it (`…will apply, along with section 7`).
_ENGLISH_PROSE = re.compile(
    r"\b(?:of|in|by|under|to|for|with|from|this|that|these|the|a|an|and|or|any|see|per|as"
    r"|applicable|within|into|about|cf\.?)$|,\s|(?-i:^(?:[a-z][\w'’-]*\s){3,})",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^\d+(?:\.\d+)*[.)、]?\s+")
_OF_NAME = re.compile(r"^\s+(?:of|in|from)\s+(?:(?-i:the)\s+)?(?P<name>.+)", re.IGNORECASE)
# A run of spaces is entered at its start only (`(?<!\s)`): the first match is the same, and a
# long run is not walked again from each of its spaces (quadratic: 4,000 spaces took 0.3 s).
_BY = re.compile(
    r"(?<!\s)\s+by\s+|(?<!\b[A-Z])\.(?:\s|$)|[;!?。；！？]"
    r"|(?<!\s)\s+(?:done|finished|completed?|today|yesterday|tonight|again)\b",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(
    r"[A-Z0-9][\w'’.+#-]*|of|and|the|to|in|for|a|with|on|-|course|book|series|class|tutorial"
    r"|specialization|playlist"
)
_MAX_NAME = 60
_MAX_WORDS = 10


def _count_item(
    line: str, first: Count, last: Count, parent: _Context, recent: str | None
) -> str | None:
    """The item a count is about: the title before it, after `of`, or from the context.

    None when the count is a word in a sentence or a name; `CONTEXT` when nothing names it.
    """
    if _alone(line, first, last):
        named = None  # the counts are the whole line (`Day 12`): nothing around names the item
    else:
        link = _link_around(line, first.start)
        if link is not None:
            # A count inside a wikilink is the item only when it is the whole link (`[[chapter
            # 16]]`); `[[agora chapter 2]]` is the name of a page. A link's text is read as text.
            opened = line.rfind("⁅", 0, first.start)
            wiki = opened > 0 and line[opened - 1] == "⁅"
            if wiki and link.strip() != line[first.start : first.end].strip():
                return None
            before = line[:opened] if wiki else line[: first.start].replace("⁅", "")
        else:
            before = line[: first.start]
        named = _name_before(before)
        if named is None:
            return None  # a sentence before it: `as defined by Section 1`, `然后对照第 14 章`
        after = _name_after(line[last.end :])
        if after is not None and not _TITLE_IN_LINE.search(before):
            # `Working on Chapter 7 of Eloquent JavaScript`: what `of` names is the item.
            named = after
        elif named == CONTEXT:
            named = after
    if named is None:
        return recent if recent is not None and parent.heading else parent.item or CONTEXT
    if parent.item and title_key(named) in title_key(parent.item):
        return parent.item  # `PICARD S01-02` under `Star Trek - PICARD`
    return named


# Marks that may stand around counts that are all a line says (`P12-`, `-P9-`, `Day 3.`): no
# letter, digit, bracket, `?` or `%`, so they add no word, title, intent, total or percent.
_AROUND_COUNTS = " \t-–—:：.。,，、;；!！"


def _alone(line: str, first: Count, last: Count) -> bool:
    """Whether counts from `first` to `last` are all `line` says, give or take marks around."""
    before, after = line[: first.start], line[last.end :]
    return not before.strip(_AROUND_COUNTS) and not after.strip(_AROUND_COUNTS)


_AROUND = f"[{re.escape(_AROUND_COUNTS)}]*"
# A line that is one count alone (`_alone`) in the forms numbered lists are written with, as
# written without the blanks before it (one with blanks after it is read as any other): a
# bullet, then the line as cleaned (`_clean` finds nothing more to clean in it). Each form is
# read as `find_counts` reads it (no `第N集`: episodes are no count alone, `_words`); `P12` only
# first or after a dash, as there, and so not after a bullet.
_LONE_COUNT = re.compile(
    rf"(?:[-*+•·]\s+)?(?P<line>{_AROUND}(?:"
    r"第\s?(?P<cn>\d{1,4})\s?(?P<cu>单元|部分|小节|[章节讲课页天周季])"
    r"|(?<![A-Za-z])(?i:day)\s?(?P<day>\d{1,4})"
    r"|(?:^|(?<=[-–—]))[Pp](?P<pn>\d{1,4})"
    rf"){_AROUND})(?<![ \t])"
)


def _lone_count(match: re.Match[str]) -> tuple[ProgressUnit, float]:
    """The unit and number of a `_LONE_COUNT` line, as `find_counts` reads them."""
    if (number := match.group("cn")) is not None:
        return CJK_UNITS[match.group("cu")], float(int(number))
    if (number := match.group("day")) is not None:
        return "days", float(int(number))
    return "parts", float(int(match.group("pn")))


def _link_around(line: str, at: int) -> str | None:
    opened = line.rfind("⁅", 0, at)
    if opened < 0 or line.rfind("⁆", 0, at) > opened:
        return None
    closed = line.find("⁆", at)
    return line[opened + 1 : closed] if closed >= 0 else None


def _name_before(before: str) -> str | None:
    """The title written before a count: a bracketed one, else the short text there.

    Returns `CONTEXT` when only small words stand there (`Started with chapter 2`, `学习第二章`),
    so the item comes from the context; None when a sentence stands there (`然后对照第 14 章`),
    since then the count is a word in that sentence, not a position.
    """
    text = before.rstrip(_BEFORE_TRIM).strip()
    if not text:
        return CONTEXT  # only a bullet or marks before it (`- 第 3 章`): nothing to clean
    titles = list(_TITLE_IN_LINE.finditer(before))
    if titles:
        return _title_of(titles[-1]) or None
    text = _NUMBERING.sub("", text)
    text = _LEADING_FILLER.sub("", text).strip()
    text = _STREAK.sub("", text.rstrip(_BEFORE_TRIM)).strip()
    text = re.sub(r"^【[^【】]{1,12}】", "", text)
    if not text or not _LETTER.search(text):
        return CONTEXT
    if find_counts(text) or _PROSE.search(text) or _ENGLISH_PROSE.search(text):
        return None
    if len(text) > _MAX_NAME or len(text.split()) > _MAX_WORDS:
        return None
    return display_title(text) or CONTEXT


def _name_after(after: str) -> str | None:
    """`… of Caltech's Machine Learning Course - CS 156 by …`: the title after `of`."""
    match = _OF_NAME.match(after) if after else None
    if match is None:
        return None
    name = match.group("name")
    end = _BY.search(name)
    name = (name[: end.start()] if end else name).strip()
    if len(name.split()) > _MAX_WORDS:
        words = []
        for word in name.split():
            if not _TITLE_WORD.fullmatch(word):
                break
            words.append(word)
        name = " ".join(words)
    name = display_title(name)
    return name if _LETTER.search(name) else None


def _named(name: str, parent: _Context, recent: str | None) -> str | None:
    """A name a sentence gave, or the context's item when it pointed back (`CONTEXT`)."""
    if name != CONTEXT:
        return display_title(_unmask(name)) or None
    return parent.item or recent


def _last_title(line: str) -> str | None:
    """The last title in `《》`, a link or quotes in a line: what `it` may point back at."""
    titles = [t for t in _TITLE_IN_LINE.finditer(line) if not _LINK_WORD.fullmatch(_title_of(t))]
    if titles:
        return _title_of(titles[-1]) or None
    quoted = _QUOTED_TITLE.findall(line)
    return quoted[-1].strip() if quoted else None


def _update(
    item: str, value: float | None, total: float | None, unit: ProgressUnit, done: bool
) -> ProgressUpdate:
    return ProgressUpdate(
        item=item, key=_item_key(item), value=value, total=total, unit=unit, completed=done
    )


# An item is often named again and again (every `Day N` line of a challenge goes on with it).
_item_key = lru_cache(maxsize=1024)(title_key)


def _item(title: str, parent: _Context) -> str | None:
    """The item a count is about: its own title (under its group, if any), else the parent's."""
    if not title.strip() or (_CLAUSE_END.search(title) and not _TITLE_IN_LINE.search(title)):
        # `先看到这，阅读进度大约 50%`: a clause before the number says what was done, not what;
        # `继续读 DDIA，进度 120/590` says what, after its verb.
        read = _READ_OBJECT.match(_CLAUSE_COMMA_SPLIT.split(_CLAUSE_END.sub("", title))[-1])
        return display_title(read.group("name")) or parent.item if read else parent.item
    name = display_title(_unmask(title))
    if not name or not _LETTER.search(name):
        return None
    return f"{parent.group} / {name}" if parent.group else name


def _count(line: str) -> _Count | None:
    """A count or percent that closes the line, with the title before it."""
    if not _HOLDS_VALUE.search(line):
        return None  # every form below holds one: a line without saves trying them all
    # `_WORD_FORM` tries each place in the line for its word: only worth it when the word is there.
    worded = (_WORD_FORM,) if _PROGRESS_WORD.search(line) else ()
    for pattern in (*worded, _READ_FORM, _SEPARATOR_FORM, _BARE_FORM):
        match = pattern.match(line)
        if match is not None:
            return _checked_count(match, line)
    match = _BRACKET_FORM.match(line)
    # In brackets only after a name (`Odin Project (35%)`, `《沙丘》(72%)`): `CPU usage (85%)`
    # and `流量下降 (50%)` are measures.
    if match is not None and _NAME_ONLY.fullmatch(match.group("title").strip()):
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
        return _UNITS[fold_case(word).removesuffix("s")]
    return "pages" if float(total) > PAGES_ABOVE else "units"


def _finished(line: str, parent: _Context, recent: str | None) -> list[str]:
    """Items the line says are finished, in words."""
    named = [
        _title_of(m)
        for pattern in (_DONE_BEFORE, _DONE_AFTER, _WHOLE_PASS)
        for m in pattern.finditer(line)
    ]
    if named:
        return [item for item in dict.fromkeys(named) if item]
    alone = _DONE_ALONE.search(line)
    if alone is not None:
        return _finished_alone(line, alone, parent)
    if _DONE_IT.search(line):
        titles = list(_TITLE_IN_LINE.finditer(line))
        pointed = _title_of(titles[-1]) if titles else (recent or parent.item)
        return [pointed] if pointed else []
    latin = _DONE_LATIN.match(line)
    if latin is not None and (item := display_title(latin.group("latin"))):
        return [item]
    items = [_named(name, parent, recent) for name in finished_said(line)]
    return [item for item in dict.fromkeys(items) if item]


def _finished_alone(line: str, alone: re.Match[str], parent: _Context) -> list[str]:
    """`…《X》…，算是完成了一周目`, `读完了，…`: a finish whose item is before it or above."""
    before = list(_TITLE_IN_LINE.finditer(line, 0, alone.start()))
    if not before:
        return [parent.item] if _DONE_ALONE_FIRST.match(line) and parent.item else []
    # Only when nothing but a clause break and small words stand between the title and the
    # verb: `把《X》模块化章节之外的内容看完了` finished a part of X, not X.
    gap = line[before[-1].end() : alone.start()]
    if not _ONLY_SMALL_WORDS.match(re.split(r"[，,；;—–]", gap)[-1]):
        return []
    item = _title_of(before[-1])
    return [item] if item else []


def _title_of(match: re.Match[str]) -> str:
    """The display title of a `《》`, `「」` or link match."""
    if match.group("book"):
        return display_title(f"《{match.group('book')}》")
    if match.group("corner"):
        return display_title(f"「{match.group('corner')}」")
    return display_title(f"[{match.group('link')}]()")


def _clean(raw: str) -> str:
    """The line without its bullet, markup, code and addresses; links kept as `⁅text⁆`.

    Each pattern runs only on a line holding the mark it starts with: most lines hold none.
    """
    text = _BULLET.sub("", raw.strip())
    if "![" in text:
        text = _IMAGE.sub("", text)
    if "{{" in text:
        text = _without_spans(text, *_SHORTCODE)
    if "<!--" in text:
        text = _without_spans(text, *_COMMENT)
    if "`" in text:
        text = _CODE.sub(" ", text)
    text = text.replace("**", "")
    if "[" in text:
        # Doubled marks keep a wikilink (a page's name) apart from a link's text.
        text = _LINK.sub(r"⁅\1⁆", _WIKILINK.sub(r"⁅⁅\1⁆⁆", text))
    if "://" in text:
        text = _URL.sub(" ", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    return text.strip()


def _without_spans(line: str, openers: tuple[str, ...], closers: tuple[str, ...]) -> str:
    """`line` without each span from an opener to the first closer after it, if one comes within
    `_SPAN_REACH` characters: what `re.sub(OPENER.{0,500}?CLOSER, "", line)` leaves, in linear
    time. An opener too far before the next closer skips every opener as far from it."""
    kept: list[str] = []
    start = searched = 0
    longest = max(map(len, openers))
    # Where each mark is next found (-1: nowhere further), looked for again once passed.
    ahead = {mark: line.find(mark) for mark in (*openers, *closers)}
    while True:
        at, opener = _nearest(line, openers, ahead, searched)
        if at < 0:
            break
        body = at + len(opener)
        end, closer = _nearest(line, closers, ahead, body)
        if end < 0:
            break  # no closer after this opener, so none after a later one either
        if end - body > _SPAN_REACH:
            searched = max(at + 1, end - _SPAN_REACH - longest)
            continue
        kept.append(line[start:at])
        start = searched = end + len(closer)
    kept.append(line[start:])
    return "".join(kept)


def _nearest(
    line: str, marks: tuple[str, ...], ahead: dict[str, int], since: int
) -> tuple[int, str]:
    """The first of `marks` in `line` from `since` (-1 if none), with `ahead` kept up to date."""
    best, found = -1, ""
    for mark in marks:
        place = ahead[mark]
        if 0 <= place < since:
            place = ahead[mark] = line.find(mark, since)
        if place >= 0 and (best < 0 or place < best):
            best, found = place, mark
    return best, found


def _unmask(text: str) -> str:
    """Marked links back as Markdown links, for `display_title`."""
    return _MARKED_LINK.sub(r"[\1]()", text.replace("⁅⁅", "⁅").replace("⁆⁆", "⁆"))
