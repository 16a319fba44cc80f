"""Progress said in a sentence: `Today I finished the ES6 section`, `60% done with X`, `写了一半`.

These readers take one cleaned line (links masked as `⁅text⁆`, see `progress.py`) and return
what it says, naming the item or returning `CONTEXT` when the sentence points back at it (`it`,
`this project`, `the whole playlist`, `读完了剩下的所有内容`): the caller supplies the item from
the lines around. Each pattern is a single pass with bounded repeats, so each is linear.
"""

from __future__ import annotations

import re

from bot.progress.counts import find_counts
from bot.progress.hints import Hints

# The item is the one the lines around name (a parent bullet, a heading, an earlier title).
CONTEXT = ""

_TITLE = r"《[^《》]{1,80}》|⁅{1,2}[^⁅⁆]{1,120}⁆{1,2}|“[^“”]{1,80}”|\"[^\"]{1,80}\""
_QUOTED = re.compile(rf"^(?:{_TITLE})")
# Lower-case only: `The Great Gatsby` keeps its article.
_ARTICLE = re.compile(r"^(?:(?:the|a|an|whole|entire|rest\s+of\s+the|last|final)\s+)+")
# Things one finishes that are not worked through: chores, a shift, the day's work.
_NOT_ITEMS = re.compile(
    r"^(?:my|our|his|her|their|work|early|up|off|for|without|with|successfully|ok|fine|in|on|at"
    r"|by|to|from|laundry|dishes|chores|shift|lunch|dinner"
    r"|breakfast|it\s+off|some|several|a\s+few|most|all\s+of\s+my)\b",
    re.I,
)
# Words that point back at the item instead of naming it.
_POINTER = re.compile(
    r"^(?:it|this|that|them|everything|all|(?:this|that|the)?\s*(?:challenge|course|book|playlist"
    r"|series|project|section|module|chapter|season|class|tutorial|video|lecture))"
    r"(?=\s*$|[\s,.;:!?)]|\s+(?:today|yesterday|tonight|now|again|at\s+last)\b)",
    re.I,
)
_GERUND = re.compile(r"^[A-Za-z]+ing\b(?<!\bthing)(?<!\bking)(?<!\bstring)", re.I)
# Where an English name ends: a clause word, a time, punctuation; `J. Doe` keeps its initial.
_NAME_END = re.compile(
    r"\s{1,4}(?:and|but|then|which|because|so|after|before|on|at|in\s(?:the|a)\b|a\sfew|today"
    r"|yesterday|tonight|this\s+(?:morning|evening|week)|last|since|while|now|as|—|–|-\s)"
    r"|[,;:!?(（，。；！？]|(?<!\b[A-Z])\.(?:\s|$)",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]")
_CAPITAL_WORD = r"(?:[A-Z0-9][\w'’.+#&-]{0,40})"
_KIND_WORD = (
    r"(?:section|module|chapter|course|project|book|series|part|unit|lesson|challenge|tutorial"
    r"|class|playlist|specialization|track)"
)
_TITLE_CASE = re.compile(
    rf"^{_CAPITAL_WORD}(?:\s(?:(?:of|and|the|on|in|at|to|a|an|for|with|vs\.?|&)\s){{0,3}}"
    rf"(?:{_CAPITAL_WORD}|{_KIND_WORD}s?\b)){{0,12}}"
)
_MAX_NAME_WORDS = 8

