"""Progress said in a sentence: what was finished, and how far, with the item it names."""

from __future__ import annotations

import pytest

from bot.progress.sentences import CONTEXT, finished_said, percent_said


@pytest.mark.parametrize(
    ("line", "items"),
    [
        ("Today I finished the ES6 section", ["ES6 section"]),
        ('Finished "Portfolio Site" project', ["Portfolio Site"]),
        ("Flexbox - finished ✅", ["Flexbox"]),
        ("Finished the Events section and learned some new ideas", ["Events section"]),
        ("Finished J. Doe's Node module", ["J. Doe's Node module"]),
        ("Done with The Great Gatsby.", ["The Great Gatsby"]),
        ("finished The Old Man and the Sea", ["The Old Man and the Sea"]),
        ("Finished Murder on the Orient Express yesterday", ["Murder on the Orient Express"]),
        ("wrapped up Rustlings today", ["Rustlings"]),
        ("Finished this project.", [CONTEXT]),
        ("made it to the end of the challenge", [CONTEXT]),
        ("Watched the remaining 4 videos", [CONTEXT]),
        ("Completed the whole playlist today, videos 12-14.", [CONTEXT]),
        ("写（看）完了lab0", ["lab0"]),
        ("写了三道leetcode，至此15道练习题写完了", ["15道练习题"]),
        ("不过总算是把Rustlings写完了。", ["Rustlings"]),
        ("完成rustlings", ["rustlings"]),
        ("完成 Lab 0 学习记录撰写", ["Lab 0 学习记录"]),
        ("完成 Lab 1 实验，学习记录", ["Lab 1"]),
        ("完成总结报告", ["总结报告"]),
        ("Learn C the Hard Way * 5（全部完成）", ["Learn C the Hard Way"]),
        ("《置身事内》 - 读完了剩下的所有内容", ["置身事内"]),
    ],
)
def test_finished(line: str, items: list[str]) -> None:
    assert finished_said(line) == items


@pytest.mark.parametrize(
    "line",
    [
        "finished cleaning my tabs",  # an activity, not an item
        "finished my primary oncall shift",
        "finished ⁅⁅laundry⁆⁆",
        "finished early due to no late meetings",
        "Completed some challenges",
        "完成了rustlings中variables, functions, if部分.",  # a part
        "完成总结报告（部分）",
        "完成 TLPI 练习题 4-1 与 4-2",
        "把所有lab都做完了",  # no one item
        "I'll try to finish work early",
    ],
)
def test_not_finished(line: str) -> None:
    assert finished_said(line) == []


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("I'm now about 60% done with the Regex section", ("Regex section", 60)),
        ("…; 24% complete", (CONTEXT, 24)),
        ("Regex course is 45% complete", ("Regex course", 45)),
        ("I'm 45% through Dune", ("Dune", 45)),
        ("Progress on The Odin Project: 45% complete", ("The Odin Project", 45)),
        ("Dune 看到 45%", ("Dune", 45)),
        ("读《三体》读到了 80%", ("三体", 80)),
        ("完成了《置身事内》的 30%", ("置身事内", 30)),
        ("Completed through about half of the Node course", ("Node course", 50)),
        (
            "Support Vector Machine Infographic is halfway complete.",
            ("Support Vector Machine Infographic", 50),
        ),
        ("lab4写了一半", ("lab4", 50)),
    ],
)
def test_percent(line: str, said: tuple[str, float]) -> None:
    assert percent_said(line) == said


@pytest.mark.parametrize(
    "line",
    [
        "cut links by 50%",
        "it is >90% new code now",
        "will continue to do 80% of pomodoros",
        "文章已经完成了 90%",  # no name said
        "中国 48% 的贫困是因病致贫",
        "第二章看了一半",  # half of a chapter, not of an item
        "流量下降 50% ~ 60%",
    ],
)
def test_no_percent(line: str) -> None:
    assert percent_said(line) is None
