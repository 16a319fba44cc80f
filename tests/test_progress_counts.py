"""Counts without a total, found in a line: the number, the unit, and where they stand."""

from __future__ import annotations

import pytest

from bot.progress.counts import find_counts, find_whole


@pytest.mark.parametrize(
    ("line", "value", "unit", "total"),
    [
        ("第 3 章", 3, "chapters", None),
        ("读到了第十九章", 19, "chapters", None),
        ("追到了第 55 集", 55, "episodes", None),
        ("第 120 页", 120, "pages", None),
        ("第三天", 3, "days", None),
        ("第二讲", 2, "lessons", None),
        ("第一小节", 1, "sections", None),
        ("皮卡德第一季04", 4, "episodes", None),
        ("第一章前言，了解了…", 1, "chapters", None),
        ("Day 12", 12, "days", None),
        ("Go语言基础-上-Day01-Go命令行", 1, "days", None),
        ("Chapter 6", 6, "chapters", None),
        ("Lecture 2 of 18", 2, "lessons", 18),
        ("Day 12/100", 12, "days", 100),
        ("Chapter 5/6", 5, "chapters", 6),
        ("Lec 3 of the course", 3, "lessons", None),
        ("Unit 8", 8, "units", None),
        ("Episode 5", 5, "episodes", None),
        ("Part II", 2, "parts", None),
        ("Part two of it", 2, "parts", None),
        ("p. 120", 120, "pages", None),
        ("the 3rd module", 3, "modules", None),
        ("Week 1", 1, "weeks", None),
        ("Season 2", 2, "seasons", None),
        ("P40 08-尚硅谷-JavaScript-函数", 40, "parts", None),
        ("【数学思维】四周-P9-第二周总结", 9, "parts", None),
        ("Genius.S01E09", 9, "episodes", None),
        ("S3-07. Done", 7, "episodes", None),
    ],
)
def test_counts(line: str, value: float, unit: str, total: float | None) -> None:
    first = find_counts(line)[0]
    assert (first.value, first.unit, first.total) == (value, unit, total)


@pytest.mark.parametrize(
    "line",
    [
        "第二天早上醒来",  # the next morning
        "第九章并发的代码敲一遍",  # chapter nine's code
        "完成 TLPI 第 5/6 章的习题",
        "section 10.3",
        "div、span、p. 19:35",  # a clock time
        "part i",
        "page X",
        "P2P, peer to peer",
        "从闲鱼二手 P40 P100",  # graphics cards, not parts
        "这是第一篇文章",
    ],
)
def test_no_count(line: str) -> None:
    assert find_counts(line) == []


@pytest.mark.parametrize(
    ("line", "whole"),
    [
        ("《置身事内》共 20 章", (20, "chapters")),
        ("一共二十章", (20, "chapters")),
        ("全书 572 页", (572, "pages")),
        ("共计3集", (3, "episodes")),
        ("共 5 个模块", (5, "modules")),
        ("Dune has 22 chapters in total", (22, "chapters")),
        ("a total of 12 lectures", (12, "lessons")),
        ("共同 20 章", None),
        ("总共花了 3 天", None),  # how long it took, not how long it is
        ("共 3 天", None),
    ],
)
def test_a_whole_said_in_words(line: str, whole: tuple[int, str] | None) -> None:
    found = find_whole(line)
    assert (None if found is None else (found.value, found.unit)) == whole