_EN_DONE = re.compile(
    r"(?:^|(?<=[.;!?]\s)|(?<=,\s)|(?<=;))\s{0,4}(?:(?:today|yesterday|tonight|finally|just|also"
    r"|and|then|so)\s{1,4})*(?:(?:i|we)(?:\s{1,4}have|\s{1,4}had|'ve)?\s{1,4})?"
    r"(?:(?:finally|just|also)\s{1,4})?"
    r"(?P<verb>finished|completed|wrapped\s+up|done\s+with|made\s+it\s+to\s+the\s+end\s+of"
    r"|(?:watched|read|did|completed|finished)\s+the\s+remaining)\b\s*(?:reading\s+|watching\s+)?",
    re.I,
)
# `Flexbox - finished ✅`, `Dune: done`: the item, then the word.
_DONE_AFTER_NAME = re.compile(
    r"^(?P<name>.{1,120}?)\s{0,4}[-–—:：]\s{0,4}(?:finished|completed|完成了?|读完了?|看完了?|学完了?)"
    r"(?:剩下的(?:所有|全部)?(?:内容|部分|章节)?)?\s{0,4}[✅✔️☑️!！.。]{0,4}\s{0,4}$",
    re.I,
)
# `Learn C the Hard Way * 5（全部完成）`: the last of a series, said with 全部.
# A name that ends in a space is never the shortest that fits (the space after it can go to
# `\s*`), so `.(?:.{0,119}?\S)??` tries only the others: the same name, found without walking a
# long run of spaces again from each of them (4,000 spaces took 25 ms).
_ALL_DONE = re.compile(
    r"^(?P<name>.(?:.{0,119}?\S)??)\s*(?:\*\s*\d{1,4}\s*)?[（(]?(?:全部|全都|都)(?:完成|看完|读完|学完|写完)了?"
    r"[)）]?\s*[。.!！]?\s*$"
)
# `写（看）完了lab0`, `做完了 rustlings`: a Latin name after a verb of finishing.
_ZH_DONE_LATIN = re.compile(
    r"(?:^|[，,。；;\s])(?:(?:已经|终于|总算|也|都|大致|基本)\s*)*(?:写|看|读|学|做|刷)"
    r"(?:（[^（）]{1,4}）|\([^()]{1,4}\))?完了?\s*(?P<name>[A-Za-z][A-Za-z0-9 ._'+#-]{0,60}?)"
    r"\s*(?=$|[，,。.!！;；])"
)
# `至此15道练习题写完了`, `总算是把Rustlings写完了`: the name before the verb, within a clause.
_ZH_NAME_THEN_DONE = re.compile(
    r"(?:^|[，,。；;！!])\s*(?:(?:至此|终于|总算是?|已经|也|今天|昨天|晚上|不过)\s*)*(?:把\s*)?"
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9 ._'+#\-\u4e00-\u9fff]{0,24}?)\s*(?:都|全部|全都)?"
    r"(?:写|看|读|学|做|刷)完了"
)
_ZH_PART = re.compile(r"的内容|部分|之外|所有|一些|一点|这|那|几")
# `完成rustlings`, `完成 Lab 0 学习记录撰写`, `完成了 Lab 2 实验`.
_ZH_COMPLETE_LATIN = re.compile(
    r"^(?:已经)?完成了?\s*(?P<name>[A-Za-z][A-Za-z0-9 ._'+#-]{0,60})"
    r"(?P<tail>[^，,。.!！;；()（）:：]{0,12})(?P<rest>.*)$"
)
_ZH_COMPLETE_WORDS = re.compile(r"^(?:已经)?完成了?\s*(?P<name>[\u4e00-\u9fff]{2,8})\s*[。.!！]?$")
_TAIL_VERB = re.compile(r"(?:撰写|书写|编写|整理)$")
_SHORT_PART = re.compile(r"^[，,、]\s*[\u4e00-\u9fff]{1,6}\s*[。.!！]?$")

