"""Item titles: a clean name for people, a stable key for the store, and fuzzy matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

# Two keys name the same item when their similarity (rapidfuzz `fuzz.ratio`, 0-100, on the
# normalised keys) reaches this. Chosen from the two corpus logs: the typos that must join score
# 95.5 (`intimate relationship` / `intimate replationships`), 96.3 (`moon palace, by pual auster`
# / `...paul...`) and 96.3 (`深入剖析kuberntes` / `深入剖析kubernetes`); the closest pair of
# distinct items scores 88.2 (`hdlbits/电路-组合逻辑部分` / `hdlbits/电路-时序逻辑部分`), then
# 85.7 (`深入剖析kubernetes` / `深入浅出kubernetes`, two different courses). 93 sits in that gap
# with room on both sides; `tests/test_progress_titles.py` checks every pair of corpus items.
MATCH_THRESHOLD = 93.0

# A typed query (`/progress kubernets`) is shorter and looser than a logged title, so lookup
# takes the best partial match above a lower bar; it only runs after exact and substring lookup.
FIND_THRESHOLD = 75.0
# Below three characters every title "partially" contains the query; only substrings count there.
_FUZZY_MIN_LENGTH = 3

_LINK = re.compile(r"!?\[([^\[\]]{0,300})\]\([^()]{0,2000}\)")
_BARE_URL = re.compile(r"<?https?://[^\s>)]{1,2000}>?")
_BOOK = re.compile(r"《([^《》]+)》")
_CORNER = re.compile(r"「([^「」]+)」")
_EMPHASIS = re.compile(r"\*\*|__|`")
# `「」` also quote whole sentences (`「很感谢你的推荐！！真心的。…」`): those are not names.
_SENTENCE_END = re.compile(r"[。！？!?]\s{0,8}\S")
# A parenthetical longer than a volume or edition tag (`（上册）`, `(英文版)`, `(2nd ed.)`) is a
# remark about the work (`（很多的习题都跟前面 verilog 语法部分重合了）`), not part of its name.
_REMARK = re.compile(r"\s{0,4}[（(][^()（）]{11,}[)）]")
_QUALIFIER = re.compile(r"\s{0,4}\([^()]*\)\s{0,4}$")
# A comma touching CJK text separates clauses: the item is the last one (`研究 FinOps 与
# kubecost，完成一篇 Kubernetes 成本分析的文章`). Commas inside Latin titles (`Moon Palace, by
# Paul Auster`) touch no CJK and stay.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CLAUSE_COMMA = re.compile(rf"\s{{0,8}}(?:，|,(?=\s?[{_CJK}])|(?<=[{_CJK}]),)\s{{0,8}}")
_STARTS_WITH_DEED = re.compile(
    r"^(?:完成|读|看|学|阅读|学习|继续|开始|重新|写|做|研究|整理|复习|练习|翻译|发布|迭代|一[篇本个份部门])"
)
_GOES_ON = re.compile(r"^(?:并且?|而且|以及|和|同时|然后|再|and\b|then\b)", re.IGNORECASE)
_LEADING_VERB = re.compile(
    r"^(?:(?:继续|开始|重新|正在|完成了?|迭代|学习了?|阅读了?|读了?|看了?|读|看|学"
    r"|一[篇本个份部门])\s*)+"
    r"|^(?:(?:re-?)?read(?:ing)?|finished|started|continued?|studying)\s+",
    re.IGNORECASE,
)
# A remark after the title such as `读完第一章` (`TCP/IP Illustrated ... 读完第一章 - 进度 31/920`).
_TRAILING_REMARK = re.compile(r"\s(?:读|看|学)完\S{0,40}$")
# Words and marks that trail a title (`Dune - 进度`, `Dune:`, `Dune。。`). Peeled off from the end
# by `_strip_trailing_words`, not by one regex: `(?:\s*[-.]+)+$` nests quantifiers and takes
# exponential time on a run of dots followed by more words (one message froze the whole bot).
_TRAILING_WORDS = ("学习进度", "阅读进度", "进度", "摘抄")
_TRAILING_MARKS = frozenset("-–—:：?？!！。.,，、")
_SPACE = re.compile(r"\s+")
# A time of day logged after the item (`Python+Selenium 教程. 21:30`) and a category tag before
# it (`【数学思维】四周…`) are not part of its name.
_CLOCK = re.compile(
    r"[.。,，]?\s{0,4}\d{1,2}:\d{2}(?:\s?[AaPp][Mm])?(?:\s?[-,，]\s?\d{1,2}:\d{2}){0,3}\s{0,4}$"
)
_TAG = re.compile(r"^【[^【】]{1,12}】\s*(?=\S)")
# Spacing around CJK text and joining marks varies from one writing to the next; keys drop it.
_GLUE = rf"[{_CJK}/《》「」、:\-–—]"
_SPACE_BY_CJK = re.compile(rf"(?<!\s)\s+(?={_GLUE})|(?<={_GLUE})\s+")
_HAS_CJK = re.compile(f"[{_CJK}]")


def display_title(raw: str) -> str:
    """A clean title for people: the book name inside `《》`, a link's text, verbs dropped.

    A pattern runs only on a text holding the mark it needs (`](`, `://`, `:`, `(`): a title
    is worked out for many lines, and most hold none of them.
    """
    text = _EMPHASIS.sub("", raw) if "*" in raw or "_" in raw or "`" in raw else raw
    titled = _titled_part(text)
    if titled is None:
        # No brackets or link to trust: peel off the words around the name instead.
        if "](" in text:
            text = _LINK.sub(r"\1", text)
        if "://" in text:
            text = _BARE_URL.sub("", text)
        text = _last_clause(text) if "," in text or "，" in text else text
        if "完" in text:
            text = _TRAILING_REMARK.sub("", text.strip())
        text = _LEADING_VERB.sub("", text.strip())
    else:
        text = titled
    text = text.strip()
    if text.startswith("【"):
        text = _TAG.sub("", text)
    if ":" in text:
        text = _CLOCK.sub("", text)
    if "(" in text or "（" in text:
        text = _REMARK.sub("", text)
    return _SPACE.sub(" ", _strip_trailing_words(text.strip())).strip()


def _strip_trailing_words(text: str) -> str:
    """`text` without trailing progress words, punctuation and spaces; linear in its length."""
    end = len(text)
    while True:
        while end and text[end - 1].isspace():
            end -= 1
        if end and text[end - 1] in _TRAILING_MARKS:
            end -= 1
            continue
        word = next((word for word in _TRAILING_WORDS if text.endswith(word, 0, end)), None)
        if word is None:
            return text[:end]
        end -= len(word)


def normalise_title(raw: str) -> str:
    """The key that identifies an item: its display title, width- and case-folded, spaces tidied."""
    return title_key(display_title(raw))


def title_key(title: str) -> str:
    """The key of a title that is already clean (a display title): folding only, no stripping.

    Stripping again could eat a real first character (`学会提问` is not `学` + `会提问`).
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    text = _SPACE.sub(" ", text).strip()
    return _SPACE_BY_CJK.sub("", text)