_PERCENT_DONE = re.compile(
    r"(?<![\d.])(?P<pct>\d{1,3}(?:\.\d{1,2})?)\s?%\s+(?:(?:done|complete|completed|finished)\b"
    r"(?:\s+(?:with|of|on)\s+(?P<rest>.*))?"
    # `45% through Dune`, `60% into the course`: the name follows straight on
    r"|(?:through|into)\s+(?P<into>(?-i:the\s|[A-Z0-9《⁅\"“]).*))",
    re.I,
)
_ZH_NAME = r"《[^《》]{1,80}》|⁅[^⁅⁆]{1,120}⁆|[A-Za-z][A-Za-z0-9 .:+#'-]{0,40}?"
# `X 看到 45%`: the verb and number are found first, then the name just before them, so no
# name is tried at every position of a long line.
_ZH_PERCENT_AT = re.compile(
    r"(?:看到|读到|学到|听到|进行到|刷到)了?\s{0,4}(?:大约|大概|约)?\s{0,4}"
    r"(?P<pct>\d{1,3}(?:\.\d{1,2})?)\s{0,4}[%％](?!\s{0,4}[~～\-–的])"
)
_NAME_BEFORE = re.compile(rf"(?:^|(?<=[\s，,。；;:：])|(?=[《⁅]))(?P<name>{_ZH_NAME})\s{{0,4}}$")
_NAME_WINDOW = 130
_ZH_PERCENT_OF = re.compile(
    rf"完成了?\s*(?P<name>{_ZH_NAME})\s*的\s*(?P<pct>\d{{1,3}}(?:\.\d{{1,2}})?)\s*[%％](?!\s*[~～\-–])"
)
# The name just before `is 45% complete`, `: 45% complete`, `- 45% done`: a short phrase that
# opens the line or its clause.
_SUBJECT = re.compile(
    r"(?:^|(?<=[.;!?,，。；]\s)|(?<=[;；，。]))(?:progress\s+on\s+)?"
    r"(?P<name>[^\s,.;!?，。；:：][^,.;!?，。；:：]{0,60}?)"
    r"\s{0,4}(?:[:：\-–—]|\s(?:is|are)(?:\s(?:now|about|around|roughly))?)\s{0,4}"
    r"(?:now\s|about\s|around\s|roughly\s)?$",
    re.I,
)
_HALF_OF = re.compile(r"\bthrough\s+(?:about\s+|around\s+|roughly\s+)?(?:half|50%)\s+of\s+", re.I)
# The name as in `_ALL_DONE`: never one ending in a space.
_HALF_SUBJECT = re.compile(
    r"^(?P<name>.(?:.{0,79}?\S)??)\s+is\s+(?:now\s+)?(?:halfway|half(?:-|\s)?way|half)\s+"
    r"(?:complete|completed|done|finished|through)\b",
    re.I,
)
_ZH_HALF = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9 ._+#-]{0,40}?)\s*(?:写|看|读|学|做)了一半")


# Every finish these readers take holds one of these words, and every percent one of the
# others: one cheap search spares most lines all the patterns above (issue 14). A form added
# above adds its word here; the corpus tests check the two agree.
FINISH_HINTS = ("完", "finish", "complet", "wrapped", "done", "made", "remaining")
PERCENT_HINTS = ("[%％]", "half", "一半")
_MAY_FINISH = Hints(*FINISH_HINTS)
_MAY_PERCENT = Hints(*PERCENT_HINTS)


def finished_said(line: str) -> list[str]:
    """Items the line says were finished, in words; `CONTEXT` for one it points back at."""
    if not _MAY_FINISH.search(line):
        return []
    found: list[str] = []
    for match in _EN_DONE.finditer(line):
        if "remaining" in match.group("verb").lower():
            found.append(CONTEXT)
            continue
        rest = line[match.end() :]
        if _HALF_OF.match(" " + rest) or re.match(r"through\b", rest, re.I):
            continue
        name = _english_object(rest)
        if name is not None:
            found.append(name)
    if found:
        return found
    for pattern in (_DONE_AFTER_NAME, _ALL_DONE):
        named = pattern.match(line)
        if named is not None and _LETTER.search(named.group("name")):
            return [_title(named.group("name"))]
    return _chinese_finished(line)


def _chinese_finished(line: str) -> list[str]:
    latin = _ZH_DONE_LATIN.search(line)
    if latin is not None:
        return [latin.group("name").strip()]
    for clause in _ZH_NAME_THEN_DONE.finditer(line):
        name = clause.group("name").strip()
        if not _ZH_PART.search(name) and _LETTER.search(name):
            return [name]
    complete = _ZH_COMPLETE_LATIN.match(line)
    if complete is not None:
        name, tail, rest = (complete.group(g).strip() for g in ("name", "tail", "rest"))
        if re.search(r"中|的|部分|\d", tail) or re.search(r"^[（(]?部分", rest):
            return []
        tail = _TAIL_VERB.sub("", tail)
        if _SHORT_PART.match(rest):
            # `完成 Lab 1 实验，学习记录`: every part of it, so the whole.
            tail = ""
        return [f"{name} {tail}".strip()]
    words = _ZH_COMPLETE_WORDS.match(line)
    return [words.group("name")] if words is not None else []


def percent_said(line: str) -> tuple[str, float] | None:
    """A percent said in a sentence (`60% done with X`, `X 看到 45%`) with its item."""
    return _percent_in_words(line) if _MAY_PERCENT.search(line) else None


def _percent_in_words(line: str) -> tuple[str, float] | None:
    match = _ZH_PERCENT_OF.search(line)
    if match is not None:
        return _title(match.group("name")), float(match.group("pct"))
    match = _ZH_PERCENT_AT.search(line)
    if match is not None:
        window = line[max(0, match.start() - _NAME_WINDOW) : match.start()]
        named = _NAME_BEFORE.search(window)
        if named is not None:
            return _title(named.group("name")), float(match.group("pct"))
    match = _PERCENT_DONE.search(line)
    if match is not None and float(match.group("pct")) < 100:
        rest = match.group("rest") or match.group("into")
        name = _english_object(rest) if rest else _subject(line[: match.start()])
        return (name, float(match.group("pct"))) if name is not None else None
    half = _HALF_OF.search(line)
    if half is not None:
        name = _english_object(line[half.end() :])
        return (name, 50.0) if name is not None else None
    for pattern in (_HALF_SUBJECT, _ZH_HALF):
        match = pattern.match(line)
        if match is not None and _LETTER.search(match.group("name")):
            return _title(match.group("name")), 50.0
    return None


def _subject(before: str) -> str:
    """`Regex course is 45% complete`: the short name before a percent, else `CONTEXT`."""
    named = _SUBJECT.search(before)
    if named is None or not _LETTER.search(named.group("name")):
        return CONTEXT
    return _title(named.group("name"))


def _english_object(rest: str) -> str | None:
    """The name a verb of finishing takes, `CONTEXT` for a pointer, None for no item."""
    rest = rest.strip()
    rest = _ARTICLE.sub("", rest)
    quoted = _QUOTED.match(rest)
    if quoted is not None:
        name = _title(quoted.group(0))
        return None if _NOT_ITEMS.match(name) else name
    if _POINTER.match(rest):
        return CONTEXT
    if not rest or _NOT_ITEMS.match(rest) or _GERUND.match(rest) or find_counts(rest[:40]):
        # `Completed 3 of 10 lessons`, `finished chapter 5`: a count, read as one elsewhere.
        return None
    titled = _TITLE_CASE.match(rest)
    if titled is not None:
        # `The Old Man and the Sea`, `J. Doe's Node module`: a name in capitals runs on
        # through small words while capitals follow them.
        name = titled.group(0).rstrip(".")
        return name if len(name.split()) <= _MAX_NAME_WORDS else None
    end = _NAME_END.search(rest)
    name = rest[: end.start()] if end is not None else rest
    if not _LETTER.search(name) or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return name.strip()


def _title(text: str) -> str:
    """A name without the quotes or brackets it was written in."""
    text = text.strip()
    if text.startswith("⁅") and text.endswith("⁆"):
        return text.strip("⁅⁆").strip()
    if len(text) > 1 and text[0] + text[-1] in ("《》", "“”", '""'):
        return text[1:-1].strip()
    return text