def match_item(key: str, known_keys: Sequence[str]) -> str | None:
    """The known key that ``key`` should join: itself, a near-identical spelling, or its volume."""
    if key in known_keys:
        return key
    candidates = list(known_keys)
    if not candidates:
        return None
    best = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD)
    if best is not None:
        return str(best[0])
    return _same_work(key, candidates)


def find_item(query: str, known: Mapping[str, str]) -> str | None:
    """The key of the item a user means by ``query``; ``known`` maps key to display title.

    Exact names win, then a substring of a key or title, then the closest fuzzy match. When several
    items fit equally, the first in ``known`` wins, so pass the most recently updated first.
    """
    wanted = normalise_title(query)
    if not wanted:
        return None
    folded = {key: title_key(title) for key, title in known.items()}
    for key, title in folded.items():
        if wanted in (key, title):
            return key
    if len(wanted) >= 2 or _HAS_CJK.search(wanted):
        for key, title in folded.items():
            if wanted in key or wanted in title:
                return key
    if len(wanted) < _FUZZY_MIN_LENGTH:
        return None
    choices = {key: f"{key} {title}" for key, title in folded.items()}
    best = process.extractOne(
        wanted, choices, scorer=fuzz.partial_ratio, score_cutoff=FIND_THRESHOLD
    )
    return None if best is None else str(best[2])


def _titled_part(text: str) -> str | None:
    """The title inside `《》`, a link's text, or a short `「」` name, when the text has one."""
    for pattern, mark in ((_BOOK, "《"), (_LINK, "]("), (_CORNER, "「")):
        match = pattern.search(text) if mark in text else None
        if match and match.group(1).strip() and not _SENTENCE_END.search(match.group(1)):
            return match.group(1).strip()
    return None


def _last_clause(text: str) -> str:
    """The clause that names the item: the last one when it starts with what was done.

    `研究 FinOps 与 kubecost，完成一篇 Kubernetes 成本分析的文章` names the article; a comma
    inside a name (`尚硅谷…教程,java web零基础入门完整版`) or before a clause that goes on
    with the same work (`使用 X 替换 Y，并启用 Z`) does not split it.
    """
    clauses = [part for part in _CLAUSE_COMMA.split(text) if part.strip()]
    if len(clauses) < 2 or _GOES_ON.match(clauses[-1]):
        return text
    return clauses[-1] if _STARTS_WITH_DEED.match(clauses[-1]) else text


def _same_work(key: str, candidates: Sequence[str]) -> str | None:
    """The one candidate that is ``key`` with or without a volume or edition tag, if unique.

    `linux/unix系统编程手册` joins `linux/unix系统编程手册(上册)`, but not when both volumes
    are known, since then the bare name is ambiguous.
    """
    base = _QUALIFIER.sub("", key)
    same = [c for c in candidates if _QUALIFIER.sub("", c) == base and c != key]
    return same[0] if len(same) == 1 else None
